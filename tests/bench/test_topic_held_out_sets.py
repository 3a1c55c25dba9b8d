"""Held-out topic sets stay held out: training passages retelling a test passage are left out."""

from __future__ import annotations

from tests.helpers.benchmod import load_bench

train_topics = load_bench("train_topics")

BULLET = (
    "Russian forces shelled the centre of Kharkiv on Thursday, killing four civilians and "
    "wounding ten, the regional governor said in a statement on Telegram."
)
# a live-blog entry the digest bullet was written from: the same sentence, then more
ENTRY = (
    "The regional governor said Russian forces shelled the centre of Kharkiv on Thursday, "
    "killing four civilians and wounding ten, the regional governor said in a statement on "
    "Telegram. Rescue teams were still searching the rubble of two buildings at noon."
)
OTHER = (
    "Ukraine and Poland signed an agreement on grain transit through the port of Gdansk, "
    "the Ukrainian agriculture ministry said on Thursday in a statement on Telegram."
)


def test_a_training_passage_retelling_a_test_passage_is_left_out():
    train = [("", ENTRY, "fighting"), ("", OTHER, "economy")]
    test = [("", BULLET, "fighting")]
    assert train_topics.without_retellings(train, test) == [("", OTHER, "economy")]


def test_shared_stock_phrases_do_not_make_a_retelling():
    # "said on Thursday in a statement on Telegram" is shared, far below 30 % of 8-grams
    assert train_topics.without_retellings([("", OTHER, "economy")], [("", BULLET, "x")]) == [
        ("", OTHER, "economy")
    ]


def test_short_passages_without_eight_words_are_kept():
    train = [("", "Kyiv shelled again.", "fighting")]
    assert train_topics.without_retellings(train, [("", "Kyiv shelled again.", "x")]) == train


def test_held_out_sets_are_chosen_by_outlet_and_period():
    assert train_topics.held_out_set("digests/guardian_132dow/x.txt") == "guardian-digests-2022"
    assert train_topics.held_out_set("webpages/universal_agent_scrapling/x.md") == "outlets-2026"
    gdelt = "articles/gdelt_newspaper3k_hellaskella33/20220210T080000Z_BY_en_6.txt"
    assert train_topics.held_out_set(gdelt) == "gdelt-ua-by"
    assert train_topics.held_out_set("reports/isw_universal_agent/2026-02-01_x.md") == "train"
