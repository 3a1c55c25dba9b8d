"""Claim extraction and contested events measured on hand-annotated real news.

Usage:
    python bench/eval_claims.py [--corpora /tmp/corpora] [--show-errors]
    python bench/eval_claims.py --contested [--corpora /tmp/corpora] [--cache DIR]

Sentences (bench/labels/claims_sentences.json): references into the corpora (file,
character offset, length, SHA-1), never the text itself; each with its gold claims
(speaker head as written, stance). Every sentence is run through ``extract_claims`` on
its own. A predicted claim matches a gold claim of its sentence when the gold speaker
occurs in the predicted speaker phrase (case-folded; both null for an unattributed
hedged statement), each gold claim matched once.
- speaker P/R/F1: over claims with a speaker, predicted vs gold;
- stance accuracy: share of matched claims whose stance is right (and, stricter, share
  of all gold claims that are matched with the right stance).

Contested events (bench/labels/claims_contested.json, ``--contested``): the corpus
folders listed there are built (read, date, analyse, merge; nothing written) and every
event the build marks contested is looked up by its primary passage (file, line, SHA-1
of the passage text) among the hand judgements; precision = judged truly contested /
judged. Flagged events without a judgement are listed (they count in no figure).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "bench/labels/claims_sentences.json"
CONTESTED = ROOT / "bench/labels/claims_contested.json"


def resolve_file(name: str, corpora: Path) -> Path:
    return ROOT / name if name.startswith("seeds/") else corpora / name


def load_sentences(corpora: Path) -> tuple[list[dict], list[str]]:
    rows = json.loads(SENTENCES.read_text("utf-8"))["sentences"]
    texts: dict[str, str] = {}
    out, missing = [], []
    for r in rows:
        path = resolve_file(r["file"], corpora)
        if r["file"] not in texts:
            try:
                texts[r["file"]] = path.read_text("utf-8", "replace")
            except OSError:
                texts[r["file"]] = ""
        sent = texts[r["file"]][r["offset"] : r["offset"] + r["length"]]
        if hashlib.sha1(sent.encode()).hexdigest()[:12] != r["sha1"]:
            missing.append(f"{r['file']}@{r['offset']}")
            continue
        out.append({**r, "text": sent})
    return out, missing


def matches(gold_speaker: str | None, predicted: str | None) -> bool:
    if gold_speaker is None or predicted is None:
        return gold_speaker is None and predicted is None
    return gold_speaker.casefold() in predicted.casefold()


def score_sentences(rows: list[dict], show_errors: bool) -> dict[str, float]:
    from chronicle.claims import extract_claims

    found = extract_claims([r["text"] for r in rows])
    tp = fp = fn = 0
    matched = right = gold_total = 0
    for r, cs in zip(rows, found, strict=True):
        gold = [tuple(g) for g in r["claims"]]
        gold_total += len(gold)
        pred = list(cs.claims)
        used: set[int] = set()
        errors = []
        for gs, gst in gold:
            j = next(
                (j for j, c in enumerate(pred) if j not in used and matches(gs, c.speaker)), None
            )
            if j is None:
                if gs is not None:
                    fn += 1
                errors.append(f"missed {gs!r} {gst}")
                continue
            used.add(j)
            matched += 1
            if gs is not None:
                tp += 1
            if pred[j].stance == gst:
                right += 1
            else:
                errors.append(f"stance {gs!r}: {pred[j].stance} (gold {gst})")
        for j, c in enumerate(pred):
            if j not in used and c.speaker is not None:
                fp += 1
                errors.append(f"extra {c.speaker!r} {c.stance}")
        if show_errors and errors:
            print(f"- [{r['outlet']}] {r['text'][:160]}\n    " + "; ".join(errors))
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {
        "sentences": len(rows),
        "claim sentences": sum(1 for r in rows if r["claims"]),
        "outlets": len({r["outlet"] for r in rows}),
        "gold claims": gold_total,
        "speaker precision": p,
        "speaker recall": rec,
        "speaker F1": 2 * p * rec / (p + rec) if p + rec else 0.0,
        "stance accuracy (matched)": right / matched if matched else 0.0,
        "stance accuracy (all gold)": right / gold_total if gold_total else 0.0,
    }


def score_contested(corpora: Path, cache: Path, show: bool) -> dict[str, float]:
    from chronicle.build import gather
    from chronicle.claims.contest import judge
    from chronicle.config import Config
    from chronicle.model import Analysis

    spec = json.loads(CONTESTED.read_text("utf-8"))
    judged = {(j["file"], j["line"], j["sha1"]): j for j in spec["events"]}
    counts: dict[str, list[int]] = {}  # split -> [flagged, right, wrong]
    unjudged = []
    for entry in spec["folders"]:
        split = entry.get("split", "dev")
        tally = counts.setdefault(split, [0, 0, 0])
        folder = entry["path"]
        source = resolve_file(folder, corpora)
        if entry.get("glob"):  # a subset of a folder: links in a scratch folder
            subset = cache / "subsets" / hashlib.sha1(json.dumps(entry).encode()).hexdigest()[:10]
            subset.mkdir(parents=True, exist_ok=True)
            for f in sorted(source.glob(entry["glob"])):
                if not (subset / f.name).exists():
                    (subset / f.name).symlink_to(f.resolve())
            source = subset
        chron = gather(Config(source=source, cache_dir=cache, search=False))
        for e in chron.events:
            found = [chron.analyses.get(dp.passage.id, Analysis("")) for dp in e.sources]
            verdict = judge(found)
            if not verdict.contested:
                continue
            tally[0] += 1
            p = e.sources[0].passage
            name = f"{folder.rstrip('/')}/{Path(p.path).name}"
            key = (name, p.line, hashlib.sha1(p.text.encode()).hexdigest()[:12])
            j = judged.get(key)
            if j is None:
                unjudged.append(f"{name}:{p.line} {key[2]} {e.title[:90]} | {verdict.reasons}")
                continue
            if j["contested"]:
                tally[1] += 1
            else:
                tally[2] += 1
                if show:
                    print(f"- false: {name}:{p.line} {e.title[:100]} | {verdict.reasons}")
    for u in unjudged:
        print("unjudged:", u)
    out: dict[str, float] = {}
    counts["all"] = [sum(c[i] for c in counts.values()) for i in range(3)]
    for split, (flagged, right, wrong) in counts.items():
        n = right + wrong
        out |= {
            f"{split}: events flagged contested": flagged,
            f"{split}: judged": n,
            f"{split}: judged truly contested": right,
            f"{split}: contested precision": right / n if n else 0.0,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=Path("/tmp/corpora"))
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--contested", action="store_true", help="also score contested events")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/claims-eval-cache"))
    args = ap.parse_args(argv)
    rows, missing = load_sentences(args.corpora)
    if missing:
        print(f"{len(missing)} sentences not found (corpora missing or changed): {missing[:5]}")
    if not rows:
        return 1
    scores: dict[str, float] = {}
    for split in ("dev", "test", "all"):
        part = [r for r in rows if split == "all" or r.get("split", "dev") == split]
        if part:
            found = score_sentences(part, args.show_errors and split != "all")
            scores |= {f"{split}: {k}": v for k, v in found.items()}
    if args.contested:
        scores |= score_contested(args.corpora, args.cache, args.show_errors)
    for k, v in scores.items():
        print(f"{k:32} {v:.3f}" if isinstance(v, float) else f"{k:32} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
