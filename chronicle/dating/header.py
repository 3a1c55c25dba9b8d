"""A document's own date from what it prints about itself.

Evidence: a printed date ("Wednesday, February 4", maybe without a year), its
weekday, the war-day counter ("day 1,441") and a full timestamp or front-matter
date. The counter is only trusted to ±1 day (outlets count inconsistently), so
it corroborates; conflicts are settled by majority vote and reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chronicle.dating.expressions import WEEKDAYS, BadDate, parse_month_day
from chronicle.model import DateValue, DocHeader, Document

#: Largest counter accepted: about 60 years of war; anything larger is a misread.
MAX_WAR_DAY = 22_000


@dataclass(frozen=True)
class HeaderDate:
    """The outcome for one document: a date, or the evidence still missing a year."""

    value: DateValue | None
    conflict: str | None = None  # message for C201
    bad: tuple[str, ...] = ()  # messages for C202
    month_day: tuple[int, int] | None = None  # printed date without a year, unresolved
    weekday: int | None = None


def counter_date(war_day: int, day_one: dt.date) -> dt.date | None:
    if war_day < 1 or war_day > MAX_WAR_DAY:
        return None
    try:
        day = day_one + dt.timedelta(days=war_day - 1)
    except OverflowError:
        return None
    return day if dt.date(2, 1, 1) <= day <= dt.date(9998, 12, 31) else None


def _candidates_for_year(month: int, day: int, years: list[int]) -> list[dt.date]:
    out = []
    for y in years:
        try:
            out.append(dt.date(y, month, day))
        except ValueError:
            continue
    return out


def infer_year(
    month: int,
    day: int,
    weekday: int | None,
    anchors: list[dt.date],
    not_after: dt.date | None = None,
) -> dt.date | None:
    """The year that best fits a printed month-day: weekday first, then nearest anchor.

    With no anchor but today (``not_after``), years reach back far enough for the
    weekday to come round again (it repeats within 11 years).
    """
    spread = (-11, -6, -5, -1, 0, 1) if not_after else (-1, 0, 1)
    years = sorted({a.year + k for a in anchors for k in range(min(spread), max(spread) + 1)})
    cands = [
        d for d in _candidates_for_year(month, day, years) if not_after is None or d <= not_after
    ]
    if not cands:
        return None

    def cost(d: dt.date) -> tuple[int, int]:
        wrong_weekday = 1 if weekday is not None and d.weekday() != weekday else 0
        dist = min(abs((d - a).days) for a in anchors)
        return (wrong_weekday if dist > 3 else 0, dist)

    return min(cands, key=cost)


def header_evidence(doc: Document, day_one: dt.date, anchors: list[dt.date]) -> HeaderDate:
    """Resolve a document's printed date, weekday and counter into one date (or defer)."""
    head: DocHeader = doc.header
    bad: list[str] = []
    counter: dt.date | None = None
    if head.war_day is not None:
        counter = counter_date(head.war_day, day_one)
        if counter is None:
            bad.append(f"war-day counter 'day {head.war_day}' is out of range")
    if head.published is not None:
        published = head.published.date()
        printed = _full_printed(head)
        if printed is not None and abs((printed - published).days) > 1:
            # the page's own dateline wins over metadata that a scraper or editor added
            return HeaderDate(
                DateValue(printed, "day", f"dateline '{head.printed_date}'"),
                conflict=(
                    f"front matter date {published.isoformat()} contradicts the page's "
                    f"dateline '{head.printed_date}' ({printed.isoformat()}); using the dateline"
                ),
                bad=tuple(bad),
            )
        return HeaderDate(DateValue(published, "day", f"published {published.isoformat()}"))
    if not head.printed_date:
        if counter is not None:
            return HeaderDate(DateValue(counter, "day", f"war day {head.war_day}"), bad=tuple(bad))
        return HeaderDate(None, bad=tuple(bad))
    parsed = parse_month_day(head.printed_date)
    if isinstance(parsed, BadDate):
        bad.append(f"printed date '{head.printed_date}' is {parsed.reason}")
        if counter is not None:
            return HeaderDate(DateValue(counter, "day", f"war day {head.war_day}"), bad=tuple(bad))
        return HeaderDate(None, bad=tuple(bad))
    month, day, year, weekday = parsed
    local_anchors = ([counter] if counter else []) or anchors
    if year is not None:
        try:
            printed = dt.date(year, month, day)
        except ValueError:
            bad.append(f"printed date '{head.printed_date}' does not exist")
            if counter is not None:
                return HeaderDate(
                    DateValue(counter, "day", f"war day {head.war_day}"), bad=tuple(bad)
                )
            return HeaderDate(None, bad=tuple(bad))
    else:
        if not local_anchors:
            return HeaderDate(None, bad=tuple(bad), month_day=(month, day), weekday=weekday)
        inferred = infer_year(month, day, weekday, local_anchors)
        if inferred is None:
            bad.append(f"printed date '{head.printed_date}' does not exist")
            if counter is not None:
                return HeaderDate(
                    DateValue(counter, "day", f"war day {head.war_day}"), bad=tuple(bad)
                )
            return HeaderDate(None, bad=tuple(bad))
        printed = inferred
    value, conflict = vote(printed, weekday, counter, head)
    return HeaderDate(value, conflict=conflict, bad=tuple(bad))


def _full_printed(head: DocHeader) -> dt.date | None:
    """The printed date when it carries its year (and exists), else None."""
    if not head.printed_date:
        return None
    parsed = parse_month_day(head.printed_date)
    if isinstance(parsed, BadDate) or parsed[2] is None:
        return None
    try:
        return dt.date(parsed[2], parsed[0], parsed[1])
    except ValueError:
        return None


def vote(
    printed: dt.date, weekday: int | None, counter: dt.date | None, head: DocHeader
) -> tuple[DateValue, str | None]:
    """Majority of printed day, printed weekday and counter (exact 1 vote, ±1 half a vote)."""
    phrase = head.printed_date or printed.isoformat()
    cands = {printed}
    if weekday is not None:
        for k in range(-3, 4):
            d = printed + dt.timedelta(days=k)
            if d.weekday() == weekday:
                cands.add(d)
    if counter is not None:
        cands.update({counter, counter - dt.timedelta(days=1), counter + dt.timedelta(days=1)})

    def score(d: dt.date) -> tuple[float, int]:
        s = 1.0 if d == printed else 0.0
        if weekday is not None and d.weekday() == weekday:
            s += 1.0
        if counter is not None:
            gap = abs((d - counter).days)
            s += 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0
        return (s, 1 if d == printed else 0)

    best = max(sorted(cands), key=score)
    weekday_ok = weekday is None or printed.weekday() == weekday
    counter_gap = abs((printed - counter).days) if counter is not None else 0
    evidence = phrase if best == printed else _explain(best, weekday, counter, head)
    conflict = None
    if best != printed or not weekday_ok or counter_gap > 1:
        parts = [f"printed '{phrase}' ({printed:%A} {printed.isoformat()})"]
        if weekday is not None and not weekday_ok:
            parts.append(f"weekday says {WEEKDAYS[weekday].capitalize()}")
        if counter is not None:
            parts.append(f"war day {head.war_day} gives {counter.isoformat()}")
        conflict = "; ".join(parts) + f"; using {best.isoformat()} (majority)"
    return DateValue(best, "day", evidence), conflict


def _explain(best: dt.date, weekday: int | None, counter: dt.date | None, head: DocHeader) -> str:
    bits = []
    if weekday is not None and best.weekday() == weekday:
        bits.append(WEEKDAYS[weekday].capitalize())
    if counter is not None and abs((best - counter).days) <= 1:
        bits.append(f"day {head.war_day:,}")
    return f"{' + '.join(bits) or 'majority'} (printed '{head.printed_date}')"
