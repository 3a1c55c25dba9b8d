"""The semantic signal of the duplicate merge: the same development told in other words.

"Trump announces the pause" and "Kremlin confirms it", or one strike told by a digest and
by a wire report, share few words, so the lexical score of :mod:`chronicle.merge` misses
them. Like news-clustering systems, pairs are compared only when they may be the same
development on other evidence: at most MAX_DAYS apart, sharing a specific actor or place
(not one named by a large share of the corpus), with some lexical overlap, and passing the
vetoes (different places, conflicting tolls, the two sides swapped: the lexical stage's
``cannot_link``). Their sentence embeddings (:mod:`chronicle.embeddings`) then add to the
lexical score. Only passages in such pairs are embedded, and vectors are kept by text in
the cache folder, so a rebuild embeds only new passages.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from chronicle.config import Config
from chronicle.merge.score import MAX_DAYS, PairScore, PairScorer
from chronicle.reporter import Reporter

#: Cosine below which two passages are not taken to mean the same; above it, the excess
#: is added to the lexical score with SEM_WEIGHT.
SEM_BASE = 0.55
SEM_WEIGHT = 0.6
#: Pairs whose lexical score is below this are not compared (unrelated words entirely).
LEXICAL_FLOOR = 0.2
#: A pair also needs this much meaning on its own.
MIN_COSINE = 0.65
#: An actor or place named by more than this share of the passages (the two warring
#: countries) does not make two passages comparable.
VERY_COMMON = 0.2


class VectorMemo:
    """Embedding vectors by text for one merge: each text fetched once.

    ``fetch`` returns one vector per text; in a build it is :func:`task_fetcher` (the
    registered ``embeddings`` passage task: stored by text in the cache, computed on the
    Dask workers when the build has a cluster), so a rebuild embeds only new texts.
    """

    def __init__(self, fetch: Callable[[list[str]], Sequence[np.ndarray]]):
        self.fetch = fetch
        self.fetched = 0
        self._seen: dict[str, np.ndarray] = {}

    def vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if missing:
            vecs = self.fetch(missing)
            self.fetched += len(missing)
            for t, v in zip(missing, vecs, strict=True):
                self._seen[t] = np.asarray(v, dtype=np.float32)
        return {t: self._seen[t] for t in texts}


def task_fetcher(
    config: Config, reporter: Reporter | None = None
) -> Callable[[list[str]], list[np.ndarray]]:
    """Vectors through the ``embeddings`` passage task (cached by text, Dask-aware)."""
    from chronicle import embeddings, passagetasks

    def fetch(texts: list[str]) -> list[np.ndarray]:
        values = passagetasks.run(
            "embeddings", texts, config, reporter, stage="merge", own_stage=False
        )
        return [embeddings.decode(v) for v in values]

    return fetch


def default_fetcher(
    cache_dir: Path | None = None,
    config: Config | None = None,
    reporter: Reporter | None = None,
) -> Callable[[list[str]], Sequence[np.ndarray]] | None:
    """How the merge gets vectors: None when the model is not installed; through the
    passage-task store when there is a cache folder; else computed directly."""
    from chronicle import embeddings

    if not embeddings.available():
        return None
    if config is None and cache_dir is not None:
        config = Config(cache_dir=Path(cache_dir))
    if config is not None:
        return task_fetcher(config, reporter)
    return lambda texts: list(embeddings.embed(texts))


def pairs_to_compare(f: PairScorer, scored: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Class pairs within the day window sharing an actor or place that is not named by a
    large share of the corpus, and not already merged on words."""
    df: dict[str, int] = defaultdict(int)
    for ents, n in zip(f.entities, f.counts, strict=True):
        for e in ents:
            df[e] += n
    limit = max(3, VERY_COMMON * len(f.passages))
    by_key: dict[str, list[int]] = defaultdict(list)
    for c, ents in enumerate(f.entities):
        for e in ents:
            if df[e] <= limit:
                by_key[e].append(c)
    out: set[tuple[int, int]] = set()
    window = dt.timedelta(days=MAX_DAYS)
    for classes in by_key.values():
        classes = sorted(classes, key=lambda c: (f.dates[c], c))
        for k, a in enumerate(classes):
            for b in classes[k + 1 :]:
                if f.dates[b] - f.dates[a] > window:
                    break
                pair = (a, b) if a < b else (b, a)
                if pair not in scored and pair not in out:
                    out.add(pair)
    return sorted(out)


def rescue(
    f: PairScorer,
    scored: set[tuple[int, int]],
    text_of: Callable[[int], str],
    vectors: VectorMemo,
    threshold: float,
) -> list[tuple[int, int, PairScore]]:
    """Class pairs the lexical score left below ``threshold`` that reach it with meaning."""
    todo: list[tuple[int, int, PairScore]] = []
    for a, b in pairs_to_compare(f, scored):
        if f.cannot_link(a, b):
            continue
        s = f.score(a, b)
        if s.score < LEXICAL_FLOOR:
            continue  # nothing in common but a name
        if f.places[a] and f.places[b] and not f.places[a] & f.places[b]:
            continue  # veto: the same kind of act elsewhere
        todo.append((a, b, s))
    if not todo:
        return []
    classes = sorted({c for a, b, _ in todo for c in (a, b)})
    vec = vectors.vectors([text_of(c) for c in classes])
    out = []
    for a, b, s in todo:
        cos = float(vec[text_of(a)] @ vec[text_of(b)])
        if cos < MIN_COSINE:
            continue
        score = s.score + SEM_WEIGHT * (cos - SEM_BASE)
        if score >= threshold:
            reason = f"same meaning (cosine {cos:.2f}); " + s.reason
            out.append((a, b, replace(s, score=score, reason=reason)))
    return out
