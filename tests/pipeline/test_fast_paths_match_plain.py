"""Rewrites made for speed give the same answers as the plain definitions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chronicle.readers.decode import _control_share, _is_control


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=300))
def test_control_share_counts_what_is_control_says(text: str) -> None:
    expected = sum(1 for ch in text if _is_control(ch)) / len(text) if text else 0.0
    assert _control_share(text) == expected
