"""The SQLite store kind (NLP results): content addressed, scoped by model and code version,
never fatal."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

from chronicle.store import CacheWarning, Table, text_key
from chronicle.store.fingerprint import nlp_code_version
from chronicle.store.sqlite import DB_NAME


def _spans(i: int) -> list[list[object]]:
    return [[i, i + 5, "GPE", f"Place {i}"], [0, 3, "PERSON", "Ann"]]


def test_roundtrip_and_misses(tmp_path: Path) -> None:
    cache = Table(tmp_path, "ner-test")
    k1, k2 = cache.key("Kyiv was attacked."), cache.key("Odesa was attacked.")
    assert k1 != k2 and len(k1) == 64
    cache.put_many({k1: _spans(1)})
    got = cache.get_many([k1, k2, k1])
    assert got == {k1: _spans(1)}
    assert cache.hits == 1 and cache.misses == 1
    cache.close()


def test_key_is_content_hash_not_path_or_mtime(tmp_path: Path) -> None:
    a = Table(tmp_path / "a", "ner")
    b = Table(tmp_path / "b", "ner")
    assert a.key("same text") == b.key("same text") == text_key("same text")
    assert a.key("same text") != a.key("same text.")
    a.close()
    b.close()


def test_persists_across_instances(tmp_path: Path) -> None:
    with Table(tmp_path, "ner") as c:
        c.put_many({c.key("x"): {"a": [1, 2]}, c.key("ünïcødé — “q”"): ["ok"]})
    with Table(tmp_path, "ner") as c:
        assert c.get_many([c.key("x"), c.key("ünïcødé — “q”")]) == {
            c.key("x"): {"a": [1, 2]},
            c.key("ünïcødé — “q”"): ["ok"],
        }
        assert len(c) == 2


def test_namespace_and_code_version_scope_entries(tmp_path: Path) -> None:
    with Table(tmp_path, "ner-model-a", version="v1") as c:
        c.put_many({c.key("t"): 1})
    with Table(tmp_path, "ner-model-b", version="v1") as c:
        assert c.get_many([c.key("t")]) == {}  # other model: miss
    with Table(tmp_path, "ner-model-a", version="v2") as c:
        assert c.get_many([c.key("t")]) == {}  # other code version: miss
    with Table(tmp_path, "ner-model-a", version="v1") as c:
        # opening v2 pruned the stale v1 rows of the same namespace
        assert c.get_many([c.key("t")]) == {}


def test_default_version_is_code_hash() -> None:
    v = nlp_code_version()
    assert len(v) == 16 and v == nlp_code_version()


def test_many_entries_in_chunks(tmp_path: Path) -> None:
    n = 6000  # past the 999 bound-variable limit of one query and the scan threshold
    with Table(tmp_path, "ner") as c:
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
        c = Table(tmp_path, "ner")
    assert c.get_many([c.key("x")]) == {}
    c.put_many({c.key("x"): 1})
    assert c.get_many([c.key("x")]) == {c.key("x"): 1}
    c.close()
    assert list(tmp_path.glob(f"{DB_NAME}.corrupt-*")), "the broken file is kept aside"


def test_truncated_database_never_raises(tmp_path: Path) -> None:
    with Table(tmp_path, "ner") as c:
        c.put_many({c.key(f"t{i}"): list(range(50)) for i in range(3000)})
    db = tmp_path / DB_NAME
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3] + b"\x00" * 4096)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        c = Table(tmp_path, "ner")
        got = c.get_many([c.key(f"t{i}") for i in range(3000)])
        c.put_many({c.key("new"): 1})
        c.close()
    assert isinstance(got, dict)


def test_damaged_value_is_a_miss(tmp_path: Path) -> None:
    with Table(tmp_path, "ner", version="v") as c:
        c.put_many({"k": 1})
    con = sqlite3.connect(tmp_path / DB_NAME)
    with con:
        con.execute("UPDATE entries SET value = '{broken' WHERE key = 'k'")
    con.close()
    with Table(tmp_path, "ner", version="v") as c:
        assert c.get_many(["k"]) == {}


def test_interrupted_batch_leaves_previous_entries(tmp_path: Path) -> None:
    class Boom(Exception):
        pass

    def values():  # a batch whose serialisation fails midway, like a killed build
        yield "a", 1
        raise Boom

    with Table(tmp_path, "ner", version="v") as c:
        c.put_many({"old": 0})

        class Exploding(dict):
            def items(self):  # type: ignore[override]
                return values()

        with pytest.raises(Boom):
            c.put_many(Exploding(x=1))
    with Table(tmp_path, "ner", version="v") as c:
        assert c.get_many(["old", "a"]) == {"old": 0}


def test_unusable_folder_disables_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.warns(CacheWarning):
        c = Table(blocker / "cache", "ner")
    c.put_many({"k": 1})
    assert c.get_many(["k"]) == {}
    c.close()


def test_empty_table_is_truthy(tmp_path: Path) -> None:
    """``if cache:`` in the NLP glue skipped every put_many while the cache was empty."""
    with Table(tmp_path, "ner") as c:
        assert len(c) == 0
        assert c


def test_get_put_face_is_the_memo_face(tmp_path: Path) -> None:
    table = Table(tmp_path, "ner", version="v")
    assert table.get("k") is None
    table.put("k", [1, "two"])
    assert table.get("k") == [1, "two"]
    table.save()  # closes: every put is already committed
    assert Table(tmp_path, "ner", version="v").get("k") == [1, "two"]
