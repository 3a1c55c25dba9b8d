""" "What happened": a day's main events ranked by sources, casualties and novelty."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bs4 import BeautifulSoup
from conftest import BuiltSite
from helpers.factories import make_chronicle

from chronicle.config import Config
from chronicle.model import DateValue
from chronicle.site.context import build_context
from chronicle.site.summaries import DaySummaries

DAY = dt.date(2026, 2, 3)


def _context(changes: dict[int, dict[str, object]]):  # noqa: ANN202
    chron = make_chronicle()
    events = list(chron.events)
    for i, fields in changes.items():
        events[i] = dataclasses.replace(events[i], **fields)
    day = DateValue(DAY, "day", "test")
    events = [dataclasses.replace(e, date=day) for e in events[:4]]
    chron = dataclasses.replace(chron, events=tuple(events))
    return build_context(chron, Config()), events


def _documents(e):  # noqa: ANN001, ANN202
    return {dp.passage.document_id for dp in e.sources}


def test_more_sources_rank_first_and_say_so() -> None:
    # No casualties anywhere: the event told by two documents leads.
    ctx, events = _context({0: {"killed": None, "injured": None}})
    assert [len(_documents(e)) for e in events] == [1, 2, 1, 1]
    highlights = DaySummaries(ctx).highlights(DAY, events)
    assert highlights[0].event.id == events[1].id
    assert "2 sources" in highlights[0].reasons
    assert all("sources" not in r for h in highlights[1:] for r in h.reasons)


def test_casualties_outrank_a_quiet_event_and_are_given_as_reasons() -> None:
    ctx, events = _context({1: {"killed": 40, "injured": 100}})
    highlights = DaySummaries(ctx).highlights(DAY, events)
    assert highlights[0].event.id == events[1].id
    assert "40 killed" in highlights[0].reasons and "100 injured" in highlights[0].reasons


def test_a_place_new_this_week_counts_as_novelty() -> None:
    ctx, events = _context({})
    summaries = DaySummaries(ctx)
    # Every place is new on the first day with events: named as such.
    reasons = [r for h in summaries.highlights(DAY, events) for r in h.reasons]
    assert any(r.startswith("first mention this week of ") for r in reasons)


def test_size_depends_on_the_day_and_a_single_event_needs_no_summary() -> None:
    ctx, events = _context({})
    summaries = DaySummaries(ctx)
    assert summaries.highlights(DAY, events[:1]) == []
    assert len(summaries.highlights(DAY, events)) == 3
    assert len(summaries.highlights(DAY, events, limit=2)) == 2


def test_day_page_opens_with_the_summary_linking_down(synthetic_site: BuiltSite) -> None:
    soup = BeautifulSoup(
        (synthetic_site.out / "days/2026/02/03/index.html").read_text("utf-8"), "html.parser"
    )
    section = soup.select_one("section.what-happened")
    assert section is not None and section.h2.get_text() == "What happened"
    links = [a["href"] for a in section.select("a")]
    assert links and all(h.startswith("#ev-") for h in links)
    for href in links:
        assert soup.find(id=href[1:]) is not None, href  # an event entry lower on the page
    home = BeautifulSoup((synthetic_site.out / "index.html").read_text("utf-8"), "html.parser")
    latest = home.select_one(".home-summary section.what-happened")
    assert latest is not None and "What happened on" in latest.h2.get_text()
    assert all(a["href"].startswith("/events/") for a in latest.select("li a"))
