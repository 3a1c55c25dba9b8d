"""Reader fixtures of formats the seeds lack, checked against hand-written expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle.config import Config
from chronicle.readers import read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text("utf-8"))["files"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reader_fixture_matches_expectations(name: str) -> None:
    want = EXPECTED[name]
    r = read_file(FIXTURES / name, name, Config())
    assert [d for d in r.diagnostics if d.severity != "info"] == []
    docs = r.documents
    assert len(docs) == len(want["documents"])
    for d, w in zip(docs, want["documents"], strict=True):
        assert (d.kind, d.start_line, d.title, d.publisher) == (
            w["kind"],
            w["start_line"],
            w["title"],
            w["publisher"],
        )
        if "war_day" in w:
            assert d.header.war_day == w["war_day"]
        if "printed_line" in w:
            assert d.header.printed_line == w["printed_line"]
        if "published_line" in w:
            assert d.header.published_line == w["published_line"]
    got = []
    for p in (p for d in docs for p in d.passages):
        label = p.heading if p.kind in ("bullet", "paragraph", "takeaway") else p.title
        got.append([p.line, p.kind, label, p.time])
    assert got == want["passages"]
    roles = {ln.number: ln.role for d in docs for ln in d.lines}
    assert [n for n in want["boilerplate"] if roles[n] != "boilerplate"] == []
