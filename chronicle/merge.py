"""Duplicate merging: passages reporting the same development become one event.

Duplicates come as a live blog reposting its own entry, a digest bullet and a live-blog
entry about the same strike, or two outlets on the same talks. Candidates are passages
at most two days apart; a pair merges on near-identical headlines or enough TF-IDF
similarity of content words (the lead counts most), helped by shared actors and
places. Some pairs never merge, however similar: two bullets of one digest (an editor
lists distinct developments) and mirror-image acts ("Kyiv summons Hungary's ambassador"
is not "Budapest summons Ukraine's"). Every merge is explained in the event's
``merge_notes`` and as an info diagnostic (C303).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

import numpy as np
from anyascii import anyascii
from rapidfuzz import fuzz, process

from chronicle import agreement, merge_semantic, store
from chronicle.casualties import sentences
from chronicle.events import (
    EventTexts,
    disambiguate,
    make_event,
    own_title,
    primary_key,
    weak_evidence,
)
from chronicle.model import Analysis, DatedPassage, Diagnostic, Event
from chronicle.text import content_tokens, stem

#: Passages further apart than this are never the same development.
MAX_DAYS = 2
#: Merge on headlines alone when they are this similar (0..1) and long enough.
TITLE_SIM = 0.88
TITLE_MIN_WORDS = 4
#: Merge when the combined similarity reaches this.
THRESHOLD = 0.40
#: Two groups join only when their passages are this similar on average.
MEAN_LINK = 0.3
#: Threshold for a headline-only live-blog entry and another entry of the same blog.
MEDIA_THRESHOLD = 0.3
#: A full-text near copy (a repost) merges on its own.
COPY_SIM = 0.85
LEAD_SENTENCES = 2
ENTITY_WEIGHT = 0.15
#: Entities named by more than this share of passages are too common to identify news.
COMMON_ENTITY = 0.05
DAY_PENALTY = 0.04
#: Bonus per matching casualty figure (killed, injured) stated by both passages.
TOLL_BONUS = 0.12
#: Bonus when both passages carry the same quotation (at least QUOTE_WORDS words).
QUOTE_BONUS = 0.2
QUOTE_WORDS = 5
QUOTE_SIM = 92
#: Penalty when one passage reacts ("rejects", "welcomes") and the other does not.
REACTION_PENALTY = 0.15
#: Penalty when both passages name places and share none.
PLACE_PENALTY = 0.3

_DIRECTED = re.compile(
    r"\b(?:summon\w*|expel\w*|recall\w*|clos\w*|shut\w*|sanction\w*|ban\w*|"
    r"clos(?:ure|ing) of|expulsion of)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<who>[A-Z][\w’'-]*?)(?:['’]s)?\s+(?:top\s+|senior\s+|chief\s+)?"
    r"(?P<what>ambassador|envoy|embassy|consulate|consul|diplomats?|charg[eé] d['’]affaires|"
    r"military attach[eé])\b"
)
_QUOTE = re.compile(r"[“\"]([^”\"“]{12,300})[”\"]")
_DEMONYMS = {
    "british": "uk", "britain": "uk", "uk": "uk", "english": "uk",
    "french": "france", "france": "france", "dutch": "netherlands", "netherlands": "netherlands",
    "polish": "poland", "poland": "poland", "swiss": "switzerland", "switzerland": "switzerland",
    "american": "us", "us": "us", "u.s": "us", "greek": "greece", "greece": "greece",
    "czech": "czechia", "czechia": "czechia", "danish": "denmark", "denmark": "denmark",
    "swedish": "sweden", "sweden": "sweden", "finnish": "finland", "finland": "finland",
    "turkish": "turkey", "turkey": "turkey", "irish": "ireland", "ireland": "ireland",
    "belarusian": "belarus", "belarus": "belarus", "chinese": "china", "china": "china",
}  # fmt: skip


@dataclass(frozen=True)
class PairScore:
    score: float
    title_sim: float
    lead_sim: float
    text_sim: float
    shared: tuple[str, ...]
    days: int
    reason: str


def _country_key(word: str) -> str:
    w = anyascii(word).lower().strip("'’")
    w = re.sub(r"['’]s$", "", w)
    return _DEMONYMS.get(w, w[:4])


def directed_object(dp: DatedPassage) -> str | None:
    """Country on the receiving end of a diplomatic act in the lead ("Hungary's ambassador")."""
    p = dp.passage
    first = sentences(p.text)[:1]
    return _directed_object(own_title(p), first[0] if first else "")


def _directed_object(title: str, first_sentence: str) -> str | None:
    for part in (title, first_sentence):
        m = _DIRECTED.search(part)
        if m:
            return _country_key(m.group("who"))
    return None


class _Vectors:
    """Sub-linear TF-IDF vectors of content stems, L2-normalised.

    Built from each class's term counts (terms in first-occurrence order, as ``Counter``
    keeps them, space-separated); ``weights`` counts how many passages each class stands
    for (exact copies are vectorised once but still count in the document frequencies).
    A vector is made when first asked for: most classes are only ever compared through
    the estimates of :class:`_Prefilter`, which need no dictionaries.
    """

    def __init__(
        self,
        items: Sequence[tuple[str, Sequence[int]]],
        weights: Sequence[int] | None = None,
    ) -> None:
        weights = weights if weights is not None else [1] * len(items)
        self.items = items
        flat = " ".join(terms for terms, _ in items).split()
        self.vocab: dict[str, int] = {t: i for i, t in enumerate(dict.fromkeys(flat))}
        self.ids = np.fromiter(map(self.vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
        self.lengths = np.fromiter((len(counts) for _, counts in items), np.int64, len(items))
        self.offsets = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum(self.lengths, out=self.offsets[1:])
        per_term = np.repeat(np.asarray(weights, dtype=np.float64), self.lengths)
        df = np.bincount(self.ids, weights=per_term, minlength=len(self.vocab))
        n = max(sum(weights), 1)  # integers below 2**53: the float counts are exact
        self.idf = {
            t: math.log((1 + n) / (1 + int(c))) + 1.0
            for t, c in zip(self.vocab, df.tolist(), strict=True)
        }
        self._idf_array = np.fromiter(self.idf.values(), np.float64, len(self.idf))
        self.vectors = _LazyVectors(self)

    def vector(self, i: int) -> dict[str, float]:
        terms, counts = self.items[i]
        idf = self.idf
        vec = {
            t: (1.0 + math.log(c)) * idf.get(t, 1.0)
            for t, c in zip(terms.split(), counts, strict=True)
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def weights(self) -> np.ndarray:
        """Every class's normalised weights, flat (an estimate: numpy's rounding)."""
        counts = np.fromiter(
            chain.from_iterable(cs for _, cs in self.items), np.float64, int(self.offsets[-1])
        )
        vals = (1.0 + np.log(np.maximum(counts, 1.0))) * self._idf_array[self.ids]
        owner = np.repeat(np.arange(len(self.items)), self.lengths)
        norms = np.sqrt(np.bincount(owner, weights=vals * vals, minlength=len(self.items)))
        norms[norms == 0] = 1.0
        return vals / norms[owner]


class _LazyVectors:
    """``vectors[i]`` of a :class:`_Vectors`, computed on first use."""

    def __init__(self, owner: _Vectors) -> None:
        self._owner = owner
        self._made: dict[int, dict[str, float]] = {}

    def __getitem__(self, i: int) -> dict[str, float]:
        found = self._made.get(i)
        if found is None:
            found = self._made[i] = self._owner.vector(i)
        return found

    def __len__(self) -> int:
        return len(self._owner.items)


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    common = a.keys() & b.keys()  # in C; most candidate pairs share few stems or none
    if not common:
        return 0.0
    if len(common) == len(a):
        return sum(v * b[t] for t, v in a.items())
    # the shared terms in ``a``'s order: the same float sum as over every term of ``a``
    return sum(v * b[t] for t, v in a.items() if t in common)


_NUMBER = re.compile(r"(?<![\w.,])\d(?:[\d,.]*\d)?")


_NUMBER_WORDS = {
    w: i + 2
    for i, w in enumerate(
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: (i + 2) * 10
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_NUMBER_WORDS |= {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
}
_WORD = re.compile(r"[a-z]+")
_ORDINAL = re.compile(r"(?<![\w.,])(\d+)(?:st|nd|rd|th)\b")


def figures(text: str) -> list[str]:
    """Figures of a text as tokens ("#16", "#1212"; "six" is "#6"); 0 and 1 are too common."""
    out = [f"#{m.group(0).replace(',', '')}" for m in _NUMBER.finditer(text)]
    out += [f"#{m.group(1)}" for m in _ORDINAL.finditer(text)]
    words = _NUMBER_WORDS
    out += [f"#{words[w]}" for w in _WORD.findall(text.lower()) if w in words]
    return [f for f in out if f not in ("#0", "#1")]


_YEAR = re.compile(r"#(?:19|20)\d\d")


def figures_conflict(a: set[str], b: set[str]) -> bool:
    """Each lead states figures the other lacks, and they share few: different news.

    Two outlets on one strike may differ on a toll (34 or 35 killed) but share most
    figures (117 injured); a routine report of another day shares none (90 vs 72 drones).
    """
    if not a or not b or a <= b or b <= a:  # = not (a - b and b - a), without new sets
        return False
    return len(a & b) < max(1, min(len(a), len(b)) / 2)


#: Verbs of a reaction to another development: the reaction is news of its own.
_REACTION = re.compile(
    r"\b(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|den(?:y|ies|ied|ying)|"
    r"condemn(?:s|ed|ing)?|welcom(?:e|es|ed|ing)|slam(?:s|med|ming)?|"
    r"critici[sz](?:e|es|ed|ing)|hit(?:s|ting)? back|respond(?:s|ed|ing)? to|"
    r"react(?:s|ed|ing)? to|rebuff(?:s|ed|ing)?|scoff(?:s|ed|ing)? at|"
    r"denounc(?:e|es|ed|ing)|prais(?:e|es|ed|ing)|snub(?:s|bed|bing)?)\b",
    re.I,
)
_PLACE_SUFFIX = re.compile(r"-(?:oblast|region|raion|district|province|krai|city|hromada)$")


@functools.lru_cache(maxsize=65536)
def _place_key(place_id: str) -> str:
    """Kyiv and the Kyiv region count as one place when deciding if places conflict."""
    return _PLACE_SUFFIX.sub("", place_id)


#: Words that news paraphrases swap freely, folded to one token so that "Russian drones
#: pounded Kyiv, two dead" and "a Russian attack on Kyiv killed two" look alike.
SYNONYMS = {
    "attack": "attack strike struck hit pound pounded shell shelling bomb bombing bombard "
    "bombardment barrage",
    "kill": "kill killed killing dead die died death deaths fatality fatalities",
    "injure": "injure injured injuring wound wounded wounding hurt injuries",
    "outage": "outage outages blackout blackouts",
    "exchange": "exchange exchanged swap swapped",
    "soldier": "soldier soldiers servicemen serviceman troops troop",
    "prisoner": "prisoner prisoners pow pows captive captives",
    "talks": "talks negotiation negotiations",
    "retake": "retake regain recapture reclaim",
    "drone": "drone drones uav uavs",
    "ceasefire": "ceasefire truce armistice",
    "aid": "aid support assistance",
    "pledge": "pledge pledged allocate allocated earmark earmarked",
    "electricity": "electricity power",
}
_CANON = {stem(w): canon for canon, words in SYNONYMS.items() for w in words.split()}


def merge_tokens(text: str) -> list[str]:
    """Content stems (synonyms folded) plus figures: the same toll marks the same news."""
    return [_CANON.get(t, t) for t in content_tokens(text)] + figures(text)


#: Layout of :func:`class_features` values (bump on change; code edits change the key anyway).
FEATURES_LAYOUT = 2
_N_FEATURES = 9


def _counts(toks: list[str]) -> tuple[str, bytes | tuple[int, ...]]:
    """Distinct tokens in first-occurrence order, space-separated (no token has a space),
    and their counts: compact to keep, quick to load."""
    tf = Counter(toks)
    counts = tuple(tf.values())
    return " ".join(tf), bytes(counts) if counts and max(counts) < 256 else counts


def class_features(title: str, text: str) -> tuple:
    """Everything the merge compares that depends only on a class's headline and text.

    A pure function, so a build keeps it per content digest in the cache folder:
    (lead term counts, full-text term counts, headline tokens, headline word count,
    directed object, lead figures without years, reacts?, quotations, no text?).
    """
    first = sentences(text)[:LEAD_SENTENCES]
    first0 = first[0] if first else ""
    lead = f"{title} {' '.join(first)}".strip()
    full = f"{title} {text}".strip()
    lead_figures = figures(lead)
    lead_tokens = [_CANON.get(t, t) for t in content_tokens(lead)] + lead_figures
    head = " ".join(content_tokens(title))
    return (
        _counts(lead_tokens),
        _counts(merge_tokens(full)),
        head,
        len(head.split()),
        _directed_object(title, first0),
        frozenset(f for f in lead_figures if not _YEAR.fullmatch(f)),
        bool(_REACTION.search(f"{title} {first0}")),
        tuple(q.strip(" ,.") for q in _QUOTE.findall(full) if len(q.split()) >= QUOTE_WORDS),
        not text.strip(),
    )


def merge_memo(cache_dir: Path | None) -> store.Memo:
    """Class features and event texts of earlier builds, by content digest.

    Versioned by the code of every module they come from plus the versions of the
    packages they call, so any change there is a clean miss; holds only this build's
    entries. Without ``cache_dir``, in memory only."""
    from chronicle import casualties, events, text, titles, topics

    mods = (sys.modules[__name__], casualties, events, text, titles, topics)
    files = [Path(m.__file__) for m in mods]
    extra = [f"layout={FEATURES_LAYOUT}"]
    extra += store.package_versions("anyascii", "python-slugify", "rapidfuzz")
    return store.Memo(cache_dir, "merge-memo", store.code_key(*files, extra=extra))


def _are_features(value: object) -> bool:
    return type(value) is tuple and len(value) == _N_FEATURES


def _features_of(memo: store.Memo, title: str, text: str) -> tuple:
    key = memo.key("features", title, text)
    return memo.recall(key, lambda: class_features(title, text), _are_features)


class DuplicateFinder:
    """Scores candidate pairs of passages and groups them into events.

    Exact copies (same kind, headline, text, date and analysis) form one *class*: every
    feature is computed, and every pair scored, once per class. Copies that may merge
    (different documents, or entries of one blog) are joined up front into one *node*,
    as their own pair would be first anyway; clustering then runs over nodes, weighting
    each by the passages it stands for, so a paste repeated hundreds of times costs
    about what one copy costs.
    """

    def __init__(
        self,
        passages: Sequence[DatedPassage],
        analyses: Mapping[str, Analysis],
        memo: store.Memo | None = None,
        vectors: merge_semantic.VectorMemo | None = None,
    ) -> None:
        self.passages = list(passages)
        self.vectors = vectors
        self.analyses = analyses
        memo = memo if memo is not None else merge_memo(None)
        keys: dict[tuple, int] = {}
        self.of: list[int] = []  # passage index -> class
        self.reps: list[int] = []  # class -> first passage index
        self.counts: list[int] = []  # class -> number of passages
        for i, dp in enumerate(self.passages):
            p = dp.passage
            a = analyses.get(p.id)
            info = (frozenset(a.actors), frozenset(a.places), a.killed, a.injured) if a else None
            key = (p.kind, own_title(p), p.text, dp.date.value, info)
            c = keys.get(key)
            if c is None:
                c = keys[key] = len(self.reps)
                self.reps.append(i)
                self.counts.append(0)
            self.counts[c] += 1
            self.of.append(c)
        reps = [self.passages[i] for i in self.reps]
        self.dates = [p.date.value for p in reps]
        self.kinds = [p.passage.kind for p in reps]
        feats = [_features_of(memo, own_title(p.passage), p.passage.text) for p in reps]
        (
            lead_items,
            full_items,
            self.titles,
            self.title_words,
            self.objects,
            self.figures,
            self.reaction,
            self.quotes,
            self.empty,
        ) = (
            (list(x) for x in zip(*feats, strict=True))
            if feats
            else ([] for _ in range(_N_FEATURES))
        )
        self.fulltext = [
            f"{own_title(p.passage)} {p.passage.text}".strip().lower() for p in reps
        ]  # quotations are looked for in it
        self.lead = _Vectors(lead_items, self.counts)
        self.full = _Vectors(full_items, self.counts)
        self.entities: list[set[str]] = []
        self.places: list[set[str]] = []
        self.tolls: list[tuple[int | None, int | None]] = []
        for p in reps:
            a = analyses.get(p.passage.id)
            self.entities.append(set(a.actors) | set(a.places) if a else set())
            self.places.append({_place_key(x) for x in a.places} if a else set())
            self.tolls.append((a.killed, a.injured) if a else (None, None))
        # entities named by many passages (Ukraine, Russia) say little about identity
        df: Counter[str] = Counter()
        for ents, n in zip(self.entities, self.counts, strict=True):
            for e in ents:
                df[e] += n
        common = {e for e, n in df.items() if n > max(3, COMMON_ENTITY * len(self.passages))}
        self.specific = [ents - common for ents in self.entities]
        common_places = {_place_key(e) for e in common}
        self.own_places = [places - common_places for places in self.places]
        self._scores: dict[tuple[int, int], PairScore] = {}
        self._blocked: dict[tuple[int, int], bool] = {}
        self._nodes()

    # --- classes of copies ---------------------------------------------------------------

    def cannot_link(self, a: int, b: int) -> bool:
        """Classes ``a`` and ``b`` never merge, whatever their documents."""
        key = (a, b) if a <= b else (b, a)
        found = self._blocked.get(key)
        if found is None:
            found = self._blocked[key] = self._cannot_link(a, b)
        return found

    def _cannot_link(self, i: int, j: int) -> bool:
        if abs((self.dates[i] - self.dates[j]).days) > MAX_DAYS:
            return True
        if figures_conflict(self.figures[i], self.figures[j]):
            return True  # reports of one development agree on its figures (90 vs 72 drones)
        ki, kj = self.tolls[i][0], self.tolls[j][0]
        if ki and kj and max(ki, kj) - min(ki, kj) > 1 and max(ki, kj) > 1.5 * min(ki, kj):
            return True  # eight dead is not two dead (34 or 35 may be one strike)
        pi, pj = self.own_places[i], self.own_places[j]
        if pi and pj and not pi & pj:
            return True  # the same kind of act elsewhere (common places, the countries, aside)
        oi, oj = self.objects[i], self.objects[j]
        return oi is not None and oj is not None and oi != oj

    def pair(self, i: int, j: int) -> PairScore:
        """Score of classes ``i`` and ``j`` (memoised: copies share it)."""
        found = self._scores.get((i, j))
        if found is None:
            found = self._scores[(i, j)] = self.score(i, j)
        return found

    def score(self, i: int, j: int) -> PairScore:
        days = abs((self.dates[i] - self.dates[j]).days)
        ti, tj = self.titles[i], self.titles[j]
        title_sim = 0.0
        if min(self.title_words[i], self.title_words[j]) >= TITLE_MIN_WORDS:
            title_sim = fuzz.token_set_ratio(ti, tj) / 100.0
            title_sim = min(
                title_sim, (fuzz.token_sort_ratio(ti, tj) / 100.0 + title_sim) / 2 + 0.1
            )
        lead_sim = _cosine(self.lead.vectors[i], self.lead.vectors[j])
        text_sim = _cosine(self.full.vectors[i], self.full.vectors[j])
        ei, ej = self.entities[i], self.entities[j]
        shared = tuple(sorted(ei & ej))
        si, sj = self.specific[i], self.specific[j]
        jacc = len(si & sj) / len(si | sj) if si and sj else 0.0
        combined = 0.6 * lead_sim + 0.4 * text_sim + ENTITY_WEIGHT * jacc - DAY_PENALTY * days
        same_toll = [x == y for x, y in zip(self.tolls[i], self.tolls[j], strict=True) if x and y]
        if same_toll and all(same_toll) and max(self.tolls[i][0] or 0, self.tolls[i][1] or 0) > 1:
            combined += TOLL_BONUS * len(same_toll)  # same killed/injured figures
        hopeless = (
            combined + QUOTE_BONUS < MEDIA_THRESHOLD
            and title_sim < TITLE_SIM
            and text_sim < COPY_SIM
        )
        quoted = None if hopeless else self._shared_quote(i, j)  # the costly check, when it counts
        if quoted:
            combined += QUOTE_BONUS
        penalty = 0.0
        if self.places[i] and self.places[j] and not self.places[i] & self.places[j]:
            penalty += PLACE_PENALTY
        if self.reaction[i] != self.reaction[j]:
            penalty += REACTION_PENALTY  # "Kremlin rejects the report" is not the report
        if title_sim >= TITLE_SIM and not penalty:
            score, reason = max(combined, title_sim), f"same headline ({title_sim:.2f})"
        elif text_sim >= COPY_SIM and not penalty:
            score, reason = max(combined, text_sim), f"same text ({text_sim:.2f})"
        else:
            score = combined
            reason = f"similar text (lead {lead_sim:.2f}, full {text_sim:.2f})"
        score -= penalty
        if quoted:
            reason += f"; same quote “{quoted}”"
        if shared:
            reason += f"; shared: {', '.join(shared[:5])}"
        return PairScore(score, title_sim, lead_sim, text_sim, shared, days, reason)

    def _shared_quote(self, i: int, j: int) -> str | None:
        """A quotation of one passage found (nearly verbatim) in the other: same statement."""
        for a, b in ((i, j), (j, i)):
            other = self.fulltext[b]
            for q in self.quotes[a]:
                if len(q) <= len(other) and fuzz.partial_ratio(q.lower(), other) >= QUOTE_SIM:
                    return q if len(q) <= 60 else q[:57] + "…"
        return None

    # --- nodes: copies joined up front ---------------------------------------------------

    def _nodes(self) -> None:
        """Join the copies of each class that may merge into nodes.

        Copies in different documents (or entries of one blog) merge as soon as their
        own pair is processed; copies inside one digest never do, so the k-th copy in
        each document goes to node k.
        """
        by_class: dict[int, list[int]] = defaultdict(list)
        for i, c in enumerate(self.of):
            by_class[c].append(i)
        self.members: list[list[int]] = []  # node -> passage indexes (first is the root)
        self.node_class: list[int] = []
        self.copy_links: dict[int, tuple[int, PairScore]] = {}
        self.class_nodes: list[list[int]] = [[] for _ in self.reps]
        for c in range(len(self.reps)):
            idx = by_class[c]
            s = self.pair(c, c) if len(idx) > 1 else None
            joinable = s is not None and s.score >= max(THRESHOLD, MEAN_LINK)
            if not joinable:
                groups = [[i] for i in idx]
            elif self.kinds[c] == "entry":
                groups = [idx]
            else:
                seen: Counter[str] = Counter()
                slots: list[list[int]] = []
                for i in idx:
                    doc = self.passages[i].passage.document_id
                    k = seen[doc]
                    seen[doc] += 1
                    if k == len(slots):
                        slots.append([])
                    slots[k].append(i)
                groups = slots
            for g in groups:
                self.class_nodes[c].append(len(self.members))
                self.members.append(g)
                self.node_class.append(c)
                if len(g) > 1 and s is not None:
                    self.copy_links.setdefault(g[1], (g[0], s))
                    self.copy_links.setdefault(g[0], (g[1], s))
                    for i in g[2:]:
                        self.copy_links.setdefault(i, (g[0], s))
        self.docs = [
            frozenset(self.passages[i].passage.document_id for i in m) for m in self.members
        ]

    def _summary(self, x: int) -> agreement.Summary:
        c = self.node_class[x]
        dp = self.passages[self.reps[c]]
        a = self.analyses.get(dp.passage.id)
        places = [_place_key(p) for p in (a.places if a else ()) if p in self.specific[c]]
        if self.empty[c]:
            places = []  # a headline-only entry names a part of the story it illustrates
        return agreement.summary(
            len(self.members[x]),
            dp.passage.text or own_title(dp.passage),
            dp.date.value,
            weak_evidence(dp),
            dp.date.precision == "day",
            places,
        )

    def _same_document(self, x: int, y: int) -> bool:
        """Nodes sharing a document: a digest or report lists distinct developments."""
        cx, cy = self.node_class[x], self.node_class[y]
        return not (self.kinds[cx] == self.kinds[cy] == "entry") and bool(
            self.docs[x] & self.docs[y]
        )

    def node_cannot_link(self, x: int, y: int) -> bool:
        classes = self.cannot_link(self.node_class[x], self.node_class[y])
        return classes or self._same_document(x, y)

    def threshold(self, x: int, y: int) -> float:
        """A headline-only entry ("Watch: …", "In pictures: …") of a live blog illustrates
        a story the blog tells elsewhere, so it joins the closest one on weaker evidence."""
        cx, cy = self.node_class[x], self.node_class[y]
        if self.kinds[cx] == self.kinds[cy] == "entry" and self.docs[x] & self.docs[y]:
            if self.empty[cx] or self.empty[cy]:
                return MEDIA_THRESHOLD
        return THRESHOLD

    def candidates(self) -> list[tuple[float, int, int, int, int, PairScore]]:
        """Node pairs at most MAX_DAYS apart that may link and reach their threshold,
        as (score, first passage of x, first passage of y, x, y, score details).

        Pairs of classes are those of a walk over the days (a class with every class of
        its day and the next MAX_DAYS days, each same-day pair once); :class:`_Prefilter`
        drops, with a safety margin, those whose score cannot reach the lowest threshold,
        and the rest are checked and scored exactly as one by one.
        """
        groups: list[dict[frozenset[str], list[int]]] = []
        for nodes in self.class_nodes:
            g: dict[frozenset[str], list[int]] = defaultdict(list)
            for x in nodes:
                g[self.docs[x]].append(x)
            groups.append(g)
        out = []
        lowest = min(THRESHOLD, MEDIA_THRESHOLD)
        merged: set[tuple[int, int]] = set()
        for ca, cb in _Prefilter(self).pairs(lowest):
            if self._cannot_link(ca, cb):  # each pair of classes is seen once here
                continue
            s = self.score(ca, cb)
            if s.score < lowest:
                continue
            if s.score >= THRESHOLD:
                merged.add((ca, cb) if ca < cb else (cb, ca))
            self._emit(ca, cb, s, groups, out)
        if self.vectors is not None:  # the same development in other words
            for ca, cb, s in merge_semantic.rescue(
                self, merged, self.semantic_text, self.vectors, THRESHOLD
            ):
                self._emit(ca, cb, s, groups, out)
        return out

    def semantic_text(self, c: int) -> str:
        """What a class's embedding is computed from: its headline and text."""
        p = self.passages[self.reps[c]].passage
        return f"{own_title(p)}. {p.text or ''}".strip(". ")

    def _emit(self, ca: int, cb: int, s: PairScore, groups: list, out: list) -> None:
        """The node pairs of classes ``ca``, ``cb`` that reach their threshold."""
        self._scores[(ca, cb)] = s
        if s.reason.startswith("same meaning"):
            self._scores[(cb, ca)] = s  # the cluster's mean link must see it either way
        same_day = self.dates[cb] == self.dates[ca]
        entries = self.kinds[ca] == self.kinds[cb] == "entry"
        for da, xs in groups[ca].items():
            for db, ys in groups[cb].items():
                if not entries and da & db:
                    continue
                for x in xs:
                    for y in ys:
                        if ca == cb and y <= x:
                            continue
                        if s.score < self.threshold(x, y):
                            continue
                        fx, fy = self.members[x][0], self.members[y][0]
                        if same_day and fy < fx:
                            fx, fy, x, y = fy, fx, y, x
                        out.append((s.score, fx, fy, x, y, s))

    def class_pairs(self) -> list[tuple[int, int]]:
        """Every pair of classes the day walk visits, in its order (reference for tests)."""
        by_day: dict[dt.date, list[int]] = defaultdict(list)
        for c, d in enumerate(self.dates):
            by_day[d].append(c)
        out = []
        for d in sorted(by_day):
            window = [
                c for k in range(0, MAX_DAYS + 1) for c in by_day.get(d + dt.timedelta(days=k), ())
            ]
            for ca in by_day[d]:
                for cb in window:
                    if self.dates[cb] == d and cb < ca:
                        continue  # each same-day pair of classes once
                    out.append((ca, cb))
        return out

    def groups(self) -> tuple[list[list[int]], dict[int, tuple[int, PairScore]]]:
        """Clusters of passage indexes, and for each merged index the link that joined it."""
        scored = self.candidates()
        scored.sort(key=lambda x: (-x[0], x[1], x[2]))
        n = len(self.members)
        weight = [len(m) for m in self.members]
        parent = list(range(n))
        members: dict[int, list[int]] = {x: [x] for x in range(n)}
        size = list(weight)

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        links: dict[int, tuple[int, PairScore]] = dict(self.copy_links)
        summ = {x: self._summary(x) for x in range(n)}  # what a group must agree on

        def pair_score(a: int, b: int) -> float:
            ca, cb = self.node_class[a], self.node_class[b]
            if self.members[b][0] < self.members[a][0]:
                ca, cb = cb, ca
            return self.pair(ca, cb).score

        for _, fx, fy, x, y, s in scored:
            rx, ry = find(x), find(y)
            if rx == ry:
                continue
            if any(self.node_cannot_link(a, b) for a in members[rx] for b in members[ry]):
                continue
            total = sum(
                weight[a] * weight[b] * pair_score(a, b) for a in members[rx] for b in members[ry]
            )
            if total / (size[rx] * size[ry]) < MEAN_LINK:
                continue  # no chaining of unrelated stories through one shared neighbour
            if agreement.veto(summ[rx], summ[ry]):
                continue  # too many sources, or not one day and place
            summ[rx] = agreement.combine(summ[rx], summ.pop(ry))
            parent[ry] = rx
            members[rx].extend(members.pop(ry))
            size[rx] += size[ry]
            links.setdefault(fy, (fx, s))
            links.setdefault(fx, (fy, s))
        clusters = [
            sorted(i for x in nodes for i in self.members[x])
            for _, nodes in sorted(members.items(), key=lambda kv: self.members[kv[0]][0])
        ]
        return clusters, links


class _Flat:
    """Per-class id sequences (with values) laid out flat in the prefilter's date order."""

    def __init__(self, ids: np.ndarray, vals: np.ndarray, offsets: np.ndarray, order: np.ndarray):
        lengths = offsets[1:] - offsets[:-1]
        lo = lengths[order]
        self.offsets = np.zeros(len(order) + 1, dtype=np.int64)
        np.cumsum(lo, out=self.offsets[1:])
        idx = np.repeat(offsets[:-1][order] - self.offsets[:-1], lo) + np.arange(self.offsets[-1])
        self.ids = ids[idx]
        self.vals = vals[idx]
        self.owner = np.repeat(np.arange(len(order)), lo)
        self.size = int(ids.max()) + 1 if len(ids) else 0

    @classmethod
    def of_sets(cls, sets: Sequence[set[str] | frozenset[str]], order: np.ndarray) -> _Flat:
        index: dict[str, int] = {}
        flat = [index.setdefault(x, len(index)) for xs in sets for x in sorted(xs)]
        offsets = np.zeros(len(sets) + 1, dtype=np.int64)
        np.cumsum([len(xs) for xs in sets], out=offsets[1:])
        ids = np.asarray(flat, dtype=np.int64)
        return cls(ids, np.ones(len(flat)), offsets, order)

    def products(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray | None:
        """Dot products of rows [r0, r1) with rows [c0, c1), except that a row with itself
        may be under-counted (None when too big to do densely).

        Only ids found in two or more rows of the span count: any other adds nothing to
        a product of two different rows, and most words of a text are such.
        """
        offsets, ids = self.offsets, self.ids
        u0, u1 = int(offsets[min(r0, c0)]), int(offsets[max(r1, c1)])
        seen = np.bincount(ids[u0:u1], minlength=self.size) >= 2
        local = np.cumsum(seen) - 1
        width = int(local[-1]) + 1 if len(local) else 0
        if (r1 - r0 + c1 - c0) * width > _DENSE_LIMIT:
            return None
        out = []
        for lo, hi in ((r0, r1), (c0, c1)):
            a, b = int(offsets[lo]), int(offsets[hi])
            part = ids[a:b]
            keep = seen[part]
            dense = np.zeros((hi - lo, width))
            dense[self.owner[a:b][keep] - lo, local[part[keep]]] = self.vals[a:b][keep]
            out.append(dense)
        return out[0] @ out[1].T


#: Largest dense block (cells) the prefilter builds; larger blocks are scored one by one.
_DENSE_LIMIT = 4_000_000
#: Prefilter block sizes (classes in date order).
_ROW_BLOCK = 64
_COL_BLOCK = 512
#: Slack on every estimate: numpy sums in another order than Python (errors ~1e-15).
_MARGIN = 1e-6


def _one_blas_thread() -> AbstractContextManager:
    """BLAS limited to one thread (threadpoolctl), or nothing when that is unavailable."""
    try:
        from threadpoolctl import threadpool_limits

        return threadpool_limits(limits=1, user_api="blas")
    except Exception:  # noqa: BLE001 - only slower without it
        return nullcontext()


class _Prefilter:
    """Vectorised upper bounds of pair scores, to skip pairs that cannot reach a threshold.

    The bound over-estimates :meth:`DuplicateFinder.score` (quotes assumed shared when
    either passage quotes, name penalties ignored, headline similarity by its token-set
    part) and is compared with a margin far above floating-point noise, so a pair it
    drops can never have been a candidate; every pair it keeps is checked and scored
    by the exact code. Cosines come from dense blocks of TF-IDF weights (numpy).
    """

    def __init__(self, f: DuplicateFinder) -> None:
        self.f = f
        n = len(f.dates)
        days = np.fromiter((d.toordinal() for d in f.dates), np.int64, n)
        self.order = np.lexsort((np.arange(n), days))
        self.days = days[self.order]
        self.lead = self._vectors(f.lead)
        self.full = self._vectors(f.full)
        self.specific = _Flat.of_sets(f.specific, self.order)
        self.places = _Flat.of_sets(f.places, self.order)
        o = self.order
        self.n_specific = np.fromiter((len(x) for x in f.specific), np.int64, n)[o]
        self.n_places = np.fromiter((len(x) for x in f.places), np.int64, n)[o]
        self.reaction = np.fromiter(f.reaction, np.bool_, n)[o]
        self.quoted = np.fromiter((bool(q) for q in f.quotes), np.bool_, n)[o]
        self.killed = np.fromiter((t[0] or 0 for t in f.tolls), np.int64, n)[o]
        self.injured = np.fromiter((t[1] or 0 for t in f.tolls), np.int64, n)[o]
        self.titled = np.fromiter((w >= TITLE_MIN_WORDS for w in f.title_words), np.bool_, n)[o]
        self.split = np.fromiter((len(x) > 1 for x in f.class_nodes), np.bool_, n)

    def _vectors(self, v: _Vectors) -> _Flat:
        return _Flat(v.ids, v.weights(), v.offsets, self.order)

    def pairs(self, lowest: float) -> list[tuple[int, int]]:
        """Pairs of classes (as the day walk orders them) whose score may reach ``lowest``."""
        out: list[tuple[int, int]] = []
        n = len(self.order)
        with _one_blas_thread():  # small products: threads only contend (100x slower)
            r0 = 0
            while r0 < n:
                r1 = min(r0 + _ROW_BLOCK, n)
                first = int(np.searchsorted(self.days, self.days[r0], "left"))
                last = int(np.searchsorted(self.days, self.days[r1 - 1] + MAX_DAYS, "right"))
                for c0 in range(first, last, _COL_BLOCK):
                    out.extend(self._block(r0, r1, c0, min(c0 + _COL_BLOCK, last), lowest))
                r0 = r1
        return out

    def _block(self, r0: int, r1: int, c0: int, c1: int, lowest: float) -> list[tuple[int, int]]:
        order = self.order
        rows, cols = order[r0:r1], order[c0:c1]
        dd = self.days[None, c0:c1] - self.days[r0:r1, None]
        valid = (dd >= 0) & (dd <= MAX_DAYS) & ((dd > 0) | (cols[None, :] > rows[:, None]))
        keep = valid & self._may_reach(r0, r1, c0, c1, dd, lowest)
        # a class with itself matters only when its copies form several nodes
        keep |= (cols[None, :] == rows[:, None]) & self.split[rows][:, None]
        ri, ci = np.nonzero(keep)
        return list(zip(rows[ri].tolist(), cols[ci].tolist(), strict=True))

    def _may_reach(
        self, r0: int, r1: int, c0: int, c1: int, dd: np.ndarray, lowest: float
    ) -> np.ndarray | bool:
        lead = self.lead.products(r0, r1, c0, c1)
        full = self.full.products(r0, r1, c0, c1)
        shared = self.specific.products(r0, r1, c0, c1)
        places = self.places.products(r0, r1, c0, c1)
        if lead is None or full is None or shared is None or places is None:
            return True  # too big to estimate: score every pair exactly
        na, nb = self.n_specific[r0:r1, None], self.n_specific[None, c0:c1]
        union = na + nb - shared
        jacc = np.where((na > 0) & (nb > 0), shared / np.maximum(union, 1), 0.0)
        combined = 0.6 * lead + 0.4 * full + ENTITY_WEIGHT * jacc - DAY_PENALTY * dd
        combined += TOLL_BONUS * self._tolls(r0, r1, c0, c1)
        combined += QUOTE_BONUS * (self.quoted[r0:r1, None] | self.quoted[None, c0:c1])
        pa, pb = self.n_places[r0:r1, None], self.n_places[None, c0:c1]
        penalty = PLACE_PENALTY * ((pa > 0) & (pb > 0) & (places < 0.5))
        penalty = penalty + REACTION_PENALTY * (
            self.reaction[r0:r1, None] != self.reaction[None, c0:c1]
        )
        best = np.maximum(combined, np.where(full >= COPY_SIM - _MARGIN, full, 0.0))
        best = np.maximum(best, self._titles(r0, r1, c0, c1))
        bound = np.where(penalty > 0, combined - penalty, best)
        return bound >= lowest - _MARGIN

    def _tolls(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Figures both state and agree on (0–2), when the first passage's toll exceeds 1."""
        ka, kb = self.killed[r0:r1, None], self.killed[None, c0:c1]
        ia, ib = self.injured[r0:r1, None], self.injured[None, c0:c1]
        both_k, both_i = (ka > 0) & (kb > 0), (ia > 0) & (ib > 0)
        agree = (~both_k | (ka == kb)) & (~both_i | (ia == ib))
        big = np.maximum(ka, ia) > 1
        n = both_k.astype(np.int64) + both_i
        return np.where(agree & big, n, 0)

    def _titles(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Headline similarity bound where it can decide alone (≥ TITLE_SIM), else 0."""
        out = np.zeros((r1 - r0, c1 - c0))
        ra = np.nonzero(self.titled[r0:r1])[0]
        ca = np.nonzero(self.titled[c0:c1])[0]
        if len(ra) and len(ca):
            titles = self.f.titles
            sims = process.cdist(
                [titles[c] for c in self.order[r0 + ra]],
                [titles[c] for c in self.order[c0 + ca]],
                scorer=fuzz.token_set_ratio,
                dtype=np.float64,
                score_cutoff=TITLE_SIM * 100 - 1,
            )
            out[np.ix_(ra, ca)] = sims / 100.0
        return out


def _where(dp: DatedPassage) -> str:
    return f"{dp.passage.path}:{dp.passage.line}"


def build_events(
    passages: Sequence[DatedPassage],
    analyses: Mapping[str, Analysis],
    cache_dir: Path | None = None,
    semantic: bool = True,
) -> tuple[tuple[Event, ...], list[Diagnostic]]:
    """Group duplicate passages into events (primary source first), sorted by date then id.

    With ``cache_dir``, the pure per-passage work (class features, event titles and
    summaries, embeddings) of earlier builds is reused from there; the result is the same.
    ``semantic`` adds sentence embeddings to the lexical score where the model is installed
    (:mod:`chronicle.merge_semantic`).
    """
    usable = [
        p for p in passages if (p.passage.text or "").strip() or (p.passage.title or "").strip()
    ]
    usable.sort(key=lambda p: (p.passage.path, p.passage.line, p.passage.id))
    memo = merge_memo(cache_dir)
    embed = merge_semantic.default_embedder() if semantic else None
    vectors = merge_semantic.VectorMemo(cache_dir, embed) if embed is not None else None
    finder = DuplicateFinder(usable, analyses, memo, vectors)
    clusters, links = finder.groups()
    if vectors is not None:
        vectors.save()
    texts = EventTexts(memo, cache_dir)
    texts.prepare([min((usable[i] for i in c), key=primary_key) for c in clusters])
    index = {id(p): i for i, p in enumerate(usable)}
    events: list[Event] = []
    diagnostics: list[Diagnostic] = []
    for cluster in clusters:
        sources = [usable[i] for i in cluster]
        event = make_event(sources, analyses, texts=texts)
        notes: list[str] = []
        primary = event.sources[0]
        for src in event.sources[1:]:
            idx = index[id(src)]
            other, s = links.get(idx, (None, None))
            if s is None or other is None:
                continue
            days = f"{s.days} day{'s' if s.days != 1 else ''} apart" if s.days else "same day"
            note = (
                f"{_where(src)} merged into {_where(primary)} (linked to {_where(usable[other])}"
                f": {s.reason}; {days})"
            )
            notes.append(note)
            diagnostics.append(
                Diagnostic(
                    "C303", note, path=src.passage.path, line=src.passage.line, severity="info"
                )
            )
        if notes:
            event = replace(event, merge_notes=tuple(notes))
        events.append(event)
    events = disambiguate(events)
    events.sort(key=lambda e: (e.date.value, e.id))
    memo.save()
    return tuple(events), diagnostics
