"""Model objects as pages show them: each with its page's URL and the names shown beside it.

Templates get these instead of looking URLs and names up in a global context, so what a
page shows is exactly what it is given (and what its reuse key digests). A view answers
every attribute of the object it wraps (``e.title``, ``a.kind``), so templates read it
like the model object, plus its own fields (``e.url``, ``e.topic_name``, ``a.url``).
One view per object and build: :class:`Linked` memoises them, so the reuse digest of a
view (memoised by identity) is computed once however many pages list it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from chronicle.model import Document, Entity, Event, Topic
from chronicle.site.context import SiteContext, topic_label
from chronicle.site.reuse import view


class _Delegating:
    """Attributes not found on the view come from the wrapped object (``target``)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "target":  # never recurse (copy, pickle)
            raise AttributeError(name)
        return getattr(self.target, name)


@view
@dataclass(frozen=True, slots=True, eq=False)
class EventView(_Delegating):
    """An event with its page's URL, its topic's name and URL and its contested flag."""

    target: Event
    url: str
    topic_name: str
    topic_url: str | None
    contested: bool


@view
@dataclass(frozen=True, slots=True, eq=False)
class EntityView(_Delegating):
    """An actor, place or topic with its page's URL."""

    target: Entity | Topic
    url: str | None


@view
@dataclass(frozen=True, slots=True, eq=False)
class DocumentView(_Delegating):
    """A source document with its page's URL (``page``: ``url`` is the original's)."""

    target: Document
    page: str | None


def _forward(cls: type, *wrapped: type) -> None:
    """Give ``cls`` a property per field of the ``wrapped`` classes (read in C through
    ``attrgetter``; templates read these thousands of times per build)."""
    own = {f.name for f in dataclasses.fields(cls)}
    for kind in wrapped:
        for f in dataclasses.fields(kind):
            if f.name not in own and not hasattr(cls, f.name):
                setattr(cls, f.name, property(attrgetter("target." + f.name)))


_forward(EventView, Event)
_forward(EntityView, Entity, Topic)
_forward(DocumentView, Document)


class Linked:
    """The views of one build's objects, made on first use and kept (one per object)."""

    def __init__(self, ctx: SiteContext) -> None:
        self.ctx = ctx
        self._events: dict[str, EventView] = {}
        self._entities: dict[tuple[str, str], EntityView | None] = {}
        self._documents: dict[str, DocumentView] = {}

    def event(self, e: Event) -> EventView:
        found = self._events.get(e.id)
        if found is None or found.target is not e:
            urls = self.ctx.urls
            found = self._events[e.id] = EventView(
                e,
                urls.events[e.id],
                self.ctx.topic_name(e.topic),
                urls.topics.get(e.topic),
                e.id in self.ctx.contests,
            )
        return found

    def events(self, events: list[Event]) -> list[EventView]:
        return [self.event(e) for e in events]

    def _entity(self, kind: str, key: str) -> EntityView | None:
        if (kind, key) in self._entities:
            return self._entities[(kind, key)]
        ctx = self.ctx
        tables: dict[str, tuple[dict[str, Any], dict[str, str]]] = {
            "actor": (ctx.actors, ctx.urls.actors),
            "place": (ctx.places, ctx.urls.places),
            "topic": (ctx.topics, ctx.urls.topics),
        }
        table, urls = tables[kind]
        target = table.get(key)
        if target is None and kind == "topic":
            target = Topic(id=key, name=topic_label(key))
        found = None if target is None else EntityView(target, urls.get(key))
        self._entities[(kind, key)] = found
        return found

    def actor(self, key: str) -> EntityView | None:
        """The actor's view, or None when no actor has this id."""
        return self._entity("actor", key)

    def place(self, key: str) -> EntityView | None:
        return self._entity("place", key)

    def topic(self, key: str) -> EntityView:
        found = self._entity("topic", key)
        assert found is not None
        return found

    def entity(self, kind: str, key: str) -> EntityView:
        found = self._entity(kind, key)
        assert found is not None, (kind, key)
        return found

    def document(self, doc: Document) -> DocumentView:
        found = self._documents.get(doc.id)
        if found is None or found.target is not doc:
            found = self._documents[doc.id] = DocumentView(doc, self.ctx.urls.documents.get(doc.id))
        return found
