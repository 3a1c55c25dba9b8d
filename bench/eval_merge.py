"""Score duplicate merging against the annotated duplicate groups.

    python bench/eval_merge.py              # fixture passages, no entities
    python bench/eval_merge.py --entities   # with actors/places from chronicle.analysis

Prints duplicate-pair precision, recall and F1 (a pair = two passages in one event),
separately for the seeds and the unseen news, and lists wrong and missed pairs.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_topics import (  # noqa: E402
    fixture_passages,
    load_json,
    predict_casualties,
    reader_passages,
)

from chronicle.config import Config  # noqa: E402
from chronicle.merge import build_events  # noqa: E402
from chronicle.model import Analysis, DatedPassage  # noqa: E402
from chronicle.topics import assign_topics, load_taxonomy  # noqa: E402


def gold_pairs(names: Iterable[str], keys: set[str]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for name in names:
        for group in load_json(name)["groups"]:
            members = [k for k in group["keys"] if k in keys]
            pairs.update(frozenset(p) for p in itertools.combinations(members, 2))
    return pairs


def predicted_pairs(
    passages: Sequence[DatedPassage], analyses: Mapping[str, Analysis]
) -> set[frozenset[str]]:
    events, _ = build_events(passages, analyses)
    pairs: set[frozenset[str]] = set()
    for e in events:
        ids = [s.passage.id for s in e.sources]
        pairs.update(frozenset(p) for p in itertools.combinations(ids, 2))
    return pairs


def prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def entity_analyses(passages: Sequence[DatedPassage], documents=()) -> dict[str, Analysis]:
    """The real extraction stage: actors, places, topics and casualties."""
    from chronicle.analysis import analyse

    result = analyse(passages, list(documents), Config(workers=1))
    return dict(result.analyses)


def plain_analyses(passages: Sequence[DatedPassage]) -> dict[str, Analysis]:
    """Topics and casualties as the pipeline computes them, without entities."""
    taxonomy = load_taxonomy(Config())
    topics = assign_topics(passages, taxonomy)
    out = {}
    for p in passages:
        killed, injured = predict_casualties(p)
        topic, source = topics[p.passage.id]
        out[p.passage.id] = Analysis(
            p.passage.id, topic=topic, topic_source=source, killed=killed, injured=injured
        )
    return out


def scores(with_entities: bool = False, use_readers: bool = False) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for label, fixture, groups in (
        ("seeds", "topics_seeds.json", "duplicates_seeds.json"),
        ("news", "topics_news.json", "duplicates_news.json"),
    ):
        documents = ()
        if use_readers and label == "seeds":
            passages, documents = reader_passages(with_documents=True)
        else:
            passages = fixture_passages(fixture)
        if with_entities:
            analyses = entity_analyses(passages, documents)
        else:
            analyses = plain_analyses(passages)
        gold = gold_pairs([groups], {p.passage.id for p in passages})
        pred = predicted_pairs(passages, analyses)
        p, r, f = prf(pred, gold)
        out[label] = {
            "precision": p,
            "recall": r,
            "f1": f,
            "gold": len(gold),
            "predicted": len(pred),
            "wrong": sorted(tuple(sorted(x)) for x in pred - gold),
            "missed": sorted(tuple(sorted(x)) for x in gold - pred),
        }
    pred_all = sum(v["predicted"] for v in out.values())
    gold_all = sum(v["gold"] for v in out.values())
    tp_all = sum(v["predicted"] - len(v["wrong"]) for v in out.values())
    p = tp_all / pred_all if pred_all else 1.0
    r = tp_all / gold_all if gold_all else 1.0
    out["all"] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entities", action="store_true", help="use chronicle.analysis entities")
    ap.add_argument("--readers", action="store_true", help="segment the seeds with the readers")
    ap.add_argument("-v", "--verbose", action="store_true", help="list wrong and missed pairs")
    args = ap.parse_args(argv)
    res = scores(args.entities, args.readers)
    for label in ("seeds", "news", "all"):
        s = res[label]
        extra = f"  gold={s['gold']} predicted={s['predicted']}" if "gold" in s else ""
        print(
            f"{label:6s} pairs  P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}{extra}"
        )
        if args.verbose and "wrong" in s:
            for a, b in s["wrong"]:
                print(f"    wrong : {a}  ~  {b}")
            for a, b in s["missed"]:
                print(f"    missed: {a}  ~  {b}")
    print("target: F1 >= 0.80")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
