"""One function per page kind: each yields the declarations (:class:`PageSpec`) of its
pages, with everything their templates show as data (views with URLs and names, counts,
lists); nothing here renders or writes. The scheduler (:mod:`chronicle.site.scheduler`)
walks :func:`all_pages` and writes the pages.

Every kind yields its pages in a fixed order, and a page's data is a function of the
gathered chronicle and the configuration only, so any process computes the same data
for the same page (render shards each write their share of one sequence).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

from chronicle.model import DatedPassage, Document, Event
from chronicle.site import claims, exports_years, views
from chronicle.site.context import SiteContext
from chronicle.site.entity_pages import entity_pages
from chronicle.site.feeds import feed_kwargs, feed_specs
from chronicle.site.heatmap import span
from chronicle.site.pagedata import HOME_DAYS, TOP_N, event_jsonld, source_refs, source_rows
from chronicle.site.sitedata import SiteData
from chronicle.site.spec import FileSpec, PageSpec, Spec, fixed
from chronicle.site.urls import day_url, month_url, safe_http_url, year_url


# -- home and archives ---------------------------------------------------------------
def home(s: SiteData) -> Iterator[Spec]:
    def data() -> Mapping[str, Any]:
        ctx, lk = s.ctx, s.linked
        latest = [(d, lk.events(ctx.by_day[d])) for d in reversed(ctx.days[-HOME_DAYS:])]
        killed, injured = ctx.casualty_total(ctx.events)
        summary = s.summaries.latest()
        return {
            "section": "home",
            "latest": latest,
            "heatmap": s.heatmap(),
            "top_actors": [(lk.entity("actor", k), n) for k, n in ctx.top(ctx.by_actor, TOP_N)],
            "top_topics": [(lk.entity("topic", k), n) for k, n in ctx.top(ctx.by_topic, TOP_N)],
            "top_places": [(lk.entity("place", k), n) for k, n in ctx.top(ctx.by_place, TOP_N)],
            "killed": killed,
            "injured": injured,
            "latest_summary": summary and (summary[0], s.highlights(summary[1])),
            **corpus_figures(ctx),
        }

    yield PageSpec("home.html", "", data)


def corpus_figures(ctx: SiteContext) -> dict[str, Any]:
    """The corpus-wide counts the home and report pages show."""
    return {
        "n_events": len(ctx.events),
        "n_days": len(ctx.days),
        "first_day": ctx.days[0] if ctx.days else None,
        "last_day": ctx.days[-1] if ctx.days else None,
        "n_documents": len(ctx.documents),
        "n_passages": len(ctx.chronicle.passages),
        "n_actors": len(ctx.actors),
        "n_places": len(ctx.places),
    }


def days(s: SiteData) -> Iterator[Spec]:
    ctx = s.ctx
    all_days = ctx.days
    for i, day in enumerate(all_days):
        yield PageSpec("day.html", day_url(day), _day_data(s, i, day))


def _day_data(s: SiteData, i: int, day: dt.date) -> Callable[[], Mapping[str, Any]]:
    def data() -> Mapping[str, Any]:
        ctx, lk = s.ctx, s.linked
        all_days = ctx.days
        events = ctx.by_day[day]
        groups: dict[str, list[Event]] = {}
        for e in events:
            groups.setdefault(e.topic or "other", []).append(e)
        order = list(ctx.topics)
        grouped = sorted(
            groups.items(),
            key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]),
        )
        docs: dict[str, Document] = {}
        for e in events:
            for dp in e.sources:
                doc = ctx.document_of(dp)
                if doc is not None:
                    docs.setdefault(doc.id, doc)
        shown = lk.events(events)
        return {
            "section": "days",
            "day": day,
            "events": shown,
            "groups": [(lk.topic(t), lk.events(evs)) for t, evs in grouped],
            "prev_day": all_days[i - 1] if i > 0 else None,
            "next_day": all_days[i + 1] if i + 1 < len(all_days) else None,
            "sources": [
                lk.document(d) for d in sorted(docs.values(), key=lambda d: (d.path, d.index, d.id))
            ],
            "casualties": ctx.casualty_total(events),
            "highlights": s.highlights(s.summaries.highlights(day, events)),
            "day_map": views.day_map(s, day, shown),
        }

    return data


def archives(s: SiteData) -> Iterator[Spec]:
    """Month, year and the days index."""
    ctx, lk = s.ctx, s.linked
    months: dict[tuple[int, int], list[dt.date]] = {k: [] for k in ctx.by_month}
    for d in ctx.days:
        months.setdefault((d.year, d.month), []).append(d)
    keys = sorted(months)

    def count(key: tuple[int, int]) -> int:
        extra = len(ctx.by_month.get(key, ()))
        return sum(len(ctx.by_day[d]) for d in months[key]) + extra

    years: dict[int, list[tuple[int, int]]] = {}
    for i, (y, m) in enumerate(keys):
        years.setdefault(y, []).append((y, m))

        def month_data(i: int = i, y: int = y, m: int = m) -> Mapping[str, Any]:
            return {
                "section": "days",
                "month": dt.date(y, m, 1),
                "days": [(d, lk.events(ctx.by_day[d])) for d in months[(y, m)]],
                "undated": lk.events(ctx.by_month.get((y, m), [])),
                "count": count((y, m)),
                "prev_month": dt.date(*keys[i - 1], 1) if i > 0 else None,
                "next_month": dt.date(*keys[i + 1], 1) if i + 1 < len(keys) else None,
            }

        yield PageSpec("month.html", month_url(y, m), month_data)
    year_keys = sorted(years)
    for i, y in enumerate(year_keys):

        def year_data(i: int = i, y: int = y) -> Mapping[str, Any]:
            return {
                "section": "days",
                "year": y,
                "months": [(dt.date(y, m, 1), count((y, m))) for (_, m) in years[y]],
                "heatmap": s.heatmap(dt.date(y, 1, 1), dt.date(y, 12, 31)),
                "prev_year": year_keys[i - 1] if i > 0 else None,
                "next_year": year_keys[i + 1] if i + 1 < len(year_keys) else None,
            }

        yield PageSpec("year.html", year_url(y), year_data)

    def index_data() -> Mapping[str, Any]:
        return {
            "section": "days",
            "years": [
                (y, [(dt.date(y, m, 1), count((y, m))) for (_, m) in years[y]])
                for y in reversed(year_keys)
            ],
            "heatmap": s.heatmap(*span(ctx.days)) if ctx.days else "",
        }

    yield PageSpec("days_index.html", "days/", index_data)


# -- events --------------------------------------------------------------------------
def events(s: SiteData) -> Iterator[Spec]:
    ctx = s.ctx
    for e in ctx.events:
        url = ctx.urls.events[e.id]
        related = _related(s, e)
        yield PageSpec(
            "event.html", url, _event_data(s, e, related), key_inputs=_event_inputs(s, e, related)
        )


def _related(s: SiteData, e: Event) -> Callable[[], list[Any]]:
    """The related events' views, computed once for the page's key and its data."""
    memo: list[list[Any]] = []

    def get() -> list[Any]:
        if not memo:
            memo.append(s.linked.events(s.ctx.related(e)))
        return memo[0]

    return get


def _event_inputs(
    s: SiteData, e: Event, related: Callable[[], list[Any]]
) -> Callable[[], Mapping[str, Any]]:
    """What an event page's data is computed from (see :func:`_event_data`): the event,
    the related events, its entities, its sources' documents, passage URLs and analyses
    (claims, figures, contest), and the actors its claims name as speaker or side."""

    def inputs() -> Mapping[str, Any]:
        ctx, lk = s.ctx, s.linked
        found = [claims.analysis_of(ctx, dp) for dp in e.sources]
        named = {c.speaker for a in found for c in a.claims} | {
            c.side for a in found for c in a.claims
        }
        return {
            "event": lk.event(e),
            "related": related(),
            "actors": [lk.actor(a) for a in e.actors],
            "places": [lk.place(p) for p in e.places],
            "documents": [
                None if (d := ctx.document_of(dp)) is None else lk.document(d) for dp in e.sources
            ],
            "passages": [ctx.urls.passage(dp.passage.id) for dp in e.sources],
            "analyses": found,
            "named": [lk.actor(a) for a in sorted(x for x in named if x)],
        }

    return inputs


def _event_data(
    s: SiteData, e: Event, related: Callable[[], list[Any]]
) -> Callable[[], Mapping[str, Any]]:
    def data() -> Mapping[str, Any]:
        ctx, lk = s.ctx, s.linked
        refs = source_refs(ctx, e)
        prov = claims.provenance(ctx, e)
        actors = [lk.entity("actor", a) for a in dict.fromkeys(e.actors)]
        places = [lk.entity("place", p) for p in dict.fromkeys(e.places)]
        return {
            "section": "days",
            "event": lk.event(e),
            "refs": refs,
            "related": related(),
            "actors": actors,
            "places": places,
            "actor_by_id": {a.id: a for a in actors},
            "place_by_id": {p.id: p for p in places},
            "jsonld": event_jsonld(ctx, e, refs),
            "contest": claims.contest_of(ctx, e),
            "claim_columns": claims.columns(ctx, claims.claim_refs(ctx, e, lk)),
            "provenance": prov,
            "marks": claims.marks(prov),
            "locator": views.locator_map(s, places, "locator", True),
        }

    return data


# -- sources -------------------------------------------------------------------------
def sources(s: SiteData) -> Iterator[Spec]:
    ctx = s.ctx
    docs = sorted(ctx.documents.values(), key=lambda d: (d.path, d.index, d.id))
    for doc in docs:
        yield PageSpec("source.html", ctx.urls.documents[doc.id], _source_data(s, doc))
    by_file: dict[str, list[Document]] = {}
    for doc in docs:
        by_file.setdefault(doc.path, []).append(doc)

    def index_data() -> Mapping[str, Any]:
        lk = s.linked
        return {
            "section": "sources",
            "files": [
                (path, [(lk.document(d), len(ctx.doc_events.get(d.id, []))) for d in group])
                for path, group in sorted(by_file.items())
            ],
        }

    yield PageSpec("sources_index.html", "sources/", index_data)


def _source_data(s: SiteData, doc: Document) -> Callable[[], Mapping[str, Any]]:
    def data() -> Mapping[str, Any]:
        ctx, lk = s.ctx, s.linked
        pids = [pid for pid in dict.fromkeys(line.passage for line in doc.lines) if pid]
        return {
            "section": "sources",
            "doc": doc,
            "rows": source_rows(ctx, doc),
            "original": safe_http_url(doc.url),
            "events": lk.events(ctx.doc_events.get(doc.id, [])),
            "passage_events": {
                pid: lk.events(ctx.passage_events[pid]) for pid in pids if pid in ctx.passage_events
            },
            "unused": {pid: ctx.unused[pid] for pid in pids if pid in ctx.unused},
        }

    return data


# -- feeds and data files ------------------------------------------------------------
def feeds(s: SiteData) -> Iterator[Spec]:
    for spec in feed_specs(s.ctx):
        yield PageSpec("atom.xml", spec[0], partial(feed_kwargs, s.ctx, spec), feed=True)


def data_files(s: SiteData) -> Iterator[Spec]:
    """The data exports (:func:`chronicle.site.exports_years.jobs`): every one of them
    changes with any event, so they are written unless only the templates changed."""
    for url, make in exports_years.jobs(s.ctx, s.warnings):
        yield FileSpec(url, make)


# -- the rest ------------------------------------------------------------------------
def misc(s: SiteData) -> Iterator[Spec]:
    ctx = s.ctx
    first = {"first_day": ctx.days[0] if ctx.days else None}
    last = {"last_day": ctx.days[-1] if ctx.days else None}
    yield PageSpec("search.html", "search/", fixed(section="search", **first, **last))
    yield PageSpec(
        "report.html",
        "report/",
        lambda: {
            "section": "report",
            "warnings": s.warnings,
            "unused": unused_rows(ctx),
            **corpus_figures(ctx),
        },
    )
    yield PageSpec("404.html", "404.html", fixed(section=""), sitemap=False)


def unused_rows(ctx: SiteContext) -> list[tuple[DatedPassage | None, str, str]]:
    passages = ctx.chronicle.passages

    def order(pid: str) -> tuple[str, int, str]:
        dp = passages.get(pid)
        return (dp.passage.path, dp.passage.line, pid) if dp else ("", 0, pid)

    return [
        (passages.get(pid), reason, ctx.urls.passage(pid))
        for pid, reason in sorted(ctx.unused.items(), key=lambda kv: order(kv[0]))
    ]


def all_pages(s: SiteData) -> Iterator[Spec]:
    """Every output file of the site but the sitemap and static files, in a fixed order."""
    yield from data_files(s)
    yield from home(s)
    yield from days(s)
    yield from archives(s)
    yield from events(s)
    yield from entity_pages(s)
    yield from sources(s)
    yield from feeds(s)
    yield from misc(s)
    yield from views.view_pages(s)
