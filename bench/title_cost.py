"""What parsing long titles adds to the NLP of a cold build, on any folder of input.

    python bench/title_cost.py DIR [DIR…]

Reads every passage (chronicle's readers), then measures in this process, in CPU time:
NER over every passage's text (what a cold build runs, one process) and the title parse
(``chronicle.nlp.parse``) over every passage whose title source is longer than the title
limit — an upper bound, since a build parses only the primary passage of each event and
nothing that is cached. Prints both and their ratio.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from chronicle import nlp, titles
from chronicle.config import Config
from chronicle.entities import entity_text
from chronicle.merge.events import TITLE_MAX, title_source
from chronicle.readers import iter_source_files, read_file


def measure(folder: Path) -> dict:
    passages = []
    for path in iter_source_files(folder):
        for doc in read_file(path, path.name, Config()).documents:
            passages.extend(doc.passages)
    texts = [entity_text(p) for p in passages]
    long_sources = [s for p in passages for s in titles.parse_targets(title_source(p), TITLE_MAX)]
    nlp.load_nlp()
    nlp.load_parser()
    t0 = time.process_time()
    nlp.ner(texts)
    ner_cpu = time.process_time() - t0
    t0 = time.process_time()
    nlp.parse(long_sources)
    parse_cpu = time.process_time() - t0
    return {
        "folder": str(folder),
        "passages": len(passages),
        "words": sum(len(t.split()) for t in texts),
        "long_titles": len(long_sources),
        "ner_cpu": ner_cpu,
        "parse_cpu": parse_cpu,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    for folder in ap.parse_args().folders:
        r = measure(folder)
        print(
            f"{r['folder']}: {r['passages']} passages, {r['words']} words; "
            f"NER {r['ner_cpu']:.1f} s CPU; {r['long_titles']} long titles parsed in "
            f"{r['parse_cpu']:.1f} s CPU = {r['parse_cpu'] / max(r['ner_cpu'], 1e-9):.3f} x NER",
            flush=True,
        )


if __name__ == "__main__":
    main()
