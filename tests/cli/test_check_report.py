"""``chronicle check``: what an editor must look at, from the real pipeline, no site written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import warm

from chronicle.check import CHECK_CODES, format_report, group_findings, select_findings
from chronicle.cli import EXIT_FINDINGS, EXIT_OK, main
from chronicle.errors import CODES
from chronicle.model import Diagnostic

ROOT = Path(__file__).resolve().parents[2]

# Day 1,000 counted from 2022-02-25 is Wednesday, 2024-11-20. The printed date says
# November 21 (a Thursday): weekday and counter outvote it.
CONFLICTING_DIGEST = """\
Russia-Ukraine war: List of key events, day 1,000 | Russia-Ukraine war News

These are the key developments from day 1,000 of Russia's war on Ukraine.

Here is where things stand on Wednesday, November 21:

Fighting

  • A drone attack damaged a school in the city of Sumy overnight, the regional administration said.
  • Two people were injured by shelling in Kherson, local officials said on Tuesday.

Source link
"""

CLEAN_DIGEST = CONFLICTING_DIGEST.replace("November 21", "November 20")


def test_findings_are_filtered_deduplicated_and_sorted() -> None:
    diags = [
        Diagnostic("C302", "unknown actor 'Foo Bar'", "b.txt", 9),
        Diagnostic("C201", "conflict", "a.txt", 5),
        Diagnostic("C201", "conflict", "a.txt", 5),  # same finding twice
        Diagnostic("C402", "Pagefind failed", None),  # not for an editor
        Diagnostic("C102", "binary file", "a.bin", None, "error"),
    ]
    found = select_findings(diags)
    assert [d.code for d in found] == ["C102", "C201", "C302"]
    groups = group_findings(found)
    assert [len(items) for _, items in groups] == [1, 1, 1]
    assert groups[0][0].startswith("Documents that could not be read")


def test_notes_count_only_when_asked_for_except_actors() -> None:
    note = Diagnostic("C204", "dated from its text", "a.txt", 3, "info")
    assert select_findings([note]) == ()
    assert select_findings([note], include_info=True) == (note,)
    unknown = Diagnostic("C302", "person 'A B' is not in the actors table", "a.txt", 4, "info")
    assert select_findings([unknown]) == (unknown,)


def test_report_has_a_heading_with_count_and_one_line_per_finding() -> None:
    found = select_findings([Diagnostic("C203", "no date in text", "a.txt", 3)])
    lines = format_report(found)
    assert lines[0].endswith(": 1")
    assert lines[1] == "  a.txt:3: warning C203: no date in text"
    assert format_report(()) == ["No problems found."]


def test_check_codes_are_known_codes() -> None:
    assert CHECK_CODES <= set(CODES)
    for code in ("C101", "C102", "C104", "C105", "C201", "C203", "C301", "C302"):
        assert code in CHECK_CODES


def _check(tmp_path: Path, *files: tuple[str, str | bytes], strict: bool = False):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, content in files:
        if isinstance(content, bytes):
            (seeds / name).write_bytes(content)
        else:
            (seeds / name).write_text(content, encoding="utf-8")
    args = ["check", "--source", str(seeds), "--cache-dir", str(tmp_path / "cache")]
    return CliRunner().invoke(main, args + (["--strict"] if strict else []))


@pytest.mark.slow
def test_check_reports_a_printed_date_that_disagrees_with_weekday_and_counter(
    tmp_path: Path,
) -> None:
    result = _check(tmp_path, ("digest.txt", CONFLICTING_DIGEST), strict=True)
    assert result.exit_code == EXIT_FINDINGS, result.output
    conflict = [ln for ln in result.output.splitlines() if "C201" in ln]
    assert conflict, result.output
    assert "digest.txt:" in conflict[0]
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_check_reports_unreadable_files_by_name(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        ("digest.txt", CLEAN_DIGEST),
        ("empty.txt", ""),
        ("blob.bin", b"\x00\x01\x02binary\x00"),
    )
    assert result.exit_code == EXIT_OK, result.output
    lines = result.output.splitlines()
    assert any("empty.txt" in ln and "C101" in ln for ln in lines), result.output
    assert any("blob.bin" in ln and "C102" in ln for ln in lines), result.output
    assert not any("C201" in ln for ln in lines), result.output


@pytest.mark.slow
def test_check_on_the_seeds_reports_the_digest_date_conflict(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--source",
            str(ROOT / "seeds"),
            "--cache-dir",
            str(warm.seed_nlp(tmp_path / "cache")),
        ],
    )
    assert result.exit_code == EXIT_OK, result.output
    conflicts = [ln for ln in result.output.splitlines() if " C201: " in ln]
    # The day-1,440 digest prints "Tuesday, February 2" (February 2, 2026 was a Monday).
    assert len(conflicts) == 1, result.output
    assert "000_b390734deb83455a.txt:117:" in conflicts[0], conflicts[0]
