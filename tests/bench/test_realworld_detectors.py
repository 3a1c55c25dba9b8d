"""The real-world bench's own detectors (kept outside chronicle/) flag what they claim."""

from __future__ import annotations

import datetime as dt

import realworld_detectors as det  # noqa: E402


def test_furniture_kinds() -> None:
    assert det.furniture("", "[42] https://t.me/somechannel/1234") == "endnote"
    assert det.furniture("", "- **URL**: https://example.org/a") == "metadata"
    assert det.furniture("www.example.com", "") == "metadata"
    assert det.furniture("", "Sign up to our morning newsletter") == "promo"
    assert det.furniture("", "Email Print Copy") == "promo"
    assert det.furniture("", "Supporting Effort—Southern Axis") == "heading"
    assert det.furniture("", "Kharkiv;") == "fragment"
    assert det.furniture("", "Russian forces attacked near Lyman on May 3.[14] More.[15]") is None
    menu = "Home News Sport Local Weather Video Live Opinion Business Culture Travel " * 3
    assert det.furniture("", menu + "Russian troops shelled the town on Monday.") == "navigation"
    assert det.furniture("", ", a detained ally of the mayor, was released on bail.") == "fragment"
    assert det.furniture("", "Firefighters in the port city said the blaze at the depot was put "
                         "out after six hours.") is None  # fmt: skip


def test_furniture_reads_articles_in_other_languages() -> None:
    fr = (
        "Les députés ont adopté à une large majorité le projet de loi sur le port, qui prévoit "
        "de nouveaux quais pour les navires de la région et des aides aux pêcheurs"
    )
    assert det.furniture("", fr) is None
    assert det.furniture("", "東京の港で新しい橋が月曜日に開通し、多くの市民が訪れた") is None
    assert det.furniture("", "Accueil Monde France Sport Culture Économie Vidéo Podcasts " * 3) == (
        "navigation"
    )


def test_cut_mid_phrase() -> None:
    src = "Police detained at least four men in the city on Monday, officials said."
    assert det.cut_mid_phrase("Police detained at least", src) == "dangling: least"
    assert (
        det.cut_mid_phrase("Police detained at least four men in the city on Monday", src) is None
    )
    assert det.cut_mid_phrase("Police detained at least four men", src) is None  # before "in"
    assert det.cut_mid_phrase("Police detained at least four men in the city", src) is None
    src2 = "Police detained four men suspected of arson at the depot."
    assert det.cut_mid_phrase("Police detained four men suspected", src2).startswith(
        "no clause boundary"
    )


def test_publisher_keys_and_dates() -> None:
    keys = det.publisher_keys(
        "Institute for the Study of War", "https://www.understandingwar.org/x"
    )
    assert det.names_publisher(["ISW"], keys) and det.names_publisher(["understandingwar"], keys)
    assert not det.names_publisher(["Ministry of Defence"], keys)
    raw = "---\ntitle: x\ndate: 2026-02-23\n---\nBody"
    assert det.gold_date(raw) == (dt.date(2026, 2, 23), "front matter")
    raw = "# site\n- **URL**: https://site.example/news/2026/2/27/story\n"
    assert det.gold_date(raw) == (dt.date(2026, 2, 27), "url")


def test_stamps_both_layouts() -> None:
    raw = "21 May 2022 23.34 Headline text here\nbody\n14:05\nHeadline\nFrom 7 Jul 2022 18.14 More"
    assert det.stamps(raw) == [(1, "23:34"), (3, "14:05"), (5, "18:14")]
    assert det.has_stamp("21 May 2022 23.34 Headline") and not det.has_stamp("Talks resume")


def test_a_time_the_sentence_says_is_no_stamp() -> None:
    assert not det.has_stamp("The convoy crossed the border at 4.50am local time on Sunday")
    assert not det.has_stamp("A cargo plane left for Warsaw about 7.30pm EST")
    assert not det.has_stamp("24 February 2022 marked the start of the invasion")
    assert det.has_stamp("Drones hit a depot near Odesa 18.05 GMT")
    assert det.has_stamp("4 November 2025 Why does the alliance keep its air patrols")


def test_stamps_leave_out_summaries_sign_offs_and_repeated_pinned_posts() -> None:
    raw = (
        "9 Jun 202310.15Pinned: ferry resumes crossings after stormCrews said the ferry ...\n"
        "9 Jun 202311.40Evening summaryHere is where things are.\n"
        "9 Jun 202311.20That’s it from us today, thanks for reading.\n"
        "9 Jun 202311.05Bridge reopens to lorriesThe bridge reopened at dawn.\n"
        "9 Jun 202310.15Pinned: ferry resumes crossings after stormCrews said the ferry ...\n"
        "2h ago09.30SummaryThe day so far.\n"
        "09.10Today so far...\n"
        "08.55Summit opens in ValettaLeaders arrived on Friday.\n"
    )
    assert det.stamps(raw) == [(1, "10:15"), (4, "11:05"), (8, "08:55")]
    assert det.stamps("10.05Summaries of the ruling were publishedJudges said\n09.00A\n08.00B") == [
        (1, "10:05"),
        (2, "09:00"),
        (3, "08:00"),
    ]


def test_cut_before_relative_or_purpose_clause_is_a_phrase_boundary() -> None:
    src = "Engineers restored the bridge that carries the main road to the port."
    title = "Engineers restored the bridge"
    tags = [
        ("Engineers", "NOUN", "nsubj"),
        ("restored", "VERB", "ROOT"),
        ("bridge", "NOUN", "dobj"),
    ]
    relative = [("that", "PRON", "WDT", "relcl", "VERB"), ("carries", "VERB", "VBZ")]
    assert det.cut_mid_phrase(title, src, tags, relative) is None
    purpose = [("to", "PART", "TO", "advcl", "VERB"), ("reopen", "VERB", "VB")]
    assert det.cut_mid_phrase(title, src, tags, purpose) is None
    # the verb's own clause or object dropped, or a kept word whose head was dropped
    said = "The mayor said on Monday that the bridge would reopen."
    tags2 = [("mayor", "NOUN", "nsubj"), ("said", "VERB", "ROOT"), ("Monday", "PROPN", "pobj")]
    clause = [("that", "SCONJ", "IN", "ccomp", "VERB"), ("the", "DET", "DT")]
    assert det.cut_mid_phrase("The mayor said on Monday", said, tags2, clause)
    misparsed = [("that", "SCONJ", "IN", "relcl", "VERB"), ("the", "DET", "DT")]
    assert det.cut_mid_phrase("The mayor said on Monday", said, tags2, misparsed)
    opened = [("recently", "ADV", "RB", "open", ""), ("advanced", "VERB", "VBD")]
    assert det.cut_mid_phrase(title, src, tags, opened)


def test_a_whole_sentence_is_never_cut() -> None:
    src = "Talks drag on"
    assert det.cut_mid_phrase("Talks drag on", src) is None
    assert (
        det.cut_mid_phrase("Talks drag on. Nobody knows why", "Talks drag on. Nobody knows why")
        is None
    )
    assert det.cut_mid_phrase("Talks will", "Talks will go on. Nobody knows why") is not None


def test_a_title_stopping_at_a_glued_or_quote_closed_sentence_end_is_whole() -> None:
    glued = "The ferry line reopened on Tuesday.The operator said that crossings would resume."
    assert det.cut_mid_phrase("The ferry line reopened on Tuesday", glued) is None
    dash = "The mayor spoke about the bridges.- We will rebuild them all - he said."
    assert det.cut_mid_phrase("The mayor spoke about the bridges", dash) is None
    quoted = 'He called the blockade "a crime." There was no reply from the port.'
    assert det.cut_mid_phrase('He called the blockade "a crime"', quoted) is None
    assert det.unglue("the U.S.Army and Mr.Smith") == "the U.S.Army and Mr.Smith"
    # a cut inside the first sentence is still a cut
    assert det.cut_mid_phrase("The ferry line reopened the", glued) == "dangling: the"
