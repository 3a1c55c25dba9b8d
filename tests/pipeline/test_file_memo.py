"""Reading and dating are redone only for files whose bytes changed.

Every check compares the incremental result with a from-scratch gather in a fresh cache,
so a memo that served a stale or wrong entry fails here.
"""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from helpers.digests import digest_text, write_digests

from chronicle import filememo, readers
from chronicle.build import gather
from chronicle.config import Config

UNDATED = """Analysis: what the talks could mean

Officials in Kyiv said the talks on a ceasefire would continue next week.
Moscow has not commented on the proposal.
"""


def forget_gathered(cache: Path) -> None:
    """Drop the stored gathered chronicle, so the next gather runs the stages."""
    (found,) = cache.glob("chronicle-*.pickle")
    found.unlink()


def _config(tmp_path: Path, cache: str = "cache") -> Config:
    return Config(
        source=tmp_path / "src",
        output=tmp_path / "site",
        cache_dir=tmp_path / cache,
        search=False,
    )


def _write_corpus(src: Path, days: int = 3) -> None:
    write_digests(src, days)
    (src / "undated.txt").write_text(UNDATED, "utf-8")


def _fresh(tmp_path: Path, name: str):  # noqa: ANN202
    """A from-scratch gather of the same source in an empty cache."""
    return gather(_config(tmp_path, cache=name))


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = readers.read_file

    def counting(path, shown, config):  # noqa: ANN001, ANN202
        calls.append(shown)
        return real(path, shown, config)

    monkeypatch.setattr(readers, "read_file", counting)
    return calls


def test_one_changed_file_is_the_only_one_read(tmp_path: Path, counted: list[str]) -> None:
    _write_corpus(tmp_path / "src")
    config = _config(tmp_path)
    gather(config)
    assert len(counted) == 4
    counted.clear()
    day = dt.date(2025, 3, 4)
    (tmp_path / "src" / f"digest-{day}.txt").write_text(digest_text(4, day), "utf-8")
    incremental = gather(config)
    assert [Path(p).name for p in counted] == ["digest-2025-03-04.txt"]
    assert incremental == _fresh(tmp_path, "fresh")


def test_undated_file_redated_when_the_corpus_grows(tmp_path: Path) -> None:
    """The undated file takes the newest date of the rest: a newer file must move it."""
    _write_corpus(tmp_path / "src")
    config = _config(tmp_path)
    before = gather(config)
    day = dt.date(2025, 3, 9)
    (tmp_path / "src" / f"digest-{day}.txt").write_text(digest_text(9, day), "utf-8")
    after = gather(config)

    def undated_dates(chronicle) -> set[dt.date]:  # noqa: ANN001
        return {
            dp.date.value
            for dp in chronicle.passages.values()
            if dp.passage.path.endswith("undated.txt")
        }

    assert undated_dates(before) == {dt.date(2025, 3, 3)}
    assert undated_dates(after) == {day}
    assert after == _fresh(tmp_path, "fresh")


def test_edited_file_is_read_again(tmp_path: Path, counted: list[str]) -> None:
    _write_corpus(tmp_path / "src")
    config = _config(tmp_path)
    gather(config)
    counted.clear()
    path = tmp_path / "src" / "digest-2025-03-02.txt"
    path.write_text(path.read_text("utf-8").replace("Kharkiv", "Odesa"), "utf-8")
    incremental = gather(config)
    assert [Path(p).name for p in counted] == ["digest-2025-03-02.txt"]
    assert incremental == _fresh(tmp_path, "fresh")
    assert any("Odesa" in dp.passage.text for dp in incremental.passages.values())


def test_renamed_file_keeps_its_new_path(tmp_path: Path) -> None:
    """The shown path is part of ids and source pages: same bytes, new name = new entry."""
    _write_corpus(tmp_path / "src")
    config = _config(tmp_path)
    gather(config)
    src = tmp_path / "src"
    (src / "digest-2025-03-01.txt").rename(src / "renamed.txt")
    incremental = gather(config)
    assert {d.path.rsplit("/", 1)[-1] for d in incremental.documents} >= {"renamed.txt"}
    assert incremental == _fresh(tmp_path, "fresh")


def test_damaged_memo_is_recomputed(tmp_path: Path, counted: list[str]) -> None:
    _write_corpus(tmp_path / "src")
    config = _config(tmp_path)
    gather(config)
    (memo_file,) = (tmp_path / "cache").glob(f"{filememo.NAME}-*.pickle")
    memo_file.write_bytes(b"\x80\x05not a pickle")
    forget_gathered(tmp_path / "cache")  # force the pipeline to run
    counted.clear()
    with pytest.warns(Warning):
        again = gather(config)
    assert len(counted) == 4
    assert again == _fresh(tmp_path, "fresh")


def test_memo_keeps_only_entries_of_this_build(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "src", days=3)
    config = _config(tmp_path)
    gather(config)
    (tmp_path / "src" / "digest-2025-03-01.txt").unlink()
    gather(config)
    (memo_file,) = (tmp_path / "cache").glob(f"{filememo.NAME}-*.pickle")
    with memo_file.open("rb") as fh:
        pickle.load(fh)  # the memo's key list
        entries = pickle.load(fh)
    shown = {key[0].rsplit("/", 1)[-1] for key in entries}
    assert shown == {"digest-2025-03-02.txt", "digest-2025-03-03.txt", "undated.txt"}


def test_clock_dependent_dating_is_kept_for_one_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dating result that read the clock is reused on the same day only."""
    config = _config(tmp_path)
    memo = filememo.FileMemo(config)
    key = ("a.txt", "0" * 64)
    sentinel = object()
    monkeypatch.setattr(filememo, "_today", lambda: dt.date(2026, 1, 1))
    memo.keep_read(key, "read")  # type: ignore[arg-type]
    memo.keep_dated(key, None, sentinel, used_today=True)  # type: ignore[arg-type]
    memo.save()
    same_day = filememo.FileMemo(config)
    assert same_day.dated(key, None) is not None
    assert same_day.day_bound
    monkeypatch.setattr(filememo, "_today", lambda: dt.date(2026, 1, 2))
    next_day = filememo.FileMemo(config)
    assert next_day.dated(key, None) is None
    assert next_day.read(key) == "read"


def test_one_added_file_writes_a_small_delta(tmp_path: Path, counted: list[str]) -> None:
    """The memo of a big corpus is not rewritten for one new file; the next build reads
    the memo plus its delta and reads no file again."""
    _write_corpus(tmp_path / "src", days=20)
    config = _config(tmp_path)
    gather(config)
    (memo_file,) = (tmp_path / "cache").glob(f"{filememo.NAME}-*.pickle")
    before = memo_file.read_bytes()
    day = dt.date(2025, 3, 21)
    (tmp_path / "src" / f"digest-{day}.txt").write_text(digest_text(21, day), "utf-8")
    gather(config)
    assert memo_file.read_bytes() == before
    assert memo_file.with_name(memo_file.name + ".delta").is_file()
    counted.clear()
    forget_gathered(tmp_path / "cache")
    again = gather(config)
    assert counted == []
    assert again == _fresh(tmp_path, "fresh")


def test_dating_says_when_it_read_the_clock() -> None:
    """A year-less printed date with nothing else to go by is resolved against today; the
    result says so, and a fully dated file's does not."""
    from chronicle.dating import date_documents
    from chronicle.readers import read_text

    text = (
        "Russia-Ukraine war: key events\n\nHere is where things stand on {day}:\n\n"
        "Fighting\n- Russian forces shelled Kharkiv overnight, the governor said.\n"
    )
    yearless = read_text(text.format(day="Wednesday, February 4"), "a.txt").documents
    dated = read_text(text.format(day="Wednesday, February 4, 2026"), "a.txt").documents
    assert date_documents(yearless, Config()).day_bound
    assert not date_documents(dated, Config()).day_bound
