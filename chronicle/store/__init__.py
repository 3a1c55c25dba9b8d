"""The one persistence layer: every stage keeps what it reuses across builds here.

A stage asks for a store by name and by the version of what computes its values, then
gets and puts; it never sees a file name or format (Pelican's one ``FileDataCacher``):

- :class:`Memo` ``(root, name, version)``: key → value with ``get``/``put``/``recall``/
  ``save``: per-text results (delta files for a few new entries) and whole-stage values
  (the gathered chronicle, page keys, entity tables).
- :class:`Table` ``(root, namespace)``: the same face over SQLite, for NLP results
  shared by concurrent builds (``get_many``/``put_many`` in one transaction).
- :class:`Record` ``(root, name)``: a small JSON object (build and search state).

Keys come from :mod:`chronicle.store.fingerprint` (content only, never mtimes); every
file is written by :func:`write_atomic`. An unusable cache only costs time.
"""

from __future__ import annotations

from chronicle.store.files import CacheWarning, Record, write_atomic
from chronicle.store.fingerprint import (
    code_key,
    digest,
    package_fingerprint,
    package_versions,
    text_key,
    tree_fingerprint,
)
from chronicle.store.memo import Memo
from chronicle.store.sqlite import Table

__all__ = [
    "CacheWarning",
    "Memo",
    "Record",
    "Table",
    "code_key",
    "digest",
    "package_fingerprint",
    "package_versions",
    "text_key",
    "tree_fingerprint",
    "write_atomic",
]
