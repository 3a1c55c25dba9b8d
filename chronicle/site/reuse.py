"""Page reuse: a key per page from what its output depends on, without rendering it.

A page's key is a SHA-1 of a version constant, its template and URL, and a deep,
canonical digest of the keyword arguments it is rendered with. Model objects digest to
precomputed (memoised) digests that also cover what the bundled templates look up about
them in the globals ``ctx`` and ``urls``: an event's URL, topic name and URL, its actors'
and places' names and URLs; an entity's URL (and its affiliation's name and URL); a
document's URL. When the key equals the key the page had in the previous build, the
previous build's file is hard-linked instead of rendering (same bytes, by construction).

What a key does *not* cover is handled around it: templates, static files, code and the
render settings are fingerprinted by the build (which drops the old keys when they
change); pages whose bundled templates read corpus-wide figures from ``ctx`` are always
rendered (:data:`ALWAYS_RENDER`); and reuse is off when a user template folder holds a
template that reads ``ctx`` or ``urls`` (it could read anything) or when pages carry the
build time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os
import pickle
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from markupsafe import Markup

from chronicle.config import Config
from chronicle.model import (
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
    "ALWAYS_RENDER",
    "KEY_VERSION",
    "JsonData",
    "PageKeys",
    "RenderReuse",
    "leaf",
    "record",
    "reuse_allowed",
]

#: Bump when what a key covers changes (old keys then never match).
KEY_VERSION = "chronicle-page-key-2"

#: Bundled templates that read corpus-wide figures from ``ctx`` (counts, every document's
#: events, the whole unused list) or that another helper may extend: always rendered.
ALWAYS_RENDER = frozenset(
    {"home.html", "report.html", "sources_index.html", "search.html", "404.html"}
)

#: Exact types described by value in one C call (``repr`` for scalars, a memo-less
#: pickle for records of scalars); :func:`leaf` adds more.
_SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)
_LEAVES: set[type] = {Line, Passage, DateValue, DocHeader, Diagnostic}
#: Dataclasses walked field by field (:func:`record`).
_RECORDS: set[type] = set()
#: Sequences longer than this are digested once per object (every page of one entity's
#: timeline receives the same full event list).
_MEMO_LEN = 32
#: Below this many objects :meth:`PageKeys.precompute` does not fork.
_PARALLEL_MIN = 2000
_SCALAR_TYPES = frozenset(_SCALARS)
_MODEL = frozenset({Event, Entity, Topic, Document, DatedPassage})


def leaf(cls: type) -> type:
    """Class decorator: a dataclass of scalars, tuples and leaf model records only (no
    event, entity or document), described by value in one go."""
    _LEAVES.add(cls)
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
    new_keys: dict[str, str] = field(default_factory=dict)  # url -> key of every keyed page
    rendered: int = 0
    reused: int = 0


class Unkeyable(Exception):
    """A value the digest cannot describe: the page is rendered and gets no key."""


def reuse_allowed(config: Config) -> bool:
    """Keys describe what the bundled templates read; a user template that reads the
    ``ctx`` or ``urls`` globals could read anything, and the build time changes every page."""
    if config.timestamp:
        return False
    return not any(_reads_globals(Path(folder)) for folder in config.templates)


def _reads_globals(folder: Path) -> bool:
    """Whether any template in ``folder`` names ``ctx`` or ``urls``. A file that does not
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
            if names & {"ctx", "urls"}:
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

    def __init__(self, ctx: Any, reuse: RenderReuse) -> None:
        self.ctx = ctx
        self.previous = None if reuse.previous is None else str(reuse.previous)
        self.old_keys = reuse.old_keys
        self.new_keys: dict[str, str] = {}
        self.rendered = 0
        self.reused = 0
        self._memo: dict[int, tuple[object, str]] = {}

    # -- digests of model objects --------------------------------------------------
    def digest(self, obj: Any) -> str:
        """The memoised digest of a model object, with what templates look up about it."""
        hit = self._memo.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        t = type(obj)
        if t is Event:
            extra = self._event_lookups(obj)
        elif t is Entity or t is Topic:
            extra = self._entity_lookups(obj)
        elif t is Document:
            extra = (self.ctx.urls.documents.get(obj.id),)
        elif t is DatedPassage:
            extra = ()
        else:
            raise Unkeyable(t.__qualname__)
        # A model record's repr is canonical: its fields are strings, numbers, dates,
        # None and tuples of the same or of other model records.
        digest = _sha([t.__qualname__, repr(obj), repr(extra)])
        self._memo[id(obj)] = (obj, digest)
        return digest

    def precompute(self, objects: Sequence[Any], n: int) -> None:
        """Digest ``objects`` (model objects) over ``n`` processes before the render shards
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

    def _event_lookups(self, e: Event) -> tuple[Any, ...]:
        """Its URL, topic name and URL, its actors' and places' names and URLs, and its
        sources' analyses (claims, contested mark and provenance come from them)."""
        ctx, urls = self.ctx, self.ctx.urls
        actors, places = ctx.actors, ctx.places
        found = ctx.chronicle.analyses
        return (
            tuple(found.get(dp.passage.id) for dp in e.sources),
            urls.events.get(e.id),
            ctx.topic_name(e.topic),
            urls.topics.get(e.topic),
            tuple((a, getattr(actors.get(a), "name", None), urls.actors.get(a)) for a in e.actors),
            tuple((p, getattr(places.get(p), "name", None), urls.places.get(p)) for p in e.places),
        )

    def _entity_lookups(self, ent: Entity | Topic) -> tuple[Any, ...]:
        """Its URLs (by id, in every table) and its affiliation's name and URL."""
        urls = self.ctx.urls
        found: tuple[Any, ...] = (
            urls.actors.get(ent.id),
            urls.places.get(ent.id),
            urls.topics.get(ent.id),
        )
        aff_id = getattr(ent, "affiliation", None)
        if aff_id:
            aff = self.ctx.actors.get(aff_id)
            found += ((aff.id, aff.name, urls.actors.get(aff.id)) if aff else None,)
        return found

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
                if type(item) in _MODEL:
                    hit = memo.get(id(item))
                    out.append(hit[1] if hit is not None and hit[0] is item else self.digest(item))
                else:
                    self._walk(item, out)
            out.append("]")
        elif t in _MODEL:
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

    def key(
        self, template: str, url: str, kwargs: Mapping[str, Any], deps: Iterable[Any] = ()
    ) -> str | None:
        """The page's key, or None when it must always be rendered."""
        if template in ALWAYS_RENDER:
            return None
        parts = [KEY_VERSION, repr(template), repr(url)]
        try:
            for name in sorted(kwargs):
                parts.append(name + "=")
                self._walk(kwargs[name], parts)
            parts.append("deps=")
            self._walk(tuple(deps), parts)
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
