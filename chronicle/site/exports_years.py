"""The data exports split by year, and ``data/index.json``, the manifest listing them.

A chronicle of 100k events must fit GitHub Pages (1 GB, and no file over 100 MB), and
a reader who wants one year should not download four. So every event export is written
once per year of the events' dates, and never again for the whole corpus:

- ``data/<year>/events.json`` (events.json's contract, with the actors, places and
  topics its events name), ``events.csv``, ``events.geojson``, ``events.ics`` and
  ``timeline.json``;
- ``data/index.json``: the site's counts, every year with its event count, first and last
  date and its files, the whole-corpus files (``actors.json``, ``report.json``, the
  subscription calendar ``events.ics`` of the newest events) and the build's warnings.

A reader wanting every event reads the manifest and concatenates the years' ``events``
(they are in chronological order, years ascending).
"""

from __future__ import annotations

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
FORMAT = 1

Job = tuple[str, Callable[[], str]]


def by_year(events: list[Event]) -> dict[int, list[Event]]:
    """The events grouped by the year of their date, years ascending, each in the
    chronological order of ``events``."""
    years: dict[int, list[Event]] = {}
    for e in events:
        years.setdefault(e.date.value.year, []).append(e)
    return dict(sorted(years.items()))


def year_url(year: int, name: str) -> str:
    return f"data/{year}/{name}"


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


def read_events(manifest_text: str, read: Callable[[str], str]) -> list[dict[str, Any]]:
    """Every event of a site, from its manifest and a function reading a site-relative
    file (what a reader of the exports does; used by ``bench/``)."""
    data = json.loads(manifest_text)
    found: list[dict[str, Any]] = []
    for year in data["years"]:
        found += json.loads(read(year["files"]["events.json"]))["events"]
    return found
