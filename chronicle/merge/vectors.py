"""Sub-linear TF-IDF vectors of content stems and their cosine, as the pair score reads them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import chain

import numpy as np


class _Vectors:
    """Sub-linear TF-IDF vectors of content stems, L2-normalised.

    Built from each class's term counts (terms in first-occurrence order, as ``Counter``
    keeps them, space-separated); ``weights`` counts how many passages each class stands
    for (exact copies are vectorised once but still count in the document frequencies).
    A vector is made when first asked for: most classes are only ever compared through
    the estimates of :class:`_Prefilter`, which need no dictionaries.
    """

    def __init__(
        self,
        items: Sequence[tuple[str, Sequence[int]]],
        weights: Sequence[int] | None = None,
    ) -> None:
        weights = weights if weights is not None else [1] * len(items)
        self.items = items
        flat = " ".join(terms for terms, _ in items).split()
        self.vocab: dict[str, int] = {t: i for i, t in enumerate(dict.fromkeys(flat))}
        self.ids = np.fromiter(map(self.vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
        self.lengths = np.fromiter((len(counts) for _, counts in items), np.int64, len(items))
        self.offsets = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum(self.lengths, out=self.offsets[1:])
        per_term = np.repeat(np.asarray(weights, dtype=np.float64), self.lengths)
        df = np.bincount(self.ids, weights=per_term, minlength=len(self.vocab))
        n = max(sum(weights), 1)  # integers below 2**53: the float counts are exact
        self.idf = {
            t: math.log((1 + n) / (1 + int(c))) + 1.0
            for t, c in zip(self.vocab, df.tolist(), strict=True)
        }
        self._idf_array = np.fromiter(self.idf.values(), np.float64, len(self.idf))
        self.vectors = _LazyVectors(self)

    def vector(self, i: int) -> dict[str, float]:
        terms, counts = self.items[i]
        idf = self.idf
        vec = {
            t: (1.0 + math.log(c)) * idf.get(t, 1.0)
            for t, c in zip(terms.split(), counts, strict=True)
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def weights(self) -> np.ndarray:
        """Every class's normalised weights, flat (an estimate: numpy's rounding)."""
        counts = np.fromiter(
            chain.from_iterable(cs for _, cs in self.items), np.float64, int(self.offsets[-1])
        )
        vals = (1.0 + np.log(np.maximum(counts, 1.0))) * self._idf_array[self.ids]
        owner = np.repeat(np.arange(len(self.items)), self.lengths)
        norms = np.sqrt(np.bincount(owner, weights=vals * vals, minlength=len(self.items)))
        norms[norms == 0] = 1.0
        return vals / norms[owner]


class _LazyVectors:
    """``vectors[i]`` of a :class:`_Vectors`, computed on first use."""

    def __init__(self, owner: _Vectors) -> None:
        self._owner = owner
        self._made: dict[int, dict[str, float]] = {}

    def __getitem__(self, i: int) -> dict[str, float]:
        found = self._made.get(i)
        if found is None:
            found = self._made[i] = self._owner.vector(i)
        return found

    def __len__(self) -> int:
        return len(self._owner.items)


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    common = a.keys() & b.keys()  # in C; most candidate pairs share few stems or none
    if not common:
        return 0.0
    if len(common) == len(a):
        return sum(v * b[t] for t, v in a.items())
    # the shared terms in ``a``'s order: the same float sum as over every term of ``a``
    return sum(v * b[t] for t, v in a.items() if t in common)
