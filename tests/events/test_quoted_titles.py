"""A long quotation is cut where a phrase inside it ends and closed there — never after a
word that leaves the quoted phrase open ("… with the support of local”)."""

from __future__ import annotations

from helpers.titling import event_title

from chronicle.merge.events import TITLE_MAX
from chronicle.titles.plain import dangling


def _title(text: str) -> str:
    return event_title(text)


def test_a_quoted_object_too_long_is_cut_after_a_complete_phrase_inside_it() -> None:
    title = _title(
        "He said the president had made “open threats of force against the neighbouring "
        "states in plain disregard for the duties of a permanent member of the council”."
    )
    assert title.startswith("He said the president had made “open threats of force"), title
    assert title.endswith("”") and len(title) <= TITLE_MAX, title
    inner = title[title.index("“") + 1 : -1]
    assert not dangling(inner) and not inner.endswith(("in", "for", "the")), title


def test_a_fronted_quotation_is_closed_after_a_complete_phrase() -> None:
    title = _title(
        "“We are pleased to confirm a further package of air defence equipment for the "
        "eastern regions with the help of our northern partners and the regional "
        "authorities,” the minister said on Tuesday."
    )
    assert title.startswith("“We are pleased to confirm a further package"), title
    assert title.endswith("”") and not title.endswith(("of our”", "the”", "with”")), title
