"""A calendar heatmap of events per day, drawn as SVG at build time (no JS).

Columns are weeks (Monday first), rows are weekdays; each day with events is a
link to its day page. Colours come from CSS classes so dark mode applies; the square's
size grows with the level too, so colour is never the only carrier of the count (and
every linked day names its count).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from html import escape

from markupsafe import Markup

CELL = 13
#: Side of a day's square by level (0: no events): bigger is busier, not only darker.
SIDE = (5, 7, 9, 11, CELL)
GAP = 3
LEFT = 30
TOP = 18
MAX_WEEKS = 53


def level(count: int, peak: int) -> int:
    """0 for none, then 1-4 by share of the busiest day."""
    if count <= 0:
        return 0
    if peak <= 1:
        return 4
    return min(4, 1 + (4 * (count - 1)) // peak)


def span(days: list[dt.date], max_weeks: int = MAX_WEEKS) -> tuple[dt.date, dt.date]:
    """From the first of the earliest month to the end of the latest month, capped."""
    last = max(days)
    first = min(days).replace(day=1)
    nxt = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    end = nxt - dt.timedelta(days=1)
    earliest = end - dt.timedelta(weeks=max_weeks) + dt.timedelta(days=1)
    return max(first, earliest), end


def render_heatmap(
    counts: Mapping[dt.date, int],
    href: Callable[[dt.date], str],
    start: dt.date | None = None,
    end: dt.date | None = None,
    label: str = "Events per day",
) -> Markup:
    if not counts:
        return Markup("")
    if start is None or end is None:
        start, end = span(list(counts))
    peak = max(counts.values())
    grid_start = start - dt.timedelta(days=start.weekday())
    weeks = (end - grid_start).days // 7 + 1
    width = LEFT + max(weeks, 12) * (CELL + GAP)
    height = TOP + 7 * (CELL + GAP) + 22
    # Drawn as wide as a page allows (CSS scales it down on phones), at most 1.6x.
    scale = min(1.6, 1000 / width)
    parts = [
        f'<svg class="heatmap" viewBox="0 0 {width} {height}" '
        f'width="{round(width * scale)}" height="{round(height * scale)}" '
        f'aria-labelledby="hm-title-{start:%Y%m%d}">',
        f'<title id="hm-title-{start:%Y%m%d}">{escape(label)}, {start:%d %B %Y} to '
        f"{end:%d %B %Y}</title>",
    ]
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        y = TOP + row * (CELL + GAP) + CELL - 2
        parts.append(f'<text class="hm-label" x="0" y="{y}">{name}</text>')
    month_seen: set[tuple[int, int]] = set()
    day = start
    while day <= end:
        col = (day - grid_start).days // 7
        row = day.weekday()
        x = LEFT + col * (CELL + GAP)
        y = TOP + row * (CELL + GAP)
        if (day.year, day.month) not in month_seen and (day.day <= 7 or day == start):
            month_seen.add((day.year, day.month))
            parts.append(f'<text class="hm-label" x="{x}" y="12">{day:%b}</text>')
        n = counts.get(day, 0)
        lv = level(n, peak)
        side = SIDE[lv]
        inset = (CELL - side) / 2
        rect = (
            f'<rect class="hm-{lv}" x="{x + inset:g}" y="{y + inset:g}" '
            f'width="{side}" height="{side}"'
        )
        if n:
            what = f"{n} event{'s' if n != 1 else ''} on {day:%A %d %B %Y}"
            parts.append(
                f'<a href="{escape(href(day))}" aria-label="{escape(what)}">'
                f'{rect} rx="2"><title>{escape(what)}</title></rect></a>'
            )
        else:
            parts.append(f'{rect} rx="2"/>')
        day += dt.timedelta(days=1)
    ly = TOP + 7 * (CELL + GAP) + 6
    lx = width - 5 * (CELL - 3 + GAP) - 34
    parts.append(
        f'<g class="hm-legend" aria-hidden="true"><text class="hm-label" x="{lx - 28}" '
        f'y="{ly + 9}">Less</text>'
    )
    for i in range(5):
        key_side = round(SIDE[i] * (CELL - 3) / CELL, 1)
        key_inset = round((CELL - 3 - key_side) / 2, 1)
        parts.append(
            f'<rect class="hm-{i}" x="{lx + i * (CELL - 3 + GAP) + key_inset:g}" '
            f'y="{ly + key_inset:g}" width="{key_side:g}" height="{key_side:g}" rx="2"/>'
        )
    parts.append(
        f'<text class="hm-label" x="{lx + 5 * (CELL - 3 + GAP) + 2}" y="{ly + 9}">More</text></g>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
