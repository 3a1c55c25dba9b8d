"""The one memo of every stage: only used entries kept, other versions removed, small
additions in a delta, damaged files recomputed, and a whole-stage value never unpickled
by a build whose key changed."""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import pytest

from chronicle.store import CacheWarning, Memo, Record, write_atomic


def entries(path: Path) -> dict:
    """The entries a memo file holds (after the key list it may start with)."""
    with path.open("rb") as fh:
        pickle.load(fh)
        return pickle.load(fh)


def test_keeps_only_used_entries(tmp_path: Path) -> None:
    memo = Memo(tmp_path, "demo-memo", "v1")
    memo.put(b"a", 1)
    memo.put(b"b", 2)
    memo.save()
    again = Memo(tmp_path, "demo-memo", "v1")
    assert again.get(b"a") == 1  # persisted
    again.save()  # b was not used by this "build": dropped
    third = Memo(tmp_path, "demo-memo", "v1")
    assert third.get(b"a") == 1 and third.get(b"b") is None


def test_other_versions_are_removed(tmp_path: Path) -> None:
    old = Memo(tmp_path, "demo-memo", "v1")
    old.put(b"a", 1)
    old.save()
    new = Memo(tmp_path, "demo-memo", "v2")
    assert new.get(b"a") is None  # another code version is a clean miss
    new.put(b"a", 2)
    new.save()
    assert list(tmp_path.glob("demo-memo-*.pickle")) == [new.path]
    other = Memo(tmp_path, "demo-memo-other", "v1")  # a name sharing the prefix is kept
    other.put(b"a", 3)
    other.save()
    new.save()
    assert Memo(tmp_path, "demo-memo-other", "v1").get(b"a") == 3


def test_small_additions_go_to_a_delta(tmp_path: Path) -> None:
    memo = Memo(tmp_path, "demo-memo", "v1")
    for i in range(100):
        memo.put(i, f"value {i}")
    memo.save()
    base, delta = memo.path, memo.delta_path
    before = base.read_bytes()
    # one document added (3 entries), two removed (stale): the base file stays as it is
    memo = Memo(tmp_path, "demo-memo", "v1")
    assert all(memo.get(i) == f"value {i}" for i in range(2, 100))
    for i in (100, 101, 102):
        memo.put(i, f"value {i}")
    memo.save()
    assert base.read_bytes() == before and delta.is_file()
    memo = Memo(tmp_path, "demo-memo", "v1")
    assert [memo.get(i) for i in (0, 50, 102)] == ["value 0", "value 50", "value 102"]
    # many additions: rewritten whole with only the entries in use, delta gone (1 is stale)
    assert all(memo.get(i) is not None for i in range(2, 103))
    for i in range(200, 230):
        memo.put(i, i)
    memo.save()
    assert not delta.exists()
    assert set(entries(base)) == {0} | set(range(2, 103)) | set(range(200, 230))
    # a build using far fewer entries rewrites the memo smaller (never grows stale)
    memo = Memo(tmp_path, "demo-memo", "v1")
    memo.get(5)
    memo.save()
    assert entries(base) == {5: "value 5"} and not delta.exists()


def test_damaged_delta_is_ignored(tmp_path: Path) -> None:
    memo = Memo(tmp_path, "demo-memo", "v1")
    for i in range(100):
        memo.put(i, i)
    memo.save()
    memo = Memo(tmp_path, "demo-memo", "v1")
    for i in range(101):
        memo.get(i)
    memo.put(100, 100)
    memo.save()
    memo.delta_path.write_bytes(b"\x80\x05junk")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        memo = Memo(tmp_path, "demo-memo", "v1")
        assert memo.get(99) == 99 and memo.get(100) is None
    assert any(issubclass(w.category, CacheWarning) for w in seen)


@pytest.mark.parametrize(
    "content", [b"", b"\x80\x05garbage", pickle.dumps([1, 2, 3]), pickle.dumps({b"a": 9})]
)
def test_damaged_or_foreign_file_is_empty(tmp_path: Path, content: bytes) -> None:
    memo = Memo(tmp_path, "demo-memo", "v1")
    memo.path.write_bytes(content)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert memo.get(b"a") is None
    assert any(issubclass(w.category, CacheWarning) for w in seen)
    memo.put(b"a", 1)
    memo.save()  # replaced by a readable file
    assert Memo(tmp_path, "demo-memo", "v1").get(b"a") == 1


def test_recall_computes_once_and_rejects_foreign_values(tmp_path: Path) -> None:
    calls: list[str] = []

    def compute(text: str) -> tuple[int, int]:
        calls.append(text)
        return (len(text), 0)

    def pair(value: object) -> bool:
        return type(value) is tuple and len(value) == 2

    memo = Memo(tmp_path, "demo-memo", "v1")
    key = memo.key("some text")
    assert memo.recall(key, lambda: compute("some text"), pair) == (9, 0)
    assert memo.recall(key, lambda: compute("some text"), pair) == (9, 0)
    memo.save()
    again = Memo(tmp_path, "demo-memo", "v1")
    assert again.recall(key, lambda: compute("some text"), pair) == (9, 0)
    assert calls == ["some text"]
    again.put(key, ("not", "a", "pair"))  # e.g. an older layout under the same key
    assert again.recall(key, lambda: compute("some text"), pair) == (9, 0)
    assert calls == ["some text", "some text"]


class Loud:
    """A value that records every time it is unpickled."""

    loads = 0

    def __init__(self, payload: str) -> None:
        self.payload = payload

    def __setstate__(self, state: dict) -> None:
        Loud.loads += 1
        self.__dict__.update(state)


def test_whole_stage_value_is_not_unpickled_on_a_key_miss(tmp_path: Path) -> None:
    memo = Memo(tmp_path, "chronicle", "1")
    assert memo.get("inputs-1") is None
    memo.put("inputs-1", Loud("first corpus"), alone=True)
    memo.save()
    Loud.loads = 0
    changed = Memo(tmp_path, "chronicle", "1")
    assert changed.get("inputs-2") is None  # other inputs: a miss, never stale data
    assert Loud.loads == 0  # ... decided from the key list, the old value left unread
    changed.put("inputs-2", Loud("second corpus"), alone=True)
    changed.save()
    assert Loud.loads == 0
    same = Memo(tmp_path, "chronicle", "1")
    assert same.get("inputs-2").payload == "second corpus" and Loud.loads == 1
    assert same.get("inputs-1") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [same.path.name]  # no temp files


def test_put_alone_forgets_the_other_entries(tmp_path: Path) -> None:
    memo = Memo(tmp_path, "page-keys-x", "1")
    memo.put("site-1", {"a": "1"})
    memo.save()
    memo = Memo(tmp_path, "page-keys-x", "1")
    assert memo.get("site-1") == {"a": "1"}  # read: it counts as used
    memo.put("site-2", {"a": "2"}, alone=True)
    memo.save()
    assert entries(memo.path) == {"site-2": {"a": "2"}}


def test_memory_only_memo_never_writes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    memo = Memo(None, "demo-memo", "v1")
    assert memo.recall(b"k", lambda: 1) == 1
    assert memo.get(b"k") == 1
    memo.save()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    memo = Memo(blocker / "cache", "demo-memo", "v1")
    assert memo.get(b"a") is None
    memo.put(b"a", 1)
    with pytest.warns(CacheWarning, match="not stored"):
        memo.save()


def test_record_is_json_and_survives_damage(tmp_path: Path) -> None:
    record = Record(tmp_path, "build-state")
    assert record.load() == {}
    record.update("/site", {"key": "k1"})
    record.update("/other", {"key": "k2"})
    assert record.load() == {"/site": {"key": "k1"}, "/other": {"key": "k2"}}
    assert record.path.name == "build-state.json"
    record.path.write_bytes(b"\x00{not json")
    assert record.load() == {}
    record.path.write_text("[1, 2]")
    assert record.load() == {}


def test_atomic_write_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "f.bin"
    write_atomic(target, b"old")

    def boom(fh) -> None:  # noqa: ANN001
        fh.write(b"half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_atomic(target, boom)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]
