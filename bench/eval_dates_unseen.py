"""Event-day accuracy on real digests of another period and outlet (Guardian 2022).

    python bench/eval_dates_unseen.py --corpus /tmp/corpora

Each line of the Guardian "what we know on day N" digests (glued multi-bullet lines left
out) is dated by ``chronicle.dating.expressions.date_passage_text`` against the digest's
date (its file's date), and compared with bench/labels/dates_guardian_2022.tsv: the event
day by the style guide for lines whose cue moves it, the digest's date for every other
line. This measures the event day given the reported day; the reported day itself is
scored by bench/eval_dates.py and the readers' benches.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronicle.dating.expressions import date_passage_text  # noqa: E402

LABELS = ROOT / "bench" / "labels" / "dates_guardian_2022.tsv"
FOLDER = "digests/guardian_132dow"
#: Lines longer than this are several bullets glued by the scrape, not one passage.
MAX_CHARS = 1500


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/corpora"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    gold: dict[tuple[str, int], dt.date] = {}
    for line in LABELS.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            path, n, day = line.split("\t")
            gold[(path, int(n))] = dt.date.fromisoformat(day)
    files = sorted((args.corpus / FOLDER).glob("*.txt"))
    if not files:
        print(f"no digests under {args.corpus / FOLDER}")
        return 1
    right = total = moved = moved_right = 0
    for f in files:
        reported = dt.date.fromisoformat(f.name[:10])
        rel = f"{FOLDER}/{f.name}"
        for n, text in enumerate(f.read_text("utf-8").splitlines(), 1):
            if n <= 2 or not text.strip() or len(text) > MAX_CHARS:
                continue
            choice = date_passage_text(text.strip(), reported)
            got = choice.value.value if choice.value is not None else reported
            want = gold.get((rel, n), reported)
            total += 1
            right += got == want
            if want != reported:
                moved += 1
                moved_right += got == want
            if got != want and args.verbose:
                print(f"  MISS {f.name[:10]}:{n} got {got} want {want}: {text.strip()[:100]}")
    print(f"event days right {right / total:.3f}  (n={total}, goal >= 0.96)")
    print(f"  lines whose cue moves the day: {moved_right}/{moved}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
