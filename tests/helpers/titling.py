"""The title an event gets from one passage, through the merge's own title path."""

from __future__ import annotations

import datetime as dt

from chronicle.merge.events import EventTexts
from chronicle.model import DatedPassage, DateValue, Passage


def dated_passage(
    text: str,
    *,
    title: str | None = None,
    kind: str = "paragraph",
    byline: str | None = None,
    path: str = "a.txt",
) -> DatedPassage:
    p = Passage(
        id="p", path=path, document_id="d", line=1, end_line=1, kind=kind, text=text,
        title=title, byline=byline,
    )  # fmt: skip
    day = DateValue(dt.date(2026, 3, 2), "day", "test")
    return DatedPassage(p, day, day)


def event_title(text: str, **kw: object) -> str:
    dp = dated_passage(text, **kw)  # type: ignore[arg-type]
    texts = EventTexts()
    texts.prepare([dp])
    return texts.title_and_slug(dp)[0]
