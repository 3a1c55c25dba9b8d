"""Static SVG maps of the war area, drawn at build time (no tiles, no script needed).

The outlines are Natural Earth's countries clipped to the war area and simplified by
``tools/war_area_outlines.py`` into ``chronicle/data/war-area.json``; they are drawn
once per build as ``static/war-area.svg``, which every page's map shows as an
``<image>`` under its marks, so a day page carries only its own marks. A mark is a link
(to the place's main event on a day or month map, to the place page on an event's
locator map); its shape says what kind of place it is and its size how many events it
has, so colour never carries meaning alone. Every map is followed by a list of the same
places with the same links (its text alternative).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from chronicle.model import Entity, Event
from chronicle.site.reuse import record

AREA_FILE = Path(__file__).resolve().parent.parent / "data" / "war-area.json"
#: Where the outline drawing is written in the site (site-relative URL).
BASE_SVG_URL = "static/war-area.svg"
WIDTH = 600
#: Place kinds never drawn as a point: their coordinates are a capital or a centre that a
#: mark would misplace (a country drawn at its capital).
UNMAPPED_KINDS = frozenset({"country", "area", "sea", "ocean", "continent"})
REGION_KINDS = frozenset({"region", "oblast", "province", "state", "krai"})
SITE_KINDS = frozenset({"facility", "landmark", "building", "base", "plant"})
#: Countries named on the outline drawing, at (lon, lat).
COUNTRY_LABELS = (
    ("Ukraine", 31.2, 49.2),
    ("Russia", 40.5, 53.8),
    ("Belarus", 27.8, 53.4),
    ("Poland", 22.4, 52.6),
    ("Romania", 24.6, 45.6),
    ("Moldova", 28.5, 47.2),
    ("Black Sea", 33.6, 43.9),
    ("Sea of Azov", 36.6, 46.1),
)
LABELS_MAX = 8


@dataclass(frozen=True)
class Area:
    """The war area's equirectangular projection and its projected country outlines."""

    west: float
    south: float
    east: float
    north: float
    scale: float  # pixels per degree of latitude
    k: float  # cos(mid latitude): a degree of longitude in degrees of latitude
    width: int
    height: int
    outlines: tuple[tuple[str, str], ...]  # (country name, SVG path data)

    def project(self, lat: float | None, lon: float | None) -> tuple[float, float] | None:
        """Pixel position of a point, or None outside the area (or without coordinates)."""
        if lat is None or lon is None:
            return None
        if not (self.west <= lon <= self.east and self.south <= lat <= self.north):
            return None
        x = (lon - self.west) * self.k * self.scale
        y = (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)


@functools.cache
def area() -> Area:
    data = json.loads(AREA_FILE.read_text("utf-8"))
    west, south, east, north = data["bbox"]
    k = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * k)
    height = round((north - south) * scale)
    outlines = []
    for country in data["countries"]:
        parts = []
        for ring in country["rings"]:
            pts = [
                f"{(lon - west) * k * scale:.1f} {(north - lat) * scale:.1f}" for lon, lat in ring
            ]
            parts.append("M" + "L".join(pts) + "Z")
        outlines.append((country["name"], "".join(parts)))
    return Area(west, south, east, north, scale, k, WIDTH, height, tuple(outlines))


def base_svg() -> str:
    """The outline drawing (a standalone SVG file, decorative: maps describe their marks)."""
    a = area()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {a.width} {a.height}" '
        f'width="{a.width}" height="{a.height}">',
        "<style>.sea{fill:#dbe7ef}.land{fill:#f4f1ea;stroke:#9a9486;stroke-width:.7}"
        ".ua{fill:#fbf6df;stroke:#6b6455;stroke-width:1.1}"
        ".lbl{font:600 13px sans-serif;fill:#6b6455;letter-spacing:.06em;text-anchor:middle}"
        ".water{font:italic 12px sans-serif;fill:#4f6f86;text-anchor:middle}</style>",
        f'<rect class="sea" width="{a.width}" height="{a.height}"/>',
    ]
    for name, d in a.outlines:
        cls = "land ua" if name == "Ukraine" else "land"
        parts.append(f'<path class="{cls}" d="{d}"><title>{escape(name)}</title></path>')
    for name, lon, lat in COUNTRY_LABELS:
        at = a.project(lat, lon)
        if at is not None:
            cls = "water" if "Sea" in name else "lbl"
            parts.append(f'<text class="{cls}" x="{at[0]}" y="{at[1]}">{escape(name)}</text>')
    parts.append("</svg>\n")
    return "".join(parts)


def mappable(place: Any) -> bool:
    return place.kind not in UNMAPPED_KINDS and area().project(place.lat, place.lon) is not None


def shape_kind(place: Any) -> str:
    """Mark shape: circle for settlements, square for regions, diamond for sites."""
    if place.kind in REGION_KINDS:
        return "region"
    if place.kind in SITE_KINDS:
        return "site"
    return "town"


SHAPE_LEGEND = (
    ("town", "circle", "cities, towns and villages"),
    ("region", "square", "regions"),
    ("site", "diamond", "facilities and landmarks"),
)


def rank_key(e: Event) -> tuple[int, int, str, str]:
    """Main events first: most sources, then most casualties, then newest, then id."""
    return (-len(e.sources), -((e.killed or 0) + (e.injured or 0)), e.date.value.isoformat(), e.id)


@record
@dataclass(frozen=True)
class Mark:
    place: Any  # the place (an Entity, or its view with its page's URL)
    x: float
    y: float
    events: tuple[Any, ...]  # its events (or their views), main event first
    href: str  # site-relative link of the mark
    label: str  # the link's accessible name


def gather_marks(
    events: Iterable[Any],
    places: Mapping[str, Any],
    href: Callable[[Any, Any], str],
    describe: Callable[[Any, Sequence[Any]], str],
) -> tuple[list[Mark], list[Any]]:
    """Marks for the mappable places of ``events`` (biggest first) and the places named
    that the map cannot show (outside the area, no coordinates, or a whole country)."""
    a = area()
    by_place: dict[str, list[Event]] = {}
    for e in events:
        for pid in dict.fromkeys(e.places):
            by_place.setdefault(pid, []).append(e)
    marks: list[Mark] = []
    off: list[Entity] = []
    for pid, evs in by_place.items():
        place = places.get(pid)
        if place is None:
            continue
        at = a.project(place.lat, place.lon) if place.kind not in UNMAPPED_KINDS else None
        if at is None:
            off.append(place)
            continue
        ranked = tuple(sorted(evs, key=rank_key))
        marks.append(
            Mark(place, at[0], at[1], ranked, href(place, ranked[0]), describe(place, ranked))
        )
    marks.sort(key=lambda m: (-len(m.events), m.place.name.casefold(), m.place.id))
    off.sort(key=lambda p: (p.name.casefold(), p.id))
    return marks, off


def radius(n: int) -> float:
    return round(5.5 + 2.2 * math.sqrt(min(max(n, 1), 30) - 1), 1)


def mark_shape(m: Mark, r: float | None = None) -> str:
    r = radius(len(m.events)) if r is None else r
    kind = shape_kind(m.place)
    if kind == "region":
        s = round(r * 1.7, 1)
        return (
            f'<rect class="mk mk-region" x="{m.x - s / 2:.1f}" y="{m.y - s / 2:.1f}" '
            f'width="{s}" height="{s}"/>'
        )
    if kind == "site":
        d = round(r * 1.25, 1)
        return (
            f'<path class="mk mk-site" d="M{m.x} {m.y - d:.1f}L{m.x + d:.1f} {m.y}'
            f'L{m.x} {m.y + d:.1f}L{m.x - d:.1f} {m.y}Z"/>'
        )
    return f'<circle class="mk mk-town" cx="{m.x}" cy="{m.y}" r="{r}"/>'


def _labels(marks: Sequence[Mark], limit: int) -> list[str]:
    """Names of the biggest marks, skipping any that would overlap one already placed."""
    placed: list[tuple[float, float, float, float]] = []
    out: list[str] = []
    a = area()
    for m in marks:
        if len(out) >= limit:
            break
        w = 6.5 * len(m.place.name)
        x0 = m.x + radius(len(m.events)) + 3
        if x0 + w > a.width:
            x0 = m.x - radius(len(m.events)) - 3 - w
        box = (x0, m.y - 9, x0 + w, m.y + 4)
        if any(
            not (box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1]) for b in placed
        ):
            continue
        placed.append(box)
        out.append(
            f'<text class="mk-label" x="{x0:.1f}" y="{m.y + 4:.1f}">{escape(m.place.name)}</text>'
        )
    return out


def svg(
    marks: Sequence[Mark],
    title: str,
    base: str,
    ident: str,
    layers: Sequence[tuple[str, str, Sequence[Mark]]] = (),
    labels: int = LABELS_MAX,
    link: bool = True,
    mark_r: float | None = None,
    described_by: str | None = None,
) -> str:
    """An inline map: the outline image, ``marks`` (each a link unless ``link`` is
    false; ``mark_r`` fixes their size, for small locator maps) and, for the map page,
    extra ``layers`` of (id, label, marks) shown one at a time by static/map.js.
    ``described_by``: the id of the page's text alternative (``aria-describedby``)."""
    a = area()
    described = f' aria-describedby="{escape(described_by)}"' if described_by else ""
    parts = [
        f'<svg class="war-map" viewBox="0 0 {a.width} {a.height}" '
        f'aria-labelledby="{ident}-title"{described}>',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<image href="{escape(base)}{BASE_SVG_URL}" width="{a.width}" height="{a.height}" '
        'aria-hidden="true"/>',
    ]

    def draw(ms: Sequence[Mark]) -> None:
        for m in ms:
            shape = mark_shape(m, mark_r)
            if link:
                # The <title> child names the link (SVG's accessible name) and shows
                # as a tooltip: no aria-label repeating it on every mark.
                parts.append(
                    f'<a href="{escape(base + m.href)}"><title>{escape(m.label)}</title>{shape}</a>'
                )
            else:
                parts.append(shape)
        parts.append('<g aria-hidden="true">')
        parts.extend(_labels(ms, labels))
        parts.append("</g>")

    parts.append('<g class="map-layer" data-layer="all">')
    draw(marks)
    parts.append("</g>")
    for layer_id, label, ms in layers:
        parts.append(
            f'<g class="map-layer" data-layer="{escape(layer_id)}" aria-label="{escape(label)}">'
        )
        draw(ms)
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def month_label(key: str) -> str:
    y, m = key.split("-")
    return f"{dt.date(int(y), int(m), 1):%B %Y}"
