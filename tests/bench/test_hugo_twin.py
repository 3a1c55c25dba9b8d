"""The Hugo twin site: same events, same taxonomies, searchable event pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.benchmod import load_bench

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "tests" / "fixtures" / "bench" / "events_small.json"


_load = load_bench


twin = _load("hugo_twin")


def _pages(project: Path) -> list[dict]:
    out = []
    for path in sorted((project / "content" / "events").rglob("*.md")):
        if path.name != "_index.md":
            out.append(json.loads(path.read_text("utf-8").split("\n\n", 1)[0]))
    return out


def test_one_page_per_event_with_taxonomies(tmp_path: Path) -> None:
    n = twin.write_twin(EVENTS, tmp_path / "site")
    data = json.loads(EVENTS.read_text("utf-8"))
    pages = _pages(tmp_path / "site")
    assert n == len(data["events"]) == len(pages)
    by_title = {p["title"]: p for p in pages}
    for e in data["events"]:
        fm = by_title[e["title"]]
        assert fm["date"] == e["date"]
        assert fm["actors"] == [a["name"] for a in e["actors"]]
        assert fm["places"] == [p["name"] for p in e["places"]]
        topic_name = {t["id"]: t["name"] for t in data["topics"]}[e["topic"]]
        assert fm["topics"] == [topic_name]
        assert [s["text"] for s in fm["sources"]] == [s["text"] for s in e["sources"]]
    toml = (tmp_path / "site" / "hugo.toml").read_text()
    assert 'actor = "actors"' in toml and "paginate = 50" in toml


def test_rewrite_replaces_old_content(tmp_path: Path) -> None:
    stale = tmp_path / "site" / "content" / "events" / "old.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    twin.write_twin(EVENTS, tmp_path / "site")
    assert not stale.exists()


@pytest.mark.skipif(shutil.which("hugo") is None, reason="needs the Debian hugo package")
def test_hugo_and_pagefind_build_the_twin(tmp_path: Path) -> None:
    twin.write_twin(EVENTS, tmp_path / "site")
    t = twin.build_twin(tmp_path / "site")
    public = tmp_path / "site" / "public"
    events = list((public / "events").rglob("index.html"))
    assert len([p for p in events if "/page/" not in str(p)]) >= 6
    assert (public / "actors" / "vladimir-putin" / "index.html").is_file()
    assert (public / "places" / "kharkiv" / "index.html").is_file()
    assert (public / "pagefind" / "pagefind-entry.json").is_file()
    entry = json.loads((public / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 6  # only event pages are indexed
    assert t.hugo > 0 and t.pagefind > 0 and t.pages >= 20
