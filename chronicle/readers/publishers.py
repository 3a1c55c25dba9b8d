"""Credit documents to publishers from signatures in ``chronicle/data/publishers.yaml``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "publishers.yaml"
_MAX = 1_000
#: Signatures sit near the top or in widgets; a huge paste is not scanned whole.
_MAX_BODY_LINES = 2_000


@dataclass(frozen=True)
class Publisher:
    name: str
    masthead: tuple[re.Pattern[str], ...]
    title: tuple[re.Pattern[str], ...]
    lines: tuple[re.Pattern[str], ...]


def _compile(items: object) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(str(p)) for p in (items or ()))  # type: ignore[attr-defined]


@lru_cache(maxsize=4)
def load_publishers(path: Path = DATA_FILE) -> tuple[Publisher, ...]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return tuple(
        Publisher(
            str(p["name"]),
            _compile(p.get("masthead")),
            _compile(p.get("title")),
            _compile(p.get("lines")),
        )
        for p in data.get("publishers") or ()
    )


def _hit(patterns: Sequence[re.Pattern[str]], line: str) -> bool:
    return len(line) <= _MAX and any(p.search(line) for p in patterns)


def masthead_publisher(line: str) -> str | None:
    """Publisher whose name is this whole line (a masthead), else None."""
    for pub in load_publishers():
        if _hit(pub.masthead, line):
            return pub.name
    return None


def detect_publisher(
    title: str, header_lines: Sequence[str], body_lines: Sequence[str]
) -> str | None:
    """First publisher matched by masthead, then title, then any body line."""
    pubs = load_publishers()
    for line in header_lines:
        for pub in pubs:
            if _hit(pub.masthead, line):
                return pub.name
    for pub in pubs:
        if _hit(pub.title, title):
            return pub.name
    for line in body_lines[:_MAX_BODY_LINES]:
        if not line or len(line) > _MAX:
            continue
        for pub in pubs:
            if _hit(pub.lines, line):
                return pub.name
    return None
