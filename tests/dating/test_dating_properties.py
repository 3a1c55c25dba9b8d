"""Property tests: dating never crashes, dates never follow their report, brackets hold."""

from __future__ import annotations

import datetime as dt

from helpers.dating_cases import document, passage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.config import Config
from chronicle.dating import date_documents

PHRASES = [
    "on Monday",
    "on Tuesday",
    "Wednesday's",
    "early on Thursday morning",
    "Friday afternoon",
    "on Saturday",
    "on Sunday",
    "yesterday",
    "overnight",
    "last night",
    "last week",
    "earlier this month",
    "last month",
    "this week",
    "over the weekend",
    "January 23",
    "29 February",
    "February 30",
    "31 April 2025",
    "in September 2024",
    "since 2022",
    "2026-13-01",
    "December 31, 2025",
    "next week",
    "will meet on Friday",
    "due on March 3",
    "“on Monday”",
    "two days ago",
    "3 weeks ago",
    "in May",
    "Monday 13 June 2022",
]
WORDS = ["Kyiv", "said", "the", "attack", "talks", "resume", "officials", "drones", ",", "."]

text_st = st.lists(st.sampled_from(PHRASES + WORDS), min_size=0, max_size=14).map(" ".join)
date_st = st.dates(min_value=dt.date(2022, 3, 1), max_value=dt.date(2030, 12, 31))
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@st.composite
def header_st(draw: st.DrawFn) -> dict:
    kind = draw(st.sampled_from(["none", "published", "printed", "counter", "both", "junk"]))
    day = draw(date_st)
    weekday = draw(st.sampled_from([*WEEKDAYS, day.strftime("%A")]))
    printed = f"{weekday}, {day:%B} {day.day}"
    counter = draw(st.integers(-10, 4000))
    if kind == "published":
        return {"published": dt.datetime(day.year, day.month, day.day, 8)}
    if kind == "printed":
        return {"printed": printed}
    if kind == "counter":
        return {"war_day": counter}
    if kind == "both":
        return {"printed": printed, "war_day": counter}
    if kind == "junk":
        return {"printed": draw(st.text(max_size=20)), "war_day": counter}
    return {}


@st.composite
def file_st(draw: st.DrawFn) -> list:
    n = draw(st.integers(1, 5))
    docs = []
    line = 1
    for i in range(n):
        kind = draw(st.sampled_from(["digest", "article", "liveblog", "markdown", "text"]))
        passages = []
        for _ in range(draw(st.integers(0, 4))):
            line += 3
            if kind == "liveblog":
                t = f"{draw(st.integers(0, 25)):02d}:{draw(st.integers(0, 61)):02d}"
                stamp = draw(st.one_of(st.none(), date_st))
                passages.append(
                    passage(draw(text_st), line=line, kind="entry", time=t, stamp=stamp)
                )
            else:
                passages.append(passage(draw(text_st), line=line))
        docs.append(document(passages, kind=kind, index=i, start_line=line, **draw(header_st())))
        line += 5
    return docs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_st())
def test_dating_never_crashes_and_dates_never_follow_reports(docs: list) -> None:
    res = date_documents(docs, Config())
    assert not [d for d in res.diagnostics if d.code == "C205" and d.severity == "error"]
    assert len(res.passages) == sum(len(d.passages) for d in docs)
    assert set(res.document_dates) == {d.id for d in docs}
    for dp in res.passages:
        assert dp.date.value <= dp.reported.value
        assert dp.date.precision in ("day", "week", "month", "year")
        assert dp.time == dp.passage.time
    for diag in res.diagnostics:
        assert diag.path is not None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(date_st, min_size=2, max_size=4),
    st.lists(text_st, min_size=1, max_size=3),
    st.booleans(),
)
def test_undated_documents_stay_inside_their_neighbours_bracket(
    days: list[dt.date], texts: list[str], newest_first: bool
) -> None:
    days = sorted(days, reverse=newest_first)
    docs = []
    k = 0
    for i, day in enumerate(days):
        docs.append(
            document(
                [passage("Officials spoke.", line=k * 10 + 1)],
                index=k,
                published=dt.datetime(day.year, day.month, day.day, 12),
            )
        )
        k += 1
        if i < len(days) - 1:
            for t in texts:
                docs.append(document([passage(t, line=k * 10 + 1)], kind="article", index=k))
                k += 1
    res = date_documents(docs, Config())
    dated = [(i, d) for i, d in enumerate(docs) if d.header.published]
    for i, doc in enumerate(docs):
        if doc.header.published:
            continue
        before = max(j for j, _ in dated if j < i)
        after = min(j for j, _ in dated if j > i)
        a = docs[before].header.published.date()  # type: ignore[union-attr]
        b = docs[after].header.published.date()  # type: ignore[union-attr]
        lo, hi = min(a, b), max(a, b)
        assert lo <= res.document_dates[doc.id].value <= hi
