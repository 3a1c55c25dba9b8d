"""Data exports: events.json (the contract of issue 2), events.csv, actors.json, report.json.

The event exports take the events they hold: the site writes them per year (see
:mod:`chronicle.site.exports_years`), each file with the entities its events name.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from chronicle.model import Diagnostic, Entity, Event
from chronicle.site import claims
from chronicle.site.context import SiteContext
from chronicle.site.urls import safe_http_url

CSV_COLUMNS = (
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
)


def collapse(text: str | None) -> str:
    """Whitespace runs as one space, trimmed (str.split's whitespace is re's ``\\s``)."""
    return " ".join((text or "").split())


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def actor_json(a: Entity) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases)}


def place_json(p: Entity) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "kind": p.kind, "lat": p.lat, "lon": p.lon}


def event_json(ctx: SiteContext, e: Event) -> dict[str, Any]:
    sources = []
    prov = claims.provenance(ctx, e)
    contest = claims.contest_of(ctx, e)
    for dp, pv, an in zip(e.sources, prov, claims.analyses_of(ctx, e), strict=True):
        doc = ctx.document_of(dp)
        p = dp.passage
        sources.append(
            {
                "document": p.path,
                "line": p.line,
                "title": ctx.source_title(dp),
                "publisher": doc.publisher if doc else None,
                "url": safe_http_url(doc.url) if doc else None,
                "page": ctx.urls.passage(p.id),
                "reported": dp.reported.value.isoformat(),
                "time": dp.time or p.time,
                "text": collapse(p.text or p.title),
                **claims.source_json(pv, an),
            }
        )
    return {
        "id": e.id,
        "url": ctx.urls.events[e.id],
        "date": e.date.value.isoformat(),
        "reported": e.reported.isoformat(),
        "date_precision": e.date.precision,
        "date_evidence": e.date.evidence,
        "time": e.time,
        "topic": e.topic,
        "title": e.title,
        "summary": e.summary,
        "actors": [actor_json(ctx.actors[a]) for a in dict.fromkeys(e.actors)],
        "places": [place_json(ctx.places[p]) for p in dict.fromkeys(e.places)],
        "killed": e.killed,
        "injured": e.injured,
        "sources": sources,
        "contested": contest.contested,
        "contested_reasons": list(contest.reasons),
    }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "code": d.code,
        "severity": d.severity,
        "path": d.path,
        "line": d.line,
        "message": d.message,
    }


def actors_json(ctx: SiteContext) -> list[dict[str, Any]]:
    rows = []
    for key, a in ctx.actors.items():
        events = ctx.by_actor.get(key, [])
        rows.append(
            {
                **actor_json(a),
                "roles": list(a.roles),
                "affiliation": a.affiliation,
                "wikidata": a.wikidata,
                "url": ctx.urls.actors[key],
                "events": len(events),
                "first_seen": events[0].date.value.isoformat() if events else None,
                "last_seen": events[-1].date.value.isoformat() if events else None,
                "co_mentioned": [
                    {"id": other.id, "count": n} for other, n in ctx.co_mentioned(key)
                ],
            }
        )
    return rows


def events_json(
    ctx: SiteContext, warnings: list[Diagnostic] | None, events: list[Event] | None = None
) -> str:
    """``events`` (default: all) with the tables of the actors, places and topics they
    name (all of them for the whole site); ``topics[].events`` counts this file's events.
    ``warnings=None`` leaves the build's warnings out (a year's file: they are in the
    manifest, once)."""
    chosen = ctx.events if events is None else events
    whole = events is None
    named_actors = {a for e in chosen for a in e.actors}
    named_places = {p for e in chosen for p in e.places}
    topic_counts: dict[str, int] = {}
    for e in chosen:
        topic_counts[e.topic] = topic_counts.get(e.topic, 0) + 1
    data = {
        "actors": [
            {
                **actor_json(a),
                "roles": list(a.roles),
                "affiliation": a.affiliation,
                "url": ctx.urls.actors[k],
            }
            for k, a in ctx.actors.items()
            if whole or k in named_actors
        ],
        "places": [
            {**place_json(p), "country": p.country, "url": ctx.urls.places[k]}
            for k, p in ctx.places.items()
            if whole or k in named_places
        ],
        "topics": [
            {
                "id": t.id,
                "name": t.name,
                "description": t.description,
                "url": ctx.urls.topics[k],
                "events": topic_counts.get(k, 0),
            }
            for k, t in ctx.topics.items()
            if whole or k in topic_counts
        ],
    }
    if warnings is not None:
        data["warnings"] = [diagnostic_json(d) for d in warnings]
    # One event per line: readable and diffable, and written by json's C encoder
    # (an indented dump of thousands of events takes seconds in pure Python).
    # Compact separators: a space after every comma and colon is 6% of the file.
    lines = ",\n".join(
        json.dumps(event_json(ctx, e), ensure_ascii=False, separators=(",", ":")) for e in chosen
    )
    rest = ",\n".join(
        f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items()
    )
    return f'{{"events": [\n{lines}\n],\n{rest}}}\n'


def defuse(cell: str) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def events_csv(ctx: SiteContext, events: list[Event] | None = None) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in ctx.events if events is None else events:
        places = [ctx.places[p] for p in dict.fromkeys(e.places)]
        located = next((p for p in places if p.lat is not None and p.lon is not None), None)
        sources = []
        for dp in e.sources:
            doc = ctx.document_of(dp)
            where = (
                safe_http_url(doc.url) if doc else None
            ) or f"{dp.passage.path}:{dp.passage.line}"
            publisher = doc.publisher if doc and doc.publisher else ""
            sources.append(f"{publisher} {where}".strip())
        writer.writerow(
            [
                e.id,
                e.date.value.isoformat(),
                defuse(ctx.topic_name(e.topic)),
                defuse("; ".join(ctx.actors[a].name for a in dict.fromkeys(e.actors))),
                defuse("; ".join(p.name for p in places)),
                "" if located is None else f"{located.lat:.5f}",
                "" if located is None else f"{located.lon:.5f}",
                "" if e.killed is None else str(e.killed),
                "" if e.injured is None else str(e.injured),
                defuse(" | ".join(sources)),
                defuse(collapse(e.summary or e.title)),
            ]
        )
    return buf.getvalue()


def report_json(ctx: SiteContext, warnings: list[Diagnostic]) -> str:
    unused = []
    for pid, reason in sorted(ctx.unused.items()):
        dp = ctx.chronicle.passages.get(pid)
        unused.append(
            {
                "passage": pid,
                "document": dp.passage.path if dp else None,
                "line": dp.passage.line if dp else None,
                "page": ctx.urls.passage(pid) or None,
                "reason": reason,
                "text": collapse(dp.passage.title or dp.passage.text)[:300] if dp else None,
            }
        )
    return dumps(
        {
            "counts": {
                "documents": len(ctx.documents),
                "passages": len(ctx.chronicle.passages),
                "events": len(ctx.events),
                "actors": len(ctx.actors),
                "places": len(ctx.places),
                "topics": len(ctx.topics),
            },
            "unused_passages": unused,
            "warnings": [diagnostic_json(d) for d in warnings],
        }
    )
