"""Unit tests for entity extraction: each rule on small inputs written for the test.

NER spans are given by hand (``spans``) so these tests exercise the rules, not the model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.entity_cases import DAY, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.config import Config
from chronicle.entities import (
    EntityExtractor,
    ExtractionResult,
    PassageEntities,
    entity_text,
    roles,
    rules,
)
from chronicle.entities.actors import fold
from chronicle.model import DatedPassage, Passage
from chronicle.nlp import NerSpan

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")


@pytest.fixture(scope="module")
def ex(tmp_path_factory: pytest.TempPathFactory) -> EntityExtractor:
    return EntityExtractor(Config(cache_dir=tmp_path_factory.mktemp("cache")))


def actor_names(res: ExtractionResult, pid: str) -> list[str]:
    return [res.actors[a].name for a in res.per_passage[pid].actors]


def place_names(res: ExtractionResult, pid: str) -> list[str]:
    return [res.places[a].name for a in res.per_passage[pid].places]


# --- pure rules ---------------------------------------------------------------------


def test_fold_merges_transliterations() -> None:
    assert fold("Zelensky") == fold("Zelenskyy") == fold("Zelenskiy")
    assert fold("Zaporizhia") == fold("Zaporizhzhia") == fold("Zaporizhzhya")
    assert fold("Odessa") == fold("Odesa")
    assert fold("Kharkiv") != fold("Kherson")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Moscow said on Monday it would respond.", "Moscow", "state"),
        ("Officials in Kyiv said the grid was damaged.", "Kyiv", "place"),
        ("Sybiha accused Moscow of waiting for the cold.", "Moscow", "state"),
        ("the end of Russia's war against Ukraine", "Russia", "state"),
        ("talks with the US and Russia on Friday", "Russia", "state"),
        ("Kyiv has dismissed the suggestion.", "Kyiv", "state"),
        ("the city was hit as Kyiv was shelled", "Kyiv", "weak"),
        ("Russia's capital Moscow has experienced snow", "Moscow", "place"),
        ("Warsaw will close its border crossing with Belarus", "Belarus", "place"),
        ("Moscow was not serious about peace", "Moscow", "state"),
    ],
)
def test_country_role(text: str, name: str, expected: str) -> None:
    i = text.index(name)
    assert rules.country_role(text, i, i + len(name)) == expected


def test_compound_modifier() -> None:
    text = "the Moscow-occupied town"
    assert rules.is_compound_modifier(text, text.index("-"))


def test_agency_subject_or_source() -> None:
    text = "Russia banned Reuters last year, the editor told AFP."
    assert rules.agency_is_subject(text, text.index("Reuters"))
    assert not rules.agency_is_subject(text, text.index("AFP"))


def test_credit_spans_cover_photographers() -> None:
    for text, name in [
        ("in Kyiv. (Photo by Sergei GAPON / AFP)", "Sergei"),
        ("in Kyiv, Ukraine June 18. REUTERS/Thomas Peter", "Thomas"),
        ("the capital [Thomas Peter/Reuters]", "Thomas"),
        ("cuts were introduced. (Reporting by Yuliia Dysa; Editing by Tom Balmforth)", "Tom"),
    ]:
        i = text.index(name)
        assert any(s <= i < e for s, e in rules.credit_spans(text)), text


def test_split_byline() -> None:
    assert rules.split_names("Arpan Rai and Alex Croft") == ["Arpan Rai", "Alex Croft"]
    assert rules.split_names("By Jane Doe, John Roe") == ["Jane Doe", "John Roe"]


def test_roles_before_and_after_names() -> None:
    text = "Kremlin spokesman Dmitry Peskov said"
    assert roles.role_before(text, text.index("Dmitry")) == "Kremlin spokesman"
    text = "Ukrainian Foreign Minister Andrii Sybiha said"
    assert roles.role_before(text, text.index("Andrii")) == "Foreign Minister"
    text = "United States Secretary of State Marco Rubio told"
    assert roles.role_before(text, text.index("Marco")) == "Secretary of State"
    text = "Dmitry Medvedev, the deputy chairman of Russia's Security Council, said"
    end = text.index(",")
    assert roles.role_after(text, end) == "deputy chairman of Russia's Security Council"
    text = "Three people were hurt in the attack, Oleh Kiper said"
    assert roles.role_before(text, text.index("Oleh")) is None


def test_ministries() -> None:
    found = roles.ministry_mentions("Russia's Ministry of Defence said 40 drones fell.")
    assert [(f[2], f[3]) for f in found] == [("Defence", "Russia")]
    found = roles.ministry_mentions("the Ministry of Foreign Affairs in Moscow said")
    assert [(f[2], f[3]) for f in found] == [("Foreign Affairs", "Moscow")]
    found = roles.ministry_mentions("Ukraine's foreign ministry said")
    assert [(f[2], f[3]) for f in found] == [("Foreign Affairs", "Ukraine")]


# --- extractor ----------------------------------------------------------------------


def test_spelling_variants_are_one_actor_and_one_place(ex: EntityExtractor) -> None:
    res, (a, b) = run(
        ex,
        ("Zelensky spoke in Kiev and Odessa.", (("Zelensky", "PERSON"), ("Kiev", "GPE"))),
        ("Zelenskyy visited Kyiv and Odesa.", (("Zelenskyy", "ORG"),)),
    )
    assert res.per_passage[a].actors == res.per_passage[b].actors == ("volodymyr-zelenskyy",)
    assert res.per_passage[a].places == res.per_passage[b].places == ("kyiv", "odesa")
    assert "Kiev" in res.places["kyiv"].aliases
    assert res.places["kyiv"].lat == pytest.approx(50.45, abs=0.1)


def test_region_phrases_map_to_oblasts(ex: EntityExtractor) -> None:
    res, (a,) = run(
        ex,
        (
            "Strikes hit the Kharkiv region and the Zaporizhia region, then the "
            "Poltava and Sumy regions.",
            (),
        ),
    )
    assert place_names(res, a) == [
        "Kharkiv Oblast",
        "Zaporizhzhia Oblast",
        "Poltava Oblast",
        "Sumy Oblast",
    ]


def test_surname_resolves_to_full_name_in_document(ex: EntityExtractor) -> None:
    res, (a, b) = run(
        ex,
        (
            "Ulf Laessing, an analyst at a German foundation, said so.",
            (("Ulf Laessing", "PERSON"),),
        ),
        ("Laessing added that the attack was planned.", (("Laessing", "PERSON"),)),
    )
    assert actor_names(res, a) == actor_names(res, b) == ["Ulf Laessing"]
    assert res.actors["ulf-laessing"].kind == "person"
    assert any(d.code == "C302" for d in res.diagnostics)


def test_ambiguous_surname_without_context_is_not_guessed(ex: EntityExtractor) -> None:
    # the table knows two Fedorovs and this document names neither in full
    res, (a,) = run(ex, ("Fedorov said the strike was repelled.", (("Fedorov", "PERSON"),)))
    assert actor_names(res, a) == []
    assert any(d.code == "C301" for d in res.diagnostics)


def test_titles_and_possessives_are_stripped(ex: EntityExtractor) -> None:
    text = "Defence Minister Hans Mueller met Trump's envoy. Mueller's plan was discussed."
    res, (a,) = run(
        ex,
        (
            text,
            (
                ("Defence Minister Hans Mueller", "PERSON"),
                ("Trump's", "ORG"),
                ("Mueller's", "PERSON"),
            ),
        ),
    )
    assert actor_names(res, a) == ["Hans Mueller", "Donald Trump"]
    assert ("hans-mueller", "Defence Minister") in res.per_passage[a].roles


def test_known_place_tagged_as_person_is_a_place(ex: EntityExtractor) -> None:
    res, (a,) = run(ex, ("Drones struck Kyiv overnight.", (("Kyiv", "PERSON"),)))
    assert actor_names(res, a) == []
    assert place_names(res, a) == ["Kyiv"]


def test_typo_resolves_when_close_and_unambiguous(ex: EntityExtractor) -> None:
    res, (a,) = run(
        ex,
        (
            "Foreign Minister Andrii Sybhia met Hakan Fidan.",
            (("Andrii Sybhia", "PERSON"), ("Hakan Fidan", "PERSON")),
        ),
    )
    assert actor_names(res, a) == ["Andrii Sybiha", "Hakan Fidan"]


def test_roles_are_captured(ex: EntityExtractor) -> None:
    res, (a,) = run(ex, ("Kremlin spokesman Dmitry Peskov said talks were useful.", ()))
    assert actor_names(res, a) == ["Kremlin", "Dmitry Peskov"]
    assert ("dmitry-peskov", "Kremlin spokesman") in res.per_passage[a].roles
    assert "Kremlin spokesman" in res.actors["dmitry-peskov"].roles


def test_bylines_and_authors_are_not_actors(ex: EntityExtractor) -> None:
    text = "Alex Croft reports that Jane Miller and Marco Rubio met."
    res, (a,) = run(
        ex,
        (text, (("Alex Croft", "PERSON"), ("Jane Miller", "PERSON"))),
        byline="Alex Croft",
        author="Arpan Rai and Jane Miller",
    )
    assert actor_names(res, a) == ["Marco Rubio"]


def test_writer_credit_is_not_an_actor(ex: EntityExtractor) -> None:
    text = "Askold Krushelnycky writes: Russia attacked my hotel."
    res, (a,) = run(ex, (text, (("Askold Krushelnycky", "PERSON"),)))
    assert "Askold Krushelnycky" not in actor_names(res, a)


def test_picture_credits_are_not_actors(ex: EntityExtractor) -> None:
    text = "People shelter in the metro in Kyiv. (Photo by Sergei Gapon / AFP)"
    res, (a,) = run(ex, (text, (("Sergei Gapon", "PERSON"), ("AFP", "ORG"))))
    assert actor_names(res, a) == []
    assert place_names(res, a) == ["Kyiv"]


def test_agencies_cited_as_source_are_not_actors(ex: EntityExtractor) -> None:
    text = (
        "Shoigu told TASS the offensive would go on, according to Reuters. "
        "Earlier Russia banned Meduza."
    )
    res, (a,) = run(ex, (text, (("TASS", "ORG"), ("Reuters", "ORG"))))
    names = actor_names(res, a)
    assert "TASS" not in names and "Reuters" not in names
    assert "Meduza" in names  # the subject of the news, not its source


def test_platforms_and_units_are_not_actors(ex: EntityExtractor) -> None:
    text = "Governor Ivan Fedorov wrote on Telegram that it was -20 Celsius (-4 Fahrenheit)."
    res, (a,) = run(ex, (text, (("Telegram", "ORG"), ("Celsius", "ORG"), ("Fahrenheit", "ORG"))))
    assert actor_names(res, a) == ["Ivan Fedorov"]


def test_capitals_as_government_are_states(ex: EntityExtractor) -> None:
    text = "Moscow said it would retaliate after strikes in Kyiv, and Washington told both sides."
    res, (a,) = run(ex, (text, ()))
    assert actor_names(res, a) == ["Russia", "United States"]
    assert res.actors["russia"].kind == "state"
    assert place_names(res, a) == ["Kyiv"]


def test_possessive_before_a_name_is_not_a_place(ex: EntityExtractor) -> None:
    text = "Germany's Wadephul visited Ukraine's Kryvyi Rih."
    res, (a,) = run(ex, (text, ()))
    assert actor_names(res, a) == ["Johann Wadephul"]
    assert place_names(res, a) == ["Ukraine", "Kryvyi Rih"]


def test_first_name_is_not_a_city(ex: EntityExtractor) -> None:
    text = "a ceasefire with [Vladimir] Putin"
    res, (a,) = run(ex, (text, (("Vladimir", "GPE"), ("Putin", "PERSON"))))
    assert place_names(res, a) == []
    assert actor_names(res, a) == ["Vladimir Putin"]


def test_longer_name_beats_table_alias(ex: EntityExtractor) -> None:
    text = "the regime led by Hafez al-Assad and then his son"
    res, (a,) = run(ex, (text, (("Hafez al-Assad", "PERSON"),)))
    assert actor_names(res, a) == ["Hafez al-Assad"]


def test_ministry_resolves_country(ex: EntityExtractor) -> None:
    text = "Russia's Ministry of Defence said 40 drones were downed, the Foreign Ministry added."
    res, (a,) = run(ex, (text, ()))
    assert actor_names(res, a)[0] == "Russian Ministry of Defence"


def test_settlements_and_datelines_are_places(ex: EntityExtractor) -> None:
    text = "KYIV, Ukraine (AP) — Russian troops entered the village of Zolota Nyva overnight."
    res, (a,) = run(ex, (text, (("AP", "ORG"),)))
    assert place_names(res, a) == ["Kyiv", "Ukraine", "Zolota Nyva"]
    assert actor_names(res, a) == ["Russian Armed Forces"]


def test_user_actor_and_place_files_extend_tables(tmp_path: Path) -> None:
    actors = tmp_path / "actors.yaml"
    actors.write_text(
        "actors:\n- {name: Ivan Testenko, kind: person, aliases: [Testenko],"
        " roles: [Mayor of Testopil]}\n",
        "utf-8",
    )
    places = tmp_path / "places.json"
    places.write_text(
        '{"places": [{"name": "Testopil", "kind": "town", "lat": 48.1,'
        ' "lon": 36.2, "country": "UA"}]}',
        "utf-8",
    )
    ex = EntityExtractor(
        Config(actors_files=(actors,), places_files=(places,), cache_dir=tmp_path / "cache")
    )
    res, (a,) = run(ex, ("Testenko said Testopil was shelled.", ()))
    assert actor_names(res, a) == ["Ivan Testenko"]
    assert place_names(res, a) == ["Testopil"]
    assert res.places["testopil"].lat == 48.1


def test_bad_user_file_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors: [ {name: unclosed", "utf-8")
    ex = EntityExtractor(Config(actors_files=(bad,), cache_dir=tmp_path / "cache"))
    res, _ = run(ex, ("Putin spoke.", ()))
    assert any(d.code == "C501" and d.path == str(bad) for d in res.diagnostics)
    assert "vladimir-putin" in res.actors


def test_only_seen_entities_are_returned(ex: EntityExtractor) -> None:
    res, _ = run(ex, ("Rutte visited Kharkiv.", ()))
    assert set(res.actors) == {"mark-rutte"}
    assert set(res.places) == {"kharkiv"}


def test_entity_text_joins_title_and_body() -> None:
    p = Passage("x", "t", "d", 1, 2, "entry", "Body.", "Head")
    assert entity_text(p) == "Head. Body."
    assert entity_text(Passage("y", "t", "d", 1, 1, "bullet", "Only body.")) == "Only body."


def test_bad_ner_offsets_do_not_raise(ex: EntityExtractor) -> None:
    p = Passage("p", "t.txt", "doc", 1, 1, "paragraph", "Short text.")
    res = ex.extract(
        [DatedPassage(p, DAY, DAY)], [], {"p": (NerSpan(50, 60, "PERSON", "Nobody Here"),)}
    )
    assert res.per_passage["p"].actors == ()


def test_outlet_as_subject_gets_one_name(ex: EntityExtractor) -> None:
    text = "A Hamburg court prohibited FAZ from repeating the claims."
    res, (a,) = run(ex, (text, (("FAZ", "ORG"),)))
    assert actor_names(res, a) == ["Frankfurter Allgemeine Zeitung"]


def test_quoted_titles_name_nobody(ex: EntityExtractor) -> None:
    text = 'Usmanov sued over an article titled "On the Kremlin\'s instructions".'
    res, (a,) = run(ex, (text, ()))
    assert actor_names(res, a) == ["Alisher Usmanov"]


def test_area_word_for_shared_nouns() -> None:
    text = "crews worked in the Saltivskyi and Kyivskyi districts of the city"
    for name in ("Saltivskyi", "Kyivskyi"):
        i = text.index(name)
        assert rules.area_word(text, i, i + len(name)) == "district"
    text = "the border region of Belgorod"
    i = text.index("Belgorod")
    assert rules.area_word(text, i, i + len(text) - i) == "region"
    text = "Kharkiv was hit"
    assert rules.area_word(text, 0, 7) is None


def test_coordinated_countries_acting_are_states(ex: EntityExtractor) -> None:
    text = "Ukraine and Russia exchanged 300 prisoners each, officials in Abu Dhabi said."
    res, (a,) = run(ex, (text, ()))
    assert actor_names(res, a) == ["Ukraine", "Russia"]
    assert place_names(res, a) == ["Abu Dhabi"]


def test_tables_cache_is_reused_and_invalidated(tmp_path: Path) -> None:
    extra = tmp_path / "actors.yaml"
    extra.write_text("actors:\n- {name: Petro Cachenko, kind: person}\n", "utf-8")
    config = Config(actors_files=(extra,), cache_dir=tmp_path / "cache")
    EntityExtractor(config)
    pickles = list((tmp_path / "cache").glob("entity-tables-*.pickle"))
    assert len(pickles) == 1
    assert "petro-cachenko" in EntityExtractor(config).table.records  # from the pickle
    extra.write_text("actors:\n- {name: Olha Newenko, kind: person}\n", "utf-8")
    table = EntityExtractor(config).table
    assert "olha-newenko" in table.records and "petro-cachenko" not in table.records
    assert list((tmp_path / "cache").glob("entity-tables-*.pickle")) != pickles


def test_area_lists_name_each_region() -> None:
    found = rules.area_lists("drones over the Bryansk, Kursk and Oryol regions overnight")
    assert [(n, a) for _, _, n, a in found] == [
        ("Bryansk", "region"),
        ("Kursk", "region"),
        ("Oryol", "region"),
    ]


def test_given_name_makes_a_person_of_a_mislabelled_span(ex: EntityExtractor) -> None:
    text = "Oleksandr Pivnenko said his troops had repelled 12 assaults."
    res, (a,) = run(ex, (text, (("Oleksandr Pivnenko", "ORG"),)))
    assert actor_names(res, a) == ["Oleksandr Pivnenko"]
    assert res.actors["oleksandr-pivnenko"].kind == "person"
    text = "Sunflower Fields said prices rose."  # no given name, no role: not a person
    res, (a,) = run(ex, (text, (("Sunflower Fields", "ORG"),)))
    assert actor_names(res, a) == []


def test_regional_title_names_the_region(ex: EntityExtractor) -> None:
    text = "Poltava regional governor Volodymyr Kohut said no one was hurt in Kremenchuk."
    res, (a,) = run(ex, (text, (("Volodymyr Kohut", "PERSON"), ("Kremenchuk", "GPE"))))
    assert place_names(res, a) == ["Poltava Oblast", "Kremenchuk"]


def test_fuzzy_match_is_for_typos_not_missing_qualifiers(ex: EntityExtractor) -> None:
    text = "Putin chaired a meeting of the Security Council on Friday."
    res, (a,) = run(ex, (text, (("the Security Council", "ORG"),)))
    assert "UN Security Council" not in actor_names(res, a)


def test_misspelt_new_person_merges_with_first_spelling(ex: EntityExtractor) -> None:
    res, (a, b) = run(
        ex,
        ("Maksudur Rahman said he was lured to Russia.", (("Maksudur Rahman", "PERSON"),)),
        ("Maksudur Rahmen escaped in May.", (("Maksudur Rahmen", "PERSON"),)),
    )
    assert res.per_passage[a].actors == res.per_passage[b].actors == ("maksudur-rahman",)
    assert "Maksudur Rahmen" in res.actors["maksudur-rahman"].aliases


def test_actor_row_with_unknown_kind_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n- {name: Some Body, kind: alien}\n", "utf-8")
    ex = EntityExtractor(Config(actors_files=(bad,), cache_dir=tmp_path / "cache"))
    assert any("alien" in d.message for d in ex.diagnostics)


def test_a_failing_passage_becomes_a_diagnostic(
    ex: EntityExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(text: str) -> list:
        raise ValueError("boom")

    monkeypatch.setattr(ex, "_ministry_mentions", boom)
    res, (a,) = run(ex, ("Putin spoke.", ()))
    assert res.per_passage[a] == PassageEntities()
    assert any(d.code == "C304" and d.path == "t.txt" and d.line == 1 for d in res.diagnostics)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=200),
    cuts=st.lists(
        st.tuples(st.integers(0, 220), st.integers(0, 40), st.sampled_from(LABELS)), max_size=6
    ),
)
def test_any_text_and_spans_never_raise(
    ex: EntityExtractor, text: str, cuts: list[tuple[int, int, str]]
) -> None:
    p = Passage("p", "t.txt", "doc", 1, 1, "paragraph", text)
    ner = {"p": tuple(NerSpan(s, s + n, label, text[s : s + n]) for s, n, label in cuts)}
    res = ex.extract([DatedPassage(p, DAY, DAY)], [], ner)
    assert not any(d.code == "C304" for d in res.diagnostics)
    assert set(res.per_passage["p"].actors) <= set(res.actors)


def test_town_named_like_a_person_is_not_matched_in_text(ex: EntityExtractor) -> None:
    # Shevchenko is a town in Donetsk Oblast and a common surname
    res, (a,) = run(
        ex,
        (
            "Andriy Shevchenko met the team. Shevchenko said it went well.",
            (("Andriy Shevchenko", "PERSON"),),
        ),
    )
    assert actor_names(res, a) == ["Andriy Shevchenko"]
    assert place_names(res, a) == []


def test_toponym_shapes() -> None:
    for name in ("Velyka Pysarivka", "Bilozerske", "Torske", "Nova Poltavka", "Novoselivka"):
        assert rules.looks_like_toponym(name), name
    assert rules.looks_like_toponym("Borodino")
    for name in (
        "Olena Zelenska",
        "Hanna Maliar",
        "Mykola Tochytskyi",
        "Peter Magyar",
        "Gianni Infantino",
        "Carlo Pellegrino",
    ):
        assert not rules.looks_like_toponym(name), name


def test_villages_tagged_as_people_or_orgs_are_places(ex: EntityExtractor) -> None:
    text = "Russian troops attacked Velyka Pysarivka and shelled Bilozerske and Torske."
    res, (a,) = run(
        ex, (text, (("Velyka Pysarivka", "PERSON"), ("Bilozerske", "PERSON"), ("Torske", "ORG")))
    )
    assert actor_names(res, a) == ["Russian Armed Forces"]
    assert place_names(res, a) == ["Velyka Pysarivka", "Bilozerske", "Torske"]


def test_actors_whose_slugs_collide_stay_apart(tmp_path: Path) -> None:
    extra = tmp_path / "actors.yaml"
    extra.write_text(
        "actors:\n- {name: Jean-Luc Dupont, kind: person}\n"
        "- {name: Jean Luc Dupont, kind: person}\n"
        "- {name: Olena Kovalenko, kind: person, roles: [mayor]}\n"
        "- {name: Олена Коваленко, kind: person, roles: [doctor]}\n",
        "utf-8",
    )
    ex = EntityExtractor(Config(actors_files=(extra,), cache_dir=tmp_path / "cache"))
    text = (
        "Jean-Luc Dupont met Jean Luc Dupont; Олена Коваленко and Olena Kovalenko were there too."
    )
    res, (a,) = run(ex, (text, ()))
    names = actor_names(res, a)
    assert names == ["Jean-Luc Dupont", "Jean Luc Dupont", "Олена Коваленко", "Olena Kovalenko"]
    assert len(set(res.per_passage[a].actors)) == 4


def test_outlet_reporters_are_not_actors(ex: EntityExtractor) -> None:
    text = (
        "Al Jazeera's Dorsa Jabbari, reporting from Moscow, said the Kremlin was silent. "
        "Reuters correspondent Tom Balmforth and Oleksandr Pivnenko also spoke."
    )
    res, (a,) = run(
        ex,
        (
            text,
            (
                ("Dorsa Jabbari", "PERSON"),
                ("Tom Balmforth", "PERSON"),
                ("Oleksandr Pivnenko", "PERSON"),
            ),
        ),
    )
    assert actor_names(res, a) == ["Kremlin", "Oleksandr Pivnenko"]


def test_roles_are_deduplicated_ignoring_case(ex: EntityExtractor) -> None:
    res, _ = run(ex, ("US President Donald Trump spoke. The US president Donald Trump left.", ()))
    roles = res.actors["donald-trump"].roles
    assert len([r for r in roles if r.lower() == "president"]) == 1


def test_unqualified_ministry_takes_its_ministers_state(ex: EntityExtractor) -> None:
    text = (
        "Defense Minister Mykhailo Fedorov announced a drone programme. "
        "The Defense Ministry said more deliveries would follow."
    )
    res, (a,) = run(ex, (text, ()))
    assert actor_names(res, a) == ["Mykhailo Fedorov", "Ukrainian Ministry of Defence"]
    res, (a,) = run(ex, ("The Defense Ministry said 40 drones were downed.", ()))
    assert actor_names(res, a) == []  # whose ministry is unknown: better none than a guess


def test_country_before_an_office_is_the_state_even_after_a_preposition() -> None:
    text = "Putin signalled flexibility to US envoy Steve Witkoff."
    i = text.index("US")
    assert rules.country_role(text, i, i + 2) == "state"


def test_role_with_for_clause() -> None:
    text = "Ukraine's Deputy Prime Minister for European Integration Taras Kachka said"
    assert (
        roles.role_before(text, text.index("Taras"))
        == "Deputy Prime Minister for European Integration"
    )


def test_lower_case_portfolio_stays_in_the_role() -> None:
    text = "Ukraine's foreign minister Andrii Sybiha said"
    assert roles.role_before(text, text.index("Andrii")) == "foreign minister"
