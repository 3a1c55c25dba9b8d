"""Dating: when was each passage reported, and when did its development happen.

``date_documents`` is called once per input file with that file's documents in
file order, because documents without a date of their own are bracketed by
their dated neighbours. Order (newest or oldest first) is detected, not assumed.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from chronicle.config import Config
from chronicle.dating.batch import clause_parses
from chronicle.dating.clauses import prefetched
from chronicle.dating.expressions import (
    EXPLICIT_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    BadDate,
    date_passage_text,
    find_expressions,
    latest_weekday,
    parse_month_day,
)
from chronicle.dating.header import HeaderDate, header_evidence, infer_year
from chronicle.dating.liveblog import entry_dates
from chronicle.model import DatedPassage, DateValue, Diagnostic, Document, Passage

__all__ = [
    "DatingResult",
    "clause_parses",
    "date_corpus",
    "date_documents",
    "is_printed_evidence",
    "prefetched",
]

#: Evidence prefixes of a document date inferred from its text or neighbours.
_INFERRED = ("text mentions", "latest full date in the text", "no date", "dating failed")


def is_printed_evidence(value: DateValue) -> bool:
    """Is this document date one the document prints about itself (not inferred)?"""
    return not value.evidence.startswith(_INFERRED)


#: A passage's own date more than this long before its report is background, not its day.
MAX_EVENT_AGE_DAYS = 366
#: An undated text's full dates this many years before the corpus's newest are background.
MAX_BACKGROUND_YEARS = 5
#: Undated documents are searched for a publication day at most this far from a neighbour.
MAX_BRACKET_DAYS = 62


@dataclass(frozen=True)
class DatingResult:
    passages: tuple[DatedPassage, ...] = ()
    document_dates: dict[str, DateValue] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    #: The result read the clock (a year-less date with nothing else to go by, or an
    #: undated file without a fallback): caches keep it for that day only.
    day_bound: bool = False
    #: A document had no date anywhere (or dating failed) and took the fallback date:
    #: :func:`date_corpus` dates the file again with the newest date of the corpus.
    undated: bool = False


#: Set by ``_today`` while ``date_documents`` runs.
_CLOCK_READ: contextvars.ContextVar[list[bool] | None] = contextvars.ContextVar(
    "dating_clock_read", default=None
)

_FALLBACK: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar(
    "dating_fallback", default=None
)

#: Set when a document of the file being dated takes the fallback date.
_UNDATED: contextvars.ContextVar[list[bool] | None] = contextvars.ContextVar(
    "dating_undated", default=None
)


def date_corpus(
    n_files: int, date_file: Callable[[int, dt.date | None], DatingResult]
) -> list[DatingResult]:
    """Date every input file: each by itself (``date_file(i, None)``), then each file with
    no date anywhere again, with the newest date of the rest of the corpus as fallback,
    so the result never depends on file mtimes. ``date_file`` may serve from a memo."""
    results = [date_file(i, None) for i in range(n_files)]
    if any(r.undated for r in results):
        # only dates a document prints about itself: a date read from the text (a
        # deadline a month ahead, a background year) must not date other files
        dated = [v for r in results if not r.undated for v in r.document_dates.values()]
        known = [v.value for v in dated if is_printed_evidence(v)] or [v.value for v in dated]
        if known:
            newest = max(known)
            results = [date_file(i, newest) if r.undated else r for i, r in enumerate(results)]
    return results


def date_documents(
    documents: Sequence[Document], config: Config, *, fallback: dt.date | None = None
) -> DatingResult:
    """Date every passage of one input file's documents (given in file order). Never raises.

    ``fallback`` dates a file with no date anywhere (the build passes the newest date of
    the rest of the corpus); never the file's mtime, which a fresh checkout changes.
    """
    diags: list[Diagnostic] = []
    clock_read, undated = [False], [False]
    token = _FALLBACK.set(fallback)
    clock_token = _CLOCK_READ.set(clock_read)
    undated_token = _UNDATED.set(undated)
    try:
        try:
            result = _date_documents(list(documents), config, diags)
        except Exception as exc:  # noqa: BLE001 - a stage never raises for bad input
            result = _degraded(documents, exc)
    finally:
        _FALLBACK.reset(token)
        _CLOCK_READ.reset(clock_token)
        _UNDATED.reset(undated_token)
    if clock_read[0] or undated[0]:
        result = replace(result, day_bound=result.day_bound or clock_read[0])
        result = replace(result, undated=result.undated or undated[0])
    return result


def _degraded(documents: Sequence[Document], exc: Exception) -> DatingResult:
    """A bug must not lose passages: date everything by its header or the file, and say so."""
    passages: list[DatedPassage] = []
    doc_dates: dict[str, DateValue] = {}
    diags = []
    for doc in documents:
        published = doc.header.published
        day = published.date() if published else _fallback_day(doc)
        value = DateValue(day, "day" if published else "year", "dating failed; fallback")
        doc_dates[doc.id] = value
        passages.extend(DatedPassage(p, value, value, p.time) for p in doc.passages)
        diags.append(
            Diagnostic(
                "C205",
                f"dating failed ({type(exc).__name__}: {exc}); used a fallback date",
                doc.path,
                doc.start_line,
                "error",
            )
        )
    return DatingResult(tuple(passages), doc_dates, tuple(diags), undated=bool(diags))


def _doc_text(doc: Document) -> str:
    parts: list[str] = []
    for p in doc.passages:
        parts.extend(x for x in (p.title, p.text) if x)
    return " ".join(parts)


def _self_date(doc: Document, config: Config, anchors: list[dt.date]) -> HeaderDate:
    if doc.kind == "liveblog":
        # the newest entry, not the newest stamp: entries after midnight print only a time
        stamps = [p.stamp_date for p in doc.passages if p.stamp_date is not None]
        if stamps:
            dates = entry_dates(doc.passages, max(stamps))
            newest = max(dates)
            return HeaderDate(DateValue(newest, "day", "newest live-blog entry"))
    return header_evidence(doc, config.war_day_one, anchors)


def _date_documents(docs: list[Document], config: Config, diags: list[Diagnostic]) -> DatingResult:
    n = len(docs)
    dates: list[DateValue | None] = [None] * n
    pending: list[HeaderDate | None] = [None] * n
    for i, doc in enumerate(docs):
        hd = _self_date(doc, config, [])
        _report_header(doc, hd, diags)
        dates[i] = hd.value
        pending[i] = hd if hd.value is None and hd.month_day else None

    # printed dates without a year: the neighbours' years, then the file's other dates
    for i, pend in enumerate(pending):
        if pend is None or pend.month_day is None:
            continue
        anchors = _nearest_dates(dates, i) or _full_dates_in(docs)
        month, day = pend.month_day
        if anchors:
            value = infer_year(month, day, pend.weekday, anchors)
        else:  # nothing else in the file: the latest such day up to today
            value = infer_year(month, day, pend.weekday, [_today()], not_after=_today())
        if value is None:
            diags.append(
                _diag(
                    "C202",
                    f"printed date '{docs[i].header.printed_date}' does not "
                    "exist in any nearby year",
                    docs[i],
                    docs[i].header.printed_line,
                )
            )
            continue
        if pend.weekday is not None and value.weekday() != pend.weekday:
            diags.append(
                _diag(
                    "C201",
                    f"printed date '{docs[i].header.printed_date}' falls on a "
                    f"{value:%A} in {value.year}",
                    docs[i],
                    docs[i].header.printed_line,
                )
            )
        source = "neighbours" if _nearest_dates(dates, i) else "the file's other dates"
        if not anchors:
            source = "the latest such day"
        dates[i] = DateValue(value, "day", f"{docs[i].header.printed_date} (year from {source})")

    newest_first = _detect_order(dates)
    _date_undated(docs, dates, newest_first, diags)

    passages: list[DatedPassage] = []
    doc_dates: dict[str, DateValue] = {}
    for i, doc in enumerate(docs):
        reported = dates[i]
        assert reported is not None
        doc_dates[doc.id] = reported
        passages.extend(_date_passages(doc, reported, diags))
    return DatingResult(tuple(passages), doc_dates, tuple(diags))


def _report_header(doc: Document, hd: HeaderDate, diags: list[Diagnostic]) -> None:
    line = doc.header.printed_line or doc.header.war_day_line or doc.start_line
    for msg in hd.bad:
        bad_line = doc.header.war_day_line if "war-day" in msg else line
        diags.append(_diag("C202", msg, doc, bad_line or line))
    if hd.conflict:
        diags.append(_diag("C201", hd.conflict, doc, line))


def _diag(
    code: str, msg: str, doc: Document, line: int | None, severity: str = "warning"
) -> Diagnostic:
    return Diagnostic(code, msg, doc.path, line, severity)  # type: ignore[arg-type]


def _nearest_dates(dates: list[DateValue | None], i: int) -> list[dt.date]:
    for k in range(1, len(dates)):
        found = [
            d.value for j in (i - k, i + k) if 0 <= j < len(dates) and (d := dates[j]) is not None
        ]
        if found:
            return found
    return []


def _full_dates_in(docs: Sequence[Document]) -> list[dt.date]:
    """Dates printed with a year anywhere in the file (the last resort for a missing year)."""
    out = []
    for doc in docs:
        for m in EXPLICIT_RE.finditer(doc.title + " " + _doc_text(doc)):
            parsed = parse_month_day(m.group(0))
            if isinstance(parsed, BadDate) or parsed[2] is None:
                continue
            try:
                out.append(dt.date(parsed[2], parsed[0], parsed[1]))
            except ValueError:
                continue
    return out


def _today() -> dt.date:
    flag = _CLOCK_READ.get()
    if flag is not None:
        flag[0] = True
    return dt.date.today()


def _detect_order(dates: Sequence[DateValue | None]) -> bool:
    """True when the file runs newest first (ties: newest first, the usual scrape order)."""
    seq = [d.value for d in dates if d is not None]
    down = sum(1 for a, b in zip(seq, seq[1:], strict=False) if b < a)
    up = sum(1 for a, b in zip(seq, seq[1:], strict=False) if b > a)
    return down >= up


def _bracket(
    dates: list[DateValue | None], i: int, newest_first: bool
) -> tuple[dt.date | None, dt.date | None]:
    before = next((dates[j].value for j in range(i - 1, -1, -1) if dates[j]), None)  # type: ignore[union-attr]
    after = next((dates[j].value for j in range(i + 1, len(dates)) if dates[j]), None)  # type: ignore[union-attr]
    lo, hi = (after, before) if newest_first else (before, after)
    if lo and hi and lo > hi:
        lo, hi = hi, lo  # the file is not strictly ordered here
    return lo, hi


def _mentions(doc: Document) -> tuple[list[int], list[tuple[int, int, int | None]]]:
    """Past weekdays and full or month-day dates the document's text mentions."""
    text = _doc_text(doc)
    weekdays: list[int] = []
    explicit: list[tuple[int, int, int | None]] = []
    for expr in find_expressions(text):
        if expr.future or expr.in_quote:
            continue
        if expr.kind == "weekday":
            m = WEEKDAY_RE.match(expr.phrase)
            if m and (m.group("mod") or "").lower() not in ("last", "past", "next", "coming"):
                weekdays.append(WEEKDAYS.index(m.group("wd").lower()))
        elif expr.kind == "explicit":
            parsed = parse_month_day(expr.phrase)
            if not isinstance(parsed, BadDate):
                explicit.append((parsed[0], parsed[1], parsed[2]))
    return weekdays, explicit


def _date_from_text(
    doc: Document, lo: dt.date | None, hi: dt.date | None
) -> tuple[dt.date, str] | None:
    """The publication day in [lo, hi] closest after the latest past day the text mentions."""
    weekdays, explicit = _mentions(doc)
    if not weekdays and not explicit:
        return None
    if lo and hi:
        days = _days(lo, min((hi - lo).days, MAX_BRACKET_DAYS) + 1, 1)
    elif hi:
        days = _days(hi, 7, -1)
    elif lo:
        days = _days(lo, 7, 1)
    else:
        full = [dt.date(y, m, d) for m, d, y in explicit if y and _valid(y, m, d)]
        corpus = _FALLBACK.get()
        if corpus is not None:
            # "signed on Feb. 19, 1973": years before the rest of the corpus is background
            full = [d for d in full if d.year >= corpus.year - MAX_BACKGROUND_YEARS]
        if full:
            return max(full), "latest full date in the text"
        # month-day only: its latest occurrence up to the file's own day
        ref = _fallback_day(doc)
        partial = [
            dt.date(ref.year - k, m, d)
            for m, d, _y in explicit
            for k in (0, 1, 4)
            if _valid(ref.year - k, m, d) and dt.date(ref.year - k, m, d) <= ref
        ]
        if partial:
            day = max(partial)
            return day, f"text mentions {day:%B} {day.day} (year from the file's date)"
        return None

    def gap(day: dt.date) -> tuple[int, str]:
        best = (99, "")
        for w in weekdays:
            g = (day - latest_weekday(w, day)).days
            best = min(best, (g, WEEKDAYS[w].capitalize()))
        for m, d, y in explicit:
            year = y or day.year
            if not _valid(year, m, d):
                continue
            mention = dt.date(year, m, d)
            if mention <= day:
                best = min(best, ((day - mention).days, mention.isoformat()))
        return best

    scored = [(gap(d), d) for d in days]
    best_gap = min(s[0][0] for s in scored)
    if best_gap == 99:
        return None
    day = max(d for s, d in scored if s[0] == best_gap)
    return day, f"text mentions {gap(day)[1]}"


def _days(start: dt.date, count: int, step: int) -> list[dt.date]:
    """``count`` consecutive days from ``start`` (stopping at the ends of the calendar)."""
    out = []
    for k in range(count):
        try:
            out.append(start + dt.timedelta(days=k * step))
        except OverflowError:
            break
    return out


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _date_undated(
    docs: list[Document], dates: list[DateValue | None], newest_first: bool, diags: list[Diagnostic]
) -> None:
    undated = [i for i, d in enumerate(dates) if d is None]
    if not undated:
        return
    original = list(dates)
    # first the documents whose text names a day, then the rest between them
    for i in undated:
        lo, hi = _bracket(original, i, newest_first)
        found = _date_from_text(docs[i], lo, hi)
        if found:
            day, why = found
            between = _between(lo, hi)
            dates[i] = DateValue(day, "day", f"{why}{between}")
    for i in undated:
        if dates[i] is not None:
            continue
        lo, hi = _bracket(dates, i, newest_first)
        if lo and hi:
            span = (hi - lo).days
            day = lo + dt.timedelta(days=span // 2)
            precision = "day" if span <= 2 else "week"
            dates[i] = DateValue(day, precision, f"no date in the text{_between(lo, hi)}")
        elif lo or hi:
            day = lo or hi  # type: ignore[assignment]
            dates[i] = DateValue(day, "day", f"no date in the text; next to {day.isoformat()}")
        else:
            day = _fallback_day(docs[i])
            flag = _UNDATED.get()
            if flag is not None:
                flag[0] = True
            dates[i] = DateValue(day, "year", "no date anywhere; newest date of the corpus")
            diags.append(
                _diag(
                    "C205",
                    "no date in the document or its neighbours; using the corpus's newest date",
                    docs[i],
                    docs[i].start_line,
                )
            )
            continue
    for i in undated:
        value = dates[i]
        assert value is not None
        diags.append(
            _diag(
                "C204",
                f"dated {value.value.isoformat()} ({value.evidence})",
                docs[i],
                docs[i].start_line,
                "info",
            )
        )


def _between(lo: dt.date | None, hi: dt.date | None) -> str:
    if lo and hi:
        return f"; between neighbours {lo.isoformat()} and {hi.isoformat()}"
    if lo or hi:
        return f"; next to {(lo or hi).isoformat()}"  # type: ignore[union-attr]
    return ""


def _fallback_day(doc: Document) -> dt.date:
    """The corpus's newest date when the build knows it, else today (never the mtime)."""
    return _FALLBACK.get() or _today()


def _date_passages(
    doc: Document, reported: DateValue, diags: list[Diagnostic]
) -> list[DatedPassage]:
    passages = list(doc.passages)
    if doc.kind == "liveblog" or any(p.time for p in passages):
        per_entry = entry_dates(passages, reported.value)
    else:
        per_entry = [reported.value] * len(passages)
    out = []
    for p, day in zip(passages, per_entry, strict=True):
        if doc.kind == "liveblog" or p.time:
            rep = DateValue(day, "day", _entry_evidence(p, day))
        else:
            rep = reported
        lead = 2 if p.kind == "article" else 1
        choice = date_passage_text(p.text, rep.value, lead_sentences=lead)
        for bad in choice.bad:
            diags.append(_diag("C202", f"'{bad.phrase}' is {bad.reason}", doc, p.line))
        if choice.value is not None and (rep.value - choice.value.value).days > MAX_EVENT_AGE_DAYS:
            # a date that far before the report is background ("On Feb. 19, 1973, …"), never
            # the day of the development the passage reports
            date = DateValue(
                rep.value,
                rep.precision,
                f"'{choice.value.evidence}' is background; the reported date",
            )
        elif choice.value is not None:
            date = choice.value
        else:
            date = DateValue(rep.value, rep.precision, "no date in the text; the reported date")
        out.append(DatedPassage(passage=p, reported=rep, date=date, time=p.time))
    return out


def _entry_evidence(p: Passage, day: dt.date) -> str:
    if p.stamp_date is not None:
        return f"timestamp {p.stamp_date.isoformat()} {p.time or ''}".strip()
    return f"{p.time or 'entry'} (day from the run of entry times)"
