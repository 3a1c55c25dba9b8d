"""Topic accuracy on real news the model was not trained on (headings absent or removed).

    python bench/eval_topics_unseen.py --corpus /tmp/corpora        # needs scikit-learn

Two held-out sets, each scored with a model retrained WITHOUT it (same script, same
labels otherwise), through ``assign_topics`` as a build runs it (digest bullets smoothed
over their neighbours):
- digests: the Guardian 2022 "what we know on day N" digests (no headings), labelled by hand
  in bench/labels/topics_guardian_2022.tsv (a period and an outlet unlike the seeds');
- outlets: 2026 passages of other outlets (Reuters, BBC, Kyiv Post, ...) from page scrapes,
  labelled by hand in bench/labels/topics_outlets_2026.tsv (file, first words, topic).
The seeds and the project's fixtures are scored by bench/eval_topics.py with the shipped model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_topics  # noqa: E402

from chronicle import topic_model  # noqa: E402
from chronicle.config import Config  # noqa: E402
from chronicle.model import DatedPassage, DateValue, Passage  # noqa: E402
from chronicle.topics import assign_topics, load_taxonomy  # noqa: E402

LABELS = ROOT / "bench" / "labels"


def outlet_rows(corpus: Path) -> list[tuple[str, str, str]]:
    """(title, text, topic): the corpus line starting with the labelled first words."""
    out = []
    for line in (LABELS / "topics_outlets_2026.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        path, start, topic = line.split("\t")
        try:
            lines = (corpus / path).read_text("utf-8").splitlines()
        except OSError:
            continue
        found = next((x.strip() for x in lines if x.strip().startswith(start)), None)
        if found:
            out.append(("", found, topic))
    return out


def score(train_rows, test_rows, kind: str, docs=None) -> tuple[float, list[str]]:
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
        f"{gold} <- {got[str(i)][0]}: {text[:90]}"
        for i, (_, text, gold) in enumerate(test_rows)
        if got[str(i)][0] != gold
    ]
    return 1 - len(wrong) / max(len(test_rows), 1), wrong


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/corpora"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    labelled = train_topics.labelled_corpus(args.corpus, with_paths=True)
    written = train_topics.written()
    outlets = outlet_rows(args.corpus)
    digests = [r for p, r in labelled if p.startswith("digests/")]
    digest_docs = [p for p, _ in labelled if p.startswith("digests/")]
    others = [r for p, r in labelled if not p.startswith("digests/")]
    if not digests or not outlets:
        print(f"corpus missing under {args.corpus}: {len(digests)} digests, {len(outlets)} outlets")
        return 1
    acc_d, wrong_d = score(others + written + outlets, digests, "bullet", digest_docs)
    acc_o, wrong_o = score(others + written + digests, outlets, "article")
    print(f"held-out Guardian 2022 digests  {acc_d:.3f}  (n={len(digests)}, goal >= 0.85)")
    print(f"held-out 2026 other outlets     {acc_o:.3f}  (n={len(outlets)}, goal >= 0.85)")
    if args.verbose:
        for w in wrong_d + wrong_o:
            print("  -", w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
