"""Main-clause parses for dating are fetched in one batch before files are dated: the
batch must hold every sentence dating asks about, and dating must then parse nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.dating import clauses
from chronicle.dating.expressions import clause_candidates, date_passage_text
from chronicle.nlp import parse

REPORTED = dt.date(2026, 2, 20)
TEXTS = [
    "A volunteer who died last week was buried on Tuesday in his home village.",
    "The decision last week to close the crossing was legally sound, the court said.",
    "Officials said on Monday that the bridge which was hit on Sunday had reopened.",
    "Shelling hit the port on Wednesday. A ferry that sailed on Thursday was turned back.",
    "Talks resume on Sunday, the ministry said.",
]


@pytest.fixture()
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def record(sentence: str) -> tuple:
        calls.append(sentence)
        return parse([sentence])[0]

    monkeypatch.setattr(clauses, "_parse_one", record)
    return calls


def test_the_batch_holds_every_sentence_dating_parses(asked: list[str]) -> None:
    for text in TEXTS:
        date_passage_text(text, REPORTED)
    assert asked  # the texts do make dating parse
    wanted = {s for text in TEXTS for s in clause_candidates(text)}
    assert set(asked) <= wanted


def test_with_the_batch_fetched_dating_parses_nothing_and_decides_the_same(
    asked: list[str],
) -> None:
    alone = [date_passage_text(text, REPORTED) for text in TEXTS]
    asked.clear()
    sentences = list(dict.fromkeys(s for text in TEXTS for s in clause_candidates(text)))
    with clauses.prefetched(dict(zip(sentences, parse(sentences), strict=True))):
        batched = [date_passage_text(text, REPORTED) for text in TEXTS]
    assert asked == []
    assert batched == alone
    assert alone[0].value is not None and alone[0].value.value == dt.date(2026, 2, 17)
