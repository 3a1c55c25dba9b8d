"""Each reader on small inputs written for the test, including formats the seeds lack."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from chronicle.config import Config
from chronicle.model import LINE_ROLES, ReadResult
from chronicle.readers import iter_source_files, read_file, read_text


def read(text: str, path: str = "in.txt", markdown: bool = False) -> ReadResult:
    result = read_text(textwrap.dedent(text).lstrip("\n"), path, markdown=markdown)
    n = len(textwrap.dedent(text).lstrip("\n").splitlines())
    numbers = [line.number for d in result.documents for line in d.lines]
    assert numbers == list(range(1, n + 1))  # every line exactly once, in order
    assert all(line.role in LINE_ROLES for d in result.documents for line in d.lines)
    return result


def passages(result: ReadResult):
    return [p for d in result.documents for p in d.passages]


def roles(result: ReadResult) -> dict[int, str]:
    return {line.number: line.role for d in result.documents for line in d.lines}


DIGEST_NO_HEADINGS = """
Russia-Ukraine war: List of key events, day 1,500 | Russia-Ukraine war News

These are the key developments from day 1,500 of Russia’s war on Ukraine.

Here is where things stand on Saturday, April 4:

  • Russian drones struck a grain terminal in Izmail overnight, the regional governor said.
  • Ukraine said it shot down 48 of 60 drones launched by Russia.
A firefighter works at the site of a drone strike in Odesa [Nina Liashonok/Reuters]
  • Poland scrambled jets after Russian strikes near its border, its military said.

Source link
"""


def test_digest_without_headings():
    r = read(DIGEST_NO_HEADINGS)
    (doc,) = r.documents
    assert doc.kind == "digest"
    ps = passages(r)
    assert [(p.line, p.kind, p.heading) for p in ps] == [
        (7, "bullet", None),
        (8, "bullet", None),
        (10, "bullet", None),
    ]
    assert ps[0].text.startswith("Russian drones struck")
    assert doc.header.printed_date == "Saturday, April 4" and doc.header.printed_line == 5
    assert doc.header.war_day == 1500 and doc.header.war_day_line == 1
    rl = roles(r)
    assert rl[9] == "boilerplate" and rl[12] == "boilerplate" and rl[3] == "summary"
    assert rl[5] == "dateline" and rl[1] == "title"


def test_digest_with_headings_and_wrapped_bullet():
    r = read("""
    Russia-Ukraine war: List of key events, day 1,501

    Here is where things stand on Sunday, April 5:

    Fighting

      • Russian forces attacked Kharkiv with glide bombs, injuring
        seven people, the mayor said. The attack damaged
    a school and a hospital.

    Diplomacy

      • Talks resumed in Istanbul, Turkey's foreign ministry said.
    """)
    ps = passages(r)
    assert [(p.line, p.end_line, p.heading) for p in ps] == [
        (7, 9, "Fighting"),
        (13, 13, "Diplomacy"),
    ]
    assert ps[0].text.endswith("the mayor said. The attack damaged a school and a hospital.")


def test_digest_whose_bullet_markers_were_lost():
    r = read("""
    Russia-Ukraine war: List of key events, day 1,502

    Here is where things stand on Monday, April 6:

    Fighting

    Two people were killed in a Russian strike on Sumy, officials said.

    Ukraine hit an oil depot in Russia's Bryansk region, its general staff said.
    """)
    ps = passages(r)
    assert [(p.line, p.heading) for p in ps] == [(7, "Fighting"), (9, "Fighting")]


LIVEBLOG_FULL_DATES = """
Ukraine war live: drones hit Odesa as talks stall

Follow the latest developments as they happen.

Key Points

  • Drones hit Odesa port
  • Talks stall in Geneva

Drones hit Odesa port overnight

Friday 3 April 2026 08:15 , Jane Doe

Russian drones hit port infrastructure in Odesa overnight, the governor said.

A firefighter at the scene (AP)

Watch: Firefighters battle blaze in Odesa

Friday 3 April 2026 07:40 , Jane Doe

Talks stall in Geneva, diplomats say

Thursday 2 April 2026 23:55 , John Roe

Negotiators left Geneva without agreement, two diplomats said.

They said a new round could take place next month.

Related: what is on the table in Geneva

Read more here:

What is on the table in Geneva
"""


def test_liveblog_whose_entries_all_carry_full_dates():
    r = read(LIVEBLOG_FULL_DATES)
    (doc,) = r.documents
    assert (
        doc.kind == "liveblog" and doc.title == "Ukraine war live: drones hit Odesa as talks stall"
    )
    ps = passages(r)
    assert [(p.line, p.time, p.stamp_date, p.byline) for p in ps] == [
        (10, "08:15", dt.date(2026, 4, 3), "Jane Doe"),
        (18, "07:40", dt.date(2026, 4, 3), "Jane Doe"),
        (22, "23:55", dt.date(2026, 4, 2), "John Roe"),
    ]
    assert (
        ps[0].text
        == "Russian drones hit port infrastructure in Odesa overnight, the governor said."
    )
    assert ps[1].text == "" and ps[1].title == "Watch: Firefighters battle blaze in Odesa"
    assert ps[2].text.endswith("next month.")
    assert doc.header.published == dt.datetime(2026, 4, 3, 8, 15)
    assert doc.header.published_line == 12
    rl = roles(r)
    assert [rl[i] for i in (3, 5, 7, 8)] == ["summary"] * 4
    assert rl[12] == "dateline" and rl[10] == "passage" and rl[18] == "passage"
    assert rl[16] == "boilerplate"  # caption with credit
    assert rl[32] == "boilerplate" and rl[34] == "boilerplate"  # lead-in and teaser
    assert rl[30] == "boilerplate"  # a trailing related-story line
    assert rl[26] == "body" and rl[28] == "body"


def test_liveblog_with_time_only_stamps_and_bylines():
    r = read("""
    Russia-Ukraine war latest: Kyiv hit by missiles

    Explosions heard in Kyiv

    07:14 , Anna Smith

    Loud explosions were heard in Kyiv early on Tuesday, witnesses said.

    (Reuters)

    Air defence active over capital

    06:50 , Anna Smith

    Air defence units were active over the capital, the city administration said.
    """)
    ps = passages(r)
    assert [(p.title, p.time, p.stamp_date) for p in ps] == [
        ("Explosions heard in Kyiv", "07:14", None),
        ("Air defence active over capital", "06:50", None),
    ]
    assert roles(r)[9] == "boilerplate"


ARTICLE = """
Ukraine says it downed 40 drones overnight | Russia-Ukraine war News

Ukraine’s air force says most drones launched by Russia were intercepted.

Ukraine’s air force said on Tuesday it had shot down 40 of 52 drones launched by Russia overnight.

Recommended Stories

list of 3 itemsend of list

Debris fell on two districts of Kyiv, the city administration said.

Damage

No casualties were reported, officials said, but several cars caught fire.

Source link
"""


def test_article_is_one_passage_with_section_and_subheading():
    r = read(ARTICLE)
    (doc,) = r.documents
    assert doc.kind == "article" and doc.section == "Russia-Ukraine war News"
    assert doc.title == "Ukraine says it downed 40 drones overnight"
    assert doc.publisher == "Al Jazeera"
    (p,) = passages(r)
    assert p.kind == "article" and p.line == 1 and p.title == doc.title
    assert "Recommended" not in p.text and "Damage" not in p.text
    assert p.text.startswith("Ukraine’s air force says") and p.text.endswith("caught fire.")
    rl = roles(r)
    assert rl[13] == "heading" and rl[7] == "boilerplate" and rl[17] == "boilerplate"


def _report_paragraph(k: int) -> str:
    return (
        f"Russian forces advanced near settlement number {k} in the Pokrovsk direction, "
        "according to geolocated footage published on Tuesday. The footage shows Russian "
        "infantry moving along a tree line, and Ukrainian sources reported continued "
        "assaults and heavy glide-bomb strikes in the area throughout the day. "
    ) * 2


def test_long_text_article_splits_into_paragraph_passages():
    paras = [_report_paragraph(k) for k in range(20)]
    text = (
        "Russian Offensive Campaign Assessment, April 3 | ISW News\n\n"
        + "\n\n".join(paras[:10])
        + "\n\nShort line.\n\n"
        + "\n\n".join(paras[10:])
        + "\n\nSource link\n"
    )
    r = read(text)
    ps = passages(r)
    assert len(ps) == 20 and {p.kind for p in ps} == {"paragraph"}
    assert "Short line." in ps[9].text  # merged into the previous paragraph
    assert roles(r)[1] == "title"


MARKDOWN_ARTICLE = """
---
title: Russia strikes Kharkiv energy plant
date: 2026-04-03
url: https://example.org/news/kharkiv-plant
publisher: Example News
author: [Jane Doe, John Roe]
---

# Russia strikes Kharkiv energy plant

Russian missiles hit a **power plant** in [Kharkiv](https://example.org/k) on Friday,
the mayor said.

## Damage

About 200,000 people were left without power.

- Repairs will take weeks.
- Schools moved online.
"""


def test_markdown_article_with_front_matter():
    r = read(MARKDOWN_ARTICLE, path="news/kharkiv.md", markdown=True)
    (doc,) = r.documents
    assert doc.kind == "markdown" and doc.title == "Russia strikes Kharkiv energy plant"
    assert doc.url == "https://example.org/news/kharkiv-plant"
    assert doc.publisher == "Example News" and doc.author == "Jane Doe, John Roe"
    assert doc.header.published == dt.datetime(2026, 4, 3) and doc.header.published_line == 3
    (p,) = passages(r)
    assert p.kind == "article" and p.line == 9
    assert p.text == (
        "Russian missiles hit a power plant in Kharkiv on Friday, the mayor said. "
        "About 200,000 people were left without power. Repairs will take weeks. "
        "Schools moved online."
    )
    rl = roles(r)
    assert all(rl[i] == "dateline" for i in range(1, 8))
    assert rl[9] == "passage" and rl[14] == "heading" and rl[18] == "body"
    assert r.diagnostics == ()


def test_long_markdown_report_splits_into_takeaways_and_paragraphs():
    body = "\n\n".join(_report_paragraph(k) for k in range(12))
    text = (
        "---\ntitle: Russian Offensive Campaign Assessment, April 3, 2026\ndate: 2026-04-03\n"
        "publisher: Institute for the Study of War\n---\n\n"
        "## Key Takeaways\n\n"
        "1. Russian forces launched a large drone strike on Kyiv overnight.\n"
        "2. Ukrainian forces regained positions near Kupyansk.\n"
        "3. The Kremlin rejected a proposal for an energy ceasefire.\n\n"
        "## Pokrovsk direction\n\n" + body + "\n"
    )
    r = read(text, path="isw.md", markdown=True)
    ps = passages(r)
    kinds = [p.kind for p in ps]
    assert kinds == ["takeaway"] * 3 + ["paragraph"] * 12
    assert ps[0].text == "Russian forces launched a large drone strike on Kyiv overnight."
    assert ps[0].line == 9 and ps[3].heading == "Pokrovsk direction"
    assert r.documents[0].publisher == "Institute for the Study of War"


def test_malformed_front_matter_is_reported_and_body_still_read():
    text = (
        "---\ntitle: ok\ndate: [2026-04-03\nurl: x\n---\n\nRussia shelled Kherson on Monday, "
        "killing two people, the regional governor said.\n"
    )
    r = read(text, path="bad.md", markdown=True)
    (diag,) = [d for d in r.diagnostics if d.code == "C105"]
    assert diag.path == "bad.md" and diag.line is not None and 2 <= diag.line <= 5
    (p,) = passages(r)
    assert p.text.startswith("Russia shelled Kherson")


def test_front_matter_bad_url_and_impossible_date():
    text = (
        "---\ntitle: T\ndate: 2026-02-30\nurl: javascript:alert(1)\n---\n\n"
        "Russia shelled Kherson on Monday, the governor said.\n"
    )
    r = read(text, path="x.md", markdown=True)
    codes = {(d.code, d.line) for d in r.diagnostics}
    assert ("C109", 4) in codes and ("C202", 3) in codes
    assert r.documents[0].url is None and r.documents[0].header.published is None


PLAIN = (
    "Notes from Zaporizhzhia\n\n"
    "Russian artillery shelled the outskirts of Zaporizhzhia on Monday, damaging homes and a "
    "school, local officials said.\n\nOk.\n\n"
    "Separately, Ukraine's navy said it had struck a Russian patrol boat near the Kinburn spit "
    "on Sunday evening, though Moscow did not comment on the claim or on the losses.\n"
)


def test_plain_text_fallback_gives_paragraph_passages():
    r = read(PLAIN)
    (doc,) = r.documents
    assert doc.kind == "text" and doc.title == "Notes from Zaporizhzhia"
    ps = passages(r)
    assert [(p.kind, p.line) for p in ps] == [("paragraph", 3), ("paragraph", 7)]
    assert ps[0].text.endswith("Ok.")


def test_multi_document_file_segments_with_junk_between_documents():
    r = read("""
    First story headline here | Russia-Ukraine war News

    Russian forces hit an energy facility in Poltava on Monday, officials said.

    Source link

    Volodymyr Zelenskyy

    Second story headline here | Russia-Ukraine war News

    Zelenskyy met European leaders in Paris on Tuesday, his office said.

    Source link
    """)
    docs = r.documents
    assert [d.start_line for d in docs] == [1, 7]  # the tag line joins the next document
    assert roles(r)[7] == "boilerplate"
    assert [p.line for p in passages(r)] == [1, 9]


def test_iter_source_files_skips_hidden_and_sorts(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.md", "a.txt", ".hidden.txt", ".git/x.txt", "b/1.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_source_files(tmp_path)]
    assert got == ["a.txt", "b/1.txt", "b/2.md"]


def test_read_file_reads_markdown_by_suffix(tmp_path: Path):
    f = tmp_path / "story.MD"
    f.write_text(textwrap.dedent(MARKDOWN_ARTICLE).lstrip("\n"), encoding="utf-8")
    r = read_file(f, "story.MD", Config())
    assert r.documents[0].kind == "markdown" and r.documents[0].url


def test_digest_standfirst_repeating_the_title_words_is_not_a_new_document():
    r = read("""
    Russia-Ukraine war: Key events on day 1,300

    Here are the key events on day 1,300 of Russia’s war on Ukraine

    Here is where things stand on Saturday, September 13:

      • Russian drones crossed into Polish airspace, Warsaw said.
    """)
    (doc,) = r.documents
    assert doc.kind == "digest" and doc.header.war_day == 1300
    assert roles(r)[3] == "summary"
    assert [p.line for p in passages(r)] == [7]


def test_plain_text_dateline_above_the_headline():
    r = read("""
    Wednesday, February 4, 2026

    Kharkiv power plant damaged in overnight strike

    A power plant in Kharkiv was badly damaged in a Russian attack overnight, the mayor said.
    """)
    (doc,) = r.documents
    assert doc.title == "Kharkiv power plant damaged in overnight strike"
    assert doc.header.printed_date == "Wednesday, February 4, 2026"
    assert doc.header.printed_line == 1 and roles(r)[1] == "dateline"
    assert [p.line for p in passages(r)] == [5]


def test_plain_text_long_report_with_takeaway_lines_and_masthead():
    para = (
        "Russian forces recently advanced in the Pokrovsk direction. Geolocated footage "
        "published on February 3 indicates that Russian forces advanced in western Pokrovsk, "
        "and Ukrainian sources reported continued Russian infiltration attempts. "
    ) * 3
    text = (
        "Russian Offensive Campaign Assessment, February 4, 2026\n\n"
        "Institute for the Study of War\n\nFebruary 4, 2026, 7:30 pm ET\n\nKey Takeaways:\n\n"
        "Russian forces conducted a large-scale missile and drone strike against Ukraine on the "
        "night of February 2 to 3, targeting energy infrastructure.\n"
        "US and Ukrainian officials reportedly agreed on the framework of security guarantees.\n"
        "Russian forces recently advanced near Pokrovsk and Huliaipole.\n\n"
        "Ukrainian Operations in the Russian Federation\n\n" + "\n\n".join([para] * 6) + "\n"
    )
    r = read(text, path="isw.txt")
    (doc,) = r.documents
    assert doc.publisher == "Institute for the Study of War"
    assert doc.header.printed_line == 5
    ps = passages(r)
    assert [p.kind for p in ps] == ["takeaway"] * 3 + ["paragraph"] * 6
    assert [p.line for p in ps[:3]] == [9, 10, 11]
    assert ps[3].heading == "Ukrainian Operations in the Russian Federation"
    rl = roles(r)
    assert rl[3] == "boilerplate" and rl[7] == "heading" and rl[1] == "title"


def test_markdown_digest_with_front_matter():
    r = read(
        """
    ---
    title: "Russia-Ukraine war: List of key events, day 1,450"
    date: 2026-02-13
    publisher: Al Jazeera
    ---

    Here is where things stand on Friday, February 13:

    - Russian strikes on Odesa killed two people overnight, the regional governor said.
    - Ukraine said it hit a Russian oil refinery in Saratov.

    Firefighters at the scene in Odesa [Reuters]

    ## Politics and diplomacy

    - Talks in Abu Dhabi ended without a breakthrough, both sides said.
    """,
        path="d.md",
        markdown=True,
    )
    (doc,) = r.documents
    assert doc.header.printed_date == "Friday, February 13" and doc.header.printed_line == 7
    assert doc.header.war_day == 1450 and doc.header.war_day_line == 2
    assert [(p.line, p.kind, p.heading) for p in passages(r)] == [
        (9, "bullet", None),
        (10, "bullet", None),
        (16, "bullet", "Politics and diplomacy"),
    ]
    assert roles(r)[12] == "boilerplate"


def test_liveblog_headline_with_full_stop_and_entry_without_headline():
    r = read("""
    Ukraine live: a day of strikes on the energy grid

    Zelensky: we will respond.

    09:00 , Jane Doe

    Zelensky said Ukraine would respond in kind to the latest Russian strikes on its grid,
    which left thousands of people without power.

    08:30 , Jane Doe

    Russia launched 100 drones overnight at Ukraine's energy infrastructure, the air force said.
    """)
    ps = passages(r)
    assert [(p.line, p.title, p.time) for p in ps] == [
        (3, "Zelensky: we will respond.", "09:00"),
        (10, None, "08:30"),
    ]
    assert ps[1].text.startswith("Russia launched") and ps[0].end_line == 8


def test_war_day_only_from_digest_titles_or_war_context():
    r = read(
        "Geneva talks enter day 2 with no deal | World News\n\n"
        "Negotiators met again in Geneva on Tuesday, diplomats said.\n\nSource link\n"
    )
    assert r.documents[0].header.war_day is None
    r = read(
        "Ukraine war, day 1,000: what we know | World News\n\n"
        "Russia's full-scale invasion entered its 1,000th day on Tuesday.\n\nSource link\n"
    )
    assert r.documents[0].header.war_day == 1000


def test_web_copy_of_a_digest_with_byline_and_published_line():
    r = read("""
    Russia-Ukraine war: List of key events, day 1,441

    Here are the key events on day 1,441 of Russia’s war on Ukraine.

    By Al Jazeera Staff
    Published On 4 Feb 20264 Feb 2026
    Save
    Click here to share on social media
    share2

    Here is where things stand on Wednesday, February 4:

      • Russia launched its most powerful attack this year on Ukraine's energy grid.
    """)
    (doc,) = r.documents
    assert doc.header.printed_date == "4 Feb 2026" and doc.header.printed_line == 6
    rl = roles(r)
    assert [rl[i] for i in (5, 6, 7, 8, 9)] == ["boilerplate", "dateline"] + ["boilerplate"] * 3
    assert [p.line for p in passages(r)] == [13]


def test_impossible_war_day_counter_is_reported_not_used():
    r = read("""
    Russia-Ukraine war: List of key events, day -5 | Russia-Ukraine war News

    Here is where things stand on Friday, February 6:

      • Estonia expelled a Russian diplomat, the foreign ministry said.
    """)
    (diag,) = [d for d in r.diagnostics if d.code == "C202"]
    assert diag.line == 1 and "day -5" in diag.message
    assert r.documents[0].header.war_day is None and len(passages(r)) == 1
