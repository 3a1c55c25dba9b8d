""" "What happened": an extractive summary of a day, its main events in a few lines.

Each event of the day is scored by how many distinct documents report it, the casualties
it reports and its novelty (places and actors the chronicle had not named in the week
before); the best few are listed, in the order of the score, each linking down to its
entry on the day page. Nothing is written: titles are the events' own.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from chronicle.model import Event
from chronicle.site.context import SiteContext
from chronicle.site.reuse import record

#: How far back "new" looks.
NOVELTY_DAYS = 7


@record
@dataclass(frozen=True)
class Highlight:
    event: Any  # the event, or its view (what pages get)
    reasons: tuple[str, ...]  # why it ranks: "4 sources", "12 killed", "first report from X"
    score: float


def _documents(e: Event) -> int:
    return len({dp.passage.document_id for dp in e.sources})


def _seen_before(dates: list[dt.date], day: dt.date) -> bool:
    """Whether an entity with events on ``dates`` (sorted) had one in the week before."""
    i = bisect_left(dates, day - dt.timedelta(days=NOVELTY_DAYS))
    return i < len(dates) and dates[i] < day


class DaySummaries:
    """Summaries of any day, with the entity date lists built once per build."""

    def __init__(self, ctx: SiteContext) -> None:
        self.ctx = ctx
        self._dates: dict[tuple[str, str], list[dt.date]] = {}

    def _entity_dates(self, kind: str, key: str) -> list[dt.date]:
        found = self._dates.get((kind, key))
        if found is None:
            index = self.ctx.by_place if kind == "place" else self.ctx.by_actor
            found = self._dates[(kind, key)] = [e.date.value for e in index.get(key, [])]
        return found

    def latest(self, look_back: int = 30) -> tuple[dt.date, list[Highlight]] | None:
        """The newest day that has a summary (a day of one event has none), for the home
        page; None when none of the last ``look_back`` days has one."""
        for day in reversed(self.ctx.days[-look_back:]):
            found = self.highlights(day, self.ctx.by_day[day])
            if found:
                return day, found
        return None

    def highlights(self, day: dt.date, events: list[Event], limit: int = 0) -> list[Highlight]:
        """The day's main events, best first: at most ``limit`` (default: 3, 4 or 5 as
        the day has fewer than 10, 30 or more events); none for a day of one event."""
        if len(events) < 2:
            return []
        if limit <= 0:
            limit = 3 if len(events) < 10 else 4 if len(events) < 30 else 5
        ctx = self.ctx
        scored: list[tuple[float, int, str, Highlight]] = []
        for order, e in enumerate(events):
            reasons: list[str] = []
            docs = _documents(e)
            score = 2.0 * math.log2(1 + docs)
            if docs > 1:
                reasons.append(f"{docs} sources")
            hurt = (e.killed or 0) + (e.injured or 0)
            if hurt:
                score += 1.5 * math.log10(1 + hurt) + 0.5
                if e.killed:
                    reasons.append(f"{e.killed:,} killed")
                if e.injured:
                    reasons.append(f"{e.injured:,} injured")
            new_places = [
                ctx.places[p].name
                for p in dict.fromkeys(e.places)
                if p in ctx.places and not _seen_before(self._entity_dates("place", p), day)
            ]
            new_actors = [
                a
                for a in dict.fromkeys(e.actors)
                if not _seen_before(self._entity_dates("actor", a), day)
            ]
            if new_places:
                score += 0.8
                reasons.append("first mention this week of " + ", ".join(new_places[:2]))
            score += 0.3 * min(len(new_actors), 3)
            if e.topic == "fighting":
                score += 0.2  # a war chronicle's lead is the war, everything else equal
            h = Highlight(e, tuple(reasons), round(score, 4))
            scored.append((-score, order, e.id, h))
        scored.sort(key=lambda t: t[:3])
        return [t[3] for t in scored[:limit]]
