"""A JSON data file in the input folder (a scraper's metadata, an export) is data, not
news: it is skipped with a diagnostic instead of becoming events of keys and quotes."""

from __future__ import annotations

from pathlib import Path

from chronicle.config import Config
from chronicle.readers import read_file


def test_json_metadata_file_is_skipped_with_a_diagnostic(tmp_path: Path) -> None:
    f = tmp_path / "page.expected-metadata.json"
    f.write_text('{"title": "Harbour reopens", "byline": "Ann Lee", "siteName": "Gazette"}\n')
    res = read_file(f, f.name, Config())
    assert res.documents == ()
    assert [d.code for d in res.diagnostics] == ["C112"]


def test_a_json_suffix_on_prose_is_still_read(tmp_path: Path) -> None:
    f = tmp_path / "notes.json"
    f.write_text("Engineers reopened the harbour bridge on Monday after a week of repairs.\n")
    res = read_file(f, f.name, Config())
    assert res.documents and not [d for d in res.diagnostics if d.code == "C112"]
