"""No module of the package grows past ~500 lines: a module that big mixes concerns and
is split along them (as ``merge/``, ``entities/`` and ``store/`` are)."""

from __future__ import annotations

from pathlib import Path

import chronicle

PACKAGE = Path(chronicle.__file__).resolve().parent
MAX_LINES = 500


def test_no_module_over_the_limit() -> None:
    sizes = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text("utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 30
    too_big = {name: n for name, n in sorted(sizes.items()) if n > MAX_LINES}
    assert not too_big, f"modules over {MAX_LINES} lines: {too_big}"
