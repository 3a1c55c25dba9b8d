"""Topic accuracy on real news the model was not trained on (headings absent or removed).

    python bench/eval_topics_unseen.py --corpus /tmp/corpora        # needs scikit-learn

Three held-out sets, chosen by outlet AND period (``train_topics.held_out_set``), each
scored with a model retrained WITHOUT it (same script, all other labels), through
``assign_topics`` as a build runs it (digest bullets smoothed over their neighbours):
- guardian-digests-2022: the Guardian "what we know on day N" digests (no headings);
- outlets-2026: 2026 paragraphs of page scrapes of other outlets (Reuters, BBC, Kyiv Post,
  Al Jazeera, ...); no 2026 page is ever trained on;
- gdelt-ua-by: leads of Ukrainian (Kyiv Post, Ukrinform, UNIAN) and Belarusian (BelTA)
  outlets, 2022-2024, from GDELT; the US, British and Polish outlets of that corpus train.
Labels are in bench/labels/ (corpus path, locator, topic, text hash; never the text).
The seeds and the project's fixtures are scored by bench/eval_topics.py with the shipped model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_topics  # noqa: E402

from chronicle import topic_model  # noqa: E402
from chronicle.config import Config  # noqa: E402
from chronicle.model import DatedPassage, DateValue, Passage  # noqa: E402
from chronicle.topics import assign_topics, load_taxonomy  # noqa: E402


def score(train_rows, test_rows, kind: str, docs=None) -> tuple[float, list[tuple[str, str, str]]]:
    topics = list(load_taxonomy(Config()))
    model = topic_model.from_arrays(
        topic_model.to_arrays(topics, *train_topics.fit(train_rows, topics))
    )
    original = topic_model.shipped_model
    topic_model.shipped_model = lambda: model
    try:
        day = DateValue(dt.date(2022, 1, 1), "day", "eval")
        passages = [
            DatedPassage(
                passage=Passage(
                    id=str(i),
                    path="eval",
                    document_id=docs[i] if docs else str(i),
                    line=i,
                    end_line=i,
                    kind=kind,
                    text=text,
                    title=title or None,
                ),
                reported=day,
                date=day,
            )
            for i, (title, text, _) in enumerate(test_rows)
        ]
        got = assign_topics(passages, load_taxonomy(Config()))
    finally:
        topic_model.shipped_model = original
    wrong = [
        (gold, got[str(i)][0], text[:90])
        for i, (_, text, gold) in enumerate(test_rows)
        if got[str(i)][0] != gold
    ]
    return 1 - len(wrong) / max(len(test_rows), 1), wrong


SETS = ("guardian-digests-2022", "outlets-2026", "gdelt-ua-by")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/corpora"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    labelled = [
        (train_topics.held_out_set(p), p, r)
        for p, r in train_topics.labelled_corpus(args.corpus, with_paths=True)
    ]
    written = train_topics.written()
    wrong_all: list[str] = []
    for name in SETS:
        test = [(p, r) for s, p, r in labelled if s == name]
        if not test:
            print(f"corpus missing under {args.corpus}: no passage of {name}")
            return 1
        rows = [r for _, r in test]
        pool = list(dict.fromkeys([r for s, _, r in labelled if s != name] + written))
        train = train_topics.without_retellings(pool, rows)
        digests = name == "guardian-digests-2022"
        acc, wrong = score(
            train,
            rows,
            "bullet" if digests else "article",
            [p for p, _ in test] if digests else None,
        )
        confusion = Counter((gold, got) for gold, got, _ in wrong)
        print(
            f"held-out {name:<22} {acc:.3f}  (n={len(rows)}, goal >= 0.85; "
            f"{len(pool) - len(train)} training passages retelling one left out)"
        )
        print(
            "    most confused (gold <- got):",
            ", ".join(f"{g} <- {o} {n}" for (g, o), n in confusion.most_common(5)),
        )
        wrong_all += [f"{name}: {g} <- {o}: {t}" for g, o, t in wrong]
    if args.verbose:
        for w in wrong_all:
            print("  -", w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
