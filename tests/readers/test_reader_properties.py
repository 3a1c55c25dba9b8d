"""Property tests: the readers never raise and every line keeps one role."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.config import Config
from chronicle.model import LINE_ROLES
from chronicle.readers import read_file, read_text
from chronicle.readers.decode import split_lines

# fragments that steer random text into the readers' structures
FRAGMENTS = st.sampled_from(
    [
        "Russia-Ukraine war: List of key events, day 1,441 | Russia-Ukraine war News",
        "Here is where things stand on Wednesday, February 4:",
        "Fighting",
        "  • A bullet line.",
        "07:14 , Arpan Rai",
        "Wednesday 28 January 2026 23:00 , Alex Croft",
        "Friday 30 February 2026 10:00 , X Y",
        "Headline of an entry",
        "Source link",
        "Key Points",
        "Key Takeaways:",
        "1. A takeaway.",
        "---",
        "title: x",
        "date: 2026-13-45",
        "url: javascript:alert(1)",
        "Recommended Stories",
        "(AP)",
        "Sign up to read this article",
        "A caption (AFP via Getty Images)",
        "Title | Section News",
        "",
        "   ",
        "\t",
        "# Heading",
        "<script>alert(1)</script>",
        "{{ config }}",
        "day -5",
        "[",
        "]: x",
        "- item",
        "> quote",
    ]
)
LINES = st.lists(st.one_of(FRAGMENTS, st.text(max_size=80)), max_size=40)


def _check(result, text: str) -> None:
    n = len(split_lines(text))
    numbers = [ln.number for d in result.documents for ln in d.lines]
    if result.documents:
        assert numbers == list(range(1, n + 1))
    assert all(ln.role in LINE_ROLES for d in result.documents for ln in d.lines)
    for d in result.documents:
        for p in d.passages:
            assert d.start_line <= p.line <= p.end_line <= d.end_line
            assert p.id.startswith("p-")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=LINES, sep=st.sampled_from(["\n", "\r\n", "\r"]), markdown=st.booleans())
def test_read_text_never_raises_and_every_line_has_a_role(lines, sep, markdown):
    text = sep.join(lines)
    result = read_text(text, "h.md" if markdown else "h.txt", markdown=markdown)
    _check(result, text)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md"]))
def test_read_file_never_raises_on_arbitrary_bytes(tmp_path: Path, data, suffix):
    f = tmp_path / f"x{suffix}"
    f.write_bytes(data)
    result = read_file(f, f.name, Config())
    assert all(d.path == f.name for d in result.diagnostics)
    assert all(ln.role in LINE_ROLES for d in result.documents for ln in d.lines)
    if not result.documents:
        assert result.diagnostics  # a skipped file always says why
