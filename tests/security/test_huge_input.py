"""Very large input (a 30 MB paste, a single 5 MB line) builds in reasonable time,
without a traceback, with the long line named, and without quadratic blow-up.

Timings are printed (``pytest -s``) so a slow stage can be found; the limits are generous
for a shared 2-core machine and still far below what a quadratic pass over 30 MB takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.hostile_gen import describe, run_cli, write_huge_file, write_huge_line

pytestmark = [pytest.mark.slow, pytest.mark.long]

LIMIT_SECONDS = 600


def _build(root: Path) -> object:
    return run_cli(
        ["build", "--source", "src", "--out", "site", "--cache-dir", "cache"],
        cwd=root,
        timeout=LIMIT_SECONDS + 60,
    )


def test_single_5mb_line(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    write_huge_line(tmp_path / "src" / "one_huge_line.txt")
    run = _build(tmp_path)
    print(f"5 MB single line: {run.seconds:.1f}s")
    assert "Traceback" not in run.output, describe(run)
    assert run.code == 0, describe(run)
    assert run.seconds < LIMIT_SECONDS, f"took {run.seconds:.0f}s\n{describe(run)}"
    assert "one_huge_line.txt:1" in run.output, (
        "the 5 MB line is not named (with its line) in a message\n" + describe(run)
    )


def test_30mb_file(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    write_huge_file(tmp_path / "src" / "huge_archive.txt")
    assert (tmp_path / "src" / "huge_archive.txt").stat().st_size >= 30 * 1024 * 1024
    run = _build(tmp_path)
    print(f"30 MB file: {run.seconds:.1f}s")
    assert "Traceback" not in run.output, describe(run)
    assert run.code == 0, describe(run)
    assert run.seconds < LIMIT_SECONDS, f"took {run.seconds:.0f}s\n{describe(run)}"
    assert list((tmp_path / "site").rglob("*.html")), "nothing was built"
