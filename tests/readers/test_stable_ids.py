"""Ids: safe slugs, stable when unrelated documents are added, suffixes for repeats."""

from __future__ import annotations

import re

from chronicle.readers import read_text
from chronicle.readers.ids import document_id, passage_id, slug

SAFE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DOC_A = (
    "Russia strikes Odesa port overnight | Russia-Ukraine war News\n\n"
    "Russian drones hit Odesa port overnight, injuring three people, the governor said.\n\n"
    "Source link\n"
)
DOC_B = (
    "Зеленський зустрівся з Макроном | Новини\n\n"
    "Zelenskyy met Macron in Paris on Tuesday to discuss air defence, his office said.\n\n"
    "Source link\n"
)


def test_slug_is_safe_transliterated_and_bounded():
    assert slug("Зеленський зустрівся з Макроном") == "zelenskiy-zustrivsya-z-makronom"
    assert slug("Ünïcödé ‘quotes’ & slashes/../..") == "unicode-quotes-slashes"
    for hostile in ("../../etc/passwd", "CON", "nul", "", "////", "a" * 500, "\u202e\x00x"):
        s = slug(hostile)
        assert SAFE.match(s) and len(s) <= 60 and ".." not in s and "/" not in s
    assert slug("") == "document"


def test_document_ids_never_collide_with_device_names():
    assert document_id("p", "CON", "k").startswith("con-")  # always carries a hash suffix


def test_passage_id_ignores_case_and_whitespace_but_not_path():
    assert passage_id("a.txt", "T", "Russia  struck\nKyiv") == passage_id(
        "a.txt", "t", "russia struck kyiv"
    )
    assert passage_id("a.txt", "T", "x") != passage_id("b.txt", "T", "x")


def test_ids_are_stable_when_an_unrelated_document_is_added():
    alone = read_text(DOC_A, "news.txt")
    both = read_text(DOC_B + "\n" + DOC_A, "news.txt")  # a newer document on top
    a = alone.documents[0]
    b = both.documents[1]
    assert a.id == b.id and a.passages[0].id == b.passages[0].id
    assert both.documents[0].id.startswith("zelenskiy-zustrivsya-z-makronom-")


def test_exact_repeats_get_occurrence_suffixes():
    r = read_text(DOC_A + "\n" + DOC_A, "dup.txt")
    ids = [p.id for d in r.documents for p in d.passages]
    assert ids[1] == ids[0] + "-2"
    assert r.documents[1].id == r.documents[0].id + "-2"


def test_duplicate_document_in_another_file_gives_c108():
    from chronicle.readers import duplicate_diagnostics

    a = read_text(DOC_A, "a.txt").documents
    b = read_text(DOC_B + "\n" + DOC_A.replace("\n", "\r\n"), "copy.txt").documents
    (diag,) = duplicate_diagnostics([*a, *b])
    assert (diag.code, diag.path, diag.line) == ("C108", "copy.txt", 7)
    assert "a.txt:1" in diag.message
    assert duplicate_diagnostics(read_text(DOC_A + "\n" + DOC_A, "same.txt").documents) == []
