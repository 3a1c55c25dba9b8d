"""One cold build of the seeds per test run, shared by every test process.

Most slow tests build the real seeds to check something *after* the NLP stage (what is
gathered again, what is rendered, what is linked, what a hostile file does to the pages).
Their spaCy work is the same every time, so the first process to need it builds the seeds
once under a file lock and the others wait for it; tests then start from a copy:

- :func:`seeds_cache` — the whole cache of that build (analyses, memos, gathered
  chronicle): a build on a copy only renders;
- :func:`seed_nlp` — only the per-passage NLP store: a build on it reads, dates,
  gathers, merges and renders like a cold one; only the model runs are found stored, as
  after any earlier build of the same texts (the store is keyed by text and code
  version, so this cannot change a result — the cluster tests and the incremental tests
  of the NLP tasks keep cold stores).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from chronicle.store.sqlite import DB_NAME

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

_root: Path | None = None


def set_root(path: Path) -> None:
    """Where the shared build lives: a folder every test process of this run sees."""
    global _root
    _root = path


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _shared() -> Path:
    """The seeds built once: ``cache/`` as the build left it, ``nlp/`` its store alone."""
    if _root is None:
        raise RuntimeError("helpers.warm.set_root() was not called (tests/conftest.py does)")
    root = _root / "seeds-warm"
    done = root / "done"
    if done.exists():
        return root
    with _locked(_root / "seeds-warm.lock"):
        if not done.exists():
            from chronicle.build import build
            from chronicle.config import Config

            shutil.rmtree(root, ignore_errors=True)
            report = build(
                Config(source=SEEDS, output=root / "site", cache_dir=root / "cache", search=False)
            )
            assert report.chronicle is not None and report.chronicle.events
            # one self-contained file (the live store is in WAL mode: copying its main
            # file alone could miss the last transactions)
            (root / "nlp").mkdir()
            live = sqlite3.connect(root / "cache" / DB_NAME)
            snapshot = sqlite3.connect(root / "nlp" / DB_NAME)
            with snapshot:
                live.backup(snapshot)
            snapshot.execute("PRAGMA journal_mode=DELETE")
            live.close()
            snapshot.close()
            done.touch()
    return root


def seeds_cache() -> Path:
    """The seeds' whole warm cache. Read it, copy it; never build into it."""
    return _shared() / "cache"


def seed_nlp(cache_dir: Path) -> Path:
    """Put the seeds' NLP results into ``cache_dir`` (made if missing); returns it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_shared() / "nlp" / DB_NAME, cache_dir / DB_NAME)
    return cache_dir


def shared_root(basetemp: Path) -> Path:
    """The folder all test processes of one run share: xdist workers each get
    ``<run>/popen-gwN`` as their base, the run's folder is its parent."""
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp
