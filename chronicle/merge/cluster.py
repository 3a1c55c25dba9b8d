"""Grouping: copies joined into nodes, candidate pairs, and the clusters they make."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from chronicle import agreement, store
from chronicle.merge import semantic
from chronicle.merge.events import own_title, weak_evidence
from chronicle.merge.features import _place_key
from chronicle.merge.prefilter import _Prefilter
from chronicle.merge.score import (
    MAX_DAYS,
    MEAN_LINK,
    MEDIA_THRESHOLD,
    THRESHOLD,
    PairScore,
    PairScorer,
)
from chronicle.model import Analysis, DatedPassage


class DuplicateFinder(PairScorer):
    """Scores candidate pairs of passages and groups them into events.

    Exact copies (same kind, headline, text, date and analysis) form one *class*: every
    feature is computed, and every pair scored, once per class. Copies that may merge
    (different documents, or entries of one blog) are joined up front into one *node*,
    as their own pair would be first anyway; clustering then runs over nodes, weighting
    each by the passages it stands for, so a paste repeated hundreds of times costs
    about what one copy costs.
    """

    def __init__(
        self,
        passages: Sequence[DatedPassage],
        analyses: Mapping[str, Analysis],
        memo: store.Memo | None = None,
        vectors: semantic.VectorMemo | None = None,
    ) -> None:
        self.vectors = vectors
        super().__init__(passages, analyses, memo)
        self._nodes()

    # --- nodes: copies joined up front ---------------------------------------------------

    def _nodes(self) -> None:
        """Join the copies of each class that may merge into nodes.

        Copies in different documents (or entries of one blog) merge as soon as their
        own pair is processed; copies inside one digest never do, so the k-th copy in
        each document goes to node k.
        """
        by_class: dict[int, list[int]] = defaultdict(list)
        for i, c in enumerate(self.of):
            by_class[c].append(i)
        self.members: list[list[int]] = []  # node -> passage indexes (first is the root)
        self.node_class: list[int] = []
        self.copy_links: dict[int, tuple[int, PairScore]] = {}
        self.class_nodes: list[list[int]] = [[] for _ in self.reps]
        for c in range(len(self.reps)):
            idx = by_class[c]
            s = self.pair(c, c) if len(idx) > 1 else None
            joinable = s is not None and s.score >= max(THRESHOLD, MEAN_LINK)
            if not joinable:
                groups = [[i] for i in idx]
            elif self.kinds[c] == "entry":
                groups = [idx]
            else:
                seen: Counter[str] = Counter()
                slots: list[list[int]] = []
                for i in idx:
                    doc = self.passages[i].passage.document_id
                    k = seen[doc]
                    seen[doc] += 1
                    if k == len(slots):
                        slots.append([])
                    slots[k].append(i)
                groups = slots
            for g in groups:
                self.class_nodes[c].append(len(self.members))
                self.members.append(g)
                self.node_class.append(c)
                if len(g) > 1 and s is not None:
                    self.copy_links.setdefault(g[1], (g[0], s))
                    self.copy_links.setdefault(g[0], (g[1], s))
                    for i in g[2:]:
                        self.copy_links.setdefault(i, (g[0], s))
        self.docs = [
            frozenset(self.passages[i].passage.document_id for i in m) for m in self.members
        ]

    def _summary(self, x: int) -> agreement.Summary:
        c = self.node_class[x]
        dp = self.passages[self.reps[c]]
        a = self.analyses.get(dp.passage.id)
        places = [_place_key(p) for p in (a.places if a else ()) if p in self.specific[c]]
        if self.empty[c]:
            places = []  # a headline-only entry names a part of the story it illustrates
        return agreement.summary(
            len(self.members[x]),
            dp.passage.text or own_title(dp.passage),
            dp.date.value,
            weak_evidence(dp),
            dp.date.precision == "day",
            places,
        )

    def _same_document(self, x: int, y: int) -> bool:
        """Nodes sharing a document: a digest or report lists distinct developments."""
        cx, cy = self.node_class[x], self.node_class[y]
        return not (self.kinds[cx] == self.kinds[cy] == "entry") and bool(
            self.docs[x] & self.docs[y]
        )

    def node_cannot_link(self, x: int, y: int) -> bool:
        classes = self.cannot_link(self.node_class[x], self.node_class[y])
        return classes or self._same_document(x, y)

    def threshold(self, x: int, y: int) -> float:
        """A headline-only entry ("Watch: …", "In pictures: …") of a live blog illustrates
        a story the blog tells elsewhere, so it joins the closest one on weaker evidence."""
        cx, cy = self.node_class[x], self.node_class[y]
        if self.kinds[cx] == self.kinds[cy] == "entry" and self.docs[x] & self.docs[y]:
            if self.empty[cx] or self.empty[cy]:
                return MEDIA_THRESHOLD
        return THRESHOLD

    def candidates(self) -> list[tuple[float, int, int, int, int, PairScore]]:
        """Node pairs at most MAX_DAYS apart that may link and reach their threshold,
        as (score, first passage of x, first passage of y, x, y, score details).

        Pairs of classes are those of a walk over the days (a class with every class of
        its day and the next MAX_DAYS days, each same-day pair once); :class:`_Prefilter`
        drops, with a safety margin, those whose score cannot reach the lowest threshold,
        and the rest are checked and scored exactly as one by one.
        """
        groups: list[dict[frozenset[str], list[int]]] = []
        for nodes in self.class_nodes:
            g: dict[frozenset[str], list[int]] = defaultdict(list)
            for x in nodes:
                g[self.docs[x]].append(x)
            groups.append(g)
        out: list[tuple[float, int, int, int, int, PairScore]] = []
        lowest = min(THRESHOLD, MEDIA_THRESHOLD)
        merged: set[tuple[int, int]] = set()
        for ca, cb in _Prefilter(self).pairs(lowest):
            if self._cannot_link(ca, cb):  # each pair of classes is seen once here
                continue
            s = self.score(ca, cb)
            if s.score < lowest:
                continue
            if s.score >= THRESHOLD:
                merged.add((ca, cb) if ca < cb else (cb, ca))
            self._emit(ca, cb, s, groups, out)
        if self.vectors is not None:  # the same development in other words
            for ca, cb, s in semantic.rescue(
                self, merged, self.semantic_text, self.vectors, THRESHOLD
            ):
                self._emit(ca, cb, s, groups, out)
        return out

    def semantic_text(self, c: int) -> str:
        """What a class's embedding is computed from: its headline and text."""
        p = self.passages[self.reps[c]].passage
        return f"{own_title(p)}. {p.text or ''}".strip(". ")

    def _emit(self, ca: int, cb: int, s: PairScore, groups: list, out: list) -> None:
        """The node pairs of classes ``ca``, ``cb`` that reach their threshold."""
        self._scores[(ca, cb)] = s
        if s.reason.startswith("same meaning"):
            self._scores[(cb, ca)] = s  # the cluster's mean link must see it either way
        same_day = self.dates[cb] == self.dates[ca]
        entries = self.kinds[ca] == self.kinds[cb] == "entry"
        for da, xs in groups[ca].items():
            for db, ys in groups[cb].items():
                if not entries and da & db:
                    continue
                for x in xs:
                    for y in ys:
                        if ca == cb and y <= x:
                            continue
                        if s.score < self.threshold(x, y):
                            continue
                        fx, fy = self.members[x][0], self.members[y][0]
                        if same_day and fy < fx:
                            fx, fy, x, y = fy, fx, y, x
                        out.append((s.score, fx, fy, x, y, s))

    def class_pairs(self) -> list[tuple[int, int]]:
        """Every pair of classes the day walk visits, in its order (reference for tests)."""
        by_day: dict[dt.date, list[int]] = defaultdict(list)
        for c, d in enumerate(self.dates):
            by_day[d].append(c)
        out = []
        for d in sorted(by_day):
            window = [
                c for k in range(0, MAX_DAYS + 1) for c in by_day.get(d + dt.timedelta(days=k), ())
            ]
            for ca in by_day[d]:
                for cb in window:
                    if self.dates[cb] == d and cb < ca:
                        continue  # each same-day pair of classes once
                    out.append((ca, cb))
        return out

    def groups(self) -> tuple[list[list[int]], dict[int, tuple[int, PairScore]]]:
        """Clusters of passage indexes, and for each merged index the link that joined it."""
        scored = self.candidates()
        scored.sort(key=lambda x: (-x[0], x[1], x[2]))
        n = len(self.members)
        weight = [len(m) for m in self.members]
        parent = list(range(n))
        members: dict[int, list[int]] = {x: [x] for x in range(n)}
        size = list(weight)

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        links: dict[int, tuple[int, PairScore]] = dict(self.copy_links)
        summ = {x: self._summary(x) for x in range(n)}  # what a group must agree on

        def pair_score(a: int, b: int) -> float:
            ca, cb = self.node_class[a], self.node_class[b]
            if self.members[b][0] < self.members[a][0]:
                ca, cb = cb, ca
            return self.pair(ca, cb).score

        for _, fx, fy, x, y, s in scored:
            rx, ry = find(x), find(y)
            if rx == ry:
                continue
            if any(self.node_cannot_link(a, b) for a in members[rx] for b in members[ry]):
                continue
            total = sum(
                weight[a] * weight[b] * pair_score(a, b) for a in members[rx] for b in members[ry]
            )
            if total / (size[rx] * size[ry]) < MEAN_LINK:
                continue  # no chaining of unrelated stories through one shared neighbour
            if agreement.veto(summ[rx], summ[ry]):
                continue  # too many sources, or not one day and place
            summ[rx] = agreement.combine(summ[rx], summ.pop(ry))
            parent[ry] = rx
            members[rx].extend(members.pop(ry))
            size[rx] += size[ry]
            links.setdefault(fy, (fx, s))
            links.setdefault(fx, (fy, s))
        clusters = [
            sorted(i for x in nodes for i in self.members[x])
            for _, nodes in sorted(members.items(), key=lambda kv: self.members[kv[0]][0])
        ]
        return clusters, links
