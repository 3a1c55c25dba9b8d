"""A template edit changes pages, never the data files (exports, calendars, the map
drawing): a rebuild after one links them from the previous site instead of writing them
again, and they are still the bytes a from-scratch build writes."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from helpers.digests import write_digests

from chronicle.build import build
from chronicle.config import Config
from chronicle.site.render import BUNDLED_TEMPLATES


def _config(tmp_path: Path) -> Config:
    src, site, cache = tmp_path / "src", tmp_path / "site", tmp_path / "cache"
    return Config(source=src, output=site, cache_dir=cache, search=False)


def _built(tmp_path: Path, days: int) -> tuple[Config, dict[str, tuple[int, bytes]]]:
    """``days`` digests built into ``tmp_path/site``: the config and its data files."""
    write_digests(tmp_path / "src", days)
    config = _config(tmp_path)
    build(config)
    return config, _data_files(tmp_path / "site")


def _edited_templates(folder: Path) -> Path:
    folder.mkdir()
    base = (BUNDLED_TEMPLATES / "base.html").read_text("utf-8")
    (folder / "base.html").write_text(base.replace("</body>", "<!-- edited --></body>"), "utf-8")
    return folder


def _data_files(site: Path) -> dict[str, tuple[int, bytes]]:
    """Every file that is not a page: (inode, bytes) by path."""
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
        and p.suffix in (".gz", ".json", ".ics", ".svg", ".csv", ".geojson")
        and not p.relative_to(site).as_posix().startswith(("pagefind/", "static/"))
    }


def test_a_template_edit_links_the_data_files_and_they_equal_a_fresh_build(
    tmp_path: Path,
) -> None:
    config, before = _built(tmp_path, 3)
    assert any(name.startswith("data/") for name in before) and len(before) > 3

    edited = dataclasses.replace(config, templates=[_edited_templates(tmp_path / "tpl")])
    build(edited)
    after = _data_files(tmp_path / "site")
    assert "<!-- edited -->" in (tmp_path / "site" / "index.html").read_text("utf-8")
    assert after == before  # same bytes, same files (linked, not written)

    fresh = dataclasses.replace(edited, output=tmp_path / "fresh", cache_dir=tmp_path / "c2")
    build(fresh)
    assert {k: v[1] for k, v in _data_files(tmp_path / "fresh").items()} == {
        k: v[1] for k, v in after.items()
    }


def test_new_input_or_an_edited_data_file_writes_them_again(tmp_path: Path) -> None:
    config, before = _built(tmp_path, 2)
    write_digests(tmp_path / "src", 3)  # a new digest: the exports change
    build(dataclasses.replace(config, templates=[_edited_templates(tmp_path / "tpl")]))
    after = _data_files(tmp_path / "site")
    assert all(after[name][0] != before[name][0] for name in before if name in after)

    # A hand-edited output is not trusted: nothing is linked from it.
    name = next(n for n in after if n.startswith("data/"))
    target = tmp_path / "site" / name
    data = target.read_bytes()
    os.unlink(target)
    target.write_bytes(data)
    shutil.copytree(tmp_path / "tpl", tmp_path / "tpl2")
    (tmp_path / "tpl2" / "base.html").write_text(
        (tmp_path / "tpl" / "base.html").read_text("utf-8").replace("edited", "again"), "utf-8"
    )
    inodes = {n: v[0] for n, v in _data_files(tmp_path / "site").items()}
    build(dataclasses.replace(config, templates=[tmp_path / "tpl2"]))
    again = _data_files(tmp_path / "site")
    assert all(again[n][0] != inodes[n] for n in inodes if n in again)
    assert {k: v[1] for k, v in again.items()} == {k: v[1] for k, v in after.items()}
