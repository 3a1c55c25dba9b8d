"""The numpy prefilter: vectorised upper bounds of the pair score, to skip hopeless pairs."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext

import numpy as np
from rapidfuzz import fuzz, process

from chronicle.merge.score import (
    COPY_SIM,
    DAY_PENALTY,
    ENTITY_WEIGHT,
    MAX_DAYS,
    PLACE_PENALTY,
    QUOTE_BONUS,
    REACTION_PENALTY,
    TITLE_MIN_WORDS,
    TITLE_SIM,
    TOLL_BONUS,
    PairScorer,
)
from chronicle.merge.vectors import _Vectors


class _Flat:
    """Per-class id sequences (with values) laid out flat in the prefilter's date order."""

    def __init__(self, ids: np.ndarray, vals: np.ndarray, offsets: np.ndarray, order: np.ndarray):
        lengths = offsets[1:] - offsets[:-1]
        lo = lengths[order]
        self.offsets = np.zeros(len(order) + 1, dtype=np.int64)
        np.cumsum(lo, out=self.offsets[1:])
        idx = np.repeat(offsets[:-1][order] - self.offsets[:-1], lo) + np.arange(self.offsets[-1])
        self.ids = ids[idx]
        self.vals = vals[idx]
        self.owner = np.repeat(np.arange(len(order)), lo)
        self.size = int(ids.max()) + 1 if len(ids) else 0

    @classmethod
    def of_sets(cls, sets: Sequence[set[str] | frozenset[str]], order: np.ndarray) -> _Flat:
        index: dict[str, int] = {}
        flat = [index.setdefault(x, len(index)) for xs in sets for x in sorted(xs)]
        offsets = np.zeros(len(sets) + 1, dtype=np.int64)
        np.cumsum([len(xs) for xs in sets], out=offsets[1:])
        ids = np.asarray(flat, dtype=np.int64)
        return cls(ids, np.ones(len(flat)), offsets, order)

    def products(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray | None:
        """Dot products of rows [r0, r1) with rows [c0, c1), except that a row with itself
        may be under-counted (None when too big to do densely).

        Only ids found in two or more rows of the span count: any other adds nothing to
        a product of two different rows, and most words of a text are such.
        """
        offsets, ids = self.offsets, self.ids
        u0, u1 = int(offsets[min(r0, c0)]), int(offsets[max(r1, c1)])
        seen = np.bincount(ids[u0:u1], minlength=self.size) >= 2
        local = np.cumsum(seen) - 1
        width = int(local[-1]) + 1 if len(local) else 0
        if (r1 - r0 + c1 - c0) * width > _DENSE_LIMIT:
            return None
        out = []
        for lo, hi in ((r0, r1), (c0, c1)):
            a, b = int(offsets[lo]), int(offsets[hi])
            part = ids[a:b]
            keep = seen[part]
            dense = np.zeros((hi - lo, width))
            dense[self.owner[a:b][keep] - lo, local[part[keep]]] = self.vals[a:b][keep]
            out.append(dense)
        return out[0] @ out[1].T


#: Largest dense block (cells) the prefilter builds; larger blocks are scored one by one.
_DENSE_LIMIT = 4_000_000
#: Prefilter block sizes (classes in date order).
_ROW_BLOCK = 64
_COL_BLOCK = 512
#: Slack on every estimate: numpy sums in another order than Python (errors ~1e-15).
_MARGIN = 1e-6


def _one_blas_thread() -> AbstractContextManager:
    """BLAS limited to one thread (threadpoolctl), or nothing when that is unavailable."""
    try:
        from threadpoolctl import threadpool_limits

        return threadpool_limits(limits=1, user_api="blas")
    except Exception:  # noqa: BLE001 - only slower without it
        return nullcontext()


class _Prefilter:
    """Vectorised upper bounds of pair scores, to skip pairs that cannot reach a threshold.

    The bound over-estimates :meth:`DuplicateFinder.score` (quotes assumed shared when
    either passage quotes, name penalties ignored, headline similarity by its token-set
    part) and is compared with a margin far above floating-point noise, so a pair it
    drops can never have been a candidate; every pair it keeps is checked and scored
    by the exact code. Cosines come from dense blocks of TF-IDF weights (numpy).
    """

    def __init__(self, f: PairScorer) -> None:
        self.f = f
        n = len(f.dates)
        days = np.fromiter((d.toordinal() for d in f.dates), np.int64, n)
        self.order = np.lexsort((np.arange(n), days))
        self.days = days[self.order]
        self.lead = self._vectors(f.lead)
        self.full = self._vectors(f.full)
        self.specific = _Flat.of_sets(f.specific, self.order)
        self.places = _Flat.of_sets(f.places, self.order)
        o = self.order
        self.n_specific = np.fromiter((len(x) for x in f.specific), np.int64, n)[o]
        self.n_places = np.fromiter((len(x) for x in f.places), np.int64, n)[o]
        self.reaction = np.fromiter(f.reaction, np.bool_, n)[o]
        self.quoted = np.fromiter((bool(q) for q in f.quotes), np.bool_, n)[o]
        self.killed = np.fromiter((t[0] or 0 for t in f.tolls), np.int64, n)[o]
        self.injured = np.fromiter((t[1] or 0 for t in f.tolls), np.int64, n)[o]
        self.titled = np.fromiter((w >= TITLE_MIN_WORDS for w in f.title_words), np.bool_, n)[o]
        self.split = np.fromiter((len(x) > 1 for x in f.class_nodes), np.bool_, n)

    def _vectors(self, v: _Vectors) -> _Flat:
        return _Flat(v.ids, v.weights(), v.offsets, self.order)

    def pairs(self, lowest: float) -> list[tuple[int, int]]:
        """Pairs of classes (as the day walk orders them) whose score may reach ``lowest``."""
        out: list[tuple[int, int]] = []
        n = len(self.order)
        with _one_blas_thread():  # small products: threads only contend (100x slower)
            r0 = 0
            while r0 < n:
                r1 = min(r0 + _ROW_BLOCK, n)
                first = int(np.searchsorted(self.days, self.days[r0], "left"))
                last = int(np.searchsorted(self.days, self.days[r1 - 1] + MAX_DAYS, "right"))
                for c0 in range(first, last, _COL_BLOCK):
                    out.extend(self._block(r0, r1, c0, min(c0 + _COL_BLOCK, last), lowest))
                r0 = r1
        return out

    def _block(self, r0: int, r1: int, c0: int, c1: int, lowest: float) -> list[tuple[int, int]]:
        order = self.order
        rows, cols = order[r0:r1], order[c0:c1]
        dd = self.days[None, c0:c1] - self.days[r0:r1, None]
        valid = (dd >= 0) & (dd <= MAX_DAYS) & ((dd > 0) | (cols[None, :] > rows[:, None]))
        keep = valid & self._may_reach(r0, r1, c0, c1, dd, lowest)
        # a class with itself matters only when its copies form several nodes
        keep |= (cols[None, :] == rows[:, None]) & self.split[rows][:, None]
        ri, ci = np.nonzero(keep)
        return list(zip(rows[ri].tolist(), cols[ci].tolist(), strict=True))

    def _may_reach(
        self, r0: int, r1: int, c0: int, c1: int, dd: np.ndarray, lowest: float
    ) -> np.ndarray | bool:
        lead = self.lead.products(r0, r1, c0, c1)
        full = self.full.products(r0, r1, c0, c1)
        shared = self.specific.products(r0, r1, c0, c1)
        places = self.places.products(r0, r1, c0, c1)
        if lead is None or full is None or shared is None or places is None:
            return True  # too big to estimate: score every pair exactly
        na, nb = self.n_specific[r0:r1, None], self.n_specific[None, c0:c1]
        union = na + nb - shared
        jacc = np.where((na > 0) & (nb > 0), shared / np.maximum(union, 1), 0.0)
        combined = 0.6 * lead + 0.4 * full + ENTITY_WEIGHT * jacc - DAY_PENALTY * dd
        combined += TOLL_BONUS * self._tolls(r0, r1, c0, c1)
        combined += QUOTE_BONUS * (self.quoted[r0:r1, None] | self.quoted[None, c0:c1])
        pa, pb = self.n_places[r0:r1, None], self.n_places[None, c0:c1]
        penalty = PLACE_PENALTY * ((pa > 0) & (pb > 0) & (places < 0.5))
        penalty = penalty + REACTION_PENALTY * (
            self.reaction[r0:r1, None] != self.reaction[None, c0:c1]
        )
        best = np.maximum(combined, np.where(full >= COPY_SIM - _MARGIN, full, 0.0))
        best = np.maximum(best, self._titles(r0, r1, c0, c1))
        bound = np.where(penalty > 0, combined - penalty, best)
        return bound >= lowest - _MARGIN

    def _tolls(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Figures both state and agree on (0–2), when the first passage's toll exceeds 1."""
        ka, kb = self.killed[r0:r1, None], self.killed[None, c0:c1]
        ia, ib = self.injured[r0:r1, None], self.injured[None, c0:c1]
        both_k, both_i = (ka > 0) & (kb > 0), (ia > 0) & (ib > 0)
        agree = (~both_k | (ka == kb)) & (~both_i | (ia == ib))
        big = np.maximum(ka, ia) > 1
        n = both_k.astype(np.int64) + both_i
        return np.where(agree & big, n, 0)

    def _titles(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Headline similarity bound where it can decide alone (≥ TITLE_SIM), else 0."""
        out = np.zeros((r1 - r0, c1 - c0))
        ra = np.nonzero(self.titled[r0:r1])[0]
        ca = np.nonzero(self.titled[c0:c1])[0]
        if len(ra) and len(ca):
            titles = self.f.titles
            sims = process.cdist(
                [titles[c] for c in self.order[r0 + ra]],
                [titles[c] for c in self.order[c0 + ca]],
                scorer=fuzz.token_set_ratio,
                dtype=np.float64,
                score_cutoff=TITLE_SIM * 100 - 1,
            )
            out[np.ix_(ra, ca)] = sims / 100.0
        return out
