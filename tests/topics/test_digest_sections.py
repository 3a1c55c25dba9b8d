"""Digest bullets without headings: smoothed together only where their scores show sections."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from chronicle.config import Config
from chronicle.model import DatedPassage, DateValue, Passage
from chronicle.topics import (
    MIN_SECTION_GAIN,
    SECTION_PENALTIES,
    assign_topics,
    load_taxonomy,
    section_penalty,
    smooth_sections,
)

ORDER = ["fighting", "diplomacy", "energy", "humanitarian"]


def row(top: str, p: float) -> dict[str, float]:
    """Log-probabilities: ``top`` gets ``p``, the others share the rest."""
    rest = (1.0 - p) / (len(ORDER) - 1)
    return {t: math.log(p if t == top else rest) for t in ORDER}


def test_a_sectioned_digest_is_smoothed_and_its_weak_bullet_joins_its_section():
    rows = (
        [row("fighting", 0.9)] * 3
        + [row("diplomacy", 0.4) | {"fighting": math.log(0.35)}]  # unsure, amid fighting
        + [row("fighting", 0.9)] * 2
        + [row("diplomacy", 0.9)] * 5
        + [row("energy", 0.9)] * 4
    )
    penalty = section_penalty(rows, ORDER)
    assert penalty == max(SECTION_PENALTIES)
    got = smooth_sections(rows, ORDER, penalty)
    assert got == ["fighting"] * 6 + ["diplomacy"] * 5 + ["energy"] * 4


def test_a_flat_digest_keeps_each_bullet_s_own_topic():
    tops = ["fighting", "diplomacy", "energy", "humanitarian", "diplomacy", "fighting"]
    rows = [row(t, 0.8) for t in tops] + [row("energy", 0.4) | {"fighting": math.log(0.3)}]
    assert section_penalty(rows, ORDER) == 0.0
    assert smooth_sections(rows, ORDER, 0.0) == [*tops, "energy"]


def test_runs_too_short_to_gain_enough_are_not_sections():
    # two pairs of like bullets: a chain explains them a little better, not enough
    rows = [row(t, 0.7) for t in ["fighting", "fighting", "energy", "diplomacy", "diplomacy"]]
    rows += [row(t, 0.7) for t in ["humanitarian", "energy", "fighting", "humanitarian"]]
    assert section_penalty(rows, ORDER) == 0.0


def test_one_bullet_or_one_topic_has_no_penalty():
    assert section_penalty([row("fighting", 0.9)], ORDER) == 0.0
    assert section_penalty([], ORDER) == 0.0
    assert section_penalty([{"other": 0.0}, {"other": 0.0}], ["other"]) == 0.0


def test_the_gain_threshold_is_per_bullet():
    assert 0.0 < MIN_SECTION_GAIN < 1.0
    assert SECTION_PENALTIES[0] == 0.0


def dp(pid: str, text: str, line: int, doc: str = "digest") -> DatedPassage:
    day = DateValue(dt.date(2022, 4, 1), "day", "test")
    p = Passage(
        id=pid, path="d.txt", document_id=doc, line=line, end_line=line, kind="bullet", text=text
    )
    return DatedPassage(passage=p, reported=day, date=day)


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(Config())


def test_a_flat_digest_of_unlike_bullets_is_not_pulled_into_one_topic(taxonomy):
    texts = [
        "Russian missiles struck apartment blocks in Kharkiv overnight, killing four people.",
        "Thousands more refugees crossed into Poland and Moldova, the UN refugee agency said.",
        "Gazprom said it would cut gas flows through the Nord Stream pipeline to a fifth.",
        "The foreign ministers of France and Germany met in Paris to discuss a ceasefire plan.",
        "Artillery shelling hit the outskirts of Mykolaiv, the regional governor said.",
    ]
    got = assign_topics([dp(f"b{i}", t, i + 1) for i, t in enumerate(texts)], taxonomy)
    topics = [got[f"b{i}"][0] for i in range(len(texts))]
    assert topics == ["fighting", "humanitarian", "energy", "diplomacy", "fighting"]
