"""The site of the real seeds: the whole pipeline builds a site whose links, anchors and
back-links all hold, at the root and under a GitHub Pages sub-path."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.linkcheck import check_links, html_files
from helpers.site_exports import site_data

from chronicle.build import build
from chronicle.config import Config

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def cache(warm_seeds_cache: Path) -> Path:
    return warm_seeds_cache


def _build(out: Path, cache: Path, base_url: str = "/") -> Path:
    cfg = Config(source=SEEDS, output=out, cache_dir=cache, base_url=base_url)
    report = build(cfg)
    assert report.chronicle is not None and report.chronicle.events
    assert not [d for d in report.diagnostics if d.code == "C402"], "Pagefind failed"
    return out


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    return _build(tmp_path_factory.mktemp("seeds-root") / "site", cache)


@pytest.fixture(scope="module")
def seeds_subpath_site(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    out = tmp_path_factory.mktemp("seeds-sub") / "site"
    return _build(out, cache, "https://user.github.io/repo/")


def test_seeds_site_has_no_broken_link(seeds_site: Path) -> None:
    problems = check_links(seeds_site, "/")
    assert not problems, "\n".join(problems[:20])
    assert (seeds_site / "pagefind" / "pagefind-ui.js").is_file()


def test_seeds_site_has_no_broken_link_under_subpath(seeds_subpath_site: Path) -> None:
    problems = check_links(seeds_subpath_site, "/repo/")
    assert not problems, "\n".join(problems[:20])


def test_seeds_every_passage_link_lands_and_links_back(seeds_site: Path) -> None:
    data = site_data(seeds_site)
    assert len(data["events"]) >= 60
    pages: dict[Path, BeautifulSoup] = {}
    for e in data["events"]:
        assert (seeds_site / e["url"] / "index.html").is_file(), e["url"]
        for s in e["sources"]:
            page, _, anchor = s["page"].partition("#")
            path = seeds_site / page / "index.html"
            if path not in pages:
                pages[path] = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            frame = pages[path].find(id=anchor)
            assert frame is not None, s["page"]
            backs = {a["href"] for a in frame.select("a.event-backlink")}
            assert "/" + e["url"] in backs, (s["page"], e["url"])
            first_line = frame.select_one('p[id^="L"]')
            assert first_line["id"] == f"L{s['line']}", (s["page"], s["line"])


def test_seeds_event_page_shows_casualties(seeds_site: Path) -> None:
    data = site_data(seeds_site)
    hit = [e for e in data["events"] if e["killed"]]
    assert hit, "no event with casualties in the seeds"
    for e in hit:
        page = BeautifulSoup(
            (seeds_site / e["url"] / "index.html").read_text("utf-8"), "html.parser"
        )
        killed = page.select_one('[data-casualty="killed"]').get_text(strip=True)
        assert killed == f"{e['killed']:,} killed"


def test_seeds_source_pages_show_every_line(seeds_site: Path) -> None:
    shown: dict[str, set[str]] = {}
    for page in html_files(seeds_site / "sources"):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        path = soup.select_one(".crumbs .path")
        if path is None:
            continue
        texts = shown.setdefault(path.get_text(), set())
        texts.update(" ".join(t.get_text().split()) for t in soup.select('.source-text p[id^="L"]'))
    for seed in sorted(SEEDS.iterdir()):
        rel = f"seeds/{seed.name}"
        key = next((k for k in shown if k.endswith(seed.name)), None)
        assert key is not None, f"no source page for {rel}"
        for line in seed.read_text("utf-8").splitlines():
            if line.strip():
                assert " ".join(line.split()) in shown[key], (rel, line[:80])


def test_seeds_merged_events_number_their_facts_and_single_ones_do_not(seeds_site: Path) -> None:
    merged = 0
    for e in site_data(seeds_site)["events"]:
        soup = BeautifulSoup(
            (seeds_site / e["url"] / "index.html").read_text("utf-8"), "html.parser"
        )
        marks = soup.select(".facts sup.prov a")
        panels = soup.select(".source-cards > li details.provenance")
        if len(e["sources"]) == 1:
            assert not marks and not panels, e["url"]
            continue
        merged += 1
        assert len(panels) == len(e["sources"]), e["url"]
        cards = {"#" + c["id"] for c in soup.select(".source-cards > li")}
        assert {a["href"] for a in marks} <= cards, e["url"]
    assert merged
