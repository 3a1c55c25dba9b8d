"""The data exports split by year, and ``data/index.json``, the manifest listing them.

A chronicle of 100k events must fit GitHub Pages (1 GB, and no file over 100 MB), and
a reader who wants one year should not download four. So every event export is written
once per year of the events' dates, and never again for the whole corpus:

- ``data/<year>/events.json.gz`` (events.json's contract, with the actors, places and
  topics its events name), ``events.csv.gz``, ``events.geojson.gz``, ``events.ics.gz`` and
  ``timeline.json.gz``: gzip-compressed, because they are downloads (no page of the site
  reads them) and text compresses 6–9 times, which is most of what a many-year chronicle
  needs to stay within GitHub Pages' 1 GB;
- ``data/index.json``: the site's counts, every year with its event count, first and last
  date and its files, the whole-corpus files (``actors.json``, ``report.json``, the
  subscription calendar ``events.ics`` of the newest events) and the build's warnings.

A reader wanting every event reads the manifest and concatenates the years' ``events``
(they are in chronological order, years ascending). The manifest's ``files`` map each
format's name (``events.json``) to its URL (``data/2025/events.json.gz``).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from chronicle.model import Diagnostic, Event
from chronicle.site import exports, exports_geo
from chronicle.site.context import SiteContext

MANIFEST = "data/index.json"
#: The files written for every year, by name (in the manifest's order).
YEAR_FILES = ("events.json", "events.csv", "events.geojson", "events.ics", "timeline.json")
#: Whole-corpus files, by name.
SITE_FILES = ("actors.json", "report.json", "events.ics")
#: 2: the per-year files are gzip-compressed (``.gz`` URLs; 1 had them plain).
FORMAT = 2

Job = tuple[str, Callable[[], str]]


def by_year(events: list[Event]) -> dict[int, list[Event]]:
    """The events grouped by the year of their date, years ascending, each in the
    chronological order of ``events``."""
    years: dict[int, list[Event]] = {}
    for e in events:
        years.setdefault(e.date.value.year, []).append(e)
    return dict(sorted(years.items()))


def year_url(year: int, name: str) -> str:
    """Where the year's file ``name`` (one of :data:`YEAR_FILES`) is: compressed."""
    return f"data/{year}/{name}.gz"


def read_export(data: bytes, url: str) -> str:
    """The text of an export file's bytes, decompressed when its URL ends in ``.gz``."""
    return (gzip.decompress(data) if url.endswith(".gz") else data).decode("utf-8")


def manifest(ctx: SiteContext, warnings: list[Diagnostic]) -> str:
    years = []
    for year, events in by_year(ctx.events).items():
        years.append(
            {
                "year": year,
                "events": len(events),
                "first": events[0].date.value.isoformat(),
                "last": events[-1].date.value.isoformat(),
                "files": {name: year_url(year, name) for name in YEAR_FILES},
            }
        )
    data: dict[str, Any] = {
        "format": FORMAT,
        "title": ctx.config.title,
        "events": len(ctx.events),
        "years": years,
        "files": {name: f"data/{name}" for name in SITE_FILES},
        "calendar_events": min(len(ctx.events), exports_geo.SITE_CALENDAR_SIZE),
        "warnings": [exports.diagnostic_json(d) for d in warnings],
    }
    return exports.dumps(data)


def jobs(ctx: SiteContext, warnings: list[Diagnostic]) -> list[Job]:
    """Every data file (url, what writes it), the heaviest first so the render shards
    that claim them in turn share the work."""
    found: list[Job] = [(MANIFEST, lambda: manifest(ctx, warnings))]
    for year, events in by_year(ctx.events).items():
        name = f"{ctx.config.title} · {year}"
        found += [
            (year_url(year, "events.json"), partial(exports.events_json, ctx, None, events)),
            (year_url(year, "events.geojson"), partial(exports_geo.events_geojson, ctx, events)),
            (year_url(year, "events.ics"), partial(exports_geo.calendar, ctx, name, events)),
            (
                year_url(year, "timeline.json"),
                partial(exports_geo.timeline_json, ctx, events, name),
            ),
            (year_url(year, "events.csv"), partial(exports.events_csv, ctx, events)),
        ]
    found += [
        ("data/report.json", lambda: exports.report_json(ctx, warnings)),
        ("data/actors.json", lambda: exports.dumps(exports.actors_json(ctx))),
    ]
    return found


def read_events(manifest_text: str, read: Callable[[str], bytes]) -> list[dict[str, Any]]:
    """Every event of a site, from its manifest and a function reading a site-relative
    file's bytes (what a reader of the exports does; used by ``bench/``)."""
    data = json.loads(manifest_text)
    found: list[dict[str, Any]] = []
    for year in data["years"]:
        url = year["files"]["events.json"]
        found += json.loads(read_export(read(url), url))["events"]
    return found
