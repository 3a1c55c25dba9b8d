"""A small dated digest, written as often as a test needs (one file per day)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

DIGEST = """Russia-Ukraine war: key events, day {n}
Published {day}

Fighting
- Russian forces shelled Kharkiv overnight, killing {n} people, the regional governor said.
- Ukraine said its drones hit an oil depot in the Belgorod region.

Diplomacy
- President Volodymyr Zelenskyy met Emmanuel Macron in Paris to discuss air defence.
"""


def digest_text(n: int, day: dt.date) -> str:
    """Digest number ``n``, published on ``day``."""
    return DIGEST.format(n=n, day=f"{day:%A} {day.day} {day:%B %Y}")


def write_digests(src: Path, days: int) -> None:
    """``digest-2025-03-NN.txt`` for the first ``days`` days of March 2025."""
    src.mkdir(parents=True, exist_ok=True)
    for n in range(1, days + 1):
        day = dt.date(2025, 3, n)
        (src / f"digest-{day}.txt").write_text(digest_text(n, day), "utf-8")
