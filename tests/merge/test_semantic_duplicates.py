"""The semantic signal of the merge: paraphrases merge, vetoes hold, vectors are cached."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from helpers.tasks import counting_task

from chronicle import embeddings, passagetasks
from chronicle.config import Config
from chronicle.merge import build_events
from chronicle.merge import semantic as merge_semantic
from chronicle.model import Analysis, DatedPassage, DateValue, Passage

pytestmark = pytest.mark.skipif(not embeddings.available(), reason="embedding model missing")


def dp(pid: str, title: str, text: str, day: int = 3, doc: str | None = None) -> DatedPassage:
    date = DateValue(dt.date(2026, 2, day), "day", "test")
    p = Passage(
        id=pid, path=f"{pid}.txt", document_id=doc or pid, line=1, end_line=1,
        kind="article", text=text, title=title,
    )  # fmt: skip
    return DatedPassage(passage=p, reported=date, date=date)


def an(pid: str, actors=(), places=(), killed=None) -> Analysis:
    return Analysis(pid, actors=tuple(actors), places=tuple(places), killed=killed)


PAUSE_A = (
    "Russia agrees to pause strikes on Kyiv during cold snap, Kremlin says",
    "The Kremlin said Russia had agreed to pause its attacks on Kyiv for a week during the "
    "severe cold, after a request from the US president.",
)
PAUSE_B = (
    "Trump says Putin agreed to stop bombing Kyiv for a week amid freezing weather",
    "Donald Trump said Vladimir Putin had agreed to halt the bombing of Kyiv for one week "
    "because of the extreme cold.",
)
KHERSON = "A Russian drone hit a bus stop in Kherson, killing three people, the governor said."
SUMY = "Three people died when a Russian drone struck a bus stop in Sumy, officials said."
DNIPRO_8 = "A Russian missile hit a residential block in Dnipro, killing eight people."
DNIPRO_2 = "A Russian missile struck an apartment building in Dnipro, killing two residents."


def test_embed_is_pure_and_unit_length():
    texts = ["Drones hit Odesa port overnight.", "Talks resumed in Geneva."]
    both = embeddings.embed(texts)
    alone = embeddings.embed(texts[1:])
    assert both.shape == (2, embeddings.DIM) and both.dtype == np.float32
    assert np.allclose(np.linalg.norm(both, axis=1), 1.0, atol=1e-5)
    assert both[1].tobytes() == alone[0].tobytes()


def _events(passages, analyses):
    events, _ = build_events(passages, analyses)
    return sorted(sorted(s.passage.id for s in e.sources) for e in events)


def test_a_paraphrase_sharing_an_actor_merges_only_with_meaning():
    passages = [dp("a", *PAUSE_A), dp("b", *PAUSE_B, day=4)]
    analyses = {
        "a": an("a", ["vladimir-putin"], ["kyiv"]),
        "b": an("b", ["vladimir-putin", "donald-trump"], ["kyiv"]),
    }
    assert _events(passages, analyses) == [["a", "b"]]
    events, _ = build_events(passages, analyses, semantic=False)
    assert len(events) == 2  # the words alone do not merge them


def test_a_different_place_vetoes_the_merge():
    passages = [
        dp("a", "Drone strike kills three in Kherson", KHERSON),
        dp("b", "Drone attack kills three in Sumy", SUMY),
    ]
    analyses = {
        "a": an("a", ["oleksandr-prokudin"], ["kherson"], killed=3),
        "b": an("b", ["oleksandr-prokudin"], ["sumy"], killed=3),
    }
    assert _events(passages, analyses) == [["a"], ["b"]]


def test_conflicting_tolls_veto_the_merge():
    passages = [
        dp("a", "Missile strike on Dnipro kills 8", DNIPRO_8),
        dp("b", "Missile strike on Dnipro kills 2", DNIPRO_2),
    ]
    analyses = {
        "a": an("a", ["russia-armed-forces"], ["dnipro"], killed=8),
        "b": an("b", ["russia-armed-forces"], ["dnipro"], killed=2),
    }
    assert _events(passages, analyses) == [["a"], ["b"]]


@pytest.fixture
def counted_embeddings():
    """The registered ``embeddings`` task, counting the texts it computes."""
    with counting_task("embeddings", record=len) as calls:
        yield calls


def test_vectors_are_stored_by_text_and_a_new_passage_alone_is_embedded(
    tmp_path, counted_embeddings
):
    config = Config(cache_dir=tmp_path)
    first = merge_semantic.VectorMemo(merge_semantic.task_fetcher(config))
    first.vectors(["one text", "two text"])
    again = merge_semantic.VectorMemo(merge_semantic.task_fetcher(config))
    got = again.vectors(["one text", "two text", "three text"])
    assert counted_embeddings == [2, 1] and again.fetched == 3
    assert got["one text"].tobytes() == embeddings.embed(["one text"])[0].tobytes()


def test_a_vector_survives_its_plain_form_exactly():
    vec = embeddings.embed(["Shelling hit Kharkiv overnight."])[0]
    (plain,) = embeddings.embed_plain(["Shelling hit Kharkiv overnight."])
    assert isinstance(plain, str)
    assert embeddings.decode(plain).tobytes() == vec.tobytes()


def test_the_merge_of_a_build_reuses_stored_vectors(tmp_path, counted_embeddings):
    passages = [dp("a", *PAUSE_A), dp("b", *PAUSE_B, day=4)]
    analyses = {
        "a": an("a", ["vladimir-putin"], ["kyiv"]),
        "b": an("b", ["vladimir-putin", "donald-trump"], ["kyiv"]),
    }
    first, _ = build_events(passages, analyses, tmp_path)
    second, _ = build_events(passages, analyses, tmp_path)
    assert counted_embeddings == [2]  # the rebuild read both vectors from the store
    assert repr(first) == repr(second) and len(first) == 1


def test_vectors_computed_in_forks_equal_vectors_computed_here():
    texts = [PAUSE_A[1], PAUSE_B[1], KHERSON, SUMY, DNIPRO_8, DNIPRO_2]
    task = passagetasks.get("embeddings")
    assert passagetasks.run_local(task, texts, 2) == embeddings.embed_plain(texts)
