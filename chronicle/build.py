"""Gather everything, then render: the build as one library call.

``gather`` runs the pipeline up to a :class:`Chronicle` without writing
anything (``chronicle check`` uses it); ``build`` writes the site into a
temporary folder next to the output and swaps it in only when everything
succeeded, so a failed build leaves the previous site whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.config import Config
from chronicle.errors import BuildError
from chronicle.model import Analysis, Chronicle, DatedPassage, Diagnostic, Document


class Reporter:
    """Progress and timing sink; the CLI subclasses it to draw progress bars."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def start(self, stage: str, total: int | None = None) -> None:  # noqa: B027
        pass

    def advance(self, n: int = 1) -> None:  # noqa: B027
        pass

    def end(self, stage: str) -> None:  # noqa: B027
        pass

    def diagnostic(self, diag: Diagnostic) -> None:  # noqa: B027
        pass

    def log(self, message: str) -> None:  # noqa: B027
        pass

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Reporter]:
        t0 = time.perf_counter()
        self.start(name, total)
        try:
            yield self
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0
            self.end(name)


@dataclass
class BuildReport:
    chronicle: Chronicle | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    output: Path | None = None

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity in ("warning", "error")]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def _display_path(path: Path, source: Path) -> str:
    """The path of an input file "as given": relative to the cwd when possible."""
    try:
        return os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
    except ValueError:  # other drive on Windows
        return str(path)


def gather(config: Config, reporter: Reporter | None = None) -> Chronicle:
    """Read, date, analyse and merge every input document. Writes nothing."""
    from chronicle import analysis, dating, merge, readers

    reporter = reporter or Reporter()
    diagnostics: list[Diagnostic] = []
    source = Path(config.source)
    if not source.is_dir():
        raise BuildError(f"{source}: source folder not found")

    files = readers.iter_source_files(source)
    documents: list[Document] = []
    per_file: list[tuple[Document, ...]] = []
    with reporter.stage("read", len(files)):
        for path in files:
            result = readers.read_file(path, _display_path(path, source), config)
            diagnostics.extend(result.diagnostics)
            for d in result.diagnostics:
                reporter.diagnostic(d)
            if result.documents:
                per_file.append(result.documents)
                documents.extend(result.documents)
            reporter.advance()
        for d in readers.duplicate_diagnostics(documents):  # C108: a file copied twice
            diagnostics.append(d)
            reporter.diagnostic(d)

    passages: list[DatedPassage] = []
    with reporter.stage("date", len(per_file)):
        results = [dating.date_documents(docs, config) for docs in per_file]
        # A file with no date anywhere is dated by the newest date of the rest of the
        # corpus (second pass), so the result never depends on file mtimes.
        undated = [any(d.code == "C205" for d in r.diagnostics) for r in results]
        if any(undated):
            known = [
                v.value
                for r, u in zip(results, undated, strict=True)
                if not u
                for v in r.document_dates.values()
            ]
            if known:
                newest = max(known)
                results = [
                    dating.date_documents(docs, config, fallback=newest) if u else r
                    for docs, r, u in zip(per_file, results, undated, strict=True)
                ]
        for dated in results:
            passages.extend(dated.passages)
            diagnostics.extend(dated.diagnostics)
            for d in dated.diagnostics:
                reporter.diagnostic(d)
            reporter.advance()

    result = analysis.analyse(passages, documents, config, reporter)
    diagnostics.extend(result.diagnostics)
    analyses: dict[str, Analysis] = result.analyses

    with reporter.stage("merge", len(passages)):
        events, merge_diags = merge.build_events(passages, analyses)
        diagnostics.extend(merge_diags)
        reporter.advance(len(passages))

    used = {p.passage.id for e in events for p in e.sources}
    unused = tuple(
        (p.passage.id, "no event: passage is a repeat or carries no development")
        for p in passages
        if p.passage.id not in used
    )
    return Chronicle(
        events=tuple(events),
        actors=result.actors,
        places=result.places,
        topics=result.topics,
        documents=tuple(documents),
        passages={p.passage.id: p for p in passages},
        analyses=analyses,
        diagnostics=tuple(diagnostics),
        unused_passages=unused,
    )


def build(config: Config, reporter: Reporter | None = None) -> BuildReport:
    """Build the site into ``config.output``; on any failure the old site stays."""
    from chronicle import search, site

    reporter = reporter or Reporter()
    report = BuildReport(output=Path(config.output))
    chronicle = gather(config, reporter)
    report.chronicle = chronicle
    report.diagnostics.extend(chronicle.diagnostics)

    out = Path(config.output)
    out_parent = out.resolve().parent
    out_parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out_parent))
    try:
        with reporter.stage("render"):
            report.diagnostics.extend(site.write_site(chronicle, config, tmp))
        if config.search:
            with reporter.stage("search"):
                report.diagnostics.extend(search.index_site(tmp, config))
        report.pages = sum(1 for _ in tmp.rglob("*.html"))
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.timings = dict(reporter.timings)
    return report


def _swap(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new`` with two renames, so readers never see half a site."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        out.rename(old)
    try:
        new.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
