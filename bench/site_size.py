"""Bytes per event of a built site, by folder: does a many-year chronicle fit GitHub Pages?

    python bench/site_size.py SITE                 # a site already built
    python bench/site_size.py --words 200000       # generate, build (with search), measure

GitHub Pages publishes at most 1 GB, counted in bytes of files (a hard link shared by
two pages counts twice once uploaded). Prints each top-level folder's bytes, files and
bytes per event (``data/`` and ``pagefind/`` one level deeper), the same by page kind
(event page, day page, actor feed, per-year events.json, …), the total per event against
the goal, and the projected size at 100k events: every folder scaled by the event count
(an upper bound: actor, place and topic pages, the static files and the Pagefind runtime
grow slower than the events). ``--json FILE`` also writes the figures as JSON.
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


#: Folders of entity pages: (folder, what one page of it is).
ENTITIES = {"actors": "actor", "topics": "topic", "places": "place"}


def kind_of(rel: str) -> str:
    """The page kind of a site-relative file path (what it is to a reader)."""
    parts = rel.split("/")
    top, name = parts[0], parts[-1]
    if len(parts) == 1:
        return {"index.html": "home page", "feed.xml": "site feed"}.get(name, f"root {name}")
    if top == "events":
        return "event page"
    if top == "days":
        depth = len(parts) - 1  # days/2025/08/21/index.html: 4
        return {1: "days index", 2: "year page", 3: "month page", 4: "day page"}[min(depth, 4)]
    if top in ENTITIES:
        kind = ENTITIES[top]
        if len(parts) == 2:
            return f"{top} index"
        if name == "feed.xml":
            return f"{kind} feed"
        if name.endswith(".ics"):
            return f"{kind} calendar"
        return f"{kind} page"
    if top == "embed":
        if parts[1] == "days":
            return "embed (day)" if len(parts) >= 6 else "embed (month)"
        return f"embed ({ENTITIES.get(parts[1], parts[1])})"
    if top == "data":
        return f"data {name} (per year)" if len(parts) == 3 else f"data {name}"
    if top == "pagefind":
        return "search index (Pagefind)"
    if top == "sources":
        return "sources index" if len(parts) == 2 else "source page"
    return f"{top}/"


def measure(site: Path) -> tuple[Counter, Counter, Counter, Counter]:
    """Bytes and files by folder, then by page kind."""
    sizes: Counter = Counter()
    files: Counter = Counter()
    kind_sizes: Counter = Counter()
    kind_files: Counter = Counter()
    for dirpath, _, names in os.walk(site):
        for name in names:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            size = os.lstat(path).st_size
            key = folder_of(rel)
            sizes[key] += size
            files[key] += 1
            kind = kind_of(rel)
            kind_sizes[kind] += size
            kind_files[kind] += 1
    return sizes, files, kind_sizes, kind_files


def count_events(site: Path) -> int:
    """Events of the site: the manifest of the per-year exports (data/index.json), else
    a whole-corpus events.json (older sites), else the event pages."""
    for name in ("data/index.json", "data/events.json"):
        path = site / name
        if path.is_file():
            data = json.loads(path.read_text("utf-8"))
            if isinstance(data, dict) and "events" in data:
                n = data["events"]
                return n if isinstance(n, int) else len(n)
            if isinstance(data, list):
                return len(data)
    return sum(1 for _ in (site / "events").rglob("index.html"))


def table(title: str, sizes: Counter, files: Counter, events: int) -> list[str]:
    lines = [f"| {title} | files | MB | bytes per event |", "|---|---:|---:|---:|"]
    for key, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(
            f"| `{key}` | {files[key]:,} | {size / 1e6:,.2f} | {size / max(events, 1):,.0f} |"
        )
    total = sum(sizes.values())
    lines.append(
        f"| **all** | {sum(files.values()):,} | {total / 1e6:,.2f} "
        f"| **{total / max(events, 1):,.0f}** |"
    )
    return lines


def figures(site: Path) -> dict:
    sizes, files, kind_sizes, kind_files = measure(site)
    events = count_events(site)
    total = sum(sizes.values())
    per_event = total / events if events else float("inf")
    return {
        "site": str(site),
        "events": events,
        "files": sum(files.values()),
        "bytes": total,
        "bytes_per_event": round(per_event, 1),
        "projected_bytes_100k": round(per_event * PROJECT_EVENTS),
        "by_folder": {k: {"files": files[k], "bytes": v} for k, v in sorted(sizes.items())},
        "by_kind": {k: {"files": kind_files[k], "bytes": v} for k, v in sorted(kind_sizes.items())},
    }


def report(site: Path) -> str:
    sizes, files, kind_sizes, kind_files = measure(site)
    events = count_events(site)
    total = sum(sizes.values())
    per_event = total / events if events else float("inf")
    verdict = "pass" if per_event <= GOAL_PER_EVENT else "**FAIL**"
    projected = per_event * PROJECT_EVENTS
    lines = [
        f"Site: {events:,} events, {sum(files.values()):,} files, {total / 1e6:,.1f} MB.",
        "",
        *table("folder", sizes, files, events),
        "",
        *table("page kind", kind_sizes, kind_files, events),
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
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    site = args.site or build(args.words, args.seed, args.work)
    print(report(site))
    if args.json:
        args.json.write_text(json.dumps(figures(site), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
