"""Small Document builders for the dating tests (written for the tests, not from the seeds)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from chronicle.model import DocHeader, Document, Passage

PATH = "news/sample.txt"


def passage(
    text: str,
    line: int = 10,
    kind: str = "bullet",
    time: str | None = None,
    stamp: dt.date | None = None,
    title: str | None = None,
    doc_id: str = "d",
    path: str = PATH,
) -> Passage:
    pid = hashlib.sha1(f"{path}:{line}:{text}".encode()).hexdigest()[:10]
    return Passage(
        id=pid,
        path=path,
        document_id=doc_id,
        line=line,
        end_line=line,
        kind=kind,
        text=text,
        title=title,
        time=time,
        stamp_date=stamp,
    )


def document(
    passages: Sequence[Passage] = (),
    kind: str = "digest",
    index: int = 0,
    printed: str | None = None,
    printed_line: int | None = None,
    war_day: int | None = None,
    published: dt.datetime | None = None,
    doc_id: str | None = None,
    path: str = PATH,
    start_line: int = 1,
) -> Document:
    doc_id = doc_id or f"doc{index}"
    fixed = tuple(Passage(**{**p.__dict__, "document_id": doc_id, "path": path}) for p in passages)
    return Document(
        id=doc_id,
        path=path,
        index=index,
        kind=kind,
        title=f"Document {index}",
        start_line=start_line,
        end_line=start_line + 50,
        lines=(),
        passages=fixed,
        header=DocHeader(
            printed_date=printed,
            printed_line=printed_line
            if printed_line is not None
            else (start_line + 2 if printed else None),
            war_day=war_day,
            war_day_line=start_line if war_day is not None else None,
            published=published,
            published_line=start_line if published else None,
        ),
    )


def war_day_for(day: dt.date, day_one: dt.date = dt.date(2022, 2, 25)) -> int:
    return (day - day_one).days + 1
