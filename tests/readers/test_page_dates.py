"""A page's date: its dateline near the headline, its URL; never a caption or background clause."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.config import Config
from chronicle.dating import date_documents
from chronicle.dating.printed import dateline_date, url_date
from chronicle.readers import read_text


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Published On 27 Feb 2026", dt.date(2026, 2, 27)),
        ("Feb 26, 2026 | 9:05 AM", dt.date(2026, 2, 26)),
        ("27 February 2026, 19:06", dt.date(2026, 2, 27)),
        ("27.02.2026", dt.date(2026, 2, 27)),
        ("Updated June 8, 2023  11:40 a.m.", dt.date(2023, 6, 8)),
        ("By Jane Reporter, 3 March 2026", dt.date(2026, 3, 3)),
    ],
)
def test_a_dateline_is_a_full_date_and_little_else(line: str, day: dt.date) -> None:
    got = dateline_date(line)
    assert got is not None and got[0] == day


@pytest.mark.parametrize(
    "line",
    [
        "since the invasion on Feb. 24, 2022, Russia has lost thousands of vehicles",
        "People stand in silence in Kyiv, Ukraine February 24, 2026 [Jane Doe/Reuters]",
        "The deadline for deals was extended to April 1, 2026, an official document shows.",
    ],
)
def test_a_date_inside_a_sentence_or_caption_is_not_a_dateline(line: str) -> None:
    assert dateline_date(line) is None


def test_url_days() -> None:
    assert url_date("https://example.org/news/2026/2/27/slug") == dt.date(2026, 2, 27)
    assert url_date("https://example.org/a-b-2026-02-03") == dt.date(2026, 2, 3)
    assert url_date("https://example.org/assessment-december-18-2025/") == dt.date(2025, 12, 18)
    assert url_date("https://example.org/id/2026123456789") is None


def test_front_matter_date_contradicting_the_dateline_is_reported() -> None:
    text = """---
title: Grid repairs continue in Kharkiv
date: 2026-03-20
---

Published 3 March 2026

Engineers restored power to most of Kharkiv on Tuesday after a strike on a substation, the
city's mayor said.
"""
    r = read_text(text, "grid.md", markdown=True)
    result = date_documents(r.documents, Config())
    (conflict,) = [d for d in result.diagnostics if d.code == "C201"]
    assert "2026-03-20" in conflict.message and "3 March 2026" in conflict.message
    assert conflict.path == "grid.md"
    (value,) = result.document_dates.values()
    assert value.value == dt.date(2026, 3, 3)


def test_front_matter_agreeing_with_the_dateline_raises_nothing() -> None:
    text = (
        "---\ntitle: Grid repairs\ndate: 2026-03-03\n---\n\nPublished 3 March 2026\n\n"
        "Power is back in Kharkiv, the mayor said on Tuesday.\n"
    )
    r = read_text(text, "grid.md", markdown=True)
    result = date_documents(r.documents, Config())
    assert [d for d in result.diagnostics if d.code == "C201"] == []


def test_an_undated_text_is_not_dated_decades_before_the_corpus() -> None:
    text = (
        "Treaty cited in border talks\n\nNegotiators referred to the border treaty signed "
        "on February 19, 1973, which both sides say still applies to the disputed area.\n"
    )
    r = read_text(text, "treaty.txt")
    result = date_documents(r.documents, Config(), fallback=dt.date(2026, 2, 26))
    (value,) = result.document_dates.values()
    assert value.value.year >= 2021
