"""Hostile documents at the reader level (fast, no NLP): every hostile file is read without raising,
bad ones get a diagnostic naming the file, non-UTF-8 text is decoded to the right text,
and a BOM, CRLF or CR-only copy reads exactly like the clean file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.hostile_gen import (
    CP1251_TEXT,
    EXPECT,
    LATIN1_TEXT,
    SEEDS,
    bom_crlf,
    cr_only,
    write_hostile,
)

from chronicle.config import Config
from chronicle.errors import CODES
from chronicle.model import ReadResult


def _read(path: Path, display: str | None = None) -> ReadResult:
    from chronicle.readers import read_file  # imported late: a missing reader fails here

    return read_file(path, display or f"src/{path.name}", Config())


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("hostile-files")
    write_hostile(dest)
    return dest


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_reader_never_raises_and_names_the_file(hostile_dir: Path, name: str) -> None:
    result = _read(hostile_dir / name)
    assert isinstance(result, ReadResult)
    for d in result.diagnostics:
        assert d.path == f"src/{name}", f"diagnostic names another file: {d}"
        assert d.code in CODES, f"unknown diagnostic code: {d}"
    if EXPECT[name].named and name not in {"zz_copy_of_cyrillic_diacritics.md"}:
        # a duplicate is only known across files, and a bad date only when dating
        if not name.startswith("date_"):
            assert result.diagnostics, f"{name}: read without any diagnostic"
    for doc in result.documents:
        numbers = [ln.number for ln in doc.lines]
        assert numbers == sorted(set(numbers)), f"{name}: line numbers repeat or run backwards"


@pytest.mark.parametrize(
    "name", ["binary_nul.txt", "png_disguised.md", "empty.txt", "whitespace_only.txt"]
)
def test_unreadable_files_give_no_passages(hostile_dir: Path, name: str) -> None:
    result = _read(hostile_dir / name)
    assert not [p for d in result.documents for p in d.passages], name
    assert result.diagnostics, f"{name}: skipped without a word"


@pytest.mark.parametrize(
    ("name", "text"), [("cp1251_news.txt", CP1251_TEXT), ("latin1_news.txt", LATIN1_TEXT)]
)
def test_non_utf8_text_is_decoded_right(hostile_dir: Path, name: str, text: str) -> None:
    result = _read(hostile_dir / name)
    shown = "\n".join(ln.text for d in result.documents for ln in d.lines)
    wrong = [ln for ln in text.splitlines() if ln.strip() and ln not in shown]
    assert not wrong, f"{name}: decoded wrongly, e.g. {wrong[:2]} (shown: {shown[:300]!r})"
    assert any(d.code == "C103" for d in result.diagnostics), result.diagnostics


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
@pytest.mark.parametrize("variant", ["bom+crlf", "cr"])
def test_bom_crlf_cr_read_exactly_like_clean(tmp_path: Path, seed: str, variant: str) -> None:
    clean = SEEDS / seed
    odd = tmp_path / seed
    text = clean.read_text("utf-8")
    odd.write_bytes(bom_crlf(text) if variant == "bom+crlf" else cr_only(text))
    a = _read(clean, f"seeds/{seed}")
    b = _read(odd, f"seeds/{seed}")
    assert a.documents, "the clean seed yields no documents"
    assert b.documents == a.documents, f"{variant} copy of {seed} reads differently"
    assert b.diagnostics == a.diagnostics


def test_front_matter_url_only_http(hostile_dir: Path) -> None:
    for name in ("xss_front_matter.md", "xss_data_url.md"):
        result = _read(hostile_dir / name)
        for doc in result.documents:
            assert doc.url is None or doc.url.startswith(("http://", "https://")), doc.url
        assert any(d.code == "C109" for d in result.diagnostics), (name, result.diagnostics)


@pytest.mark.parametrize("name", [n for n in EXPECT if n.startswith("frontmatter_")])
def test_malformed_front_matter_keeps_the_body(hostile_dir: Path, name: str) -> None:
    result = _read(hostile_dir / name)
    assert any(d.code == "C105" for d in result.diagnostics), result.diagnostics
    lines = hostile_dir.joinpath(name).read_text("utf-8").splitlines()
    body = next(ln for ln in lines[5:] if len(ln) > 60)
    shown = [ln.text for d in result.documents for ln in d.lines]
    assert body in shown, f"{name}: the body line is lost"
    passages = " ".join(p.text for d in result.documents for p in d.passages)
    assert body.split(",")[0][:40] in passages, f"{name}: the body became no passage"
