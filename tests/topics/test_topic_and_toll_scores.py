"""Topic and casualty scores reach their thresholds on the annotated fixtures.

Gold: tests/fixtures/topics_seeds.json (120 seed passages), topics_news.json (38 passages
written for the project), casualties_*.json and duplicates_*.json (events = duplicate groups).
"""

from __future__ import annotations

import eval_topics  # noqa: E402
import pytest


@pytest.fixture(scope="module")
def passages():
    return (
        eval_topics.fixture_passages("topics_seeds.json"),
        eval_topics.fixture_passages("topics_news.json"),
    )


@pytest.fixture(scope="module")
def topic_scores(passages):
    return eval_topics.topic_scores(*passages)


def test_fixtures_cover_the_seed_passages(passages):
    seeds, news = passages
    kinds = [p.passage.kind for p in seeds]
    assert (kinds.count("bullet"), kinds.count("entry"), kinds.count("article")) == (77, 38, 5)
    assert len(news) >= 30


def test_topic_accuracy_overall(topic_scores):
    assert topic_scores["accuracy_overall"] >= 0.90, topic_scores["errors"]


def test_topic_accuracy_without_heading(topic_scores):
    # live-blog entries, articles, news passages, and every digest with its headings hidden
    assert topic_scores["n_without_heading"] >= 150
    assert topic_scores["accuracy_without_heading"] >= 0.80, topic_scores["errors"]
    assert topic_scores["accuracy_hidden_headings"] >= 0.75
    assert topic_scores["accuracy_unseen_news"] >= 0.80


def test_casualties_per_event(passages):
    seeds, news = passages
    c = eval_topics.casualty_scores(
        [*seeds, *news], ["duplicates_seeds.json", "duplicates_news.json"]
    )
    assert c["events_stating_counts"] >= 20
    assert c["counts_right"] >= 0.90, c["errors"]
    assert c["events_given_unstated_counts"] <= 2, c["errors"]
