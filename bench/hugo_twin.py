"""The yardstick for template rebuilds: the same events as a Hugo site, indexed by Pagefind.

    python bench/hugo_twin.py --events site/data/index.json --out /tmp/twin --build

Writes a Hugo project (``hugo.toml``, the minimal theme in ``bench/hugo/layouts`` and
one content page per event whose front matter carries the taxonomies actors, topics and
places, plus date, casualties and sources), then times ``hugo`` and ``pagefind`` on
it. Event pages alone carry ``data-pagefind-body``, as in chronicle. Term pages are
paginated by 50, chronicle's default ``page_size``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

THEME = Path(__file__).resolve().parent / "hugo" / "layouts"
TAXONOMIES = {"actor": "actors", "topic": "topics", "place": "places"}

HUGO_TOML = """\
baseURL = "/"
title = "Chronicle of the war (Hugo twin)"
languageCode = "en"
paginate = {page_size}
disableHugoGeneratorInject = true

[taxonomies]
actor = "actors"
topic = "topics"
place = "places"

[permalinks]
events = "/events/:year/:month/:day/:slug/"
"""


def _front_matter(event: Mapping[str, Any], topic_names: Mapping[str, str]) -> dict[str, Any]:
    topic = event.get("topic") or "other"
    return {
        "title": event.get("title") or event.get("id"),
        "date": event["date"],
        "slug": str(event.get("url") or event["id"]).rstrip("/").rsplit("/", 1)[-1],
        "time": event.get("time"),
        "summary": event.get("summary") or "",
        "killed": event.get("killed"),
        "injured": event.get("injured"),
        "topics": [topic_names.get(topic, topic)],
        "actors": [a["name"] for a in event.get("actors", [])],
        "places": [p["name"] for p in event.get("places", [])],
        "sources": [
            {k: s.get(k) for k in ("document", "line", "title", "url", "reported", "text")}
            for s in event.get("sources", [])
        ],
    }


def read_site_events(path: Path) -> dict:
    """A site's events as one events.json: from its manifest ``data/index.json`` (every
    year's file, their topics merged), or an events.json itself."""
    data = json.loads(Path(path).read_text("utf-8"))
    if "years" not in data:
        return data
    site = Path(path).parent.parent
    merged: dict = {"events": [], "topics": {}}
    for year in data["years"]:
        url = year["files"]["events.json"]
        part = json.loads(read_export((site / url).read_bytes(), url))
        merged["events"] += part["events"]
        for t in part.get("topics", []):
            merged["topics"].setdefault(t["id"], t)
    merged["topics"] = list(merged["topics"].values())
    return merged


def write_twin(events_json: Path, out: Path, page_size: int = 50) -> int:
    """Write the Hugo project for the events of ``events_json`` (a site's data/index.json
    or an events.json); returns the event count."""
    data = read_site_events(events_json)
    topic_names = {t["id"]: t.get("name") or t["id"] for t in data.get("topics", [])}
    if out.exists():
        shutil.rmtree(out)
    content = out / "content" / "events"
    content.mkdir(parents=True)
    shutil.copytree(THEME, out / "layouts")
    (out / "hugo.toml").write_text(HUGO_TOML.format(page_size=page_size), encoding="utf-8")
    (out / "content" / "events" / "_index.md").write_text('{"title": "Events"}\n', encoding="utf-8")
    seen: set[str] = set()
    for i, event in enumerate(data.get("events", [])):
        fm = _front_matter(event, topic_names)
        name = f"{fm['date']}-{fm['slug']}"[:150]
        if name in seen:
            name = f"{name}-{i}"
        seen.add(name)
        folder = content / fm["date"][:4]
        folder.mkdir(exist_ok=True)
        body = fm["summary"] or fm["title"]
        # JSON front matter: Hugo reads it natively and it needs no YAML escaping
        (folder / f"{name}.md").write_text(
            json.dumps(fm, ensure_ascii=False) + "\n\n" + body + "\n", encoding="utf-8"
        )
    return len(data.get("events", []))


@dataclass
class TwinTimings:
    hugo: float
    pagefind: float
    pages: int
    peak_rss_mb: float

    @property
    def total(self) -> float:
        return self.hugo + self.pagefind


def _timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall time and peak RSS (MB, via GNU time when present) of one command."""
    timefile = None
    if Path("/usr/bin/time").exists():
        timefile = (cwd or Path.cwd()) / ".time-v.txt"
        cmd = ["/usr/bin/time", "-v", "-o", str(timefile), *cmd]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    rss = 0.0
    if timefile and timefile.exists():
        for line in timefile.read_text().splitlines():
            if "Maximum resident set size" in line:
                rss = int(line.rsplit(":", 1)[1]) / 1024
        timefile.unlink()
    return elapsed, rss


def pagefind_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site)]


def build_twin(project: Path) -> TwinTimings:
    """Run ``hugo`` then Pagefind on its output, each timed from a cold start."""
    public = project / "public"
    shutil.rmtree(public, ignore_errors=True)
    shutil.rmtree(project / "resources", ignore_errors=True)
    hugo_s, hugo_rss = _timed(["hugo", "--quiet", "--destination", str(public)], cwd=project)
    pf_s, pf_rss = _timed(pagefind_command(public), cwd=project)
    pages = sum(1 for _ in public.rglob("*.html"))
    return TwinTimings(hugo_s, pf_s, pages, max(hugo_rss, pf_rss))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--events",
        type=Path,
        required=True,
        help="a chronicle site/data/index.json (or an events.json)",
    )
    ap.add_argument("--out", type=Path, required=True, help="Hugo project folder to write")
    ap.add_argument("--page-size", type=int, default=50)
    ap.add_argument("--build", action="store_true", help="also run hugo and pagefind, timed")
    args = ap.parse_args(argv)
    n = write_twin(args.events, args.out, args.page_size)
    print(f"{n} events -> {args.out}")
    if args.build:
        t = build_twin(args.out)
        print(
            f"hugo {t.hugo:.2f}s + pagefind {t.pagefind:.2f}s = {t.total:.2f}s, "
            f"{t.pages} pages, peak RSS {t.peak_rss_mb:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())


def read_export(data: bytes, url: str) -> str:
    """An export file's text: the per-year files are gzip-compressed (``.gz``)."""
    return (gzip.decompress(data) if url.endswith(".gz") else data).decode("utf-8")
