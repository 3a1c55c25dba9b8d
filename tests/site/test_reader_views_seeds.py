"""The reader views on the real seeds: day pages with their map stay small, every map
mark and summary link leads to an existing page, and the exports cover every event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.site_exports import geo_features, site_data, year_texts

from chronicle.build import build
from chronicle.config import Config

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: The issue's budget for a day page with its map, before compression.
DAY_PAGE_LIMIT = 150 * 1024


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, warm_seeds_cache: Path) -> Path:
    root = tmp_path_factory.mktemp("reader-views-seeds")
    cfg = Config(source=SEEDS, output=root / "site", cache_dir=warm_seeds_cache)
    report = build(cfg)
    assert report.chronicle is not None and report.chronicle.events
    return root / "site"


def test_day_pages_with_their_maps_stay_under_the_budget(site: Path) -> None:
    days = sorted((site / "days").glob("[0-9]*/[0-9]*/[0-9]*/index.html"))
    assert days
    with_map = 0
    for page in days:
        size = page.stat().st_size
        assert size <= DAY_PAGE_LIMIT, f"{page.relative_to(site)}: {size} bytes"
        with_map += "war-map" in page.read_text("utf-8")
    assert with_map, "no seed day draws a map"


def test_marks_and_summaries_link_to_existing_pages(site: Path) -> None:
    for page in sorted((site / "days").glob("[0-9]*/[0-9]*/[0-9]*/index.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for a in soup.select("svg.war-map a"):
            target = site / a["href"].lstrip("/") / "index.html"
            assert target.is_file(), (page, a["href"])
        for a in soup.select("section.what-happened a"):
            assert soup.find(id=a["href"].lstrip("#")) is not None, (page, a["href"])


def test_exports_cover_every_event(site: Path) -> None:
    events = site_data(site)["events"]
    features = geo_features(site)
    timeline = [t for text in year_texts(site, "timeline.json") for t in json.loads(text)["events"]]
    ics = "".join(year_texts(site, "events.ics"))
    located = [e["id"] for e in events if any(p["lat"] is not None for p in e["places"])]
    assert [f["id"] for f in features] == located and located
    assert [t["unique_id"] for t in timeline] == [e["id"] for e in events]
    assert ics.count("BEGIN:VEVENT") == len(events)
