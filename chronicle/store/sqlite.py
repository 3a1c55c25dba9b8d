"""The SQLite store kind: NLP results of many texts, shared by concurrent builds.

A value is found by the SHA-256 of the passage text inside a *scope* made of the
caller's namespace (model name and version) and the chronicle code version, never
by file names or mtimes: an unchanged passage is a hit wherever it moved, and any
change to the model or to the code that produced the values is a clean miss.

The store is one SQLite file in WAL mode, so a lookup of 100k keys is a handful of
indexed queries, every ``put_many`` is one atomic transaction (an interrupted build
leaves either all or none of a batch), and concurrent builds only wait on a lock.
A table that cannot be read is moved aside with a warning and rebuilt; it never
stops a build.
"""

from __future__ import annotations

import json
import sqlite3
import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from chronicle.store.files import CacheWarning
from chronicle.store.fingerprint import nlp_code_version, text_key

#: Bump when the on-disk layout changes; old files are then discarded as corrupt.
SCHEMA = 1
DB_NAME = f"analysis-v{SCHEMA}.sqlite3"
#: Bound variables per query; SQLite's historic default limit is 999.
_CHUNK = 900
#: Above this many keys a lookup scans the scope once instead of probing the index.
_SCAN_AT = 5000


def _decode(rows: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Decode JSON values in one parse; a damaged value is dropped (a miss), not raised."""
    try:
        values = json.loads("[" + ",".join(raw for _, raw in rows) + "]")
        if len(values) == len(rows):
            return {k: v for (k, _), v in zip(rows, values, strict=True)}
    except (TypeError, ValueError):
        pass
    found: dict[str, Any] = {}
    for k, raw in rows:
        try:
            found[k] = json.loads(raw)
        except (TypeError, ValueError):
            continue  # put_many will overwrite it
    return found


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Table:
    """Key → JSON value store scoped by ``namespace`` and the code version.

    ``namespace`` names the producer and its model, e.g. ``"ner-core_web_sm-3.8.0"``;
    ``version`` defaults to :func:`nlp_code_version`. Rows of older code versions in the
    same namespace are pruned on open so the file does not grow without bound.
    """

    def __init__(self, root: Path, namespace: str, *, version: str | None = None) -> None:
        self.root = Path(root)
        self.namespace = namespace
        self.version = version or nlp_code_version()
        self.scope = f"{namespace}|{self.version}"
        self.path = self.root / DB_NAME
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self._db: sqlite3.Connection | None = None
        self._open(retry=True)

    # -- public API ---------------------------------------------------------------

    def key(self, text: str) -> str:
        return text_key(text)

    def get(self, key: str) -> Any | None:
        return self.get_many([key]).get(key)

    def put(self, key: str, value: Any) -> None:
        self.put_many({key: value})

    def save(self) -> None:
        """Every ``put`` is already committed; this only closes the file."""
        self.close()

    def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        """Values of the keys present; absent or unreadable entries are simply missing."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        if self._db is None or not wanted:
            self.misses += len(wanted)
            return found
        try:
            if len(wanted) > _SCAN_AT:
                # one sequential scan of the scope beats thousands of index probes
                wanted_set = set(wanted)
                rows = [
                    r
                    for r in self._db.execute(
                        "SELECT key, value FROM entries WHERE scope = ?", (self.scope,)
                    )
                    if r[0] in wanted_set
                ]
            else:
                rows = []
                for chunk in _chunks(wanted, _CHUNK):
                    marks = ",".join("?" * len(chunk))
                    rows.extend(
                        self._db.execute(
                            f"SELECT key, value FROM entries WHERE scope = ? AND key IN ({marks})",
                            (self.scope, *chunk),
                        )
                    )
            found = _decode(rows)
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
            found = {}
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, items: Mapping[str, Any]) -> None:
        """Store values in one transaction: an interrupted build keeps all of it or none."""
        if self._db is None or not items:
            return
        rows = [
            (self.scope, k, json.dumps(v, ensure_ascii=False, separators=(",", ":")))
            for k, v in items.items()
        ]
        for attempt in (1, 2):
            if self._db is None:
                return
            try:
                with self._db:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO entries (scope, key, value) VALUES (?, ?, ?)",
                        rows,
                    )
                self.writes += len(rows)
                return
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    warnings.warn(
                        f"{self.path}: cache is locked by another build; results not stored",
                        CacheWarning,
                        stacklevel=2,
                    )
                    return
                self._discard(exc, reopen=attempt == 1)
            except sqlite3.DatabaseError as exc:
                self._discard(exc, reopen=attempt == 1)

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                self._db.close()
            except sqlite3.DatabaseError:
                pass
            self._db = None

    def __bool__(self) -> bool:
        """An open cache is true even when empty (``if cache:`` must not mean "has rows")."""
        return True

    def __len__(self) -> int:
        if self._db is None:
            return 0
        try:
            (n,) = self._db.execute(
                "SELECT COUNT(*) FROM entries WHERE scope = ?", (self.scope,)
            ).fetchone()
        except sqlite3.DatabaseError:
            return 0
        return int(n)

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ------------------------------------------------------------------

    def _open(self, retry: bool) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            warnings.warn(
                f"{self.root}: cache folder unusable ({exc}); building without a cache",
                CacheWarning,
                stacklevel=3,
            )
            return
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level="DEFERRED")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS entries ("
                " scope TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
                " PRIMARY KEY (scope, key)) WITHOUT ROWID"
            )
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            with db:
                db.execute(
                    "INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', ?)", (str(SCHEMA),)
                )
            (schema,) = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
            if schema != str(SCHEMA):
                raise sqlite3.DatabaseError(f"schema {schema}, expected {SCHEMA}")
            self._db = db
            self._prune()
        except sqlite3.DatabaseError as exc:
            try:
                db.close()
            except Exception:  # noqa: BLE001 - closing a broken handle
                pass
            self._db = None
            if retry:
                self._discard(exc)
            else:
                warnings.warn(
                    f"{self.path}: cache unusable ({exc}); building without a cache",
                    CacheWarning,
                    stacklevel=3,
                )

    def _prune(self) -> None:
        """Drop rows of this namespace written by other code versions (stale forever)."""
        assert self._db is not None
        try:
            with self._db:
                self._db.execute(
                    "DELETE FROM entries WHERE scope >= ? AND scope < ? AND scope != ?",
                    (f"{self.namespace}|", f"{self.namespace}}}", self.scope),
                )
        except sqlite3.OperationalError:
            pass  # locked by a concurrent build: prune next time

    def _discard(self, exc: BaseException, reopen: bool = True) -> None:
        """Move a broken cache file aside (kept for inspection) and start empty."""
        warnings.warn(
            f"{self.path}: cache is corrupt ({exc}); discarding it and starting empty",
            CacheWarning,
            stacklevel=3,
        )
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.DatabaseError:
                pass
            self._db = None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            p = self.path.with_name(self.path.name + suffix)
            if p.exists():
                try:
                    if suffix:
                        p.unlink()
                    else:
                        p.replace(self.path.with_name(f"{self.path.name}.corrupt-{stamp}"))
                except OSError:
                    pass
        if reopen:
            self._open(retry=False)
