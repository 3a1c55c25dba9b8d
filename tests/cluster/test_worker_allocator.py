"""Dask workers reuse large freed blocks although their nanny sets MALLOC_TRIM_THRESHOLD_.

With that variable set, glibc stops adapting its mmap threshold, so every block over
128 KiB is mapped afresh (and its pages faulted in again) on each allocation; the
worker plugin puts both thresholds where glibc would adapt them
(:func:`chronicle.runtime.reuse_large_blocks`).
Counted here in minor page faults of a fresh interpreter allocating 1 MiB blocks.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from chronicle.runtime import reuse_large_blocks

ALLOCATE = """
import resource, sys
from chronicle.runtime import reuse_large_blocks
changed = reuse_large_blocks() if sys.argv[1] == "fix" else False
keep = []
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(300):
    block = bytearray(1 << 20)  # 256 pages, touched
    keep.append(bytearray(1024))  # malloc, not pymalloc: the freed block is not the top
    del block
print(changed, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str, env: dict[str, str]) -> tuple[bool, int]:
    out = subprocess.run(
        [sys.executable, "-c", ALLOCATE, mode], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return out[0] == "True", int(out[1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_large_blocks_are_reused_under_a_nanny_trim_threshold() -> None:
    nanny = dict(os.environ, MALLOC_TRIM_THRESHOLD_="65536")
    changed, fixed = _faults("fix", nanny)
    _, frozen = _faults("keep", nanny)
    assert changed
    assert frozen > 300 * 200  # every 1 MiB block mapped and faulted in again
    assert fixed < frozen / 10


def test_nothing_changes_without_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    assert reuse_large_blocks() is False
