"""Exact copies (a paste repeated hundreds of times) merge without quadratic work."""

from __future__ import annotations

from helpers.merge_cases import KYIV_A, KYIV_B, TALKS, an, dp, groups

from chronicle.merge import DuplicateFinder, build_events


def test_copies_in_many_documents_are_one_event() -> None:
    passages = [
        dp(f"k{i}", KYIV_A, kind="bullet", doc=f"d{i}", line=i + 1, path=f"f{i}.txt")
        for i in range(300)
    ] + [dp("t", TALKS, kind="bullet", doc="d0", line=999, path="f0.txt")]
    analyses = {p.passage.id: an(p.passage.id, killed=2, injured=16) for p in passages}
    finder = DuplicateFinder(passages, analyses)
    assert len(finder.reps) == 2  # one class per distinct text
    assert len(finder.members) == 2  # the 300 copies are one node
    events, diags = build_events(passages, analyses)
    assert groups(events) == [{f"k{i}" for i in range(300)}, {"t"}]
    assert len([d for d in diags if d.code == "C303"]) == 299
    assert len(finder._scores) <= 3  # scored once per pair of classes, not per passage


def test_copies_inside_one_digest_stay_apart() -> None:
    """A digest lists distinct developments: its own repeats never merge with each other,
    but each may still merge with one copy elsewhere."""
    passages = [
        dp("a1", KYIV_A, kind="bullet", doc="digest", line=1),
        dp("a2", KYIV_A, kind="bullet", doc="digest", line=5),
        dp("b1", KYIV_A, kind="bullet", doc="other", line=1, path="o.txt"),
    ]
    analyses = {p.passage.id: an(p.passage.id) for p in passages}
    events, _ = build_events(passages, analyses)
    assert groups(events) == [{"a1", "b1"}, {"a2"}]


def test_copies_and_paraphrase_join_one_event() -> None:
    passages = [dp(f"a{i}", KYIV_A, doc=f"d{i}", path=f"{i}.txt") for i in range(20)]
    passages.append(dp("b", KYIV_B, doc="x", path="x.txt"))
    analyses = {
        p.passage.id: an(p.passage.id, killed=2, injured=16, places=("kyiv",)) for p in passages
    }
    events, _ = build_events(passages, analyses)
    assert groups(events) == [{f"a{i}" for i in range(20)} | {"b"}]
