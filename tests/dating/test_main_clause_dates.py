"""A date in a relative clause or on a noun does not date the passage; the main clause's does."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.dating.clauses import embedded, may_be_embedded
from chronicle.dating.expressions import date_passage_text
from chronicle.nlp import ParseToken

REPORTED = dt.date(2026, 2, 5)  # a Thursday


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "A medic who died last week was buried on Tuesday in her village, officials said.",
            "2026-02-03",
        ),
        (
            "The bloc's decision last week to end the imports was lawful, the commissioner said.",
            None,
        ),
        (
            "Zelenskyy, who met the envoys last week, said on Wednesday that talks would go on.",
            "2026-02-04",
        ),
        ("Talks, which began on Monday, ended without a deal.", None),
        ("Russia struck Kharkiv on Tuesday night, killing two people.", "2026-02-03"),
        ("An attack on Tuesday was the largest this year, the air force said.", "2026-02-03"),
    ],
)
def test_the_main_clause_dates_the_passage(text, want):
    got = date_passage_text(text, REPORTED).value
    assert (got.value.isoformat() if got else None) == want


def test_sentences_without_a_possible_embedding_are_not_parsed(monkeypatch):
    import chronicle.dating.clauses as clauses

    monkeypatch.setattr(clauses, "_parse", lambda s: pytest.fail("parsed"))
    got = date_passage_text("Russian drones hit Odesa on Monday night.", REPORTED).value
    assert got is not None and got.value == dt.date(2026, 2, 2)
    assert not may_be_embedded("Drones hit Odesa on Monday.", 19, 28)


def test_embedded_walks_up_to_a_relative_clause():
    # "men who fled Monday returned": Monday under "fled" (relcl of "men")
    toks = (
        ParseToken(0, 3, "nsubj", 3, "NOUN"),
        ParseToken(4, 7, "nsubj", 2, "PRON"),
        ParseToken(8, 12, "relcl", 0, "VERB"),
        ParseToken(20, 28, "ROOT", 3, "VERB"),
        ParseToken(13, 19, "npadvmod", 2, "PROPN"),
    )
    assert embedded(toks, 13, 19)
    assert not embedded(toks, 20, 28)
