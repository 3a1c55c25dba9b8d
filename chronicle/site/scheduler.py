"""The page scheduler: which process writes each declared page, whether the previous
build's file is linked instead of rendering it, and which URLs go into the sitemap.

Page kinds (:func:`chronicle.site.pages.all_pages`) declare pages; nothing else in the
site writer decides about shards or reuse.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from chronicle.site import views
from chronicle.site.feeds import absolute_base
from chronicle.site.forks import fork_shares
from chronicle.site.pages import all_pages
from chronicle.site.render import Writer
from chronicle.site.reuse import PageKeys, link_file
from chronicle.site.sitedata import SiteData
from chronicle.site.slugs import safe_anchor
from chronicle.site.spec import FileSpec, PageSpec, Spec
from chronicle.site.urls import day_url, month_url, output_path, year_url


def install_globals(env: jinja2.Environment, s: SiteData) -> None:
    """The template globals: configuration values and pure functions of their arguments
    (plus ``ctx``, ``urls`` and ``locator_map`` for old user templates: a template that
    names one of them turns page reuse off, see :func:`chronicle.site.reuse.reuse_allowed`)."""
    ctx = s.ctx
    env.globals.update(
        site_title=ctx.config.title,
        language=ctx.config.language,
        day_url=day_url,
        month_url=month_url,
        year_url=year_url,
        build_time=(
            dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if ctx.config.timestamp else None
        ),
        site_root=absolute_base(ctx),
        event_item=_event_item_cached(env),
        # compatibility: templates written before pages declared their data
        ctx=ctx,
        urls=ctx.urls,
        locator_map=lambda places, ident="locator", link=True: views.locator_map(
            s, [v for v in (s.linked.place(p.id) for p in places) if v is not None], ident, link
        ),
    )
    env.filters["anchor"] = lambda event_id: "ev-" + safe_anchor(str(event_id))


def _event_item_cached(env: jinja2.Environment) -> Any:
    """The event_item macro (partials/event_item.html, overridable), each event rendered
    once per variant: the same event is listed on its day, month, actor, topic and
    place pages, and the macro is a function of the event's view and the flags alone."""
    macro = None
    cache: dict[tuple[str, bool, bool, bool], Any] = {}

    def event_item(
        e: Any, show_date: bool = True, show_topic: bool = True, show_summary: bool = False
    ) -> Any:
        nonlocal macro
        key = (e.id, show_date, show_topic, show_summary)
        html = cache.get(key)
        if html is None:
            if macro is None:
                module = env.get_template("partials/event_item.html").module
                macro = getattr(module, "event_item")  # noqa: B009 - a template macro
            html = cache[key] = macro(
                e, show_date=show_date, show_topic=show_topic, show_summary=show_summary
            )
        return html

    return event_item


class Scheduler:
    """Writes the declared pages claimed by one shard: with ``shard=(k, n)`` every n-th
    declaration from the k-th. Every shard walks the same sequence, so the split is
    deterministic and the files are the same as from one process.

    With ``keys``, a page's key is computed from its template, URL and data, and the
    previous build's file is linked when the key is unchanged. With ``files_from`` (a
    previous site made from the same chronicle, settings and code), data files are linked
    from it: they never read a template."""

    def __init__(
        self,
        writer: Writer,
        keys: PageKeys | None = None,
        shard: tuple[int, int] = (0, 1),
        files_from: Path | None = None,
    ) -> None:
        self.w = writer
        self.keys = keys
        self.shard = shard
        self.files_from = files_from

    def run(self, specs: Iterable[Spec]) -> None:
        k, n = self.shard
        for i, spec in enumerate(specs):
            if i % n == k:
                self.build(spec)

    def build(self, spec: Spec) -> None:
        if isinstance(spec, FileSpec):
            if self.files_from is None or not link_file(
                output_path(str(self.files_from), spec.url), self.w.target(spec.url)
            ):
                self.w.text(spec.url, spec.content())
            return
        keys = self.keys
        key = None
        data = None
        if keys is not None:
            if spec.key_inputs is not None:
                key = keys.key(spec.template, spec.url, spec.key_inputs())
            else:
                data = spec.data()
                key = keys.key(spec.template, spec.url, data)
            if keys.reuse(spec.url, key, self.w.target(spec.url)):
                if spec.sitemap and not spec.feed:
                    self.w.pages.append(spec.url)
                return
        self._write(spec, spec.data() if data is None else data)
        if keys is not None:
            keys.written(spec.url, key)

    def _write(self, spec: PageSpec, data: Any) -> None:
        if spec.feed:
            self.w.text(spec.url, self.w.render(spec.template, **data))
        else:
            self.w.page(spec.template, spec.url, sitemap=spec.sitemap, **data)


def _preload_templates(env: jinja2.Environment) -> None:
    """Compile the templates once, before forking, instead of once in every process.
    A template that fails to load is left for the render to report."""
    for name in env.list_templates(extensions=("html", "xml")):
        try:
            env.get_template(name)
        except Exception:  # noqa: BLE001,S112 - reported when a page uses it
            continue


def schedule(
    s: SiteData,
    writer: Writer,
    n: int,
    keys: PageKeys | None = None,
    files_from: Path | None = None,
) -> None:
    """Write every page, feed and data file over ``n`` forked processes (deterministic
    shards).

    The shared data is built once and inherited by the children, which write their
    share and send back the URLs for the sitemap (and, with ``keys``, the pages' keys and
    counts). A child that fails has its share written again here, so an error surfaces
    (once) from this process.
    """
    install_globals(writer.env, s)
    if n > 1:
        _preload_templates(writer.env)
    if keys is not None:  # every shard needs (nearly) every event's and document's digest
        keys.precompute([*s.linked.events(s.ctx.events), *s.ctx.documents.values()], n)

    def shard(k: int) -> None:
        Scheduler(writer, keys, (k, n), files_from).run(all_pages(s))

    def child(k: int) -> str:
        shard(k)
        return json.dumps({"pages": writer.pages, "keys": keys and keys.export()})

    results = fork_shares(n, child, lambda: shard(0))
    for k, data in enumerate(results, start=1):
        if data:
            result = json.loads(data)
            writer.pages.extend(result["pages"])
            if keys is not None:
                keys.merge(result["keys"])
        else:
            shard(k)
