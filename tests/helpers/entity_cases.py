"""Passages with hand-written NER spans, run through an extractor (entity tests)."""

from __future__ import annotations

import datetime as dt

from chronicle.entities import (
    EntityExtractor,
    ExtractionResult,
    entity_text,
)
from chronicle.model import DatedPassage, DateValue, Document, Passage
from chronicle.nlp import NerSpan

DAY = DateValue(dt.date(2026, 2, 1), "day", "test")


def spans(text: str, *names: tuple[str, str]) -> tuple[NerSpan, ...]:
    """NER spans for (surface, label) pairs, found in order in ``text``."""
    out = []
    for surface, label in names:
        i = text.index(surface)
        out.append(NerSpan(i, i + len(surface), label, surface))
    return tuple(out)


def run(
    ex: EntityExtractor,
    *items: tuple[str, tuple[tuple[str, str], ...]],
    byline: str | None = None,
    author: str | None = None,
    title: str | None = None,
) -> tuple[ExtractionResult, list[str]]:
    passages, ner = [], {}
    for n, (text, names) in enumerate(items):
        p = Passage(f"p{n}", "t.txt", "doc", n + 1, n + 1, "paragraph", text, title, byline=byline)
        passages.append(DatedPassage(p, DAY, DAY))
        ner[p.id] = spans(entity_text(p), *names)
    doc = Document("doc", "t.txt", 0, "text", "", 1, 1, (), (), author=author)
    return ex.extract(passages, [doc], ner), [p.passage.id for p in passages]
