"""Score the readers against the seed annotation and time them on a large synthetic file.

    /work/venv/bin/python bench/eval_readers.py [--big MB]

Prints passage precision/recall (path, line, kind), heading/title/time agreement,
and the reading speed on a file made of repeated seeds (linear-time check).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from chronicle.config import Config
from chronicle.readers import iter_source_files, read_file

ROOT = Path(__file__).resolve().parent.parent


def score() -> None:
    ann = json.loads((ROOT / "tests/fixtures/seeds_passages.json").read_text("utf-8"))["passages"]
    got = {}
    for path in iter_source_files(ROOT / "seeds"):
        display = f"seeds/{path.name}"
        for d in read_file(path, display, Config()).documents:
            for p in d.passages:
                got[(p.path, p.line, p.kind)] = p
    want = {(a["path"], a["line"], a["kind"]): a for a in ann}
    tp = len(set(got) & set(want))
    print(f"passages: got {len(got)}, annotated {len(want)}, matched {tp}")
    print(f"precision {tp / max(len(got), 1):.3f}  recall {tp / max(len(want), 1):.3f}")
    agree = 0
    for key, a in want.items():
        p = got.get(key)
        if p is None:
            continue
        ok = (p.heading == a.get("heading")) if a["kind"] == "bullet" else (p.title == a["title"])
        ok = ok and (p.time == a.get("time", p.time))
        agree += ok
    print(f"heading/title/time agreement: {agree}/{len(want)}")


def speed(megabytes: int) -> None:
    seeds = "\n".join(p.read_text("utf-8") for p in iter_source_files(ROOT / "seeds"))
    reps = max(1, megabytes * 1_000_000 // len(seeds.encode()))
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "big.txt"
        f.write_text("\n".join([seeds] * reps), encoding="utf-8")
        size = f.stat().st_size / 1e6
        t0 = time.perf_counter()
        r = read_file(f, "big.txt", Config())
        dt = time.perf_counter() - t0
    n = sum(len(d.passages) for d in r.documents)
    print(
        f"{size:.1f} MB: {dt:.1f}s ({size / dt:.2f} MB/s), {len(r.documents)} documents, "
        f"{n} passages"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--big", type=int, default=10, help="size of the speed test file (MB)")
    args = ap.parse_args()
    score()
    speed(args.big)


if __name__ == "__main__":
    main()
