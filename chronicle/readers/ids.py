"""Stable ids from content, never from positions, so URLs survive new input."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Sequence

from anyascii import anyascii
from slugify import slugify

_WS_RE = re.compile(r"\s+")
_UNSAFE_RE = re.compile(r"[^a-z0-9-]+")
MAX_SLUG = 60


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Case, width and whitespace folded, so cosmetic differences keep the same id.

    Memoised: ids, content keys and duplicate checks normalise the same texts again.
    """
    return _WS_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def short_hash(*parts: str, length: int = 10) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:length]


def slug(text: str, max_length: int = MAX_SLUG, default: str = "document") -> str:
    """Lowercase ASCII slug from a safe alphabet (a-z, 0-9, -): Cyrillic transliterated."""
    ascii_text = re.sub(r"['’`]", "", anyascii(text[:1000]))  # soft sign, "Russia's"
    s = slugify(ascii_text, max_length=max_length, word_boundary=True, save_order=True)
    s = _UNSAFE_RE.sub("-", s.lower()).strip("-")
    s = re.sub(r"-{2,}", "-", s)
    return s or default


def passage_id(path: str, title: str, text: str) -> str:
    return "p-" + short_hash(path, normalise(title), normalise(text), length=12)


def content_key(
    title: str,
    passage_titles: Sequence[str],
    passage_texts: Sequence[str],
    head_lines: Sequence[str],
) -> str:
    """What identifies a document's content, independent of where it sits in the file."""
    parts = [
        normalise(title),
        *map(normalise, passage_titles[:20]),
        *(normalise(t)[:500] for t in passage_texts[:20]),
    ]
    if not passage_texts:
        parts.extend(normalise(s) for s in head_lines)
    return short_hash(*parts, length=16)


def document_id(path: str, title: str, key: str) -> str:
    return f"{slug(title)}-{short_hash(path, key, length=8)}"
