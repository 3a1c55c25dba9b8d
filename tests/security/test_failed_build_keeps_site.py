"""A failed build leaves the previous site intact, says why in one line, and shows
no traceback (a broken template override, a disk that fills up while writing, a rename that
fails during the final swap).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.hostile_gen import Built, build_once, describe, fill_seeds, run_cli, tree_hashes

pytestmark = pytest.mark.slow

#: Patches run in the child interpreter before the CLI starts.
DISK_FULL = """
import chronicle.site as _site
_real = _site.write_site
def _write_then_fail(chronicle, config, out, *a, **k):
    _real(chronicle, config, out, *a, **k)
    raise OSError(28, "No space left on device")
_site.write_site = _write_then_fail
"""
RENAME_FAILS = """
import os, pathlib
_real = pathlib.Path.rename
def _rename(self, target):
    if ".tmp-" in self.name:
        raise OSError(18, "Invalid cross-device link")
    return _real(self, target)
pathlib.Path.rename = _rename
_real_os = os.rename
def _os_rename(src, dst, *a, **k):
    if ".tmp-" in os.path.basename(os.fspath(src)):
        raise OSError(18, "Invalid cross-device link")
    return _real_os(src, dst, *a, **k)
os.rename = _os_rename
os.replace = _os_rename
"""


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_once("seeds", tmp_path_factory.mktemp("seeds"), fill_seeds)
    assert built.run.code == 0, describe(built.run)
    return built


def _previous_site(seeds: Built, root: Path) -> dict[str, str]:
    """A copy of the seeds build as "the previous site" in ``root``; its hashes."""
    shutil.copytree(seeds.src, root / "src")
    shutil.copytree(seeds.out, root / "site", symlinks=True)
    return tree_hashes(root / "site")


def _rebuild(seeds: Built, root: Path, *extra: str, prelude: str = ""):  # noqa: ANN202
    """``chronicle build`` of ``root/src`` into ``root/site`` on the seeds' warm cache."""
    args = ["build", "--source", "src", "--out", "site"]
    args += ["--cache-dir", str(seeds.root / "cache"), *extra, "--no-search"]
    return run_cli(args, cwd=root, prelude=prelude)


def _assert_failed_cleanly(root: Path, before: dict[str, str], run, *, args: str) -> None:
    assert "Traceback" not in run.output, describe(run)
    assert run.code not in (0, None), f"{args}: the build should fail\n{describe(run)}"
    assert run.stderr.strip(), f"{args}: failed without saying why\n{describe(run)}"
    after = tree_hashes(root / "site")
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"{args}: the previous site changed: {changed[:10]}"
    leftovers = sorted(p.name for p in root.iterdir() if p.name not in {"src", "site", "tpl"})
    assert not leftovers, f"{args}: left behind {leftovers}"


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("base.html", "{% if %}broken{% endif"),  # syntax error: fails on load
        ("event.html", '{% include "no-such-partial.html" %}'),  # fails while rendering
    ],
)
def test_broken_template_override_keeps_previous_site(
    seeds: Built, tmp_path: Path, template: str, text: str
) -> None:
    before = _previous_site(seeds, tmp_path)
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / template).write_text(text, "utf-8")
    run = _rebuild(seeds, tmp_path, "--templates", "tpl")
    _assert_failed_cleanly(tmp_path, before, run, args=f"--templates with broken {template}")
    assert template in run.output, f"the message does not name {template}\n{describe(run)}"


@pytest.mark.parametrize(
    ("why", "prelude"), [("disk full", DISK_FULL), ("rename fails", RENAME_FAILS)]
)
def test_failed_write_keeps_previous_site(
    seeds: Built, tmp_path: Path, why: str, prelude: str
) -> None:
    before = _previous_site(seeds, tmp_path)
    run = _rebuild(seeds, tmp_path, prelude=prelude)
    _assert_failed_cleanly(tmp_path, before, run, args=why)


def test_debug_shows_the_traceback(seeds: Built, tmp_path: Path) -> None:
    """--debug is the one way to see a traceback (so the clean message is not luck)."""
    _previous_site(seeds, tmp_path)
    run = _rebuild(seeds, tmp_path, "--debug", prelude=DISK_FULL)
    assert run.code != 0
    assert "Traceback" in run.output and "No space left" in run.output, describe(run)
