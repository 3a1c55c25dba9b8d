"""Exports that other tools read: GeoJSON, iCalendar and TimelineJS.

- ``data/<year>/events.geojson``: a FeatureCollection, one Feature per located event (at
  the first of its places with coordinates, the point events.csv gives) with what a map
  needs: title, date, topic and page URL. Everything else is in events.json; a map
  drawing 100k points does not want the sources and summaries in every feature.
- ``data/<year>/events.ics``, ``data/events.ics`` (the newest events) and
  ``<actor or topic page>/calendar.ics``: iCalendar (RFC 5545), one all-day VEVENT per
  event (a month- or week-precision date spans its month or week).
- ``data/<year>/timeline.json``: the JSON a TimelineJS 3 timeline loads.

Nothing here reads the clock: DTSTAMP is the day the event was reported.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from typing import Any

from chronicle.model import Event
from chronicle.site.context import SiteContext
from chronicle.site.exports import collapse
from chronicle.site.feeds import absolute_base
from chronicle.site.urls import safe_http_url

#: Events in an actor's or topic's calendar, and in the site's subscription calendar
#: ``data/events.ics`` (the newest: what a subscriber's calendar shows; every event is in
#: its year's ``data/<year>/events.ics``).
CALENDAR_SIZE = 10
SITE_CALENDAR_SIZE = 100


def _sources(ctx: SiteContext, e: Event) -> list[str]:
    found = []
    for dp in e.sources:
        doc = ctx.document_of(dp)
        where = (safe_http_url(doc.url) if doc else None) or f"{dp.passage.path}:{dp.passage.line}"
        publisher = doc.publisher if doc and doc.publisher else ""
        found.append(f"{publisher} {where}".strip())
    return found


def _located(ctx: SiteContext, e: Event) -> list[Any]:
    return [ctx.places[p] for p in dict.fromkeys(e.places)]


def feature(ctx: SiteContext, e: Event) -> dict[str, Any] | None:
    """The event as a map point, or None when none of its places has coordinates."""
    point = next((p for p in _located(ctx, e) if p.lat is not None and p.lon is not None), None)
    if point is None:
        return None
    return {
        "type": "Feature",
        "id": e.id,
        "geometry": {"type": "Point", "coordinates": [round(point.lon, 5), round(point.lat, 5)]},
        "properties": {
            "title": e.title,
            "date": e.date.value.isoformat(),
            "topic": ctx.topic_name(e.topic),
            "url": ctx.urls.events[e.id],
        },
    }


def events_geojson(ctx: SiteContext, events: list[Event] | None = None) -> str:
    """One Feature per line (readable, diffable, written by json's C encoder)."""
    found = (feature(ctx, e) for e in (ctx.events if events is None else events))
    features = ",\n".join(
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in found if f is not None
    )
    return f'{{"type": "FeatureCollection", "features": [\n{features}\n]}}\n'


# -- iCalendar -----------------------------------------------------------------------


def ics_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space (never inside a
    UTF-8 sequence)."""
    data = line.encode("utf-8", "replace")  # a lone surrogate becomes "?", as in pages
    if len(data) <= 75:
        return line
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    return "\r\n ".join(parts)


def span_of(e: Event) -> tuple[dt.date, dt.date]:
    """All-day start and (exclusive) end: a day, or the week or month the date names."""
    day = e.date.value
    if e.date.precision == "month":
        start = day.replace(day=1)
        return start, (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if e.date.precision == "year":
        return day.replace(month=1, day=1), day.replace(year=day.year + 1, month=1, day=1)
    if e.date.precision == "week":
        return day, day + dt.timedelta(days=7)
    return day, day + dt.timedelta(days=1)


def vevent(ctx: SiteContext, e: Event, site: str) -> list[str]:
    start, end = span_of(e)
    page = ctx.urls.events[e.id]
    places = _located(ctx, e)
    description = collapse(e.summary or e.title)
    sources = _sources(ctx, e)
    if sources:
        description += "\n\nSources: " + " | ".join(sources)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{e.id}@chronicle",
        f"DTSTAMP:{e.reported:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        "SUMMARY:" + ics_text(collapse(e.title)),
        "DESCRIPTION:" + ics_text(description),
        "CATEGORIES:" + ics_text(ctx.topic_name(e.topic)),
    ]
    if places:
        lines.append("LOCATION:" + ics_text("; ".join(p.name for p in places)))
        point = next((p for p in places if p.lat is not None and p.lon is not None), None)
        if point is not None:
            lines.append(f"GEO:{point.lat:.5f};{point.lon:.5f}")
    if "://" in site:  # URL must be absolute; a path-only base_url has no host to give
        lines.append(f"URL:{site}{page}")
    lines.append("TRANSP:TRANSPARENT")
    lines.append("END:VEVENT")
    return lines


def calendar(ctx: SiteContext, name: str, events: list[Event]) -> str:
    site = absolute_base(ctx)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//chronicle//war chronicle//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_text(name),
    ]
    for e in events:
        lines.extend(vevent(ctx, e, site))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_specs(ctx: SiteContext) -> list[tuple[str, str, list[Event]]]:
    """(url, calendar name, events) of every calendar: the site's newest events, then per
    actor and topic (the per-year calendars are written with the other year exports)."""
    title = ctx.config.title
    specs = [("data/events.ics", title, ctx.events[-SITE_CALENDAR_SIZE:])]
    for items, urls, index in (
        (ctx.actors, ctx.urls.actors, ctx.by_actor),
        (ctx.topics, ctx.urls.topics, ctx.by_topic),
    ):
        for key, item in items.items():
            newest = index.get(key, [])[-CALENDAR_SIZE:]
            specs.append((urls[key] + "calendar.ics", f"{item.name} · {title}", newest))
    return specs


# -- TimelineJS ----------------------------------------------------------------------


def _date(day: dt.date, precision: str) -> dict[str, str]:
    d = {"year": str(day.year)}
    if precision != "year":
        d["month"] = str(day.month)
    if precision in ("day", "week"):
        d["day"] = str(day.day)
    return d


def timeline_json(
    ctx: SiteContext, chosen: list[Event] | None = None, heading: str | None = None
) -> str:
    """TimelineJS 3's JSON format; texts are HTML (escaped here), linking to the pages."""
    site = absolute_base(ctx)
    events = []
    for e in ctx.events if chosen is None else chosen:
        href = escape(site + ctx.urls.events[e.id])
        text = escape(collapse(e.summary or e.title))
        events.append(
            json.dumps(
                {
                    "unique_id": e.id,
                    "start_date": _date(e.date.value, e.date.precision),
                    "text": {
                        "headline": f'<a href="{href}">{escape(collapse(e.title))}</a>',
                        "text": f"<p>{text}</p>",
                    },
                    "group": ctx.topic_name(e.topic),
                },
                ensure_ascii=False,
                sort_keys=True,
            )
        )
    title = json.dumps(
        {
            "text": {
                "headline": escape(heading or ctx.config.title),
                "text": f"<p>{len(events)} events</p>",
            }
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    body = ",\n".join(events)
    return f'{{"title": {title},\n"events": [\n{body}\n]}}\n'
