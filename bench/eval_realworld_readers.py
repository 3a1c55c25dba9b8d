"""Reading real news: what the readers and dating make of folders of scraped pages.

    python bench/eval_realworld_readers.py /tmp/corpora/webpages/universal_agent_scrapling \\
        [more folders] [--sample 40] [--dates]

No NLP runs (read and date only), so it is quick on hundreds of files. For each folder:

- documents, passages, documents without a passage (an article body that gave nothing);
- passages flagged as furniture by ``realworld_detectors.furniture`` (the real-world
  bench's own detector, not chronicle's rules) — an automatic first pass; ``--sample N``
  prints N random passages (title, first words) to label by hand;
- live-blog entries: every ``HH.MM``/``HH:MM`` in the files that opens an entry vs the
  passages carrying that time (``--misses`` prints times no passage carries, to judge by
  hand whether each is an entry stamp or a time inside a sentence);
- ``--dates``: per distinct URL, the reported day chronicle gives, the URL's day and the
  printed dates near the top of the page, to check by hand.

The figures in BENCHMARKS.md were counted from this output (see there).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import realworld_detectors as det  # noqa: E402

from chronicle.config import Config  # noqa: E402
from chronicle.dating import date_documents  # noqa: E402
from chronicle.dating.printed import dateline_date, url_date  # noqa: E402
from chronicle.readers import iter_source_files, read_file  # noqa: E402


def evaluate(folder: Path, sample: int, misses: bool, dates: bool, rng: random.Random) -> None:
    docs_total = passages_total = empty = flagged = 0
    kinds: Counter[str] = Counter()
    all_passages = []
    times_by_file: dict[str, Counter[str]] = defaultdict(Counter)
    stamp_total = stamp_found = 0
    missed: list[str] = []
    date_rows = []
    for path in iter_source_files(folder):
        shown = path.relative_to(folder).as_posix()
        r = read_file(path, shown, Config())
        docs = r.documents
        dated = date_documents(docs, Config()) if docs else None
        for d in docs:
            docs_total += 1
            kinds[d.kind] += 1
            if not d.passages:
                empty += 1
            for p in d.passages:
                passages_total += 1
                all_passages.append((shown, d, p))
                if det.furniture(p.title if p.kind in ("entry", "article") else "", p.text):
                    flagged += 1
                if p.time:
                    times_by_file[shown][p.time] += 1
        if any(d.kind == "liveblog" for d in docs):
            raw = path.read_text("utf-8", errors="replace")
            printed = det.stamps(raw)  # the real-world bench's own stamp detector
            if len(printed) >= 3:
                want = Counter(t for _, t in printed)
                stamp_total += sum(want.values())
                stamp_found += sum(min(c, times_by_file[shown][t]) for t, c in want.items())
                lines = raw.splitlines()
                for ln, t in printed:
                    if misses and times_by_file[shown][t] < want[t]:
                        s = lines[ln - 1]
                        i = s.find(t.replace(":", "."))
                        missed.append(f"{shown[:30]} {t} {s[max(0, i - 20) : i + 60]!r}")
        if dates and docs and dated is not None:
            d = docs[0]
            day = dated.document_dates.get(d.id)
            raw_lines = path.read_text("utf-8", errors="replace").splitlines()
            printed = [x for x in (dateline_date(s.strip()) for s in raw_lines[:400]) if x]
            date_rows.append(
                (
                    d.url or shown,
                    day.value if day else None,
                    day.evidence if day else "",
                    url_date(d.url),
                    [str(x[0]) for x in printed[:3]],
                )
            )
    print(f"{folder}: {docs_total} documents {dict(kinds)}, {passages_total} passages")
    print(f"  documents without a passage   {empty}")
    rate = 100 * flagged / passages_total if passages_total else 0.0
    print(f"  passages flagged as furniture {flagged} ({rate:.1f}%) by realworld_detectors")
    if stamp_total:
        print(
            f"  live-blog entry stamps        {stamp_total}, with a passage of that time "
            f"{stamp_found} (sign-offs and summaries are stamps too; --misses lists the rest)"
        )
    for line in missed:
        print("   no passage:", line)
    for p in rng.sample(all_passages, min(sample, len(all_passages))):
        shown, d, ps = p
        print(f"  SAMPLE {shown[:40]}:{ps.line} [{ps.kind}] {ps.title!r:.60} :: {ps.text[:160]!r}")
    if dates:
        seen = set()
        for url, got, why, from_url, printed in sorted(date_rows, key=lambda r: str(r[0])):
            if url in seen:
                continue
            seen.add(url)
            print(f"  DATE {got} ({why[:40]}) url={from_url} printed={printed} {str(url)[:90]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--sample", type=int, default=0, help="print N random passages to label")
    ap.add_argument("--misses", action="store_true", help="print live-blog times no passage has")
    ap.add_argument("--dates", action="store_true", help="print reported days to check by hand")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    for folder in args.folders:
        evaluate(folder, args.sample, args.misses, args.dates, rng)


if __name__ == "__main__":
    main()
