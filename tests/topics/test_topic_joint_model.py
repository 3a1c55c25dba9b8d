"""The shipped topic model: text model first, joint text + embedding model where unsure."""

from __future__ import annotations

import numpy as np
import pytest

from chronicle import embeddings
from chronicle.config import Config
from chronicle.topic_model import (
    EMBED_WORDS,
    JointWeights,
    embedding_text,
    from_arrays,
    shipped_model,
    to_arrays,
)
from chronicle.topics import KeywordIndex, load_taxonomy

needs_embeddings = pytest.mark.skipif(
    not embeddings.available(), reason="the sentence-embedding model is not installed"
)


@pytest.fixture(scope="module")
def model():
    found = shipped_model()
    assert found is not None and found.joint is not None
    return found


@pytest.fixture(scope="module")
def keywords():
    return KeywordIndex(load_taxonomy(Config()))


class Counting:
    """An embedder that records the texts it was asked for."""

    def __init__(self, vector: np.ndarray | None) -> None:
        self.vector = vector
        self.texts: list[str] = []

    def __call__(self, text: str) -> np.ndarray | None:
        self.texts.append(text)
        return self.vector


def _text_confidence(model, keywords, text: str) -> float:
    return float(np.exp(max(model.scores("", text, keywords.hits("", text)).values())))


def test_a_passage_the_text_model_is_sure_of_is_not_embedded(model, keywords):
    text = "The central bank raised its key interest rate to curb inflation driven by spending."
    assert _text_confidence(model, keywords, text) >= model.joint.confident
    counting = Counting(np.zeros(embeddings.DIM, dtype=np.float32))
    model.scores("", text, keywords.hits("", text), counting)
    assert counting.texts == []


def test_an_unsure_passage_is_embedded_once_from_its_lead(model, keywords):
    text = "Russia's president dismissed a deputy defence minister and named an economist instead."
    assert _text_confidence(model, keywords, text) < model.joint.confident
    counting = Counting(np.zeros(embeddings.DIM, dtype=np.float32))
    scores = model.scores("A reshuffle", text, keywords.hits("A reshuffle", text), counting)
    assert counting.texts == [embedding_text("A reshuffle", text)]
    assert np.isclose(sum(np.exp(list(scores.values()))), 1.0)


def test_without_an_embedding_the_text_model_decides(model, keywords):
    text = "Russia's president dismissed a deputy defence minister and named an economist instead."
    hits = keywords.hits("", text)
    assert model.scores("", text, hits, Counting(None)) == model.scores("", text, hits)


def test_embedding_text_puts_the_title_first_and_keeps_the_lead():
    body = " ".join(f"w{i}" for i in range(300))
    got = embedding_text("Headline here", body).split()
    assert got[:3] == ["Headline", "here.", "w0"]
    assert len(got) == EMBED_WORDS
    assert embedding_text("", "Short text.") == "Short text."


def test_embedding_text_is_the_main_clause_sentence_not_the_background():
    text = (
        "The U.S. Senate approved a $40bn aid package for Ukraine on Thursday. "
        "Russia's foreign ministry called it a provocation. Fighting continued near Kharkiv."
    )
    assert embedding_text("", text) == (
        "The U.S. Senate approved a $40bn aid package for Ukraine on Thursday."
    )


def test_a_short_first_sentence_runs_on_to_the_next():
    text = "Talks resumed. Negotiators from both sides met in Istanbul for a second day. Then more."
    assert embedding_text("Talks", text) == (
        "Talks. Talks resumed. Negotiators from both sides met in Istanbul for a second day."
    )


def test_joint_weights_round_trip_through_the_artefact_arrays(model):
    copy = from_arrays(
        to_arrays(
            model.topics, list(model.index), model.idf, model.coef, model.intercept, model.joint
        )
    )
    assert isinstance(copy.joint, JointWeights)
    assert copy.joint.emb_weight == model.joint.emb_weight
    assert copy.joint.confident == pytest.approx(model.joint.confident)
    vector = np.full(embeddings.DIM, 1 / np.sqrt(embeddings.DIM), dtype=np.float32)
    text = "Officials met to discuss the corridor."
    assert copy.scores("", text, None, lambda _: vector) == model.scores(
        "", text, None, lambda _: vector
    )


@needs_embeddings
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # who acts decides: a domestic act is politics, a foreign government's reaction diplomacy
        (
            "Russia's president dismissed a deputy defence minister and named an economist "
            "in his place.",
            "politics",
        ),
        (
            "The French foreign ministry condemned the referendums and summoned Russia's "
            "ambassador.",
            "diplomacy",
        ),
        # paying for weapons is military aid, not fighting
        (
            "The Netherlands will pay for 300 million euros of artillery ammunition for "
            "Ukraine's army.",
            "military-aid",
        ),
        # a strike is fighting even when it hits energy; prices are energy
        ("Russian shelling killed two people in Kherson.", "fighting"),
        (
            "Household electricity tariffs will rise by a fifth from March, the energy "
            "regulator said.",
            "energy",
        ),
        (
            "A Russian drone crossed into Polish airspace and fell near a village, the Polish "
            "army said.",
            "security",
        ),
        (
            "Volunteers evacuated forty elderly residents from frontline villages by bus.",
            "humanitarian",
        ),
        (
            "The central bank raised its key interest rate to curb inflation driven by "
            "military spending.",
            "economy",
        ),
    ],
)
def test_joint_model_follows_the_style_guide(model, keywords, text, topic):
    def embed_one(t: str) -> np.ndarray:
        return embeddings.embed([t])[0]

    scores = model.scores("", text, keywords.hits("", text), embed_one)
    assert max(scores, key=scores.get) == topic
