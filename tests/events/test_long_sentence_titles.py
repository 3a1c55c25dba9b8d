"""Long sentences still give complete titles: a label kept apart, the reported clause of
evidence, a list shortened to its first item, a single clause kept whole when a little long."""

from __future__ import annotations

from helpers.titling import event_title

from chronicle import titles
from chronicle.merge.events import TITLE_MAX


def _title(text: str) -> str:
    return event_title(text)


def _complete(t: str) -> None:
    assert t and not titles.dangling(t), t
    assert t.count("(") == t.count(")") and t.count("“") == t.count("”"), t


def test_a_leading_label_is_kept_and_the_sentence_after_it_cut_on_its_own() -> None:
    t = _title(
        "Order of Battle: Drone crews of the 12th Engineer Brigade (3rd Army Corps) are striking "
        "armoured vehicles south of Millbrook and reportedly striking positions near Harbour Ridge."
    )
    _complete(t)
    assert t.startswith("Order of Battle: Drone crews"), t
    assert len(t) <= TITLE_MAX


def test_evidence_verbs_give_the_clause_they_introduce() -> None:
    t = _title(
        "Geolocated footage published on March 3 indicates that enemy forces recently advanced "
        "south of Millbrook (east of Harbour Ridge) and likely seized Millbrook on an earlier date."
    )
    _complete(t)
    assert t.startswith("Enemy forces recently advanced south of Millbrook"), t


def test_a_list_too_long_for_a_title_keeps_its_first_item_whole() -> None:
    t = _title(
        "The General Staff of the northern army reported on March 4 that its forces struck an "
        "enemy drone control point and a fuel and ammunition depot near Riverside."
    )
    _complete(t)
    assert "drone control point" in t, t
    assert not t.endswith("drone"), t


def test_a_single_clause_a_little_over_the_limit_is_kept_whole() -> None:
    text = (
        "Navy divers recovered the wreck of a small cargo vessel from the bottom of the northern "
        "harbour on Tuesday morning."
    )
    assert TITLE_MAX < len(text.rstrip(".")) <= TITLE_MAX * titles.SINGLE_CLAUSE_SLACK
    assert _title(text) == text.rstrip(".")


def test_two_clauses_over_the_limit_are_still_cut() -> None:
    t = _title(
        "Navy divers recovered the wreck of a small cargo vessel on Tuesday, and engineers began "
        "to repair the pier."
    )
    _complete(t)
    assert len(t) <= TITLE_MAX


def test_a_fronted_quotation_is_kept_whole_without_its_speaker() -> None:
    t = _title(
        "“Half of the problem is that we overrated the northern navy and underrated the coastal "
        "militias,” said Anna Weller, an analyst at the Harbour Institute in Valletta."
    )
    assert t == (
        "“Half of the problem is that we overrated the northern navy and underrated the coastal "
        "militias”"
    ), t


def test_a_quotation_left_open_by_the_sentence_split_is_cut_inside_and_closed() -> None:
    t = _title(
        "“The northern fleet has gone from being the strongest navy on the coast to being the "
        "strongest navy in its own harbour. That is real progress,” the admiral added."
    )
    _complete(t)
    assert t.startswith("“The northern fleet has gone from being") and t.endswith("”"), t
    assert len(t) <= TITLE_MAX
