"""Where every page lives: one map from ids to site-relative URLs.

Site-relative URLs have no leading slash and end in ``/`` for pages
(``events/2026/02/04/slug/``); templates prefix them with ``config.base_path`` so
the site works under a GitHub Pages sub-path. Every segment is checked by
:mod:`chronicle.site.slugs`, so input can never steer a file outside ``out``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from chronicle.model import Chronicle, Event
from chronicle.site.slugs import safe_anchor, unique_segments


@dataclass(frozen=True)
class SiteUrls:
    events: dict[str, str]  # event id -> "events/YYYY/MM/DD/slug/"
    actors: dict[str, str]
    places: dict[str, str]
    topics: dict[str, str]
    documents: dict[str, str]  # document id -> "sources/<seg>/"
    anchors: dict[str, str]  # passage id -> html id on its source page
    passage_doc: dict[str, str]  # passage id -> document id

    def passage(self, passage_id: str) -> str:
        """Site-relative URL of a passage's anchor on its source page."""
        doc = self.passage_doc.get(passage_id)
        if doc is None:
            return ""
        return f"{self.documents[doc]}#{self.anchors[passage_id]}"


def day_url(day: dt.date) -> str:
    return f"days/{day:%Y/%m/%d}/"


def month_url(year: int, month: int) -> str:
    return f"days/{year:04d}/{month:02d}/"


def year_url(year: int) -> str:
    return f"days/{year:04d}/"


def event_segment_keys(events: tuple[Event, ...]) -> dict[str, str]:
    """Event id -> URL segment, unique among events of the same day."""
    by_day: dict[dt.date, dict[str, str]] = {}
    for e in events:
        by_day.setdefault(e.date.value, {})[e.id] = e.slug or e.title
    result: dict[str, str] = {}
    for group in by_day.values():
        result.update(unique_segments(group))
    return result


def build_urls(
    chronicle: Chronicle,
    actor_ids: list[str],
    place_ids: list[str],
    topic_ids: list[str],
) -> SiteUrls:
    """URLs for every page; entity ids include placeholders for ids events name."""
    segs = event_segment_keys(chronicle.events)
    events = {e.id: f"events/{e.date.value:%Y/%m/%d}/{segs[e.id]}/" for e in chronicle.events}

    def kind_urls(prefix: str, ids: list[str]) -> dict[str, str]:
        return {k: f"{prefix}/{seg}/" for k, seg in unique_segments({k: k for k in ids}).items()}

    documents = kind_urls("sources", [d.id for d in chronicle.documents])
    anchors: dict[str, str] = {}
    passage_doc: dict[str, str] = {}
    for doc in chronicle.documents:
        for p in doc.passages:
            anchors[p.id] = safe_anchor(p.id)
            passage_doc[p.id] = doc.id
    return SiteUrls(
        events,
        kind_urls("actors", actor_ids),
        kind_urls("places", place_ids),
        kind_urls("topics", topic_ids),
        documents,
        anchors,
        passage_doc,
    )


def output_file(out: Path, url: str) -> Path:
    """The file a site-relative URL is served from, refused unless it lies inside ``out``.

    Checked on the string (no absolute path, drive, backslash, empty, '.' or '..'
    segment), which is exact because the site writes no symlinks, and cheap: resolving
    every path would stat every folder above it for each of thousands of pages."""
    return Path(output_path(str(out), url))


def output_path(out: str, url: str) -> str:
    """:func:`output_file` on strings (the writer calls it for every page)."""
    rel = url.split("#", 1)[0]
    if (
        rel.startswith("/")
        or "\\" in rel
        or ":" in rel
        or "\0" in rel
        or "//" in rel.rstrip("/")
        or ("." in rel and any(seg in (".", "..") for seg in rel.split("/")))
    ):
        raise ValueError(f"refusing to write outside the output folder: {url!r}")
    if rel.endswith("/") or not rel:
        return f"{out}/{rel}index.html"
    return f"{out}/{rel}"


#: Control characters, space and characters that could end an attribute or a URL.
_UNSAFE_URL_CHAR = re.compile("[\x00-\x20<>\"'`\\\\]")


def safe_http_url(url: str | None) -> str | None:
    """Return ``url`` only when it is a plain http(s) URL; links from input use this."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if _UNSAFE_URL_CHAR.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
