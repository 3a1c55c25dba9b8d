"""Search on the real seeds: the per-period Pagefind bundles of a rebuild are reused when
nothing Pagefind reads changed, and an incremental search index equals one from scratch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chronicle import build as build_module
from chronicle.config import Config

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def bundles(site: Path) -> dict[str, dict[str, int]]:
    """Each bundle's page count and number of files of each kind."""
    found = {}
    for folder in sorted(p for p in (site / "pagefind").iterdir() if p.is_dir()):
        entry = json.loads((folder / "pagefind-entry.json").read_text("utf-8"))
        found[folder.name] = {
            "pages": sum(lang["page_count"] for lang in entry["languages"].values()),
            **{kind: len(list((folder / kind).iterdir())) for kind in ("fragment", "filter")},
        }
    return found


def inodes(site: Path) -> dict[str, int]:
    root = site / "pagefind"
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def test_seed_bundles_reused_and_equal_to_a_fresh_index(tmp_path: Path, seeds_cache: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(seeds_cache, tmp_path / "c", ignore=shutil.ignore_patterns("trash"))
    config = Config(source=tmp_path / "seeds", output=tmp_path / "site", cache_dir=tmp_path / "c")
    first = build_module.build(config)
    assert not [d for d in first.diagnostics if d.code == "C402"]
    before = inodes(config.output)
    assert bundles(config.output) and "pagefind.js" in before

    # A layout change: every page is rewritten, no bundle is re-indexed.
    override = tmp_path / "override"
    override.mkdir()
    base = (ROOT / "templates" / "base.html").read_text("utf-8")
    (override / "base.html").write_text(base.replace("</footer>", "edited</footer>"), "utf-8")
    layout = config.replace(templates=(override,))
    build_module.build(layout)
    after = inodes(config.output)
    assert {k: v for k, v in after.items() if "/" in k} == {
        k: v for k, v in before.items() if "/" in k
    }  # every file of every bundle is the same file

    # An edited seed: the incremental index covers what an index from scratch does.
    seed = sorted(p for p in layout.source.iterdir() if p.suffix == ".txt")[0]
    text = seed.read_text("utf-8")
    seed.write_text(text.replace("Zelensky", "Zelenskyy", 3), "utf-8")
    build_module.build(layout)
    assert inodes(config.output)["pagefind-ui.js"] != after["pagefind-ui.js"]  # re-indexed
    fresh = layout.replace(output=tmp_path / "fresh")  # no search state for this folder
    build_module.build(fresh)
    assert bundles(config.output) == bundles(fresh.output)
    for name in ("pagefind.js", "pagefind-entry.json"):
        assert (config.output / "pagefind" / name).read_bytes() == (
            fresh.output / "pagefind" / name
        ).read_bytes()
