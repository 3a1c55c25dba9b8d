"""GeoJSON, iCalendar and TimelineJS exports, each read back with a parser for its format."""

from __future__ import annotations

import datetime as dt
import json

import geojson
import icalendar
import jsonschema
from conftest import BuiltSite
from helpers.site_exports import csv_rows, year_texts

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


def test_geojson_has_a_point_per_located_event_with_what_a_map_needs(
    synthetic_site: BuiltSite,
) -> None:
    site = synthetic_site.out
    rows = csv_rows(site)
    located = [r for r in rows if r["latitude"]]
    features = []
    for text in year_texts(site, "events.geojson"):
        collection = geojson.loads(text)
        assert collection.is_valid, collection.errors()
        assert collection["type"] == "FeatureCollection"
        features += collection["features"]
    assert [f["id"] for f in features] == [r["event_id"] for r in located]
    assert features and len(located) < len(rows)  # an event without coordinates has no point
    for feature, row in zip(features, located, strict=True):
        props = feature["properties"]
        assert set(props) == {"title", "date", "topic", "url"}
        assert props["date"] == row["event_date"] and props["topic"] == row["topic"]
        lon, lat = feature["geometry"]["coordinates"]
        assert f"{lat:.5f}" == row["latitude"] and f"{lon:.5f}" == row["longitude"]
        assert (site / props["url"] / "index.html").is_file()


def test_icalendar_has_one_all_day_entry_per_event(synthetic_site: BuiltSite) -> None:
    site = synthetic_site.out
    data = "".join(year_texts(site, "events.ics")).encode()
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))
    events = [
        ev
        for text in year_texts(site, "events.ics")
        for ev in icalendar.Calendar.from_ical(text).walk("VEVENT")
    ]
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
    found = []
    for text in year_texts(synthetic_site.out, "timeline.json"):
        data = json.loads(text)
        jsonschema.validate(data, TIMELINE_SCHEMA)
        found += data["events"]
    assert len(found) == len(synthetic_site.chronicle.events)
    # Texts are HTML: a hostile actor or title can only arrive escaped.
    for ev in found:
        assert "<script" not in ev["text"]["headline"].lower()
        assert ev["text"]["headline"].startswith('<a href="/events/')
