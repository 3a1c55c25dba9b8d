"""Titles from scraped and machine-translated news: sentences glued without a space, a
dash before the speaker, whole-sentence quotations, a gerund subject — still complete."""

from __future__ import annotations

from helpers.titling import event_title

from chronicle import titles
from chronicle.merge.events import TITLE_MAX


def _title(text: str) -> str:
    return event_title(text)


def _complete(t: str) -> None:
    assert t and not titles.dangling(t), t
    assert t.count("“") == t.count("”") and t.count('"') % 2 == 0, t
    assert len(t) <= TITLE_MAX * 1.15, t


def test_sentences_glued_without_a_space_give_the_first_one() -> None:
    t = _title(
        "The harbour authority reopened the northern pier on Tuesday.The ferry company said "
        "that crossings to the island would resume within a week after the storm damage."
    )
    assert t == "The harbour authority reopened the northern pier on Tuesday"


def test_a_glued_quotation_after_the_first_sentence_is_left_out() -> None:
    t = _title(
        "Farmers in the valley appealed to the regional council.“We have lost two harvests to "
        'the floods," one of them said after the meeting in the town hall.'
    )
    assert t == "Farmers in the valley appealed to the regional council"


def test_a_dash_opening_quoted_speech_ends_the_sentence() -> None:
    t = _title(
        "The mayor also referred to the state of the bridges in the old town.- We will rebuild "
        "every one of them before the winter comes - he said."
    )
    assert t == "The mayor also referred to the state of the bridges in the old town"


def test_abbreviations_and_web_addresses_are_no_glued_sentence_ends_quotes_close() -> None:
    assert titles.first_sentence("Troops of the U.S.Army left the base") == (
        "Troops of the U.S.Army left the base"
    )
    assert titles.first_sentence("The list is at www.Example.org today") == (
        "The list is at www.Example.org today"
    )
    assert titles.first_sentence("He replied “never.”Then he left") == "He replied “never”"


def test_an_attribution_after_a_dash_is_dropped() -> None:
    t = _title(
        "The average number of ferries crossing the strait each day is 14 - estimates the "
        "port authority."
    )
    assert t == "The average number of ferries crossing the strait each day is 14"
    t = _title("Our engineers will need at least two more weeks for the repairs - he added.")
    assert t == "Our engineers will need at least two more weeks for the repairs"


def test_a_markdown_quote_marker_never_reaches_a_title() -> None:
    t = _title("> The coastal towns were told to prepare their shelters for the storm season.")
    assert t == "The coastal towns were told to prepare their shelters for the storm season"


def test_a_fronted_quotation_too_long_is_cut_inside_at_a_closed_phrase() -> None:
    t = _title(
        "“A settlement that truly aims at lasting calm would have to include a patient "
        "negotiation between a small number of neighbouring states,” the historian said."
    )
    _complete(t)
    assert t.startswith("“A settlement that truly aims at lasting calm"), t
    assert t.endswith("negotiation”"), t


def test_any_verb_reports_a_quotation_that_opens_the_sentence() -> None:
    t = _title(
        '"The assembly must weigh and decide whether the new fishing quotas along the coast '
        'are in the regional interest," the petition states.'
    )
    _complete(t)
    assert t.endswith('regional interest"'), t


def test_a_gerund_subject_is_kept_with_its_verb() -> None:
    t = _title(
        "Norwegian biathlete Ola Berg said the International Biathlon Union’s allowing Russian "
        "and Belarusian athletes to start as neutrals, despite their ties to the army or open "
        "support for the invasion, undermined the principle of fairness."
    )
    _complete(t)
    assert not t.endswith(("Russian", "allowing")), t
    assert t == (
        "Ola Berg: Allowing Russian and Belarusian athletes to start undermined the principle of "
        "fairness"
    ), t


def test_a_possessive_read_as_punctuation_is_not_left_alone() -> None:
    t = _title(
        "Polish skier Anna Kowal said the European Ski Union’s allowing Russian and Belarusian "
        "skiers to compete as neutrals, despite their ties to the army or public support for "
        "the invasion, undermined the principle of fairness."
    )
    _complete(t)
    assert "Union’s undermined" not in t, t


def test_a_title_never_lacks_its_subject_or_starts_lower_case() -> None:
    t = _title(
        "With the harbour strike now entering its third week and no talks planned, the port "
        "operator announced on Monday that it would close the northern terminal to ferries."
    )
    _complete(t)
    assert t[:1].isupper(), t
    assert not t.lower().startswith("announced"), t


def test_a_title_never_ends_on_half_a_hyphenated_word() -> None:
    assert titles.dangling("The council backed the policy of non-")
    t = _title(
        "The councils confirm the need to continue implementing the policy of non-recognition "
        "of the unlawful seizure of the northern islands and the harbour of Westport by the "
        "neighbouring kingdom."
    )
    _complete(t)
    assert not t.endswith(("non", "non-")), t
