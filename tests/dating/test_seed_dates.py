"""The real seeds dated and checked against the hand annotation (fixtures/seeds_dates.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.benchmod import load_bench

ROOT = Path(__file__).resolve().parents[2]
eval_dates = load_bench("eval_dates")

FIXTURE = eval_dates.load_fixture()


def _sources() -> list[str]:
    sources = ["annotation"]
    if eval_dates.reader_documents(FIXTURE) is not None:
        sources.append("readers")
    return sources


def test_fixture_covers_all_120_seed_passages() -> None:
    kinds = [a["kind"] for a in FIXTURE["passages"].values()]
    assert len(kinds) == 120
    assert (kinds.count("bullet"), kinds.count("entry"), kinds.count("article")) == (77, 38, 5)
    for key, a in FIXTURE["passages"].items():
        path, line = key.rsplit(":", 1)
        text = (ROOT / path).read_text("utf-8").split("\n")[int(line) - 1]
        assert text.strip(), key
        assert a["reported"] and a["date"], key


@pytest.mark.parametrize("source", _sources())
def test_seed_dates_against_annotation(source: str) -> None:
    if source == "readers":
        docs = eval_dates.reader_documents(FIXTURE)
    else:
        docs = eval_dates.fixture_documents(FIXTURE)
    results = eval_dates.run(docs)
    s = eval_dates.score(FIXTURE, results)
    misses = [row for row in s["rows"] if not (row[1] and row[3])]
    assert s["reported"] == 1.0, misses
    assert s["time"] == 1.0, misses
    assert s["date"] >= 0.90, [row for row in s["rows"] if not row[2]]
    # every date on or before its reported day
    for res in results.values():
        for dp in res.passages:
            assert dp.date.value <= dp.reported.value


def test_seed_digest_conflict_warning() -> None:
    docs = eval_dates.fixture_documents(FIXTURE)
    path = "seeds/000_b390734deb83455a.txt"
    res = eval_dates.run({path: docs[path]})[path]
    conflicts = [d for d in res.diagnostics if d.code == "C201"]
    assert [(d.path, d.line) for d in conflicts] == [(path, 117)]
    day_1440 = next(d for d in docs[path] if d.header.war_day == 1440)
    assert res.document_dates[day_1440.id].value.isoformat() == "2026-02-03"


def test_fixture_is_valid_json_with_notes_for_judgement_calls() -> None:
    raw = json.loads((ROOT / "tests" / "fixtures" / "seeds_dates.json").read_text("utf-8"))
    noted = [k for k, a in raw["passages"].items() if a.get("note")]
    assert len(noted) >= 20
