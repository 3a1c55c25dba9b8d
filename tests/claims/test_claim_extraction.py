"""Claims read from the dependency parse: speaker, verb, stance, content, hedges, quotes
and nested sources, on short sentences in the shapes war news uses."""

from __future__ import annotations

import pytest

from chronicle.claims import Resolver, extract_claims
from chronicle.entities.actors import ActorTable

TEXTS = {
    "both_sides": (
        "Ukraine's air force said Russian missiles hit a school in Sumy overnight. "
        "Russia's defence ministry said its forces struck a Ukrainian army depot in the city."
    ),
    "denial": "The Kremlin denied that Russian drones had targeted the dam.",
    "denial_object": "Moscow dismissed the accusations as baseless.",
    "accusation": (
        "Ukrainian President Volodymyr Zelenskyy accused Russia of shelling a bus station."
    ),
    "warning": "NATO's secretary general warned that Moscow could test the alliance's borders.",
    "hedge": "Russian troops reportedly entered the village of Pishchane on Monday.",
    "claimed": "The militia claimed it shot down two helicopters near the border.",
    "unverified": (
        "Russia's defence ministry said it destroyed 45 drones over Bryansk. "
        "Reuters could not independently verify the claim."
    ),
    "unnamed": (
        "Three civilians were killed in the shelling of Oleshky, Kremlin-installed officials said."
    ),
    "according": "According to Ukrainian officials, two ferries were damaged in the port.",
    "quote": "“We will not give up a single village,” Zelenskyy said on Tuesday.",
    "quote_colon": "The mayor wrote: “The city is without water and heating tonight.”",
    "nested": "The governor said local residents told him that the bridge had collapsed.",
    "participle": "The Kremlin rejected the report, saying the numbers were invented by the West.",
    "no_claim": "A train carrying grain left the port of Izmail at dawn.",
}


@pytest.fixture(scope="module")
def claims() -> dict[str, list]:
    found = extract_claims(list(TEXTS.values()))
    return {k: list(cs.claims) for k, cs in zip(TEXTS, found, strict=True)} | {
        "_unverified": {k: cs.unverified for k, cs in zip(TEXTS, found, strict=True)}
    }


def test_both_sides_claim_with_their_own_speakers(claims) -> None:
    first, second = claims["both_sides"]
    assert first.speaker == "Ukraine's air force" and first.stance == "asserts"
    assert first.text.startswith("Russian missiles hit a school")
    assert second.speaker == "Russia's defence ministry" and second.verb == "say"
    assert "army depot" in second.text


def test_denial_verb_and_its_clause(claims) -> None:
    (c,) = claims["denial"]
    assert (c.speaker, c.verb, c.stance) == ("Kremlin", "deny", "denies")
    assert c.text == "Russian drones had targeted the dam"


def test_denial_of_accusations_as_object(claims) -> None:
    (c,) = claims["denial_object"]
    assert (c.speaker, c.stance) == ("Moscow", "denies")
    assert "accusations" in c.text


def test_accusation_and_warning(claims) -> None:
    (acc,) = claims["accusation"]
    assert acc.stance == "accuses" and acc.speaker.endswith("Volodymyr Zelenskyy")
    assert acc.text.startswith("Russia of shelling")
    (warn,) = claims["warning"]
    assert warn.stance == "warns" and warn.speaker == "NATO's secretary general"
    assert warn.text.startswith("Moscow could test")


def test_hedges(claims) -> None:
    (rep,) = claims["hedge"]
    assert rep.speaker is None and rep.hedge == "reportedly" and rep.kind == "hedged"
    (cl,) = claims["claimed"]
    assert cl.speaker == "militia" and cl.hedge == "claimed" and cl.verb == "claim"


def test_could_not_verify_hedges_every_claim_of_the_passage(claims) -> None:
    (c,) = claims["unverified"]
    assert c.speaker == "Russia's defence ministry"
    assert c.hedge == "could not independently verify"
    assert claims["_unverified"]["unverified"] == "could not independently verify"
    assert claims["_unverified"]["denial"] is None


def test_unnamed_speaker_after_the_clause(claims) -> None:
    (c,) = claims["unnamed"]
    assert c.speaker == "Kremlin-installed officials" and c.stance == "asserts"
    assert c.text.startswith("Three civilians were killed")


def test_according_to(claims) -> None:
    (c,) = claims["according"]
    assert (c.speaker, c.verb, c.kind) == ("Ukrainian officials", "according to", "according")
    assert c.text == "two ferries were damaged in the port"


def test_quoted_speech(claims) -> None:
    (c,) = claims["quote"]
    assert c.speaker == "Zelenskyy" and c.kind == "quote"
    assert c.text == "We will not give up a single village"
    (c,) = claims["quote_colon"]
    assert c.speaker == "mayor" and c.kind == "quote" and c.verb == "write"
    assert c.text == "The city is without water and heating tonight"


def test_nested_attribution_keeps_the_outer_speaker(claims) -> None:
    (c,) = claims["nested"]
    assert c.speaker == "governor"
    assert c.via == "local residents"
    assert c.text == "the bridge had collapsed"


def test_participle_continues_the_denial(claims) -> None:
    (c,) = claims["participle"]
    assert c.speaker == "Kremlin" and c.stance == "denies"
    assert "the report" in c.text and "invented by the West" in c.text


def test_no_reporting_verb_no_claim(claims) -> None:
    assert claims["no_claim"] == []


def test_resolution_to_actors_and_sides() -> None:
    """Named speakers become actor ids; unnamed ones keep the side their words give."""
    table = ActorTable()
    resolver = Resolver(table)
    texts = [TEXTS["unnamed"], TEXTS["denial"], TEXTS["according"], "He said the talks failed."]
    sets = extract_claims(texts)
    unnamed = resolver.resolve(sets[0], ())[0]
    assert unnamed.speaker is None and unnamed.side == "russia"
    kremlin_at = texts[1].index("Kremlin")
    kremlin = resolver.resolve(sets[1], [(kremlin_at, kremlin_at + 7, "actor", "kremlin")])[0]
    assert (kremlin.speaker, kremlin.side, kremlin.stance) == ("kremlin", "russia", "denies")
    officials = resolver.resolve(sets[2], ())[0]
    assert officials.speaker is None and officials.side == "ukraine"
    alone = resolver.resolve(sets[3], ())[0]  # a pronoun with nobody before it
    assert alone.speaker is None and alone.speaker_text == "He"
