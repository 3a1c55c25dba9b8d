"""Mutable drafts the format readers fill in; ``finalize`` freezes them into the model.

Readers work on 0-based line indices into the whole file; ids need every
document of the file (occurrence suffixes), so they are given at the end.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from chronicle.model import Diagnostic, DocHeader, Document, Line, Passage
from chronicle.readers import ids
from chronicle.readers.boilerplate import Boilerplate, load_boilerplate

#: Cap on one passage's text (a pasted book is still read, just not analysed whole).
MAX_PASSAGE_CHARS = 100_000
_WS_RE = re.compile(r"\s+")


def collapse(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


@dataclass
class Ctx:
    """One input file: raw lines (for the source page) and their analysis copies."""

    path: str
    raw: list[str]
    ana: list[str]
    bp: Boilerplate = field(default_factory=load_boilerplate)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(
        self, code: str, message: str, index: int | None = None, severity: str = "warning"
    ) -> None:
        line = None if index is None else index + 1
        self.diagnostics.append(Diagnostic(code, message, self.path, line, severity))  # type: ignore[arg-type]

    def next_nonblank(self, i: int, end: int) -> int | None:
        for j in range(i + 1, end):
            if self.ana[j]:
                return j
        return None

    def prev_nonblank(self, i: int, start: int) -> int | None:
        for j in range(i - 1, start - 1, -1):
            if self.ana[j]:
                return j
        return None

    def join(self, indices: list[int]) -> str:
        parts: list[str] = []
        size = 0
        for i in indices:
            s = self.ana[i]
            if s:
                parts.append(s)
                size += len(s) + 1
                if size > MAX_PASSAGE_CHARS:
                    break
        return collapse(" ".join(parts))[:MAX_PASSAGE_CHARS]


@dataclass
class PassageDraft:
    kind: str
    line: int  # 0-based index of the first line (bullet, headline)
    body: list[int] = field(default_factory=list)  # 0-based indices of text lines
    text: str = ""
    title: str | None = None
    heading: str | None = None
    time: str | None = None
    stamp_date: object = None  # dt.date | None
    byline: str | None = None
    extra: list[int] = field(default_factory=list)  # other lines owned (timestamp line)

    @property
    def end(self) -> int:
        return max([self.line, *self.body, *self.extra])


@dataclass
class DocDraft:
    kind: str
    start: int  # 0-based, inclusive
    end: int  # 0-based, exclusive
    roles: list[str]
    title: str = ""
    passages: list[PassageDraft] = field(default_factory=list)
    header: DocHeader = field(default_factory=DocHeader)
    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    section: str | None = None

    @classmethod
    def new(cls, kind: str, ctx: Ctx, start: int, end: int) -> DocDraft:
        roles = ["blank" if not ctx.ana[i] else "text" for i in range(start, end)]
        return cls(kind, start, end, roles)

    def role(self, i: int) -> str:
        return self.roles[i - self.start]

    def set(self, i: int, role: str) -> None:
        """Give line ``i`` a role; blank lines always stay "blank"."""
        if self.roles[i - self.start] != "blank":
            self.roles[i - self.start] = role


def finalize(ctx: Ctx, drafts: list[DocDraft]) -> tuple[Document, ...]:
    """Freeze drafts: ids (with occurrence suffixes for exact repeats) and Line records."""
    seen_p: Counter[str] = Counter()
    seen_d: Counter[str] = Counter()
    docs: list[Document] = []
    for index, d in enumerate(drafts):
        key = ids.content_key(
            d.title,
            [p.title or "" for p in d.passages],
            [p.text for p in d.passages],
            [ctx.ana[i] for i in range(d.start, min(d.end, d.start + 50))],
        )
        base = ids.document_id(ctx.path, d.title, key)
        seen_d[base] += 1
        doc_id = base if seen_d[base] == 1 else f"{base}-{seen_d[base]}"
        owner: dict[int, str] = {}
        passages: list[Passage] = []
        for p in d.passages:
            pid = ids.passage_id(ctx.path, p.title or "", p.text)
            seen_p[pid] += 1
            if seen_p[pid] > 1:
                pid = f"{pid}-{seen_p[pid]}"
            for i in (p.line, *p.body, *p.extra):
                owner.setdefault(i, pid)
            passages.append(
                Passage(
                    id=pid,
                    path=ctx.path,
                    document_id=doc_id,
                    line=p.line + 1,
                    end_line=p.end + 1,
                    kind=p.kind,
                    text=p.text,
                    title=p.title,
                    heading=p.heading,
                    time=p.time,
                    stamp_date=p.stamp_date,  # type: ignore[arg-type]
                    byline=p.byline,
                )
            )
        lines = tuple(
            Line(i + 1, ctx.raw[i], d.roles[i - d.start], owner.get(i))
            for i in range(d.start, d.end)
        )
        docs.append(
            Document(
                id=doc_id,
                path=ctx.path,
                index=index,
                kind=d.kind,
                title=d.title,
                start_line=d.start + 1,
                end_line=d.end,
                lines=lines,
                passages=tuple(passages),
                header=d.header,
                publisher=d.publisher,
                url=d.url,
                author=d.author,
                section=d.section,
            )
        )
    return tuple(docs)
