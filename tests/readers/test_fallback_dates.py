"""A file with no date of its own is never dated by another file's deadline or background year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chronicle.build import gather
from chronicle.config import Config
from chronicle.dating import is_printed_evidence
from chronicle.model import DateValue


def test_inferred_document_dates_are_not_printed_evidence() -> None:
    day = dt.date(2026, 3, 1)
    assert is_printed_evidence(DateValue(day, "day", "published 2026-03-01"))
    assert is_printed_evidence(
        DateValue(day, "day", "Wednesday, February 4 (year from neighbours)")
    )
    assert not is_printed_evidence(DateValue(day, "day", "latest full date in the text"))
    assert not is_printed_evidence(DateValue(day, "day", "text mentions 2026-04-01"))


def test_a_deadline_in_one_file_does_not_date_an_undated_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text(
        "---\ntitle: Sale of oil assets delayed\ndate: 2026-02-26\n---\n\n"
        "The Treasury extended the deadline for deals to April 1, 2026, officials said on "
        "Thursday, adding that talks with several buyers were continuing.\n",
        encoding="utf-8",
    )
    (src / "b.txt").write_text(
        "Talks on prisoner exchanges resumed\n\nNegotiators met behind closed doors and agreed "
        "to meet again, according to people familiar with the matter.\n",
        encoding="utf-8",
    )
    (src / "c.txt").write_text(
        "Grain corridor reopens\n\nShips left the port after a pause of several weeks, "
        "the harbour authority said, without giving a date for the next convoy.\n",
        encoding="utf-8",
    )
    (src / "d.txt").write_text(
        "Bidding window moved\n\nThe ministry said the window for bids was moved to "
        "April 1, 2026 after requests from several companies.\n",
        encoding="utf-8",
    )
    chron = gather(Config(source=src, cache_dir=tmp_path / "cache", search=False))
    days = {Path(dp.passage.path).name: dp.reported.value for dp in chron.passages.values()}
    assert days["a.md"] == dt.date(2026, 2, 26)
    assert days["b.txt"] <= dt.date(2026, 2, 26)
    assert days["c.txt"] <= dt.date(2026, 2, 26)
