"""The real-world bench's own detectors (kept outside chronicle/) flag what they claim."""

from __future__ import annotations

import datetime as dt

import realworld_detectors as det  # noqa: E402


def test_furniture_kinds() -> None:
    assert det.furniture("", "[42] https://t.me/somechannel/1234") == "endnote"
    assert det.furniture("", "- **URL**: https://example.org/a") == "metadata"
    assert det.furniture("www.example.com", "") == "metadata"
    assert det.furniture("", "Sign up to our morning newsletter") == "promo"
    assert det.furniture("", "Email Print Copy") == "promo"
    assert det.furniture("", "Supporting Effort—Southern Axis") == "heading"
    assert det.furniture("", "Kharkiv;") == "fragment"
    assert det.furniture("", "Russian forces attacked near Lyman on May 3.[14] More.[15]") is None
    menu = "Home News Sport Local Weather Video Live Opinion Business Culture Travel " * 3
    assert det.furniture("", menu + "Russian troops shelled the town on Monday.") == "navigation"
    assert det.furniture("", ", a detained ally of the mayor, was released on bail.") == "fragment"
    assert det.furniture("", "Firefighters in the port city said the blaze at the depot was put "
                         "out after six hours.") is None  # fmt: skip


def test_cut_mid_phrase() -> None:
    src = "Police detained at least four men in the city on Monday, officials said."
    assert det.cut_mid_phrase("Police detained at least", src) == "dangling: least"
    assert (
        det.cut_mid_phrase("Police detained at least four men in the city on Monday", src) is None
    )
    assert det.cut_mid_phrase("Police detained at least four men", src) is None  # before "in"
    assert det.cut_mid_phrase("Police detained at least four men in the city", src) is None
    src2 = "Police detained four men suspected of arson at the depot."
    assert det.cut_mid_phrase("Police detained four men suspected", src2).startswith(
        "no clause boundary"
    )


def test_publisher_keys_and_dates() -> None:
    keys = det.publisher_keys(
        "Institute for the Study of War", "https://www.understandingwar.org/x"
    )
    assert det.names_publisher(["ISW"], keys) and det.names_publisher(["understandingwar"], keys)
    assert not det.names_publisher(["Ministry of Defence"], keys)
    raw = "---\ntitle: x\ndate: 2026-02-23\n---\nBody"
    assert det.gold_date(raw) == (dt.date(2026, 2, 23), "front matter")
    raw = "# site\n- **URL**: https://site.example/news/2026/2/27/story\n"
    assert det.gold_date(raw) == (dt.date(2026, 2, 27), "url")


def test_stamps_both_layouts() -> None:
    raw = "21 May 2022 23.34 Headline text here\nbody\n14:05\nHeadline\nFrom 7 Jul 2022 18.14 More"
    assert det.stamps(raw) == [(1, "23:34"), (3, "14:05"), (5, "18:14")]
    assert det.has_stamp("21 May 2022 23.34 Headline") and not det.has_stamp("Talks resume")
