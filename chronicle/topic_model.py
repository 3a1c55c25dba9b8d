"""A topic classifier trained once, at development time, on real labelled news.

Digest bullets under their editors' headings (mapped through the taxonomy's aliases) and
passages labelled by hand by the style guide were turned into TF-IDF features and a
multinomial logistic regression was fitted on them (``bench/train_topics.py``). Only
the result ships: ``data/topic_model.npz`` holds the vocabulary, the IDF weights, one
weight per feature and topic, and the intercepts. Scoring a passage is a sparse dot
product in numpy, so neither scikit-learn nor the training text is needed at run time.

Two models ship, fitted on the same passages: a text model over the features below, and a
joint model over the same features plus the passage's sentence embedding
(:mod:`chronicle.embeddings`, MiniLM). Words alone generalise poorly to outlets and
periods never seen (an embedding knows that "a new tranche of interceptors" is like "a
package of air-defence missiles"), but embedding costs about 20 ms a passage, so it is
paid only where the text model is unsure (top probability below ``confident``); the
text model alone decides where it is sure, or where the embedding model is not installed.

The features say what a passage is about and who acts in its main clause: word stems and
stem bigrams of the whole text, plus the stems of its lead (the first clause of the first
sentence, where a news sentence puts its subject and main verb: "Ukraine's parliament
voted ..." is politics, "The EU condemned ..." diplomacy) tagged apart. Changing
:func:`features` requires retraining, which the version string in the artefact checks.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from chronicle.text import STOPWORDS, sentences, stem_cached, words

#: Version of :func:`features`; the artefact records the one it was trained with.
FEATURES_VERSION = "topic-features-4"
#: Content stems of the lead kept as lead features.
LEAD_TOKENS = 8
#: The lead ends at the first clause boundary after this many characters.
_LEAD_END = re.compile(r"[.;:!?]\s|,\s+(?:and|but|while|as|after|which|who|saying)\b|\s[-–—]\s")
MODEL_FILE = "data/topic_model.npz"


def _content(ws: Sequence[str]) -> list[str]:
    return [stem_cached(w) for w in ws if w not in STOPWORDS and not w.isdigit() and len(w) > 1]


def lead(text: str) -> str:
    """The first clause of the first sentence (its subject and main verb, in news)."""
    m = _LEAD_END.search(text, 20)
    return text[: m.start()] if m else text


def features(title: str, text: str) -> dict[str, int]:
    """Raw feature counts: ``w:`` stems, ``b:`` stem bigrams, ``l:`` lead stems.

    The title counts as text (a headline states the subject); the lead is the title's
    when there is one, else the text's.
    """
    body = f"{title}. {text}" if title else text
    toks = _content(words(body))
    out: dict[str, int] = {}
    for t in toks:
        key = "w:" + t
        out[key] = out.get(key, 0) + 1
    for a, b in zip(toks, toks[1:], strict=False):
        key = f"b:{a}_{b}"
        out[key] = out.get(key, 0) + 1
    for t in _content(words(lead(title or text)))[:LEAD_TOKENS]:
        key = "l:" + t
        out[key] = out.get(key, 0) + 1
    return out


def encode(
    feats: Mapping[str, int],
    hits: Mapping[str, float],
    index: Mapping[str, int],
    idf: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Feature indices and values: L2-normalised sublinear TF-IDF of the known ``feats``,
    then one ``k:<topic>`` value per topic with keyword hits, log(1 + hits), outside the
    normalisation (a prior the regression weighs, not a word among others)."""
    pairs = [(index[f], 1.0 + math.log(c)) for f, c in feats.items() if f in index]
    idx = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    vals = np.fromiter((v for _, v in pairs), dtype=np.float64, count=len(pairs))
    if len(idx):
        vals *= idf[idx]
        vals /= np.sqrt(vals @ vals)
    extra = [(index["k:" + t], math.log1p(h)) for t, h in hits.items() if "k:" + t in index]
    if extra:
        idx = np.concatenate([idx, np.array([i for i, _ in extra], dtype=np.int64)])
        vals = np.concatenate([vals, np.array([v for _, v in extra])])
    return idx, vals


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max()
    return logits - math.log(float(np.exp(logits).sum()))


#: A text's embedding (unit vector) or None when no embedding model is installed.
Embedder = Callable[[str], "np.ndarray | None"]


#: Most words of a passage embedded for the joint model (about MiniLM's 128 tokens).
EMBED_WORDS = 96
#: The embedded lead runs on to the next sentence while it is shorter than this.
EMBED_MIN_WORDS = 12


def embedding_text(title: str, text: str) -> str:
    """The text embedded for the joint model: the title, then the first sentence of the
    passage (continued while shorter than ``EMBED_MIN_WORDS``), cut to ``EMBED_WORDS``.

    The style guide decides a topic by the main clause, which a news passage puts in its
    first sentence; the background and quotes that follow pulled the embedding towards
    their own subjects (grouped cross-validation on the training pool: 0.735 against
    0.726 with the first 96 words, BENCHMARKS.md), and a shorter text embeds faster.
    """
    lead: list[str] = []
    for sentence in sentences(text):
        lead += sentence.split()
        if len(lead) >= EMBED_MIN_WORDS:
            break
    body = " ".join(lead)
    body = f"{title}. {body}" if title else body
    return " ".join(body.split()[:EMBED_WORDS])


@dataclass(frozen=True)
class JointWeights:
    """The joint model's weights: text features as in the text model, plus embedding."""

    coef: np.ndarray  # (n_features, n_topics)
    emb_coef: np.ndarray  # (embedding dim, n_topics)
    intercept: np.ndarray  # (n_topics,)
    emb_weight: float  # the embedding is scaled by this before the dot product
    confident: float  # text-model probability at or above which no embedding is made


@dataclass(frozen=True)
class TopicModel:
    """The shipped linear models: ``scores`` gives one log-probability per topic."""

    topics: tuple[str, ...]
    index: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_features, n_topics)
    intercept: np.ndarray  # (n_topics,)
    version: str
    joint: JointWeights | None = None

    def vector(
        self, title: str, text: str, hits: Mapping[str, float] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Indices and values of the known features: see :func:`encode`."""
        return encode(features(title, text), hits or {}, self.index, self.idf)

    def _text_scores(
        self, title: str, text: str, hits: Mapping[str, float] | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        idx, vals = self.vector(title, text, hits)
        logits = self.intercept + vals @ self.coef[idx] if len(idx) else self.intercept.copy()
        return idx, vals, _log_softmax(logits)

    def unsure(self, title: str, text: str, hits: Mapping[str, float] | None = None) -> bool:
        """Whether :meth:`scores` would ask for the passage's embedding."""
        if self.joint is None:
            return False
        return math.exp(self._text_scores(title, text, hits)[2].max()) < self.joint.confident

    def scores(
        self,
        title: str,
        text: str,
        hits: Mapping[str, float] | None = None,
        embedder: Embedder | None = None,
    ) -> dict[str, float]:
        """Log-probability of each topic (softmax of the linear scores).

        ``hits`` are the taxonomy's keyword hits per topic (``KeywordIndex.hits``). With
        an ``embedder``, a passage the text model is unsure of is scored by the joint model.
        """
        idx, vals, out = self._text_scores(title, text, hits)
        joint = self.joint
        if joint is not None and embedder is not None and math.exp(out.max()) < joint.confident:
            emb = embedder(embedding_text(title, text))
            if emb is not None:
                logits = joint.intercept + joint.emb_weight * (emb @ joint.emb_coef)
                if len(idx):
                    logits = logits + vals @ joint.coef[idx]
                out = _log_softmax(logits)
        return {t: float(v) for t, v in zip(self.topics, out, strict=True)}

    def predict(
        self,
        title: str,
        text: str,
        hits: Mapping[str, float] | None = None,
        embedder: Embedder | None = None,
    ) -> str:
        s = self.scores(title, text, hits, embedder)
        return max(self.topics, key=lambda t: (s[t], -self.topics.index(t)))


def from_arrays(arrays: dict[str, np.ndarray]) -> TopicModel:
    """A model from the artefact's arrays (as :func:`to_arrays` wrote them)."""
    vocab = [str(v) for v in arrays["vocab"]]
    joint = None
    if "joint_coef" in arrays:
        joint = JointWeights(
            coef=arrays["joint_coef"].astype(np.float64),
            emb_coef=arrays["joint_emb_coef"].astype(np.float64),
            intercept=arrays["joint_intercept"].astype(np.float64),
            emb_weight=float(arrays["joint_emb_weight"]),
            confident=float(arrays["joint_confident"]),
        )
    return TopicModel(
        topics=tuple(str(t) for t in arrays["topics"]),
        index={f: i for i, f in enumerate(vocab)},
        idf=arrays["idf"].astype(np.float64),
        coef=arrays["coef"].astype(np.float64),
        intercept=arrays["intercept"].astype(np.float64),
        version=str(arrays["version"]),
        joint=joint,
    )


def to_arrays(
    topics: Sequence[str],
    vocab: Sequence[str],
    idf: np.ndarray,
    coef: np.ndarray,
    intercept: np.ndarray,
    joint: JointWeights | None = None,
) -> dict[str, np.ndarray]:
    """The artefact's arrays: float16 weights keep it small (the scores barely move)."""
    arrays = {
        "topics": np.array(list(topics)),
        "vocab": np.array(list(vocab)),
        "idf": np.asarray(idf, dtype=np.float16),
        "coef": np.asarray(coef, dtype=np.float16),
        "intercept": np.asarray(intercept, dtype=np.float32),
        "version": np.array(FEATURES_VERSION),
    }
    if joint is not None:
        arrays.update(
            joint_coef=np.asarray(joint.coef, dtype=np.float16),
            joint_emb_coef=np.asarray(joint.emb_coef, dtype=np.float32),
            joint_intercept=np.asarray(joint.intercept, dtype=np.float32),
            joint_emb_weight=np.array(joint.emb_weight, dtype=np.float32),
            joint_confident=np.array(joint.confident, dtype=np.float32),
        )
    return arrays


@functools.lru_cache(maxsize=1)
def shipped_model() -> TopicModel | None:
    """The bundled model, or None when it is missing or was trained on other features."""
    try:
        ref = resources.files("chronicle").joinpath(MODEL_FILE)
        with resources.as_file(ref) as path, np.load(path, allow_pickle=False) as data:
            model = from_arrays({k: data[k] for k in data.files})
    except (OSError, KeyError, ValueError):
        return None
    return model if model.version == FEATURES_VERSION else None


def model_digest() -> str:
    """Content digest of the bundled artefact (part of the topic memo's version)."""
    import hashlib

    try:
        raw = resources.files("chronicle").joinpath(MODEL_FILE).read_bytes()
    except OSError:
        return "none"
    return hashlib.blake2b(raw, digest_size=8).hexdigest()
