"""Content-addressed store for per-passage analysis results.

A value is found by the SHA-256 of the passage text inside a *scope* made of the
caller's namespace (model name and version) and the chronicle code version, never
by file names or mtimes: an unchanged passage is a hit wherever it moved, and any
change to the model or to the code that produced the values is a clean miss.

The store is one SQLite file in WAL mode, so a lookup of 100k keys is a handful of
indexed queries, every ``put_many`` is one atomic transaction (an interrupted build
leaves either all or none of a batch), and concurrent builds only wait on a lock.
A cache that cannot be read is moved aside with a warning and rebuilt; it never
stops a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import tempfile
import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

#: Bump when the on-disk layout changes; old files are then discarded as corrupt.
SCHEMA = 1
DB_NAME = f"analysis-v{SCHEMA}.sqlite3"
#: Source files whose code shapes cached values: editing one invalidates the cache
#: (the storage layout is versioned by SCHEMA instead).
CODE_FILES = ("nlp.py",)
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


class CacheWarning(UserWarning):
    """The cache was unusable and was discarded or bypassed (the build goes on)."""


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of chronicle's version, the analysis code and the spaCy version."""
    from chronicle import __version__

    h = hashlib.sha256(f"chronicle {__version__}\0".encode())
    here = Path(__file__).resolve().parent
    for name in CODE_FILES:
        path = here / name
        h.update(name.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    try:  # metadata, not ``import spacy``: opening a warm cache must not cost a 2 s import
        from importlib.metadata import version

        h.update(f"spacy {version('spacy')}".encode())
    except Exception:  # noqa: BLE001 - odd installs without metadata
        h.update(b"spacy <unknown>")
    return h.hexdigest()[:16]


def text_key(text: str) -> str:
    """SHA-256 of the text: the address of its analysis inside a scope."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class AnalysisCache:
    """Key → JSON value store scoped by ``namespace`` and the code version.

    ``namespace`` names the producer and its model, e.g. ``"ner-core_web_sm-3.8.0"``;
    ``version`` defaults to :func:`code_version`. Rows of older code versions in the
    same namespace are pruned on open so the file does not grow without bound.
    """

    def __init__(self, root: Path, namespace: str, *, version: str | None = None) -> None:
        self.root = Path(root)
        self.namespace = namespace
        self.version = version or code_version()
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

    def __enter__(self) -> AnalysisCache:
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
                db.close()  # type: ignore[possibly-undefined]
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


# --------------------------------------------------------------------------- whole-build reuse


def tree_fingerprint(*roots: Path | None, extra: Sequence[str] = ()) -> str:
    """SHA-256 over the relative paths and bytes of every file under ``roots``, plus ``extra``.

    Content only, never mtimes: a touched but unchanged file keeps the fingerprint, and a
    renamed file changes it (paths are part of ids and source pages). A root that is a
    file counts as itself; a missing root counts as missing.
    """
    h = hashlib.sha256()
    for root in roots:
        if root is None:
            continue
        root = Path(root)
        h.update(b"root\0" + str(root.name).encode() + b"\0")
        if root.is_file():
            files = [root]
        elif root.is_dir():
            files = sorted(
                p
                for p in root.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
            )
        else:
            h.update(b"<missing>\0")
            continue
        for path in files:
            rel = path.relative_to(root).as_posix() if path != root else path.name
            try:
                data = path.read_bytes()
            except OSError:
                data = b"<unreadable>"
            h.update(rel.encode("utf-8", "surrogatepass") + b"\0")
            h.update(hashlib.sha256(data).digest())
    for item in extra:
        h.update(b"extra\0" + item.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """Hash of every chronicle source and bundled data file: any code change is a miss."""
    here = Path(__file__).resolve().parent
    return tree_fingerprint(here, extra=[code_version()])[:24]


class PickleStore:
    """One pickled value per ``name`` under the cache folder, valid for one key.

    Meant for whole-stage results (e.g. the gathered Chronicle, ~6 MB for 200k words,
    0.15 s to dump and 0.12 s to load) so that an unchanged rebuild skips reading, dating,
    analysis and merging. Writes are atomic (temp file + rename); a value that cannot be
    read back is a miss with a warning. The cache folder is trusted like the source tree.
    """

    def __init__(self, root: Path, name: str) -> None:
        self.path = Path(root) / f"{name}.pickle"

    def load(self, key: str) -> Any | None:
        try:
            with self.path.open("rb") as fh:
                stored_key = pickle.load(fh)
                if stored_key != key:
                    return None
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - any unreadable pickle is only a miss
            warnings.warn(
                f"{self.path}: unreadable ({type(exc).__name__}); recomputing",
                CacheWarning,
                stacklevel=2,
            )
            return None

    def store(self, key: str, value: Any) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(key, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, pickle.PicklingError) as exc:
            warnings.warn(f"{self.path}: not stored ({exc})", CacheWarning, stacklevel=2)


# --------------------------------------------------------------------------- pure-result memos


def digest(*parts: str) -> bytes:
    """16-byte BLAKE2b of ``parts`` (joined by NUL + unit separator, which texts do
    not contain in practice): the content address of a pure result, compact enough to key
    tens of thousands of them."""
    data = "\0\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


def code_key(*files: Path, extra: Sequence[str] = ()) -> str:
    """Version of the code behind a memo: the bytes of ``files``, the Python version and
    ``extra`` (e.g. package versions). Editing any of them is a clean miss."""
    import sys

    return tree_fingerprint(*files, extra=[sys.version, *extra])[:20]


#: Share of a memo that may be stale (unused by the last build) or sit in its delta file
#: before the memo is rewritten whole.
MEMO_SLACK = 0.1


class MemoFile:
    """A dict of pure results (content digest → value) kept in the cache folder.

    Valid for one ``version`` (a :func:`code_key`), which is part of the file name; a
    save removes the files of other versions. A build that only adds a few entries
    (one new document) writes them to a small delta file next to the memo instead of
    rewriting tens of megabytes; the memo is rewritten with only this build's entries
    once more than :data:`MEMO_SLACK` of it is stale or in the delta, so it never holds
    much more than one corpus. A missing, unreadable or damaged file is an empty memo
    (everything is recomputed).
    """

    def __init__(self, root: Path, name: str, version: str) -> None:
        self.root = Path(root)
        self.name = name
        self.path = self.root / f"{name}-{version}.pickle"
        self.delta_path = self.path.with_name(self.path.name + ".delta")
        self.base: dict[Any, Any] = self._read(self.path)
        delta = self._read(self.delta_path)
        self.old: dict[Any, Any] = {**self.base, **delta} if delta else self.base
        self.used: dict[Any, Any] = {}

    def _read(self, path: Path) -> dict[Any, Any]:
        try:
            with path.open("rb") as fh:
                stored = pickle.load(fh)
            if isinstance(stored, dict):
                return stored
            raise TypeError(f"a {type(stored).__name__}, not a dict")
        except FileNotFoundError:
            return {}
        except Exception as exc:  # noqa: BLE001 - any unreadable memo is only a miss
            warnings.warn(
                f"{path}: unreadable ({type(exc).__name__}); recomputing",
                CacheWarning,
                stacklevel=3,
            )
            return {}

    def get(self, key: Any) -> Any | None:
        """The stored value (None when absent); a hit is kept for the next build."""
        found = self.used.get(key)
        if found is None:
            found = self.old.get(key)
            if found is not None:
                self.used[key] = found
        return found

    def put(self, key: Any, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Store this build's entries: new ones in the delta when that is enough."""
        old, used, base = self.old, self.used, self.base
        stale = sum(1 for k in old if k not in used)
        fresh = {k: v for k, v in used.items() if base.get(k) is not v}
        if not stale and all(old.get(k) is v for k, v in fresh.items()):
            return  # exactly what the files hold
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if base and stale <= MEMO_SLACK * len(used) and len(fresh) <= MEMO_SLACK * len(base):
                if any(old.get(k) is not v for k, v in fresh.items()):
                    self._write(self.delta_path, fresh)
            else:
                self._write(self.path, used)
                self.delta_path.unlink(missing_ok=True)
                self.base = dict(used)
            for pattern in (f"{self.name}-*.pickle", f"{self.name}-*.pickle.delta"):
                for other in self.root.glob(pattern):
                    if other not in (self.path, self.delta_path):
                        other.unlink(missing_ok=True)
        except (OSError, pickle.PicklingError) as exc:
            warnings.warn(f"{self.path}: not stored ({exc})", CacheWarning, stacklevel=2)
        self.old = dict(used)
        self.used = dict(used)

    def _write(self, path: Path, value: dict[Any, Any]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
