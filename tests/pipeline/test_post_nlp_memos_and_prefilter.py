"""Post-NLP stages reuse pure results across builds and skip hopeless pairs,
with results identical to computing everything afresh.

Covers the casualty, topic-feature and merge memos (persisted == fresh, damaged ==
fresh; the memo itself is tested in tests/store/) and the merge prefilter (the pairs it keeps
include every pair a full day walk would have made a candidate, on synthetic passages
and on the real seeds).
"""

from __future__ import annotations

import dataclasses
import pickle
import warnings
from pathlib import Path

import eval_topics  # noqa: E402
import pytest
from helpers import warm
from helpers.merge_cases import KYIV_A, KYIV_B, TALKS, an, dp

from chronicle import merge, topics
from chronicle.analysis import casualty_memo
from chronicle.casualties import extract_casualties
from chronicle.config import Config
from chronicle.merge import build_events
from chronicle.store import CacheWarning
from chronicle.topics import assign_topics, load_taxonomy

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


# --------------------------------------------------------------------------- casualties


def _tolls(memo, compute=extract_casualties) -> list:  # noqa: ANN001
    return [memo.recall(memo.key(t), lambda t=t: compute(t)) for t in TEXTS]


def test_casualty_memo_persisted_equals_fresh(tmp_path: Path) -> None:
    config = Config(cache_dir=tmp_path)
    first = casualty_memo(config)
    fresh = [extract_casualties(t) for t in TEXTS]
    assert _tolls(first) == fresh
    first.save()
    assert list(tmp_path.glob("casualties-memo-*.pickle"))
    second = casualty_memo(config)
    assert _tolls(second, lambda text: pytest.fail("recomputed a stored text")) == fresh


def test_casualty_memo_damaged_file_recomputes(tmp_path: Path) -> None:
    config = Config(cache_dir=tmp_path)
    memo = casualty_memo(config)
    _tolls(memo)
    memo.save()
    assert _damage(tmp_path, "casualties-memo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CacheWarning)
        again = casualty_memo(config)
        assert _tolls(again) == [extract_casualties(t) for t in TEXTS]


# --------------------------------------------------------------------------- topics


def _topics_passages() -> list:
    return eval_topics.reader_passages()


def test_topic_features_persisted_equal_fresh(tmp_path: Path) -> None:
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
def test_prefilter_keeps_every_candidate(corpus) -> None:
    passages, analyses = corpus()
    usable = [p for p in passages if p.passage.text.strip() or (p.passage.title or "").strip()]
    usable.sort(key=lambda p: (p.passage.path, p.passage.line, p.passage.id))
    f = merge.DuplicateFinder(usable, analyses)
    lowest = min(merge.THRESHOLD, merge.MEDIA_THRESHOLD)
    kept = merge.prefilter._Prefilter(f).pairs(lowest)
    assert len(set(kept)) == len(kept)
    walk = set(f.class_pairs())
    assert set(kept) <= walk  # nothing outside the day walk, each pair in walk order
    wanted = _full_walk(passages, analyses)
    assert wanted, "the corpus must have candidates for the test to mean anything"
    assert set(wanted) <= set(kept)
    if corpus is _seeds:
        assert len(kept) < len(walk) / 2  # and it does drop most pairs


@pytest.mark.parametrize("corpus", [_synthetic, _seeds])
def test_prefilter_drops_nothing_in_a_loose_bound(corpus, monkeypatch) -> None:
    """With the bound disabled (every pair kept) the events are the same."""
    passages, analyses = corpus()
    fast = build_events(passages, analyses)

    def keep_all(self, lowest):  # noqa: ANN001, ANN202
        return [(a, b) for a, b in self.f.class_pairs()]

    monkeypatch.setattr(merge.prefilter._Prefilter, "pairs", keep_all)
    slow = build_events(passages, analyses)
    assert repr(fast) == repr(slow)


@pytest.mark.parametrize("corpus", [_synthetic, _seeds])
def test_merge_memo_persisted_equals_fresh(tmp_path: Path, corpus, monkeypatch) -> None:
    passages, analyses = corpus()
    fresh = build_events(passages, analyses)
    first = build_events(passages, analyses, cache_dir=tmp_path)
    assert list(tmp_path.glob("merge-memo-*.pickle"))
    with monkeypatch.context() as m:
        m.setattr(merge.features, "class_features", lambda *a: pytest.fail("features recomputed"))
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


def test_merge_memo_damaged_file_recomputes(tmp_path: Path) -> None:
    passages, analyses = _synthetic()
    fresh = build_events(passages, analyses)
    build_events(passages, analyses, cache_dir=tmp_path)
    assert _damage(tmp_path, "merge-memo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CacheWarning)
        assert repr(build_events(passages, analyses, cache_dir=tmp_path)) == repr(fresh)
    # a readable memo holding values of another shape is ignored entry by entry
    (path,) = tmp_path.glob("merge-memo-*.pickle")
    with path.open("rb") as fh:
        pickle.load(fh)  # the key list (None for a large memo)
        stored = pickle.load(fh)
    path.write_bytes(pickle.dumps(None) + pickle.dumps(dict.fromkeys(stored, ("wrong",))))
    assert repr(build_events(passages, analyses, cache_dir=tmp_path)) == repr(fresh)


def test_merge_memo_without_cache_dir_is_inert(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    passages, analyses = _synthetic()
    build_events(passages, analyses)
    assert list(tmp_path.iterdir()) == []  # nothing written, nothing raised


# --------------------------------------------------------------------------- whole pipeline


def test_added_document_gathers_as_from_scratch(tmp_path: Path) -> None:
    """Seeds with one document, then both: the second gather reuses every post-NLP memo
    of the first and gives what a gather without any memo gives (the NLP store shared)."""
    import shutil

    from chronicle.build import gather

    root = Path(__file__).resolve().parents[2] / "seeds"
    first, second = sorted(root.glob("*.txt"))[:2]
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(first, source / first.name)
    cache = warm.seed_nlp(tmp_path / "cache")  # spaCy's results stored: no model runs
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
