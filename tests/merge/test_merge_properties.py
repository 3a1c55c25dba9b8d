"""Bad or odd input never raises out of topics, casualties or merging (property tests)."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.casualties import extract_casualties
from chronicle.config import Config
from chronicle.merge import build_events
from chronicle.merge.events import TITLE_MAX, headline, make_slug
from chronicle.model import DatedPassage, DateValue, Passage
from chronicle.topics import assign_topics, load_taxonomy

WORDS = st.sampled_from(
    "Russia Ukraine Kyiv killed injured at least two 3 1,000 “quoted” said, attack. the of "
    "— – a couple another toll rose to six since war began Mr. U.S. 46-year-old Україна "
    "\u0000 \t !!! ... , ; :".split(" ")
)
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))
TAXONOMY = load_taxonomy(Config())


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_extract_casualties_never_raises(text):
    killed, injured = extract_casualties(text)
    for n in (killed, injured):
        assert n is None or (isinstance(n, int) and 0 < n < 1000)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_headline_and_slug_are_bounded_and_safe(text):
    h = headline(text)
    assert len(h) <= TITLE_MAX + 1
    slug = make_slug(h or text)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) and len(slug) <= 60


@st.composite
def passages(draw):
    out = []
    for i in range(draw(st.integers(0, 8))):
        day = dt.date(2026, 1, draw(st.integers(1, 5)))
        kind = draw(st.sampled_from(["bullet", "entry", "article", "paragraph"]))
        p = Passage(
            id=f"p{i}",
            path=draw(st.sampled_from(["a.txt", "b.md"])),
            document_id=draw(st.sampled_from(["d1", "d2"])),
            line=i + 1,
            end_line=i + 1,
            kind=kind,
            text=draw(TEXT),
            title=draw(st.one_of(st.none(), TEXT)),
            heading=draw(st.one_of(st.none(), st.sampled_from(["Fighting", "Politics", "??"]))),
        )
        value = DateValue(day, draw(st.sampled_from(["day", "month"])), "test")
        out.append(DatedPassage(passage=p, reported=value, date=value))
    return out


@given(passages())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_topics_and_events_never_raise(ps):
    topics = assign_topics(ps, TAXONOMY)
    assert set(topics) == {p.passage.id for p in ps}
    assert all(
        t in TAXONOMY and src in ("heading", "classifier", "keywords") for t, src in topics.values()
    )
    events, diags = build_events(ps, {})
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids))
    assert ids == [e.id for e in sorted(events, key=lambda e: (e.date.value, e.id))]
    assert all(d.code == "C303" and d.severity == "info" for d in diags)
    used = [s.passage.id for e in events for s in e.sources]
    assert len(used) == len(set(used))
