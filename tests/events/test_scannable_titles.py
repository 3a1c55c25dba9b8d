"""Event titles are complete phrases: whole when short, cut where a phrase ends when long."""

from __future__ import annotations

import pytest
from helpers.titling import dated_passage
from helpers.titling import event_title as title_of

from chronicle import titles
from chronicle.merge.events import TITLE_MAX, event_title, headline


def _dp(text: str, title: str | None = None, kind: str = "bullet", byline: str | None = None):
    return dated_passage(text, title=title, kind=kind, byline=byline)


def _title(text: str, **kw) -> str:
    return title_of(text, **{"kind": "bullet", **kw})


LONG = [
    "Four civilians were wounded in artillery fire on the riverside village of Bilohirka in the "
    "south of the region on Sunday evening, the local council reported.",
    "The energy operator said that its engineers had repaired and reconnected two substations "
    "that supply the eastern districts of the city after the overnight strikes.",
    "Police in Lower Saxony arrested at least four men suspected of planning arson attacks on "
    "rail depots on behalf of a foreign intelligence service, prosecutors said on Friday.",
    "The deputy foreign minister of Moldova, Ana Marin, accused Moscow of funding a campaign "
    "of bomb threats against schools and airports across the country over the past month.",
]


@pytest.mark.parametrize("text", LONG)
def test_long_first_sentence_is_cut_where_a_phrase_ends(text: str) -> None:
    t = _title(text)
    assert 25 <= len(t) <= TITLE_MAX
    assert not titles.dangling(t), t
    assert t.count("“") == t.count("”")


def test_short_sentence_is_kept_whole_without_attribution() -> None:
    t = _title("Drones hit a grain terminal in the port of Izmail overnight, officials said.")
    assert t == "Drones hit a grain terminal in the port of Izmail overnight"


def test_never_ends_on_at_least_or_an_article() -> None:
    t = _title(
        "Border guards in the northern region detained at least fourteen men who tried to cross "
        "the river into the neighbouring country on makeshift rafts during a storm last week."
    )
    assert not t.endswith(("at least", "the", "a")), t
    assert "fourteen men" in t


def test_reference_markers_stamps_and_bylines_never_reach_a_title() -> None:
    assert "[" not in _title("Forces advanced near the reservoir on Monday.[14] More text.")
    t = _title("", title="21 May 2022 23.34 Rescue teams reach the flooded district", kind="entry")
    assert t == "Rescue teams reach the flooded district"
    t = _title("", title="Updated at 09.15 BST Ceasefire talks resume in the capital", kind="entry")
    assert t == "Ceasefire talks resume in the capital"
    t = _title("May 16, 6:00 pm ET Border units repelled an assault near the river crossing.")
    assert t.startswith("Border units repelled")
    t = _title("By Jane Roe and John Doe | Ferry service resumes across the strait after repairs.")
    assert t.startswith("Ferry service resumes")
    t = _title("Jane Roe Ferry service resumes across the strait.", byline="Jane Roe")
    assert t.startswith("Ferry service")


def test_without_a_parse_the_cut_still_avoids_dangling_words() -> None:
    t = headline(" ".join(["The committee approved the package of measures for the"] * 4))
    assert len(t) <= TITLE_MAX and not titles.dangling(t)


def test_event_title_without_prepared_parses_falls_back_cleanly() -> None:
    t = event_title(_dp(LONG[0]))
    assert len(t) <= TITLE_MAX and not titles.dangling(t)


def test_parse_cut_keeps_required_complements() -> None:
    from chronicle import nlp

    s = (
        "Prosecutors charged three former officials of the regional water company with "
        "embezzling funds meant for the reconstruction of dams damaged by shelling last year"
    )
    t = titles.cut_parsed(s, nlp.parse([s])[0], 80)
    assert len(t) <= 80 and not titles.dangling(t)
    assert t.startswith("Prosecutors charged three former officials")


def test_fronted_report_keeps_the_clause_not_the_speaker() -> None:
    t = _title(
        "A shell hit the water pumping station in the village of Bilohorivka on the left bank, "
        "the occupation-appointed district head Ivan Sorokin said"
    )
    assert t.startswith("A shell hit the water pumping station"), t
    assert "Sorokin" not in t


def test_whole_short_sentence_may_end_on_a_particle() -> None:
    assert _title("Talks on the grain corridor drag on.") == "Talks on the grain corridor drag on"
