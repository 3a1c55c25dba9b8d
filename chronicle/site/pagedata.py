"""What pages show besides the model objects: source references, source-page rows, month
and kind groups, pagination and the event's schema.org data. Pure functions of the
context; ``pages.py`` schedules and renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chronicle.model import DatedPassage, Document, Entity, Event, Line
from chronicle.site.context import SiteContext
from chronicle.site.render import time_attr
from chronicle.site.reuse import JsonData, leaf, record
from chronicle.site.urls import safe_http_url

HOME_DAYS = 5
TOP_N = 12


@record
@dataclass(frozen=True)
class SourceRef:
    """One source of an event, ready for display."""

    passage: DatedPassage
    document: Document | None
    title: str
    publisher: str | None
    time: str | None
    page: str  # site-relative URL of the passage anchor
    original: str | None  # http(s) URL of the original, if known


@leaf
@dataclass(frozen=True)
class Row:
    """A run of source lines: one passage, or one line outside any passage."""

    lines: tuple[Line, ...]
    passage_id: str | None
    anchor: str | None
    role: str


def month_groups(events: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Events (or their views) in runs of one month, labelled "January 2026"."""
    groups: list[tuple[str, list[Any]]] = []
    month = None
    for e in events:
        day = e.date.value
        if (day.year, day.month) != month:
            month = (day.year, day.month)
            label = f"{day:%B %Y}"
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
        groups[-1][1].append(e)
    return groups


def _seen(events: list[Event]) -> dt.date | None:
    """The first day-precision date in ``events`` (a day page exists for it)."""
    return next((e.date.value for e in events if e.date.precision == "day"), None)


def paginate(items: list[Event], size: int) -> list[list[Event]]:
    if size <= 0 or len(items) <= size:
        return [items]
    return [items[i : i + size] for i in range(0, len(items), size)]


ACTOR_KIND_LABELS = (
    ("person", "People"),
    ("state", "States"),
    ("org", "Organisations"),
    ("group", "Groups"),
)


def kind_groups(entries: list[tuple[Entity, str, int]]) -> list[tuple[str, str, list[Any]]]:
    known = dict(ACTOR_KIND_LABELS)
    groups = [
        (k, label, [row for row in entries if row[0].kind == k]) for k, label in ACTOR_KIND_LABELS
    ]
    groups.append(("other", "Other", [row for row in entries if row[0].kind not in known]))
    return [g for g in groups if g[2]]


def page_url(base: str, n: int) -> str:
    return base if n == 1 else f"{base}page/{n}/"


def source_refs(ctx: SiteContext, event: Event) -> list[SourceRef]:
    refs = []
    for dp in event.sources:
        doc = ctx.document_of(dp)
        refs.append(
            SourceRef(
                passage=dp,
                document=doc,
                title=(doc.title if doc and doc.title else ctx.source_title(dp)),
                publisher=doc.publisher if doc else None,
                time=dp.time or dp.passage.time,
                page=ctx.urls.passage(dp.passage.id),
                original=safe_http_url(doc.url) if doc else None,
            )
        )
    return refs


def source_rows(ctx: SiteContext, doc: Document) -> list[Row]:
    """Group lines into passages: a passage runs from its first to its last line, so
    blank lines and captions inside it stay inside its frame (one anchor per passage)."""
    last: dict[str, int] = {}
    for line in doc.lines:
        if line.passage in ctx.urls.anchors:
            last[line.passage] = line.number
    rows: list[Row] = []
    current: list[Line] = []
    current_pid: str | None = None

    def flush() -> None:
        if current:
            anchor = ctx.urls.anchors.get(current_pid) if current_pid else None
            rows.append(Row(tuple(current), current_pid, anchor, current[0].role))

    seen: set[str] = set()
    for line in doc.lines:
        pid = line.passage if line.passage in last else None
        inside = current_pid is not None and line.number <= last[current_pid]
        if inside and pid in (None, current_pid):
            current.append(line)
            continue
        if pid is not None and pid == current_pid:
            current.append(line)
            continue
        flush()
        if pid is not None and pid in seen:  # a passage split by another: anchor once
            pid = None
        current = [line]
        current_pid = pid
        if pid is not None:
            seen.add(pid)
    flush()
    return rows


def event_jsonld(ctx: SiteContext, e: Event, refs: list[SourceRef]) -> dict[str, Any]:
    """schema.org data of an event page: the event, its places and actors, its sources."""
    site = ctx.config.base_url.rstrip("/") + "/" if "://" in ctx.config.base_url else None
    data: dict[str, Any] = JsonData(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": e.title,  # the summary is the page's meta description, not repeated
            "startDate": time_attr(e.date, e.time),  # "2026-01" for a month
        }
    )
    if site:  # a relative URL would only name the page it is on
        data["url"] = site + ctx.urls.events[e.id]
    places = [ctx.places[p] for p in dict.fromkeys(e.places)]
    if places:
        data["location"] = [place_ld(p) for p in places]
    actors = [ctx.actors[a] for a in dict.fromkeys(e.actors)]
    if actors:
        data["about"] = [
            {"@type": "Person" if a.kind == "person" else "Organization", "name": a.name}
            for a in actors
        ]
    data["subjectOf"] = [
        {
            "@type": "NewsArticle",
            "headline": r.title,
            **(
                {"publisher": {"@type": "Organization", "name": r.publisher}} if r.publisher else {}
            ),
            **({"url": r.original} if r.original else {}),
            "datePublished": r.passage.reported.value.isoformat(),
        }
        for r in refs
    ]
    return data


def place_ld(p: Entity) -> dict[str, Any]:
    d: dict[str, Any] = {"@type": "Place", "name": p.name}
    if p.lat is not None and p.lon is not None:
        d["geo"] = {"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon}
    return d
