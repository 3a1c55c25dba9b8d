"""Topics: taxonomy file, heading aliases, the shipped classifier and the keyword fallback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chronicle.config import Config
from chronicle.errors import ConfigError
from chronicle.model import DatedPassage, DateValue, Passage
from chronicle.text import stem
from chronicle.topics import (
    HeadingMatcher,
    assign_topics,
    load_taxonomy,
    smooth_sections,
)

EXPECTED = (
    "fighting military-aid diplomacy politics energy economy humanitarian sport security other"
).split()


def dp(
    pid: str,
    text: str,
    heading: str | None = None,
    title: str | None = None,
    kind: str = "bullet",
    doc: str = "d1",
    line: int = 1,
) -> DatedPassage:
    day = DateValue(dt.date(2026, 1, 28), "day", "test")
    p = Passage(
        id=pid,
        path="t.txt",
        document_id=doc,
        line=line,
        end_line=line,
        kind=kind,
        text=text,
        title=title,
        heading=heading,
    )
    return DatedPassage(passage=p, reported=day, date=day)


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(Config())


def test_bundled_taxonomy_has_the_ten_topics(taxonomy):
    assert list(taxonomy) == EXPECTED
    for topic in taxonomy.values():
        assert topic.name and topic.description
        if topic.id != "other":
            assert len(topic.keywords) >= 10 and len(topic.aliases) >= 4


@pytest.mark.parametrize(
    ("heading", "topic"),
    [
        ("Politics and diplomacy", "diplomacy"),
        ("Diplomacy and politics", "diplomacy"),
        ("Peace talks", "diplomacy"),
        ("Ceasefire talks", "diplomacy"),
        ("Politics", "politics"),
        ("Regional security", "security"),
        ("Humanitarian aid", "humanitarian"),
        ("Military aid", "military-aid"),
        ("Fighting", "fighting"),
        ("Energy", "energy"),
        ("Economy", "economy"),
        ("Sport", "sport"),
        ("  POLITICS & DIPLOMACY: ", "diplomacy"),  # case, punctuation, ampersand
        ("Diplomcy", "diplomacy"),  # typo: fuzzy match
        ("Fighting in the east", "fighting"),  # an alias inside a longer heading
        ("Prisoner exchange", "humanitarian"),
        ("Sanctions", "economy"),
    ],
)
def test_heading_aliases(taxonomy, heading, topic):
    assert HeadingMatcher(taxonomy).match(heading) == topic


def test_unknown_or_missing_heading_matches_nothing(taxonomy):
    m = HeadingMatcher(taxonomy)
    assert m.match("Recommended reading") is None
    assert m.match(None) is None
    assert m.match("   ") is None


def test_topics_file_replaces_bundled_taxonomy(tmp_path: Path):
    f = tmp_path / "topics.yaml"
    f.write_text(
        "war:\n  name: War\n  aliases: [Front]\n  keywords: [shelling]\n"
        "talks:\n  name: Talks\n  keywords: [negotiations]\n",
        "utf-8",
    )
    tax = load_taxonomy(Config(topics_file=f))
    assert list(tax) == ["war", "talks", "other"]  # "other" is always there
    assert HeadingMatcher(tax).match("Front") == "war"


@pytest.mark.parametrize(
    "content",
    [
        "- just a list\n",
        "war: [1, 2]\n",
        "Bad Id:\n  name: x\n",
        "war:\n  colour: red\n",
        "war: {name: War\n",
    ],
)
def test_invalid_topics_file_is_a_config_error_naming_the_file(tmp_path: Path, content):
    f = tmp_path / "topics.yaml"
    f.write_text(content, "utf-8")
    with pytest.raises(ConfigError, match="topics.yaml"):
        load_taxonomy(Config(topics_file=f))


def test_missing_topics_file_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="could not be read"):
        load_taxonomy(Config(topics_file=tmp_path / "nope.yaml"))


def test_stem_pairs_inflections():
    assert stem("strikes") == stem("strike")
    assert stem("killed") == stem("killing") == stem("kill")
    assert stem("talks") == stem("talk")
    assert stem("casualties") == "casualty"


def test_headed_passage_takes_its_heading(taxonomy):
    got = assign_topics([dp("a", "Zelensky met Macron in Paris.", heading="Fighting")], taxonomy)
    assert got == {"a": ("fighting", "heading")}


@pytest.fixture
def no_model(monkeypatch):
    import chronicle.topic_model as tm

    monkeypatch.setattr(tm, "shipped_model", lambda: None)


def test_keyword_fallback_without_a_model(taxonomy, no_model):
    passages = [
        dp(
            "a",
            "A Russian drone strike on Kharkiv killed two people and injured five.",
            kind="entry",
        ),
        dp(
            "b",
            "Negotiators met in Abu Dhabi for trilateral peace talks on a ceasefire.",
            kind="entry",
        ),
        dp(
            "c",
            "The IOC said Russian athletes may compete as neutrals at the Olympics.",
            kind="entry",
        ),
        dp("d", "", title="", kind="entry"),
    ]
    got = assign_topics(passages, taxonomy)
    assert got["a"] == ("fighting", "keywords")
    assert got["b"] == ("diplomacy", "keywords")
    assert got["c"] == ("sport", "keywords")
    assert got["d"][0] == "other"


def test_no_keyword_at_all_is_other_without_a_model(taxonomy, no_model):
    got = assign_topics([dp("a", "Lorem ipsum dolor sit amet.", kind="entry")], taxonomy)
    assert got["a"] == ("other", "keywords")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Finland will send a new package of air-defence missiles and shells to Kyiv.",
            "military-aid",
        ),
        (
            "Russian missiles hit two thermal power plants overnight, injuring four workers.",
            "fighting",
        ),
        (
            "UN inspectors at the nuclear station reported that a reactor entered cold shutdown.",
            "energy",
        ),
        ("Ukraine's parliament voted to extend martial law for another three months.", "politics"),
        ("The European Union condemned the attack and summoned Russia's envoy.", "diplomacy"),
        (
            "The UN refugee agency said thousands of displaced families needed shelter.",
            "humanitarian",
        ),
    ],
)
def test_shipped_model_decides_passages_without_a_heading(taxonomy, text, topic):
    got = assign_topics([dp("a", text, kind="entry")], taxonomy)
    assert got["a"] == (topic, "classifier")


def test_a_heading_still_decides_under_the_model(taxonomy):
    text = "Finland will send a new package of air-defence missiles and shells to Kyiv."
    got = assign_topics([dp("a", text, heading="Diplomacy")], taxonomy)
    assert got["a"] == ("diplomacy", "heading")


def test_a_user_topic_unknown_to_the_model_is_carved_out_by_its_keywords(taxonomy):
    from chronicle.model import Topic

    mine = {**taxonomy, "cyber": Topic("cyber", "Cyber", keywords=("hackers", "cyberattack"))}
    got = assign_topics(
        [
            dp(
                "a",
                "Hackers took down the websites of two ministries in a cyberattack.",
                kind="entry",
            ),
            dp("b", "Russian shelling killed two people in Kherson.", kind="entry", doc="d2"),
        ],
        mine,
    )
    assert got["a"] == ("cyber", "classifier")
    assert got["b"] == ("fighting", "classifier")


def test_model_artefact_round_trips_through_its_arrays():
    import numpy as np

    from chronicle.topic_model import features, from_arrays, shipped_model, to_arrays

    model = shipped_model()
    assert model is not None and "fighting" in model.topics
    copy = from_arrays(
        to_arrays(model.topics, list(model.index), model.idf, model.coef, model.intercept)
    )
    text = "A drone hit a school in Sumy."
    assert copy.scores("", text) == model.scores("", text)
    assert "l:dron" in features("", text) and "b:dron_hit" in features("", text)
    assert np.isclose(sum(np.exp(list(model.scores("", text).values()))), 1.0)


def test_unknown_heading_falls_to_the_classifier(taxonomy):
    got = assign_topics(
        [dp("a", "A missile strike killed three people in Odesa.", heading="Key takeaways")],
        taxonomy,
    )
    assert got["a"] == ("fighting", "classifier")


def test_smooth_sections_keeps_neighbours_together():
    order = ["a", "b"]
    rows = [{"a": 2.0, "b": 0.0}, {"a": 0.9, "b": 1.0}, {"a": 2.0, "b": 0.0}]
    assert smooth_sections(rows, order, penalty=1.0) == ["a", "a", "a"]
    assert smooth_sections(rows, order, penalty=0.0) == ["a", "b", "a"]
    strong = [{"a": 5.0, "b": 0.0}, {"a": 0.0, "b": 9.0}]
    assert smooth_sections(strong, order, penalty=1.0) == ["a", "b"]
    assert smooth_sections([], order, penalty=1.0) == []


def test_assign_topics_is_deterministic(taxonomy):
    passages = [
        dp(f"b{i}", f"Russian drones struck Odesa port {i} times.", line=i) for i in range(5)
    ] + [dp("x", "Envoys met in Geneva for talks.", kind="entry", doc="blog")]
    assert assign_topics(passages, taxonomy) == assign_topics(list(passages), taxonomy)
