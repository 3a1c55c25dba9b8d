"""What every group of merged passages must agree on, checked before two groups join.

Pair scores decide which passages are alike; these vetoes keep a chain of alike pairs
from growing into a blob (a paragraph a report series repeats every day, "our forecast
of …", once joined 27 passages about unrelated news):

- **size**: an event holds at most :data:`MAX_SOURCES` different texts (copies of one
  text, a report reposted word for word, count once);
- **day**: dates read from the passages themselves (not fallbacks) agree on one day or
  two adjacent ones (an overnight attack), and no date (fallbacks included) lies more
  than :data:`MAX_SPAN` days from the others;
- **place**: two groups that each name specific places (those not named by a large
  share of the corpus, like the country at war) share at least one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

#: The most sources of an event that are not all one text.
MAX_SOURCES = 8
#: Days between the earliest and latest date of one event's sources.
MAX_SPAN = 2
#: Days between dates read from the sources' own text ("overnight" spans two days).
MAX_DAY_GAP = 1


@dataclass(frozen=True)
class Summary:
    """What a group of passages says about itself, for the vetoes."""

    size: int
    texts: frozenset[str]  # distinct normalised texts, at most MAX_SOURCES + 1 kept
    strong: frozenset[dt.date]  # day-precision dates read from the passages
    first: dt.date  # earliest date of any source
    last: dt.date
    places: frozenset[str]  # specific places named


def summary(
    size: int,
    text: str,
    day: dt.date,
    weak: bool,
    day_precision: bool,
    places: Iterable[str],
) -> Summary:
    """The summary of ``size`` copies of one passage."""
    return Summary(
        size=size,
        texts=frozenset({hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:16]}),
        strong=frozenset({day}) if day_precision and not weak else frozenset(),
        first=day,
        last=day,
        places=frozenset(places),
    )


def combine(a: Summary, b: Summary) -> Summary:
    texts = a.texts | b.texts
    if len(texts) > MAX_SOURCES + 1:
        texts = frozenset(sorted(texts)[: MAX_SOURCES + 1])
    return Summary(
        size=a.size + b.size,
        texts=texts,
        strong=a.strong | b.strong,
        first=min(a.first, b.first),
        last=max(a.last, b.last),
        places=a.places | b.places,
    )


def veto(a: Summary, b: Summary) -> str | None:
    """Why groups ``a`` and ``b`` cannot be one event, or None."""
    if len(a.texts | b.texts) > MAX_SOURCES:
        return f"more than {MAX_SOURCES} different texts"
    strong = a.strong | b.strong
    if strong and (max(strong) - min(strong)).days > MAX_DAY_GAP:
        return "different days"
    if (max(a.last, b.last) - min(a.first, b.first)).days > MAX_SPAN:
        return "days too far apart"
    if a.places and b.places and not a.places & b.places:
        return "different places"
    return None
