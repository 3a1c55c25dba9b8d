# ruff: noqa: E501 - fixture lines are as long as the scraped lines they imitate
"""Saved .html pages are read through trafilatura into a document like a Markdown one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chronicle.config import Config
from chronicle.readers import read_file

PAGE = """<!doctype html>
<html><head>
<title>Drones damage port in Odesa | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="A. Reporter">
<meta property="article:published_time" content="2026-01-28T23:00:00Z">
<link rel="canonical" href="https://example.org/news/odesa-port">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Drones damage port in Odesa</h1>
<p>Russian drones damaged port infrastructure in Ukraine's southern region of Odesa on
Wednesday, the regional governor said in a statement on Telegram.</p>
<p>Two people were injured and a warehouse caught fire, he added, as air defence units shot
down most of the drones launched at the region overnight.</p>
</article>
<aside><h2>Related</h2><ul><li><a href="/x">Markets rally on earnings</a></li></ul></aside>
<footer><p>Copyright 2026 Example News. All rights reserved.</p></footer>
</body></html>
"""


def test_an_html_page_becomes_a_document_with_its_metadata(tmp_path: Path) -> None:
    f = tmp_path / "odesa.html"
    f.write_text(PAGE, encoding="utf-8")
    r = read_file(f, "odesa.html", Config())
    assert [d for d in r.diagnostics if d.severity != "info"] == []
    (doc,) = r.documents
    assert doc.title == "Drones damage port in Odesa"
    assert doc.publisher == "Example News"
    assert doc.url == "https://example.org/news/odesa-port"
    assert doc.header.published is not None
    assert doc.header.published.date() == dt.date(2026, 1, 28)
    (p,) = doc.passages
    assert p.text.startswith("Russian drones damaged port infrastructure")
    assert "warehouse caught fire" in p.text
    for junk in ("Home", "Sport", "Markets rally", "Copyright"):
        assert junk not in p.text


def test_an_html_page_without_an_article_gives_a_diagnostic_naming_the_file(
    tmp_path: Path,
) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    r = read_file(f, "pages/empty.html", Config())
    assert r.documents == ()
    (diag,) = [d for d in r.diagnostics if d.code == "C111"]
    assert diag.path == "pages/empty.html"


def test_broken_markup_never_crashes_the_reader(tmp_path: Path) -> None:
    f = tmp_path / "broken.html"
    f.write_bytes(b"<html><body><p>Unclosed <b><i>tags <<<>>> \xff\xfe garbage")
    r = read_file(f, "broken.html", Config())
    assert all(d.path == "broken.html" for d in r.diagnostics)
