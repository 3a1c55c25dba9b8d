"""Per-type precision, recall and F1 of entity extraction on the annotated fixtures.

Usage: python bench/eval_entities.py [--show-errors] [fixture.json ...]
(default: tests/fixtures/entities_seeds.json and entities_unseen.json).

Scores are set-based per passage and summed over passages (micro average):
people = actors of kind person, orgs = kind org or group, states = kind state,
places = all places. Names are compared after folding spelling variants.
Passages are built from the fixture's own text, so this runs without the readers.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from chronicle.config import Config
from chronicle.entities import EntityExtractor, ExtractionResult, entity_text
from chronicle.entities.actors import fold
from chronicle.model import DatedPassage, DateValue, Document, Passage
from chronicle.nlp import ner

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = (
    ROOT / "tests/fixtures/entities_seeds.json",
    ROOT / "tests/fixtures/entities_unseen.json",
)
TYPES = ("people", "places", "orgs", "states")


def load_fixture(path: Path) -> tuple[list[DatedPassage], list[Document], dict]:
    data = json.loads(Path(path).read_text("utf-8"))["passages"]
    day = DateValue(dt.date(2026, 1, 1), "day", "fixture")
    passages: list[DatedPassage] = []
    docs: dict[str, Document] = {}
    for key, row in data.items():
        where, _, line = key.rpartition(":")
        doc_id = row.get("document") or where
        p = Passage(
            key,
            where,
            doc_id,
            int(line),
            int(line),
            row.get("kind", "paragraph"),
            row["text"],
            row.get("title"),
            byline=row.get("byline"),
        )
        passages.append(DatedPassage(p, day, day))
        if doc_id not in docs:
            docs[doc_id] = Document(
                doc_id, where, 0, "text", "", 1, 1, (), (), author=row.get("author")
            )
    return passages, list(docs.values()), data


def run(
    passages: Sequence[DatedPassage],
    documents: Sequence[Document],
    extractor: EntityExtractor | None = None,
) -> ExtractionResult:
    spans = ner([entity_text(p.passage) for p in passages])
    extractor = extractor or EntityExtractor(Config())
    return extractor.extract(
        passages, documents, {p.passage.id: s for p, s in zip(passages, spans, strict=True)}
    )


def predicted(result: ExtractionResult, pid: str) -> dict[str, set[str]]:
    pe = result.per_passage[pid]
    out: dict[str, set[str]] = {t: set() for t in TYPES}
    for aid in pe.actors:
        ent = result.actors[aid]
        kind = {"person": "people", "state": "states"}.get(ent.kind, "orgs")
        out[kind].add(fold(ent.name))
    out["places"] = {fold(result.places[p].name) for p in pe.places}
    return out


def score(
    fixture: Path, extractor: EntityExtractor | None = None, show_errors: bool = False
) -> dict[str, tuple[float, float, float]]:
    passages, documents, gold = load_fixture(fixture)
    result = run(passages, documents, extractor)
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, fp, fn
    names: dict[str, str] = {}
    for key, row in gold.items():
        pred = predicted(result, key)
        for t in TYPES:
            want = {fold(n) for n in row.get(t, [])}
            names.update({fold(n): n for n in row.get(t, [])})
            got = pred[t]
            counts[t][0] += len(want & got)
            counts[t][1] += len(got - want)
            counts[t][2] += len(want - got)
            if show_errors and (got != want):
                extra = sorted(got - want)
                missing = sorted(names.get(n, n) for n in want - got)
                if extra or missing:
                    print(f"  {key} {t}: missing {missing} extra {extra}")
    out = {}
    for t, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[t] = (p, r, f)
    return out


def main(argv: list[str]) -> int:
    show = "--show-errors" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or list(DEFAULT)
    extractor = EntityExtractor(Config())
    for path in paths:
        print(f"{path.name}")
        for t, (p, r, f) in score(path, extractor, show).items():
            print(f"  {t:7s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
