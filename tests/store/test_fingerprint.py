"""Store keys are made from content only: bytes, paths, texts and versions, never mtimes."""

from __future__ import annotations

import os
from pathlib import Path

from chronicle.store import code_key, digest, package_versions, text_key, tree_fingerprint


def test_tree_fingerprint_is_content_not_mtime(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("alpha")
    (src / "sub" / "b.md").write_text("beta")
    fp = tree_fingerprint(src)
    os.utime(src / "a.txt", (1, 1))
    assert tree_fingerprint(src) == fp  # touched, same bytes
    (src / "a.txt").write_text("alpha!")
    assert tree_fingerprint(src) != fp
    (src / "a.txt").write_text("alpha")
    (src / "sub" / "b.md").rename(src / "b.md")
    assert tree_fingerprint(src) != fp  # moved file: ids change, so must the fingerprint
    assert tree_fingerprint(src, extra=["x"]) != tree_fingerprint(src, extra=["y"])
    assert tree_fingerprint(tmp_path / "missing") != tree_fingerprint(src)


def test_digest_separates_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest("x") and len(digest("x")) == 16
    assert text_key("x") != text_key("x ") and len(text_key("x")) == 64


def test_code_key_follows_the_code_and_the_extras(tmp_path: Path) -> None:
    module = tmp_path / "stage.py"
    module.write_text("X = 1\n")
    key = code_key(module, extra=["layout=1"])
    assert code_key(module, extra=["layout=1"]) == key
    assert code_key(module, extra=["layout=2"]) != key
    module.write_text("X = 2\n")
    assert code_key(module, extra=["layout=1"]) != key


def test_package_versions_name_missing_packages() -> None:
    found, missing = package_versions("pyyaml", "no-such-package-for-chronicle")
    assert found.startswith("pyyaml=") and found != "pyyaml=?"
    assert missing == "no-such-package-for-chronicle=?"
