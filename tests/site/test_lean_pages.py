"""Pages are written without the whitespace a browser ignores, and read the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from chronicle.site.lean import lean_html


def visible_text(html: str) -> str:
    """Text as a browser lays it out under ``white-space: normal`` (ASCII runs collapsed)."""
    text = BeautifulSoup(html, "html.parser").get_text()
    return re.sub(r"[ \t\r\n\f]+", " ", text).strip()


@pytest.mark.parametrize(
    "html",
    [
        "<ul>\n    <li>a b</li>   \n\n\n  <li>x\n   y</li>\n</ul>",
        "<p>\u00a0 kept\u00a0</p>\n  <p>two  spaces stay inside text</p>",
        '<p class="x"\n       data-a="1">t</p>      <span>u</span>',
    ],
)
def test_lean_html_reads_the_same(html: str) -> None:
    lean = lean_html(html)
    assert visible_text(lean) == visible_text(html)
    assert len(lean) < len(html)
    assert "\n " not in lean and " \n" not in lean and "\n\n" not in lean


def test_no_break_spaces_and_spaces_inside_text_are_kept() -> None:
    assert lean_html("<p>a\u00a0\u00a0b  c</p>") == "<p>a\u00a0\u00a0b  c</p>"
    assert lean_html("<i>x</i>\n\u00a0<b>y</b>") == "<i>x</i>\n\u00a0<b>y</b>"


#: The rule, as regular expressions (the code does it line by line, for speed).
BREAK = re.compile(r"[ \t]*\n[ \t\r\n\f]*")
GAP = re.compile(r"(?<=>)[ \t]{2,}(?=<)")


@given(st.text(alphabet=" \t\n\r\f\u00a0a<>/p", max_size=40))
def test_leaning_is_exactly_the_whitespace_rule(html: str) -> None:
    assert lean_html(html) == GAP.sub(" ", BREAK.sub("\n", html))


def test_pre_and_textarea_keep_their_whitespace() -> None:
    html = "<div>\n  <pre>a\n    b  </pre>\n  <textarea>x\n\n  y</textarea>\n  <p>z</p>\n</div>"
    assert (
        lean_html(html)
        == "<div>\n<pre>a\n    b  </pre>\n<textarea>x\n\n  y</textarea>\n<p>z</p>\n</div>"
    )


def test_built_pages_carry_no_indentation_except_verbatim_source_pages(tmp_path: Path) -> None:
    from conftest import build_synthetic

    site = build_synthetic(tmp_path / "site").out
    events = list((site / "events").rglob("index.html"))
    assert events
    for page in events[:20] + [site / "index.html"]:
        html = page.read_text("utf-8")
        assert not re.search(r"\n[ \t]", html), page
        assert "&#39;self&#39;" not in html  # the CSP is written as it is
    sources = [p for p in (site / "sources").rglob("index.html") if p.parent != site / "sources"]
    assert sources
    for page in sources[:5]:
        # Source pages show lines with white-space: pre-wrap: written as rendered.
        assert re.search(r"\n[ \t]+<", page.read_text("utf-8")), page
