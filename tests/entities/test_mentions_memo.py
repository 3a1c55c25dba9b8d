"""First-pass mentions are judged once per distinct passage and kept across builds."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from helpers.entity_cases import run

from chronicle.config import Config
from chronicle.entities import EntityExtractor

TEXT = "Ukrainian President Volodymyr Zelensky met Emmanuel Macron in Kyiv on Monday."
NAMES = (("Volodymyr Zelensky", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Kyiv", "GPE"))
OTHER = "Russian drones struck Odesa overnight, the governor of the Odesa region said."


def entries(path: Path) -> dict:
    """The entries a memo file holds (after the key list it may start with)."""
    with path.open("rb") as fh:
        pickle.load(fh)
        return pickle.load(fh)


def test_repeated_passages_are_judged_once(tmp_path: Path) -> None:
    ex = EntityExtractor(Config(cache_dir=tmp_path))
    res, ids = run(ex, *([(TEXT, NAMES)] * 50))
    assert len(ex._first_memo) == 1
    assert len({res.per_passage[i] for i in ids}) == 1
    assert res.per_passage[ids[0]].actors  # the copies still get their entities


def test_mentions_persist_and_give_the_same_result(tmp_path: Path) -> None:
    first = EntityExtractor(Config(cache_dir=tmp_path))
    res1, ids = run(first, (TEXT, NAMES), (OTHER, (("Odesa", "GPE"),)))
    assert list(tmp_path.glob("entity-mentions-*.pickle"))

    second = EntityExtractor(Config(cache_dir=tmp_path))
    second._judged = lambda *a: pytest.fail("judged a stored passage again")  # type: ignore[method-assign]
    res2, _ = run(second, (TEXT, NAMES), (OTHER, (("Odesa", "GPE"),)))
    assert second._memo.loaded == 2
    assert res2.per_passage == res1.per_passage
    assert res2.actors == res1.actors and res2.places == res1.places

    third = EntityExtractor(Config(cache_dir=tmp_path))
    run(third, (TEXT, NAMES), (OTHER + " Two were hurt.", (("Odesa", "GPE"),)))
    (memo,) = tmp_path.glob("entity-mentions-*.pickle")
    assert len(entries(memo)) == 2  # judged afresh; the old one dropped
    assert sorted(k[0] for k in third._first_memo) == sorted([TEXT, OTHER + " Two were hurt."])


def test_damaged_mentions_memo_is_recomputed(tmp_path: Path) -> None:
    import warnings

    from chronicle.store import CacheWarning

    first = EntityExtractor(Config(cache_dir=tmp_path))
    res1, _ = run(first, (TEXT, NAMES), (OTHER, (("Odesa", "GPE"),)))
    (memo,) = tmp_path.glob("entity-mentions-*.pickle")
    memo.write_bytes(memo.read_bytes()[:30])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        second = EntityExtractor(Config(cache_dir=tmp_path))
        res2, _ = run(second, (TEXT, NAMES), (OTHER, (("Odesa", "GPE"),)))
    assert any(issubclass(w.category, CacheWarning) for w in seen)  # said, then recomputed
    assert res2.per_passage == res1.per_passage
    assert res2.actors == res1.actors and res2.places == res1.places
    assert len(entries(memo)) == 2  # replaced by a readable memo
