"""Duplicate-pair F1 reaches its threshold on the annotated duplicate groups."""

from __future__ import annotations

import eval_merge  # noqa: E402
import pytest


def test_duplicate_pairs_f1_on_fixtures():
    res = eval_merge.scores()
    assert res["seeds"]["gold"] >= 20
    assert res["seeds"]["f1"] >= 0.80, res["seeds"]
    assert res["news"]["f1"] >= 0.80, res["news"]
    assert res["all"]["precision"] >= 0.90


def test_duplicate_pairs_f1_with_the_readers():
    pytest.importorskip("chronicle.readers")
    pytest.importorskip("chronicle.dating")
    res = eval_merge.scores(use_readers=True)
    assert res["seeds"]["f1"] >= 0.80, res["seeds"]


def test_mirror_image_pairs_are_not_merged():
    res = eval_merge.scores()
    wrong = {frozenset(p) for p in res["seeds"]["wrong"] + res["news"]["wrong"]}
    assert (
        frozenset(("seeds/000_b390734deb83455a.txt:379", "seeds/001_0e709a6a12a37e99.txt:459"))
        not in wrong
    )
    assert frozenset(("news/n37.txt:1", "news/n38.txt:1")) not in wrong


@pytest.mark.slow
def test_duplicate_pairs_f1_with_the_real_extraction():
    """As in a build: readers, dating and the analysis stage's actors and places."""
    pytest.importorskip("chronicle.entities")
    res = eval_merge.scores(with_entities=True, use_readers=True)
    assert res["seeds"]["f1"] >= 0.80, res["seeds"]
    assert res["news"]["f1"] >= 0.80, res["news"]
    assert res["all"]["precision"] >= 0.90
