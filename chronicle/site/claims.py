"""Claims on the site: contested events, claims side by side, provenance, statements.

Everything here is computed from the gathered chronicle (each source passage's
:class:`~chronicle.model.Analysis`) once per build, before pages fork; templates get
plain records. An event's sources are numbered in page order (1 = the primary passage),
and every provenance marker points at ``#source-N`` on the event page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chronicle.claims.contest import NOT_CONTESTED, Contest
from chronicle.model import Analysis, Claim, DatedPassage, Event
from chronicle.site.reuse import leaf, record

if TYPE_CHECKING:
    from chronicle.site.context import SiteContext
    from chronicle.site.linked import EntityView, EventView, Linked

leaf(Claim)
leaf(Contest)
EMPTY = Analysis(passage_id="")
STANCE_LABELS = {
    "asserts": "says",
    "denies": "denies",
    "accuses": "accuses",
    "warns": "warns",
}


@record
@dataclass(frozen=True)
class ClaimRef:
    """One claim with the source it comes from."""

    claim: Claim
    source: int  # 1-based number of the source on the event page
    passage: DatedPassage
    page: str  # site-relative URL of the passage on its source page
    publisher: str | None
    speaker: EntityView | None  # the speaker's actor page, when the speaker is an actor


@record
@dataclass(frozen=True)
class Column:
    """The claims of one side of an event, for the side-by-side view."""

    side: str | None  # "ukraine", "russia", ... or None for everyone else
    label: str
    claims: tuple[ClaimRef, ...]


@leaf
@dataclass(frozen=True)
class Provenance:
    """What one source passage contributed to its event (ids of the event's entities)."""

    actors: tuple[str, ...]
    places: tuple[str, ...]
    killed: int | None
    injured: int | None
    date_evidence: str
    unverified: str | None


@record
@dataclass(frozen=True)
class Statement:
    """A claim an actor made, for the actor's page."""

    claim: Claim
    event: EventView
    passage: DatedPassage
    page: str


def analysis_of(ctx: SiteContext, dp: DatedPassage) -> Analysis:
    return ctx.chronicle.analyses.get(dp.passage.id, EMPTY)


def analyses_of(ctx: SiteContext, e: Event) -> list[Analysis]:
    found = ctx.chronicle.analyses
    return [found.get(dp.passage.id, EMPTY) for dp in e.sources]


def contest_of(ctx: SiteContext, e: Event) -> Contest:
    return ctx.contests.get(e.id, NOT_CONTESTED)


def provenance(ctx: SiteContext, e: Event) -> list[Provenance]:
    """Per source, in order: the event's actors and places it names, its figures."""
    actors, places = set(e.actors), set(e.places)
    out = []
    for dp, a in zip(e.sources, analyses_of(ctx, e), strict=True):
        out.append(
            Provenance(
                tuple(x for x in dict.fromkeys(a.actors) if x in actors),
                tuple(x for x in dict.fromkeys(a.places) if x in places),
                a.killed,
                a.injured,
                dp.date.evidence,
                a.unverified,
            )
        )
    return out


def marks(prov: list[Provenance]) -> dict[str, Any]:
    """Source numbers behind each actor, place and figure (for the markers)."""
    out: dict[str, dict[Any, list[int]]] = {"actors": {}, "places": {}, "figures": {}}
    for n, p in enumerate(prov, start=1):
        for a in p.actors:
            out["actors"].setdefault(a, []).append(n)
        for x in p.places:
            out["places"].setdefault(x, []).append(n)
        if p.killed is not None:
            out["figures"].setdefault("killed", []).append(n)
        if p.injured is not None:
            out["figures"].setdefault("injured", []).append(n)
    return out


def claim_refs(ctx: SiteContext, e: Event, linked: Linked) -> list[ClaimRef]:
    """The event's claims in source order, each statement once (a digest and its live
    blog often carry the same sentence)."""
    seen: set[tuple[str | None, str]] = set()
    out = []
    for n, (dp, a) in enumerate(zip(e.sources, analyses_of(ctx, e), strict=True), start=1):
        doc = ctx.document_of(dp)
        for c in a.claims:
            key = (c.speaker or c.speaker_text, c.text)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                ClaimRef(
                    c,
                    n,
                    dp,
                    ctx.urls.passage(dp.passage.id),
                    doc.publisher if doc else None,
                    linked.actor(c.speaker) if c.speaker else None,
                )
            )
    return out


def columns(ctx: SiteContext, refs: Iterable[ClaimRef]) -> list[Column]:
    """Claims grouped by side (sides in order of first claim), everyone else last."""
    by_side: dict[str | None, list[ClaimRef]] = {}
    for r in refs:
        by_side.setdefault(r.claim.side, []).append(r)
    order = [s for s in by_side if s is not None] + ([None] if None in by_side else [])
    out = []
    for side in order:
        if side is None:
            label = "Other sources" if len(order) > 1 else "Sources"
        else:
            ent = ctx.actors.get(side)
            label = f"{ent.name if ent else side.replace('-', ' ').title()} side"
        out.append(Column(side, label, tuple(by_side[side])))
    return out


def statements(ctx: SiteContext, actor_id: str, events: list[Event], linked: Linked) -> list[Any]:
    """(day, statements, whether the day has a page) of the actor in ``events``, newest
    first; an event known only to its month is grouped under its month's first day."""
    days: dict[dt.date, list[Statement]] = {}
    exact: set[dt.date] = set()
    for e in events:
        if e.date.precision == "day":
            exact.add(e.date.value)
        seen: set[str] = set()
        for dp, a in zip(e.sources, analyses_of(ctx, e), strict=True):
            for c in a.claims:
                if c.speaker != actor_id or c.text in seen:
                    continue
                seen.add(c.text)
                days.setdefault(e.date.value, []).append(
                    Statement(c, linked.event(e), dp, ctx.urls.passage(dp.passage.id))
                )
    return sorted(
        ((day, items, day in exact) for day, items in days.items()),
        key=lambda kv: kv[0],
        reverse=True,
    )


def claim_json(c: Claim) -> dict[str, Any]:
    return {
        "speaker": c.speaker,
        "verb": c.verb,
        "stance": c.stance,
        "text": c.text,
        "hedged": c.hedged,
        "speaker_text": c.speaker_text,
        "side": c.side,
        "hedge": c.hedge,
        "kind": c.kind,
        "via": c.via,
    }


def source_json(p: Provenance, a: Analysis) -> dict[str, Any]:
    """The provenance fields of one source in events.json."""
    return {
        "actors": list(p.actors),
        "places": list(p.places),
        "killed": p.killed,
        "injured": p.injured,
        "date_evidence": p.date_evidence,
        "claims": [claim_json(c) for c in a.claims],
        "unverified": p.unverified,
    }
