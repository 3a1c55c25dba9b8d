"""Reading and dating results of each input file, reused while the file's bytes are the same.

Reading and dating are pure functions of one file (its bytes and its path as shown),
the war's first day, the fallback date of an undated file, and chronicle's code. So a
build that adds one document to a corpus of hundreds reads and dates only that file;
every other file's documents and dated passages come from the memo. Keys are content
hashes (never mtimes). The memo is a :class:`chronicle.store.Memo`: valid for one
code fingerprint, holding only the entries the last build used, and a build that adds
a document writes a small delta file rather than the whole corpus again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronicle import store
from chronicle.config import Config

if TYPE_CHECKING:
    from chronicle.dating import DatingResult
    from chronicle.readers import ReadResult

#: Bump when the stored layout changes (code changes are covered by the fingerprint).
VERSION = 2
NAME = "files"

FileKey = tuple[str, str]  # (path as shown, SHA-256 of the bytes)


def _today() -> dt.date:
    return dt.date.today()


class FileMemo:
    """Per-file read and dating results of the previous build, and those of this one.

    One entry per file holds its read result and its dating results by fallback date,
    stored together so the dated passages share the documents' objects.
    """

    def __init__(self, config: Config) -> None:
        self.hits = 0
        self.misses = 0
        self.day_bound = False  # some result read the clock: valid only today
        settings = f"war_day_one={config.war_day_one!r}"
        version = store.code_key(extra=[f"v{VERSION}", store.package_fingerprint(), settings])
        self._memo = store.Memo(Path(config.cache_dir), NAME, version)

    @staticmethod
    def file_key(path: Path, display_path: str) -> FileKey | None:
        """(shown path, SHA-256 of the bytes); None when the file cannot be read now."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return (display_path, hashlib.sha256(data).hexdigest())

    def _entry(self, key: FileKey | None) -> dict[str, Any] | None:
        if key is None:
            return None
        found = self._memo.get(key)
        return found if isinstance(found, dict) else None

    def read(self, key: FileKey | None) -> ReadResult | None:
        """The file's read result; ``hits`` and ``misses`` count files."""
        entry = self._entry(key)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry["read"]

    def keep_read(self, key: FileKey | None, result: ReadResult) -> None:
        if key is not None:
            self._memo.put(key, {"read": result, "dated": {}})

    def dated(self, key: FileKey | None, fallback: dt.date | None) -> DatingResult | None:
        """A dating result; one that read the clock (a year-less date with nothing else to go
        by) is valid only on the day it was made."""
        entry = self._entry(key)
        if entry is None:
            return None
        found = entry["dated"].get((fallback, None))
        if found is None:
            found = entry["dated"].get((fallback, _today()))
            self.day_bound |= found is not None
        return found

    def keep_dated(
        self,
        key: FileKey | None,
        fallback: dt.date | None,
        result: DatingResult,
        *,
        used_today: bool | None = None,
    ) -> None:
        """Keep a fresh dating result; whether it read the clock comes from the result
        (``DatingResult.day_bound``) unless ``used_today`` says."""
        if used_today is None:
            used_today = bool(getattr(result, "day_bound", False))
        self.day_bound |= used_today
        entry = self._entry(key)
        if entry is None or key is None:
            return
        dated = {k: v for k, v in entry["dated"].items() if k[1] in (None, _today())}
        dated[(fallback, _today() if used_today else None)] = result
        # A new dict: the memo writes entries that are not the objects it loaded.
        self._memo.put(key, {"read": entry["read"], "dated": dated})

    def save(self) -> None:
        """Store this build's entries (only those); new ones go to a small delta file."""
        self._memo.save()
