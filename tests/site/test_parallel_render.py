"""Pages rendered by forked shards give the same files as one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.factories import make_chronicle

import chronicle.site as site
from chronicle.config import Config
from chronicle.site.context import build_context
from chronicle.site.pages import all_pages
from chronicle.site.render import Writer, make_env
from chronicle.site.scheduler import Scheduler, install_globals
from chronicle.site.sitedata import SiteData


def _tree(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_two_render_processes_write_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chronicle = make_chronicle(extra_days=30)
    config = Config(source=tmp_path, page_size=5)
    trees = []
    for n in (1, 2, 3):
        monkeypatch.setattr(site, "_render_processes", lambda _c, _e, n=n: n)
        out = tmp_path / f"out{n}"
        site.write_site(chronicle, config, out)
        trees.append(_tree(out))
    assert len(trees[0]) > 50
    assert trees[0] == trees[1] == trees[2]


def test_shards_split_the_pages_between_them(tmp_path: Path) -> None:
    chronicle = make_chronicle(extra_days=10)
    config = Config(source=tmp_path)
    data = SiteData(build_context(chronicle, config), [])
    seen = []
    for k in range(2):
        writer = Writer(tmp_path / f"s{k}", make_env(config))
        install_globals(writer.env, data)
        Scheduler(writer, shard=(k, 2)).run(all_pages(data))
        seen.append(set(writer.pages))
    assert seen[0] and seen[1] and not seen[0] & seen[1]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_template_error_in_a_shard_is_a_build_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronicle.errors import BuildError

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "event.html").write_text(
        "{% extends 'base.html' %}{% block content %}{{ no_such_name }}{% endblock %}", "utf-8"
    )
    monkeypatch.setattr(site, "_render_processes", lambda _c, _e: 2)
    with pytest.raises(BuildError, match="event.html"):
        site.write_site(
            make_chronicle(), Config(source=tmp_path, templates=(templates,)), tmp_path / "o"
        )
