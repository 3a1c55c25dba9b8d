"""Entity scores reach their thresholds on the hand-annotated fixtures.

tests/fixtures/entities_seeds.json annotates every seed passage; entities_unseen.json
holds news passages written for the test (other dates, actors and outlets). Scores
are set-based per passage, summed over passages (see bench/eval_entities.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.benchmod import load_bench

from chronicle.config import Config
from chronicle.entities import EntityExtractor

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _bench():
    return load_bench("eval_entities")


@pytest.fixture(scope="module")
def bench():
    return _bench()


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> EntityExtractor:
    return EntityExtractor(Config(cache_dir=tmp_path_factory.mktemp("cache")))


def test_seed_fixture_covers_every_seed_passage() -> None:
    data = json.loads((FIXTURES / "entities_seeds.json").read_text("utf-8"))["passages"]
    kinds = [row["kind"] for row in data.values()]
    assert (kinds.count("bullet"), kinds.count("entry"), kinds.count("article")) == (77, 38, 5)
    for key, row in data.items():
        path, _, line = key.rpartition(":")
        lines = (ROOT / path).read_text("utf-8").splitlines()
        head = row["title"] or row["text"]
        assert head[:30] in lines[int(line) - 1], key


def test_entity_scores_on_seeds(bench, extractor) -> None:
    scores = bench.score(FIXTURES / "entities_seeds.json", extractor)
    assert scores["people"][2] >= 0.95, scores
    assert scores["places"][2] >= 0.85, scores
    assert scores["orgs"][2] >= 0.80, scores


def test_entity_scores_on_unseen_news(bench, extractor) -> None:
    scores = bench.score(FIXTURES / "entities_unseen.json", extractor)
    assert scores["people"][2] >= 0.90, scores
    assert scores["places"][2] >= 0.85, scores
    assert scores["orgs"][2] >= 0.80, scores


def test_entity_scores_through_the_real_readers(bench, extractor) -> None:
    """The same annotation, on passages as the readers and dating stages make them."""
    from chronicle import dating, readers
    from chronicle.entities import entity_text
    from chronicle.entities.actors import fold
    from chronicle.nlp import ner

    config = Config()
    docs, passages = [], []
    for path in readers.iter_source_files(ROOT / "seeds"):
        result = readers.read_file(path, f"seeds/{path.name}", config)
        docs.extend(result.documents)
        passages.extend(dating.date_documents(result.documents, config).passages)
    gold = json.loads((FIXTURES / "entities_seeds.json").read_text("utf-8"))["passages"]
    keyed = {f"{p.passage.path}:{p.passage.line}": p for p in passages}
    assert len(set(keyed) & set(gold)) >= 0.95 * len(gold)
    spans = ner([entity_text(p.passage) for p in passages])
    result = extractor.extract(
        passages, docs, {p.passage.id: s for p, s in zip(passages, spans, strict=True)}
    )
    tp = fp = fn = 0
    for key, row in gold.items():
        if key not in keyed:
            continue
        want = {fold(n) for n in row["people"]}
        got = bench.predicted(result, keyed[key].passage.id)["people"]
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, (tp, fp, fn)
