"""Content fingerprints: what a stored value is valid for.

Every key in the store is made here, from content only (bytes of files, texts, code and
package versions), never from mtimes: a touched but unchanged file keeps its key, and any
change to what a value was computed from is a clean miss.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def digest(*parts: str) -> bytes:
    """16-byte BLAKE2b of ``parts`` (joined by NUL + unit separator, which texts do not
    contain in practice): the content address of a pure result, compact enough to key
    tens of thousands of them."""
    data = "\0\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


def text_key(text: str) -> str:
    """SHA-256 of a text, in hex: the address of its NLP result inside a table's scope."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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


def code_key(*files: Path, extra: Sequence[str] = ()) -> str:
    """Version of the code behind a memo: the bytes of ``files``, the Python version and
    ``extra`` (e.g. package versions). Editing any of them is a clean miss."""
    return tree_fingerprint(*files, extra=[sys.version, *extra])[:20]


def package_versions(*names: str) -> list[str]:
    """``name=version`` of installed distributions, from metadata (never an import: opening
    a warm cache must not cost spaCy's 2 s import); ``name=?`` when one is missing."""
    from importlib import metadata

    parts = []
    for name in names:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=?")
    return parts


#: Source files whose code shapes the NLP results (the storage layout has its own version).
NLP_CODE_FILES = ("nlp.py",)


@lru_cache(maxsize=1)
def nlp_code_version() -> str:
    """Hash of chronicle's version, the NLP seam's code and the spaCy version."""
    from chronicle import __version__

    h = hashlib.sha256(f"chronicle {__version__}\0".encode())
    for name in NLP_CODE_FILES:
        h.update(name.encode() + b"\0")
        try:
            h.update((PACKAGE_DIR / name).read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    try:
        from importlib.metadata import version

        h.update(f"spacy {version('spacy')}".encode())
    except Exception:  # noqa: BLE001 - odd installs without metadata
        h.update(b"spacy <unknown>")
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """Hash of every chronicle source and bundled data file: any code change is a miss."""
    return tree_fingerprint(PACKAGE_DIR, extra=[nlp_code_version()])[:24]
