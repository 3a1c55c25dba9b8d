"""The benchmark corpus generator: deterministic, big enough, internally consistent."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from helpers.benchmod import load_bench

ROOT = Path(__file__).resolve().parents[2]


_load = load_bench


gc = _load("generate_corpus")
MONTHS = {m: i + 1 for i, m in enumerate(gc.MONTHS)}
WAR_DAY_ONE = dt.date(2022, 2, 25)  # chronicle.config.Config().war_day_one


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    gc.generate(out, 20_000, seed=7)
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def test_same_seed_same_bytes_other_seed_differs(corpus: Path, tmp_path: Path) -> None:
    gc.generate(tmp_path / "a", 20_000, seed=7)
    gc.generate(tmp_path / "b", 20_000, seed=8)
    assert _files(tmp_path / "a") == _files(corpus)
    assert _files(tmp_path / "b") != _files(corpus)


def test_reaches_word_budget_in_every_format(corpus: Path) -> None:
    words = sum(
        len(p.read_text("utf-8").split()) for p in corpus.glob("*.*") if p.suffix != ".json"
    )
    assert words >= 20_000
    assert list(corpus.glob("digests-*.txt"))
    assert list(corpus.glob("liveblog-*.txt"))
    assert list(corpus.glob("report-*.md"))


def test_word_budget_sets_the_time_span() -> None:
    full = gc.plan_days(1_200_000)
    assert full[0] == dt.date(2022, 2, 24) and full[-1] == gc.END
    quick = gc.plan_days(200_000)
    assert len(quick) == 250 and quick[-1] == gc.END


HEADER = re.compile(r"List of key events, day ([\d,]+) \|")
STANDS = re.compile(r"^Here is where things stand on (\w+), (\w+) (\d+):$")


def test_digest_day_counters_and_weekdays_agree(corpus: Path) -> None:
    checked = 0
    for path in corpus.glob("digests-*.txt"):
        lines = path.read_text("utf-8").splitlines()
        last_year = int(path.stem.split("-")[1])
        previous: dt.date | None = None
        for i, line in enumerate(lines):
            m = HEADER.search(line)
            if not m:
                continue
            day = int(m.group(1).replace(",", ""))
            date = WAR_DAY_ONE + dt.timedelta(days=day - 1)
            stands = next(STANDS.match(x) for x in lines[i : i + 8] if STANDS.match(x))
            weekday, month, dom = stands.groups()
            assert (month, int(dom)) == (gc.MONTHS[date.month - 1], date.day)
            assert weekday == gc.WEEKDAYS[date.weekday()]
            assert date.year in (last_year, last_year - 1)
            if previous is not None:
                assert date < previous, "documents in a file are newest first"
            previous = date
            checked += 1
        assert "  \u2022 " in "\n".join(lines) and "Source link" in lines
    assert checked >= 7


STAMP = re.compile(r"^(\w+) (\d+) (\w+) (\d{4}) (\d\d):(\d\d) , [A-Z][\w-]+ [\w-]+")


def test_liveblog_timestamps_are_consistent(corpus: Path) -> None:
    for path in corpus.glob("liveblog-*.txt"):
        date = dt.date.fromisoformat(path.stem.removeprefix("liveblog-"))
        lines = path.read_text("utf-8").splitlines()
        short = [x for x in lines if re.match(r"^\d\d:\d\d , ", x)]
        full = [STAMP.match(x) for x in lines if STAMP.match(x)]
        assert short, path
        for m in full:
            weekday, dom, month, year = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
            d = dt.date(year, MONTHS[month], dom)
            assert d == date - dt.timedelta(days=1)
            assert weekday == gc.WEEKDAYS[d.weekday()]
        times = [x[:5] for x in short]
        assert times == sorted(times, reverse=True), "entries newest first"
        assert lines[0] == "Get all your news in one place."


def test_reports_have_front_matter(corpus: Path) -> None:
    for path in corpus.glob("report-*.md"):
        text = path.read_text("utf-8")
        assert text.startswith("---\n")
        meta = yaml.safe_load(text.split("---\n")[1])
        assert set(meta) == {"title", "date", "url", "publisher"}
        assert isinstance(meta["date"], dt.date) and meta["url"].startswith("https://")
        assert "\n## " in text


def test_office_holders_change_with_time() -> None:
    gen = gc.Gen(1)
    assert gen.ctx(dt.date(2023, 1, 1)).office("nato_sg") == "Jens Stoltenberg"
    assert gen.ctx(dt.date(2025, 1, 1)).office("nato_sg") == "Mark Rutte"
    assert gen.ctx(dt.date(2025, 3, 1)).office("us_president") == "Donald Trump"


def test_passages_are_mostly_distinct(corpus: Path) -> None:
    """Repeated text would be served from the cache and flatter the cold build."""
    bullets = [
        x
        for p in corpus.glob("digests-*.txt")
        for x in p.read_text("utf-8").splitlines()
        if x.startswith("  \u2022 ")
    ]
    assert len(set(bullets)) / len(bullets) > 0.9


def test_extra_document_is_new_and_deterministic() -> None:
    name, text = gc.extra_document(1)
    assert (name, text) == gc.extra_document(1)
    assert name.endswith(".md") and text.startswith("---\n")
    assert str(gc.END + dt.timedelta(days=1)) in text
