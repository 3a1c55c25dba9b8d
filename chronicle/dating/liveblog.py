"""Dates of live-blog entries whose timestamp prints only the time.

Entries run newest first (sometimes oldest first). Walking them in
chronological order, a time earlier than the one before means midnight was
crossed; entries that print a full date re-anchor the walk.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from chronicle.model import Passage

_TIME_RE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def minutes(time: str | None) -> int | None:
    if not time:
        return None
    m = _TIME_RE.match(time)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    if h > 23 or mi > 59:
        return None
    return h * 60 + mi


def newest_first(entries: Sequence[Passage]) -> bool:
    """Detect the blog's order from its stamps and times (ties: newest first, the norm)."""
    down = up = 0
    prev: tuple[dt.date | None, int] | None = None
    for p in entries:
        t = minutes(p.time)
        if t is None:
            continue
        cur = (p.stamp_date, t)
        if prev is not None:
            if cur[0] is not None and prev[0] is not None and cur[0] != prev[0]:
                down += cur[0] < prev[0]
                up += cur[0] > prev[0]
            elif cur[1] != prev[1]:
                down += cur[1] < prev[1]
                up += cur[1] > prev[1]
        prev = cur
    return down >= up


def entry_dates(entries: Sequence[Passage], fallback: dt.date) -> list[dt.date]:
    """One date per entry (file order). ``fallback`` anchors the newest entry when no stamp
    prints a date."""
    if not entries:
        return []
    order = list(range(len(entries)))
    if newest_first(entries):
        order.reverse()  # chronological
    chron = [entries[i] for i in order]
    dates: list[dt.date | None] = [None] * len(chron)
    anchors = [i for i, p in enumerate(chron) if p.stamp_date is not None]
    if not anchors:
        # the newest entry takes the document's date; walk back crossing midnights
        last = len(chron) - 1
        dates[last] = fallback
        _walk_back(chron, dates, last)
    else:
        for i in anchors:
            dates[i] = chron[i].stamp_date
        _walk_back(chron, dates, anchors[0])
        cur = dates[anchors[0]]
        prev_t = minutes(chron[anchors[0]].time)
        for i in range(anchors[0] + 1, len(chron)):
            t = minutes(chron[i].time)
            if dates[i] is not None:
                cur = dates[i]
            else:
                if t is not None and prev_t is not None and t < prev_t:
                    cur = cur + dt.timedelta(days=1) if cur is not None else None
                dates[i] = cur
            if t is not None:
                prev_t = t
    result = [d if d is not None else fallback for d in dates]
    by_file = [fallback] * len(entries)
    for pos, i in enumerate(order):
        by_file[i] = result[pos]
    return by_file


def _walk_back(chron: Sequence[Passage], dates: list[dt.date | None], anchor: int) -> None:
    cur = dates[anchor]
    next_t = minutes(chron[anchor].time)
    for i in range(anchor - 1, -1, -1):
        t = minutes(chron[i].time)
        if t is not None and next_t is not None and t > next_t:
            cur = cur - dt.timedelta(days=1) if cur is not None else None
        dates[i] = cur
        if t is not None:
            next_t = t
