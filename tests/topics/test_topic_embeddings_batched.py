"""The joint topic model's embeddings: one batch through the ``embeddings`` passage task,
stored by text, with the same topics as embedding one passage at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.tasks import counting_task

from chronicle import embeddings
from chronicle.config import Config
from chronicle.model import DatedPassage, DateValue, Passage
from chronicle.topics import assign_topics, load_taxonomy

pytestmark = pytest.mark.skipif(not embeddings.available(), reason="embedding model missing")

TEXTS = [
    "Russia's president dismissed a deputy defence minister and named an economist instead.",
    "The central bank raised its key interest rate to curb inflation driven by spending.",
    "A delegation travelled to the capital to discuss grain exports and the port deal.",
]


def dp(k: int, text: str) -> DatedPassage:
    date = DateValue(dt.date(2026, 2, 3), "day", "test")
    p = Passage(
        id=f"p{k}", path="news.txt", document_id="d", line=k + 1, end_line=k + 1,
        kind="article", text=text, title="",
    )  # fmt: skip
    return DatedPassage(passage=p, reported=date, date=date)


@pytest.fixture
def counted():
    with counting_task("embeddings") as calls:
        yield calls


def test_unsure_passages_are_embedded_in_one_batch_with_the_same_topics(tmp_path, counted):
    passages = [dp(k, t) for k, t in enumerate(TEXTS)]
    taxonomy = load_taxonomy(Config())
    alone = assign_topics(passages, taxonomy)  # embeds one passage at a time, no store
    config = Config(cache_dir=tmp_path / "cache")
    batched = assign_topics(passages, taxonomy, tmp_path / "memo", config)
    assert batched == alone
    assert len(counted) == 1 and any(TEXTS[0] in lead for lead in counted[0])  # one batch
    assert not any(TEXTS[1] in lead for lead in counted[0])  # a sure one is never embedded
    again = assign_topics(passages, taxonomy, tmp_path / "other-memo", config)
    assert again == alone and len(counted) == 1  # vectors came from the store
