"""No title keeps a stamp: a date or clock left at either end once the cut dropped the
words around it is no part of the headline; the sentence's own times and dates stay."""

from __future__ import annotations

import pytest
from helpers.titling import event_title

from chronicle import titles


def _title(text: str) -> str:
    return event_title(text, path="a.md")


def test_a_link_lines_date_glued_to_the_next_heading_is_dropped() -> None:
    # an FAQ page: "Learn more: <link>, <date>" then the next numbered question, one paragraph
    text = (
        "_See also:_Briefing by the alliance's deputy spokesperson after the meeting of the "
        "defence ministers in Vilnius, 4 November 2025 Why does the alliance keep its "
        "eastern air patrols running through the winter months?"
    )
    title = _title(text)
    assert not title[:1].isdigit(), title
    assert "2025" not in title.split()[:3], title


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("4 November 2025 Why does the alliance fly patrols", "Why does the alliance fly patrols"),
        ("Nov 4, 2025 18.05 GMT Drones hit a depot near Odesa", "Drones hit a depot near Odesa"),
        ("Drones hit a depot near Odesa 18.05 GMT", "Drones hit a depot near Odesa"),
    ],
)  # fmt: skip
def test_stamp_at_either_end_is_dropped(title: str, expected: str) -> None:
    assert titles.unstamp(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "24 February 2022 marked the start of the full-scale invasion",
        "The convoy crossed the border at 4.50am local time on Sunday",
        "A cargo plane left for Warsaw about 7.30pm EST",
    ],
)
def test_the_sentences_own_date_and_time_stay(title: str) -> None:
    assert titles.unstamp(title) == title
    assert titles.make_title(title, 200) == title
