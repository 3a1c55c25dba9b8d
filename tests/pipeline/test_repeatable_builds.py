"""Two builds of the same input are byte-identical.

The second build runs in another folder (same relative layout), in another interpreter
with another hash seed, and with the cache the first build filled, so neither set order,
absolute paths nor a warm cache may leak into the output.
"""

from __future__ import annotations

import os

import pytest
from helpers.hostile_gen import (
    Built,
    bom_crlf,
    build_once,
    copy_seeds,
    cr_only,
    describe,
    fill_seeds,
    fill_seeds_and_hostile,
    load_events,
    tree_hashes,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once("hostile", tmp_path_factory.mktemp("hostile"), fill_seeds_and_hostile)


@pytest.fixture(scope="module")
def second(first: Built, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(
        "hostile-again",
        tmp_path_factory.mktemp("hostile-again"),
        _fill_again,
        cache=first.root / "cache",
    )


def _fill_again(src) -> None:
    """The same input once more, as a fresh checkout has it: every file with another mtime."""
    fill_seeds_and_hostile(src)
    for path in src.iterdir():
        os.utime(path, (978_307_200, 978_307_200))  # 2001-01-01


def _diff(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def test_two_builds_are_byte_identical(first: Built, second: Built) -> None:
    assert first.run.code == 0 and second.run.code == 0, describe(second.run)
    a = tree_hashes(first.out, skip=("pagefind",))
    b = tree_hashes(second.out, skip=("pagefind",))
    assert a, "nothing was built"
    changed = _diff(a, b)
    assert not changed, f"{len(changed)} of {len(a)} files differ between builds: {changed[:15]}"


def test_pagefind_indexes_the_same_pages(first: Built, second: Built) -> None:
    """Pagefind 1.x is not byte-repeatable (the same site indexed twice differs in ~4% of
    its files), so its folder is left out above; both indexes must cover the same pages."""
    import json

    counts = []
    for built in (first, second):
        entry = built.out / "pagefind" / "pagefind-entry.json"
        assert entry.is_file(), "no pagefind/pagefind-entry.json: the search index is missing"
        langs = json.loads(entry.read_text("utf-8"))["languages"]
        counts.append({k: v["page_count"] for k, v in langs.items()})
    assert counts[0] == counts[1] and sum(counts[0].values()) > 0, counts


def _fill_windows_and_mac(src) -> None:
    copy_seeds(src)
    windows, mac = sorted(src.glob("*.txt"))[:2]
    windows.write_bytes(bom_crlf(windows.read_text("utf-8")))
    mac.write_bytes(cr_only(mac.read_text("utf-8")))


def test_bom_crlf_and_cr_seeds_read_exactly_like_clean_ones(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    clean = build_once("seeds", tmp_path_factory.mktemp("seeds"), fill_seeds)
    odd = build_once(
        "seeds-bom-crlf-cr",
        tmp_path_factory.mktemp("seeds-bom-crlf-cr"),
        _fill_windows_and_mac,
        extra=("--no-search",),
        cache=clean.root / "cache",
    )
    assert odd.run.code == 0 and "Traceback" not in odd.run.output, describe(odd.run)
    assert load_events(odd.out) == load_events(clean.out), (
        "seeds saved with a BOM + CRLF (first) and CR only (second) give other events"
    )
    noisy = [ln for ln in odd.run.stderr.splitlines() if "000_" in ln or "001_" in ln]
    clean_noise = [ln for ln in clean.run.stderr.splitlines() if "000_" in ln or "001_" in ln]
    assert len(noisy) == len(clean_noise), f"line ends changed the messages: {noisy[:5]}"
