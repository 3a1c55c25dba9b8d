"""Actor, topic and place pages: each entity's timeline (paginated) and each kind's index."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from chronicle.model import Event
from chronicle.site import claims, views
from chronicle.site.pagedata import _seen, kind_groups, month_groups, page_url, paginate
from chronicle.site.sitedata import SiteData
from chronicle.site.spec import PageSpec, Spec

KINDS = ("actor", "topic", "place")


def entity_pages(s: SiteData) -> Iterator[Spec]:
    """For each kind: every entity's pages, then the kind's index."""
    ctx = s.ctx
    for kind in KINDS:
        entities: Mapping[str, Any] = getattr(ctx, kind + "s")
        index: dict[str, list[Event]] = getattr(ctx, "by_" + kind)
        urls: dict[str, str] = getattr(ctx.urls, kind + "s")
        size = ctx.config.page_size
        for key in entities:
            listed = index.get(key, [])
            count = 1 if size <= 0 or len(listed) <= size else -(-len(listed) // size)
            shared = _shared(s, kind, key, count)
            for n in range(1, count + 1):
                yield PageSpec(
                    f"{kind}.html", page_url(urls[key], n), _page(s, kind, key, n, shared)
                )
        yield PageSpec(f"{kind}s_index.html", f"{kind}s/", _index(s, kind))


Shared = Callable[[], tuple[dict[str, Any], list[list[Event]]]]


def _shared(s: SiteData, kind: str, key: str, count: int) -> Shared:
    """What every page of one entity gets, computed once (on the first page a process
    writes) and the pages' chunks of events."""
    memo: list[tuple[dict[str, Any], list[list[Event]]]] = []

    def get() -> tuple[dict[str, Any], list[list[Event]]]:
        if not memo:
            ctx, lk = s.ctx, s.linked
            listed = getattr(ctx, "by_" + kind).get(key, [])
            base = getattr(ctx.urls, kind + "s")[key]
            events = listed[::-1]  # event_key is unique: same as a reverse sort
            co = ctx.co_mentioned(key) if kind == "actor" else []
            shared = {
                "events": lk.events(events),
                "page_urls": [page_url(base, i) for i in range(1, count + 1)],
                "first_seen": _seen(events[::-1]),
                "last_seen": _seen(events),
                "co_mentioned": [(lk.entity("actor", a.id), n) for a, n in co],
                "casualties": ctx.casualty_total(events),
            }
            memo.append((shared, paginate(events, ctx.config.page_size)))
        return memo[0]

    return get


def _page(
    s: SiteData, kind: str, key: str, n: int, shared: Shared
) -> Callable[[], Mapping[str, Any]]:
    def data() -> Mapping[str, Any]:
        ctx, lk = s.ctx, s.linked
        common, chunks = shared()
        entity = getattr(ctx, kind + "s")[key]
        base = getattr(ctx.urls, kind + "s")[key]
        extra: dict[str, Any] = {}
        if kind == "actor":
            extra["statements"] = claims.statements(ctx, key, chunks[n - 1], lk)
            extra["affiliation"] = lk.actor(entity.affiliation) if entity.affiliation else None
        elif kind == "place":
            view = lk.entity("place", key)
            extra["locator"] = views.locator_map(s, [view], "locator", False)
        return {
            **extra,
            "section": f"{kind}s",
            "kind": kind,
            "entity": entity,
            "entity_url": base,
            "groups": month_groups(lk.events(chunks[n - 1])),
            "page": n,
            "pages": len(common["page_urls"]),
            **common,
        }

    return data


def _index(s: SiteData, kind: str) -> Callable[[], Mapping[str, Any]]:
    def data() -> Mapping[str, Any]:
        ctx = s.ctx
        entities: Mapping[str, Any] = getattr(ctx, kind + "s")
        index: dict[str, list[Event]] = getattr(ctx, "by_" + kind)
        urls: dict[str, str] = getattr(ctx.urls, kind + "s")
        entries = [
            (entities[k], urls[k], len(index.get(k, [])))
            for k in sorted(entities, key=lambda k: (entities[k].name.casefold(), k))
        ]
        return {
            "section": f"{kind}s",
            "kind": kind,
            "entries": entries,
            "kind_groups": kind_groups(entries) if kind == "actor" else [],
        }

    return data
