"""Reports scraped with one paragraph per line: a short heading line between two
paragraphs is a heading of its own, and a reference marker ends a paragraph's sentence."""

from __future__ import annotations

from pathlib import Path

from chronicle.config import Config
from chronicle.readers import read_file

P1 = (
    "Northern troops made several unsuccessful attacks on the river town of Severnyi late on "
    "May 13, local officials said, and shelled its outskirts with rockets.[21] The council "
    "reported damage to two schools.[22]"
)
P2 = (
    "Northern troops made several assaults on the eastern harbour district on May 13-14, "
    "according to the city council, which counted fires in four streets.[23] Artillery "
    "continued to shell the centre.[24]"
)
P3 = (
    "Northern troops made no attacks toward the southern city in the last 24 hours, and local "
    "officials reported that the roads to the south stay open.[25]"
)


def _roles(tmp_path: Path, body: str) -> list[tuple[int, str]]:
    f = tmp_path / "report.txt"
    f.write_text(body, "utf-8")
    res = read_file(f, f.name, Config())
    return [(ln.number, ln.role) for d in res.documents for ln in d.lines]


def test_heading_lines_between_paragraphs_are_headings_not_glued_text(tmp_path: Path) -> None:
    body = (
        f"Assessment of the northern campaign, May 14, 2026\n\n{P1}\r\n"
        "Supporting Effort #2—Harbour and Eastern Oblast: (Northern objective: hold the "
        "harbour district and the coastal road, push the defenders back across the river "
        f"and fix the reserves around the old town in place)\r\n{P2}\r\n"
        f"Subordinate supporting effort—Southern axis\r\n{P3}\n"
        "Counter-offensives (efforts to retake the occupied districts)\n"
        f"Eastern bank: (River line)\n{P1}\n"
    )
    assert _roles(tmp_path, body) == [
        (1, "title"),
        (2, "blank"),
        (3, "passage"),
        (4, "heading"),
        (5, "passage"),
        (6, "heading"),
        (7, "passage"),
        (8, "heading"),
        (9, "heading"),
        (10, "passage"),
    ]


def test_a_last_paragraph_ending_on_a_reference_marker_is_news(tmp_path: Path) -> None:
    body = f"Assessment of the northern campaign, May 14, 2026\n\n{P1}\n{P3}\n"
    assert _roles(tmp_path, body)[-1] == (4, "passage")


def test_wrapped_text_keeps_its_short_lines_in_the_paragraph(tmp_path: Path) -> None:
    body = (
        "Harbour update\n\n"
        "Northern troops shelled the harbour district on Monday\n"
        "Evening, officials said, and two warehouses burned.\n"
    )
    assert _roles(tmp_path, body)[2:] == [(3, "passage"), (4, "body")]
