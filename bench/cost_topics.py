"""CPU cost of assigning topics on a corpus, cold (no memo): text model alone vs with
the joint model's sentence embeddings where the text model is unsure.

    python bench/generate_corpus.py --out /tmp/topics/gen --words 200000 --seed 1
    python bench/cost_topics.py /tmp/topics/gen

Passages are read by chronicle.readers (the build's reader) and dated by their reported
day only (dating does not change topics). Prints passages, how many were scored by the
classifier, how many were embedded, and the CPU seconds of each mode.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronicle import embeddings, readers, topics  # noqa: E402
from chronicle.config import Config  # noqa: E402
from chronicle.model import DatedPassage, DateValue  # noqa: E402


def passages(folder: Path) -> list[DatedPassage]:
    import datetime as dt

    config = Config(source=folder)
    day = DateValue(dt.date(2026, 1, 1), "day", "cost")
    out = []
    for path in readers.iter_source_files(folder):
        for doc in readers.read_file(path, path.name, config).documents:
            out.extend(DatedPassage(passage=p, reported=day, date=day) for p in doc.passages)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    args = ap.parse_args(argv)
    dps = passages(args.corpus)
    taxonomy = topics.load_taxonomy(Config())
    embeddings.available()  # load the model outside the timings (a build loads it once)
    calls = []
    original = embeddings.embed

    def counting(texts, batch_size=1):
        calls.append(len(texts))
        return original(texts, batch_size)

    results = {}
    saved = topics._embed_one
    for mode in ("text model only", "text + joint model"):
        embeddings.embed = counting
        topics._embed_one = (lambda text: None) if mode == "text model only" else saved
        calls.clear()
        start = time.process_time()
        got = topics.assign_topics(dps, taxonomy)
        cpu = time.process_time() - start
        results[mode] = got
        classified = sum(1 for _, source in got.values() if source == "classifier")
        print(
            f"{mode:<20} {len(dps)} passages, {classified} without a heading, "
            f"{sum(calls)} embedded, {cpu:.1f} s CPU"
        )
    embeddings.embed = original
    topics._embed_one = saved
    a, b = results.values()
    print(f"topics changed by the joint model: {sum(a[k] != b[k] for k in a)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
