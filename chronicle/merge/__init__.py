"""Duplicate merging: passages reporting the same development become one event.

Duplicates come as a live blog reposting its own entry, a digest bullet and a live-blog
entry about the same strike, or two outlets on the same talks. Candidates are passages
at most two days apart; a pair merges on near-identical headlines or enough TF-IDF
similarity of content words (the lead counts most), helped by shared actors and
places. Some pairs never merge, however similar: two bullets of one digest (an editor
lists distinct developments) and mirror-image acts ("Kyiv summons Hungary's ambassador"
is not "Budapest summons Ukraine's"). Every merge is explained in the event's
``merge_notes`` and as an info diagnostic (C303).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from chronicle.config import Config
from chronicle.merge.cluster import DuplicateFinder
from chronicle.merge.events import EventTexts, disambiguate, make_event, primary_key
from chronicle.merge.features import merge_memo
from chronicle.merge.score import MEDIA_THRESHOLD, THRESHOLD, PairScore
from chronicle.merge.semantic import VectorMemo, default_fetcher
from chronicle.model import Analysis, DatedPassage, Diagnostic, Event
from chronicle.reporter import Reporter

__all__ = ["MEDIA_THRESHOLD", "THRESHOLD", "DuplicateFinder", "PairScore", "build_events"]


def _where(dp: DatedPassage) -> str:
    return f"{dp.passage.path}:{dp.passage.line}"


def build_events(
    passages: Sequence[DatedPassage],
    analyses: Mapping[str, Analysis],
    cache_dir: Path | None = None,
    semantic: bool = True,
    config: Config | None = None,
    reporter: Reporter | None = None,
) -> tuple[tuple[Event, ...], list[Diagnostic]]:
    """Group duplicate passages into events (primary source first), sorted by date then id.

    With ``cache_dir``, the pure per-passage work (class features, event titles and
    summaries, embeddings) of earlier builds is reused from there; the result is the same.
    ``semantic`` adds sentence embeddings to the lexical score where the model is installed
    (:mod:`chronicle.merge.semantic`); with ``config`` the vectors go through the
    ``embeddings`` passage task, so a build with a Dask cluster computes them there.
    """
    usable = [
        p for p in passages if (p.passage.text or "").strip() or (p.passage.title or "").strip()
    ]
    usable.sort(key=lambda p: (p.passage.path, p.passage.line, p.passage.id))
    memo = merge_memo(cache_dir)
    fetch = default_fetcher(cache_dir, config, reporter) if semantic else None
    vectors = VectorMemo(fetch) if fetch is not None else None
    finder = DuplicateFinder(usable, analyses, memo, vectors)
    clusters, links = finder.groups()
    texts = EventTexts(memo, cache_dir)
    texts.prepare([min((usable[i] for i in c), key=primary_key) for c in clusters])
    index = {id(p): i for i, p in enumerate(usable)}
    events: list[Event] = []
    diagnostics: list[Diagnostic] = []
    for cluster in clusters:
        sources = [usable[i] for i in cluster]
        event = make_event(sources, analyses, texts=texts)
        notes: list[str] = []
        primary = event.sources[0]
        for src in event.sources[1:]:
            idx = index[id(src)]
            other, s = links.get(idx, (None, None))
            if s is None or other is None:
                continue
            days = f"{s.days} day{'s' if s.days != 1 else ''} apart" if s.days else "same day"
            note = (
                f"{_where(src)} merged into {_where(primary)} (linked to {_where(usable[other])}"
                f": {s.reason}; {days})"
            )
            notes.append(note)
            diagnostics.append(
                Diagnostic(
                    "C303", note, path=src.passage.path, line=src.passage.line, severity="info"
                )
            )
        if notes:
            event = replace(event, merge_notes=tuple(notes))
        events.append(event)
    events = disambiguate(events)
    events.sort(key=lambda e: (e.date.value, e.id))
    memo.save()
    return tuple(events), diagnostics
