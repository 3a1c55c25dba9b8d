"""Data exports split by year: the manifest lists every year's files, each parses, and
together they hold every event once; entity feeds, calendars and embeds stay bounded."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import geojson
import icalendar
import pytest
from helpers.factories import make_chronicle
from helpers.site_exports import export_text

from chronicle.config import Config
from chronicle.model import Chronicle
from chronicle.site import exports_geo, feeds, views, write_site
from chronicle.site.exports_years import YEAR_FILES, read_events

ATOM = "{http://www.w3.org/2005/Atom}"


def two_years() -> Chronicle:
    """The synthetic chronicle with its first two events moved to the last days of 2025."""
    c = make_chronicle()
    moved = []
    for i, e in enumerate(c.events):
        if i < 2:
            day = dt.date(2025, 12, 30 + i)
            e = dataclasses.replace(e, date=dataclasses.replace(e.date, value=day))
        moved.append(e)
    return dataclasses.replace(c, events=tuple(moved))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Chronicle]:
    chron = two_years()
    out = tmp_path_factory.mktemp("years") / "site"
    write_site(chron, Config(search=False), out)
    return out, chron


def test_manifest_lists_each_year_and_its_files_parse_back(site) -> None:
    out, chron = site
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    assert [y["year"] for y in index["years"]] == [2025, 2026]
    assert index["events"] == len(chron.events) == sum(y["events"] for y in index["years"])
    for year in index["years"]:
        assert set(year["files"]) == set(YEAR_FILES)
        files = {name: out / url for name, url in year["files"].items()}
        assert all(f.is_file() for f in files.values()), year
        data = json.loads(export_text(files["events.json"]))
        ids = [e["id"] for e in data["events"]]
        assert len(ids) == year["events"]
        assert all(e["date"].startswith(str(year["year"])) for e in data["events"])
        assert (year["first"], year["last"]) == (
            data["events"][0]["date"],
            data["events"][-1]["date"],
        )
        # The tables hold exactly the entities this year's events name.
        assert {a["id"] for a in data["actors"]} == {
            a["id"] for e in data["events"] for a in e["actors"]
        }
        assert {p["id"] for p in data["places"]} == {
            p["id"] for e in data["events"] for p in e["places"]
        }
        rows = list(csv.DictReader(io.StringIO(export_text(files["events.csv"]), newline="")))
        assert [r["event_id"] for r in rows] == ids
        cal = icalendar.Calendar.from_ical(export_text(files["events.ics"]))
        assert sorted(str(v["UID"]) for v in cal.walk("VEVENT")) == sorted(
            f"{i}@chronicle" for i in ids
        )
        timeline = json.loads(export_text(files["timeline.json"]))
        assert [t["unique_id"] for t in timeline["events"]] == ids
        assert str(year["year"]) in timeline["title"]["text"]["headline"]
        collection = geojson.loads(export_text(files["events.geojson"]))
        assert collection.is_valid and {f["id"] for f in collection["features"]} <= set(ids)
    # Together the years hold every event once, in chronological order.
    every = read_events(
        (out / "data/index.json").read_text("utf-8"),
        lambda url: (out / url).read_bytes(),
    )
    assert sorted(e["id"] for e in every) == sorted(e.id for e in chron.events)
    assert [e["date"] for e in every] == sorted(e["date"] for e in every)
    assert {w["code"] for w in index["warnings"]} == {
        d.code for d in chron.diagnostics if d.severity in ("warning", "error")
    }
    for name, url in index["files"].items():
        assert (out / url).is_file(), name


def test_no_whole_corpus_copy_of_the_year_files(site) -> None:
    out, _ = site
    for name in ("events.json", "events.csv", "events.geojson", "timeline.json"):
        assert not (out / "data" / name).exists(), name
        assert not (out / "data" / f"{name}.gz").exists(), name


def test_site_calendar_holds_the_newest_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports_geo, "SITE_CALENDAR_SIZE", 3)
    chron = make_chronicle()
    write_site(chron, Config(search=False), tmp_path / "s")
    cal = icalendar.Calendar.from_ical((tmp_path / "s/data/events.ics").read_bytes())
    dates = [ev.decoded("DTSTART") for ev in cal.walk("VEVENT")]
    assert len(dates) == 3
    assert min(dates) >= sorted(e.date.value for e in chron.events)[-3]


def test_entity_feeds_calendars_and_embeds_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feeds, "ENTITY_FEED_SIZE", 2)
    monkeypatch.setattr(exports_geo, "CALENDAR_SIZE", 2)
    monkeypatch.setattr(views, "EMBED_SIZE", 2)
    chron = make_chronicle(extra_days=12)
    write_site(chron, Config(search=False), tmp_path / "s")
    out = tmp_path / "s"
    russia = [e for e in chron.events if "russia" in e.actors]
    assert len(russia) > 2
    newest = sorted(e.date.value for e in russia)[-2]
    entries = ET.parse(out / "actors/russia/feed.xml").getroot().findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert all(e.findtext(f"{ATOM}updated")[:10] >= newest.isoformat() for e in entries)
    cal = icalendar.Calendar.from_ical((out / "actors/russia/calendar.ics").read_bytes())
    assert len(cal.walk("VEVENT")) == 2
    embed = (out / "embed/actors/russia/index.html").read_text("utf-8")
    assert embed.count('<li><a href="/events/') == 2
    assert f"The 2 newest of {len(russia)} events" in embed
    # The site's own feed is not cut to the entities' size.
    site_entries = ET.parse(out / "feed.xml").getroot().findall(f"{ATOM}entry")
    assert len(site_entries) == min(len(chron.events), feeds.FEED_SIZE)
