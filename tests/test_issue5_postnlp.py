"""Issue 5: post-NLP stages reuse pure results across builds and skip hopeless pairs,
with results identical to computing everything afresh.

Covers the memo file (``cache.MemoFile``: only used entries kept, other versions
removed, damaged files recomputed), the casualty, topic-feature and merge memos
(persisted == fresh, damaged == fresh) and the merge prefilter (the pairs it keeps
include every pair a full day walk would have made a candidate, on synthetic passages
and on the real seeds).
"""

from __future__ import annotations

import dataclasses
import pickle
import sys
import warnings
from pathlib import Path

import pytest
from test_merge import KYIV_A, KYIV_B, TALKS, an, dp

from chronicle import merge, topics
from chronicle.analysis import CasualtyMemo
from chronicle.cache import CacheWarning, MemoFile, digest
from chronicle.casualties import extract_casualties
from chronicle.config import Config
from chronicle.merge import MergeMemo, build_events
from chronicle.topics import assign_topics, load_taxonomy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import eval_topics  # noqa: E402

TEXTS = [
    KYIV_A,
    KYIV_B,
    TALKS,
    "Three people were killed and nine injured in a Russian strike on Kharkiv, the governor said.",
    "The death toll from the strike on Dnipro rose to 12, officials said.",
    "More than 325,000 soldiers have been killed since the war began, the report estimates.",
    "",
]


def _damage(folder: Path, prefix: str) -> list[Path]:
    files = sorted(folder.glob(f"{prefix}-*.pickle"))
    for f in files:
        f.write_bytes(f.read_bytes()[:40] + b"\x00garbage")
    return files


# --------------------------------------------------------------------------- MemoFile


def test_issue5_memo_file_keeps_only_used_entries(tmp_path: Path) -> None:
    memo = MemoFile(tmp_path, "demo-memo", "v1")
    memo.put(b"a", 1)
    memo.put(b"b", 2)
    memo.save()
    again = MemoFile(tmp_path, "demo-memo", "v1")
    assert again.get(b"a") == 1  # persisted
    again.save()  # b was not used by this "build": dropped
    third = MemoFile(tmp_path, "demo-memo", "v1")
    assert third.get(b"a") == 1 and third.get(b"b") is None


def test_issue5_memo_file_other_versions_are_removed(tmp_path: Path) -> None:
    old = MemoFile(tmp_path, "demo-memo", "v1")
    old.put(b"a", 1)
    old.save()
    new = MemoFile(tmp_path, "demo-memo", "v2")
    assert new.get(b"a") is None  # another code version is a clean miss
    new.put(b"a", 2)
    new.save()
    assert [p.name for p in tmp_path.glob("demo-memo-*.pickle")] == ["demo-memo-v2.pickle"]


def test_issue5_memo_file_small_additions_go_to_a_delta(tmp_path: Path) -> None:
    memo = MemoFile(tmp_path, "demo-memo", "v1")
    for i in range(100):
        memo.put(i, f"value {i}")
    memo.save()
    base = tmp_path / "demo-memo-v1.pickle"
    delta = tmp_path / "demo-memo-v1.pickle.delta"
    before = base.read_bytes()
    # one document added (3 entries), two removed (stale): the base file stays as it is
    memo = MemoFile(tmp_path, "demo-memo", "v1")
    assert all(memo.get(i) == f"value {i}" for i in range(2, 100))
    for i in (100, 101, 102):
        memo.put(i, f"value {i}")
    memo.save()
    assert base.read_bytes() == before and delta.is_file()
    memo = MemoFile(tmp_path, "demo-memo", "v1")
    assert [memo.get(i) for i in (0, 50, 102)] == ["value 0", "value 50", "value 102"]
    # many additions: rewritten whole with only the entries in use, delta gone (1 is stale)
    assert all(memo.get(i) is not None for i in range(2, 103))
    for i in range(200, 230):
        memo.put(i, i)
    memo.save()
    assert not delta.exists()
    stored = pickle.loads(base.read_bytes())
    assert set(stored) == {0} | set(range(2, 103)) | set(range(200, 230))
    # a build using far fewer entries rewrites the memo smaller (never grows stale)
    memo = MemoFile(tmp_path, "demo-memo", "v1")
    memo.get(5)
    memo.save()
    assert pickle.loads(base.read_bytes()) == {5: "value 5"} and not delta.exists()


def test_issue5_memo_file_damaged_delta_is_ignored(tmp_path: Path) -> None:
    memo = MemoFile(tmp_path, "demo-memo", "v1")
    for i in range(100):
        memo.put(i, i)
    memo.save()
    memo = MemoFile(tmp_path, "demo-memo", "v1")
    for i in range(101):
        memo.get(i)
    memo.put(100, 100)
    memo.save()
    (tmp_path / "demo-memo-v1.pickle.delta").write_bytes(b"\x80\x05junk")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        memo = MemoFile(tmp_path, "demo-memo", "v1")
    assert memo.get(99) == 99 and memo.get(100) is None
    assert any(issubclass(w.category, CacheWarning) for w in seen)


@pytest.mark.parametrize("content", [b"", b"\x80\x05garbage", pickle.dumps([1, 2, 3])])
def test_issue5_memo_file_damaged_is_empty(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "demo-memo-v1.pickle").write_bytes(content)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        memo = MemoFile(tmp_path, "demo-memo", "v1")
    assert memo.get(b"a") is None
    assert any(issubclass(w.category, CacheWarning) for w in seen)
    memo.put(b"a", 1)
    memo.save()  # replaced by a readable file
    assert MemoFile(tmp_path, "demo-memo", "v1").get(b"a") == 1


def test_issue5_digest_separates_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest("x") and len(digest("x")) == 16


# --------------------------------------------------------------------------- casualties


def test_issue5_casualty_memo_persisted_equals_fresh(tmp_path: Path) -> None:
    config = Config(cache_dir=tmp_path)
    first = CasualtyMemo(config)
    fresh = [extract_casualties(t) for t in TEXTS]
    assert [first(t) for t in TEXTS] == fresh
    first.save()
    assert list(tmp_path.glob("casualties-memo-*.pickle"))
    second = CasualtyMemo(config)
    second._extract = lambda text: pytest.fail("recomputed a stored text")  # type: ignore[method-assign]
    assert [second(t) for t in TEXTS] == fresh


def test_issue5_casualty_memo_damaged_file_recomputes(tmp_path: Path) -> None:
    config = Config(cache_dir=tmp_path)
    memo = CasualtyMemo(config)
    for t in TEXTS:
        memo(t)
    memo.save()
    assert _damage(tmp_path, "casualties-memo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CacheWarning)
        again = CasualtyMemo(config)
    assert [again(t) for t in TEXTS] == [extract_casualties(t) for t in TEXTS]


# --------------------------------------------------------------------------- topics


def _topics_passages() -> list:
    return eval_topics.reader_passages()


def test_issue5_topic_features_persisted_equal_fresh(tmp_path: Path) -> None:
    passages = _topics_passages()
    taxonomy = load_taxonomy(Config())
    fresh = assign_topics(passages, taxonomy)
    assert assign_topics(passages, taxonomy, tmp_path) == fresh  # computes and stores
    assert list(tmp_path.glob("topics-memo-*.pickle"))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(topics.TopicScorer, "_compute", lambda *a: pytest.fail("scores recomputed"))
        assert assign_topics(passages, taxonomy, tmp_path) == fresh  # from the memo
    half = passages[: len(passages) // 2]  # another corpus: another classifier, same memo
    assert assign_topics(half, taxonomy, tmp_path) == assign_topics(half, taxonomy)
    _damage(tmp_path, "topics-memo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CacheWarning)
        assert assign_topics(passages, taxonomy, tmp_path) == fresh


# --------------------------------------------------------------------------- merge


def _synthetic() -> tuple[list, dict]:
    """Reposts, paraphrases, copies inside one digest, headline-only entries, quotes."""
    quote = "“We will not give up a single metre of our land to the aggressor,” he said."
    passages = []
    for day in (26, 27, 28, 29):
        passages += [
            dp(f"a{day}", KYIV_A, title="Russia pounds Kyiv with drones overnight", day=day),
            dp(f"b{day}", KYIV_B, title="Russia pounds Kyiv with drones and missiles", day=day,
               doc=f"o{day}", path=f"o{day}.txt"),
            dp(f"c{day}", TALKS, kind="bullet", doc="digest", line=day, path="d.txt", day=day),
            dp(f"d{day}", TALKS, kind="bullet", doc="digest", line=day + 40, path="d.txt",
               day=day),
            dp(f"e{day}", "", title="Watch: firefighters at the scene in Kyiv", day=day,
               line=day + 80),
            dp(f"q{day}", f"Zelensky spoke in Kyiv. {quote}", doc=f"z{day}", path="z.txt",
               day=day, title="Zelensky rules out concessions"),
        ]  # fmt: skip
    analyses = {
        p.passage.id: an(
            p.passage.id,
            killed=2 if p.passage.text in (KYIV_A, KYIV_B) else None,
            injured=16 if p.passage.text in (KYIV_A, KYIV_B) else None,
            actors=("vitali-klitschko",) if p.passage.text == KYIV_A else (),
            places=("kyiv",) if "Kyiv" in p.passage.text else (),
        )
        for p in passages
    }
    return passages, analyses


def _seeds() -> tuple[list, dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import eval_merge

    passages = eval_topics.reader_passages()
    return passages, eval_merge.plain_analyses(passages)


def _full_walk(passages: list, analyses: dict) -> dict[tuple[int, int], merge.PairScore]:
    """Every class pair the day walk visits that may link and reaches the lowest threshold."""
    usable = [p for p in passages if p.passage.text.strip() or (p.passage.title or "").strip()]
    usable.sort(key=lambda p: (p.passage.path, p.passage.line, p.passage.id))
    f = merge.DuplicateFinder(usable, analyses)
    lowest = min(merge.THRESHOLD, merge.MEDIA_THRESHOLD)
    out = {}
    for ca, cb in f.class_pairs():
        if ca == cb and len(f.class_nodes[ca]) < 2:
            continue  # a class with itself only matters when its copies are several nodes
        if not f._cannot_link(ca, cb):
            s = f.score(ca, cb)
            if s.score >= lowest:
                out[(ca, cb)] = s
    return out


@pytest.mark.parametrize("corpus", [_synthetic, _seeds])
def test_issue5_prefilter_keeps_every_candidate(corpus) -> None:
    passages, analyses = corpus()
    usable = [p for p in passages if p.passage.text.strip() or (p.passage.title or "").strip()]
    usable.sort(key=lambda p: (p.passage.path, p.passage.line, p.passage.id))
    f = merge.DuplicateFinder(usable, analyses)
    lowest = min(merge.THRESHOLD, merge.MEDIA_THRESHOLD)
    kept = merge._Prefilter(f).pairs(lowest)
    assert len(set(kept)) == len(kept)
    walk = set(f.class_pairs())
    assert set(kept) <= walk  # nothing outside the day walk, each pair in walk order
    wanted = _full_walk(passages, analyses)
    assert wanted, "the corpus must have candidates for the test to mean anything"
    assert set(wanted) <= set(kept)
    if corpus is _seeds:
        assert len(kept) < len(walk) / 2  # and it does drop most pairs


@pytest.mark.parametrize("corpus", [_synthetic, _seeds])
def test_issue5_prefilter_drops_nothing_in_a_loose_bound(corpus, monkeypatch) -> None:
    """With the bound disabled (every pair kept) the events are the same."""
    passages, analyses = corpus()
    fast = build_events(passages, analyses)

    def keep_all(self, lowest):  # noqa: ANN001, ANN202
        return [(a, b) for a, b in self.f.class_pairs()]

    monkeypatch.setattr(merge._Prefilter, "pairs", keep_all)
    slow = build_events(passages, analyses)
    assert repr(fast) == repr(slow)


@pytest.mark.parametrize("corpus", [_synthetic, _seeds])
def test_issue5_merge_memo_persisted_equals_fresh(tmp_path: Path, corpus, monkeypatch) -> None:
    passages, analyses = corpus()
    fresh = build_events(passages, analyses)
    first = build_events(passages, analyses, cache_dir=tmp_path)
    assert list(tmp_path.glob("merge-memo-*.pickle"))
    with monkeypatch.context() as m:
        m.setattr(merge, "class_features", lambda *a: pytest.fail("features recomputed"))
        second = build_events(passages, analyses, cache_dir=tmp_path)
    assert repr(first) == repr(fresh) and repr(second) == repr(fresh)
    # one passage changed: the rest from the memo, the result as computed afresh
    changed = list(passages)
    p0 = changed[0]
    changed[0] = dataclasses.replace(
        p0, passage=dataclasses.replace(p0.passage, text=p0.passage.text + " Updated.")
    )
    assert repr(build_events(changed, analyses, cache_dir=tmp_path)) == repr(
        build_events(changed, analyses)
    )


def test_issue5_merge_memo_damaged_file_recomputes(tmp_path: Path) -> None:
    passages, analyses = _synthetic()
    fresh = build_events(passages, analyses)
    build_events(passages, analyses, cache_dir=tmp_path)
    assert _damage(tmp_path, "merge-memo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CacheWarning)
        assert repr(build_events(passages, analyses, cache_dir=tmp_path)) == repr(fresh)
    # a readable memo holding values of another shape is ignored entry by entry
    (path,) = tmp_path.glob("merge-memo-*.pickle")
    stored = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps(dict.fromkeys(stored, ("wrong",))))
    assert repr(build_events(passages, analyses, cache_dir=tmp_path)) == repr(fresh)


def test_issue5_merge_memo_without_cache_dir_is_inert() -> None:
    memo = MergeMemo(None)
    assert memo.memo is None
    memo.save()  # nothing to write, nothing raised


# --------------------------------------------------------------------------- whole pipeline


def test_issue5_added_document_gathers_as_from_scratch(tmp_path: Path) -> None:
    """Seeds with one document, then both: the second gather reuses every post-NLP memo
    of the first and gives what a gather without any memo gives (NER shared, so that
    spaCy runs once)."""
    import shutil

    from chronicle.build import gather

    root = Path(__file__).resolve().parent.parent / "seeds"
    first, second = sorted(root.glob("*.txt"))[:2]
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(first, source / first.name)
    cache = tmp_path / "cache"
    gather(Config(source=source, cache_dir=cache))
    for prefix in ("casualties-memo", "topics-memo", "merge-memo", "entity-mentions"):
        assert list(cache.glob(f"{prefix}-*.pickle")), prefix
    shutil.copy(second, source / second.name)
    incremental = gather(Config(source=source, cache_dir=cache))

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    shutil.copy(next(cache.glob("analysis-v*.sqlite3")), scratch)  # NER only
    fresh = gather(Config(source=source, cache_dir=scratch))
    assert repr(incremental.events) == repr(fresh.events)
    assert repr(sorted(incremental.analyses.items())) == repr(sorted(fresh.analyses.items()))
    assert repr(incremental.diagnostics) == repr(fresh.diagnostics)
    assert incremental.actors == fresh.actors and incremental.places == fresh.places
