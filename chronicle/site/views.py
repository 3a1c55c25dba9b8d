"""Reader views beyond the archive: maps, embeddable pages, calendars, GeoJSON, TimelineJS.

Called by :class:`chronicle.site.pages.Pages` (whose ``render`` claims each page for
one render shard), so these pages are split across the render processes like the rest.

- ``map/`` (the newest year) and ``map/<year>/``: a map per year with one layer per
  month, switched by ``static/map.js`` (keyboard operable); without script the year's
  layer shows and every month's list opens on demand.
- ``embed/<page>/``: the page's events without the site's chrome, for an iframe, for
  every actor, topic and place page, day and month (``embed/actors/<id>/`` mirrors
  ``actors/<id>/``); links open in the parent window (``target="_top"``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

import jinja2

from chronicle.model import Entity, Event
from chronicle.site import exports_geo, maps
from chronicle.site.context import SiteContext
from chronicle.site.feeds import absolute_base
from chronicle.site.render import Writer
from chronicle.site.slugs import safe_anchor
from chronicle.site.urls import day_url, month_url


class Pages(Protocol):
    """What these pages need of the page scheduler (:class:`chronicle.site.pages.Pages`)."""

    ctx: SiteContext
    w: Writer

    def mine(self) -> bool: ...

    def render(self, template: str, url: str, sitemap: bool = True, **kw: Any) -> None: ...

    def _render(
        self,
        template: str,
        url: str,
        sitemap: bool = True,
        _deps: tuple[Any, ...] = (),
        _key: str | None = None,
        **kw: Any,
    ) -> None: ...


#: Events listed on an entity's or month's embed (the newest, as a widget shows them;
#: the embed links to the full page).
EMBED_SIZE = 20


def install(env: jinja2.Environment, ctx: SiteContext) -> None:
    """Template globals: the site's absolute root (for embed codes) and locator maps."""
    env.globals["site_root"] = absolute_base(ctx)
    env.filters["anchor"] = lambda event_id: "ev-" + safe_anchor(str(event_id))
    env.globals["locator_map"] = lambda places, ident="locator", link=True: locator_map(
        ctx, places, ident, link
    )


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _describe(where: str):
    def describe(place: Entity, events: Sequence[Event]) -> str:
        head = f"{place.name}{where}: {_plural(len(events), 'event')}"
        sep = "; main: " if len(events) > 1 else ": "
        return f"{head}{sep}{events[0].title}"

    return describe


def event_marks(
    ctx: SiteContext, events: Sequence[Event], where: str = ""
) -> tuple[list[maps.Mark], list[Entity]]:
    """Marks linking each place to its main event among ``events``."""
    return maps.gather_marks(
        events, ctx.places, lambda _p, e: ctx.urls.events[e.id], _describe(where)
    )


def day_map(ctx: SiteContext, day: dt.date, events: Sequence[Event]) -> dict[str, Any] | None:
    """A day page's map and its text alternative, or None when no place can be drawn."""
    marks, off = event_marks(ctx, events)
    if not marks:
        return None
    title = f"Map of the places of events on {day.day} {day:%B %Y}"
    return {
        "svg": maps.svg(marks, title, ctx.config.base_path, "day-map-svg"),
        "marks": marks,
        "off": off,
        "title": title,
    }


def locator_map(
    ctx: SiteContext, places: Sequence[Entity], ident: str, link: bool
) -> dict[str, Any] | None:
    """A locator map of ``places`` (each a mark linking its page), or None when none of
    them lies in the war area."""
    marks = []
    a = maps.area()
    for p in places:
        at = a.project(p.lat, p.lon) if maps.mappable(p) else None
        if at is not None:
            marks.append(maps.Mark(p, at[0], at[1], (), ctx.urls.places[p.id], p.name))
    if not marks:
        return None
    names = ", ".join(m.place.name for m in marks)
    title = f"Locator map: {names}"
    return {
        "svg": maps.svg(marks, title, ctx.config.base_path, ident, labels=3, link=link, mark_r=10),
        "marks": marks,
        "title": title,
    }


# -- the map page ----------------------------------------------------------------------


def month_key(e: Event) -> str:
    return f"{e.date.value:%Y-%m}"


def map_pages(pages: Pages) -> None:
    """``map/`` (the newest year) and ``map/<year>/`` for every year with events."""
    ctx = pages.ctx
    by_year: dict[int, list[Event]] = {}
    for e in ctx.events:
        by_year.setdefault(e.date.value.year, []).append(e)
    years = sorted(by_year)
    if not years:
        pages.render("map.html", "map/", section="map", year=None, years=[], months=[])
        return
    for i, year in enumerate([years[-1], *years]):
        url = "map/" if i == 0 else f"map/{year}/"
        if not pages.mine():
            continue
        events = by_year[year]
        by_month: dict[str, list[Event]] = {}
        for e in events:
            by_month.setdefault(month_key(e), []).append(e)
        layers = []
        months = []
        for key in sorted(by_month):
            label = maps.month_label(key)
            marks, off = event_marks(ctx, by_month[key], f" in {label}")
            layers.append((key, label, marks))
            months.append(
                {
                    "key": key,
                    "label": label,
                    "marks": marks,
                    "off": off,
                    "count": len(by_month[key]),
                }
            )
        marks, off = event_marks(ctx, events, f" in {year}")
        title = f"Map of the places of events in {year}"
        pages._render(
            "map.html",
            url,
            section="map",
            year=year,
            years=years,
            canonical=f"map/{year}/",
            svg=maps.svg(marks, title, ctx.config.base_path, "year-map", layers=layers),
            marks=marks,
            off=off,
            months=months,
            count=len(events),
            map_title=title,
        )


# -- embeds ----------------------------------------------------------------------------


def embed_pages(pages: Pages) -> None:
    ctx = pages.ctx
    kinds: list[tuple[str, dict[str, Any], dict[str, list[Event]], dict[str, str]]] = [
        ("actor", ctx.actors, ctx.by_actor, ctx.urls.actors),
        ("topic", ctx.topics, ctx.by_topic, ctx.urls.topics),
        ("place", ctx.places, ctx.by_place, ctx.urls.places),
    ]
    for kind, entities, index, urls in kinds:
        for key, entity in entities.items():
            if not pages.mine():
                continue
            listed = index.get(key, [])
            pages._render(
                "embed.html",
                "embed/" + urls[key],
                sitemap=False,
                heading=entity.name,
                kind=kind,
                full_page=urls[key],
                events=listed[::-1][:EMBED_SIZE],
                total=len(listed),
            )
    months: dict[tuple[int, int], list[Event]] = {}
    for day in ctx.days:
        events = ctx.by_day[day]
        months.setdefault((day.year, day.month), []).extend(events)
        if pages.mine():
            pages._render(
                "embed.html",
                "embed/" + day_url(day),
                sitemap=False,
                heading=f"{day:%A} {day.day} {day:%B %Y}",
                kind="day",
                full_page=day_url(day),
                events=events,
                total=len(events),
            )
    for (y, m), events in sorted(months.items()):
        if pages.mine():
            pages._render(
                "embed.html",
                "embed/" + month_url(y, m),
                sitemap=False,
                heading=f"{dt.date(y, m, 1):%B %Y}",
                kind="month",
                full_page=month_url(y, m),
                events=events[::-1][:EMBED_SIZE],
                total=len(events),
            )
    pages.render("embed_search.html", "embed/search/", sitemap=False, section="search")


# -- data files ------------------------------------------------------------------------


def data_files(pages: Pages) -> None:
    ctx = pages.ctx
    if pages.mine():
        pages.w.text(maps.BASE_SVG_URL, maps.base_svg())
    for url, name, events in exports_geo.calendar_specs(ctx):
        if pages.mine():
            pages.w.text(url, exports_geo.calendar(ctx, name, events))


def write_views(pages: Pages) -> None:
    data_files(pages)
    map_pages(pages)
    embed_pages(pages)
