"""A search bundle keeps what the site's search loads and drops Pagefind's other UIs."""

from __future__ import annotations

from conftest import BuiltSite

from chronicle.search import UI_FILES, UNUSED_FILES


def test_bundles_hold_no_unused_runtime(synthetic_site: BuiltSite) -> None:
    root = synthetic_site.out / "pagefind"
    bundles = [p for p in root.iterdir() if p.is_dir()]
    assert bundles
    for bundle in bundles:
        assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
        assert any(bundle.glob("wasm.*.pagefind")), bundle
        assert [n for n in UNUSED_FILES if (bundle / n).exists()] == [], bundle
    assert all((root / name).is_file() for name in UI_FILES)
