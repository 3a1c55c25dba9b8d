"""Progress display and end-of-build summary."""

from __future__ import annotations

import io
import time

from chronicle.model import Chronicle, Diagnostic
from chronicle.progress import (
    ConsoleReporter,
    diagnostic_lines,
    format_seconds,
    progress_text,
    summary_lines,
)


def test_progress_text_bar_and_counter() -> None:
    assert progress_text("read", 5, 10, width=10) == "read       [#####.....]  5/10"
    assert progress_text("read", 12, 10, width=4) == "read       [####] 10/10"
    assert progress_text("nlp", 3, None) == "nlp        3"


def test_tty_gets_a_progress_line_and_a_log_file_gets_none() -> None:
    tty = io.StringIO()
    rep = ConsoleReporter(tty, tty=True)
    with rep.stage("read", 2):
        rep.advance()
        rep.advance()
    rep.close()
    assert "read" in tty.getvalue() and "\r" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[2K")  # the line is cleared at the end
    assert "read" in rep.timings

    log = io.StringIO()
    rep = ConsoleReporter(log, tty=False)
    with rep.stage("read", 2):
        rep.advance(2)
    assert log.getvalue() == ""


def test_quiet_draws_nothing_and_verbose_prints_stage_times() -> None:
    quiet = io.StringIO()
    rep = ConsoleReporter(quiet, tty=True, quiet=True)
    with rep.stage("read", 1):
        rep.advance()
    rep.log("hello")
    rep.close()
    assert quiet.getvalue() == ""

    verbose = io.StringIO()
    rep = ConsoleReporter(verbose, tty=False, verbose=True)
    with rep.stage("date", 4):
        rep.advance(4)
    rep.log("cache: 3 hits")
    text = verbose.getvalue()
    assert "date" in text and "(4/4)" in text and "cache: 3 hits" in text


def test_diagnostic_lines_cap_per_code_and_hide_infos() -> None:
    diags = [Diagnostic("C302", f"unknown actor {i}", "a.txt", i) for i in range(15)]
    diags.append(Diagnostic("C204", "dated from text", "a.txt", 1, "info"))
    lines = diagnostic_lines(diags, limit=10)
    assert len(lines) == 11
    assert lines[-1] == "… and 5 more C302 (run with --verbose to see all)"
    assert not any("C204" in line for line in lines)
    assert len(diagnostic_lines(diags, verbose=True)) == 16


def test_summary_counts_and_stage_times() -> None:
    chron = Chronicle(
        events=(), actors={}, places={}, topics={}, documents=(), passages={}, analyses={}
    )
    diags = [
        Diagnostic("C101", "empty", "a.txt"),
        Diagnostic("C402", "no search", None, None, "error"),
    ]
    lines = summary_lines(
        chron, diags, {"read": 0.25, "nlp": 3.0}, pages=7, output="site", elapsed=3.5
    )
    assert lines[0] == ("0 documents, 0 passages, 0 events, 7 pages, 1 warning, 1 error -> site")
    assert lines[1] == "time 3.5s: read 250ms · nlp 3.0s"
    assert format_seconds(0.0123) == "12ms"


def test_summary_says_how_many_pages_were_kept() -> None:
    lines = summary_lines(None, [], {}, pages=9, reused=7)
    assert lines == ["9 pages (7 unchanged), 0 warnings"]


def test_a_long_stage_shows_a_running_clock_on_a_tty() -> None:
    tty = io.StringIO()
    rep = ConsoleReporter(tty, tty=True)
    with rep.stage("nlp", 10):
        time.sleep(0.6)  # no advance: the clock thread still redraws
    rep.close()
    draws = tty.getvalue().count("nlp ")
    assert draws >= 2, tty.getvalue()
    assert rep._ticker is None
