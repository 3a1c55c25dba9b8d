"""The extraction stage: NLP (cached), entities, topics and casualties per passage.

NLP is the only expensive step, so its output (named-entity spans per passage
text) is cached by content hash plus model and code version; everything after
it is cheap, corpus-wide (surname resolution, topic classifier) and rerun on
every build so cross-document decisions always see the whole corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from chronicle.config import Config
from chronicle.model import Analysis, DatedPassage, Diagnostic, Document, Entity, Topic
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


def run_ner(texts: Sequence[str], config: Config, reporter: Reporter | None = None) -> list:
    """NER spans for each text: cached, else computed locally or on the build's Dask cluster."""
    from chronicle import nlp, passagetasks

    found = passagetasks.run("ner", texts, config, reporter, stage="nlp")
    return [tuple(nlp.NerSpan(*s) for s in spans) for spans in found]


class CasualtyMemo:
    """``extract_casualties`` with its results kept across builds in the cache folder.

    Tolls are a pure function of the text, so entries are keyed by a content digest and
    the code version of ``chronicle/casualties.py``; a rebuild after adding one document
    parses only that document's passages. An unusable cache folder only costs time.
    """

    NAME = "casualties-memo"

    def __init__(self, config: Config) -> None:
        from chronicle import cache, casualties

        self._extract = casualties.extract_casualties
        self._digest = cache.digest
        self._memo: cache.MemoFile | None = None
        try:
            version = cache.code_key(Path(casualties.__file__))
            self._memo = cache.MemoFile(Path(config.cache_dir), self.NAME, version)
        except Exception:  # noqa: BLE001 - no memo: compute everything
            self._memo = None

    def __call__(self, text: str) -> tuple[int | None, int | None]:
        memo = self._memo
        if memo is None:
            return self._extract(text)
        key = self._digest(text)
        found = memo.get(key)
        if type(found) is not tuple or len(found) != 2:  # absent (or not ours): compute
            found = self._extract(text)
            memo.put(key, found)
        return found

    def save(self) -> None:
        if self._memo is not None:
            self._memo.save()


def analyse(
    passages: Sequence[DatedPassage],
    documents: Sequence[Document],
    config: Config,
    reporter: Reporter | None = None,
) -> AnalysisResult:
    from chronicle.claims import Resolver, run_claims
    from chronicle.entities import EntityExtractor, backrefs, entity_text
    from chronicle.topics import assign_topics, load_taxonomy

    reporter = reporter or Reporter()
    texts = [entity_text(p.passage) for p in passages]
    spans = run_ner(texts, config, reporter)
    claim_sets = run_claims(texts, config, reporter)
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
        topics = assign_topics(passages, taxonomy, Path(config.cache_dir))
        reporter.advance(len(passages))

    analyses: dict[str, Analysis] = {}
    with reporter.stage("casualties", len(passages)), paused_gc():
        tolls = CasualtyMemo(config)
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
        tolls.save()
    return AnalysisResult(
        analyses=analyses,
        actors=extracted.actors,
        places=extracted.places,
        topics=taxonomy,
        diagnostics=tuple(extracted.diagnostics),
    )
