"""Duplicate merging and event construction."""

from __future__ import annotations

import datetime as dt
import re

from helpers.merge_cases import KYIV_A, KYIV_B, TALKS, an, dp, groups

from chronicle.merge import build_events
from chronicle.merge.events import headline, make_slug, shorten
from chronicle.merge.features import directed_object
from chronicle.model import DatedPassage, DateValue


def test_live_blog_repost_is_one_event_with_both_sources():
    title = "Kremlin says peace talks with US and Ukraine to resume on Sunday"
    a = dp("a", TALKS, title, line=10, time="06:25")
    b = dp("b", TALKS, title, line=90, time="14:51", day=27)
    events, diags = build_events([a, b], {"a": an("a", "diplomacy"), "b": an("b", "diplomacy")})
    assert len(events) == 1
    e = events[0]
    assert [s.passage.id for s in e.sources] == ["b", "a"]  # the earliest report is primary
    assert e.date.value == dt.date(2026, 1, 27)
    assert e.merge_notes and "t.txt:10" in e.merge_notes[0] and "t.txt:90" in e.merge_notes[0]
    assert [d.code for d in diags] == ["C303"]
    assert diags[0].severity == "info" and diags[0].path == "t.txt" and diags[0].line == 10


def test_two_outlets_on_the_same_strike_merge():
    a = dp("a", KYIV_A, "Russian attack on Kyiv kills 2, injures 16", doc="kyivindependent")
    b = dp("b", KYIV_B, "Russian drones and missiles pound Kyiv, two dead", doc="reuters")
    analyses = {
        "a": an("a", killed=2, injured=16, places=("kyiv",)),
        "b": an("b", killed=2, injured=16, places=("kyiv",)),
    }
    events, _ = build_events([a, b], analyses)
    assert groups(events) == [{"a", "b"}]
    assert (events[0].killed, events[0].injured) == (2, 16)


def test_bullets_of_one_digest_never_merge():
    a = dp("a", KYIV_A, kind="bullet", doc="digest", line=3)
    b = dp("b", KYIV_A + " Rescuers are at the scene.", kind="bullet", doc="digest", line=4)
    events, diags = build_events([a, b], {})
    assert groups(events) == [{"a"}, {"b"}]
    assert diags == []


def test_same_text_in_two_digests_merges():
    a = dp("a", KYIV_A, kind="bullet", doc="digest1", line=3)
    b = dp("b", KYIV_A, kind="bullet", doc="digest2", line=40, day=29)
    assert groups(build_events([a, b], {})[0]) == [{"a", "b"}]


def test_mirror_image_summons_stay_apart():
    kyiv = dp(
        "kyiv",
        "Ukraine's foreign ministry said it summoned Hungary's ambassador to protest over the "
        "Budapest government's allegations of Ukrainian meddling in Hungary's elections.",
        "Kyiv summons Hungarian ambassador over election meddling claims",
        doc="blog",
    )
    budapest = dp(
        "budapest",
        "Hungarian Prime Minister Viktor Orban said that Budapest would summon Ukraine's "
        "ambassador over what Orban said were attempts by Kyiv to interfere in a Hungarian "
        "parliamentary election.",
        kind="bullet",
        doc="digest",
        day=27,
    )
    assert directed_object(kyiv) == "hung"
    assert directed_object(budapest) == "ukra"
    assert groups(build_events([kyiv, budapest], {})[0]) == [{"budapest"}, {"kyiv"}]


def test_same_report_more_than_two_days_apart_stays_apart():
    a = dp("a", KYIV_A, "Russian attack on Kyiv kills 2, injures 16", day=10)
    b = dp("b", KYIV_A, "Russian attack on Kyiv kills 2, injures 16", day=13)
    assert len(build_events([a, b], {})[0]) == 2


def test_unrelated_passages_stay_apart():
    a = dp("a", KYIV_A, "Russian attack on Kyiv kills 2, injures 16")
    b = dp("b", TALKS, "Kremlin says talks resume on Sunday")
    c = dp("c", "The IOC kept Russian athletes as neutrals for the Winter Olympics.", "IOC")
    assert len(build_events([a, b, c], {})[0]) == 3


def test_event_fields_from_sources():
    a = dp("a", KYIV_A, "Watch: Russian attack on Kyiv kills 2, injures 16", line=5, time="08:00")
    b = dp("b", KYIV_A, "Russian attack on Kyiv kills 2, injures 16", line=9, time="09:00")
    analyses = {
        "a": an("a", "fighting", killed=2, injured=None, actors=("russia",), places=("kyiv",)),
        "b": an(
            "b",
            "energy",
            killed=1,
            injured=16,
            actors=("klitschko", "russia"),
            places=("kyiv", "ukraine"),
        ),
    }
    (e,), _ = build_events([a, b], analyses)
    assert e.title == "Russian attack on Kyiv kills 2, injures 16"  # label dropped
    assert e.slug == "russian-attack-on-kyiv-kills-2-injures-16"
    assert e.id == "2026-01-28-russian-attack-on-kyiv-kills-2-injures-16"
    assert e.time == "08:00" and e.reported == dt.date(2026, 1, 28)
    assert e.actors == ("russia", "klitschko") and e.places == ("kyiv", "ukraine")
    assert (e.killed, e.injured) == (2, 16)  # max over the sources that state them
    assert e.topic == "fighting"  # tie: the primary's topic
    assert e.summary.startswith("Russia launched") and e.summary.count(".") == 2


def test_topic_is_the_majority_of_sources():
    ps = [
        dp(x, KYIV_A, "Russian attack on Kyiv kills 2, injures 16", line=i)
        for i, x in enumerate("abc")
    ]
    analyses = {"a": an("a", "energy"), "b": an("b", "fighting"), "c": an("c", "fighting")}
    (e,), _ = build_events(ps, analyses)
    assert e.topic == "fighting"


def test_primary_prefers_day_precision_and_text():
    vague = dp(
        "vague", KYIV_A, "Russian attack on Kyiv kills 2, injures 16", day=27, precision="month"
    )
    exact = dp("exact", KYIV_A, "Russian attack on Kyiv kills 2, injures 16", day=28)
    (e,), _ = build_events([vague, exact], {})
    assert e.sources[0].passage.id == "exact" and e.date.precision == "day"


def test_bullet_title_is_a_short_headline():
    text = (
        "At least six people were injured in a Russian missile attack on Ukraine's Zaporizhia "
        "region, the head of the regional military administration, Ivan Fedorov, said on "
        "Telegram."
    )
    (e,), _ = build_events([dp("a", text, kind="bullet", doc="d")], {})
    assert (
        e.title == "At least six people were injured in a Russian missile attack on Ukraine's "
        "Zaporizhia region"
    )


def test_headline_rules():
    assert headline(
        "NATO chief Mark Rutte, during a visit to Kyiv on Tuesday, said that Russia "
        "was not serious about peace."
    ) == ("NATO chief Mark Rutte said that Russia was not serious about peace")
    assert (
        headline(
            "Dmitry Medvedev, the deputy chairman of Russia's Security Council, said "
            "the plan was unacceptable."
        )
        == "Dmitry Medvedev said the plan was unacceptable"
    )
    assert headline("In a separate post on X, Zelenskyy said talks went well.") == (
        "Zelenskyy said talks went well"
    )
    long = headline(
        "Sweden and Denmark will jointly procure and supply Ukraine with air defence "
        "systems worth 2.6 billion Swedish crowns to help it defend against attacks."
    )
    assert len(long) <= 100 and not long.endswith((" ", ".", ",")) and long.startswith("Sweden")
    assert long.split()[-1] not in {"the", "and", "of", "to", "with", "worth"}
    assert headline("") == ""


def test_shorten_closes_an_open_quote():
    t = shorten(
        "He called the comments “irresponsible” and “infantile and deeply offensive to "
        "every athlete who died",
        60,
    )
    assert t.count("“") == t.count("”") and len(t) <= 61


def test_slug_is_safe_and_at_most_60_chars():
    s = make_slug("Zelenskyy’s “peace formula”: Україна & Über-long title " + "word " * 30)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) and len(s) <= 60
    assert make_slug("!!!") == "event"


def test_slug_collisions_get_a_text_hash_not_an_ordinal():
    a = dp("a", "Three people were killed in Kherson.", "Russian strike kills three", doc="x")
    b = dp(
        "b", "Three civilians died in Sumy region.", "Russian strike kills three", doc="y", line=7
    )
    places = {"a": an("a", places=("kherson",)), "b": an("b", places=("sumy-oblast",))}
    events, _ = build_events([a, b], places)  # same headline, but Kherson is not Sumy
    slugs = sorted(e.slug for e in events)
    assert len(set(slugs)) == 2
    for s in slugs:
        assert re.fullmatch(r"russian-strike-kills-three-[0-9a-f]{6}", s)
    # the same event keeps its slug when unrelated news is added, and in any input order
    c = dp("c", "The IOC kept Russian athletes as neutrals.", "IOC decision", doc="z")
    again, _ = build_events([c, b, a], places)
    assert {e.id for e in events} <= {e.id for e in again}


def test_ids_are_stable_across_rebuilds_and_unrelated_additions():
    base = [
        dp("a", KYIV_A, "Russian attack on Kyiv kills 2, injures 16"),
        dp("b", TALKS, "Kremlin says talks resume on Sunday", line=5),
    ]
    first = {e.id for e in build_events(base, {})[0]}
    more = base + [dp("c", "The IOC kept Russian athletes as neutrals.", "IOC", line=9)]
    assert first <= {e.id for e in build_events(more, {})[0]}
    assert first == {e.id for e in build_events(list(reversed(base)), {})[0]}


def test_events_sorted_by_date_then_id_and_empty_passages_dropped():
    ps = [
        dp("late", TALKS, "Zeta talks", day=30),
        dp("early", KYIV_A, "Alpha strike", day=20),
        dp("mid2", "The IOC kept Russian athletes as neutrals.", "Beta", day=25),
        dp("mid1", "Sweden will send air defence systems.", "Alpha aid", day=25),
        dp("empty", "", None),
    ]
    events, _ = build_events(ps, {})
    assert [e.sources[0].passage.id for e in events] == ["early", "mid1", "mid2", "late"]


def test_bad_input_does_not_raise():
    events, diags = build_events([], {})
    assert events == () and diags == []
    odd = dp("odd", "…", "!!!")
    events, _ = build_events([odd], {})
    assert events[0].slug == "untitled-report" and events[0].title == "Untitled report"


def test_routine_reports_with_different_figures_stay_apart():
    text = (
        "Russia's defence ministry said air defences intercepted and destroyed {} Ukrainian "
        "drones overnight, including {} over the Belgorod region."
    )
    a = dp("a", text.format(90, 34), kind="bullet", doc="d1")
    b = dp("b", text.format(72, 12), kind="bullet", doc="d2", day=29)
    assert len(build_events([a, b], {})[0]) == 2
    c = dp("c", text.format(90, 34), kind="bullet", doc="d3", day=29)
    assert groups(build_events([a, c], {})[0]) == [{"a", "c"}]


def test_figures_conflict_tolerates_a_revised_toll():
    from chronicle.merge.features import figures, figures_conflict

    assert figures("killing 35 people and wounding 117, the 19th package, six drones") == [
        "#35",
        "#117",
        "#19",
        "#19",
        "#6",
    ]
    assert figures_conflict({"#90"}, {"#72"})
    assert figures_conflict({"#7"}, {"#6"})  # seventh vs sixth package
    assert not figures_conflict({"#35", "#117"}, {"#34", "#117"})
    assert not figures_conflict({"#16"}, set())


def test_different_tolls_are_different_strikes():
    text = "{} people died in Ukrainian shelling of the occupied town of Melitopol, officials said."
    a = dp("a", text.format("Eight"), kind="bullet", doc="d1")
    b = dp("b", text.format("Two"), kind="bullet", doc="d2")
    analyses = {"a": an("a", killed=8), "b": an("b", killed=2)}
    assert len(build_events([a, b], analyses)[0]) == 2


def test_paragraphs_of_one_report_never_merge():
    a = dp("a", KYIV_A, "Daily report, January 28", kind="paragraph", doc="report", line=3)
    b = dp("b", KYIV_A, "Daily report, January 28", kind="paragraph", doc="report", line=9)
    events, _ = build_events([a, b], {})
    assert len(events) == 2
    assert all(not e.title.startswith("Daily report") for e in events)  # not the doc title


def test_headline_only_entry_joins_its_story():
    pic = dp("pic", "", "In pictures: Two killed in strike in Kyiv region", line=40, time="19:00")
    story = dp(
        "story",
        "Russia pounded cities across Ukraine with drones overnight, killing a couple near the "
        "capital Kyiv. Officials said four people sought medical attention.",
        "Two killed in Russian attack near Kyiv",
        line=60,
        time="15:20",
    )
    analyses = {"pic": an("pic", killed=2), "story": an("story", killed=2, injured=4)}
    (e,), _ = build_events([pic, story], analyses)
    assert e.sources[0].passage.id == "story"  # the report with text is the primary
    assert e.summary.startswith("Russia pounded")


def test_distant_stories_do_not_chain_through_a_neighbour():
    a = dp("a", "Trump said his call with Putin on Ukraine was productive and long.", "A", doc="x")
    b = dp(
        "b",
        "Trump said his call with Putin was productive; Zelensky ruled out territorial "
        "concessions in any peace deal.",
        "B",
        doc="y",
    )
    c = dp(
        "c",
        "Zelensky ruled out territorial concessions in any peace deal with Russia.",
        "C",
        doc="z",
    )
    events, _ = build_events([a, b, c], {})
    assert {"a", "c"} not in [set(g) for g in groups(events)]
    assert not any({"a", "c"} <= g for g in groups(events))


def test_a_reaction_is_not_the_news_it_reacts_to():
    report = dp(
        "report",
        "A new report warned that the number of soldiers killed, injured or missing on both "
        "sides of Russia's war on Ukraine could hit two million by the spring.",
        "Nearly 2 million military casualties in Ukraine war, report finds",
    )
    reaction = dp(
        "reaction",
        "A senior Kremlin official has rejected a report claiming the number of soldiers "
        "killed, injured or missing on both sides of the war could hit two million.",
        "Kremlin rejects war casualties report",
        line=5,
    )
    assert len(build_events([report, reaction], {})[0]) == 2


def test_kyiv_and_the_kyiv_region_are_not_a_place_conflict():
    from chronicle.merge.features import _place_key

    assert _place_key("kyiv-oblast") == _place_key("kyiv") == "kyiv"
    assert _place_key("odesa-oblast") != _place_key("kyiv")


def test_primary_prefers_a_date_read_from_the_text():
    fallback = DatedPassage(
        passage=dp("weak", KYIV_A, "Russian attack on Kyiv kills 2, injures 16").passage,
        reported=DateValue(dt.date(2026, 1, 27), "day", "test"),
        date=DateValue(dt.date(2026, 1, 27), "day", "no date in the text; the reported date"),
    )
    read = dp("read", KYIV_A, "Russian attack on Kyiv kills 2, injures 16", day=28, line=7)
    (e,), _ = build_events([fallback, read], {})
    assert e.sources[0].passage.id == "read" and e.date.value == dt.date(2026, 1, 28)


def test_merge_tokens_fold_synonyms_and_keep_figures():
    from chronicle.merge.features import merge_tokens

    a = merge_tokens("Russian drones pounded Kyiv, two dead and 16 wounded")
    b = merge_tokens("A Russian attack on Kyiv killed two and injured 16")
    assert {"attack", "kill", "injure", "#16"} <= set(a) & set(b)


def test_titles_keep_lists_and_hyphenated_words():
    from chronicle.merge.events import clean_title

    assert clean_title("Latest-generation drones hit Kyiv") == "Latest-generation drones hit Kyiv"
    assert clean_title("Live: Russia hits Kyiv") == "Russia hits Kyiv"
    assert headline("Leaders of Britain, France, Germany and Italy met in Kyiv.") == (
        "Leaders of Britain, France, Germany and Italy met in Kyiv"
    )
    assert (
        headline("Trump's spokesperson, Karoline Leavitt, said the president was not surprised.")
        == "Trump's spokesperson said the president was not surprised"
    )
