"""A synthetic chronicle spanning two years, for the per-year search bundles."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from chronicle.config import Config
from chronicle.model import Chronicle, Event
from helpers.factories import make_chronicle


def moved(e: Event, years: int = 0, months: int = 0) -> Event:
    """The same event ``years`` earlier or ``months`` later, under its own id and title."""
    d = e.date.value
    day = d.replace(year=d.year - years, month=d.month + months)
    tag, note = ("prev", "a year earlier") if years else ("later", "months later")
    return dataclasses.replace(
        e,
        id=f"{e.id}-{tag}",
        slug=f"{e.slug}-{tag}",
        date=dataclasses.replace(e.date, value=day),
        reported=day,
        title=f"{e.title} ({note})",
    )


def year_earlier(e: Event) -> Event:
    return moved(e, years=1)


def two_year_chronicle(edit: dict[str, str] | None = None, spring: bool = False) -> Chronicle:
    """The synthetic chronicle (February 2026) plus each event a year earlier, and with
    ``spring`` three months later (May 2026: a second quarter of the newest year).

    ``edit`` maps an event id to a new title, to change what a page says."""
    base = make_chronicle()
    events = [*base.events, *(year_earlier(e) for e in base.events)]
    if spring:
        events += [moved(e, months=3) for e in base.events]
    edit = edit or {}
    events = [dataclasses.replace(e, title=edit[e.id]) if e.id in edit else e for e in events]
    return dataclasses.replace(base, events=tuple(events))


def write(chronicle: Chronicle, config: Config, out: Path) -> None:
    from chronicle.site import write_site

    write_site(chronicle, config, out)
