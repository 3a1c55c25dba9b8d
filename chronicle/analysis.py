"""The extraction stage: NLP (cached), entities, topics and casualties per passage.

NLP is the only expensive step, so its output (entity spans and claims per passage
text) is cached by content hash plus model and code version; everything after
it is cheap, corpus-wide (surname resolution, topic classifier) and rerun on
every build so cross-document decisions always see the whole corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from chronicle import store
from chronicle.claims.extract import ClaimSet
from chronicle.config import Config
from chronicle.model import Analysis, DatedPassage, Diagnostic, Document, Entity, Topic
from chronicle.nlp import NerSpan
from chronicle.reporter import Reporter
from chronicle.runtime import paused_gc


@dataclass(frozen=True)
class AnalysisResult:
    analyses: dict[str, Analysis]
    actors: dict[str, Entity]
    places: dict[str, Entity]
    topics: dict[str, Topic]
    diagnostics: tuple[Diagnostic, ...] = ()
    stats: dict[str, int] = field(default_factory=dict)


def run_nlp(
    texts: Sequence[str], config: Config, reporter: Reporter | None = None
) -> tuple[list[tuple[NerSpan, ...]], list[ClaimSet]]:
    """NER spans and claims for each text, from one spaCy pass: cached, else computed
    locally or on the build's Dask cluster."""
    from chronicle import passagetasks
    from chronicle.claims.stage import decode_claims

    found = passagetasks.run("nlp", texts, config, reporter, stage="nlp")
    spans = [tuple(NerSpan(*s) for s in v[0]) for v in found]
    return spans, decode_claims([v[1] for v in found])


def _is_toll(value: object) -> bool:
    return type(value) is tuple and len(value) == 2


def casualty_memo(config: Config) -> store.Memo:
    """Tolls are a pure function of the text, so they are kept across builds by content
    digest and the code version of ``casualties.py`` and ``text.py``: a rebuild after adding
    one document parses only that document's passages."""
    from chronicle import casualties, text

    version = store.code_key(Path(casualties.__file__), Path(text.__file__))
    return store.Memo(Path(config.cache_dir), "casualties-memo", version)


def analyse(
    passages: Sequence[DatedPassage],
    documents: Sequence[Document],
    config: Config,
    reporter: Reporter | None = None,
) -> AnalysisResult:
    from chronicle.casualties import extract_casualties
    from chronicle.claims import Resolver
    from chronicle.entities import EntityExtractor, backrefs, entity_text
    from chronicle.topics import assign_topics, load_taxonomy

    reporter = reporter or Reporter()
    texts = [entity_text(p.passage) for p in passages]
    spans, claim_sets = run_nlp(texts, config, reporter)
    ner_results = {p.passage.id: s for p, s in zip(passages, spans, strict=True)}

    with reporter.stage("entities", len(passages)), paused_gc():
        extractor = EntityExtractor(config)
        extracted = extractor.extract(passages, documents, ner_results)
        per_passage = backrefs.resolve(passages, extracted.per_passage, extracted.places)
        extracted = replace(extracted, per_passage=per_passage)  # "the plant" named before
        reporter.advance(len(passages))
    said = Resolver(extractor.table, extractor.gaz)

    with reporter.stage("topics", len(passages)), paused_gc():
        taxonomy = load_taxonomy(config)
        topics = assign_topics(passages, taxonomy, Path(config.cache_dir), config)
        reporter.advance(len(passages))

    analyses: dict[str, Analysis] = {}
    with reporter.stage("casualties", len(passages)), paused_gc():
        memo = casualty_memo(config)

        def tolls(text: str) -> tuple[int | None, int | None]:
            return memo.recall(memo.key(text), partial(extract_casualties, text), _is_toll)

        for i, p in enumerate(passages):
            pid = p.passage.id
            ents = extracted.per_passage.get(pid)
            topic, source = topics.get(pid, ("other", "none"))
            killed, injured = tolls(p.passage.text)
            if killed is None and injured is None and p.passage.title:
                killed, injured = tolls(p.passage.title)
            analyses[pid] = Analysis(
                passage_id=pid,
                actors=ents.actors if ents else (),
                places=ents.places if ents else (),
                roles=ents.roles if ents else (),
                topic=topic,
                topic_source=source,
                killed=killed,
                injured=injured,
                claims=said.resolve(claim_sets[i], ents.mentions if ents else ()),
                unverified=claim_sets[i].unverified,
            )
            reporter.advance()
        memo.save()
    return AnalysisResult(
        analyses=analyses,
        actors=extracted.actors,
        places=extracted.places,
        topics=taxonomy,
        diagnostics=tuple(extracted.diagnostics),
    )
