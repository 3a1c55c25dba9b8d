"""Topics: a taxonomy file, heading aliases and a classifier for passages without a heading.

A digest bullet sits under a heading chosen by an editor: that heading is the best evidence
of its topic. Live-blog entries, articles and plain text have none, so a multinomial naive
Bayes model is trained at build time on the corpus's own headed passages, with the
taxonomy keywords added as pseudo-counts (a prior that keeps rare topics reachable) and as
a direct bonus. With too few headed passages to learn from, keywords alone decide.
Bullets of a digest whose headings were lost are labelled together (Viterbi over the
bullets in order, a topic change costing SECTION_PENALTY), since a digest groups its
bullets in sections. Everything is pure Python and deterministic: same corpus, same topics.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii
from rapidfuzz import fuzz

from chronicle.config import Config
from chronicle.errors import ConfigError
from chronicle.model import DatedPassage, Topic

DEFAULT_TOPIC = "other"
#: Fewer headed passages than this and the classifier is not trained (keywords only).
MIN_TRAINING = 30
#: Weight of one keyword occurrence as a pseudo-count in the naive Bayes word counts.
KEYWORD_PSEUDO = 3.0
#: Weight of log(1 + keyword hits) in a topic's score (hits weighted by phrase length;
#: title hits double). Keywords carry most of the weight: a few dozen headed bullets
#: teach the corpus's vocabulary, not a whole topic.
KEYWORD_BONUS = 4.0
#: Additive smoothing of word counts.
ALPHA = 0.5
#: Weight of the class priors (0: uniform). Headed digests over-represent fighting,
#: live blogs and articles do not, so the corpus's heading counts are a poor prior.
PRIOR_WEIGHT = 0.0
#: Title words count this many times (a headline names the subject).
TITLE_WEIGHT = 2
#: Weight of the naive Bayes evidence, divided by the square root of the passage length.
NB_SCALE = 0.5
#: Cost (nats) of a topic change between consecutive bullets of a digest without headings.
SECTION_PENALTY = 6.0
#: Minimum rapidfuzz ratio for a heading to match an alias with a typo.
FUZZY_HEADING = 88.0

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just may me might more most must my myself no nor not now of off on
    once only or other our ours out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    said says say saying told tells according added adding including while amid since among
    per via would one two three four five six seven eight nine ten first second last new
    year years day days week weeks month months monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december yesterday today tonight earlier later latest mr mrs ms""".split()
)

_TOKEN = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return stem(word)


def stem(word: str) -> str:
    """A light suffix stripper: enough to pair strike/strikes, kill/killed/killing."""
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # stopped -> stop, planned -> plan
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _words(text: str) -> list[str]:
    ascii_text = text if text.isascii() else anyascii(text)
    return _TOKEN.findall(ascii_text.lower().replace("'s", ""))


def tokens(text: str) -> list[str]:
    """All word stems of ``text`` in order (stop words kept, for phrase matching)."""
    return [_stem(t) for t in _words(text)]


def content_tokens(text: str) -> list[str]:
    return [_stem(t) for t in _words(text) if t not in STOPWORDS and not t.isdigit() and len(t) > 1]


# --------------------------------------------------------------------------- taxonomy


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


def _features(title: str, text: str) -> Counter[str]:
    feats: Counter[str] = Counter(content_tokens(text))
    for tok in content_tokens(title):
        feats[tok] += TITLE_WEIGHT
    return feats


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

    def words(self, tid: str) -> Iterable[str]:
        for ph in self.phrases.get(tid, ()):
            for tok in ph:
                if tok not in STOPWORDS:
                    yield tok


def _ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    grams: Counter[tuple[str, ...]] = Counter()
    for size in range(1, n + 1):
        for i in range(len(toks) - size + 1):
            grams[tuple(toks[i : i + size])] += 1
    return grams


class TextFeatures:
    """Classifier features and keyword hits of each (title, text), computed once.

    Both are pure in the text (hits also in the taxonomy's keywords), so with a ``memo``
    (a :class:`chronicle.cache.MemoFile` keyed by :func:`features_version`) they are
    kept across builds and only new passages are tokenised; training and scoring, which
    depend on the whole corpus, run on every build. Hits are only computed for texts
    that are scored (headed passages only train).
    """

    def __init__(self, keywords: KeywordIndex, memo: Any = None) -> None:
        self.keywords = keywords
        self.memo = memo
        self._features: dict[tuple[str, str], dict[str, int]] = {}
        self._hits: dict[tuple[str, str], dict[str, float]] = {}
        if memo is not None:
            from chronicle.cache import digest

            self._digest = digest

    def features(self, title: str, text: str) -> dict[str, int]:
        """Feature counts in first-occurrence order."""
        found = self._features.get((title, text))
        if found is None:
            found = self._features[(title, text)] = self._compute_features(title, text)
        return found

    def hits(self, title: str, text: str) -> dict[str, float]:
        """Keyword hits per topic."""
        found = self._hits.get((title, text))
        if found is None:
            found = self._hits[(title, text)] = self._compute_hits(title, text)
        return found

    def _compute_features(self, title: str, text: str) -> dict[str, int]:
        if self.memo is None:
            return dict(_features(title, text))
        key = self._digest("topic-features", title, text)
        try:
            words, counts = self.memo.get(key)  # type: ignore[misc]
            return dict(zip(words.split(), counts, strict=True))
        except (TypeError, ValueError, AttributeError):  # absent or not ours: compute
            pass
        feats = _features(title, text)
        values = tuple(feats.values())
        compact = bytes(values) if values and max(values) < 256 else values
        self.memo.put(key, (" ".join(feats), compact))
        return dict(feats)

    def _compute_hits(self, title: str, text: str) -> dict[str, float]:
        if self.memo is None:
            return self.keywords.hits(title, text)
        key = self._digest("topic-hits", title, text)
        stored = self.memo.get(key)
        if type(stored) is tuple:
            try:
                return dict(stored)
            except (TypeError, ValueError):
                pass
        hits = self.keywords.hits(title, text)
        self.memo.put(key, tuple(hits.items()))
        return hits


def features_version(taxonomy: Mapping[str, Topic]) -> str:
    """Version of :class:`TextFeatures` values: this module's code, the keywords, anyascii."""
    from importlib.metadata import version

    from chronicle.cache import code_key

    keywords = repr([(t.id, t.keywords) for t in taxonomy.values()])
    return code_key(Path(__file__), extra=[keywords, f"anyascii={version('anyascii')}"])


class TopicClassifier:
    """Multinomial naive Bayes over content stems, with keyword pseudo-counts as a prior."""

    def __init__(
        self,
        taxonomy: Mapping[str, Topic],
        keywords: KeywordIndex | None = None,
        features: TextFeatures | None = None,
    ):
        self.topics = list(taxonomy)
        self.keywords = keywords or KeywordIndex(taxonomy)
        self.features = features or TextFeatures(self.keywords)
        self.trained = False
        self.log_prior: dict[str, float] = {}
        self.log_lik: dict[str, dict[str, float]] = {}
        self.log_unseen: dict[str, float] = {}

    def fit(self, docs: Sequence[tuple[str, str, str]]) -> TopicClassifier:
        """``docs`` are (title, text, topic id) of headed passages."""
        counts: dict[str, Counter[str]] = {t: Counter() for t in self.topics}
        ndocs: Counter[str] = Counter()
        for (title, text, tid), n in Counter(docs).items():  # repeated passages once
            if tid not in counts:
                continue
            for w, c in self.features.features(title, text).items():
                counts[tid][w] += c * n
            ndocs[tid] += n
        for tid in self.topics:
            for w in self.keywords.words(tid):
                counts[tid][w] += KEYWORD_PSEUDO
        vocab = set().union(*counts.values())
        v = max(len(vocab), 1)
        total = sum(ndocs.values())
        for tid in self.topics:
            n = sum(counts[tid].values())
            denom = n + ALPHA * v
            self.log_lik[tid] = {w: math.log((c + ALPHA) / denom) for w, c in counts[tid].items()}
            self.log_unseen[tid] = math.log(ALPHA / denom)
            self.log_prior[tid] = PRIOR_WEIGHT * math.log(
                (ndocs[tid] + 1) / (total + len(self.topics))
            )
        self.vocab = vocab
        # every vocabulary word's log-likelihood per topic, unseen ones included, so that
        # scoring looks words up in C (the same products, summed in the same order)
        self._lookup = {
            tid: {w: self.log_lik[tid].get(w, self.log_unseen[tid]) for w in vocab}.__getitem__
            for tid in self.topics
        }
        self.trained = True
        return self

    def scores(self, title: str, text: str) -> dict[str, float]:
        all_feats = self.features.features(title, text)
        hits = self.features.hits(title, text)
        vocab = self.vocab
        words = [w for w in all_feats if w in vocab]
        counts = [all_feats[w] for w in words]
        n = sum(counts)
        # Per-word evidence (not summed): long articles must not drown the keyword prior.
        scale = NB_SCALE / math.sqrt(n) if n else 0.0
        out: dict[str, float] = {}
        for tid in self.topics:
            s = scale * sum(map(operator.mul, counts, map(self._lookup[tid], words)))
            out[tid] = self.log_prior[tid] + s + KEYWORD_BONUS * math.log1p(hits.get(tid, 0.0))
        return out

    def predict(self, title: str, text: str) -> str:
        if not (title or text).strip():
            return DEFAULT_TOPIC
        scores = self.scores(title, text)
        return max(self.topics, key=lambda t: (scores[t], -self.topics.index(t)))


def keyword_scores(
    keywords: KeywordIndex,
    order: Sequence[str],
    title: str,
    text: str,
    features: TextFeatures | None = None,
) -> dict[str, float]:
    """Scores from keywords alone, on the classifier's scale; ``other`` wins with no hit."""
    hits = features.hits(title, text) if features else keywords.hits(title, text)
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


def assign_topics(
    passages: Sequence[DatedPassage],
    taxonomy: dict[str, Topic],
    cache_dir: Path | None = None,
) -> dict[str, tuple[str, str]]:
    """passage id -> (topic id, source) with source "heading" | "classifier" | "keywords".

    With ``cache_dir``, each text's features and keyword hits of earlier builds are
    reused from there (:class:`TextFeatures`); the result is the same.
    """
    if not taxonomy:
        taxonomy = {DEFAULT_TOPIC: Topic(id=DEFAULT_TOPIC, name="Other")}
    matcher = HeadingMatcher(taxonomy)
    keywords = KeywordIndex(taxonomy)
    memo = None
    if cache_dir is not None:
        try:
            from chronicle.cache import MemoFile

            memo = MemoFile(Path(cache_dir), "topics-memo", features_version(taxonomy))
        except Exception:  # noqa: BLE001 - no memo: compute everything
            memo = None
    features = TextFeatures(keywords, memo)
    try:
        return _assign(passages, taxonomy, matcher, keywords, features)
    finally:
        if memo is not None:
            memo.save()


def _assign(
    passages: Sequence[DatedPassage],
    taxonomy: dict[str, Topic],
    matcher: HeadingMatcher,
    keywords: KeywordIndex,
    features: TextFeatures,
) -> dict[str, tuple[str, str]]:
    result: dict[str, tuple[str, str]] = {}
    training: list[tuple[str, str, str]] = []
    pending: list[DatedPassage] = []
    for dp in passages:
        tid = matcher.match(dp.passage.heading)
        if tid is not None:
            result[dp.passage.id] = (tid, "heading")
            title, text = passage_text(dp)
            training.append((title, text, tid))
        else:
            pending.append(dp)
    if not pending:
        return result
    order = list(taxonomy)
    memo: dict[tuple[str, str], dict[str, float]] = {}  # repeated passages score once
    if len(training) >= MIN_TRAINING:
        clf = TopicClassifier(taxonomy, keywords, features).fit(training)
        source = "classifier"

        def score(dp: DatedPassage) -> dict[str, float]:
            key = passage_text(dp)
            if key not in memo:
                memo[key] = clf.scores(*key)
            return memo[key]
    else:
        source = "keywords"

        def score(dp: DatedPassage) -> dict[str, float]:
            key = passage_text(dp)
            if key not in memo:
                memo[key] = keyword_scores(keywords, order, *key, features=features)
            return memo[key]

    runs: dict[str, list[DatedPassage]] = {}
    for dp in pending:
        if not "".join(passage_text(dp)).strip():
            result[dp.passage.id] = (DEFAULT_TOPIC, source)
        elif dp.passage.kind == "bullet":
            runs.setdefault(dp.passage.document_id, []).append(dp)
        else:
            scores = score(dp)
            result[dp.passage.id] = (max(order, key=lambda t: (scores[t], -order.index(t))), source)
    for run in runs.values():
        run.sort(key=lambda dp: dp.passage.line)
        path = smooth_sections([score(dp) for dp in run], order, SECTION_PENALTY)
        for dp, tid in zip(run, path, strict=True):
            result[dp.passage.id] = (tid, source)
    return result
