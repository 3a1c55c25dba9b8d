"""Embeddable pages: one per actor, topic, place, day and month, mirroring the page they
embed under embed/, without the site's chrome, every link opening in the parent window,
and an "Embed this" box with the iframe code on the embedded pages."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import BuiltSite

from chronicle.site.urls import day_url, month_url


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _mirrored(site: BuiltSite) -> list[str]:
    chron = site.chronicle
    urls = [f"actors/{a}/" for a in chron.actors] + [f"topics/{t}/" for t in chron.topics]
    urls += [f"places/{p}/" for p in chron.places if (site.out / "places" / p).is_dir()]
    days = sorted({e.date.value for e in chron.events})
    urls += [day_url(d) for d in days] + sorted({month_url(d.year, d.month) for d in days})
    return urls


def test_every_entity_day_and_month_has_an_embed_without_chrome(
    synthetic_site: BuiltSite,
) -> None:
    out = synthetic_site.out
    urls = [u for u in _mirrored(synthetic_site) if (out / u / "index.html").is_file()]
    assert any(u.startswith("actors/") for u in urls) and any(u.startswith("days/") for u in urls)
    for url in urls:
        embed = out / "embed" / url / "index.html"
        assert embed.is_file(), url
        soup = _soup(embed)
        assert soup.select_one("body > header") is None and soup.find("footer") is None
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
        links = soup.select("a[href]")
        # Every link opens in the page around the iframe: one <base target>, said once.
        assert links and soup.select_one("head base")["target"] == "_top", url
        assert soup.select_one("head base").get("href") is None  # base-uri 'none' holds
        for a in links:  # every link leads to an existing page of the full site
            href = a["href"]
            assert href.startswith("/") and not href.startswith("/embed/"), href
            assert (out / href.lstrip("/") / "index.html").is_file(), href
        csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "frame-ancestors" not in csp  # nothing here forbids framing
        # The embedded page offers the code.
        page = _soup(out / url / "index.html")
        box = page.select_one("details.embed-code textarea")
        assert box is not None, url
        assert f'src="/embed/{url}"' in box.get_text()
        assert box["data-embed-path"] == f"/embed/{url}"


def test_embed_code_is_absolute_under_a_github_pages_subpath(subpath_site: BuiltSite) -> None:
    out = subpath_site.out
    page = _soup(out / "actors/russia/index.html")
    code = page.select_one("details.embed-code textarea").get_text()
    assert 'src="https://user.github.io/repo/embed/actors/russia/"' in code
    embed = _soup(out / "embed/actors/russia/index.html")
    hrefs = [a["href"] for a in embed.select("a[href]")]
    assert hrefs and all(h.startswith("/repo/") for h in hrefs)
    assert embed.select_one('link[rel="stylesheet"]')["href"] == "/repo/static/style.css"


def test_embed_lists_the_newest_events_and_counts_them(synthetic_site: BuiltSite) -> None:
    chron = synthetic_site.chronicle
    russia = sorted((e for e in chron.events if "russia" in e.actors), key=lambda e: e.date.value)
    soup = _soup(synthetic_site.out / "embed/actors/russia/index.html")
    items = soup.select("ol.embed-list > li")
    assert len(items) == len(russia)
    assert f"{len(russia)} events" in soup.select_one(".embed-meta").get_text()
    dates = [li.time["datetime"] for li in items]
    assert dates == sorted(dates, reverse=True)
