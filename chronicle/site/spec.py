"""What a page declares: its template, its URL and the data it is rendered with.

Page-kind functions (:mod:`chronicle.site.pages`, :mod:`chronicle.site.views`) yield one
declaration per output file; the scheduler (:mod:`chronicle.site.scheduler`) decides
which process writes it, whether the previous build's file can be linked instead, and
which URLs go into the sitemap. The data is given as a function so that only the process
that writes a page computes it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

#: A page's template variables, computed on demand.
DataFn = Callable[[], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One page: ``template`` rendered at ``url`` with ``data()`` as its variables (plus
    ``page_url``, and for an HTML page the configuration globals). Its reuse key is a
    digest of exactly these (:meth:`chronicle.site.reuse.PageKeys.key`).

    ``key_inputs``, when given, are what the page is keyed by instead of its data: the
    page kind guarantees that the data is a function of them (and of the configuration)
    alone, and they cost less to compute and digest than the data (an event page keys
    by its event, related events, entities, documents and analyses instead of its
    rendered maps, source cards and claims), so an unchanged page is linked without
    computing its data.

    ``feed`` pages (Atom) are written as rendered: no ``page_url``, no whitespace
    trimming, never in the sitemap. ``sitemap`` is False for pages search engines
    should not list (embeds, the 404 page)."""

    template: str
    url: str
    data: DataFn
    sitemap: bool = True
    feed: bool = False
    key_inputs: Callable[[], Mapping[str, Any]] | None = None


@dataclass(frozen=True, slots=True)
class FileSpec:
    """A data file (JSON, CSV, GeoJSON, iCalendar, SVG): ``content()`` written at ``url``.
    Never keyed (each changes with nearly any event); it reads no template, so a rebuild
    of the same chronicle, settings and code links it from the previous site."""

    url: str
    content: Callable[[], str]


Spec = PageSpec | FileSpec


def fixed(**data: Any) -> DataFn:
    """The data of a page whose variables are already computed."""
    return lambda: data
