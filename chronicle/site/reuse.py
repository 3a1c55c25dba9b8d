"""Page reuse: a key per page from what it is given, without rendering it.

A page declares its template, URL and data (:class:`chronicle.site.spec.PageSpec`);
its key is a SHA-1 of a version constant, the template, the URL and a deep, canonical
digest of the data. Templates read nothing else that varies with the corpus (every URL,
name and count they show is in the data; the remaining globals are the configuration
and pure functions), so a user template that reads any declared field is covered too.
When the key equals the key the page had in the previous build, the previous build's
file is hard-linked instead of rendering (same bytes, by construction).

What a key does *not* cover is handled around it: templates, static files, code and the
render settings are fingerprinted by the build (which drops the old keys when they
change); and reuse is off when a user template reads the compatibility globals
``ctx``/``urls``/``locator_map`` (they could read anything) or pages carry the build
time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os
import pickle
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from markupsafe import Markup

from chronicle.config import Config
from chronicle.model import (
    Analysis,
    DatedPassage,
    DateValue,
    Diagnostic,
    DocHeader,
    Document,
    Entity,
    Event,
    Line,
    Passage,
    Topic,
)
from chronicle.site.forks import fork_shares
from chronicle.site.urls import output_path

__all__ = [
    "KEY_VERSION",
    "JsonData",
    "PageKeys",
    "RenderReuse",
    "leaf",
    "record",
    "reuse_allowed",
    "view",
]

#: Bump when what a key covers changes (old keys then never match).
KEY_VERSION = "chronicle-page-key-3"

#: Template globals kept for old user templates: they read the whole build, so a user
#: template naming one turns reuse off.
COMPAT_GLOBALS = frozenset({"ctx", "urls", "locator_map"})

#: Exact types described by value in one C call (``repr`` for scalars, a memo-less
#: pickle for records of scalars); :func:`leaf` adds more.
_SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)
_LEAVES: set[type] = {Line, Passage, DateValue, DocHeader, Diagnostic}
#: Dataclasses walked field by field (:func:`record`).
_RECORDS: set[type] = set()
#: Dataclasses made once per object and build (views): walked field by field once,
#: their digest memoised like a model object's.
_VIEWS: set[type] = set()
#: Sequences longer than this are digested once per object (every page of one entity's
#: timeline receives the same full event list).
_MEMO_LEN = 32
#: Below this many objects :meth:`PageKeys.precompute` does not fork.
_PARALLEL_MIN = 2000
_SCALAR_TYPES = frozenset(_SCALARS)
_MODEL = frozenset({Event, Entity, Topic, Document, DatedPassage, Analysis})
#: Types whose digest is memoised by identity: model objects and views.
_MEMOISED: set[type] = set(_MODEL)


def leaf(cls: type) -> type:
    """Class decorator: a dataclass of scalars, tuples and leaf model records only (no
    event, entity or document), described by value in one go."""
    _LEAVES.add(cls)
    return cls


def view(cls: type) -> type:
    """Class decorator: a dataclass made once per build for each object it describes
    (:mod:`chronicle.site.linked`), digested once from its fields and memoised."""
    _VIEWS.add(cls)
    _MEMOISED.add(cls)
    return cls


def record(cls: type) -> type:
    """Class decorator: a dataclass the site writer passes to templates, walked field by
    field (its events, entities and documents digested with their lookups)."""
    _RECORDS.add(cls)
    return cls


@leaf
class JsonData(dict):
    """A dict of plain values only (str, numbers, None, lists and dicts of the same),
    such as JSON-LD: described by value in one C call instead of walked."""


@dataclass
class RenderReuse:
    """The previous build's pages and keys in; this build's keys and counts out."""

    previous: Path | None  # the previous site folder, exactly as the last build wrote it
    old_keys: Mapping[str, str]  # url -> page key from that build ({} when none)
    #: The previous site when its data files were made from the same chronicle, settings
    #: and code (only the templates may differ): they are linked, not written again.
    files_from: Path | None = None
    new_keys: dict[str, str] = field(default_factory=dict)  # url -> key of every keyed page
    rendered: int = 0
    reused: int = 0


class Unkeyable(Exception):
    """A value the digest cannot describe: the page is rendered and gets no key."""


def reuse_allowed(config: Config) -> bool:
    """Keys describe what pages are given; a user template that reads a compatibility
    global (``ctx``, ``urls``) could read anything, and the build time changes every page."""
    if config.timestamp:
        return False
    return not any(_reads_globals(Path(folder)) for folder in config.templates)


def _reads_globals(folder: Path) -> bool:
    """Whether any template in ``folder`` names a compatibility global. A file that does not
    parse as a template (a README, an image) is skipped: no page can render with it."""
    if not folder.is_dir():
        return False
    env = jinja2.Environment()
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                source = (Path(root) / name).read_text("utf-8")
                names = meta.find_undeclared_variables(env.parse(source))
            except Exception:  # noqa: BLE001,S112 - not a template
                continue
            if names & COMPAT_GLOBALS:
                return True
    return False


def _values(obj: Any) -> tuple[Any, ...]:
    """A dataclass's field values, in field order."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
    return tuple(getattr(obj, name) for name in names)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _pickled(value: Any) -> bytes:
    """``value`` by value (fast mode: no memo, so equal values give equal bytes whatever
    objects they share). Only scalars, containers and leaf dataclasses reach here."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


class PageKeys:
    """Digests of one build's model objects and the keys of its pages.

    Memoised by object identity; each memo entry holds the object itself so its id
    cannot be reused by another object while the memo lives (one build)."""

    def __init__(self, reuse: RenderReuse) -> None:
        self.previous = None if reuse.previous is None else str(reuse.previous)
        self.old_keys = reuse.old_keys
        self.new_keys: dict[str, str] = {}
        self.rendered = 0
        self.reused = 0
        self._memo: dict[int, tuple[object, str]] = {}

    # -- digests of model objects --------------------------------------------------
    def digest(self, obj: Any) -> str:
        """The memoised digest of a model object or a view."""
        hit = self._memo.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        t = type(obj)
        if t in _VIEWS:
            parts = [t.__qualname__]
            for item in _values(obj):
                self._walk(item, parts)
            digest = _sha(parts)
        elif t in _MODEL:
            # A model record's repr is canonical: its fields are strings, numbers, dates,
            # None and tuples of the same or of other model records.
            digest = _sha([t.__qualname__, repr(obj)])
        else:
            raise Unkeyable(t.__qualname__)
        self._memo[id(obj)] = (obj, digest)
        return digest

    def precompute(self, objects: Sequence[Any], n: int) -> None:
        """Digest ``objects`` (model objects or views) over ``n`` processes before the render shards
        fork, so each shard inherits every digest instead of computing them all itself.
        Helpers are forked and send their digests back in order; a helper that fails has
        its share digested here."""
        if n < 2 or len(objects) < _PARALLEL_MIN or not hasattr(os, "fork"):
            for obj in objects:
                self.digest(obj)
            return
        results = fork_shares(
            n,
            lambda k: "\n".join(self.digest(obj) for obj in objects[k::n]),
            lambda: [self.digest(obj) for obj in objects[0::n]],
        )
        for k, data in enumerate(results, start=1):
            share = objects[k::n]
            digests = data.split("\n") if data else []
            if len(digests) == len(share):
                for obj, digest in zip(share, digests, strict=True):
                    self._memo[id(obj)] = (obj, digest)
            else:
                for obj in share:
                    self.digest(obj)

    # -- deep digest of template arguments -----------------------------------------
    def _walk(self, value: Any, out: list[str]) -> None:
        """Append a canonical description of ``value`` to ``out`` (dispatch on the exact
        type first: this runs for every value of every page)."""
        t = type(value)
        if t in _SCALAR_TYPES:
            out.append(repr(value))
        elif t is list or t is tuple:
            if len(value) > _MEMO_LEN:
                out.append(self._sequence(value))
                return
            out.append("[" if t is list else "(")
            memo = self._memo
            for item in value:
                if type(item) in _MEMOISED:
                    hit = memo.get(id(item))
                    out.append(hit[1] if hit is not None and hit[0] is item else self.digest(item))
                else:
                    self._walk(item, out)
            out.append("]")
        elif t in _MEMOISED:
            out.append(self.digest(value))
        elif t is dict:
            out.append("{")
            for k, v in value.items():
                self._walk(k, out)
                out.append(":")
                self._walk(v, out)
            out.append("}")
        elif t is Markup:
            out.append("M" + repr(str(value)))
        elif t in _LEAVES:
            data = _pickled(value)
            out.append(f"L{len(data)}:" + data.decode("latin-1"))
        elif t in _RECORDS:
            out.append(t.__qualname__ + "(")
            for item in _values(value):
                self._walk(item, out)
            out.append(")")
        else:
            raise Unkeyable(t.__qualname__)

    def _sequence(self, value: list[Any] | tuple[Any, ...]) -> str:
        hit = self._memo.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        parts: list[str] = ["[" if type(value) is list else "("]
        for item in value:
            self._walk(item, parts)
        digest = _sha(parts)
        self._memo[id(value)] = (value, digest)
        return digest

    def key(self, template: str, url: str, data: Mapping[str, Any]) -> str | None:
        """The page's key from its template, URL and data; None when the data holds a
        value the digest cannot describe (the page is then always rendered)."""
        parts = [KEY_VERSION, repr(template), repr(url)]
        try:
            for name in sorted(data):
                parts.append(name + "=")
                self._walk(data[name], parts)
        except (Unkeyable, pickle.PicklingError, TypeError, ValueError, AttributeError):
            return None  # rendered, never reused: a key must never fail a build
        return _sha(parts)

    # -- reuse -----------------------------------------------------------------------
    def reuse(self, url: str, key: str | None, target: str) -> bool:
        """Link the previous build's file for ``url`` to ``target`` when ``key`` matches."""
        if key is None or self.previous is None or self.old_keys.get(url) != key:
            return False
        if not link_file(output_path(self.previous, url), target):
            return False
        self.new_keys[url] = key
        self.reused += 1
        return True

    def written(self, url: str, key: str | None) -> None:
        if key is not None:
            self.new_keys[url] = key
        self.rendered += 1

    def export(self) -> dict[str, Any]:
        return {"keys": self.new_keys, "rendered": self.rendered, "reused": self.reused}

    def merge(self, data: Mapping[str, Any]) -> None:
        self.new_keys.update(data.get("keys", {}))
        self.rendered += int(data.get("rendered", 0))
        self.reused += int(data.get("reused", 0))


def link_file(source: str | Path, target: str | Path) -> bool:
    """Hard-link ``source`` to ``target`` (a copy where links are refused); False when
    ``source`` is missing. An existing ``target`` is replaced, never written through: it
    may itself be a link into the previous site."""
    for _attempt in range(2):
        try:
            os.link(source, target)
            return True
        except FileExistsError:
            os.unlink(target)
        except FileNotFoundError:
            return False
        except OSError:
            break
    try:
        if os.path.lexists(target):
            os.unlink(target)
        shutil.copyfile(source, target)
    except OSError:
        return False
    return True


def _sha(parts: list[str]) -> str:
    text = "\x1f".join(parts)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
