"""Pagefind at scale — one bundle per year of events, each reused while what
Pagefind reads from that year's pages is unchanged, searched as one by pagefind/pagefind.js."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from helpers.search_years import two_year_chronicle, write

from chronicle import search
from chronicle.config import Config
from chronicle.model import Chronicle

ROOT = Path(__file__).resolve().parents[2]

PAGE = """<!doctype html>
<html lang="en"><head><title>{title}</title><meta name="x" content="y"></head>
<body><nav>menu</nav>
<article class="event" data-pagefind-body>
  <h1 data-pagefind-meta="title">{title}</h1>
  <article><p>{body}</p></article>
  <p>after the nested article</p>
</article>
<footer>{footer}</footer>
<a data-pagefind-filter="actor:{actor}">x</a>
</body></html>
"""


def page(title: str = "Strike", body: str = "text", footer: str = "f", actor: str = "A") -> bytes:
    return PAGE.format(title=title, body=body, footer=footer, actor=actor).encode()


def test_searchable_ignores_layout_outside_the_body() -> None:
    base = search.searchable(page())
    assert search.searchable(page(footer="a new footer")) == base
    assert search.searchable(page().replace(b"</body>", b"<!-- edit --></body>")) == base


def test_searchable_sees_everything_pagefind_reads() -> None:
    base = search.searchable(page())
    assert b"after the nested article" in base  # nesting of the body element is counted
    assert search.searchable(page(body="other")) != base
    assert search.searchable(page(title="Other")) != base  # head title and meta
    assert search.searchable(page().replace(b'content="y"', b'content="z"')) != base
    assert search.searchable(page(actor="B")) != base  # a filter outside the body
    upper = (
        page()
        .replace(b"<article class", b"<ARTICLE class")
        .replace(b"</article>\n<f", b"</ARTICLE>\n<f")
    )
    assert b"after the nested article" in search.searchable(upper)  # tag names any case
    no_body = page().replace(b" data-pagefind-body", b"")
    assert search.searchable(no_body.replace(b"f</footer>", b"g</footer>")) != search.searchable(
        no_body
    )  # without a body element Pagefind reads the whole page


# -- bundles per year ----------------------------------------------------------------------
class Runs:
    """Counts the bundles Pagefind is run on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.years: list[str] = []
        real = search._Run.__init__

        def counting(run, out, config, bundle, key):  # noqa: ANN001, ANN202
            self.years.append(bundle.name)
            real(run, out, config, bundle, key)

        monkeypatch.setattr(search._Run, "__init__", counting)


def build(chron: Chronicle, config: Config, tmp: Path) -> list:
    """Render and index into ``tmp``, then swap it in as the output (like chronicle.build)."""
    write(chron, config, tmp)
    diagnostics = search.index_site(tmp, config)
    shutil.rmtree(config.output, ignore_errors=True)
    os.rename(tmp, config.output)
    return diagnostics


def inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()
    }


def page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


@pytest.fixture()
def config(tmp_path: Path) -> Config:
    return Config(output=tmp_path / "site", cache_dir=tmp_path / "cache")


def test_one_bundle_per_year_and_a_merged_entry(config: Config, tmp_path: Path) -> None:
    chron = two_year_chronicle()
    assert build(chron, config, tmp_path / "t1") == []
    root = config.output / "pagefind"
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == ["2025", "2026-q1"]
    for name in ("2025", "2026-q1"):
        pages = list((config.output / "events" / name[:4]).rglob("index.html"))
        assert page_count(root / name) == len(pages) > 0
        assert (root / name / "pagefind.js").is_file()
    # The search page loads pagefind/ as one bundle: newest first, the UI files beside.
    assert 'const BUNDLES = ["2026-q1", "2025"];' in (root / "pagefind.js").read_text("utf-8")
    assert (root / "pagefind-ui.js").read_bytes() == (
        root / "2026-q1" / "pagefind-ui.js"
    ).read_bytes()
    assert (root / "pagefind-ui.css").is_file()
    merged = json.loads((root / "pagefind-entry.json").read_text("utf-8"))
    assert merged["bundles"] == ["2026-q1", "2025"]
    assert page_count(root) == page_count(root / "2025") + page_count(root / "2026-q1")


def test_editing_one_year_reindexes_only_that_year(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = Runs(monkeypatch)
    build(two_year_chronicle(), config, tmp_path / "t1")
    assert sorted(runs.years) == ["2025", "2026-q1"]
    before = {y: inodes(config.output / "pagefind" / y) for y in ("2025", "2026-q1")}

    runs.years.clear()
    edited = two_year_chronicle(
        {"2026-02-04-macron-dialogue-putin-7a8b-prev": "Macron calls Putin"}
    )
    assert build(edited, config, tmp_path / "t2") == []
    assert runs.years == ["2025"]
    after = {y: inodes(config.output / "pagefind" / y) for y in ("2025", "2026-q1")}
    assert after["2026-q1"] == before["2026-q1"]  # the same files, hard-linked
    assert not set(after["2025"].values()) & set(before["2025"].values())

    runs.years.clear()
    build(edited, config, tmp_path / "t3")  # nothing Pagefind reads changed
    assert runs.years == []
    assert inodes(config.output / "pagefind" / "2025") == after["2025"]


def test_layout_change_reindexes_nothing(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = Runs(monkeypatch)
    build(two_year_chronicle(), config, tmp_path / "t1")
    runs.years.clear()
    templates = tmp_path / "templates"
    templates.mkdir()
    base = (ROOT / "templates" / "base.html").read_text("utf-8")
    assert "</footer>" in base
    (templates / "base.html").write_text(base.replace("</footer>", "edited</footer>"), "utf-8")
    layout = Config(output=config.output, cache_dir=config.cache_dir, templates=(templates,))
    build(two_year_chronicle(), layout, tmp_path / "t2")
    assert runs.years == []
    assert "edited</footer>" in (config.output / "index.html").read_text("utf-8")
    assert (config.output / "pagefind" / "2025" / "pagefind.js").is_file()


def test_reused_bundles_equal_a_fresh_index(config: Config, tmp_path: Path) -> None:
    """Incremental == from scratch: the same pages in each year, the same merged script."""
    chron = two_year_chronicle()
    edited = two_year_chronicle({"2026-02-06-klitschko-heating-3a4b": "Klitschko warns"})
    build(chron, config, tmp_path / "t1")
    build(edited, config, tmp_path / "t2")
    fresh = Config(output=tmp_path / "fresh", cache_dir=tmp_path / "cache2")
    build(edited, fresh, tmp_path / "t3")
    for rel in ("pagefind.js", "pagefind-entry.json", "pagefind-ui.js"):
        a = (config.output / "pagefind" / rel).read_bytes()
        assert a == (fresh.output / "pagefind" / rel).read_bytes(), rel
    for year in ("2025", "2026-q1"):
        assert page_count(config.output / "pagefind" / year) == page_count(
            fresh.output / "pagefind" / year
        )
        names = sorted(inodes(config.output / "pagefind" / year))
        assert len(names) == len(inodes(fresh.output / "pagefind" / year)), year


@pytest.mark.parametrize("damage", ["state", "bundle", "no-state"])
def test_damaged_state_or_bundle_means_a_normal_run(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    runs = Runs(monkeypatch)
    build(two_year_chronicle(), config, tmp_path / "t1")
    runs.years.clear()
    state = search._state(config).path
    if damage == "state":
        state.write_bytes(b"\x00{not json")
    elif damage == "no-state":
        state.unlink()
    else:  # a file of the previous 2025 bundle went missing
        next((config.output / "pagefind" / "2025" / "fragment").iterdir()).unlink()
    assert build(two_year_chronicle(), config, tmp_path / "t2") == []
    assert sorted(runs.years) == (["2025"] if damage == "bundle" else ["2025", "2026-q1"])
    assert json.loads(state.read_text("utf-8"))  # readable again
    runs.years.clear()
    build(two_year_chronicle(), config, tmp_path / "t3")
    assert runs.years == []


def _failing_for(year: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = search.pagefind_command

    def command(out: Path, config: Config, bundle: search.Bundle) -> list[str]:
        if bundle.name == year or year == "all":
            return [sys.executable, "-c", "import sys; sys.exit('index exploded')"]
        return real(out, config, bundle)

    monkeypatch.setattr(search, "pagefind_command", command)


def test_a_year_pagefind_fails_on_is_left_out_with_c402(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_for("2025", monkeypatch)
    diagnostics = build(two_year_chronicle(), config, tmp_path / "t1")
    assert [d.code for d in diagnostics] == ["C402"]
    assert "2025" in diagnostics[0].message and "index exploded" in diagnostics[0].message
    root = config.output / "pagefind"
    assert not (root / "2025").exists() and (root / "2026-q1" / "pagefind.js").is_file()
    assert 'const BUNDLES = ["2026-q1"];' in (root / "pagefind.js").read_text("utf-8")
    # The failed year is not remembered: the next build indexes it again.
    monkeypatch.undo()
    runs = Runs(monkeypatch)
    assert build(two_year_chronicle(), config, tmp_path / "t2") == []
    assert runs.years == ["2025"]


def test_pagefind_failing_everywhere_leaves_no_search(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_for("all", monkeypatch)
    diagnostics = build(two_year_chronicle(), config, tmp_path / "t1")
    assert [d.code for d in diagnostics] == ["C402"]
    assert "no search index" in diagnostics[0].message
    assert not (config.output / "pagefind").exists()


def test_no_event_pages_no_bundle(config: Config, tmp_path: Path) -> None:
    (tmp_path / "t1" / "events" / "notayear").mkdir(parents=True)
    (tmp_path / "t1" / "events" / "notayear" / "index.html").write_bytes(page())
    diagnostics = search.index_site(tmp_path / "t1", config)
    assert [(d.code, d.severity) for d in diagnostics] == [("C402", "info")]
    assert not (tmp_path / "t1" / "pagefind").exists()


def _link_copy(src: Path, dst: Path) -> None:
    """The previous site with every file hard-linked, as the site's page reuse does."""
    shutil.copytree(src, dst, copy_function=os.link)
    shutil.rmtree(dst / "pagefind")


def test_pages_linked_from_the_previous_site_are_not_read_again(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(two_year_chronicle(), config, tmp_path / "t1")
    reads: list[bytes] = []
    real = search.searchable
    monkeypatch.setattr(search, "searchable", lambda html: reads.append(html) or real(html))
    runs = Runs(monkeypatch)

    tmp = tmp_path / "t2"
    _link_copy(config.output, tmp)
    edited = next((tmp / "events" / "2025").rglob("index.html"))
    text = edited.read_text("utf-8").replace("</h1>", " (edited)</h1>", 1)
    edited.unlink()
    edited.write_text(text, "utf-8")  # a new file, as a re-rendered page is
    state = search._load_state(config)
    assert search.index_site(tmp, config) == []
    assert len(reads) == 1 and b"(edited)" in reads[0]
    assert runs.years == ["2025"]
    # The same keys as reading every page.
    for bundle in search.plan(tmp):
        fresh = search.bundle_key(tmp, config, bundle)
        memo = state["pages"][bundle.year]
        assert search.bundle_key(tmp, config, bundle, memo) == fresh  # type: ignore[arg-type]
    shutil.rmtree(config.output)
    os.rename(tmp, config.output)

    # A page changed in place (same inode, new mtime) is read again.
    reads.clear()
    runs.years.clear()
    tmp = tmp_path / "t3"
    _link_copy(config.output, tmp)
    page_2026 = next((tmp / "events" / "2026").rglob("index.html"))
    before = page_2026.stat()
    with open(page_2026, "r+b") as f:  # the same size, other bytes
        html = f.read()
        f.seek(0)
        f.write(html.replace(b"<h1", b"<H1", 1))
    os.utime(page_2026, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert search.index_site(tmp, config) == []
    assert len(reads) == 1 and b"<H1" in reads[0]
    assert runs.years == ["2026-q1"]


def test_newest_year_is_indexed_by_quarter(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document of today re-indexes this quarter, not the whole year."""
    runs = Runs(monkeypatch)
    assert build(two_year_chronicle(spring=True), config, tmp_path / "t1") == []
    assert sorted(runs.years) == ["2025", "2026-q1", "2026-q2"]
    root = config.output / "pagefind"
    assert 'const BUNDLES = ["2026-q2", "2026-q1", "2025"];' in (root / "pagefind.js").read_text()
    may = list((config.output / "events" / "2026" / "05").rglob("index.html"))
    assert page_count(root / "2026-q2") == len(may) > 0
    assert page_count(root) == len(list((config.output / "events").rglob("index.html")))
    runs.years.clear()
    edit = {"2026-02-05-train-drone-strike-9c0d-later": "Drone strike on a train in May"}
    assert build(two_year_chronicle(edit, spring=True), config, tmp_path / "t2") == []
    assert runs.years == ["2026-q2"]


def test_plan_keeps_every_page(tmp_path: Path) -> None:
    def make(*rels: str) -> Path:
        out = tmp_path / str(len(list(tmp_path.iterdir())))
        for rel in rels:
            (out / "events" / rel).mkdir(parents=True)
            (out / "events" / rel / "index.html").write_bytes(page())
        return out

    out = make("2024/12/31/a", "2026/01/02/b", "2026/11/03/c", "2025/06/01/d")
    assert [(b.name, b.glob, b.pages) for b in search.plan(out)] == [
        ("2024", "events/2024/**/*.html", ("12/31/a/index.html",)),
        ("2025", "events/2025/**/*.html", ("06/01/d/index.html",)),
        ("2026-q1", "events/2026/0[1-3]/**/*.html", ("01/02/b/index.html",)),
        ("2026-q4", "events/2026/1[0-2]/**/*.html", ("11/03/c/index.html",)),
    ]
    odd = make("2026/01/02/b", "2026/extra/x")  # not a month folder: the whole year
    assert [b.name for b in search.plan(odd)] == ["2026"]
    assert search.plan(make("misc/x")) == []


def test_indexing_the_live_folder_again_in_place(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(two_year_chronicle(), config, tmp_path / "t1")
    (config.output / "pagefind" / "1999").mkdir()  # a bundle no page belongs to any more
    runs = Runs(monkeypatch)
    assert search.index_site(config.output, config) == []
    assert runs.years == []
    root = config.output / "pagefind"
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == ["2025", "2026-q1"]
    assert 'const BUNDLES = ["2026-q1", "2025"];' in (root / "pagefind.js").read_text("utf-8")


def test_interrupted_indexing_stops_its_pagefind_processes(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(two_year_chronicle(), config, tmp_path / "t1")
    started: list[search._Run] = []
    real_init, real_key = search._Run.__init__, search.bundle_key

    def slow(out: Path, config: Config, bundle: search.Bundle) -> list[str]:
        return [sys.executable, "-c", "import time; time.sleep(60)"]

    def init(run, *args):  # noqa: ANN001, ANN002, ANN202
        real_init(run, *args)
        started.append(run)

    def key(out, config, bundle, *args):  # noqa: ANN001, ANN002, ANN202
        if bundle.name == "2025":  # after the newest bundle's Pagefind started
            raise KeyboardInterrupt
        return real_key(out, config, bundle, *args)

    monkeypatch.setattr(search, "pagefind_command", slow)
    monkeypatch.setattr(search._Run, "__init__", init)
    monkeypatch.setattr(search, "bundle_key", key)
    with pytest.raises(KeyboardInterrupt):
        search.index_site(tmp_path / "t1", config)
    assert [r.name for r in started] == ["2026-q1"]
    assert started[0].proc is not None and started[0].proc.poll() is not None
