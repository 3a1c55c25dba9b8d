"""What a person at a terminal sees during a build: progress, problems, a summary.

A :class:`ConsoleReporter` draws one self-overwriting progress line on stderr when it is a
terminal (a log file gets no control characters), prints each problem as one line, and
:func:`summary_lines` says what was built and where the time went.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TextIO

from chronicle.model import Chronicle, Diagnostic
from chronicle.reporter import Reporter

#: Lines printed per diagnostic code before the rest is summed up (all with --verbose).
PER_CODE_LIMIT = 10


class ConsoleReporter(Reporter):
    """Progress on stderr; ``quiet`` shows problems only, ``verbose`` adds timings and logs."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        quiet: bool = False,
        verbose: bool = False,
        tty: bool | None = None,
    ) -> None:
        super().__init__()
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.verbose = verbose
        self.tty = self.stream.isatty() if tty is None else tty
        self._stage: str | None = None
        self._total: int | None = None
        self._done = 0
        self._t0 = 0.0
        self._last_draw = 0.0
        self._line_open = False
        self._lock = threading.RLock()
        self._ticker: threading.Thread | None = None
        self._ticking = threading.Event()

    # -- Reporter hooks ---------------------------------------------------------------------
    def start(self, stage: str, total: int | None = None) -> None:
        with self._lock:
            self._stage, self._total, self._done = stage, total, 0
            self._t0 = time.perf_counter()
            self._last_draw = 0.0
            self._draw(force=True)
        if self.tty and not self.quiet and self._ticker is None:
            # Stages that report progress only at their end (NLP in one batch) still show
            # a running clock, so a long stage never looks hung.
            self._ticking.set()
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        while self._ticking.is_set():
            time.sleep(0.25)
            with self._lock:
                if self._ticking.is_set():
                    self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self._done += n
            self._draw()

    def end(self, stage: str) -> None:
        with self._lock:
            elapsed = time.perf_counter() - self._t0
            self._clear()
            if self.verbose and not self.quiet:
                count = f" ({self._done}/{self._total})" if self._total else ""
                self._write(f"  {stage:<10} {elapsed:6.2f}s{count}")
            self._stage = None

    def close(self) -> None:
        """Stop the clock thread and clear the progress line."""
        self._ticking.clear()
        if self._ticker is not None:
            self._ticker.join(timeout=1)
            self._ticker = None
        with self._lock:
            self._clear()

    def diagnostic(self, diag: Diagnostic) -> None:
        """Problems are printed once, at the end, from the complete list (diagnostic_lines)."""

    def log(self, message: str) -> None:
        if self.verbose and not self.quiet:
            self.echo(f"  {message}")

    # -- drawing ------------------------------------------------------------------------------
    def _draw(self, force: bool = False) -> None:
        if not self.tty or self.quiet or self._stage is None:
            return
        now = time.perf_counter()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        text = progress_text(self._stage, self._done, self._total)
        self.stream.write(f"\r\x1b[2K{text}  {format_seconds(now - self._t0)}")
        self.stream.flush()
        self._line_open = True

    def _clear(self) -> None:
        if self._line_open:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._line_open = False

    def _write(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def echo(self, text: str) -> None:
        """Print a line without tearing the progress line."""
        with self._lock:
            self._clear()
            self._write(text)
            self._draw(force=True)


def progress_text(stage: str, done: int, total: int | None, width: int = 30) -> str:
    """``read      [#######.............]  12/40`` — or a bare counter when the total is unknown."""
    if not total:
        return f"{stage:<10} {done}" if done else f"{stage:<10} …"
    done = min(done, total)
    filled = round(width * done / total)
    return f"{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done:>{len(str(total))}}/{total}"


def diagnostic_lines(
    diagnostics: Iterable[Diagnostic], *, verbose: bool = False, limit: int = PER_CODE_LIMIT
) -> list[str]:
    """One line per problem; infos only when verbose; past ``limit`` per code, one line of count."""
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    lines: list[str] = []
    for d in diagnostics:
        if d.severity == "info" and not verbose:
            continue
        if not verbose and shown[d.code] >= limit:
            hidden[d.code] += 1
            continue
        shown[d.code] += 1
        lines.append(str(d))
    for code, n in sorted(hidden.items()):
        lines.append(f"… and {n} more {code} (run with --verbose to see all)")
    return lines


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f}ms" if seconds < 1 else f"{seconds:.1f}s"


def summary_lines(
    chronicle: Chronicle | None,
    diagnostics: Sequence[Diagnostic],
    timings: dict[str, float],
    *,
    pages: int | None = None,
    reused: int = 0,
    output: str | None = None,
    elapsed: float | None = None,
) -> list[str]:
    """The end-of-run summary: counts, problems by severity, time per stage."""
    parts: list[str] = []
    if chronicle is not None:
        parts += [
            f"{len(chronicle.documents)} documents",
            f"{len(chronicle.passages)} passages",
            f"{len(chronicle.events)} events",
        ]
    if pages is not None:
        parts.append(f"{pages} pages" + (f" ({reused} unchanged)" if reused else ""))
    severities = Counter(d.severity for d in diagnostics)
    parts.append(_plural(severities["warning"], "warning"))
    if severities["error"]:
        parts.append(_plural(severities["error"], "error"))
    head = ", ".join(parts)
    if output:
        head += f" -> {output}"
    lines = [head]
    if timings:
        # Stages may nest, so the wall-clock time is passed in rather than summed.
        total = elapsed if elapsed is not None else sum(timings.values())
        stages = " · ".join(f"{k} {format_seconds(v)}" for k, v in timings.items())
        lines.append(f"time {format_seconds(total)}: {stages}")
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
