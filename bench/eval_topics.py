"""Score topics and casualties against the annotated fixtures.

    python bench/eval_topics.py            # passages from the fixtures (self-contained)
    python bench/eval_topics.py --readers  # seed passages from chronicle.readers + dating

Topics: accuracy on every passage (headed bullets keep their heading), and on passages
without a heading: live-blog entries and articles, plus every digest's bullets with
their headings hidden (one digest at a time, the classifier trained on the others), plus
the unseen news passages. Casualties: per event (gold duplicate groups), counts right
for the events that state them, and events given counts they do not state.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))

from chronicle.casualties import extract_casualties  # noqa: E402
from chronicle.config import Config  # noqa: E402
from chronicle.model import DatedPassage, DateValue, Passage  # noqa: E402
from chronicle.topics import assign_topics, load_taxonomy  # noqa: E402


def load_json(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def fixture_passages(name: str) -> list[DatedPassage]:
    """DatedPassages built from a fixture's passage records; the id is "path:line"."""
    out = []
    for rec in load_json(name)["passages"]:
        path, _, line = rec["key"].rpartition(":")
        day = dt.date.fromisoformat(rec["date"])
        passage = Passage(
            id=rec["key"],
            path=path,
            document_id=rec["doc"],
            line=int(line),
            end_line=int(line),
            kind=rec["kind"],
            text=rec["text"],
            title=rec["title"],
            heading=rec["heading"],
            time=rec.get("time"),
        )
        out.append(
            DatedPassage(
                passage=passage,
                reported=DateValue(dt.date.fromisoformat(rec["reported"]), "day", "fixture"),
                date=DateValue(day, "day", "fixture"),
                time=rec.get("time"),
            )
        )
    return out


def gold_topics(*names: str) -> dict[str, str]:
    return {r["key"]: r["topic"] for n in names for r in load_json(n)["passages"]}


def reader_passages(with_documents: bool = False):
    """Seed passages as the real readers and dating produce them, keyed "path:line"."""
    from chronicle import dating, readers

    config = Config(source=ROOT / "seeds")
    out: list[DatedPassage] = []
    documents = []
    for path in readers.iter_source_files(ROOT / "seeds"):
        result = readers.read_file(path, f"seeds/{path.name}", config)
        documents.extend(result.documents)
        dated = dating.date_documents(result.documents, config)
        for dp in dated.passages:
            key = f"{dp.passage.path}:{dp.passage.line}"
            out.append(replace(dp, passage=replace(dp.passage, id=key)))
    return (out, documents) if with_documents else out


def hide_headings(passages: Iterable[DatedPassage], document: str | None) -> list[DatedPassage]:
    """The passages with the headings of ``document`` (all when None) removed."""
    return [
        replace(p, passage=replace(p.passage, heading=None))
        if document is None or p.passage.document_id == document
        else p
        for p in passages
    ]


def topic_scores(seeds: Sequence[DatedPassage], news: Sequence[DatedPassage]) -> dict:
    taxonomy = load_taxonomy(Config())
    gold = gold_topics("topics_seeds.json", "topics_news.json")
    seeds = [p for p in seeds if p.passage.id in gold]
    news = [p for p in news if p.passage.id in gold]
    corpus = [*seeds, *news]

    assigned = assign_topics(corpus, taxonomy)
    overall = [assigned[p.passage.id][0] == gold[p.passage.id] for p in corpus]

    unheaded: list[bool] = []
    seeds_without: list[bool] = []
    wrong: list[str] = []
    seed_ids = {p.passage.id for p in seeds}
    for p in corpus:
        if p.passage.heading is None:
            ok = assigned[p.passage.id][0] == gold[p.passage.id]
            unheaded.append(ok)
            if p.passage.id in seed_ids:
                seeds_without.append(ok)
            if not ok:
                wrong.append(f"{p.passage.id}: {assigned[p.passage.id][0]} != {gold[p.passage.id]}")
    hidden: list[bool] = []
    for doc in sorted({p.passage.document_id for p in seeds if p.passage.heading}):
        trial = hide_headings(corpus, doc)
        got = assign_topics(trial, taxonomy)
        for p in trial:
            if p.passage.document_id == doc:
                ok = got[p.passage.id][0] == gold[p.passage.id]
                hidden.append(ok)
                seeds_without.append(ok)
                if not ok:
                    wrong.append(
                        f"{p.passage.id} (hidden): {got[p.passage.id][0]} != {gold[p.passage.id]}"
                    )
    kw = assign_topics(hide_headings(corpus, None), taxonomy)
    keywords_only = [kw[p.passage.id][0] == gold[p.passage.id] for p in corpus]
    news_ok = [assigned[p.passage.id][0] == gold[p.passage.id] for p in news]
    without = unheaded + hidden
    return {
        "passages": len(corpus),
        "accuracy_overall": _mean(overall),
        "accuracy_without_heading": _mean(without),
        "n_without_heading": len(without),
        "accuracy_hidden_headings": _mean(hidden),
        "accuracy_seeds_without_heading": _mean(seeds_without),
        "n_seeds_without_heading": len(seeds_without),
        "accuracy_unseen_news": _mean(news_ok),
        "accuracy_keywords_only": _mean(keywords_only),
        "errors": wrong,
    }


def casualty_scores(passages: Sequence[DatedPassage], groups_files: Sequence[str]) -> dict:
    """Per gold event: (killed, injured) = max over its sources, like build_events."""
    gold_counts: dict[str, list] = {}
    for name in ("casualties_seeds.json", "casualties_news.json"):
        gold_counts.update(load_json(name)["counts"])
    by_id = {p.passage.id: p for p in passages if p.passage.id in gold_counts}
    events = gold_events(by_id, groups_files)
    stated = right = invented = 0
    errors = []
    for keys in events:
        gold = _max_pair(tuple(gold_counts[k]) for k in keys)
        got = _max_pair(predict_casualties(by_id[k]) for k in keys)
        if gold != (None, None):
            stated += 1
            right += got == gold
        elif got != (None, None):
            invented += 1
        if got != gold:
            errors.append(f"{keys[0]}: {got} != {gold}")
    return {
        "events": len(events),
        "events_stating_counts": stated,
        "counts_right": right / stated if stated else 1.0,
        "events_given_unstated_counts": invented,
        "errors": errors,
    }


def predict_casualties(dp: DatedPassage) -> tuple[int | None, int | None]:
    """As chronicle.analysis calls it: the text, then the title when the text states none."""
    got = extract_casualties(dp.passage.text)
    if got == (None, None) and dp.passage.title:
        got = extract_casualties(dp.passage.title)
    return got


def gold_events(by_id: dict, groups_files: Sequence[str]) -> list[list[str]]:
    grouped: dict[str, list[str]] = {}
    for name in groups_files:
        for g in load_json(name)["groups"]:
            keys = [k for k in g["keys"] if k in by_id]
            for k in keys:
                grouped[k] = keys
    events, seen = [], set()
    for key in by_id:
        if key in seen:
            continue
        keys = grouped.get(key, [key])
        seen.update(keys)
        events.append(keys)
    return events


def _max_pair(pairs: Iterable[tuple]) -> tuple[int | None, int | None]:
    listed = list(pairs)
    return _pick(listed, 0), _pick(listed, 1)


def _pick(pairs: Sequence[tuple], i: int) -> int | None:
    vals = [p[i] for p in pairs if p[i] is not None]
    return max(vals) if vals else None


def _mean(xs: Sequence[bool]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--readers", action="store_true", help="segment the seeds with the readers")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = ap.parse_args(argv)
    seeds = reader_passages() if args.readers else fixture_passages("topics_seeds.json")
    news = fixture_passages("topics_news.json")
    t = topic_scores(seeds, news)
    c = casualty_scores([*seeds, *news], ["duplicates_seeds.json", "duplicates_news.json"])
    print(f"topics: {t['passages']} passages")
    print(f"  accuracy overall            {t['accuracy_overall']:.3f}  (target >= 0.90)")
    print(
        f"  accuracy without a heading  {t['accuracy_without_heading']:.3f}  (target >= 0.80, "
        f"n={t['n_without_heading']})"
    )
    print(f"    headings hidden           {t['accuracy_hidden_headings']:.3f}")
    print(
        f"    seeds without a heading   {t['accuracy_seeds_without_heading']:.3f}  "
        f"(goal >= 0.85, n={t['n_seeds_without_heading']})"
    )
    print(f"    unseen news               {t['accuracy_unseen_news']:.3f}")
    print(f"  keywords only (no training) {t['accuracy_keywords_only']:.3f}")
    print(f"casualties: {c['events']} events, {c['events_stating_counts']} state counts")
    print(f"  counts right                {c['counts_right']:.3f}  (target >= 0.90)")
    print(f"  given unstated counts       {c['events_given_unstated_counts']}  (target <= 2)")
    if args.verbose:
        for line in t["errors"] + c["errors"]:
            print("  -", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
