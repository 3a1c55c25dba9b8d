"""A paragraph a publisher's series repeats in every issue is not a new event each day."""

from __future__ import annotations

from chronicle.readers import drop_standing, read_text

NOTE = (
    "Note: The Example Institute uses only publicly available information and draws "
    "extensively on reports from the region to produce these daily assessments."
)


_PLACES = [
    "Kharkiv",
    "Sumy",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Kherson",
    "Mykolaiv",
    "Poltava",
    "Chernihiv",
    "Kramatorsk",
    "Sloviansk",
    "Pavlohrad",
]


def _issue(day: int) -> str:
    """A long daily report (one passage per paragraph) with the series' standing note."""
    paras = [
        f"Russian forces struck the city of {place} on March {day} with drones and missiles, "
        f"the regional governor said, adding that repair crews restored power to most "
        f"districts of {place} by the evening and that schools would reopen on Monday. "
        f"Officials in {place} said that emergency services had worked through the night "
        f"to clear debris from residential buildings, that several families had been moved "
        f"to temporary shelters, and that heating had been restored to hospitals first. "
        f"The governor added that air defence units had shot down most of the drones, "
        f"and that the damage to the grid in {place} was less severe than a week earlier."
        for place in _PLACES
    ]
    body = "\n\n".join([paras[0], NOTE, *paras[1:]])
    return f"""---
title: "Daily Assessment, March {day}, 2026"
url: https://www.example-institute.org/daily-assessment-march-{day}-2026
publisher: Example Institute
date: 2026-03-{day:02d}
---

{body}
"""


def _docs(texts: list[str]):
    out = []
    for i, t in enumerate(texts):
        out.extend(read_text(t, f"issue{i}.md", markdown=True).documents)
    return out


def test_text_repeated_in_three_issues_is_dropped_and_dimmed():
    docs = _docs([_issue(1), _issue(2), _issue(3)])
    assert all(any(p.text == NOTE for p in d.passages) for d in docs)
    kept, dropped = drop_standing(docs)
    assert len(dropped) == 3
    for d in kept:
        assert all(p.text != NOTE for p in d.passages)
        assert len(d.passages) == len(_PLACES)
        note_line = next(ln for ln in d.lines if ln.text.startswith("Note:"))
        assert note_line.role == "boilerplate" and note_line.passage is None


def test_the_news_of_each_issue_stays_even_when_formulaic():
    docs = _docs([_issue(1), _issue(2), _issue(3)])
    kept, _ = drop_standing(docs)
    for d in kept:
        assert any(
            p.text.startswith("Russian forces struck the city of Kharkiv") for p in d.passages
        )


def test_two_issues_or_the_same_page_scraped_three_times_are_not_a_series():
    assert drop_standing(_docs([_issue(1), _issue(2)]))[1] == set()
    same = _issue(4)
    assert drop_standing(_docs([same, same, same]))[1] == set()
