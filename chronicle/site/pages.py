"""One function per page kind: gather what the template needs, render, write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from chronicle.model import DatedPassage, Diagnostic, Document, Event
from chronicle.site import claims, exports_years, views
from chronicle.site.context import SiteContext
from chronicle.site.feeds import feed_kwargs, feed_specs
from chronicle.site.heatmap import render_heatmap, span
from chronicle.site.pagedata import (
    HOME_DAYS,
    TOP_N,
    _seen,
    event_jsonld,
    kind_groups,
    month_groups,
    page_url,
    paginate,
    source_refs,
    source_rows,
)
from chronicle.site.render import Writer
from chronicle.site.reuse import PageKeys
from chronicle.site.summaries import DaySummaries
from chronicle.site.urls import day_url, month_url, safe_http_url, year_url


class Pages:
    """Every page of the site. With ``shard=(k, n)`` only every n-th page (from the k-th)
    is built and written, so n processes forked after the shared context is ready
    write the whole site between them; each walks the same page sequence, so the split
    is deterministic and the files are the same as from one process."""

    def __init__(
        self,
        ctx: SiteContext,
        writer: Writer,
        shard: tuple[int, int] = (0, 1),
        keys: PageKeys | None = None,
    ) -> None:
        self.ctx = ctx
        self.w = writer
        self.shard = shard
        self.keys = keys
        self._seq = 0
        self.common: dict[str, Any] = {
            "ctx": ctx,
            "site_title": ctx.config.title,
            "language": ctx.config.language,
            "urls": ctx.urls,
            "day_url": day_url,
            "month_url": month_url,
            "year_url": year_url,
            "build_time": (
                dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
                if ctx.config.timestamp
                else None
            ),
        }

        # Build-wide values are globals, so macros imported by templates see them too.
        writer.env.globals.update(self.common)
        writer.env.globals["event_item"] = self._event_item_cached()
        views.install(writer.env, ctx)
        self.summaries = DaySummaries(ctx)

    def _event_item_cached(self) -> Any:
        """The event_item macro (partials/event_item.html, overridable), each event rendered
        once per variant: the same event is listed on its day, month, actor, topic and
        place pages, and rendering it again would give the same markup."""
        macro = None
        cache: dict[tuple[str, bool, bool, bool], Any] = {}

        def event_item(
            e: Event, show_date: bool = True, show_topic: bool = True, show_summary: bool = False
        ) -> Any:
            nonlocal macro
            key = (e.id, show_date, show_topic, show_summary)
            html = cache.get(key)
            if html is None:
                if macro is None:
                    module = self.w.env.get_template("partials/event_item.html").module
                    macro = getattr(module, "event_item")  # noqa: B009 - a template macro
                html = cache[key] = macro(
                    e, show_date=show_date, show_topic=show_topic, show_summary=show_summary
                )
            return html

        return event_item

    def mine(self) -> bool:
        """Claim the next page of the sequence: True when this shard builds it."""
        k, n = self.shard
        self._seq += 1
        return (self._seq - 1) % n == k

    def render(self, template: str, url: str, sitemap: bool = True, **kw: Any) -> None:
        if self.mine():
            self._render(template, url, sitemap, **kw)

    def _render(
        self,
        template: str,
        url: str,
        sitemap: bool = True,
        _deps: tuple[Any, ...] = (),
        _key: str | None = None,
        **kw: Any,
    ) -> None:
        """Render a page already claimed with :meth:`mine`, or link the previous build's
        file when the page's key is unchanged. ``_deps`` are values the template looks up
        in ``ctx`` beyond what the arguments' digests cover (they go into the key);
        ``_key`` is a key already computed (and tried) by :meth:`_unchanged`."""
        keys = self.keys
        if keys is None:
            self._write(template, url, sitemap, kw)
            return
        if _key is None:
            _key = keys.key(template, url, kw, _deps)
            if self._link(url, sitemap, _key):
                return
        self._write(template, url, sitemap, kw)
        keys.written(url, _key)

    def _unchanged(
        self, template: str, url: str, sitemap: bool, inputs: tuple[Any, ...]
    ) -> tuple[bool, str | None]:
        """Key a page from the *inputs* its arguments are computed from (cheaper than
        computing them), and link the previous file when that key is unchanged. Only for
        page kinds whose arguments are pure functions of these inputs, the context's URL
        maps and the configuration. Returns (linked, key)."""
        if self.keys is None:
            return False, None
        key = self.keys.key(template, url, {"__inputs__": inputs})
        return self._link(url, sitemap, key), key

    def _link(self, url: str, sitemap: bool, key: str | None) -> bool:
        assert self.keys is not None
        if key is not None and self.keys.reuse(url, key, self.w.target(url)):
            if sitemap:
                self.w.pages.append(url)
            return True
        return False

    def _write(self, template: str, url: str, sitemap: bool, kw: dict[str, Any]) -> None:
        if template == "atom.xml":  # a feed: no page_url, ``ctx`` passed as before
            self.w.text(url, self.w.render(template, ctx=self.ctx, **kw))
        else:
            self.w.page(template, url, sitemap=sitemap, **kw)

    def day_counts(self) -> dict[dt.date, int]:
        return {d: len(evs) for d, evs in self.ctx.by_day.items()}

    def heatmap(self, start: dt.date | None = None, end: dt.date | None = None) -> Any:
        counts = self.day_counts()
        base = self.ctx.config.base_path
        return render_heatmap(counts, lambda d: base + day_url(d), start, end)

    # -- home and archives ---------------------------------------------------------
    def home(self) -> None:
        ctx = self.ctx
        latest = [(d, ctx.by_day[d]) for d in reversed(ctx.days[-HOME_DAYS:])]
        killed, injured = ctx.casualty_total(ctx.events)
        self.render(
            "home.html",
            "",
            section="home",
            latest=latest,
            heatmap=self.heatmap(),
            top_actors=[(ctx.actors[k], n) for k, n in ctx.top(ctx.by_actor, TOP_N)],
            top_topics=[(ctx.topics[k], n) for k, n in ctx.top(ctx.by_topic, TOP_N)],
            top_places=[(ctx.places[k], n) for k, n in ctx.top(ctx.by_place, TOP_N)],
            killed=killed,
            injured=injured,
            latest_summary=self.summaries.latest(),
        )

    def days(self) -> None:
        ctx = self.ctx
        days = ctx.days
        for i, day in enumerate(days):
            if not self.mine():
                continue
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
            self._render(
                "day.html",
                day_url(day),
                section="days",
                day=day,
                events=events,
                groups=grouped,
                prev_day=days[i - 1] if i > 0 else None,
                next_day=days[i + 1] if i + 1 < len(days) else None,
                sources=sorted(docs.values(), key=lambda d: (d.path, d.index, d.id)),
                casualties=ctx.casualty_total(events),
                highlights=self.summaries.highlights(day, events),
                day_map=views.day_map(ctx, day, events),
                _deps=tuple((t, ctx.topic_name(t), ctx.urls.topics.get(t)) for t, _ in grouped),
            )
        self.archives()

    def archives(self) -> None:
        ctx = self.ctx
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
            days = months[(y, m)]
            self.render(
                "month.html",
                month_url(y, m),
                section="days",
                month=dt.date(y, m, 1),
                days=[(d, ctx.by_day[d]) for d in days],
                undated=ctx.by_month.get((y, m), []),
                count=count((y, m)),
                prev_month=dt.date(*keys[i - 1], 1) if i > 0 else None,
                next_month=dt.date(*keys[i + 1], 1) if i + 1 < len(keys) else None,
            )
        year_keys = sorted(years)
        for i, y in enumerate(year_keys):
            ms = years[y]
            start = dt.date(y, 1, 1)
            end = dt.date(y, 12, 31)
            self.render(
                "year.html",
                year_url(y),
                section="days",
                year=y,
                months=[(dt.date(y, m, 1), count((y, m))) for (_, m) in ms],
                heatmap=self.heatmap(start, end),
                prev_year=year_keys[i - 1] if i > 0 else None,
                next_year=year_keys[i + 1] if i + 1 < len(year_keys) else None,
            )
        self.render(
            "days_index.html",
            "days/",
            section="days",
            years=[
                (
                    y,
                    [(dt.date(y, m, 1), count((y, m))) for (_, m) in years[y]],
                )
                for y in reversed(year_keys)
            ],
            heatmap=self.heatmap(*span(ctx.days)) if ctx.days else "",
        )

    # -- events --------------------------------------------------------------------
    def events(self) -> None:
        ctx = self.ctx
        for e in ctx.events:
            if not self.mine():
                continue
            url = ctx.urls.events[e.id]
            related = ctx.related(e)
            actors = [ctx.actors[a] for a in dict.fromkeys(e.actors)]
            places = [ctx.places[p] for p in dict.fromkeys(e.places)]
            # Every argument below is computed from these (refs and JSON-LD from the
            # event's sources, their documents and URLs, the entities and the config).
            inputs = (e, related, actors, places, [ctx.document_of(dp) for dp in e.sources])
            linked, key = self._unchanged("event.html", url, True, inputs)
            if linked:
                continue
            refs = source_refs(ctx, e)
            prov = claims.provenance(ctx, e)
            self._render(
                "event.html",
                url,
                _key=key,
                section="days",
                event=e,
                refs=refs,
                related=related,
                actors=actors,
                places=places,
                jsonld=event_jsonld(self.ctx, e, refs),
                contest=claims.contest_of(ctx, e),
                claim_columns=claims.columns(ctx, claims.claim_refs(ctx, e)),
                provenance=prov,
                marks=claims.marks(prov),
            )

    # -- actors, topics, places ----------------------------------------------------
    def timelines(self) -> None:
        ctx = self.ctx
        kinds: list[tuple[str, dict[str, Any], dict[str, list[Event]], dict[str, str]]] = [
            ("actor", ctx.actors, ctx.by_actor, ctx.urls.actors),
            ("topic", ctx.topics, ctx.by_topic, ctx.urls.topics),
            ("place", ctx.places, ctx.by_place, ctx.urls.places),
        ]
        size = ctx.config.page_size
        for kind, entities, index, urls in kinds:
            for key, entity in entities.items():
                listed = index.get(key, [])  # chronological; the timeline is newest first
                base = urls[key]
                count = 1 if size <= 0 or len(listed) <= size else -(-len(listed) // size)
                shared: dict[str, Any] | None = None  # what every page of the entity gets
                chunks: list[list[Event]] = []
                for n in range(1, count + 1):
                    if not self.mine():
                        continue
                    if shared is None:
                        events = listed[::-1]  # event_key is unique: same as a reverse sort
                        chunks = paginate(events, size)
                        shared = {
                            "events": events,
                            "page_urls": [page_url(base, i) for i in range(1, count + 1)],
                            "first_seen": _seen(events[::-1]),
                            "last_seen": _seen(events),
                            "co_mentioned": ctx.co_mentioned(key) if kind == "actor" else [],
                            "casualties": ctx.casualty_total(events),
                        }
                    extra: dict[str, Any] = (
                        {"statements": claims.statements(ctx, key, chunks[n - 1])}
                        if kind == "actor"
                        else {}
                    )
                    self._render(
                        f"{kind}.html",
                        page_url(base, n),
                        **extra,
                        section=f"{kind}s",
                        kind=kind,
                        entity=entity,
                        entity_url=base,
                        groups=month_groups(chunks[n - 1]),
                        page=n,
                        pages=count,
                        **shared,
                    )
            entries = [
                (entities[k], urls[k], len(index.get(k, [])))
                for k in sorted(entities, key=lambda k: (entities[k].name.casefold(), k))
            ]
            self.render(
                f"{kind}s_index.html",
                f"{kind}s/",
                section=f"{kind}s",
                kind=kind,
                entries=entries,
                kind_groups=kind_groups(entries) if kind == "actor" else [],
            )

    # -- sources -------------------------------------------------------------------
    def sources(self) -> None:
        ctx = self.ctx
        docs = sorted(ctx.documents.values(), key=lambda d: (d.path, d.index, d.id))
        for doc in docs:
            if not self.mine():
                continue
            url = ctx.urls.documents[doc.id]
            events = ctx.doc_events.get(doc.id, [])
            # The rows come from the lines and the anchors of their passages; the template
            # looks up each passage's events and unused reason in ctx.
            linked, key = self._unchanged(
                "source.html", url, True, (doc, events, self._passage_deps(doc))
            )
            if linked:
                continue
            self._render(
                "source.html",
                url,
                _key=key,
                section="sources",
                doc=doc,
                rows=source_rows(ctx, doc),
                original=safe_http_url(doc.url),
                events=events,
            )
        by_file: dict[str, list[Document]] = {}
        for doc in docs:
            by_file.setdefault(doc.path, []).append(doc)
        self.render(
            "sources_index.html",
            "sources/",
            section="sources",
            files=sorted(by_file.items()),
        )

    def _passage_deps(self, doc: Document) -> tuple[Any, ...]:
        """For each passage id on the document's lines: its anchor (or None: not a
        passage), its events and the reason it has none, as source.html shows them."""
        if self.keys is None:
            return ()
        ctx = self.ctx
        anchors = ctx.urls.anchors
        return tuple(
            (pid, anchors.get(pid), ctx.passage_events.get(pid), ctx.unused.get(pid))
            for pid in dict.fromkeys(line.passage for line in doc.lines)
            if pid
        )

    # -- feeds ---------------------------------------------------------------------
    def feeds(self) -> None:
        ctx = self.ctx
        for spec in feed_specs(ctx):
            if self.mine():
                self._render("atom.xml", spec[0], False, **feed_kwargs(ctx, spec))

    # -- data exports --------------------------------------------------------------
    def data(self, warnings: list[Diagnostic]) -> None:
        """The data files, each written by whichever process claims it (they are always
        written: every one of them changes with any event)."""
        ctx = self.ctx
        for url, make in exports_years.jobs(ctx, warnings):
            if self.mine():
                self.w.text(url, make())

    # -- the rest ------------------------------------------------------------------
    def misc(self, warnings: list[Any]) -> None:
        self.render("search.html", "search/", section="search")
        self.render(
            "report.html", "report/", section="report", warnings=warnings, unused=self.unused_rows()
        )
        self.render("404.html", "404.html", sitemap=False, section="")

    def unused_rows(self) -> list[tuple[DatedPassage | None, str, str]]:
        ctx = self.ctx
        rows = []
        for pid, reason in sorted(ctx.unused.items(), key=lambda kv: self._passage_key(kv[0])):
            rows.append((ctx.chronicle.passages.get(pid), reason, ctx.urls.passage(pid)))
        return rows

    def _passage_key(self, pid: str) -> tuple[str, int, str]:
        dp = self.ctx.chronicle.passages.get(pid)
        return (dp.passage.path, dp.passage.line, pid) if dp else ("", 0, pid)

    def all(self, warnings: list[Any]) -> Iterator[str]:
        for name, job in (
            ("data", lambda: self.data(warnings)),
            ("home", self.home),
            ("days", self.days),
            ("events", self.events),
            ("timelines", self.timelines),
            ("sources", self.sources),
            ("feeds", self.feeds),
            ("misc", lambda: self.misc(warnings)),
            ("views", lambda: views.write_views(self)),
        ):
            job()
            yield name
