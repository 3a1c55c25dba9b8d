"""Shared fixtures: sites built from the synthetic chronicle in tests/factories.py."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import warm
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


@pytest.fixture(scope="session", autouse=True)
def _shared_seeds_build(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Where :mod:`helpers.warm` keeps the one cold build of the seeds of this run."""
    warm.set_root(warm.shared_root(tmp_path_factory.getbasetemp()))


@pytest.fixture(scope="session")
def seeds_cache() -> Path:
    """A cache holding the seeds' analyses and gathered chronicle, made once per test
    run: tests about the seeds' *site* start from a copy (:func:`warm_seeds_cache`),
    so their builds only render (the output equals a cold build's: the incremental and
    repeatable-build tests guard that)."""
    return warm.seeds_cache()


@pytest.fixture(scope="module")
def warm_seeds_cache(seeds_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A module's own copy of :func:`seeds_cache` (its builds write their state into it)."""
    dest = tmp_path_factory.mktemp("seeds-cache") / "cache"
    shutil.copytree(seeds_cache, dest, ignore=shutil.ignore_patterns("trash"))
    return dest
