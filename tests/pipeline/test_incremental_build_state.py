"""Rebuilds are incremental by content hash (never mtimes), on the real seeds.

Every cache starts with the seeds' stored NLP results (:func:`helpers.warm.seed_nlp`):
what is gathered, rendered and linked is decided as after a cold build.

A rebuild with nothing changed reuses the gathered chronicle and writes nothing; a template
change re-renders without re-gathering; an input change re-gathers; a hand-damaged output
is rebuilt; the replaced site goes to the cache's trash, not beside the output.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from helpers import warm

from chronicle import build as build_module
from chronicle import output, pipeline
from chronicle.config import Config

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture()
def project(tmp_path: Path) -> Config:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return Config(
        source=tmp_path / "seeds",
        output=tmp_path / "site",
        cache_dir=warm.seed_nlp(tmp_path / "cache"),
        search=False,
    )


def _count_gathers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    fresh = pipeline._gather_fresh

    def counting(config, reporter):  # noqa: ANN001, ANN202
        calls.append(1)
        return fresh(config, reporter)

    monkeypatch.setattr(pipeline, "_gather_fresh", counting)
    return calls


def test_unchanged_rebuild_gathers_and_writes_nothing(
    project: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_module.build(project)
    assert not first.skipped
    index = project.output / "index.html"
    inode = index.stat().st_ino
    calls = _count_gathers(monkeypatch)

    again = build_module.build(project)

    assert again.skipped and calls == []
    assert again.pages == first.pages
    assert index.stat().st_ino == inode  # the same file: nothing was rewritten
    assert len(again.chronicle.events) == len(first.chronicle.events)


def test_template_change_renders_without_gathering(
    project: Config, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build_module.build(project)
    override = tmp_path / "override"
    override.mkdir()
    (override / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Lost: edited</h1>{% endblock %}', "utf-8"
    )
    calls = _count_gathers(monkeypatch)

    report = build_module.build(project.replace(templates=(override,)))

    assert not report.skipped and calls == []
    assert "Lost: edited" in (project.output / "404.html").read_text("utf-8")


def test_input_change_gathers_again(project: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    build_module.build(project)
    calls = _count_gathers(monkeypatch)
    seed = sorted(project.source.iterdir())[0]
    seed.write_text(seed.read_text("utf-8") + "\nA line added by an editor.\n", "utf-8")

    report = build_module.build(project)

    assert not report.skipped and calls == [1]


def test_touching_a_file_changes_nothing(project: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    build_module.build(project)
    calls = _count_gathers(monkeypatch)
    for path in project.source.iterdir():
        os.utime(path, (1_000_000_000, 1_000_000_000))  # mtimes are never a key

    assert build_module.build(project).skipped and calls == []


def test_damaged_output_is_rebuilt(project: Config) -> None:
    build_module.build(project)
    events = project.output / "data" / "index.json"
    events.unlink()

    report = build_module.build(project)

    assert not report.skipped
    assert json.loads(events.read_text("utf-8"))["years"]


def test_replaced_site_goes_to_the_cache_trash(
    project: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_module.build(project)
    (project.output / "marker.txt").write_text("old site", "utf-8")  # forces a rebuild

    class Idle:  # keep the background deletion from running, to see where the old site went
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def start(self) -> None:
            pass

    monkeypatch.setattr("threading.Thread", Idle)
    build_module.build(project)

    assert not (project.output / "marker.txt").exists()
    trashed = list((project.cache_dir / "trash").glob("*/marker.txt"))
    assert [p.read_text("utf-8") for p in trashed] == ["old site"]
    siblings = [p.name for p in project.output.parent.iterdir()]
    assert not [n for n in siblings if n.startswith((".site.old", ".site.tmp"))], siblings


def test_undated_file_takes_the_corpus_date_not_its_mtime(project: Config) -> None:
    undated = project.source / "zz_undated.txt"
    undated.write_text(
        "Power cut in the capital\n\nEngineers restored electricity to thousands of homes "
        "after a substation failed, the city administration said.\n",
        "utf-8",
    )
    os.utime(undated, (978_307_200, 978_307_200))  # 2001-01-01

    chronicle = build_module.gather(project)

    dates = {
        p.reported.value
        for p in chronicle.passages.values()
        if p.passage.path.endswith("zz_undated.txt")
    }
    seed_dates = {
        p.reported.value
        for p in chronicle.passages.values()
        if not p.passage.path.endswith("zz_undated.txt")
    }
    assert dates == {max(seed_dates)}
    assert any(d.code == "C205" and "zz_undated" in (d.path or "") for d in chronicle.diagnostics)


ADDED = """---
title: Drone attack on Odesa port
date: 2026-01-06
publisher: Example News
url: https://example.org/odesa-port
---

Russian drones struck port facilities in Odesa overnight, killing two people and
injuring five, the regional governor Oleh Kiper said on Tuesday.
"""


def _tree(root: Path) -> dict[str, bytes]:
    """Every output file but Pagefind's (its file names are random), by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(root).parts
    }


def _scratch(project: Config, tmp_path: Path, name: str) -> dict[str, bytes]:
    fresh = project.replace(
        output=tmp_path / f"{name}-site", cache_dir=warm.seed_nlp(tmp_path / f"{name}-cache")
    )
    build_module.build(fresh)
    return _tree(fresh.output)


def test_added_document_links_unchanged_pages(project: Config, tmp_path: Path) -> None:
    """One added document: most pages are linked from the previous site, and the site is
    byte for byte what a from-scratch build of the new source writes."""
    first = build_module.build(project)
    assert first.reused == 0
    old_home = (project.output / "index.html").stat().st_ino
    (project.source / "added.md").write_text(ADDED, "utf-8")

    report = build_module.build(project)

    assert report.pages > first.pages
    assert report.reused > first.pages // 2
    assert _tree(project.output) == _scratch(project, tmp_path, "scratch")
    assert (project.output / "index.html").stat().st_ino != old_home  # home always rendered


def test_removed_document_matches_scratch(project: Config, tmp_path: Path) -> None:
    (project.source / "added.md").write_text(ADDED, "utf-8")
    build_module.build(project)
    (project.source / "added.md").unlink()

    report = build_module.build(project)

    assert report.reused > 0
    assert _tree(project.output) == _scratch(project, tmp_path, "scratch")


def test_hand_edited_output_is_never_linked(project: Config, tmp_path: Path) -> None:
    """A page edited after the build (same size, new mtime) makes the whole output
    untrusted: nothing is linked from it, and the edit does not survive."""
    build_module.build(project)
    page = next(p for p in (project.output / "events").rglob("index.html"))
    data = page.read_bytes()
    page.write_bytes(data.replace(b"<h1", b"<H1", 1))
    os.utime(page, ns=(page.stat().st_mtime_ns + 5_000_000_000,) * 2)
    (project.source / "added.md").write_text(ADDED, "utf-8")

    report = build_module.build(project)

    assert report.reused == 0
    assert page.read_bytes() == data
    assert _tree(project.output) == _scratch(project, tmp_path, "scratch")


def test_page_keys_bound_to_the_output_they_describe(
    project: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys stored for a site that never reached the output folder are never used."""
    build_module.build(project)
    (project.source / "added.md").write_text(ADDED, "utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(output, "swap", fail)
    with pytest.raises(OSError):
        build_module.build(project)
    monkeypatch.undo()
    (project.source / "added.md").unlink()
    (project.source / "other.md").write_text(ADDED.replace("Odesa", "Mykolaiv"), "utf-8")

    build_module.build(project)

    assert _tree(project.output) == _scratch(project, tmp_path, "scratch")
