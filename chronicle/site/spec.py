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

    ``feed`` pages (Atom) are written as rendered: no ``page_url``, no whitespace
    trimming, never in the sitemap. ``sitemap`` is False for pages search engines
    should not list (embeds, the 404 page)."""

    template: str
    url: str
    data: DataFn
    sitemap: bool = True
    feed: bool = False


@dataclass(frozen=True, slots=True)
class FileSpec:
    """A data file (JSON, CSV, GeoJSON, iCalendar, SVG): ``content()`` written at ``url``,
    always (each changes with nearly any event, so it is never keyed)."""

    url: str
    content: Callable[[], str]


Spec = PageSpec | FileSpec


def fixed(**data: Any) -> DataFn:
    """The data of a page whose variables are already computed."""
    return lambda: data
