"""Date expressions inside a passage, resolved against the day it was reported.

Candidates are found with patterns (weekdays, "yesterday", "last week", explicit
dates); explicit dates are parsed with python-dateutil. Each candidate carries
the clues that decide whether it may set the date of the development: is it in
a quotation, a future reference ("talks resume on Sunday"), background ("since
2022"), or attached to a subordinate clause ("after the attack on Tuesday")?
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from dateutil import parser as du_parser

from chronicle.calendar_names import MONTHS, WEEKDAYS
from chronicle.dating.clauses import may_be_embedded, outside_main_clause
from chronicle.model import DateValue

_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_APOS = r"['’]"

#: Full or partial calendar dates: "Wednesday 28 January 2026", "February 4", "January 23, 2026".
EXPLICIT_RE = re.compile(
    rf"\b(?:(?P<wd1>{_WD}),?\s+)?(?:the\s+)?(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MON})"
    rf"(?:,?\s+(?P<y1>{_YEAR}))?(?!\w)"
    rf"|\b(?:(?P<wd2>{_WD}),?\s+)?(?P<m2>{_MON})\s+(?P<d2>{_DAY})(?!\d)"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?(?!\w)"
    r"|\b(?P<iso>\d{4}-\d{1,2}-\d{1,2})\b"
)
MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{_MON})\s+(?P<y>{_YEAR})\b")
YEAR_RE = re.compile(rf"\b(?P<prep>in|since|during|until|by|from|of|early|late)\s+(?P<y>{_YEAR})\b")
MONTH_RE = re.compile(
    rf"\b(?P<prep>in|since|during|until|by|from|early|late|mid-)\s*(?P<m>{_MON})(?!\s*\d)"
)
#: Weekday names that are not days: holidays and newspapers.
_NOT_A_DAY_BEFORE = "".join(
    f"(?<!{w} )" for w in ("Black", "Good", "Bloody", "Holy", "Cyber", "Easter", "Palm", "Ash")
)
_NOT_A_DAY_AFTER = (
    r"(?!\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|People|Independent|Sport|Star)\b)"
)
WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<mod>last|this|next|past|coming|on|early\s+on|late\s+on|since|until|by)\s+)?"
    rf"{_NOT_A_DAY_BEFORE}(?P<wd>{_WD}){_NOT_A_DAY_AFTER}(?P<poss>{_APOS}s)?"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b",
    re.IGNORECASE,
)
RELATIVE_RE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|last\s+night|this\s+morning|this\s+afternoon|"
    r"this\s+evening|overnight|earlier\s+today|"
    r"last\s+week|earlier\s+this\s+week|this\s+week|"
    r"(?:over|at)\s+the\s+weekend|last\s+weekend|this\s+weekend|next\s+week(?:end)?|"
    r"earlier\s+this\s+month|last\s+month|next\s+month|last\s+year|next\s+year|"
    r"(?P<n>\d+|two|three|four|five|six|seven|a)\s+(?P<unit>days?|weeks?)\s+ago)\b",
    re.IGNORECASE,
)
_NUMBERS = {"a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

#: Words showing that a date in the same clause is announced, not reported as done.
FUTURE_RE = re.compile(
    r"\b(?:will|would|shall|'ll|expected|expects|set\s+to|scheduled|plans?\s+to|planned|"
    r"plan\s+(?:another|a\s+new|new|more|further|a\s+second|a\s+third)|"
    r"due\s+(?:on|at|in|for|this|next|to\s+(?:be|take|begin|start|resume|meet|hold|sign|visit|"
    r"arrive|travel|vote|return|open|end))|"
    r"planning|to\s+resume|resume|to\s+begin|to\s+start|to\s+hold|to\s+take\s+place|to\s+meet|"
    r"next(?!\s+to\b)|upcoming|ahead\s+of|in\s+advance\s+of|until|till|intends?\s+to|is\s+to|"
    r"are\s+to|"
    r"going\s+to|preparing\s+for|forecast|predicted)\b",
    re.IGNORECASE,
)
#: Subordinate or background attachment: the date belongs to something else.
SUBORDINATE_RE = re.compile(
    r"\b(?:after|following|since|from|between|before|amid|than|compared\s+with)\b", re.IGNORECASE
)
SPEECH_RE = re.compile(
    r"\b(?:said|says|told|announced|wrote|reported|confirmed|added|stated|declared|claimed|"
    r"tweeted|posted|warned|urged|insisted|noted)\b",
    re.IGNORECASE,
)
_CLAUSE_BOUNDARY = re.compile(r"[,;:()\[\]]|\s[–—-]\s|\band\b|\bbut\b|\bwhich\b|\bwho\b")
_SENTENCE_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’]))\s+(?=[A-Z“\"‘'(])")


@dataclass(frozen=True)
class Expression:
    """A date phrase found in text, before it is resolved."""

    start: int
    end: int
    phrase: str
    kind: str  # explicit | month_year | year | month | weekday | relative
    sentence: int = 0
    in_quote: bool = False
    future: bool = False
    subordinate: bool = False
    main: bool = False  # sentence-initial or attached to a reporting verb


@dataclass(frozen=True)
class BadDate:
    phrase: str
    reason: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences (a light splitter: news prose is well punctuated)."""
    spans = []
    start = 0
    for m in _SENTENCE_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _clause_before(text: str, sent_start: int, pos: int) -> str:
    """Text from the last clause boundary before ``pos`` (within the sentence) to ``pos``.

    A clause of one or two words ("… on Wednesday and Thursday") borrows the one
    before it, so coordinated dates share their clause's tense.
    """
    chunk = text[sent_start:pos]
    bounds = [m.end() for m in _CLAUSE_BOUNDARY.finditer(chunk)]
    if not bounds:
        return chunk
    if len(chunk[bounds[-1] :].split()) < 3:
        return chunk[bounds[-2] :] if len(bounds) > 1 else chunk
    return chunk[bounds[-1] :]


def _quote_states(text: str, positions: list[int]) -> list[bool]:
    """Whether each sorted position lies inside double quotes (curly or straight); one pass."""
    out: list[bool] = []
    inside = False
    at = 0
    for pos in positions:
        for ch in text[at:pos]:
            if ch == "“":
                inside = True
            elif ch == "”":
                inside = False
            elif ch == '"':
                inside = not inside
        at = max(at, pos)
        out.append(inside)
    return out


def find_expressions(text: str) -> list[Expression]:
    """Every date phrase in ``text`` with the clues used to rank it."""
    return list(_find_expressions(text))


@functools.lru_cache(maxsize=4096)
def _find_expressions(text: str) -> tuple[Expression, ...]:
    """Memoised (the result is immutable): archives and reposts repeat passages verbatim."""
    raw: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], kind: str) -> None:
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        raw.append((s, e, kind))

    for m in EXPLICIT_RE.finditer(text):
        add(m, "explicit")
    for m in MONTH_YEAR_RE.finditer(text):
        add(m, "month_year")
    for m in YEAR_RE.finditer(text):
        add(m, "year")
    for m in MONTH_RE.finditer(text):
        add(m, "month")
    for m in RELATIVE_RE.finditer(text):
        add(m, "relative")
    for m in WEEKDAY_RE.finditer(text):
        add(m, "weekday")
    raw.sort()
    sentences = sentence_spans(text)
    quoted = _quote_states(text, [s for s, _, _ in raw])
    out = []
    for (s, e, kind), in_quote in zip(raw, quoted, strict=True):
        idx = next((i for i, (a, b) in enumerate(sentences) if a <= s < b), len(sentences) - 1)
        sent_start = sentences[idx][0]
        phrase = text[s:e]
        clause = _clause_before(text, sent_start, s)
        before = text[sent_start:s]
        future = bool(FUTURE_RE.search(clause)) or bool(
            re.match(r"(?:next|coming|this\s+weekend|next\s+week)", phrase, re.IGNORECASE)
        )
        if kind == "weekday" and re.match(r"(?:until|by)\b", phrase, re.IGNORECASE):
            future = True
        # "resume on Sunday": the verb right after the date can announce it too
        after = text[e : e + 40]
        if re.match(r"\s*(?:will|is\s+expected|is\s+due|is\s+set)\b", after):
            future = True
        subordinate = bool(SUBORDINATE_RE.search(clause)) or bool(
            re.match(r"since\b", phrase, re.IGNORECASE)
        )
        initial = not before.strip() or bool(
            re.fullmatch(r"\W*(?:early|late)?\s*(?:on|in)?\s*", before)
        )
        main = initial or bool(SPEECH_RE.search(clause))
        out.append(
            Expression(
                start=s,
                end=e,
                phrase=phrase.strip(),
                kind=kind,
                sentence=idx,
                in_quote=in_quote,
                future=future,
                subordinate=subordinate and not initial,
                main=main,
            )
        )
    # "on Wednesday and Thursday": a coordinated date shares the tense of the first
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        if re.fullmatch(r"[\s,]*(?:and|or|to|through|-|–)?[\s,]*", text[prev.end : cur.start]):
            out[k] = replace(cur, future=cur.future or prev.future)
    return tuple(out)


def latest_weekday(weekday: int, on_or_before: dt.date, strictly: bool = False) -> dt.date:
    """The latest day with ``weekday`` (0=Monday) on or before a date."""
    delta = (on_or_before.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return on_or_before - dt.timedelta(days=delta)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date, back: int = 0) -> dt.date:
    month = day.month - back
    year = day.year
    while month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


def parse_month_day(phrase: str) -> tuple[int, int, int | None, int | None] | BadDate:
    """(month, day, year or None, weekday or None) of a printed date, via python-dateutil.

    Parsing against a leap-year default lets "February 29" through when no year
    is printed; the caller checks it against the year it infers.
    """
    text = phrase.strip().rstrip(":.,")
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    wd_match = re.search(_WD, text, re.IGNORECASE)
    weekday = WEEKDAYS.index(wd_match.group(0).lower()) if wd_match else None
    has_year = re.search(rf"\b{_YEAR}\b", text) is not None or re.match(r"\d{4}-", text)
    body = re.sub(_WD + r",?", "", text, flags=re.IGNORECASE).strip()
    try:
        parsed = du_parser.parse(body, default=dt.datetime(2000, 1, 1), dayfirst=False)
    except (ValueError, OverflowError, du_parser.ParserError) as exc:
        return BadDate(phrase, f"not a valid date ({exc})")
    if not re.search(r"\d", body):
        return BadDate(phrase, "no day of the month")
    return parsed.month, parsed.day, (parsed.year if has_year else None), weekday


def resolve(expr: Expression, text: str, reported: dt.date) -> DateValue | BadDate | None:
    """The date an expression points to, on or before ``reported``; None if it cannot."""
    try:
        return _resolve(expr, reported)
    except (OverflowError, ValueError):  # arithmetic at the ends of the calendar
        return None


def _resolve(expr: Expression, reported: dt.date) -> DateValue | BadDate | None:
    phrase = expr.phrase
    low = phrase.lower()
    if expr.kind == "explicit":
        parsed = parse_month_day(phrase)
        if isinstance(parsed, BadDate):
            return parsed
        month, day, year, _wd = parsed
        if year is None:
            year = reported.year
            try:
                cand = dt.date(year, month, day)
            except ValueError:
                cand = None
            if cand is None or cand > reported:
                if cand is not None and (cand - reported).days <= 120:
                    return None  # a coming date: an announcement, not a report
                year -= 1
        try:
            value = dt.date(year, month, day)
        except ValueError:
            return BadDate(phrase, "day out of range for the month")
        return None if value > reported else DateValue(value, "day", phrase)
    if expr.kind == "month_year":
        m = MONTH_YEAR_RE.match(phrase)
        assert m is not None
        month = MONTHS[m.group("m").rstrip(".").lower()]
        value = dt.date(int(m.group("y")), month, 1)
        return None if value > reported else DateValue(value, "month", phrase)
    if expr.kind == "year":
        m = YEAR_RE.match(phrase)
        assert m is not None
        value = dt.date(int(m.group("y")), 1, 1)
        return None if value > reported else DateValue(value, "year", phrase)
    if expr.kind == "month":
        m = MONTH_RE.match(phrase)
        assert m is not None
        month = MONTHS[m.group("m").rstrip(".").lower()]
        year = reported.year if month <= reported.month else reported.year - 1
        return DateValue(dt.date(year, month, 1), "month", phrase)
    if expr.kind == "weekday":
        m = WEEKDAY_RE.match(phrase)
        assert m is not None
        weekday = WEEKDAYS.index(m.group("wd").lower())
        mod = (m.group("mod") or "").lower()
        value = latest_weekday(weekday, reported, strictly=mod in ("last", "past"))
        if mod not in ("last", "past") and (reported - value).days == 6:
            return None  # a bare weekday six days back is far likelier a slip or a plan
        return DateValue(value, "day", phrase)
    if expr.kind == "relative":
        return _resolve_relative(low, reported, phrase)
    return None


def _resolve_relative(low: str, reported: dt.date, phrase: str) -> DateValue | None:
    low = re.sub(r"\s+", " ", low)
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return DateValue(reported, "day", phrase)
    if low in ("overnight", "earlier today"):
        return DateValue(reported, "day", phrase)
    if low in ("yesterday", "last night"):
        return DateValue(reported - dt.timedelta(days=1), "day", phrase)
    if low == "last week":
        return DateValue(week_start(reported) - dt.timedelta(days=7), "week", phrase)
    if low in ("this week", "earlier this week"):
        return DateValue(week_start(reported), "week", phrase)
    if low in ("over the weekend", "at the weekend", "last weekend"):
        sat = latest_weekday(5, reported - dt.timedelta(days=1 if low != "last weekend" else 2))
        if low != "last weekend" and reported.weekday() == 6:
            sat = reported - dt.timedelta(days=1)
        return DateValue(sat, "week", phrase)
    if low == "earlier this month":
        return DateValue(month_start(reported), "month", phrase)
    if low == "last month":
        return DateValue(month_start(reported, 1), "month", phrase)
    if low == "last year":
        return DateValue(dt.date(reported.year - 1, 1, 1), "year", phrase)
    m = re.match(r"(\w+) (day|week)s? ago", low)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS.get(m.group(1), 1)
        if n > (3660 if m.group(2) == "day" else 520):
            return None  # "999999 days ago" is not a date worth trusting
        if m.group(2) == "day":
            return DateValue(reported - dt.timedelta(days=n), "day", phrase)
        return DateValue(week_start(reported - dt.timedelta(days=7 * n)), "week", phrase)
    return None  # "next week", "this weekend": announcements


def is_background(value: DateValue, reported: dt.date) -> bool:
    """Coarse dates well before the report ("in September 2024", "since 2022")."""
    if value.precision == "year":
        return True
    if value.precision == "month":
        return (reported.year * 12 + reported.month) - (
            value.value.year * 12 + value.value.month
        ) > 1
    return (reported - value.value).days > 45


@dataclass(frozen=True)
class Choice:
    value: DateValue | None
    bad: tuple[BadDate, ...] = ()


def date_passage_text(
    text: str, reported: dt.date, max_sentences: int = 3, lead_sentences: int = 1
) -> Choice:
    """The date of the development a passage reports, or None when the text has no usable date.

    The first sentence that holds a date expression decides (the lead carries the
    news): its earliest usable date wins; if all it holds is an announcement
    ("talks resume on Sunday") the passage is taken to be dated by its report.
    Quotes, subordinate clauses ("after the attack on Tuesday") and background
    ("since 2022") never count; week- or month-wide dates only in the lead.
    """
    bad: list[BadDate] = []
    by_sentence: dict[int, list[tuple[int, DateValue]]] = {}
    blocked: set[int] = set()
    spans = sentence_spans(text)
    if len(spans) > max_sentences:
        text = text[: spans[max_sentences - 1][1]]  # later sentences never decide
    for expr in find_expressions(text):
        value = resolve(expr, text, reported)
        if isinstance(value, BadDate):
            bad.append(value)
            continue
        if expr.in_quote or expr.sentence >= max_sentences:
            continue
        if value is None or expr.future or value.value > reported:
            blocked.add(expr.sentence)
            continue
        if is_background(value, reported) and not (expr.main and expr.sentence == 0):
            continue
        if expr.subordinate and not expr.main:
            continue
        a, b = spans[min(expr.sentence, len(spans) - 1)]
        if outside_main_clause(text[a:b], expr.start - a, expr.end - a):
            continue
        if value.precision != "day" and expr.sentence >= lead_sentences:
            continue
        by_sentence.setdefault(expr.sentence, []).append((expr.start, value))
    for idx in range(max_sentences):
        if idx in by_sentence:
            return Choice(min(by_sentence[idx], key=lambda c: c[0])[1], tuple(bad))
        if idx in blocked:
            break
    return Choice(None, tuple(bad))


def clause_candidates(text: str, max_sentences: int = 3) -> list[str]:
    """The sentences :func:`date_passage_text` may ask a parse of (a superset: the value
    of each date is not resolved here), so they can be parsed in one batch beforehand."""
    spans = sentence_spans(text)
    if len(spans) > max_sentences:
        text = text[: spans[max_sentences - 1][1]]
    out: list[str] = []
    for expr in find_expressions(text):
        if expr.in_quote or expr.sentence >= max_sentences or expr.future:
            continue
        if expr.subordinate and not expr.main:
            continue
        a, b = spans[min(expr.sentence, len(spans) - 1)]
        if may_be_embedded(text[a:b], expr.start - a, expr.end - a):
            out.append(text[a:b])
    return out
