"""The overhead of building through Dask, and what a cluster would do with 200M words.

    python bench/cluster.py --words 1200000 --runs 3
    python bench/cluster.py --words 200000 --runs 3     # on a busy machine

Cold builds (empty cache, ``--no-search``) of one generated corpus, in pairs run one
after the other — the default build (spaCy's local process pool) and
``--scheduler local:2`` (a local Dask cluster of two single-threaded workers), the order
alternating from pair to pair — each in a fresh process. Reports the median of the
paired ratios (pairing keeps the ratio meaningful while other users load the machine),
the builder's own peak memory (its RSS, the Dask workers apart), the per-shard
throughput the workers reported for each per-passage task (words per worker-second inside
the task: NER, claims), and the projected time of a 200M-word cold build on 32 such
workers: each task at its measured throughput, plus the builder's own stages (everything
but the per-passage tasks) scaled linearly from this corpus.
Prints a Markdown block for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate_corpus  # noqa: E402

TARGET_WORDS = 200_000_000
TARGET_WORKERS = 32
OVERHEAD_LIMIT = 1.15
MEMORY_LIMIT_MB = 4096


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cold_build(source: Path, work: Path, scheduler: str | None) -> dict:
    """One cold build in a fresh process: wall seconds, builder peak RSS, stage timings."""
    out, cache = work / "site", work / "cache"
    work.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    cmd = [sys.executable, "-c", "from chronicle.cli import main; main()", "build"]
    cmd += ["--source", str(source), "--out", str(out), "--cache-dir", str(cache)]
    cmd += ["--no-search", "--verbose"] + (["--scheduler", scheduler] if scheduler else [])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    log = work / "build.log"
    peak = 0.0
    with log.open("w") as fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _rss_mb(proc.pid))
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        seconds = time.perf_counter() - t0
        done.set()
        sampler.join()
    text = log.read_text("utf-8", "replace")
    if code != 0:
        raise SystemExit(f"build failed (exit {code}):\n{text[-3000:]}")
    stages = {
        m.group(1): float(m.group(2)) for m in re.finditer(r"^  (\w+)\s+([\d.]+)s", text, re.M)
    }
    tasks = {
        m.group(1): (
            int(m.group(2)),
            float(m.group(4).replace(",", "")),
            float(m.group(5).replace(",", "")),
        )
        for m in re.finditer(
            r"^  ([\w-]+): (\d+) shards in ([\d.]+) s, ([\d,]+) words/s per worker, "
            r"([\d,]+) words per CPU-second",
            text,
            re.M,
        )
    }
    texts = re.search(r"(\d+) texts in (\d+) shards on (\d+) Dask workers", text)
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "stages": stages,
        "tasks": tasks,  # name -> (shards, words per worker-second, words per CPU-second)
        "workers": int(texts.group(3)) if texts else 0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=1_200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3, help="pairs of cold builds")
    ap.add_argument("--work", type=Path, default=Path("/tmp/chronicle-bench-cluster"))
    args = ap.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.work / f"corpus-w{args.words}-s{args.seed}"
    if not (corpus / "corpus.json").exists():
        generate_corpus.generate(corpus, args.words, args.seed)
    words = sum(
        len(p.read_text("utf-8").split()) for p in corpus.iterdir() if p.suffix in (".txt", ".md")
    )
    load0 = " ".join(f"{x:.2f}" for x in os.getloadavg())
    local, dask = [], []
    for i in range(args.runs):
        order = [("local", None), ("dask", "local:2")]
        for name, scheduler in order if i % 2 == 0 else reversed(order):
            r = cold_build(corpus, args.work / name, scheduler)
            (local if name == "local" else dask).append(r)
            print(f"run {i + 1} {name}: {r['seconds']:.1f} s, builder {r['peak_mb']:.0f} MB")
    load1 = " ".join(f"{x:.2f}" for x in os.getloadavg())
    ratios = [d["seconds"] / b["seconds"] for d, b in zip(dask, local, strict=True)]
    ratio = statistics.median(ratios)
    med = {
        "local": statistics.median(r["seconds"] for r in local),
        "dask": statistics.median(r["seconds"] for r in dask),
    }
    names = sorted({n for r in dask for n in r["tasks"]})
    throughput = {
        n: statistics.median(r["tasks"][n][1] for r in dask if n in r["tasks"]) for n in names
    }
    cpu_rate = {
        n: statistics.median(r["tasks"][n][2] for r in dask if n in r["tasks"]) for n in names
    }
    shards = {n: dask[0]["tasks"].get(n, (0, 0, 0))[0] for n in names}
    peak = max(r["peak_mb"] for r in dask)
    peak_local = max(r["peak_mb"] for r in local)
    # The builder's own stages (everything but the per-passage tasks) scale with the
    # corpus; the tasks scale with the workers. A cluster worker has a core of its own, so
    # the projection uses words per CPU-second (wall throughput here is shared cores).
    task_stages = {"nlp", *names}  # NER's stage is called nlp
    builder_s = statistics.median(
        sum(v for k, v in r["stages"].items() if k not in task_stages) for r in dask
    )
    nlp_s = sum(TARGET_WORDS / (TARGET_WORKERS * t) for t in cpu_rate.values() if t)
    nlp_wall_s = sum(TARGET_WORDS / (TARGET_WORKERS * t) for t in throughput.values() if t)
    builder_proj = builder_s * TARGET_WORDS / words
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    verdict = "pass" if ratio <= OVERHEAD_LIMIT else "**FAIL**"
    mverdict = "pass" if peak <= MEMORY_LIMIT_MB else "**FAIL**"
    now = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    limit_mb = f"≤ {MEMORY_LIMIT_MB:,} MB"
    lines = [
        f"Command: `python bench/cluster.py --words {args.words} --seed {args.seed} "
        f"--runs {args.runs}` at commit {commit}, {now};"
        f" {os.cpu_count()} CPUs, load average {load0} at start, {load1} at end.",
        f"Corpus: {words:,} words (`bench/generate_corpus.py`, seed {args.seed}); cold builds, "
        "empty cache, `--no-search`.",
        "",
        "| figure | measured | goal | verdict |",
        "|---|---:|---:|---|",
        f"| cold build, default (median of {args.runs}) | {med['local']:.1f} s | | |",
        f"| cold build, `--scheduler local:2` (median of {args.runs}) | {med['dask']:.1f} s | | |",
        f"| local:2 / default (median of paired ratios {', '.join(f'{r:.3f}' for r in ratios)})"
        f" | {ratio:.3f} | ≤ {OVERHEAD_LIMIT} | {verdict} |",
        f"| builder peak RSS with local:2 (workers apart) | {peak:,.0f} MB | {limit_mb}"
        f" | {mverdict} |",
        f"| builder peak RSS, default build (spaCy processes apart) | {peak_local:,.0f} MB | | |",
        *(
            f"| {n} throughput in shards (median over runs) | {cpu_rate[n]:,.0f} words per "
            f"CPU-second; {throughput[n]:,.0f} words/s per worker on this machine "
            f"({shards[n]} shards of 200 passages) | | |"
            for n in names
        ),
        f"| projected: per-passage tasks ({', '.join(names)}) of {TARGET_WORDS / 1e6:.0f}M words"
        f" on {TARGET_WORKERS} workers"
        f" (one core each, words per CPU-second) | {nlp_s / 60:,.1f} min | | |",
        f"| the same at this machine's shared-core wall throughput | {nlp_wall_s / 60:,.1f} min"
        " | | |",
        f"| projected: the builder's own stages for {TARGET_WORDS / 1e6:.0f}M words "
        f"(linear from {builder_s:.1f} s here) | {builder_proj / 3600:,.1f} h | | |",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
