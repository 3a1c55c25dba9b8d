"""Actors and places of each passage: spaCy NER checked and completed by data files.

Mentions come from two sources: a dictionary match of every name in the actors
table and the gazetteer (high precision, any NER label), and spaCy's spans for the
names the tables do not know. Each mention is then judged in context (rules.py):
agencies cited as sources, platforms used as channels, picture credits and bylines
are dropped; countries and capitals become the state when they act ("Moscow said")
and the place otherwise ("in Moscow"). Surnames are resolved in a second pass, once
every full name in the document and corpus is known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from chronicle.config import Config
from chronicle.entities.actors import ActorRecord
from chronicle.entities.collect import Collect, ExtractionResult, PassageEntities
from chronicle.entities.mentions import _Work, entity_text
from chronicle.model import DatedPassage, Diagnostic, Document
from chronicle.nlp import NerSpan

__all__ = [
    "EntityExtractor",
    "ExtractionResult",
    "PassageEntities",
    "entity_text",
]


class EntityExtractor(Collect):
    """Loads the tables once; ``extract`` may be called for any set of passages.

    The passes, one module each: ``tables`` → ``mentions`` and ``firstpass`` (per
    passage, stored) → ``resolve`` (surnames, corpus-wide) → ``collect``.
    """

    def __init__(self, config: Config) -> None:
        self._load(config)

    def extract(
        self,
        passages: Sequence[DatedPassage],
        documents: Sequence[Document],
        ner_results: Mapping[str, tuple[NerSpan, ...]],
    ) -> ExtractionResult:
        diags: list[Diagnostic] = list(self.diagnostics)
        docs = {d.id: d for d in documents}
        works: list[_Work] = []
        for dp in passages:
            try:
                works.append(self._first_pass(dp, docs, ner_results.get(dp.passage.id, ())))
            except Exception as exc:  # a bug must not stop the build; say where it hit
                p = dp.passage
                works.append(_Work(dp, entity_text(p)))
                diags.append(
                    Diagnostic(
                        "C304", f"entity extraction failed: {exc!r}", p.path, p.line, "warning"
                    )
                )
        self._memo.save()
        self._drop_own_sources(works, docs)
        new_actors: dict[str, ActorRecord] = {}
        self._promote_people(works)
        doc_names, corpus_names = self._full_names(works, new_actors, diags)
        self._find_lone_surnames(works, doc_names)
        return self._collect(works, doc_names, corpus_names, new_actors, diags)
