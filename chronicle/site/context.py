"""Everything the templates need, indexed once before any page is rendered.

Iteration orders are fixed here (sorted by date, time and id) so two builds of
the same input write byte-identical pages.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from chronicle.claims.contest import Contest
from chronicle.config import Config
from chronicle.model import Analysis, Chronicle, DatedPassage, Document, Entity, Event, Topic
from chronicle.site.urls import SiteUrls, build_urls

ACTOR_KINDS = ("person", "org", "state", "group")


def event_key(e: Event) -> tuple[dt.date, str, str, int, str]:
    """Chronological order: date, time (untimed first), then the order of the source."""
    first = e.sources[0].passage if e.sources else None
    return (
        e.date.value,
        e.time or "",
        first.path if first else "",
        first.line if first else 0,
        e.id,
    )


def topic_label(topic_id: str) -> str:
    return topic_id.replace("-", " ").replace("_", " ").strip().capitalize() or "Other"


@dataclass
class SiteContext:
    chronicle: Chronicle
    config: Config
    urls: SiteUrls
    events: list[Event]  # chronological
    actors: dict[str, Entity]
    places: dict[str, Entity]
    topics: dict[str, Topic]
    documents: dict[str, Document]
    by_day: dict[dt.date, list[Event]]
    by_actor: dict[str, list[Event]]
    by_place: dict[str, list[Event]]
    by_topic: dict[str, list[Event]]
    passage_events: dict[str, list[Event]]
    doc_events: dict[str, list[Event]]
    unused: dict[str, str]
    days: list[dt.date] = field(default_factory=list)
    #: Events known only to the week, month or year: on their month's page, never on a day.
    by_month: dict[tuple[int, int], list[Event]] = field(default_factory=dict)
    _dates: dict[tuple[str, int], tuple[list[dt.date], list[str]]] = field(default_factory=dict)
    _by_id: dict[str, Event] = field(default_factory=dict)
    _co: dict[tuple[str, int], list[tuple[Entity, int]]] = field(default_factory=dict)
    contests: dict[str, Contest] = field(default_factory=dict)  # contested events by id

    # -- lookups used by templates -------------------------------------------------
    def topic_name(self, topic_id: str) -> str:
        t = self.topics.get(topic_id)
        return t.name if t else topic_label(topic_id)

    def document_of(self, dp: DatedPassage) -> Document | None:
        return self.documents.get(dp.passage.document_id)

    def source_title(self, dp: DatedPassage) -> str:
        doc = self.document_of(dp)
        return dp.passage.title or (doc.title if doc else "") or dp.passage.path

    def casualty_total(self, events: list[Event]) -> tuple[int, int]:
        return (
            sum(e.killed or 0 for e in events),
            sum(e.injured or 0 for e in events),
        )

    def co_mentioned(self, actor_id: str, limit: int = 10) -> list[tuple[Entity, int]]:
        """Actors named with ``actor_id``, most often first (memoised: every page of a
        long timeline and actors.json ask for the same list)."""
        found = self._co.get((actor_id, limit))
        if found is not None:
            return found
        counts = Counter(
            chain.from_iterable(dict.fromkeys(e.actors) for e in self.by_actor.get(actor_id, []))
        )
        counts.pop(actor_id, None)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], self.actors[kv[0]].name, kv[0]))
        found = self._co[(actor_id, limit)] = [(self.actors[k], n) for k, n in ranked[:limit]]
        return found

    def top(self, index: dict[str, list[Event]], limit: int) -> list[tuple[str, int]]:
        ranked = sorted(index.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return [(k, len(v)) for k, v in ranked[:limit] if v]

    def related(self, event: Event, limit: int = 5, window: int = 7) -> list[Event]:
        """Events sharing actors (2 points each) or places (1 point), within ``window``
        days, best first; the same topic breaks ties. Found through the actor and place
        indexes (counted in C), and only candidates that can still reach the top
        ``limit`` are ranked (the topic adds at most one point)."""
        d0 = event.date.value
        lo, hi = d0 - dt.timedelta(days=window), d0 + dt.timedelta(days=window)
        scores: Counter[str] = Counter()
        for keys, index, points in (
            (event.actors, self.by_actor, 2),
            (event.places, self.by_place, 1),
        ):
            for key in dict.fromkeys(keys):
                found = self._dates.get((key, points))
                if found is None:
                    events = index.get(key, [])
                    found = self._dates[(key, points)] = (
                        [e.date.value for e in events],
                        [e.id for e in events],
                    )
                dates, ids = found
                near = ids[bisect_left(dates, lo) : bisect_right(dates, hi)]
                for _ in range(points):
                    scores.update(near)
        scores.pop(event.id, None)
        if not scores:
            return []
        by_id = self._by_id
        if not by_id:
            by_id.update((e.id, e) for e in self.events)
        candidates: Iterable[tuple[str, int]] = scores.items()
        if len(scores) > limit:
            floor = heapq.nlargest(limit, scores.values())[-1] - 1
            candidates = [(oid, n) for oid, n in candidates if n >= floor]
        topic = event.topic
        ranked = sorted(
            (
                -(n + (1 if by_id[oid].topic == topic else 0)),
                abs((by_id[oid].date.value - d0).days),
                oid,
            )
            for oid, n in candidates
        )
        return [by_id[oid] for _, _, oid in ranked[:limit]]


def _placeholder(entity_id: str, kind: str) -> Entity:
    return Entity(id=entity_id, name=entity_id.replace("-", " ").title() or entity_id, kind=kind)


def build_context(chronicle: Chronicle, config: Config) -> SiteContext:
    events = sorted(chronicle.events, key=event_key)
    # Entities named by events but missing from the tables still get a page.
    actors = dict(sorted(chronicle.actors.items()))
    places = dict(sorted(chronicle.places.items()))
    topics = dict(chronicle.topics)
    for e in events:
        for a in e.actors:
            if a not in actors:
                actors[a] = _placeholder(a, "group")
        for p in e.places:
            if p not in places:
                places[p] = _placeholder(p, "place")
        if e.topic and e.topic not in topics:
            topics[e.topic] = Topic(id=e.topic, name=topic_label(e.topic))
    urls = build_urls(chronicle, list(actors), list(places), list(topics))

    by_day: dict[dt.date, list[Event]] = {}
    by_actor: dict[str, list[Event]] = {k: [] for k in actors}
    by_place: dict[str, list[Event]] = {k: [] for k in places}
    by_topic: dict[str, list[Event]] = {k: [] for k in topics}
    passage_events: dict[str, list[Event]] = {}
    doc_events: dict[str, list[Event]] = {}
    by_month: dict[tuple[int, int], list[Event]] = {}
    for e in events:
        if e.date.precision == "day":
            by_day.setdefault(e.date.value, []).append(e)
        else:  # "in January": the month's page, not a made-up 1 January
            by_month.setdefault((e.date.value.year, e.date.value.month), []).append(e)
        for a in dict.fromkeys(e.actors):
            by_actor[a].append(e)
        for p in dict.fromkeys(e.places):
            by_place[p].append(e)
        if e.topic:
            by_topic[e.topic].append(e)
        for dp in e.sources:
            passage_events.setdefault(dp.passage.id, []).append(e)
            doc_list = doc_events.setdefault(dp.passage.document_id, [])
            if not doc_list or doc_list[-1] is not e:
                doc_list.append(e)
    documents: dict[str, Document] = {}
    for d in chronicle.documents:
        documents.setdefault(d.id, d)
    ctx = SiteContext(
        chronicle=chronicle,
        config=config,
        urls=urls,
        events=events,
        actors=actors,
        places=places,
        topics=topics,
        documents=documents,
        by_day=by_day,
        by_actor=by_actor,
        by_place=by_place,
        by_topic=by_topic,
        passage_events=passage_events,
        doc_events=doc_events,
        unused=dict(chronicle.unused_passages),
        days=sorted(by_day),
        by_month=by_month,
    )
    ctx.contests = contested_events(chronicle, ctx.events)
    return ctx


def contested_events(chronicle: Chronicle, events: Iterable[Event]) -> dict[str, Contest]:
    """Contested events by id (only those whose sources disagree)."""
    from chronicle.claims.contest import judge

    empty = Analysis(passage_id="")
    out = {}
    for e in events:
        c = judge([chronicle.analyses.get(dp.passage.id, empty) for dp in e.sources])
        if c.contested:
            out[e.id] = c
    return out
