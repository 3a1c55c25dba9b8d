"""Passages and analyses for merge tests: two reports of one strike, talks, builders."""

from __future__ import annotations

import datetime as dt

from chronicle.model import Analysis, DatedPassage, DateValue, Passage

KYIV_A = (
    "Russia launched a massive drone and missile attack on Kyiv overnight, killing two people "
    "and injuring 16 others, Kyiv Mayor Vitali Klitschko said. Debris fell on residential "
    "buildings in five districts of the capital."
)


KYIV_B = (
    "At least two people were killed and 16 wounded as Russia pounded Kyiv with drones and "
    "ballistic missiles in the early hours, officials said. Fires broke out in apartment blocks."
)


TALKS = (
    "Trilateral negotiations between Russia, Ukraine and the United States are set to resume "
    "in Abu Dhabi on Sunday, the Kremlin said."
)


def dp(
    pid: str,
    text: str,
    title: str | None = None,
    day: int = 28,
    kind: str = "entry",
    doc: str = "blog",
    line: int = 1,
    path: str = "t.txt",
    time: str | None = None,
    precision: str = "day",
) -> DatedPassage:
    date = DateValue(dt.date(2026, 1, day), precision, "test")
    p = Passage(
        id=pid,
        path=path,
        document_id=doc,
        line=line,
        end_line=line,
        kind=kind,
        text=text,
        title=title,
        time=time,
    )
    return DatedPassage(passage=p, reported=date, date=date, time=time)


def an(
    pid: str,
    topic: str = "fighting",
    killed: int | None = None,
    injured: int | None = None,
    actors: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> Analysis:
    return Analysis(pid, actors=actors, places=places, topic=topic, killed=killed, injured=injured)


def groups(events) -> list[set[str]]:
    return sorted(({s.passage.id for s in e.sources} for e in events), key=sorted)
