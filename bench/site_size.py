"""Bytes per event of a built site, by folder: does a many-year chronicle fit GitHub Pages?

    python bench/site_size.py SITE                 # a site already built
    python bench/site_size.py --words 200000       # generate, build (with search), measure

GitHub Pages publishes at most 1 GB, counted in bytes of files (a hard link shared by
two pages counts twice once uploaded). Prints each top-level folder's bytes, files and
bytes per event (``data/`` and ``pagefind/`` one level deeper), the total per event
against the goal, and the projected size at 100k events: every folder scaled by the
event count (an upper bound: actor, place and topic pages, the static files and the
Pagefind runtime grow slower than the events).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

GOAL_PER_EVENT = 8 * 1024
PAGES_LIMIT = 1024**3
PROJECT_EVENTS = 100_000
#: Folders broken down one level deeper (their parts differ in kind).
DEEPER = ("data", "pagefind")


def folder_of(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) == 1:
        return "(root files)"
    if parts[0] in DEEPER and len(parts) > 2:
        return f"{parts[0]}/{parts[1]}/"
    if parts[0] in DEEPER:
        return f"{parts[0]}/ (files)"
    return f"{parts[0]}/"


def measure(site: Path) -> tuple[Counter, Counter]:
    sizes: Counter = Counter()
    files: Counter = Counter()
    for dirpath, _, names in os.walk(site):
        for name in names:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            key = folder_of(rel)
            sizes[key] += os.lstat(path).st_size
            files[key] += 1
    return sizes, files


def count_events(site: Path) -> int:
    """Events of the site: the index of the per-year exports, else events.json, else pages."""
    for name in ("data/events/index.json", "data/events.json"):
        path = site / name
        if path.is_file():
            data = json.loads(path.read_text("utf-8"))
            if isinstance(data, dict) and "events" in data:
                n = data["events"]
                return n if isinstance(n, int) else len(n)
            if isinstance(data, list):
                return len(data)
    return sum(1 for _ in (site / "events").rglob("index.html"))


def report(site: Path) -> str:
    sizes, files = measure(site)
    events = count_events(site)
    total = sum(sizes.values())
    per_event = total / events if events else float("inf")
    verdict = "pass" if per_event <= GOAL_PER_EVENT else "**FAIL**"
    projected = per_event * PROJECT_EVENTS
    lines = [
        f"Site: {events:,} events, {sum(files.values()):,} files, {total / 1e6:,.1f} MB.",
        "",
        "| folder | files | MB | bytes per event |",
        "|---|---:|---:|---:|",
    ]
    for key, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        lines.append(
            f"| `{key}` | {files[key]:,} | {size / 1e6:,.2f} | {size / max(events, 1):,.0f} |"
        )
    lines += [
        f"| **all** | {sum(files.values()):,} | {total / 1e6:,.2f} | **{per_event:,.0f}** |",
        "",
        "| figure | measured | goal | verdict |",
        "|---|---:|---:|---|",
        f"| bytes per event, all-in | {per_event:,.0f} B ({per_event / 1024:.2f} KiB) "
        f"| ≤ {GOAL_PER_EVENT:,} B (8 KiB) | {verdict} |",
        f"| projected size at {PROJECT_EVENTS:,} events (linear) | {projected / 1e6:,.0f} MB "
        f"| ≤ {PAGES_LIMIT / 1e6:,.0f} MB (GitHub Pages) "
        f"| {'pass' if projected <= PAGES_LIMIT else '**FAIL**'} |",
    ]
    return "\n".join(lines)


def build(words: int, seed: int, work: Path) -> Path:
    import generate_corpus

    corpus = work / f"corpus-w{words}-s{seed}"
    if not (corpus / "corpus.json").exists():
        generate_corpus.generate(corpus, words, seed)
    site = work / f"site-w{words}-s{seed}"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-c", "from chronicle.cli import main; main()", "build", "--quiet"]
    cmd += ["--source", str(corpus), "--out", str(site), "--cache-dir", str(work / "cache")]
    subprocess.run(cmd, check=True, env=env)
    return site


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site", nargs="?", type=Path, help="a built site (else one is built)")
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=Path("/tmp/chronicle-bench-size"))
    args = ap.parse_args(argv)
    site = args.site or build(args.words, args.seed, args.work)
    print(report(site))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
