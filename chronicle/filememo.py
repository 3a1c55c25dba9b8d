"""Reading and dating results of each input file, reused while the file's bytes are the same.

Reading and dating are pure functions of one file (its bytes and its path as shown),
the war's first day, the fallback date of an undated file, and chronicle's code. So a
build that adds one document to a corpus of hundreds reads and dates only that file;
every other file's documents and dated passages come from the memo. Keys are content
hashes (never mtimes); the memo is one pickle in the cache folder, valid for one code
fingerprint, and holds only the entries the last build used, so it never grows beyond
the corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronicle.config import Config

if TYPE_CHECKING:
    from chronicle.dating import DatingResult
    from chronicle.readers import ReadResult

#: Bump when the stored tuple's layout changes (code changes are covered by the fingerprint).
VERSION = 1
NAME = "files"


def _today() -> dt.date:
    return dt.date.today()


class FileMemo:
    """Per-file read and dating results of the previous build, and those of this one."""

    def __init__(self, config: Config) -> None:
        from chronicle import cache

        self._store: Any = None
        self._key = ""
        self._old: dict[tuple, Any] = {}
        self.new: dict[tuple, Any] = {}
        self.hits = 0
        self.misses = 0
        self.day_bound = False  # some result read the clock: valid only today
        try:
            self._key = "|".join(
                (
                    f"v{VERSION}",
                    cache.package_fingerprint(),
                    f"war_day_one={config.war_day_one!r}",
                )
            )
            self._store = cache.PickleStore(Path(config.cache_dir), NAME)
            old = self._store.load(self._key)
            if isinstance(old, dict):
                self._old = old
        except Exception:  # noqa: BLE001 - a broken memo only costs time
            self._store = None

    @staticmethod
    def file_key(path: Path, display_path: str) -> tuple[str, str] | None:
        """(shown path, SHA-256 of the bytes); None when the file cannot be read now."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return (display_path, hashlib.sha256(data).hexdigest())

    def read(self, key: tuple[str, str] | None) -> ReadResult | None:
        return self._get(("read", key)) if key else None

    def keep_read(self, key: tuple[str, str] | None, result: ReadResult) -> None:
        if key:
            self.new[("read", key)] = result

    def dated(self, key: tuple[str, str] | None, fallback: dt.date | None) -> DatingResult | None:
        """A dating result; one that read the clock (a year-less date with nothing else to go
        by) is valid only on the day it was made."""
        if not key:
            return None
        found = self._old.get(("date", key, fallback, None))
        if found is None:
            found = self._get(("date", key, fallback, _today()))
            self.day_bound |= found is not None
            return found
        return self._get(("date", key, fallback, None))

    def keep_dated(
        self,
        key: tuple[str, str] | None,
        fallback: dt.date | None,
        result: DatingResult,
        *,
        used_today: bool = False,
    ) -> None:
        self.day_bound |= used_today
        if key:
            self.new[("date", key, fallback, _today() if used_today else None)] = result

    def _get(self, entry: tuple) -> Any:
        found = self._old.get(entry)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self.new[entry] = found
        return found

    def save(self) -> None:
        """Store this build's entries (only those), unless nothing changed."""
        if self._store is None or not self._key:
            return
        if self.misses == 0 and set(self.new) == set(self._old):
            return
        try:
            self._store.store(self._key, self.new)
        except Exception:  # noqa: BLE001
            pass
