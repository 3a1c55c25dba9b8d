# ruff: noqa: E501 - fixture lines are as long as the scraped lines they imitate
"""Live blogs whose entries open with their stamp are read one passage per entry, with its time."""

from __future__ import annotations

import datetime as dt

from chronicle.readers import read_text

# Scraped with the markup stripped and no separator: each entry's stamp is glued to the
# end of the entry before it, an "Updated at" note and an "Nh ago" note in between.
GLUED = (
    "Ukraine war: talks resume in Geneva – as it happened\n"
    "\n"
    "23.44That's it from me for today. My colleague will be here in the morning."
    "Updated at 23.50 GMT 24 Feb 202223.33Drones hit power station in KharkivA power "
    "station in Kharkiv was hit by drones overnight, the regional governor said. He said "
    "three workers were injured.Engineers were working to restore supplies, he added."
    "Updated at 23.40 GMT 1h ago23.05Foreign ministers are due to meet in Brussels on "
    "Friday to discuss a new package of sanctions, a spokesperson said on Thursday."
    "2h ago22.41Sign up to our daily newsletter to get the news in your inbox."
    "22.20Firefighters at a damaged building in Kharkiv on Sunday (regional administration. "
    "Photograph: APA burned car near the station. Photograph: Jane Doe/AP"
    "22.10SummaryHere are the main events of the day so far: talks resumed."
    "21.58Zelenskiy visits front line near PokrovskAndrew ReporterUkraine's president "
    "visited troops near the eastern city of Pokrovsk, his office said, handing out awards "
    "to soldiers.\n"
)

# The spaced layout, one entry per paragraph, stamp first, with a bare stamp line too.
SPACED = """Russia-Ukraine war live: strikes on energy grid

21 May 2022 23.34 Air raid sirens sound across Kyiv region

Air raid sirens sounded across the Kyiv region late on Saturday, and the city's mayor urged residents to stay in shelters.

From 21 May 2022 22.58 The UN said it had verified 3,800 civilian deaths since the start of the war, adding that the real figure was likely to be considerably higher.

22.30
Grain exports
Ukraine's agriculture minister said grain exports had fallen by half compared with the previous month because ports remained blocked.

22.02 This blog is closing now, thank you for reading.
"""


def _passages(text: str):
    r = read_text(text, "blog.txt")
    (doc,) = r.documents
    assert doc.kind == "liveblog"
    return doc, list(doc.passages)


def test_glued_entries_each_become_a_passage_with_their_time_and_date():
    doc, ps = _passages(GLUED)
    assert [p.time for p in ps] == ["23:33", "23:05", "21:58"]
    assert ps[0].stamp_date == dt.date(2022, 2, 24)
    assert ps[0].title == "Drones hit power station in Kharkiv"
    assert ps[0].text.startswith("A power station in Kharkiv was hit")
    assert "injured. Engineers" in ps[0].text  # glued sentences are separated again
    assert "Updated at" not in " ".join(p.text for p in ps)
    assert ps[1].title is None and ps[1].text.startswith("Foreign ministers are due")


def test_sign_offs_summaries_promos_and_photo_galleries_are_not_passages():
    _doc, ps = _passages(GLUED)
    text = " ".join(f"{p.title or ''} {p.text}" for p in ps)
    for junk in (
        "That's it from me",
        "Sign up",
        "Summary",
        "main events of the day",
        "Firefighters",
    ):
        assert junk not in text, junk


def test_an_author_name_after_the_headline_is_a_byline():
    _doc, ps = _passages(GLUED)
    last = ps[-1]
    assert last.title == "Zelenskiy visits front line near Pokrovsk"
    assert last.byline == "Andrew Reporter"
    assert last.text.startswith("Ukraine's president visited troops")


def test_spaced_stamps_and_a_bare_stamp_line_open_entries():
    doc, ps = _passages(SPACED)
    assert doc.title == "Russia-Ukraine war live: strikes on energy grid"
    assert [(p.time, p.stamp_date) for p in ps] == [
        ("23:34", dt.date(2022, 5, 21)),
        ("22:58", dt.date(2022, 5, 21)),
        ("22:30", None),
    ]
    assert ps[0].title == "Air raid sirens sound across Kyiv region"
    assert ps[0].text.startswith("Air raid sirens sounded across the Kyiv region")
    assert ps[2].title == "Grain exports"
    assert all(not p.text[:1].islower() for p in ps)
    assert all("23.34" not in (p.title or "") for p in ps)


def test_no_passage_starts_mid_sentence_and_times_inside_sentences_are_not_stamps():
    text = GLUED.replace(
        "said on Thursday.", "said on Thursday. Talks start at 14.00 in the capital."
    )
    _doc, ps = _passages(text)
    assert [p.time for p in ps] == ["23:33", "23:05", "21:58"]
    assert all(p.text[:1].isupper() for p in ps)


def test_every_line_still_has_a_role():
    r = read_text(SPACED, "blog.txt")
    (doc,) = r.documents
    assert [ln.number for ln in doc.lines] == list(range(1, len(SPACED.splitlines()) + 1))
    roles = {ln.text: ln.role for ln in doc.lines}
    assert roles["22.02 This blog is closing now, thank you for reading."] == "summary"
