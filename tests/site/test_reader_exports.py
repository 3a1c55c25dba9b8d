"""GeoJSON, iCalendar and TimelineJS exports, each read back with a parser for its format."""

from __future__ import annotations

import csv
import datetime as dt
import json

import geojson
import icalendar
import jsonschema
from conftest import BuiltSite

from chronicle.site.exports_geo import fold, ics_text

#: What TimelineJS 3 requires of its JSON (its documented format, the parts we write).
TIMELINE_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "object", "required": ["headline"]}},
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "text", "unique_id"],
                "properties": {
                    "start_date": {
                        "type": "object",
                        "required": ["year"],
                        "properties": {
                            "year": {"type": "string", "pattern": "^[0-9]{4}$"},
                            "month": {"type": "string", "pattern": "^([1-9]|1[0-2])$"},
                            "day": {"type": "string", "pattern": "^([1-9]|[12][0-9]|3[01])$"},
                        },
                    },
                    "text": {
                        "type": "object",
                        "required": ["headline"],
                        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
                    },
                    "group": {"type": "string"},
                    "unique_id": {"type": "string"},
                },
            },
        },
    },
}


def test_geojson_is_valid_and_carries_the_csv_fields(synthetic_site: BuiltSite) -> None:
    site = synthetic_site.out
    text = (site / "data/events.geojson").read_text("utf-8")
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    rows = list(csv.DictReader((site / "data/events.csv").open(encoding="utf-8")))
    features = collection["features"]
    assert [f["id"] for f in features] == [r["event_id"] for r in rows]
    for feature, row in zip(features, rows, strict=True):
        props = feature["properties"]
        assert set(row) <= set(props)
        assert props["event_date"] == row["event_date"]
        assert props["topic"] == row["topic"]
        if row["latitude"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert f"{lat:.5f}" == row["latitude"] and f"{lon:.5f}" == row["longitude"]
        else:
            assert feature["geometry"] is None
        assert (site / props["url"] / "index.html").is_file()
    assert any(f["geometry"] for f in features)


def test_icalendar_has_one_all_day_entry_per_event(synthetic_site: BuiltSite) -> None:
    site = synthetic_site.out
    data = (site / "data/events.ics").read_bytes()
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    chron = synthetic_site.chronicle
    assert len(events) == len(chron.events)
    by_uid = {str(ev["UID"]): ev for ev in events}
    for e in chron.events:
        ev = by_uid[f"{e.id}@chronicle"]
        start = ev.decoded("DTSTART")
        assert type(start) is dt.date  # all-day (VALUE=DATE)
        if e.date.precision == "day":
            assert start == e.date.value
            assert ev.decoded("DTEND") == e.date.value + dt.timedelta(days=1)
        assert str(ev["SUMMARY"]) == " ".join(e.title.split())
    # Per actor and per topic calendars, linked from their pages.
    actor = icalendar.Calendar.from_ical((site / "actors/russia/calendar.ics").read_bytes())
    assert actor.walk("VEVENT")
    assert all(
        "russia" in e.actors
        for e in chron.events
        if f"{e.id}@chronicle" in {str(v["UID"]) for v in actor.walk("VEVENT")}
    )
    assert 'href="/actors/russia/calendar.ics"' in (site / "actors/russia/index.html").read_text()
    topic = icalendar.Calendar.from_ical((site / "topics/fighting/calendar.ics").read_bytes())
    assert topic.walk("VEVENT")


def test_icalendar_urls_are_absolute_only_with_a_host(subpath_site: BuiltSite) -> None:
    cal = icalendar.Calendar.from_ical((subpath_site.out / "data/events.ics").read_bytes())
    urls = [str(ev["URL"]) for ev in cal.walk("VEVENT")]
    assert urls and all(u.startswith("https://user.github.io/repo/events/") for u in urls)


def test_icalendar_text_is_escaped_and_folded_on_character_boundaries() -> None:
    assert ics_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    line = "SUMMARY:" + "Запоріжжя " * 20
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == line  # unfolding gives the line back, no split character


def test_timelinejs_json_matches_its_format(synthetic_site: BuiltSite) -> None:
    data = json.loads((synthetic_site.out / "data/timeline.json").read_text("utf-8"))
    jsonschema.validate(data, TIMELINE_SCHEMA)
    assert len(data["events"]) == len(synthetic_site.chronicle.events)
    # Texts are HTML: a hostile actor or title can only arrive escaped.
    for ev in data["events"]:
        assert "<script" not in ev["text"]["headline"].lower()
        assert ev["text"]["headline"].startswith('<a href="/events/')
