"""Shared fixtures: sites built from the synthetic chronicle in tests/factories.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.factories import make_chronicle

from chronicle.config import Config
from chronicle.model import Chronicle, Diagnostic


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``long`` first: started last, one of them would run alone on one
    worker while the other worker has nothing left to do."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@dataclass
class BuiltSite:
    out: Path
    config: Config
    chronicle: Chronicle
    diagnostics: list[Diagnostic]


def build_synthetic(out: Path, search: bool = False, **config: object) -> BuiltSite:
    from chronicle.search import index_site
    from chronicle.site import write_site

    cfg = Config(**config)  # type: ignore[arg-type]
    chron = make_chronicle()
    diags = write_site(chron, cfg, out)
    if search:
        diags += index_site(out, cfg)
    return BuiltSite(out, cfg, chron, diags)


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The synthetic chronicle at the site root, with its Pagefind index."""
    return build_synthetic(tmp_path_factory.mktemp("site-root") / "site", search=True)


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The same chronicle for GitHub Pages under https://user.github.io/repo/."""
    return build_synthetic(
        tmp_path_factory.mktemp("site-sub") / "site",
        search=True,
        base_url="https://user.github.io/repo/",
    )
