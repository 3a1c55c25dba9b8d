"""Train the shipped topic classifier (chronicle/data/topic_model.npz) on labelled real news.

    pip install scikit-learn                     # development only; not needed at run time
    python bench/train_topics.py --corpus /tmp/corpora            # train, write the artefact
    python bench/train_topics.py --corpus /tmp/corpora --cv 5     # cross-validated accuracy only

Training data, none of it committed as text:
- ``bench/labels/topics_guardian_2022.tsv``: passages of a corpus under ``--corpus`` labelled
  by hand by the style guide (path, locator, topic; the text is read from the corpus);
- ``bench/labels/topics_written.jsonl``: short passages written for this project for topics
  the corpus has few of (energy, economy, sport);
- ``--headed DIR`` (repeatable): digests whose bullets sit under topic headings; each bullet
  is labelled by its heading through the taxonomy's aliases, except coarse headings
  ("Politics and diplomacy") whose bullets need a hand label (who acts decides).

Features are :func:`chronicle.topic_model.features` (the run-time code), so training and
scoring cannot drift apart. Model: sublinear TF-IDF, L2 rows, multinomial logistic
regression. The seeds and the fixtures under tests/fixtures are never trained on: they
are the evaluation (bench/eval_topics.py).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronicle.config import Config  # noqa: E402
from chronicle.topic_model import (  # noqa: E402
    MODEL_FILE,
    JointWeights,
    embedding_text,
    encode,
    features,
    from_arrays,
    to_arrays,
)
from chronicle.topics import (  # noqa: E402
    HeadingMatcher,
    KeywordIndex,
    load_taxonomy,
    normalise_heading,
)

LABELS = ROOT / "bench" / "labels"
#: Headings that join two topics: their bullets are labelled by hand, not by the heading.
COARSE = {"politics and diplomacy", "diplomacy and politics"}
MIN_DF = 2
C = 4.0
CLASS_WEIGHT: str | None = "balanced"


def _front_matter_body(text: str) -> tuple[str, str]:
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        return "", text
    title = re.search(r'^title:\s*"?(.*?)"?\s*$', m.group(1), re.M)
    return (title.group(1) if title else ""), text[m.end() :]


#: Label files under bench/labels: (file, locator kind). Locators: ``line N`` (that line),
#: ``lead`` (title + first paragraph of 12+ words), ``entry N`` (the live-blog entry
#: chronicle.readers starts at line N), ``starts`` (the line starting with the given words).
LABEL_FILES = (
    "topics_guardian_2022.tsv",
    "topics_gdelt_2022_2024.tsv",
    "topics_gdelt_paragraphs.tsv",
    "topics_isw_2022.tsv",
    "topics_isw_2025_2026.tsv",
    "topics_outlets_2026.tsv",
)


def held_out_set(path: str) -> str:
    """The evaluation set a labelled corpus passage belongs to (by outlet and period):
    bench/eval_topics_unseen.py scores each set with a model retrained without it."""
    if path.startswith("digests/guardian_132dow/"):
        return "guardian-digests-2022"
    if path.startswith("webpages/") or path.startswith("articles/universal_agent/"):
        return "outlets-2026"
    if path.startswith("articles/gdelt_") and ("_UA_" in path or "_BY_" in path):
        return "gdelt-ua-by"
    return "train"


#: Word n-gram length and share of a held-out passage's n-grams above which a training
#: passage counts as a retelling of it (a digest bullet copied from a live-blog entry).
SHARED_GRAM = 8
SHARED_SHARE = 0.3


def _grams(text: str) -> set[tuple[str, ...]]:
    ws = re.findall(r"\w+", text.lower())
    return {tuple(ws[i : i + SHARED_GRAM]) for i in range(len(ws) - SHARED_GRAM + 1)}


def without_retellings(train: list, test: list) -> list:
    """The training rows that do not retell a test row: a row sharing more than
    ``SHARED_SHARE`` of its or a test passage's word 8-grams with that passage is
    dropped, so a held-out set stays held out when an outlet repeats itself."""
    seen: dict[tuple[str, ...], set[int]] = {}
    for i, (_, text, _) in enumerate(test):
        for g in _grams(text):
            seen.setdefault(g, set()).add(i)
    sizes = [len(_grams(text)) for _, text, _ in test]
    kept = []
    for row in train:
        grams = _grams(row[1])
        shared: dict[int, int] = {}
        for g in grams:
            for i in seen.get(g, ()):
                shared[i] = shared.get(i, 0) + 1
        if not any(n > SHARED_SHARE * min(len(grams), sizes[i]) for i, n in shared.items()):
            kept.append(row)
    return kept


def _locate(corpus: Path, path: str, locator: str) -> tuple[str, str] | None:
    """(title, text) of one labelled passage, or None when the corpus lacks it."""
    try:
        raw = (corpus / path).read_text("utf-8")
    except OSError:
        return None
    if locator.startswith("line "):
        lines = raw.splitlines()
        n = int(locator.split()[1])
        return ("", lines[n - 1].strip()) if n <= len(lines) and lines[n - 1].strip() else None
    if locator.startswith("entry "):
        return _entry(corpus / path, int(locator.split()[1]))
    if locator == "lead":
        title, body = _front_matter_body(raw)
        para = next((p for p in body.splitlines() if len(p.split()) > 12), "")
        return (title, para.strip()) if para.strip() else None
    found = next((x.strip() for x in raw.splitlines() if x.strip().startswith(locator)), None)
    return ("", found) if found else None


def text_hash(text: str) -> str:
    """Short content hash kept beside a label: a changed corpus file is noticed."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def labelled_corpus(corpus: Path, with_paths: bool = False) -> list:
    """(title, text, topic) of the hand-labelled corpus passages that can be found
    (``(path, row)`` pairs with ``with_paths``). A row whose stored hash no longer
    matches the corpus text is skipped with a warning."""
    out: list = []
    for name in LABEL_FILES:
        for line in (LABELS / name).read_text("utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            path, locator, topic, *digest = line.split("\t")
            found = _locate(corpus, path, locator)
            if found is None:
                continue
            if digest and digest[0] != text_hash(found[1]):
                print(f"warning: {path} {locator}: text changed, label skipped", file=sys.stderr)
                continue
            out.append((path, (*found, topic)))
    return out if with_paths else [row for _, row in out]


@functools.lru_cache(maxsize=64)
def _entries(path: Path) -> dict[int, tuple[str, str]]:
    """Live-blog entries of ``path`` as chronicle.readers segments them, by line."""
    from chronicle import readers

    result = readers.read_file(path, path.name, Config(source=path.parent))
    return {
        p.line: (p.title or "", p.text or "")
        for doc in result.documents
        for p in doc.passages
        if p.kind == "entry"
    }


def _entry(path: Path, line: int) -> tuple[str, str] | None:
    try:
        return _entries(path).get(line)
    except OSError:
        return None


def written() -> list[tuple[str, str, str]]:
    rows = (LABELS / "topics_written.jsonl").read_text("utf-8").splitlines()
    return [("", r["text"], r["topic"]) for r in map(json.loads, rows) if r]


def headed(folder: Path) -> list[tuple[str, str, str]]:
    """Bullets under topic headings in the digests of ``folder`` (via chronicle.readers)."""
    from chronicle import readers

    matcher = HeadingMatcher(load_taxonomy(Config()))
    config = Config(source=folder)
    out = []
    for path in readers.iter_source_files(folder):
        for doc in readers.read_file(path, path.name, config).documents:
            for p in doc.passages:
                if not p.heading or normalise_heading(p.heading) in COARSE:
                    continue
                topic = matcher.match(p.heading)
                if topic:
                    out.append((p.title or "", p.text, topic))
    return out


#: Scale of the embedding beside the L2-normalised text features in the joint model.
EMB_WEIGHT = 2.0
#: Text-model probability at or above which the joint model (and its embedding) is skipped.
CONFIDENT = 0.8
_EMBEDDED: dict[str, np.ndarray] = {}


def embedder(text: str) -> np.ndarray:
    """The run-time embedding of a text, kept for the next fit in this process."""
    from chronicle import embeddings

    if text not in _EMBEDDED:
        _EMBEDDED[text] = embeddings.embed([text])[0]
    return _EMBEDDED[text]


def _logistic(x, y, n_topics: int, n_features: int):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=3000, class_weight=CLASS_WEIGHT)
    clf.fit(x, y)
    coef = np.zeros((n_features, n_topics))
    intercept = np.full(n_topics, -30.0)  # a topic never seen in training is never chosen
    for k, cls in enumerate(clf.classes_):
        coef[:, cls] = clf.coef_[k]
        intercept[cls] = clf.intercept_[k]
    return coef, intercept


def fit(rows, topics):
    """Vocabulary, IDF, text weights, intercepts and joint weights fitted on
    (title, text, topic) rows: the arguments of :func:`chronicle.topic_model.to_arrays`."""
    from scipy.sparse import csr_matrix, hstack

    keywords = KeywordIndex(load_taxonomy(Config()))
    feats = [features(title, text) for title, text, _ in rows]
    hits = [keywords.hits(title, text) for title, text, _ in rows]
    df = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF) + [f"k:{t}" for t in topics]
    index = {f: i for i, f in enumerate(vocab)}
    n = len(rows)
    idf = np.array([np.log((1 + n) / (1 + df.get(f, 0))) + 1.0 for f in vocab])
    data, cols, ptr = [], [], [0]
    for fs, hs in zip(feats, hits, strict=True):
        idx, vals = encode(fs, hs, index, idf)
        cols.extend(idx.tolist())
        data.extend(vals.tolist())
        ptr.append(len(cols))
    x = csr_matrix((data, cols, ptr), shape=(n, len(vocab)))
    y = [topics.index(t) for _, _, t in rows]
    coef, intercept = _logistic(x, y, len(topics), len(vocab))
    emb = np.array([embedder(embedding_text(title, text)) for title, text, _ in rows])
    xj = hstack([x, csr_matrix(emb * EMB_WEIGHT)]).tocsr()
    jcoef, jintercept = _logistic(xj, y, len(topics), len(vocab) + emb.shape[1])
    joint = JointWeights(
        coef=jcoef[: len(vocab)],
        emb_coef=jcoef[len(vocab) :],
        intercept=jintercept,
        emb_weight=EMB_WEIGHT,
        confident=CONFIDENT,
    )
    return vocab, idf, coef, intercept, joint


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/corpora"))
    ap.add_argument("--headed", type=Path, action="append", default=[])
    ap.add_argument("--cv", type=int, default=0, help="k-fold accuracy instead of writing")
    ap.add_argument("--out", type=Path, default=ROOT / "chronicle" / MODEL_FILE)
    args = ap.parse_args(argv)
    topics = list(load_taxonomy(Config()))
    rows = labelled_corpus(args.corpus) + written()
    for folder in args.headed:
        rows += headed(folder)
    rows = list(dict.fromkeys(rows))  # a repeated passage once
    print(f"{len(rows)} passages:", dict(Counter(t for _, _, t in rows).most_common()))
    if args.cv:
        keywords = KeywordIndex(load_taxonomy(Config()))
        rng = np.random.default_rng(0)
        order = rng.permutation(len(rows))
        right = 0
        for k in range(args.cv):
            test = set(order[k :: args.cv].tolist())
            train = [r for i, r in enumerate(rows) if i not in test]
            model = from_arrays(to_arrays(topics, *fit(train, topics)))
            for i in test:
                title, text, gold = rows[i]
                right += model.predict(title, text, keywords.hits(title, text), embedder) == gold
        print(f"{args.cv}-fold accuracy {right / len(rows):.3f}")
        return 0
    vocab, idf, coef, intercept, joint = fit(rows, topics)
    np.savez_compressed(args.out, **to_arrays(topics, vocab, idf, coef, intercept, joint))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(vocab)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
