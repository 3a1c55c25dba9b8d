"""Claims come from a per-passage task (with the entity spans of the same pass): parsed
once per text, then read from the cache; the values are plain JSON data (they cross
process and network boundaries)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from chronicle import nlp, passagetasks
from chronicle.claims import ClaimSet, run_claims
from chronicle.config import Config

TEXTS = [
    "The Kremlin denied that its forces had shelled the station.",
    "Ukraine's navy said it sank a landing ship overnight.",
]


def test_claims_parsed_once_then_cached(tmp_path: Path) -> None:
    config = Config(cache_dir=tmp_path / "cache")
    first = run_claims(TEXTS, config)
    assert [c.stance for cs in first for c in cs.claims] == ["denies", "asserts"]
    task = passagetasks.get("nlp")

    def refuse(texts: list[str]) -> list:
        raise AssertionError(f"parsed again: {texts}")

    passagetasks.register(dataclasses.replace(task, run=refuse))
    try:
        again = run_claims([*TEXTS, TEXTS[0]], config)
    finally:
        passagetasks.register(task)
    assert again == [*first, first[0]]


def test_claim_values_are_plain_json() -> None:
    values = nlp.claims_plain(TEXTS)
    assert json.loads(json.dumps(values)) == values
    assert ClaimSet.from_json(values[0]).claims[0].speaker == "Kremlin"


def test_one_pass_gives_entities_and_claims_without_tagger_or_lemmatiser() -> None:
    assert nlp.load_nlp().pipe_names == ["tok2vec", "parser", "chronicle_claims", "ner"]
    spans, claims = nlp.analyse_plain(TEXTS)[1]
    assert [s[2] for s in spans] == ["GPE"] and ClaimSet.from_json(claims).claims
