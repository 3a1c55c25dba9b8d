"""A document's publisher, authors and house voice are its sources, not actors of its events."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.config import Config
from chronicle.entities import EntityExtractor, entity_text
from chronicle.entities.sources import (
    acronym,
    acts_in,
    document_keys,
    domain_name,
    is_news_about,
)
from chronicle.model import DatedPassage, DateValue, Document, Passage
from chronicle.nlp import NerSpan

DAY = DateValue(dt.date(2026, 2, 1), "day", "test")


@pytest.fixture(scope="module")
def ex(tmp_path_factory: pytest.TempPathFactory) -> EntityExtractor:
    return EntityExtractor(Config(cache_dir=tmp_path_factory.mktemp("cache")))


def _run(ex, texts, names, *, publisher=None, url=None, author=None):  # noqa: ANN001, ANN202
    passages, ner = [], {}
    for n, text in enumerate(texts):
        p = Passage(f"p{n}", "r.md", "doc", n + 1, n + 1, "paragraph", text)
        passages.append(DatedPassage(p, DAY, DAY))
        found = []
        for surface, label in names:
            i = text.find(surface)
            if i >= 0:
                found.append(NerSpan(i, i + len(surface), label, surface))
        ner[p.id] = tuple(sorted(found))
        assert entity_text(p) == text
    doc = Document(
        "doc", "r.md", 0, "markdown", "", 1, 1, (), (), publisher=publisher, url=url, author=author
    )
    res = ex.extract(passages, [doc], ner)
    return [[res.actors[a].name for a in res.per_passage[p.passage.id].actors] for p in passages]


REPORT = [
    "The Halvard Centre assesses that Russian forces will intensify assaults near Siversk.",
    "HCS previously assessed that the Kremlin is preparing a new mobilisation wave.",
    "Ukrainian forces recently advanced near Kupiansk, and the Halvard Centre has observed "
    "Russian forces withdrawing.",
]
NAMES = [("Halvard Centre", "ORG"), ("HCS", "ORG"), ("Kremlin", "ORG"), ("Siversk", "GPE")]


def test_publisher_and_its_acronym_are_not_actors_of_its_own_report(ex) -> None:  # noqa: ANN001
    got = _run(ex, REPORT, NAMES, publisher="Halvard Centre for Strategy")
    assert all("Halvard Centre" not in names and "HCS" not in names for names in got), got


def test_the_same_name_in_another_publishers_document_is_an_actor(ex) -> None:  # noqa: ANN001
    text = ["The Halvard Centre for Strategy said on Monday it would open an office in Kyiv."]
    got = _run(ex, text, [("Halvard Centre for Strategy", "ORG")], publisher="Meridian Media Group")
    assert any("Halvard" in n for n in got[0]), got


def test_house_voice_without_metadata_is_a_source(ex) -> None:  # noqa: ANN001
    texts = [
        "The Brenn Institute assesses that Russian troops will attack near Lyman soon.",
        "The Brenn Institute assessed that the Kremlin is unlikely to negotiate.",
        "The Brenn Institute cannot independently verify the claims of Russian bloggers.",
        "Russian forces shelled Kherson overnight, the regional governor said.",
    ]
    got = _run(ex, texts, [("Brenn Institute", "ORG"), ("Kremlin", "ORG")])
    assert all("Brenn Institute" not in names for names in got), got


def test_an_outlet_that_is_itself_the_news_stays_an_actor(ex) -> None:  # noqa: ANN001
    texts = [
        "Russian authorities banned the Meridian Media Group and blocked its website on Friday."
    ]
    got = _run(ex, texts, [("Meridian Media Group", "ORG")], publisher="Meridian Media Group")
    assert any("Meridian Media Group" in n for n in got[0]), got


def test_a_domain_never_hides_a_country(ex) -> None:  # noqa: ANN001
    texts = ["Ukraine said Russian forces shelled Kherson overnight, killing two people."]
    got = _run(ex, texts, [("Ukraine", "GPE"), ("Kherson", "GPE")], url="https://war.ukraine.ua/x")
    assert "Ukraine" in got[0]


def test_a_host_written_as_publisher_names_its_organisation(ex) -> None:  # noqa: ANN001
    texts = ["Harbor Docs released new templates, Harbor Docs said on Monday."]
    got = _run(
        ex,
        texts,
        [("Harbor Docs", "PERSON")],
        publisher="docs.harbor.io",
        url="https://docs.harbor.io/x",
    )
    assert "Harbor Docs" not in got[0]


def test_bylined_author_is_not_an_actor(ex) -> None:  # noqa: ANN001
    texts = ["Marta Quill reports that shelling continued in the town of Orikhiv overnight."]
    got = _run(ex, texts, [("Marta Quill", "PERSON")], author="Marta Quill")
    assert "Marta Quill" not in got[0]


def test_keys_from_metadata() -> None:
    doc = Document(
        "d", "x.md", 0, "markdown", "", 1, 1, (), (), publisher="Institute of Tides",
        url="https://www.northgazette.co.uk/2026/01/02/story", author="Ann Lee and Bo Chen",
    )  # fmt: skip
    keys = document_keys(doc)
    assert {"instituteoftides", "annlee", "bochen"} <= keys
    assert domain_name(doc.url) == "northgazette"
    assert acronym("Institute for the Study of War") == "isw"
    gov = Document("g", "g.md", 0, "markdown", "", 1, 1, (), (), url="https://www.mod.gov.ua/x")
    assert document_keys(gov) == set() and domain_name(gov.url) == ""


@pytest.mark.parametrize(
    ("text", "name", "news"),
    [
        ("Police raided the Meridian Media Group offices in Minsk.", "Meridian Media Group", True),
        (
            "The Meridian Media Group’s correspondent was wounded in Kherson.",
            "Meridian Media Group",
            True,
        ),
        ("The Meridian Media Group reported that talks stalled.", "Meridian Media Group", False),
        ("According to the Meridian Media Group, talks stalled.", "Meridian Media Group", False),
        ("The Meridian Media Group’s analysis shows losses rising.", "Meridian Media Group", False),
    ],
)
def test_news_about_the_source(text: str, name: str, news: bool) -> None:
    i = text.index(name)
    assert is_news_about(text, i, i + len(name)) is news


def test_an_institution_on_its_own_site_is_an_actor_only_where_it_acts(ex) -> None:  # noqa: ANN001
    texts = [
        "The Tidewater Treaty Organization condemns the shelling of the port of Marenne.",
        "At the Lisbon summit, Tidewater Treaty Organization leaders agreed to fund a centre.",
        "Ukraine has taken part in the Tidewater Treaty Organization’s science programme.",
        "A speech by the foreign minister of Estonia, Tidewater Treaty Organization, 2025.",
    ]
    org = "Tidewater Treaty Organization"
    names = [(org, "ORG"), ("Marenne", "GPE"), ("Ukraine", "GPE")]
    got = _run(ex, texts, names, url="https://www.tto.int/en/news/relations")
    assert org in got[0] and org in got[1], got
    assert org not in got[2] and org not in got[3], got
    # on any other site the same sentences keep it as an actor (it is no publisher there)
    other = _run(ex, texts, names, url="https://www.northgazette.co.uk/2026/01/02/story")
    assert all(org in names for names in other), other


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("The Pact condemns the strikes.", True),
        ("In response, Pact allies have jointly decided to send more air defence.", True),
        ("At the summit, Pact and Moldovan leaders endorsed the roadmap.", True),
        ("The Pact’s support has grown since 2022.", False),
        ("Talks were held in the Pact-Moldova Council.", False),
        ("Moldova moved towards interoperability with the Pact and its members.", False),
    ],
)
def test_acts_in(text: str, acts: bool) -> None:
    i = text.index("Pact")
    assert acts_in(text, i, i + 4) is acts
