"""Packaging: a plain (non-editable) install must carry every subpackage and the
bundled templates and static files (H6 finding: wheels shipped without them)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_every_subpackage_is_listed_for_wheels() -> None:
    listed = set(_config()["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "chronicle").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_templates_and_static_ship_inside_the_package() -> None:
    cfg = _config()
    assert cfg["package-dir"] == {"chronicle.templates": "templates", "chronicle.static": "static"}
    for name in ("chronicle.templates", "chronicle.static"):
        assert name in cfg["packages"]
        assert cfg["package-data"][name]
    assert (ROOT / "templates" / "base.html").is_file()
    assert (ROOT / "static" / "style.css").is_file()
