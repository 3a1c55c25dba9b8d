"""Atomic writes and the small JSON records of the cache folder.

Everything the store writes goes through :func:`write_atomic` (a temporary file in the
same folder, then one rename), so a reader — or the next build after an interruption —
sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


class CacheWarning(UserWarning):
    """The cache was unusable and was discarded or bypassed (the build goes on)."""


def write_atomic(path: Path, write: Callable[[IO[bytes]], object] | bytes) -> None:
    """Replace ``path`` by what ``write`` writes to a file object (or by these bytes).

    Raises ``OSError`` (and whatever ``write`` raises) with nothing left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(write, bytes):
                fh.write(write)
            else:
                write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Record:
    """A JSON object kept in the cache folder (build and search state).

    A missing, unreadable or malformed file reads as ``{}``; a write that fails is only
    a warning — the state only saves time.
    """

    def __init__(self, root: Path, name: str) -> None:
        self.path = Path(root) / f"{name}.json"

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, data: dict[str, Any], *, indent: int | None = None) -> None:
        text = json.dumps(data, indent=indent, sort_keys=True)
        try:
            write_atomic(self.path, text.encode("utf-8"))
        except OSError as exc:
            warnings.warn(f"{self.path}: not stored ({exc})", CacheWarning, stacklevel=2)

    def update(self, key: str, value: Any, *, indent: int | None = None) -> None:
        """Set one key (the others, e.g. other output folders' state, are kept)."""
        data = self.load()
        data[key] = value
        self.save(data, indent=indent)
