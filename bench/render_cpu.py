"""CPU seconds of the render stage (``site.write_site``) on a gathered corpus, in one process.

    python bench/render_cpu.py --source /tmp/gen --cache-dir /tmp/gen-cache --repeat 3

Gathers the corpus once (from the cache when it is warm), then renders it ``--repeat``
times three ways and prints the fastest of each: ``plain`` (no page keys), ``keyed`` (a
cold build: every page rendered and keyed, as ``chronicle build`` does) and
``unchanged`` (a rebuild where every key matches: pages linked from the previous site).
CPU time, not wall time, so the figures compare while other work shares the machine;
one render process, so forks do not blur them.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
from pathlib import Path

import chronicle.site as site
from chronicle.config import Config
from chronicle.pipeline import gather
from chronicle.site import RenderReuse, write_site


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, required=True)
    ap.add_argument("--cache-dir", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    config = Config(source=args.source, cache_dir=args.cache_dir, search=False)
    chronicle = gather(config)
    site._render_processes = lambda _config, _events: 1  # type: ignore[attr-defined]
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for _ in range(args.repeat):
            for name in ("plain", "a", "b"):
                shutil.rmtree(out / name, ignore_errors=True)
            t = cpu()
            write_site(chronicle, config, out / "plain")
            best["plain"] = min(best.get("plain", 1e9), cpu() - t)
            t = cpu()
            first = RenderReuse(previous=None, old_keys={})
            write_site(chronicle, config, out / "a", reuse=first)
            best["keyed"] = min(best.get("keyed", 1e9), cpu() - t)
            t = cpu()
            again = RenderReuse(previous=out / "a", old_keys=dict(first.new_keys))
            write_site(chronicle, config, out / "b", reuse=again)
            best["unchanged"] = min(best.get("unchanged", 1e9), cpu() - t)
    print(
        f"{len(chronicle.events)} events, {len(first.new_keys)} keyed pages: "
        + ", ".join(f"{k} {v:.2f} s CPU" for k, v in best.items())
        + f" (unchanged: {again.rendered} rendered, {again.reused} linked)"
    )


if __name__ == "__main__":
    main()
