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
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from anyascii import anyascii
from rapidfuzz import fuzz

from chronicle.casualties import sentences
from chronicle.events import disambiguate, make_event, own_title
from chronicle.model import Analysis, DatedPassage, Diagnostic, Event
from chronicle.topics import content_tokens, stem

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
#: Penalty when each headline (or each first sentence) names someone or somewhere the
#: other does not.
NAME_PENALTY = 0.0
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

    ``weights`` counts how many passages each document stands for (exact copies are
    vectorised once but still count in the document frequencies).
    """

    def __init__(self, docs: Sequence[list[str]], weights: Sequence[int] | None = None) -> None:
        df: Counter[str] = Counter()
        weights = weights if weights is not None else [1] * len(docs)
        for toks, w in zip(docs, weights, strict=True):
            for t in set(toks):
                df[t] += w
        n = max(sum(weights), 1)
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        self.vectors = [self._vector(toks) for toks in docs]

    def _vector(self, toks: list[str]) -> dict[str, float]:
        tf = Counter(toks)
        vec = {t: (1.0 + math.log(c)) * self.idf.get(t, 1.0) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}


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


_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'-]*")
_NOT_NAMES = frozenset(
    "a an the in on at of for to and or but as by with from after before amid over says said "
    "say will would could may watch live update breaking latest monday tuesday wednesday "
    "thursday friday saturday sunday january february march april june july august "
    "september october november december".split()
)


def proper_names(title: str) -> set[str]:
    """Capitalised words of a headline after its first word, possessives folded."""
    words = _NAME.findall(title)[1:] if title[:1].isupper() else _NAME.findall(title)
    out = set()
    for w in words:
        for part in re.split(r"-", re.sub(r"['’]s$", "", w)):
            if part and part[0].isupper() and part.lower() not in _NOT_NAMES:
                out.add(anyascii(part).lower())
    return out


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


class DuplicateFinder:
    """Scores candidate pairs of passages and groups them into events.

    Exact copies (same kind, headline, text, date and analysis) form one *class*: every
    feature is computed, and every pair scored, once per class. Copies that may merge
    (different documents, or entries of one blog) are joined up front into one *node*,
    as their own pair would be first anyway; clustering then runs over nodes, weighting
    each by the passages it stands for, so a paste repeated hundreds of times costs
    about what one copy costs.
    """

    def __init__(self, passages: Sequence[DatedPassage], analyses: Mapping[str, Analysis]) -> None:
        self.passages = list(passages)
        self.analyses = analyses
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
        self.empty = [not p.passage.text.strip() for p in reps]
        leads, fulls, firsts, titles = [], [], [], []
        for p in reps:
            title = own_title(p.passage)
            first = sentences(p.passage.text)[:LEAD_SENTENCES]
            titles.append(title)
            firsts.append(first[0] if first else "")
            leads.append(f"{title} {' '.join(first)}".strip())
            fulls.append(f"{title} {p.passage.text}".strip())
        lead_figures = [figures(x) for x in leads]
        self.lead = _Vectors(
            [
                [_CANON.get(t, t) for t in content_tokens(x)] + f
                for x, f in zip(leads, lead_figures, strict=True)
            ],
            self.counts,
        )
        self.full = _Vectors([merge_tokens(x) for x in fulls], self.counts)
        self.titles = [" ".join(content_tokens(t)) for t in titles]
        self.title_words = [len(t.split()) for t in self.titles]
        self.objects = [_directed_object(t, f) for t, f in zip(titles, firsts, strict=True)]
        self.fulltext = [x.lower() for x in fulls]
        self.figures = [{f for f in fs if not _YEAR.fullmatch(f)} for fs in lead_figures]
        self.title_names = [proper_names(t) for t in titles]
        self.reaction = [
            bool(_REACTION.search(f"{t} {f}")) for t, f in zip(titles, firsts, strict=True)
        ]
        self.lead_names = [proper_names(f) for f in firsts]
        self.quotes = [
            [q.strip(" ,.") for q in _QUOTE.findall(x) if len(q.split()) >= QUOTE_WORDS]
            for x in fulls
        ]
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
        names_i, names_j = self.title_names[i], self.title_names[j]
        names_differ = any(
            a - b and b - a
            for a, b in ((names_i, names_j), (self.lead_names[i], self.lead_names[j]))
        )
        if names_differ:
            penalty += NAME_PENALTY  # "kills three in Kherson" is not "… in Sumy"
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
        as (score, first passage of x, first passage of y, x, y, score details)."""
        by_day: dict[dt.date, list[int]] = defaultdict(list)
        for c, d in enumerate(self.dates):
            by_day[d].append(c)
        groups: list[dict[frozenset[str], list[int]]] = []
        for nodes in self.class_nodes:
            g: dict[frozenset[str], list[int]] = defaultdict(list)
            for x in nodes:
                g[self.docs[x]].append(x)
            groups.append(g)
        out = []
        lowest = min(THRESHOLD, MEDIA_THRESHOLD)
        for d in sorted(by_day):
            window = [
                c for k in range(0, MAX_DAYS + 1) for c in by_day.get(d + dt.timedelta(days=k), ())
            ]
            for ca in by_day[d]:
                for cb in window:
                    if self.dates[cb] == d and cb < ca:
                        continue  # each same-day pair of classes once
                    if self._cannot_link(ca, cb):  # each pair of classes is seen once here
                        continue
                    s = self.score(ca, cb)
                    if s.score < lowest:
                        continue
                    self._scores[(ca, cb)] = s
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
                                    if self.dates[cb] == d and fy < fx:
                                        fx, fy, x, y = fy, fx, y, x
                                    out.append((s.score, fx, fy, x, y, s))
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


def _where(dp: DatedPassage) -> str:
    return f"{dp.passage.path}:{dp.passage.line}"


def build_events(
    passages: Sequence[DatedPassage], analyses: Mapping[str, Analysis]
) -> tuple[tuple[Event, ...], list[Diagnostic]]:
    """Group duplicate passages into events (primary source first), sorted by date then id."""
    usable = [
        p for p in passages if (p.passage.text or "").strip() or (p.passage.title or "").strip()
    ]
    usable.sort(key=lambda p: (p.passage.path, p.passage.line, p.passage.id))
    finder = DuplicateFinder(usable, analyses)
    clusters, links = finder.groups()
    index = {id(p): i for i, p in enumerate(usable)}
    events: list[Event] = []
    diagnostics: list[Diagnostic] = []
    for cluster in clusters:
        sources = [usable[i] for i in cluster]
        event = make_event(sources, analyses)
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
    return tuple(events), diagnostics
