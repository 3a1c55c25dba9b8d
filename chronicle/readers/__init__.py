"""Read and segment input files into documents and passages (the pipeline's first stage).

``read_file`` never raises for bad input: empty, binary, mis-encoded or huge
files come back as Diagnostics naming the file (and line), with whatever could
be read. Every input line lands in exactly one ``Document.lines`` entry with a
role, so the source page can show the file losslessly.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from chronicle.config import Config
from chronicle.model import Diagnostic, Document, ReadResult
from chronicle.readers.decode import MAX_ANALYSIS_CHARS, analysis_text, decode_bytes, split_lines
from chronicle.readers.draft import Ctx, DocDraft, finalize
from chronicle.readers.ids import normalise, short_hash
from chronicle.readers.standing import drop_standing

__all__ = [
    "HTML_SUFFIXES",
    "drop_standing",
    "MARKDOWN_SUFFIXES",
    "duplicate_diagnostics",
    "iter_source_files",
    "read_file",
    "read_text",
]

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def iter_source_files(source: Path) -> list[Path]:
    """Every regular file under ``source``, recursively, sorted; hidden files/dirs skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(source, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            p = Path(root) / name
            if p.is_file():
                found.append(p)
    return sorted(found, key=lambda p: p.relative_to(source).as_posix())


def _json_data(path: Path, text: str) -> bool:
    """A ``.json`` file that parses as a JSON object or array: data (a scraper's gold
    metadata, an export) that would otherwise become events made of keys and quotes."""
    if path.suffix.lower() != ".json" or text.lstrip()[:1] not in ("{", "["):
        return False
    import json

    try:
        return isinstance(json.loads(text), (dict, list))
    except ValueError:
        return False


def read_file(path: Path, display_path: str, config: Config) -> ReadResult:
    """Read one input file; bad input gives Diagnostics, never an exception."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(
            display_path,
            (),
            (
                Diagnostic(
                    "C106",
                    f"file could not be read: {exc.strerror or exc}",
                    display_path,
                    severity="error",
                ),
            ),
        )
    text, diags = decode_bytes(data, display_path)
    if text is None:
        return ReadResult(display_path, (), tuple(diags))
    if _json_data(path, text):
        note = "JSON data (metadata, an export), not news text; skipped"
        return ReadResult(display_path, (), (*diags, Diagnostic("C112", note, display_path)))
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    if path.suffix.lower() in HTML_SUFFIXES:
        from chronicle.readers.html import html_to_markdown

        text, html_diags = html_to_markdown(text, display_path)
        diags = [*diags, *html_diags]
        if text is None:
            return ReadResult(display_path, (), tuple(diags))
        markdown = True
    try:
        result = read_text(text, display_path, markdown=markdown)
    except RecursionError:  # pragma: no cover - pathological nesting in Markdown
        return ReadResult(
            display_path,
            (),
            (
                *diags,
                Diagnostic(
                    "C104",
                    "file structure too deeply nested to read",
                    display_path,
                    severity="error",
                ),
            ),
        )
    return ReadResult(display_path, result.documents, (*diags, *result.diagnostics))


def read_text(text: str, display_path: str, markdown: bool = False) -> ReadResult:
    """Segment decoded text into documents (the testable core of ``read_file``)."""
    raw = split_lines(text)
    ana = [analysis_text(s) for s in raw]
    ctx = Ctx(display_path, raw, ana)
    long_lines = [i for i, s in enumerate(raw) if len(s) > MAX_ANALYSIS_CHARS]
    if long_lines:
        ctx.warn(
            "C110",
            f"{len(long_lines)} line(s) longer than {MAX_ANALYSIS_CHARS:,} "
            "characters truncated for analysis (kept whole on the source page)",
            long_lines[0],
        )
    if not any(ana):
        ctx.warn("C101", "file has no text (only blank lines)")
        return ReadResult(display_path, (), tuple(ctx.diagnostics))
    from chronicle.readers import pagedump

    layout = pagedump.detect(ctx)
    if layout is not None:
        drafts = pagedump.read_pagedump(ctx, layout)
    elif markdown:
        from chronicle.readers.markdown import read_markdown

        drafts = read_markdown(ctx)
    else:
        from chronicle.readers.segment import read_segments

        drafts = read_segments(ctx)
    _fill_titles(ctx, drafts)
    for d in drafts:
        if not d.passages:
            ctx.warn("C107", f"document {d.title[:60]!r} has no passages", d.start, severity="info")
    return ReadResult(display_path, finalize(ctx, drafts), tuple(ctx.diagnostics))


def duplicate_diagnostics(documents: Sequence[Document]) -> list[Diagnostic]:
    """C108 for each document whose passages repeat a document of another file.

    The copy is still read (its passages merge into the same events); the message
    tells the user which file it duplicates, so a stray copy can be removed.
    """
    seen: dict[str, Document] = {}
    out: list[Diagnostic] = []
    for doc in documents:
        if not doc.passages:
            continue
        key = short_hash(*(normalise(f"{p.title or ''} {p.text}") for p in doc.passages), length=20)
        first = seen.setdefault(key, doc)
        if first is not doc and first.path != doc.path:
            out.append(
                Diagnostic(
                    "C108",
                    f"duplicate document: same text as {first.path}:{first.start_line} "
                    f"({doc.title[:60]!r})",
                    doc.path,
                    doc.start_line,
                )
            )
    return out


def _fill_titles(ctx: Ctx, drafts: list[DocDraft]) -> None:
    """Documents without a headline get one from their first passage or the file name."""
    for d in drafts:
        if d.title:
            continue
        p = d.passages[0] if d.passages else None
        text = (p.title or p.text) if p else next((s for s in ctx.ana[d.start : d.end] if s), "")
        words = text.split()
        d.title = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        if not d.title:
            d.title = Path(ctx.path).stem
