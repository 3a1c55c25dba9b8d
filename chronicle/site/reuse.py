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
import json
import os
import shutil
from collections.abc import Iterable, Mapping
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
from chronicle.site.urls import output_path

__all__ = ["ALWAYS_RENDER", "KEY_VERSION", "PageKeys", "RenderReuse", "reuse_allowed"]

#: Bump when what a key covers changes (old keys then never match).
KEY_VERSION = "chronicle-page-key-1"

#: Bundled templates that read corpus-wide figures from ``ctx`` (counts, every document's
#: events, the whole unused list) or that another helper may extend: always rendered.
ALWAYS_RENDER = frozenset(
    {"home.html", "report.html", "sources_index.html", "search.html", "404.html"}
)

#: Leaf model records: their ``repr`` is canonical (strings, numbers, dates, tuples of
#: the same) and they hold no event, entity or document whose lookups must be added.
_LEAVES = (Line, Passage, DatedPassage, DateValue, DocHeader, Diagnostic)
_SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)
#: Exact types described by their ``repr`` (subclasses go the slow, tagged way).
_LEAF_TYPES: set[type] = {*_SCALARS, *_LEAVES}
_REPR_TYPES = _LEAF_TYPES
_FIELDS: dict[type, tuple[str, ...]] = {}
#: Sequences longer than this are memoised by identity (timeline pages of one entity all
#: receive the same full event list).
_MEMO_LEN = 32


@dataclass
class RenderReuse:
    """The previous build's pages and keys in; this build's keys and counts out."""

    previous: Path | None  # the previous site folder, exactly as the last build wrote it
    old_keys: Mapping[str, str]  # url -> page key from that build ({} when none)
    new_keys: dict[str, str] = field(default_factory=dict)  # url -> key of every keyed page
    rendered: int = 0
    reused: int = 0


class JsonData(dict):  # type: ignore[type-arg]
    """A dict of JSON values only (string keys; lists, dicts, str, int, float, bool,
    None), built by the site writer: digested by its JSON text in one C call."""


def leaf(cls: type) -> type:
    """Class decorator: a frozen dataclass of strings, numbers, dates and leaf model
    records only, so its ``repr`` describes it canonically."""
    _LEAF_TYPES.add(cls)
    return cls


class Unkeyable(Exception):
    """A value the digest cannot describe: the page is rendered and gets no key."""


def reuse_allowed(config: Config) -> bool:
    """Keys describe what the bundled templates read; a user template that reads the
    ``ctx`` or ``urls`` globals could read anything, and the build time changes every page."""
    if config.timestamp:
        return False
    return not any(_reads_globals(Path(folder)) for folder in config.templates)


def _reads_globals(folder: Path) -> bool:
    if not folder.is_dir():
        return False
    env = jinja2.Environment()
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                source = (Path(root) / name).read_text("utf-8")
                names = meta.find_undeclared_variables(env.parse(source))
            except Exception:  # noqa: BLE001 - unreadable or not a template: assume the worst
                return True
            if names & {"ctx", "urls"}:
                return True
    return False


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
    def _memoised(self, obj: object) -> str | None:
        hit = self._memo.get(id(obj))
        return hit[1] if hit is not None and hit[0] is obj else None

    def _store(self, obj: object, digest: str) -> str:
        self._memo[id(obj)] = (obj, digest)
        return digest

    def event(self, e: Event) -> str:
        found = self._memoised(e)
        if found is not None:
            return found
        ctx, urls = self.ctx, self.ctx.urls
        parts = [
            repr(e),
            repr(urls.events.get(e.id)),
            repr(ctx.topic_name(e.topic)),
            repr(urls.topics.get(e.topic)),
        ]
        for a in e.actors:
            ent = ctx.actors.get(a)
            parts.append(repr((a, ent.name if ent else None, urls.actors.get(a))))
        parts.append("|")
        for p in e.places:
            ent = ctx.places.get(p)
            parts.append(repr((p, ent.name if ent else None, urls.places.get(p))))
        return self._store(e, _sha("E", parts))

    def entity(self, ent: Entity | Topic) -> str:
        found = self._memoised(ent)
        if found is not None:
            return found
        urls = self.ctx.urls
        parts = [
            repr(ent),
            repr(urls.actors.get(ent.id)),
            repr(urls.places.get(ent.id)),
            repr(urls.topics.get(ent.id)),
        ]
        aff_id = getattr(ent, "affiliation", None)
        if aff_id:
            aff = self.ctx.actors.get(aff_id)
            parts.append(repr((aff.id, aff.name) if aff else None))
            parts.append(repr(urls.actors.get(aff.id) if aff else None))
        return self._store(ent, _sha("N", parts))

    def document(self, doc: Document) -> str:
        found = self._memoised(doc)
        if found is not None:
            return found
        parts = [repr(doc), repr(self.ctx.urls.documents.get(doc.id))]
        return self._store(doc, _sha("D", parts))

    # -- deep digest of template arguments -----------------------------------------
    def _walk(self, value: Any, out: list[str]) -> None:
        """Append a canonical description of ``value`` to ``out`` (dispatch on the exact
        type first: this runs for every value of every page)."""
        t = type(value)
        if t in _REPR_TYPES:
            out.append(repr(value))
        elif t is list or t is tuple:
            if len(value) > _MEMO_LEN:
                out.append(self._sequence(value))
                return
            out.append("[" if t is list else "(")
            for item in value:
                self._walk(item, out)
            out.append("]")
        elif t is dict:
            out.append("{")
            for k, v in value.items():
                self._walk(k, out)
                out.append(":")
                self._walk(v, out)
            out.append("}")
        elif t is Event:
            out.append(self.event(value))
        elif t is Entity or t is Topic:
            out.append(self.entity(value))
        elif t is Markup:
            out.append("M" + repr(str(value)))
        elif t is JsonData:
            out.append("J" + json.dumps(value, ensure_ascii=False))
        else:
            self._walk_other(value, out)

    def _walk_other(self, value: Any, out: list[str]) -> None:
        if isinstance(value, Markup):
            out.append("M" + repr(str(value)))
        elif isinstance(value, _SCALARS):
            out.append(type(value).__qualname__ + repr(value))
        elif isinstance(value, Event):
            out.append(self.event(value))
        elif isinstance(value, Entity | Topic):
            out.append(self.entity(value))
        elif isinstance(value, Document):
            out.append(self.document(value))
        elif isinstance(value, _LEAVES):
            out.append(repr(value))
        elif isinstance(value, list | tuple):
            self._walk(list(value) if isinstance(value, list) else tuple(value), out)
        elif isinstance(value, dict):
            self._walk(dict(value), out)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = _FIELDS.get(type(value))
            if names is None:
                names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
            out.append(type(value).__qualname__ + "(")
            for name in names:
                out.append(name + "=")
                self._walk(getattr(value, name), out)
            out.append(")")
        else:
            raise Unkeyable(type(value).__qualname__)

    def _sequence(self, value: list[Any] | tuple[Any, ...]) -> str:
        found = self._memoised(value)
        if found is not None:
            return found
        parts: list[str] = ["[" if type(value) is list else "("]
        for item in value:
            self._walk(item, parts)
        return self._store(value, _sha("S", parts))

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
            self._walk(list(deps), parts)
        except Unkeyable:
            return None
        return _sha("P", parts)

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


def _sha(tag: str, parts: list[str]) -> str:
    text = tag + "\x1f" + "\x1f".join(parts)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
