"""Long analytical reports: notes, markers, headings, fragments and takeaways are not passages."""

from __future__ import annotations

from chronicle.readers import read_text

_FILLER = (
    "Officials in the region said the situation remained difficult but stable, and that "
    "repair crews were working through the night to restore heating and water supplies to "
    "the affected districts after the latest wave of strikes. "
)

# A daily assessment scraped as Markdown with one paragraph per line (no blank lines),
# written for this test in the shape such reports take.
REPORT = "\n".join(
    [
        "---",
        'title: "Daily Conflict Assessment, March 3, 2026 | Example Institute"',
        "source: https://www.example-institute.org/analysis/daily-conflict-assessment-march-3-2026",
        "date: 2026-03-03",
        "---",
        "",
        "Jane Analyst, John Researcher and Mary Mapper",
        "**Click****here****to see the interactive map of the front line.**",
        "Key Takeaways:",
        "* Russian forces struck energy infrastructure in Odesa Oblast on March 3.",
        "* Ukrainian forces recently advanced near Kupyansk.",
        "**Russian forces struck energy infrastructure in Odesa Oblast on March 3.** The strike "
        "damaged a substation and left 40,000 households without power, the regional "
        "administration reported.[1] " + _FILLER * 3,
        "Main Effort—Eastern Ukraine",
        "Russian objective: Capture the remainder of Donetsk Oblast",
        "Ukrainian forces recently advanced near Kupyansk, geolocated footage published on "
        "March 2 indicates.[2] " + _FILLER * 3,
        "Russian forces attacked in several directions, including near:",
        "Kharkiv;",
        "Donbas; and",
        "Zaporizhia.",
        "Click here to enlarge the map",
        "Immediate items to watch",
        "The Kremlin will likely continue to reject a ceasefire along the current front line "
        "while pressing its demands in talks.[3][4] " + _FILLER * 3,
        "[1] https://t.me/example_channel/100",
        "[2] https://x.com/example/status/1234567890",
        "[3] https://www.example.org/news/2026/03/03/report; https://t.me/other/7",
        "[4] https://t.me/example_channel/101",
        "Please make sure all the provided information is correct.",
    ]
)


def _doc():
    r = read_text(REPORT, "report.md", markdown=True)
    (doc,) = r.documents
    return doc


def test_front_matter_source_is_the_url_and_the_title_suffix_the_publisher():
    doc = _doc()
    assert doc.title == "Daily Conflict Assessment, March 3, 2026"
    assert doc.publisher == "Example Institute"
    assert doc.url.startswith("https://www.example-institute.org/analysis/")


def test_endnotes_map_prompts_and_author_lines_are_dimmed_not_passages():
    doc = _doc()
    text = " ".join(p.text for p in doc.passages)
    for junk in ("https://", "t.me", "Click", "enlarge the map", "Jane Analyst", "make sure"):
        assert junk not in text, junk
    roles = {ln.text: ln.role for ln in doc.lines}
    assert roles["[1] https://t.me/example_channel/100"] == "boilerplate"
    assert roles["Click here to enlarge the map"] == "boilerplate"
    assert roles["Please make sure all the provided information is correct."] == "boilerplate"


def test_inline_reference_markers_are_cut_from_passage_text():
    doc = _doc()
    assert all("[1]" not in p.text and "[3]" not in p.text for p in doc.passages)
    assert any("reported. Officials" in p.text for p in doc.passages)


def test_section_headings_are_context_of_the_paragraphs_under_them():
    doc = _doc()
    by_start = {p.text[:40]: p for p in doc.passages}
    kup = next(p for p in doc.passages if p.text.startswith("Ukrainian forces recently advanced"))
    assert kup.heading is not None and "Donetsk" in kup.heading
    watch = next(p for p in doc.passages if p.text.startswith("The Kremlin will likely"))
    assert watch.heading == "Immediate items to watch"
    assert not any(t.startswith(("Main Effort", "Immediate items")) for t in by_start)


def test_list_fragments_join_their_lead_in_sentence():
    doc = _doc()
    (p,) = [p for p in doc.passages if "several directions" in p.text]
    assert "including near: Kharkiv; Donbas; and Zaporizhia." in p.text
    assert not any(p.text.startswith(("Kharkiv", "Donbas")) for p in doc.passages)


def test_takeaways_developed_by_the_body_are_summaries_not_duplicate_passages():
    doc = _doc()
    starts = [p.text[:50] for p in doc.passages]
    assert sum(s.startswith("Russian forces struck energy infrastructure") for s in starts) == 1
    assert sum(s.startswith("Ukrainian forces recently advanced near") for s in starts) == 1
    roles = {ln.text: ln.role for ln in doc.lines}
    assert roles["* Ukrainian forces recently advanced near Kupyansk."] == "summary"
