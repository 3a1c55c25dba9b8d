"""Bad input is read or reported: encodings, line ends, binary, empty and huge files."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.config import Config
from chronicle.readers import read_file
from chronicle.readers.decode import MAX_ANALYSIS_CHARS, decode_bytes, split_lines

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_b390734deb83455a.txt"


def _read(tmp_path: Path, name: str, data: bytes):
    f = tmp_path / name
    f.write_bytes(data)
    return read_file(f, name, Config())


def _shape(result):
    """Everything but the raw line text (which legitimately differs by line ending)."""
    return [
        (
            d.kind,
            d.title,
            d.start_line,
            d.end_line,
            d.id,
            [(ln.number, ln.role, ln.passage) for ln in d.lines],
            [(p.id, p.line, p.end_line, p.kind, p.text, p.title, p.heading) for p in d.passages],
        )
        for d in result.documents
    ]


@pytest.mark.parametrize("variant", ["crlf", "cr", "bom", "bom+crlf"])
def test_bom_and_crlf_read_exactly_like_the_clean_file(tmp_path, variant):
    clean = SEED.read_bytes()
    data = clean
    if "crlf" in variant:
        data = data.replace(b"\n", b"\r\n")
    if variant == "cr":
        data = data.replace(b"\n", b"\r")
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    a = _read(tmp_path, "seed.txt", clean)
    b = _read(tmp_path, "seed.txt", data)
    assert _shape(a) == _shape(b)
    assert [ln.text for d in a.documents for ln in d.lines] == [
        ln.text for d in b.documents for ln in d.lines
    ]
    assert b.diagnostics == a.diagnostics


CYRILLIC = (
    "Обстріл Харкова | Новини\n\n"
    "Російські війська вночі обстріляли Харків балістичними ракетами, повідомив мер міста. "
    "Пошкоджено житлові будинки та школу, постраждали семеро людей.\n\n"
    "Source link\n"
)


def test_cp1251_is_detected_and_reported(tmp_path):
    r = _read(tmp_path, "ua.txt", CYRILLIC.encode("cp1251"))
    (diag,) = [d for d in r.diagnostics if d.code == "C103"]
    assert diag.path == "ua.txt" and "not UTF-8" in diag.message
    (p,) = [p for d in r.documents for p in d.passages]
    assert "Харків" in p.text


def test_latin1_is_detected_and_reported(tmp_path):
    text = (
        "Kyiv talks | World News\n\nLe président français a déclaré à Kyiv que l'aide "
        "continuerait, selon l'Élysée, malgré les frappes russes sur les réseaux.\n"
    )
    r = _read(tmp_path, "fr.txt", text.encode("latin-1"))
    assert any(d.code == "C103" for d in r.diagnostics)
    assert "président" in r.documents[0].passages[0].text


def test_nul_bytes_mean_binary_and_are_skipped(tmp_path):
    r = _read(tmp_path, "x.txt", b"line one\nline\x00two\n")
    assert r.documents == ()
    (d,) = r.diagnostics
    assert (d.code, d.line, d.severity, d.path) == ("C102", 2, "error", "x.txt")


def test_control_heavy_bytes_are_binary(tmp_path):
    r = _read(tmp_path, "x.bin", bytes(range(1, 32)) * 50)
    assert r.documents == () and r.diagnostics[0].code == "C102"


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t\n", b"\xef\xbb\xbf"])
def test_empty_files_give_c101(tmp_path, data):
    r = _read(tmp_path, "empty.txt", data)
    assert r.documents == ()
    assert [d.code for d in r.diagnostics] == ["C101"]
    assert r.diagnostics[0].path == "empty.txt"


def test_utf16_with_bom_is_decoded(tmp_path):
    text = "Title of a story | World News\n\nRussia said it struck a depot on Monday.\n"
    r = _read(tmp_path, "u16.txt", text.encode("utf-16"))
    assert [d.code for d in r.diagnostics] == ["C103"]
    assert r.documents[0].passages[0].text == "Russia said it struck a depot on Monday."


def test_unreadable_file_gives_c106(tmp_path):
    r = read_file(tmp_path / "missing.txt", "missing.txt", Config())
    assert r.documents == () and r.diagnostics[0].code == "C106"


def test_split_lines_only_on_cr_lf():
    assert split_lines("a\r\nb\rc\nd\x0be\u2028f\n") == ["a", "b", "c", "d\x0be\u2028f"]
    assert split_lines("") == [] and split_lines("\n") == [""]


def test_decode_bytes_keeps_utf8_and_strips_bom():
    assert decode_bytes("\ufeffÄ".encode(), "p") == ("Ä", [])


def test_huge_single_line_is_truncated_for_analysis_but_kept(tmp_path):
    big = "Russia attacked Kyiv overnight, officials said. " * 60_000  # ~2.9 MB, one line
    data = ("Huge paste | World News\n\n" + big + "\n\nSource link\n").encode()
    r = _read(tmp_path, "big.txt", data)
    (diag,) = [d for d in r.diagnostics if d.code == "C110"]
    assert diag.line == 3
    line3 = r.documents[0].lines[2]
    assert line3.text == big and line3.role in ("body", "passage")
    (p,) = r.documents[0].passages
    assert len(p.text) <= MAX_ANALYSIS_CHARS


def test_many_lines_file_is_read(tmp_path):
    para = "Russian drones hit Odesa overnight, the governor said on Telegram today.\n\n"
    data = ("Long file\n\n" + para * 40_000).encode()  # ~3 MB, 80k lines
    r = _read(tmp_path, "many.txt", data)
    lines = [ln for d in r.documents for ln in d.lines]
    assert len(lines) == 80_002


def test_utf16_without_bom_is_decoded(tmp_path):
    text = "Title of a story | World News\n\nRussia said it struck a depot on Monday.\n"
    r = _read(tmp_path, "u16le.txt", text.encode("utf-16-le"))
    assert [d.code for d in r.diagnostics] == ["C103"]
    assert r.documents[0].passages[0].text == "Russia said it struck a depot on Monday."
