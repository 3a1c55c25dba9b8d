"""Atom feeds for the whole site and for every actor and topic."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from chronicle.model import Event
from chronicle.site.context import SiteContext

#: Entries of the site's feed, and of an actor's or topic's feed (the newest: a feed
#: reader polls for what is new; the page itself lists everything).
FEED_SIZE = 50
ENTITY_FEED_SIZE = 10


def absolute_base(ctx: SiteContext) -> str:
    """The public URL prefix; a path alone when no host is configured."""
    if "://" in ctx.config.base_url:
        return ctx.config.base_url.rstrip("/") + "/"
    return ctx.config.base_path


def stamp(e: Event) -> str:
    time = e.time if e.time and len(e.time) == 5 else "00:00"
    return f"{e.date.value.isoformat()}T{time}:00Z"


def tag_id(kind: str, key: str) -> str:
    """A permanent Atom id that does not depend on where the site is hosted."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"chronicle:{kind}:{key}"))


#: (url, title, page, its newest events newest first, key) of one feed.
FeedSpec = tuple[str, str, str, list[Event], str]


def _newest(chronological: list[Event], size: int = FEED_SIZE) -> list[Event]:
    """The context's lists are in event_key order (unique keys): the newest are the last."""
    return chronological[-size:][::-1]


def feed_specs(ctx: SiteContext) -> list[FeedSpec]:
    """Every feed: the whole site's, then one per actor and per topic."""
    specs: list[FeedSpec] = [("feed.xml", ctx.config.title, "", _newest(ctx.events), "site")]
    kinds = (
        ("actor", ctx.actors, ctx.urls.actors, ctx.by_actor),
        ("topic", ctx.topics, ctx.urls.topics, ctx.by_topic),
    )
    for kind, items, item_urls, events_of in kinds:
        for key, item in items.items():
            specs.append(
                (
                    item_urls[key] + "feed.xml",
                    f"{item.name} · {ctx.config.title}",
                    item_urls[key],
                    _newest(events_of.get(key, []), ENTITY_FEED_SIZE),
                    f"{kind}:{key}",
                )
            )
    return specs


def feed_kwargs(ctx: SiteContext, spec: FeedSpec) -> dict[str, Any]:
    """What atom.xml is rendered with: the feed's fields and its entries, each with its
    event's page URL."""
    url, title, page, newest, key = spec
    if ctx.config.timestamp:
        updated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        updated = stamp(newest[0]) if newest else "1970-01-01T00:00:00Z"
    entries: list[dict[str, Any]] = [
        {
            "event": e,
            "url": ctx.urls.events[e.id],
            "id": tag_id("event", e.id),
            "updated": stamp(e),
            "topic": ctx.topic_name(e.topic),
            "actors": [ctx.actors[a].name for a in dict.fromkeys(e.actors)],
        }
        for e in newest
    ]
    return {
        "feed_title": title,
        "feed_id": tag_id("feed", key),
        "feed_url": url,
        "page": page,
        "updated": updated,
        "entries": entries,
        "site": absolute_base(ctx),
        "site_title": ctx.config.title,
    }
