"""The analysis cache: content addressed, scoped by model and code version, never fatal."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

from chronicle.cache import DB_NAME, AnalysisCache, CacheWarning, code_version, text_key


def _spans(i: int) -> list[list[object]]:
    return [[i, i + 5, "GPE", f"Place {i}"], [0, 3, "PERSON", "Ann"]]


def test_roundtrip_and_misses(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, "ner-test")
    k1, k2 = cache.key("Kyiv was attacked."), cache.key("Odesa was attacked.")
    assert k1 != k2 and len(k1) == 64
    cache.put_many({k1: _spans(1)})
    got = cache.get_many([k1, k2, k1])
    assert got == {k1: _spans(1)}
    assert cache.hits == 1 and cache.misses == 1
    cache.close()


def test_key_is_content_hash_not_path_or_mtime(tmp_path: Path) -> None:
    a = AnalysisCache(tmp_path / "a", "ner")
    b = AnalysisCache(tmp_path / "b", "ner")
    assert a.key("same text") == b.key("same text") == text_key("same text")
    assert a.key("same text") != a.key("same text.")
    a.close()
    b.close()


def test_persists_across_instances(tmp_path: Path) -> None:
    with AnalysisCache(tmp_path, "ner") as c:
        c.put_many({c.key("x"): {"a": [1, 2]}, c.key("ünïcødé — “q”"): ["ok"]})
    with AnalysisCache(tmp_path, "ner") as c:
        assert c.get_many([c.key("x"), c.key("ünïcødé — “q”")]) == {
            c.key("x"): {"a": [1, 2]},
            c.key("ünïcødé — “q”"): ["ok"],
        }
        assert len(c) == 2


def test_namespace_and_code_version_scope_entries(tmp_path: Path) -> None:
    with AnalysisCache(tmp_path, "ner-model-a", version="v1") as c:
        c.put_many({c.key("t"): 1})
    with AnalysisCache(tmp_path, "ner-model-b", version="v1") as c:
        assert c.get_many([c.key("t")]) == {}  # other model: miss
    with AnalysisCache(tmp_path, "ner-model-a", version="v2") as c:
        assert c.get_many([c.key("t")]) == {}  # other code version: miss
    with AnalysisCache(tmp_path, "ner-model-a", version="v1") as c:
        # opening v2 pruned the stale v1 rows of the same namespace
        assert c.get_many([c.key("t")]) == {}


def test_default_version_is_code_hash() -> None:
    v = code_version()
    assert len(v) == 16 and v == code_version()


def test_many_entries_in_chunks(tmp_path: Path) -> None:
    n = 6000  # past the 999 bound-variable limit of one query and the scan threshold
    with AnalysisCache(tmp_path, "ner") as c:
        items = {c.key(f"passage {i}"): _spans(i) for i in range(n)}
        c.put_many(items)
        keys = list(items)
        got = c.get_many(keys + ["0" * 64])
        assert len(got) == n and got[keys[1234]] == _spans(1234)
        few = c.get_many(keys[:2500])  # index-probe path, several chunks
        assert len(few) == 2500 and few[keys[999]] == _spans(999)


def test_corrupt_file_is_discarded_with_warning(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.warns(CacheWarning, match="corrupt"):
        c = AnalysisCache(tmp_path, "ner")
    assert c.get_many([c.key("x")]) == {}
    c.put_many({c.key("x"): 1})
    assert c.get_many([c.key("x")]) == {c.key("x"): 1}
    c.close()
    assert list(tmp_path.glob(f"{DB_NAME}.corrupt-*")), "the broken file is kept aside"


def test_truncated_database_never_raises(tmp_path: Path) -> None:
    with AnalysisCache(tmp_path, "ner") as c:
        c.put_many({c.key(f"t{i}"): list(range(50)) for i in range(3000)})
    db = tmp_path / DB_NAME
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3] + b"\x00" * 4096)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        c = AnalysisCache(tmp_path, "ner")
        got = c.get_many([c.key(f"t{i}") for i in range(3000)])
        c.put_many({c.key("new"): 1})
        c.close()
    assert isinstance(got, dict)


def test_damaged_value_is_a_miss(tmp_path: Path) -> None:
    with AnalysisCache(tmp_path, "ner", version="v") as c:
        c.put_many({"k": 1})
    con = sqlite3.connect(tmp_path / DB_NAME)
    with con:
        con.execute("UPDATE entries SET value = '{broken' WHERE key = 'k'")
    con.close()
    with AnalysisCache(tmp_path, "ner", version="v") as c:
        assert c.get_many(["k"]) == {}


def test_interrupted_batch_leaves_previous_entries(tmp_path: Path) -> None:
    class Boom(Exception):
        pass

    def values():  # a batch whose serialisation fails midway, like a killed build
        yield "a", 1
        raise Boom

    with AnalysisCache(tmp_path, "ner", version="v") as c:
        c.put_many({"old": 0})

        class Exploding(dict):
            def items(self):  # type: ignore[override]
                return values()

        with pytest.raises(Boom):
            c.put_many(Exploding(x=1))
    with AnalysisCache(tmp_path, "ner", version="v") as c:
        assert c.get_many(["old", "a"]) == {"old": 0}


def test_unusable_folder_disables_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.warns(CacheWarning):
        c = AnalysisCache(blocker / "cache", "ner")
    c.put_many({"k": 1})
    assert c.get_many(["k"]) == {}
    c.close()


def test_issue5_empty_cache_is_truthy(tmp_path: Path) -> None:
    """``if cache:`` in the NLP glue skipped every put_many while the cache was empty."""
    with AnalysisCache(tmp_path, "ner") as c:
        assert len(c) == 0
        assert c


def test_tree_fingerprint_is_content_not_mtime(tmp_path: Path) -> None:
    import os

    from chronicle.cache import tree_fingerprint

    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("alpha")
    (src / "sub" / "b.md").write_text("beta")
    fp = tree_fingerprint(src)
    os.utime(src / "a.txt", (1, 1))
    assert tree_fingerprint(src) == fp  # touched, same bytes
    (src / "a.txt").write_text("alpha!")
    assert tree_fingerprint(src) != fp
    (src / "a.txt").write_text("alpha")
    (src / "sub" / "b.md").rename(src / "b.md")
    assert tree_fingerprint(src) != fp  # moved file: ids change, so must the fingerprint
    assert tree_fingerprint(src, extra=["x"]) != tree_fingerprint(src, extra=["y"])
    assert tree_fingerprint(tmp_path / "missing") != tree_fingerprint(src)


def test_pickle_store_roundtrip_key_and_corruption(tmp_path: Path) -> None:
    from chronicle.cache import PickleStore

    store = PickleStore(tmp_path, "chronicle")
    assert store.load("k1") is None
    store.store("k1", {"events": (1, 2, 3)})
    assert store.load("k1") == {"events": (1, 2, 3)}
    assert store.load("k2") is None  # other inputs: a miss, never stale data
    store.path.write_bytes(store.path.read_bytes()[:20])
    with pytest.warns(CacheWarning):
        assert store.load("k1") is None
    store.store("k1", [1])
    assert store.load("k1") == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["chronicle.pickle"]  # no temp files left
