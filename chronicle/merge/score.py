"""The pair score: one definition of how alike two passages are, and the weights behind it.

:class:`PairScorer` holds each class's features and scores pairs of classes exactly;
the numpy prefilter (``prefilter.py``) only bounds this score from above, and a test
checks that every pair this score keeps is kept by the bound.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from chronicle import store
from chronicle.merge.events import own_title
from chronicle.merge.features import (
    _N_FEATURES,
    _features_of,
    _place_key,
    figures_conflict,
    merge_memo,
)
from chronicle.merge.vectors import _cosine, _Vectors
from chronicle.model import Analysis, DatedPassage

#: Passages further apart than this are never the same development.
MAX_DAYS = 2
#: Merge on headlines alone when they are this similar (0..1) and long enough.
TITLE_SIM = 0.88
TITLE_MIN_WORDS = 4
#: Merge when the combined similarity reaches this.
THRESHOLD = 0.40
#: Two groups join only when their passages are this similar on average.
MEAN_LINK = 0.3
#: Threshold for a headline-only live-blog entry and another entry of the same blog.
MEDIA_THRESHOLD = 0.3
#: A full-text near copy (a repost) merges on its own.
COPY_SIM = 0.85
ENTITY_WEIGHT = 0.15
#: Entities named by more than this share of passages are too common to identify news.
COMMON_ENTITY = 0.05
DAY_PENALTY = 0.04
#: Bonus per matching casualty figure (killed, injured) stated by both passages.
TOLL_BONUS = 0.12
#: Bonus when both passages carry the same quotation (at least QUOTE_WORDS words).
QUOTE_BONUS = 0.2
QUOTE_SIM = 92
#: Penalty when one passage reacts ("rejects", "welcomes") and the other does not.
REACTION_PENALTY = 0.15
#: Penalty when both passages name places and share none.
PLACE_PENALTY = 0.3


@dataclass(frozen=True)
class PairScore:
    score: float
    title_sim: float
    lead_sim: float
    text_sim: float
    shared: tuple[str, ...]
    days: int
    reason: str


class PairScorer:
    """The one definition of the pair score, over classes of exact copies (same kind,
    headline, text, date and analysis): every feature is computed, and every pair
    scored, once per class. Grouping into events is ``cluster.DuplicateFinder``'s."""

    #: Nodes of each class (set by the clustering, ``cluster.DuplicateFinder``).
    class_nodes: list[list[int]]

    def __init__(
        self,
        passages: Sequence[DatedPassage],
        analyses: Mapping[str, Analysis],
        memo: store.Memo | None = None,
    ) -> None:
        self.passages = list(passages)
        self.analyses = analyses
        memo = memo if memo is not None else merge_memo(None)
        keys: dict[tuple, int] = {}
        self.of: list[int] = []  # passage index -> class
        self.reps: list[int] = []  # class -> first passage index
        self.counts: list[int] = []  # class -> number of passages
        for i, dp in enumerate(self.passages):
            p = dp.passage
            a = analyses.get(p.id)
            info = (frozenset(a.actors), frozenset(a.places), a.killed, a.injured) if a else None
            key = (p.kind, own_title(p), p.text, dp.date.value, info)
            c = keys.get(key)
            if c is None:
                c = keys[key] = len(self.reps)
                self.reps.append(i)
                self.counts.append(0)
            self.counts[c] += 1
            self.of.append(c)
        reps = [self.passages[i] for i in self.reps]
        self.dates = [p.date.value for p in reps]
        self.kinds = [p.passage.kind for p in reps]
        feats = [_features_of(memo, own_title(p.passage), p.passage.text) for p in reps]
        (
            lead_items,
            full_items,
            self.titles,
            self.title_words,
            self.objects,
            self.figures,
            self.reaction,
            self.quotes,
            self.empty,
        ) = (
            (list(x) for x in zip(*feats, strict=True))
            if feats
            else ([] for _ in range(_N_FEATURES))
        )
        self.fulltext = [
            f"{own_title(p.passage)} {p.passage.text}".strip().lower() for p in reps
        ]  # quotations are looked for in it
        self.lead = _Vectors(lead_items, self.counts)
        self.full = _Vectors(full_items, self.counts)
        self.entities: list[set[str]] = []
        self.places: list[set[str]] = []
        self.tolls: list[tuple[int | None, int | None]] = []
        for rep in reps:
            a = analyses.get(rep.passage.id)
            self.entities.append(set(a.actors) | set(a.places) if a else set())
            self.places.append({_place_key(x) for x in a.places} if a else set())
            self.tolls.append((a.killed, a.injured) if a else (None, None))
        # entities named by many passages (Ukraine, Russia) say little about identity
        df: Counter[str] = Counter()
        for ents, n in zip(self.entities, self.counts, strict=True):
            for e in ents:
                df[e] += n
        common = {e for e, n in df.items() if n > max(3, COMMON_ENTITY * len(self.passages))}
        self.specific = [ents - common for ents in self.entities]
        common_places = {_place_key(e) for e in common}
        self.own_places = [places - common_places for places in self.places]
        self._scores: dict[tuple[int, int], PairScore] = {}
        self._blocked: dict[tuple[int, int], bool] = {}

    # --- classes of copies ---------------------------------------------------------------

    def cannot_link(self, a: int, b: int) -> bool:
        """Classes ``a`` and ``b`` never merge, whatever their documents."""
        key = (a, b) if a <= b else (b, a)
        found = self._blocked.get(key)
        if found is None:
            found = self._blocked[key] = self._cannot_link(a, b)
        return found

    def _cannot_link(self, i: int, j: int) -> bool:
        if abs((self.dates[i] - self.dates[j]).days) > MAX_DAYS:
            return True
        if figures_conflict(self.figures[i], self.figures[j]):
            return True  # reports of one development agree on its figures (90 vs 72 drones)
        ki, kj = self.tolls[i][0], self.tolls[j][0]
        if ki and kj and max(ki, kj) - min(ki, kj) > 1 and max(ki, kj) > 1.5 * min(ki, kj):
            return True  # eight dead is not two dead (34 or 35 may be one strike)
        pi, pj = self.own_places[i], self.own_places[j]
        if pi and pj and not pi & pj:
            return True  # the same kind of act elsewhere (common places, the countries, aside)
        oi, oj = self.objects[i], self.objects[j]
        return oi is not None and oj is not None and oi != oj

    def pair(self, i: int, j: int) -> PairScore:
        """Score of classes ``i`` and ``j`` (memoised: copies share it)."""
        found = self._scores.get((i, j))
        if found is None:
            found = self._scores[(i, j)] = self.score(i, j)
        return found

    def score(self, i: int, j: int) -> PairScore:
        days = abs((self.dates[i] - self.dates[j]).days)
        ti, tj = self.titles[i], self.titles[j]
        title_sim = 0.0
        if min(self.title_words[i], self.title_words[j]) >= TITLE_MIN_WORDS:
            title_sim = fuzz.token_set_ratio(ti, tj) / 100.0
            title_sim = min(
                title_sim, (fuzz.token_sort_ratio(ti, tj) / 100.0 + title_sim) / 2 + 0.1
            )
        lead_sim = _cosine(self.lead.vectors[i], self.lead.vectors[j])
        text_sim = _cosine(self.full.vectors[i], self.full.vectors[j])
        ei, ej = self.entities[i], self.entities[j]
        shared = tuple(sorted(ei & ej))
        si, sj = self.specific[i], self.specific[j]
        jacc = len(si & sj) / len(si | sj) if si and sj else 0.0
        combined = 0.6 * lead_sim + 0.4 * text_sim + ENTITY_WEIGHT * jacc - DAY_PENALTY * days
        same_toll = [x == y for x, y in zip(self.tolls[i], self.tolls[j], strict=True) if x and y]
        if same_toll and all(same_toll) and max(self.tolls[i][0] or 0, self.tolls[i][1] or 0) > 1:
            combined += TOLL_BONUS * len(same_toll)  # same killed/injured figures
        hopeless = (
            combined + QUOTE_BONUS < MEDIA_THRESHOLD
            and title_sim < TITLE_SIM
            and text_sim < COPY_SIM
        )
        quoted = None if hopeless else self._shared_quote(i, j)  # the costly check, when it counts
        if quoted:
            combined += QUOTE_BONUS
        penalty = 0.0
        if self.places[i] and self.places[j] and not self.places[i] & self.places[j]:
            penalty += PLACE_PENALTY
        if self.reaction[i] != self.reaction[j]:
            penalty += REACTION_PENALTY  # "Kremlin rejects the report" is not the report
        if title_sim >= TITLE_SIM and not penalty:
            score, reason = max(combined, title_sim), f"same headline ({title_sim:.2f})"
        elif text_sim >= COPY_SIM and not penalty:
            score, reason = max(combined, text_sim), f"same text ({text_sim:.2f})"
        else:
            score = combined
            reason = f"similar text (lead {lead_sim:.2f}, full {text_sim:.2f})"
        score -= penalty
        if quoted:
            reason += f"; same quote “{quoted}”"
        if shared:
            reason += f"; shared: {', '.join(shared[:5])}"
        return PairScore(score, title_sim, lead_sim, text_sim, shared, days, reason)

    def _shared_quote(self, i: int, j: int) -> str | None:
        """A quotation of one passage found (nearly verbatim) in the other: same statement."""
        for a, b in ((i, j), (j, i)):
            other = self.fulltext[b]
            for q in self.quotes[a]:
                if len(q) <= len(other) and fuzz.partial_ratio(q.lower(), other) >= QUOTE_SIM:
                    return q if len(q) <= 60 else q[:57] + "…"
        return None
