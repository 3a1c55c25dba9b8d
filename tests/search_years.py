"""A synthetic chronicle spanning two years, for the per-year search bundles (issue 5)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from factories import make_chronicle

from chronicle.config import Config
from chronicle.model import Chronicle, Event


def year_earlier(e: Event) -> Event:
    """The same event a year earlier, under its own id, slug and title."""
    day = e.date.value.replace(year=e.date.value.year - 1)
    return dataclasses.replace(
        e,
        id=f"{e.id}-prev",
        slug=f"{e.slug}-prev",
        date=dataclasses.replace(e.date, value=day),
        reported=e.reported.replace(year=e.reported.year - 1),
        title=f"{e.title} (a year earlier)",
    )


def two_year_chronicle(edit: dict[str, str] | None = None) -> Chronicle:
    """The synthetic chronicle (February 2026) plus each event a year earlier.

    ``edit`` maps an event id to a new title, to change what a page says."""
    base = make_chronicle()
    events = [*base.events, *(year_earlier(e) for e in base.events)]
    edit = edit or {}
    events = [dataclasses.replace(e, title=edit[e.id]) if e.id in edit else e for e in events]
    return dataclasses.replace(base, events=tuple(events))


def write(chronicle: Chronicle, config: Config, out: Path) -> None:
    from chronicle.site import write_site

    write_site(chronicle, config, out)
