"""Make a Chronicle safe to render, whatever the stages upstream produced.

The site must never crash on odd data (an empty id, a duplicate id, a time such as
"25:99", a latitude that is not a number): each is repaired here, deterministically,
and reported as a diagnostic instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re

from chronicle.model import Chronicle, Diagnostic, Entity, Event

TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _coord(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _entity(e: Entity, lat_range: float, lon_range: float) -> Entity:
    lat, lon = _coord(e.lat), _coord(e.lon)
    if lat is None or lon is None or abs(lat) > lat_range or abs(lon) > lon_range:
        lat = lon = None
    if (lat, lon) == (e.lat, e.lon):
        return e
    return dataclasses.replace(e, lat=lat, lon=lon)


def _count(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def sanitize(chronicle: Chronicle) -> tuple[Chronicle, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}
    events: list[Event] = []
    for e in chronicle.events:
        changes: dict[str, object] = {}
        eid = e.id
        if not eid or not eid.strip():
            basis = f"{e.date.value}|{e.title}|{[s.passage.id for s in e.sources]}"
            eid = f"{e.date.value}-event-{hashlib.sha1(basis.encode()).hexdigest()[:8]}"
        if eid in seen:
            seen[eid] += 1
            new = f"{eid}-{seen[eid]}"
            while new in seen:
                seen[eid] += 1
                new = f"{eid}-{seen[eid]}"
            diags.append(
                Diagnostic(
                    "C404", f"duplicate event id {e.id!r}; renamed {new!r}", severity="warning"
                )
            )
            eid = new
        seen.setdefault(eid, 1)
        if eid != e.id:
            changes["id"] = eid
        if not (e.topic or "").strip():
            changes["topic"] = "other"
        if e.time is not None and not TIME.match(str(e.time)):
            changes["time"] = None
        if not (e.title or "").strip():
            first = e.sources[0].passage if e.sources else None
            changes["title"] = (first.title or first.text[:120]) if first else "Untitled event"
        for key in ("killed", "injured"):
            value = getattr(e, key)
            if value is not None and _count(value) is None:
                changes[key] = None
        actors = tuple(a for a in e.actors if a and a.strip())
        places = tuple(p for p in e.places if p and p.strip())
        if actors != e.actors:
            changes["actors"] = actors
        if places != e.places:
            changes["places"] = places
        events.append(dataclasses.replace(e, **changes) if changes else e)  # type: ignore[arg-type]
    clean = dataclasses.replace(
        chronicle,
        events=tuple(events),
        places={k: _entity(v, 90, 180) for k, v in chronicle.places.items() if k},
        actors={k: v for k, v in chronicle.actors.items() if k},
        topics={k: v for k, v in chronicle.topics.items() if k},
    )
    return clean, diags
