"""The progress and timing sink every stage reports to.

It lives apart from the pipeline so that stages can report without importing the build
(which imports them).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from chronicle.model import Diagnostic


class Reporter:
    """Progress and timing sink; the CLI subclasses it to draw progress bars."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def start(self, stage: str, total: int | None = None) -> None:  # noqa: B027
        pass

    def advance(self, n: int = 1) -> None:  # noqa: B027
        pass

    def end(self, stage: str) -> None:  # noqa: B027
        pass

    def diagnostic(self, diag: Diagnostic) -> None:  # noqa: B027
        pass

    def log(self, message: str) -> None:  # noqa: B027
        pass

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Reporter]:
        t0 = time.perf_counter()
        self.start(name, total)
        try:
            yield self
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0
            self.end(name)
