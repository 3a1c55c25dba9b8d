"""Safe, stable URL segments.

Every path segment the site writes comes from here. Input names may be Cyrillic,
carry diacritics, or be built to escape the output folder (``..``, ``/``, ``con``);
segments are transliterated to ``[a-z0-9-]``, never empty, never a reserved
device name, and two different keys never get the same segment.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from anyascii import anyascii

#: Windows device names: a folder called ``con`` cannot be created or served there.
RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "clock$"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
    # names the site itself uses at the top of a kind's folder
    + ["page", "index", "feed"]
)
SAFE_SEGMENT = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
SAFE_ANCHOR = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
MAX_LEN = 80


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def slugify(text: str, max_len: int = MAX_LEN, fallback: str = "item") -> str:
    """Transliterate and reduce ``text`` to ``[a-z0-9-]``; never empty or reserved."""
    ascii_text = anyascii(text or "").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] if "-" in slug[:max_len] else slug[:max_len]
        slug = slug.strip("-")
    if not slug:
        slug = f"{fallback}-{short_hash(text or '')}"
    if slug in RESERVED:
        slug = f"{slug}-{short_hash(text)}"
    return slug


def is_safe_segment(segment: str) -> bool:
    return (
        bool(SAFE_SEGMENT.match(segment))
        and segment not in RESERVED
        and len(segment) <= MAX_LEN + 8
    )


def unique_segments(preferred: Mapping[str, str]) -> dict[str, str]:
    """Map each key (an id) to a safe URL segment, unique among the keys.

    ``preferred[key]`` is the segment the pipeline chose (an id or slug); when it is
    already safe it is kept, so URLs stay what the pipeline made; otherwise it is
    slugified. Collisions are broken by a hash of the key, never by position, so
    adding an unrelated entity never moves an existing URL.
    """
    ordered = sorted(preferred)
    wanted: dict[str, str] = {}
    exact: set[str] = set()
    for key in ordered:
        pref = preferred[key] or key
        if is_safe_segment(pref):
            wanted[key] = pref
            exact.add(key)
        else:
            wanted[key] = slugify(pref, fallback="x")
    owners: dict[str, list[str]] = {}
    for key in ordered:
        owners.setdefault(wanted[key], []).append(key)
    result: dict[str, str] = {}
    taken = set(owners)
    for seg, ks in sorted(owners.items()):
        keeper = next((k for k in ks if k in exact), ks[0])
        for key in ks:
            if key == keeper:
                result[key] = seg
                continue
            n = 6
            candidate = f"{seg}-{short_hash(key, n)}"
            while candidate in taken:
                n += 2
                candidate = f"{seg}-{short_hash(key, n)}"
            result[key] = candidate
            taken.add(candidate)
    return result


def safe_anchor(passage_id: str) -> str:
    """An HTML id / URL fragment for a passage: the id itself when it is safe."""
    if re.fullmatch(r"L[0-9]+", passage_id):  # reserved for line anchors
        return f"p-{passage_id}"
    if SAFE_ANCHOR.match(passage_id) and len(passage_id) <= 120:
        return passage_id
    if re.fullmatch(r"[A-Za-z0-9_-]{1,120}", passage_id):
        return f"p-{passage_id}"
    return f"p-{short_hash(passage_id, 12)}"
