"""Reader views beyond the archive: maps, embeddable pages, calendars, GeoJSON, TimelineJS.

Page kinds like those of :mod:`chronicle.site.pages`: they yield declarations, which the
scheduler splits across the render processes like the rest.

- ``map/`` (the newest year) and ``map/<year>/``: a map per year with one layer per
  month, switched by ``static/map.js`` (keyboard operable); without script the year's
  layer shows and every month's list opens on demand.
- ``embed/<page>/``: the page's events without the site's chrome, for an iframe, for
  every actor, topic and place page, day and month (``embed/actors/<id>/`` mirrors
  ``actors/<id>/``); links open in the parent window (``target="_top"``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from chronicle.site import exports_geo, maps
from chronicle.site.linked import EntityView, EventView
from chronicle.site.sitedata import SiteData
from chronicle.site.spec import FileSpec, PageSpec, Spec, fixed
from chronicle.site.urls import day_url, month_url

#: Events listed on an entity's or month's embed (the newest: about what its 480-pixel frame shows;
#: the embed links to the full page).
EMBED_SIZE = 10


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _describe(where: str) -> Callable[[Any, Sequence[Any]], str]:
    def describe(place: Any, events: Sequence[Any]) -> str:
        head = f"{place.name}{where}: {_plural(len(events), 'event')}"
        sep = "; main: " if len(events) > 1 else ": "
        return f"{head}{sep}{events[0].title}"

    return describe


def event_marks(
    s: SiteData, events: Sequence[EventView], where: str = ""
) -> tuple[list[maps.Mark], list[Any]]:
    """Marks linking each place (a view with its URL) to its main event among ``events``."""
    return maps.gather_marks(events, _Places(s), lambda _p, e: e.url, _describe(where))


class _Places(Mapping[str, EntityView]):
    """The context's places as views, looked up on demand."""

    def __init__(self, s: SiteData) -> None:
        self.s = s

    def get(self, key: str, default: Any = None) -> Any:
        found = self.s.linked.place(key)
        return default if found is None else found

    def __getitem__(self, key: str) -> EntityView:
        found = self.s.linked.place(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.s.ctx.places)

    def __len__(self) -> int:
        return len(self.s.ctx.places)


#: The id of a day map's text alternative (the summary of its list of places).
DAY_MAP_TEXT = "day-map-list"


def day_map(s: SiteData, day: dt.date, events: Sequence[EventView]) -> dict[str, Any] | None:
    """A day page's map and its text alternative, or None when no place can be drawn.

    The page lists every event of the day, so the alternative names the places and
    their counts and points at those lists instead of repeating each mark's event."""
    marks, off = event_marks(s, events)
    if not marks:
        return None
    title = f"Map of the places of events on {day.day} {day:%B %Y}"
    return {
        "svg": maps.svg(
            marks, title, s.ctx.config.base_path, "day-map-svg", described_by=DAY_MAP_TEXT
        ),
        "marks": marks,
        "off": off,
        "title": title,
        "text_id": DAY_MAP_TEXT,
    }


def locator_map(
    s: SiteData, places: Sequence[EntityView], ident: str, link: bool
) -> dict[str, Any] | None:
    """A locator map of ``places``, or None when none of them lies in the war area.

    No inline SVG: the page's CSS draws ``static/war-area.svg`` as the frame's background
    and each place as a mark at its position in percent (``left``, ``top``), named in
    text; ``east`` marks (right third) put their name on the left so it stays inside.
    Every place is named in the caption and linked in the page's facts, so the drawing
    is decorative (``ident`` and ``link`` are kept for templates that still pass them)."""
    a = maps.area()
    marks: list[dict[str, Any]] = []
    for p in places:
        at = a.project(p.lat, p.lon) if maps.mappable(p) else None
        if at is not None:
            left, top = 100 * at[0] / a.width, 100 * at[1] / a.height
            marks.append(
                {
                    "place": p,
                    "kind": maps.shape_kind(p),
                    "left": f"{left:.1f}",
                    "top": f"{top:.1f}",
                    "east": left > 66,
                }
            )
    if not marks:
        return None
    names = ", ".join(m["place"].name for m in marks)
    return {"marks": marks, "title": f"Locator map: {names}"}


# -- the map page ----------------------------------------------------------------------


def month_key(e: Any) -> str:
    return f"{e.date.value:%Y-%m}"


def map_pages(s: SiteData) -> Iterator[Spec]:
    """``map/`` (the newest year) and ``map/<year>/`` for every year with events."""
    ctx = s.ctx
    by_year: dict[int, list[Any]] = {}
    for e in ctx.events:
        by_year.setdefault(e.date.value.year, []).append(e)
    years = sorted(by_year)
    if not years:
        yield PageSpec("map.html", "map/", fixed(section="map", year=None, years=[], months=[]))
        return
    for i, year in enumerate([years[-1], *years]):
        url = "map/" if i == 0 else f"map/{year}/"
        yield PageSpec("map.html", url, _map_data(s, year, years, by_year))


def _map_data(
    s: SiteData, year: int, years: list[int], by_year: dict[int, list[Any]]
) -> Callable[[], Mapping[str, Any]]:
    def data() -> Mapping[str, Any]:
        events = s.linked.events(by_year[year])
        by_month: dict[str, list[EventView]] = {}
        for e in events:
            by_month.setdefault(month_key(e), []).append(e)
        layers = []
        months = []
        for key in sorted(by_month):
            label = maps.month_label(key)
            marks, off = event_marks(s, by_month[key], f" in {label}")
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
        marks, off = event_marks(s, events, f" in {year}")
        title = f"Map of the places of events in {year}"
        return {
            "section": "map",
            "year": year,
            "years": years,
            "canonical": f"map/{year}/",
            "svg": maps.svg(marks, title, s.ctx.config.base_path, "year-map", layers=layers),
            "marks": marks,
            "off": off,
            "months": months,
            "count": len(events),
            "map_title": title,
        }

    return data


# -- embeds ----------------------------------------------------------------------------


def _embed(
    s: SiteData, heading: str, kind: str, full: str, events: list[Any], newest: bool
) -> Mapping[str, Any]:
    """An embed's data: the events (the newest ``EMBED_SIZE`` when ``newest``, newest
    first) and the page it stands for."""
    shown = events[::-1][:EMBED_SIZE] if newest else events
    return {
        "heading": heading,
        "kind": kind,
        "full_page": full,
        "events": s.linked.events(shown),
        "total": len(events),
    }


def embed_pages(s: SiteData) -> Iterator[Spec]:
    ctx = s.ctx
    for kind in ("actor", "topic", "place"):
        entities: Mapping[str, Any] = getattr(ctx, kind + "s")
        index: dict[str, list[Any]] = getattr(ctx, "by_" + kind)
        urls: dict[str, str] = getattr(ctx.urls, kind + "s")
        for key, entity in entities.items():
            data = partial(_embed, s, entity.name, kind, urls[key], index.get(key, []), True)
            yield PageSpec("embed.html", "embed/" + urls[key], data, sitemap=False)
    months: dict[tuple[int, int], list[Any]] = {}
    for day in ctx.days:
        events = ctx.by_day[day]
        months.setdefault((day.year, day.month), []).extend(events)
        heading = f"{day:%A} {day.day} {day:%B %Y}"
        data = partial(_embed, s, heading, "day", day_url(day), events, False)
        yield PageSpec("embed.html", "embed/" + day_url(day), data, sitemap=False)
    for (y, m), events in sorted(months.items()):
        heading = f"{dt.date(y, m, 1):%B %Y}"
        data = partial(_embed, s, heading, "month", month_url(y, m), events, True)
        yield PageSpec("embed.html", "embed/" + month_url(y, m), data, sitemap=False)
    yield PageSpec("embed_search.html", "embed/search/", fixed(section="search"), sitemap=False)


# -- data files ------------------------------------------------------------------------


def data_files(s: SiteData) -> Iterator[Spec]:
    ctx = s.ctx
    yield FileSpec(maps.BASE_SVG_URL, maps.base_svg)
    for url, name, events in exports_geo.calendar_specs(ctx):
        yield FileSpec(url, partial(exports_geo.calendar, ctx, name, events))


def view_pages(s: SiteData) -> Iterator[Spec]:
    yield from data_files(s)
    yield from map_pages(s)
    yield from embed_pages(s)
