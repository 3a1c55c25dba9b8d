"""Every boilerplate rule against its own examples, and the structural rules in context."""

from __future__ import annotations

import re

import pytest

from chronicle.readers import read_text
from chronicle.readers.boilerplate import load_boilerplate
from chronicle.readers.publishers import detect_publisher, load_publishers

BP = load_boilerplate()
RULES = BP.all_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.category}:{r.name}")
def test_each_rule_matches_its_examples_and_not_its_counter_examples(rule):
    assert rule.examples, f"rule {rule.name} needs examples in boilerplate.yaml"
    for ex in rule.examples:
        assert rule.matches(ex), ex
    for ex in rule.counter:
        assert not rule.matches(ex), ex


def test_rules_do_not_fire_on_news_sentences():
    news = [
        "Russia launched 450 drones and 60 missiles at Ukraine overnight, Kyiv said.",
        "Talks between Ukraine and Russia resumed in Abu Dhabi on Wednesday.",
        "Zelensky said: “We will not give up our land.”",
        "NATO chief Mark Rutte visited Kyiv on Tuesday.",
    ]
    for s in news:
        assert BP.match(s) is None, s
        assert BP.match(s, header=True) is None, s


def test_header_scope_rules_only_apply_above_the_title():
    assert BP.match("Arpan Rai and Alex Croft", header=True) == "byline_names"
    assert BP.match("Arpan Rai and Alex Croft") is None


def test_rule_patterns_have_no_nested_unbounded_quantifiers():
    nested = re.compile(r"\((?:[^()]|\\.)*[+*]\)[+*]")
    for rule in RULES:
        for p in rule.patterns:
            assert not nested.search(p.pattern), (rule.name, p.pattern)


def test_hostile_long_line_is_not_matched_and_costs_little():
    line = "(" + "A " * 200_000 + "x"
    assert BP.match(line) is None and not BP.is_caption(line)


def _roles(text: str) -> dict[int, str]:
    r = read_text(text, "t.txt")
    return {ln.number: ln.role for d in r.documents for ln in d.lines}


def test_digest_non_bullet_lines_among_bullets_are_boilerplate():
    rl = _roles(
        "Russia-Ukraine war: List of key events, day 9 | X News\n\n"
        "Here is where things stand on Monday, March 2:\n\n"
        "  • Russia struck Kyiv overnight, officials said.\n"
        "A damaged building in Kyiv, Ukraine, March 1, 2026\n"
        "  • Ukraine struck a refinery in Russia, its army said.\n"
    )
    assert rl[6] == "boilerplate" and rl[5] == rl[7] == "passage"


def test_footer_start_makes_the_rest_boilerplate():
    rl = _roles(
        "Story headline goes here | World News\n\n"
        "Russia struck Kyiv overnight, killing two people, officials said.\n"
        "Sign up to read this article\n"
        "Some footer text that is a full sentence about nothing.\n"
    )
    assert rl[3] == "body" and rl[4] == "boilerplate" and rl[5] == "boilerplate"


def test_tag_lines_before_a_title_are_boilerplate():
    rl = _roles(
        "Vladimir Putin\n\nStory headline goes here | World News\n\n"
        "BREAKING,\n\nRussia struck Kyiv overnight, killing two people, officials said.\n"
    )
    assert rl[1] == "boilerplate" and rl[3] == "passage" and rl[5] == "boilerplate"


def test_publishers_data_loads_and_detects_by_masthead_title_and_lines():
    names = {p.name for p in load_publishers()}
    assert {"Al Jazeera", "The Independent", "Reuters"} <= names
    assert detect_publisher("X", ["The Independent UK"], []) == "The Independent"
    assert detect_publisher("Story | Russia-Ukraine war News", [], []) == "Al Jazeera"
    assert detect_publisher("Story", [], ["KYIV, Feb 4 (Reuters) - Russia said ..."]) == "Reuters"
    assert detect_publisher("Story", [], ["Nothing to see here."]) is None
