"""Topics: a taxonomy file, heading aliases and a classifier for passages without a heading.

A digest bullet sits under a heading chosen by an editor: that heading is the best evidence
of its topic. Live-blog entries, articles and plain text have none; they get the topic of
the classifier shipped in :mod:`chronicle.topic_model` (trained at development time on
real labelled news, not on the corpus being built, so a corpus without headings is
classified as well as one with them). A user's taxonomy topic the model does not know is
decided by its keywords. Bullets of a digest whose headings were lost are labelled
together where their scores show sections (Viterbi over the bullets in order, a topic
change costing the penalty that best explains them, see :func:`section_penalty`), since
a digest often groups its bullets in sections; a flat digest's bullets stay independent.
Deterministic: same text, same topic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import yaml
from anyascii import anyascii
from rapidfuzz import fuzz

from chronicle import store
from chronicle.config import Config
from chronicle.errors import ConfigError
from chronicle.model import DatedPassage, Topic
from chronicle.text import tokens

DEFAULT_TOPIC = "other"
#: Weight of log(1 + keyword hits) in a topic's score where keywords decide (a user's
#: topic the shipped model does not know, or no model).
KEYWORD_BONUS = 4.0
#: Title words count this many times in keyword hits (a headline names the subject).
TITLE_WEIGHT = 2
#: Costs (nats) of a topic change between consecutive bullets of a digest without headings
#: that are tried (0: the bullets are independent); the largest keeps a sectioned digest's
#: sections together.
SECTION_PENALTIES = (0.0, 1.0, 2.0, 3.0)
#: Gain in log-likelihood a bullet a penalty must bring over independent bullets for the
#: digest to be read as sectioned, as a share of log(number of topics) (the most a bullet
#: can gain): with the ten topics, flat digests (the Guardian's "what we know") gain
#: 0-0.22 from their runs of like bullets, digests with their sections' headings removed
#: 0.34-0.38 (BENCHMARKS.md).
MIN_SECTION_GAIN = 0.25
#: Minimum rapidfuzz ratio for a heading to match an alias with a typo.
FUZZY_HEADING = 88.0


def _as_strings(value: object, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: '{key}' must be a list of strings")


def parse_taxonomy(data: object, where: str) -> dict[str, Topic]:
    """Build topics from parsed YAML/JSON; errors name the file and the topic."""
    if not isinstance(data, Mapping) or not data:
        raise ConfigError(f"{where}: a topic taxonomy must map topic ids to topics")
    topics: dict[str, Topic] = {}
    for tid, spec in data.items():
        if not isinstance(tid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", tid):
            raise ConfigError(f"{where}: topic id {tid!r} must be lowercase letters, digits, '-'")
        if spec is None:
            spec = {}
        if not isinstance(spec, Mapping):
            raise ConfigError(f"{where}: topic '{tid}' must be a mapping")
        unknown = set(spec) - {"name", "description", "aliases", "keywords"}
        if unknown:
            raise ConfigError(f"{where}: topic '{tid}' has unknown keys: {sorted(unknown)}")
        name = spec.get("name", tid.replace("-", " ").capitalize())
        description = spec.get("description", "") or ""
        if not isinstance(name, str) or not isinstance(description, str):
            raise ConfigError(f"{where}: topic '{tid}': name and description must be strings")
        topics[tid] = Topic(
            id=tid,
            name=name,
            description=description.strip(),
            aliases=_as_strings(spec.get("aliases"), f"{tid}.aliases", where),
            keywords=_as_strings(spec.get("keywords"), f"{tid}.keywords", where),
        )
    if DEFAULT_TOPIC not in topics:
        topics[DEFAULT_TOPIC] = Topic(DEFAULT_TOPIC, "Other", "Everything else.")
    return topics


def load_taxonomy(config: Config) -> dict[str, Topic]:
    """The bundled taxonomy, or ``config.topics_file`` replacing it."""
    path: Path | None = getattr(config, "topics_file", None)
    if path is None:
        text = resources.files("chronicle").joinpath("data/topics.yaml").read_text("utf-8")
        where = "chronicle/data/topics.yaml"
    else:
        where = str(path)
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"{where}: topics file could not be read: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{where}: topics file is not UTF-8") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML/JSON: {exc}") from None
    return parse_taxonomy(data, where)


# --------------------------------------------------------------------------- headings


def normalise_heading(heading: str) -> str:
    h = anyascii(heading).lower().replace("&", " and ")
    h = re.sub(r"[^a-z0-9]+", " ", h).strip()
    return re.sub(r"^the ", "", h)


class HeadingMatcher:
    """Maps a digest heading to a topic: exact alias, then fuzzy, then a contained alias."""

    def __init__(self, taxonomy: Mapping[str, Topic]) -> None:
        self._seen: dict[str, str | None] = {}
        self.exact: dict[str, str] = {}
        for topic in taxonomy.values():
            for alias in (topic.id, topic.name, *topic.aliases):
                key = normalise_heading(alias)
                if key:
                    self.exact.setdefault(key, topic.id)

    def match(self, heading: str | None) -> str | None:
        if not heading:
            return None
        if heading in self._seen:  # a corpus repeats a few dozen headings thousands of times
            return self._seen[heading]
        found = self._seen[heading] = self._match(heading)
        return found

    def _match(self, heading: str) -> str | None:
        key = normalise_heading(heading)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        scored = sorted(
            ((fuzz.ratio(key, alias), alias) for alias in self.exact if len(alias) >= 4),
            key=lambda x: (-x[0], x[1]),
        )
        if scored and scored[0][0] >= FUZZY_HEADING:
            best = {self.exact[a] for s, a in scored if s == scored[0][0]}
            if len(best) == 1:
                return best.pop()
        words = f" {key} "
        contained = [
            (-len(alias.split()), words.index(f" {alias} "), self.exact[alias])
            for alias in self.exact
            if f" {alias} " in words
        ]
        if contained:
            return min(contained)[2]
        return None


# --------------------------------------------------------------------------- classifier


def passage_text(passage: DatedPassage) -> tuple[str, str]:
    p = passage.passage
    return p.title or "", p.text or ""


class KeywordIndex:
    """Keyword phrases of every topic, matched on stems as contiguous token runs."""

    def __init__(self, taxonomy: Mapping[str, Topic]) -> None:
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        for topic in taxonomy.values():
            seen: list[tuple[str, ...]] = []
            for kw in topic.keywords:
                toks = tuple(tokens(kw))
                if toks and toks not in seen:
                    seen.append(toks)
            self.phrases[topic.id] = seen

    def hits(self, title: str, text: str) -> dict[str, float]:
        """Weighted keyword hits per topic (longer phrases weigh more, titles double)."""
        scores: dict[str, float] = {}
        for part, weight in ((tokens(title), float(TITLE_WEIGHT)), (tokens(text), 1.0)):
            grams = _ngrams(part, 3)
            for tid, phrases in self.phrases.items():
                s = sum(grams[ph] * len(ph) * weight for ph in phrases if ph in grams)
                if s:
                    scores[tid] = scores.get(tid, 0.0) + s
        return scores


def _ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    grams: Counter[tuple[str, ...]] = Counter()
    for size in range(1, n + 1):
        for i in range(len(toks) - size + 1):
            grams[tuple(toks[i : i + size])] += 1
    return grams


class TopicScorer:
    """Log-scores of every taxonomy topic for a (title, text), computed once per text.

    Topics the shipped model knows get its log-probabilities; a taxonomy topic it does not
    know (a user's own) is carved out of "other" by its keywords. With no topic in common
    with the model, keywords alone decide (``source`` is then "keywords"). Scores are pure
    in the text, the model and the keywords, so with a stored ``memo`` (versioned by
    :func:`scores_version`) they are kept across builds and only new passages are scored.
    """

    def __init__(self, taxonomy: Mapping[str, Topic], memo: store.Memo | None = None) -> None:
        from chronicle.topic_model import shipped_model

        self.order = list(taxonomy)
        self.keywords = KeywordIndex(taxonomy)
        model = shipped_model()
        shared = [t for t in self.order if model is not None and t in model.topics]
        self.model = model if model is not None and set(shared) - {DEFAULT_TOPIC} else None
        self.source = "classifier" if self.model is not None else "keywords"
        self.extra = [t for t in self.order if self.model is None or t not in self.model.topics]
        self.memo = memo if memo is not None else store.Memo(None, "topics-memo", "")
        self._seen: dict[tuple[str, str], dict[str, float]] = {}
        self._vectors: dict[str, np.ndarray] = {}

    def prefetch(self, items: Sequence[tuple[str, str]], config: Config) -> None:
        """Embed in one batch the leads of the (title, text)s whose scores are not stored
        and that the text model is unsure of, through the ``embeddings`` passage task
        (stored by text, computed in forks or on the Dask workers), rather than one by
        one in this process when they are scored. The scores are the same either way."""
        from chronicle import embeddings, passagetasks
        from chronicle.topic_model import embedding_text

        if self.model is None or self.model.joint is None or not embeddings.available():
            return
        leads: dict[str, None] = {}
        for title, text in dict.fromkeys(items):
            if self._stored(title, text) is not None:
                continue
            if self.model.unsure(title, text, self.keywords.hits(title, text)):
                leads[embedding_text(title, text)] = None
        if not leads:
            return
        todo = list(leads)
        values = passagetasks.run("embeddings", todo, config, stage="topics", own_stage=False)
        self._vectors.update(zip(todo, map(embeddings.decode, values), strict=True))

    def _embed(self, lead: str) -> np.ndarray | None:
        found = self._vectors.get(lead)
        return found if found is not None else _embed_one(lead)

    def scores(self, title: str, text: str) -> dict[str, float]:
        found = self._seen.get((title, text))
        if found is None:
            found = self._seen[(title, text)] = self._memoised(title, text)
        return found

    def _stored(self, title: str, text: str) -> tuple | None:
        """The scores an earlier build stored for this text, if usable."""
        stored = self.memo.get(self.memo.key("topic-scores", title, text))
        return stored if type(stored) is tuple and len(stored) == len(self.order) else None

    def _memoised(self, title: str, text: str) -> dict[str, float]:
        stored = self._stored(title, text)
        if stored is not None:
            return dict(zip(self.order, stored, strict=True))
        found = self._compute(title, text)
        self.memo.put(
            self.memo.key("topic-scores", title, text), tuple(found[t] for t in self.order)
        )
        return found

    def _compute(self, title: str, text: str) -> dict[str, float]:
        if self.model is None:
            return keyword_scores(self.keywords, self.order, title, text)
        hits = self.keywords.hits(title, text)
        model = self.model.scores(title, text, hits, self._embed)
        out = {t: model[t] for t in self.order if t in model}
        if self.extra:
            base = model.get(DEFAULT_TOPIC, min(out.values()))
            for t in self.extra:
                out[t] = base - 1.0 + KEYWORD_BONUS * math.log1p(hits.get(t, 0.0))
        return out


def _embed_one(text: str) -> np.ndarray | None:
    """The text's sentence embedding, or None when the embedding model is not installed
    (the text model then decides alone). Loaded on first use: a corpus the text model is
    sure of never loads it."""
    from chronicle import embeddings

    if not embeddings.available():
        return None
    return embeddings.embed([text])[0]


def scores_version(taxonomy: Mapping[str, Topic]) -> str:
    """Version of :class:`TopicScorer` values: code, model artefact, keywords, anyascii,
    embedding model."""
    from importlib.metadata import version

    from chronicle import embeddings, topic_model
    from chronicle import text as text_module

    keywords = repr([(t.id, t.keywords) for t in taxonomy.values()])
    return store.code_key(
        Path(__file__),
        Path(topic_model.__file__),
        Path(text_module.__file__),
        extra=[
            keywords,
            topic_model.model_digest(),
            f"anyascii={version('anyascii')}",
            embeddings.version(),
        ],
    )


def keyword_scores(
    keywords: KeywordIndex, order: Sequence[str], title: str, text: str
) -> dict[str, float]:
    """Scores from keywords alone; ``other`` wins with no hit."""
    hits = keywords.hits(title, text)
    if not hits:
        return {t: (1.0 if t == DEFAULT_TOPIC else 0.0) for t in order}
    return {t: KEYWORD_BONUS * math.log1p(hits.get(t, 0.0)) for t in order}


def _log_softmax(scores: Mapping[str, float]) -> dict[str, float]:
    top = max(scores.values())
    z = top + math.log(sum(math.exp(v - top) for v in scores.values()))
    return {t: v - z for t, v in scores.items()}


def smooth_sections(
    rows: Sequence[Mapping[str, float]], order: Sequence[str], penalty: float
) -> list[str]:
    """Best topic sequence for consecutive bullets of one digest (Viterbi).

    A digest groups its bullets under section headings, so neighbours usually share a
    topic; when the headings are lost, changing topic between two bullets costs
    ``penalty`` nats. Ties go to the taxonomy order.
    """
    if not rows:
        return []
    post = [_log_softmax(r) for r in rows]
    best = {t: post[0][t] for t in order}
    back: list[dict[str, str]] = []
    for row in post[1:]:
        prev_top = max(order, key=lambda t: (best[t], -order.index(t)))
        new, ptr = {}, {}
        for t in order:
            stay = best[t]
            move = best[prev_top] - penalty
            if stay >= move:
                new[t], ptr[t] = stay + row[t], t
            else:
                new[t], ptr[t] = move + row[t], prev_top
        back.append(ptr)
        best = new
    last = max(order, key=lambda t: (best[t], -order.index(t)))
    path = [last]
    for ptr in reversed(back):
        path.append(ptr[path[-1]])
    return list(reversed(path))


def section_penalty(rows: Sequence[Mapping[str, float]], order: Sequence[str]) -> float:
    """The cost of a topic change that best explains a digest's bullets (0.0: none).

    Whether a digest without headings was written in sections (whose headings were lost)
    or flat shows in its bullets' own scores: sections make runs of one topic. Each
    penalty of ``SECTION_PENALTIES`` is a Markov chain over topics where staying weighs
    e**penalty times a given change; the bullets' likelihood under it (forward algorithm,
    each bullet's posterior as its evidence) is compared with independent bullets, and a
    penalty is used only where it gains ``MIN_SECTION_GAIN`` × log(topics) nats a bullet.
    """
    if len(rows) < 2 or len(order) < 2:
        return 0.0
    post = np.exp(np.array([[r[t] for t in order] for r in map(_log_softmax, rows)]))
    k = len(order)
    best, best_ll = 0.0, _chain_log_likelihood(post, np.full((k, k), 1.0 / k))
    base = best_ll
    for penalty in SECTION_PENALTIES:
        if penalty <= 0.0:
            continue
        trans = np.ones((k, k))
        np.fill_diagonal(trans, math.exp(penalty))
        ll = _chain_log_likelihood(post, trans / trans.sum(axis=1, keepdims=True))
        if ll > best_ll:
            best, best_ll = penalty, ll
    gain = (best_ll - base) / (len(rows) * math.log(k))
    return best if gain >= MIN_SECTION_GAIN else 0.0


def _chain_log_likelihood(post: np.ndarray, trans: np.ndarray) -> float:
    """Log-likelihood of the rows of ``post`` (one evidence vector a bullet) under a
    Markov chain with transition matrix ``trans`` and a uniform start (forward algorithm)."""
    alpha = post[0] / len(trans)
    total = math.log(float(alpha.sum()))
    alpha = alpha / alpha.sum()
    for row in post[1:]:
        alpha = (alpha @ trans) * row
        z = float(alpha.sum())
        total += math.log(z)
        alpha = alpha / z
    return total


def assign_topics(
    passages: Sequence[DatedPassage],
    taxonomy: dict[str, Topic],
    cache_dir: Path | None = None,
    config: Config | None = None,
) -> dict[str, tuple[str, str]]:
    """passage id -> (topic id, source) with source "heading" | "classifier" | "keywords".

    With ``cache_dir``, each text's scores of earlier builds are reused from there
    (:class:`TopicScorer`); the result is the same. With ``config``, the embeddings the
    joint model needs are computed in one batch as a passage task.
    """
    if not taxonomy:
        taxonomy = {DEFAULT_TOPIC: Topic(id=DEFAULT_TOPIC, name="Other")}
    matcher = HeadingMatcher(taxonomy)
    memo = store.Memo(cache_dir, "topics-memo", scores_version(taxonomy))
    scorer = TopicScorer(taxonomy, memo)
    try:
        return _assign(passages, matcher, scorer, config)
    finally:
        memo.save()


def _assign(
    passages: Sequence[DatedPassage],
    matcher: HeadingMatcher,
    scorer: TopicScorer,
    config: Config | None = None,
) -> dict[str, tuple[str, str]]:
    result: dict[str, tuple[str, str]] = {}
    order, source = scorer.order, scorer.source
    runs: dict[str, list[DatedPassage]] = {}
    alone: list[DatedPassage] = []
    for dp in passages:
        tid = matcher.match(dp.passage.heading)
        if tid is not None:
            result[dp.passage.id] = (tid, "heading")
        elif not "".join(passage_text(dp)).strip():
            result[dp.passage.id] = (DEFAULT_TOPIC, source)
        elif dp.passage.kind == "bullet":
            runs.setdefault(dp.passage.document_id, []).append(dp)
        else:
            alone.append(dp)
    if config is not None:  # the embeddings of every passage to score, in one batch
        scored = [*alone, *(dp for run in runs.values() for dp in run)]
        scorer.prefetch([passage_text(dp) for dp in scored], config)
    for dp in alone:
        scores = scorer.scores(*passage_text(dp))
        result[dp.passage.id] = (max(order, key=lambda t: (scores[t], -order.index(t))), source)
    for run in runs.values():
        run.sort(key=lambda dp: dp.passage.line)
        rows = [scorer.scores(*passage_text(dp)) for dp in run]
        penalty = section_penalty(rows, order)
        for dp, tid in zip(run, smooth_sections(rows, order, penalty), strict=True):
            result[dp.passage.id] = (tid, source)
    return result
