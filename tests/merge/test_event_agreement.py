"""Merged sources agree on day and place; an event never holds more than eight different texts."""

from __future__ import annotations

import datetime as dt

from chronicle import agreement
from chronicle.merge import build_events
from chronicle.model import Analysis, DatedPassage, DateValue, Passage

STORY = (
    "A drone struck a fuel depot on the outskirts of Brovary overnight, starting a fire that "
    "burned for six hours before firefighters put it out, the regional administration said."
)
VARIANTS = [
    "Officials said a drone hit a fuel depot near Brovary overnight and the fire burned for six "
    "hours.",
    "A fuel depot on the edge of Brovary burned for six hours after an overnight drone strike.",
    "Firefighters needed six hours to put out a blaze at a Brovary fuel depot hit by a drone.",
    "An overnight drone attack set a fuel depot near Brovary ablaze for six hours, officials say.",
    "A drone strike on a fuel depot outside Brovary caused a fire lasting six hours overnight.",
    "The regional administration said a fuel depot near Brovary burned for six hours after a "
    "drone strike.",
    "A Brovary fuel depot was hit by a drone overnight; the fire burned for six hours.",
    "A fire at a fuel depot near Brovary burned for six hours after a drone struck it overnight.",
    "Drone hits Brovary fuel depot overnight, fire burns for six hours.",
    "Six-hour fire at Brovary fuel depot after overnight drone strike, officials say.",
    "Brovary fuel depot burns for six hours after overnight drone strike.",
]


def _dp(pid: str, text: str, day: int = 10, doc: str | None = None, evidence: str = "text"):
    d = DateValue(dt.date(2026, 3, day), "day", evidence)
    p = Passage(pid, f"{pid}.txt", doc or f"doc-{pid}", 1, 1, "article", text, title=None)
    return DatedPassage(p, d, d)


def _an(pid: str, places=("brovary",)) -> Analysis:  # noqa: ANN001
    return Analysis(pid, places=tuple(places), topic="fighting")


def test_no_event_of_more_than_eight_different_texts() -> None:
    passages = [_dp(f"v{i}", t) for i, t in enumerate([STORY, *VARIANTS])]
    events, _ = build_events(passages, {p.passage.id: _an(p.passage.id) for p in passages})
    assert max(len(e.sources) for e in events) <= agreement.MAX_SOURCES  # all texts differ
    assert len(events) < len(passages)  # they still merge, in groups of at most eight


def test_copies_of_one_text_may_exceed_eight() -> None:
    passages = [_dp(f"c{i}", STORY) for i in range(11)] + [_dp("v", VARIANTS[0])]
    events, _ = build_events(passages, {p.passage.id: _an(p.passage.id) for p in passages})
    assert [len(e.sources) for e in events] == [12]


def test_sources_must_agree_on_place() -> None:
    a = _dp("a", STORY)
    b = _dp("b", STORY.replace("Brovary", "Boryspil"))
    analyses = {"a": _an("a", ("brovary",)), "b": _an("b", ("boryspil",))}
    events, _ = build_events([a, b], analyses)
    assert len(events) == 2


def test_sources_must_agree_on_day() -> None:
    chain = [_dp("d1", STORY, day=10), _dp("d2", STORY, day=11), _dp("d3", STORY, day=12)]
    events, _ = build_events(chain, {p.passage.id: _an(p.passage.id) for p in chain})
    for e in events:
        days = {s.date.value for s in e.sources}
        assert (max(days) - min(days)).days <= agreement.MAX_DAY_GAP


def test_a_fallback_date_does_not_pin_the_day() -> None:
    s = agreement.summary(1, "x", dt.date(2026, 3, 10), False, True, ())
    w = agreement.summary(1, "y", dt.date(2026, 3, 11), True, True, ())
    far = agreement.summary(1, "z", dt.date(2026, 3, 13), True, True, ())
    assert agreement.veto(s, w) is None
    assert agreement.veto(agreement.combine(s, w), far) == "days too far apart"
