"""The one memo every stage keeps its results in: key → value, valid for one version.

A stage names its memo and the version of what computes the values (``fingerprint``
helpers), then asks ``get``/``put`` — or ``recall`` — and calls ``save`` at the end. It
never sees a file: the memo is a pickle in the cache folder named by ``name`` and
``version``, holding only the entries the last build used, so it never grows stale.

Two uses share it. Many small pure results (per-text features, mentions, tolls, per-file
read results): a build that adds a few entries writes them to a small delta file next to
the memo instead of rewriting tens of megabytes. One large whole-stage value (the gathered
chronicle, page keys, entity tables): the file lists its keys before the values, so a
build whose key changed never unpickles the old value. A missing, unreadable or damaged
file is an empty memo (everything is recomputed); a memo that cannot be written is a
warning. Nothing here ever stops a build.
"""

from __future__ import annotations

import hashlib
import pickle
import warnings
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import IO, Any, TypeVar

from chronicle.store.files import CacheWarning, write_atomic
from chronicle.store.fingerprint import digest

T = TypeVar("T")

#: Share of a memo that may be stale (unused by the last build) or sit in its delta file
#: before the memo is rewritten whole.
SLACK = 0.1
#: Bump when the file layout changes (files of other layouts are other versions).
LAYOUT = 2
#: Memos of at most this many entries list their keys first (see the module docstring).
KEYS_FIRST = 8
#: Hex digits of the version stamp in a memo's file name.
STAMP = 20


class Memo:
    """Results of earlier builds and of this one; ``root=None`` keeps them in memory only."""

    def __init__(self, root: Path | None, name: str, version: str) -> None:
        self.root = Path(root) if root is not None else None
        self.name = name
        stamp = hashlib.sha256(f"{version}\0{LAYOUT}".encode()).hexdigest()[:STAMP]
        self.path = (self.root or Path()) / f"{name}-{stamp}.pickle"
        self.delta_path = self.path.with_name(self.path.name + ".delta")
        self._looked = False  # the memo file was opened
        self._keys: frozenset[Hashable] | None = None  # a small file's keys, values unread
        self._base: dict[Hashable, Any] | None = None  # the memo file's entries, once read
        self._old: dict[Hashable, Any] = {}  # base and delta: what earlier builds left
        self.used: dict[Hashable, Any] = {}  # this build's entries

    # -- asking ------------------------------------------------------------------------

    @staticmethod
    def key(*parts: str) -> bytes:
        """A compact content address for a result computed from ``parts``."""
        return digest(*parts)

    def get(self, key: Hashable) -> Any | None:
        """The stored value (None when absent); a hit is kept for the next build."""
        found = self.used.get(key)
        if found is None:
            if self._base is None:
                self._peek()
                if self._base is None:
                    if self._keys is None or key not in self._keys:
                        return None  # a miss: the (large) old value is never unpickled
                    self._load_all()
            found = self._old.get(key)
            if found is not None:
                self.used[key] = found
        return found

    def put(self, key: Hashable, value: Any, *, alone: bool = False) -> None:
        """Keep ``value`` for the next build; ``alone``: instead of this build's other
        entries (a memo of one whole-stage value)."""
        if alone:
            self.used.clear()
        self.used[key] = value

    def recall(
        self, key: Hashable, compute: Callable[[], T], valid: Callable[[Any], bool] | None = None
    ) -> T:
        """The stored value, or ``compute()`` stored for next time. A value ``valid``
        rejects (another layout, a damaged entry) is computed again."""
        found = self.get(key)
        if found is None or (valid is not None and not valid(found)):
            found = compute()
            self.put(key, found)
        return found

    @property
    def loaded(self) -> int:
        """Entries left by earlier builds (reads the files)."""
        self._load_all()
        return len(self._old)

    def save(self) -> None:
        """Store this build's entries: new ones in the delta when that is enough."""
        if self.root is None:
            return
        self._peek()
        used = self.used
        if self._base is None:  # a small memo whose values were never asked for
            if used or self._keys:
                self._write_whole(used)
            self._forget_old(used)
            return
        old, base = self._old, self._base
        stale = sum(1 for k in old if k not in used)
        fresh = {k: v for k, v in used.items() if base.get(k) is not v}
        if not stale and all(old.get(k) is v for k, v in fresh.items()):
            return  # exactly what the files hold
        if base and stale <= SLACK * len(used) and len(fresh) <= SLACK * len(base):
            if any(old.get(k) is not v for k, v in fresh.items()):
                self._write(self.delta_path, fresh)
        else:
            self._write_whole(used)
        self._forget_old(used)

    # -- files -------------------------------------------------------------------------

    def _peek(self) -> None:
        """Open the memo file once: a small one's keys, or a large one's entries."""
        if self._looked:
            return
        self._looked = True
        if self.root is None:
            self._set_base({})
            return
        keys, entries = self._read(self.path, values=False)
        if entries is None:
            self._keys = keys
        else:
            self._set_base(entries)

    def _load_all(self) -> None:
        self._peek()
        if self._base is None:
            _, entries = self._read(self.path, values=True)
            self._keys = None
            self._set_base(entries or {})

    def _set_base(self, base: dict[Hashable, Any]) -> None:
        self._base = base
        delta = self._read(self.delta_path, values=True)[1] if self.root is not None else None
        self._old = {**base, **delta} if delta else base

    def _forget_old(self, used: dict[Hashable, Any]) -> None:
        """After a save the files hold this build's entries: they are the next "old"."""
        self._keys = None
        if self._base is None:
            self._base = dict(used)
        self._old = dict(used)
        self.used = dict(used)

    def _read(
        self, path: Path, *, values: bool
    ) -> tuple[frozenset[Hashable] | None, dict[Hashable, Any] | None]:
        """(keys listed first or None, the entries; None when only the keys were read)."""
        try:
            with path.open("rb") as fh:
                keys = pickle.load(fh)
                if keys is not None and not isinstance(keys, frozenset):
                    raise TypeError(f"a {type(keys).__name__}, not a key set")
                if not values and keys is not None:
                    return keys, None
                stored = pickle.load(fh)
            if isinstance(stored, dict):
                return keys, stored
            raise TypeError(f"a {type(stored).__name__}, not a dict")
        except FileNotFoundError:
            return None, {}
        except Exception as exc:  # noqa: BLE001 - any unreadable memo is only a miss
            warnings.warn(
                f"{path}: unreadable ({type(exc).__name__}); recomputing",
                CacheWarning,
                stacklevel=5,
            )
            return None, {}

    def _write_whole(self, entries: dict[Hashable, Any]) -> None:
        if self._write(self.path, entries):
            self.delta_path.unlink(missing_ok=True)
            self._base = dict(entries)
            assert self.root is not None
            stamp = "?" * STAMP
            for pattern in (f"{self.name}-{stamp}.pickle", f"{self.name}-{stamp}.pickle.delta"):
                for other in self.root.glob(pattern):
                    if other not in (self.path, self.delta_path):
                        other.unlink(missing_ok=True)

    def _write(self, path: Path, entries: dict[Hashable, Any]) -> bool:
        def write(fh: IO[bytes]) -> None:
            keys = frozenset(entries) if len(entries) <= KEYS_FIRST else None
            pickle.dump(keys, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(entries, fh, protocol=pickle.HIGHEST_PROTOCOL)

        try:
            write_atomic(path, write)
            return True
        except (OSError, pickle.PicklingError) as exc:
            warnings.warn(f"{path}: not stored ({exc})", CacheWarning, stacklevel=4)
            return False
