"""Property tests (hypothesis): the readers never crash and lose no line, line ends
and a BOM never change what is read, and the date resolver never crashes and keeps every
date inside the document's bracket (never after the report, undated documents between
their dated neighbours).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from helpers.hostile_gen import bom_crlf, cr_only
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.config import Config
from chronicle.errors import CODES
from chronicle.model import DocHeader, Document, Line, Passage

SETTINGS = settings(
    database=None, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

#: Phrases that trip date parsers, mixed into generated news.
DATE_PHRASES = [
    "February 30",
    "Monday, February 30",
    "day -5",
    "day 0",
    "day 99,999,999",
    "2026-13-02",
    "13/13/2026",
    "31 April 2025",
    "on 1 January 99999",
    "January 1, 1",
    "Feb. 29, 2023",
    "Feb. 29, 2024",
    "yesterday",
    "last week",
    "3 days ago",
    "999999 days ago",
    "next Sunday",
    "since 2022",
    "in September 2024",
    "on Tuesday",
    "last Friday",
    "earlier this month",
    "Here is where things stand on Wednesday, February 4:",
    "the 31st",
    "0 January",
    "Wednesday 28 January 2026 13:22",
    "99:99",
    "day 1,441",
    "-1 March 2026",
    "March 2026",
]
WORDS = [
    "Russia",
    "Ukraine",
    "Kyiv",
    "said",
    "drone",
    "strike",
    "killed",
    "the",
    "on",
    "in",
    "Zelensky",
    "•",
    "  • ",
    "---",
    "|",
    "Source link",
    "Key Points",
    "title:",
    "date:",
    "<script>",
    "{{ x }}",
    "Київ",
    "Łódź",
    "\t",
    "\u00a0",
    "\u200b",
]
_LINE_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\n\x85")


def _line() -> st.SearchStrategy[str]:
    token = st.one_of(
        st.sampled_from(DATE_PHRASES), st.sampled_from(WORDS), st.text(_LINE_CHARS, max_size=12)
    )
    return st.lists(token, max_size=14).map(" ".join)


news_lines = st.lists(_line(), min_size=1, max_size=25)


def _read_bytes(data: bytes, name: str = "doc.txt"):
    from chronicle.readers import read_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return read_file(path, f"src/{name}", Config())


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "b.md"]))
def test_reader_never_crashes_on_bytes(data: bytes, name: str) -> None:
    result = _read_bytes(data, name)
    for d in result.diagnostics:
        assert d.path == f"src/{name}" and d.code in CODES, d


@SETTINGS
@given(news_lines, st.sampled_from(["a.txt", "b.md"]))
def test_reader_keeps_every_non_blank_line(lines: list[str], name: str) -> None:
    result = _read_bytes("\n".join(lines).encode("utf-8"), name)
    shown: dict[int, str] = {}
    for doc in result.documents:
        for ln in doc.lines:
            assert ln.number not in shown, f"line {ln.number} belongs to two documents"
            shown[ln.number] = ln.text
    if not result.documents:
        assert result.diagnostics, "text read as nothing, silently"
        return
    for i, text in enumerate(lines, start=1):
        if text.strip():
            assert shown.get(i) == text, f"line {i} {text!r} shown as {shown.get(i)!r}"


@SETTINGS
@given(news_lines, st.sampled_from(["bom+crlf", "cr"]), st.sampled_from(["a.txt", "b.md"]))
def test_line_ends_and_bom_change_nothing(lines: list[str], variant: str, name: str) -> None:
    text = "\n".join(lines) + "\n"
    clean = _read_bytes(text.encode("utf-8"), name)
    odd = _read_bytes(bom_crlf(text) if variant == "bom+crlf" else cr_only(text), name)
    assert odd.documents == clean.documents
    assert _codes(odd.diagnostics) == _codes(clean.diagnostics)


def _codes(diags) -> list[tuple]:
    """What a diagnostic says, less its wording (which may vary with the evidence)."""
    return [(d.code, d.path, d.line, d.severity) for d in diags]


# --- dating ---------------------------------------------------------------------------------


def _doc(i: int, texts: list[str], published: dt.date | None) -> Document:
    path = "src/file.txt"
    passages = tuple(
        Passage(
            id=f"p{i}-{k}",
            path=path,
            document_id=f"d{i}",
            line=10 * i + k + 1,
            end_line=10 * i + k + 1,
            kind="bullet",
            text=t,
        )
        for k, t in enumerate(texts)
    )
    lines = tuple(Line(p.line, p.text, "passage", p.id) for p in passages)
    header = DocHeader(
        published=dt.datetime.combine(published, dt.time(12)) if published else None,
        published_line=10 * i if published else None,
    )
    return Document(
        id=f"d{i}",
        path=path,
        index=i,
        kind="digest",
        title=f"Doc {i}",
        start_line=10 * i,
        end_line=10 * i + 9,
        lines=lines,
        passages=passages,
        header=header,
    )


texts = st.lists(_line(), min_size=1, max_size=4)


@SETTINGS
@given(texts, st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_passage_dates_never_after_the_report(passage_texts: list[str], day: dt.date) -> None:
    from chronicle.dating import date_documents

    result = date_documents([_doc(0, passage_texts, day)], Config())
    assert len(result.passages) == len(passage_texts)
    for dp in result.passages:
        assert dp.reported.value == day
        assert dp.date.value <= day, (dp.passage.text, dp.date)
        assert dp.date.value >= dt.date(1900, 1, 1), (dp.passage.text, dp.date)
    for d in result.diagnostics:
        assert d.path == "src/file.txt" and d.code in CODES


@SETTINGS
@given(
    texts,
    texts,
    texts,
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)),
    st.integers(min_value=0, max_value=120),
    st.booleans(),
)
def test_undated_document_stays_between_its_neighbours(
    a: list[str], b: list[str], c: list[str], start: dt.date, gap: int, newest_first: bool
) -> None:
    """A document without a date of its own is dated inside its neighbours' bracket."""
    from chronicle.dating import date_documents

    lo, hi = start, start + dt.timedelta(days=gap)
    first, last = (hi, lo) if newest_first else (lo, hi)
    docs = [_doc(0, a, first), _doc(1, b, None), _doc(2, c, last)]
    result = date_documents(docs, Config())
    undated = result.document_dates.get("d1")
    assert undated is not None, result.diagnostics
    assert lo <= undated.value <= hi, (b, undated, lo, hi)
    for dp in result.passages:
        assert dp.date.value <= dp.reported.value, (dp.passage.text, dp.date, dp.reported)
