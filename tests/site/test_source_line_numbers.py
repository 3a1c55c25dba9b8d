"""Source pages number their lines with a CSS counter: the lines are the document's, in
order from its first line, so the counter gives each line its number in the file."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from conftest import BuiltSite


def test_source_lines_are_consecutive_from_the_documents_first_line(
    synthetic_site: BuiltSite,
) -> None:
    out = synthetic_site.out
    pages = sorted((out / "sources").glob("*/index.html"))
    assert pages
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        text = soup.select_one(".source-text")
        numbers = [int(p["id"][1:]) for p in text.select('p[id^="L"]')]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), path
        reset = re.fullmatch(r"counter-reset: ln (\d+)", text.get("style", ""))
        # The counter starts before the first line: at 0 unless the document starts later.
        assert (int(reset.group(1)) if reset else 0) == numbers[0] - 1, path
        assert text.select(".ln") == []  # no number written into each line
    css = (out / "static/style.css").read_text("utf-8")
    assert "counter-increment: ln" in css and "content: counter(ln)" in css
