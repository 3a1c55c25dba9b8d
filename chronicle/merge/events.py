"""Events from groups of duplicate passages: primary source, title, slug, summary, counts.

An event's URL must survive rebuilds and the arrival of unrelated news, so its id is
the date plus a slug of its title, never a position; two events with the same slug on
the same day are told apart by a short hash of their primary passage's text.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from anyascii import anyascii
from slugify import slugify

from chronicle import store, titles
from chronicle.model import Analysis, DatedPassage, Event, Passage
from chronicle.text import sentences

TITLE_MAX = 100
SLUG_MAX = 60
SUMMARY_SENTENCES = 2
SUMMARY_MAX = 420
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}

#: Live-blog labels that are not part of the headline ("Watch:", "Bulletin |").
_LABEL = re.compile(
    r"^(?:watch|video|in pictures|pictured|photos|full article|full story|read more|breaking|"
    r"live|analysis|explainer|opinion|comment|bulletin|special dispatch|exclusive|update|"
    r"updated|latest|recap)(?:\s*[:|]\s*|\s+[–—-]\s+)",
    re.I,
)
#: Trailing attribution of a bullet's first sentence: ", regional Governor X wrote on Telegram."
_ATTRIBUTION = re.compile(
    r",\s+(?:[^,]{0,90}?\b(?:said|says|wrote|writes|reported|reports|announced|added|"
    r"confirmed|stated|claimed|told(?:\s+[A-Z][\w’'-]*)*)"
    r"(?:\s+(?:on|in|at|to|during|late|early|earlier|later|via|citing|after|by)\b"
    r"(?:(?!\bthat\b)[^,]){0,60})?|according to [^,]+)[.!]?$"
)
#: The same after a dash, as translated news prints it: "… will be huge - argued the US
#: president", "… is 899 soldiers – estimates the Ministry of Defence", "… - he added".
_DASH_ATTRIBUTION = re.compile(
    r"\s+[-–—]\s*(?:(?:he|she|they|it|we)\s+)?(?:said|says|added|adds|noted|notes|stressed|"
    r"emphasi[sz]ed|argued|admitted|explained|pointed out|wrote|writes|reported|reports|told|"
    r"estimates|estimated|assured|assures|declared|stated|warned|informed|announced|"
    r"concluded|claimed|underlined|underscored|recalled|alerts|quoted)\b[^–—]{0,90}[.!]?$"
)
_VERBS = frozenset(
    "is are was were has have had will would can could may might must shall should says said "
    "do does did be been being".split()
)
#: "In a later statement, " / "Speaking in Brussels on Monday, " before the subject.
_LEADING_PHRASE = re.compile(
    r"^(?i:in|on|during|after|following|at|speaking|asked|earlier|later|meanwhile|separately)"
    r"\b[^,]{0,70},\s+(?=[A-Z“\"])",
)
#: ", the deputy chairman of Russia's Security Council," after a name.
_APPOSITIVE = re.compile(
    r"(?<=\w),\s+(?:the|a|an|who|which|whose|during|including|while|also)\b[^,;]{0,90},\s+"
)
#: " – an apparent reference to … – " inside a sentence.
_DASHES = re.compile(r"\s+[–—]\s+[^–—]{0,120}?\s+[–—]\s+")
#: ", Karoline Leavitt," after a role ("Trump's spokesperson, Karoline Leavitt, said").
_NAME_APPOSITIVE = re.compile(
    r"\b(spokes\w+|envoy|minister|chief|head|president|governor|mayor|leader|secretary|"
    r"commander|official|aide|adviser|advisor|counterpart|ambassador|negotiator|general|"
    r"director|chairman|chairwoman|commissioner|representative|prosecutor|ombudsman),\s+"
    r"(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'-]+,\s+"
)
_TRAILING_WORDS = {
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "as", "that", "which", "who", "its", "their", "his", "her", "after", "before", "amid",
    "while", "but", "including", "following", "during",
}  # fmt: skip


def weak_evidence(dp: DatedPassage) -> bool:
    """The date was not read from the passage (a fallback to the reported or file date)."""
    ev = dp.date.evidence.lower()
    return ev.startswith("no date") or "fallback" in ev or "failed" in ev


def primary_key(dp: DatedPassage) -> tuple:
    """Sort key putting the earliest, best-evidenced, most complete report first."""
    p = dp.passage
    return (
        _PRECISION_RANK.get(dp.date.precision, 9),
        weak_evidence(dp),
        not (p.text or "").strip(),
        dp.date.value,
        dp.reported.value,
        dp.time or p.time or "99:99",
        p.path,
        p.line,
    )


@functools.lru_cache(maxsize=65536)
def clean_title(title: str) -> str:
    t = " ".join(title.split())
    while True:
        stripped = _LABEL.sub("", t, count=1)
        if stripped == t or not stripped:
            break
        t = stripped
    return t.strip()


def headline_source(text: str, byline: str | None = None) -> str:
    """A bullet's first sentence as a headline would say it, before any cut: without
    reference markers, stamps, the attribution, a leading adverbial ("In remarks after
    the attacks, …") or appositives ("the minister, a close ally of the president, said")."""
    sents = sentences(titles.clean(text, byline))
    if not sents:
        return ""
    first = titles.first_sentence(sents[0]).rstrip(".!")
    first = _strip_attribution(first)
    for pattern, repl in (
        (_LEADING_PHRASE, ""),
        (_DASHES, " "),
        (_APPOSITIVE, " "),
        (_NAME_APPOSITIVE, r"\1 "),
    ):
        cut = pattern.sub(repl, first, count=1)
        cut = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", cut)).strip()
        if len(cut) >= 25:
            first = cut[0].upper() + cut[1:]
    return first


def headline(text: str, limit: int = TITLE_MAX) -> str:
    """A short headline from a bullet (see :func:`headline_source`), cut without a
    parse; events cut long ones through their parse (:mod:`chronicle.titles`)."""
    return titles.make_title(headline_source(text), limit) if text.strip() else ""


def _verbless(segment: str) -> bool:
    words = re.findall(r"[a-z’']+", segment.lower())
    return len(words) <= 8 and not any(w in _VERBS or w.endswith("ed") for w in words)


def _strip_attribution(sentence: str) -> str:
    """Drop ", the regional governor wrote on Telegram" and the like."""
    cut = _ATTRIBUTION.sub("", sentence, count=1)
    if cut == sentence:
        cut = _DASH_ATTRIBUTION.sub("", sentence, count=1)
    if cut == sentence or len(cut) < 25:
        return sentence
    # the speaker's name and role left dangling: ", the head of …, Ivan Fedorov"
    for _ in range(2):
        head, sep, tail = cut.rpartition(", ")
        if not sep or len(head) < 25 or not _verbless(tail):
            break
        cut = head
    return cut


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """Cut at a clause or word boundary within ``limit``; no trailing punctuation."""
    t = " ".join(text.split())
    if len(t) > limit:
        window = t[: limit + 1]
        clause = max(window.rfind(", "), window.rfind(" – "), window.rfind("; "))
        if clause >= limit * 0.45:
            t = window[:clause]
        else:
            space = window.rfind(" ")
            t = window[:space] if space > 0 else window[:limit]
        words = t.split()
        while len(words) > 1 and words[-1].lower().strip(",;:–-") in _TRAILING_WORDS:
            words.pop()
        t = " ".join(words)
    t = t.rstrip(" .,;:!?–—-\"'“”‘’(")
    # close a quotation the cut left open
    if t.count("“") > t.count("”"):
        t += "”"
    elif t.count('"') % 2:
        t += '"'
    return t


def summary_of(text: str) -> str:
    sents = sentences(text)
    out = ""
    for s in sents[:SUMMARY_SENTENCES]:
        candidate = f"{out} {s}".strip()
        if out and len(candidate) > SUMMARY_MAX:
            break
        out = candidate
    if len(out) > SUMMARY_MAX:
        out = shorten(out, SUMMARY_MAX) + "…"
    return out


#: Passage kinds whose ``title`` is their own headline; other kinds carry the document's.
HEADLINED_KINDS = ("entry", "article")


def own_title(p: Passage) -> str:
    """The passage's own headline, cleaned; "" for bullets and paragraphs."""
    return clean_title(p.title) if p.title and p.kind in HEADLINED_KINDS else ""


def title_source(p: Passage) -> str:
    """What an event's title is made from: the passage's own headline, else its first
    sentence as a headline would say it."""
    own = titles.clean(own_title(p), p.byline)
    if re.search(r"\w", own):
        return own
    return headline_source(p.text, p.byline)


def event_title(primary: DatedPassage, parses: titles.TitleParses | None = None) -> str:
    title = titles.make_title(title_source(primary.passage), TITLE_MAX, parses)
    return title if re.search(r"\w", title) else "Untitled report"


def make_slug(title: str) -> str:
    """Lowercase ASCII words joined by '-', cut at a word boundary within SLUG_MAX."""
    slug = slugify(anyascii(title).replace("'", "").replace("’", ""), lowercase=True)
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[: SLUG_MAX + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:SLUG_MAX]
    return slug.strip("-") or "event"


def text_hash(dp: DatedPassage, n: int = 6) -> str:
    p = dp.passage
    basis = " ".join(f"{p.title or ''} {p.text}".split()).lower()
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:n]


def _union(groups: Sequence[Sequence[str]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for g in groups:
        for x in g:
            seen.setdefault(x, None)
    return tuple(seen)


def _max(values: Sequence[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _is_pair(value: object) -> bool:
    return type(value) is tuple and len(value) == 2


def _is_str(value: object) -> bool:
    return type(value) is str


class EventTexts:
    """Title, slug and summary of events, memoised per content digest.

    All three are pure in a passage's kind, headline and text, so a build keeps them
    in a stored ``memo`` and reuses them across builds; without one, in memory only.
    """

    def __init__(self, memo: store.Memo | None = None, cache_dir: Path | None = None) -> None:
        self.memo = memo if memo is not None else store.Memo(None, "event-texts", "")
        self.parses = titles.TitleParses(cache_dir)

    def _key(self, p: Passage) -> bytes:
        return self.memo.key("event-title", p.kind, p.title or "", p.byline or "", p.text)

    def prepare(self, primaries: Sequence[DatedPassage]) -> None:
        """Parse, in one batch, the long sentences of the titles not memoised yet."""
        todo = []
        for dp in primaries:
            p = dp.passage
            if _is_pair(self.memo.get(self._key(p))):
                continue
            todo.extend(titles.parse_targets(title_source(p), TITLE_MAX))
        self.parses.load(todo)

    def title_and_slug(self, primary: DatedPassage) -> tuple[str, str]:
        key = self._key(primary.passage)
        return self.memo.recall(key, lambda: self._title_and_slug(primary), _is_pair)

    def _title_and_slug(self, primary: DatedPassage) -> tuple[str, str]:
        title = event_title(primary, self.parses)
        return title, make_slug(title)

    def summary(self, text: str) -> str:
        text = titles.REFERENCE.sub("", text)
        key = self.memo.key("event-summary", text)
        return self.memo.recall(key, lambda: summary_of(text), _is_str)


def make_event(
    sources: Sequence[DatedPassage],
    analyses: Mapping[str, Analysis],
    merge_notes: Sequence[str] = (),
    texts: EventTexts | None = None,
) -> Event:
    """One event from its sources; ``sources`` need not be ordered (the primary is chosen)."""
    texts = texts or EventTexts()
    ordered = sorted(sources, key=primary_key)
    primary = ordered[0]
    found = [analyses.get(s.passage.id) for s in ordered]
    present = [a for a in found if a is not None]
    votes = Counter(a.topic for a in present)
    primary_topic = found[0].topic if found[0] is not None else "other"
    if votes:
        top = max(votes.values())
        leaders = [t for t, n in votes.items() if n == top]
        topic = primary_topic if primary_topic in leaders else leaders[0]
    else:
        topic = primary_topic
    title, slug = texts.title_and_slug(primary)
    with_text = next((s for s in ordered if s.passage.text.strip()), None)
    summary = texts.summary(with_text.passage.text) if with_text else title
    return Event(
        id=f"{primary.date.value:%Y-%m-%d}-{slug}",
        slug=slug,
        date=primary.date,
        reported=primary.reported.value,
        time=primary.time or primary.passage.time,
        topic=topic,
        title=title,
        summary=summary,
        actors=_union([a.actors for a in present]),
        places=_union([a.places for a in present]),
        killed=_max([a.killed for a in present]),
        injured=_max([a.injured for a in present]),
        sources=tuple(ordered),
        merge_notes=tuple(merge_notes),
    )


def disambiguate(events: Sequence[Event]) -> list[Event]:
    """Give same-day events sharing a slug a hash suffix of their primary passage's text.

    Every member of a collision gets a suffix (not only the later ones), so no permalink
    depends on which event happened to be read first.
    """
    from dataclasses import replace

    groups: dict[tuple, list[int]] = {}
    for i, e in enumerate(events):
        groups.setdefault((e.date.value, e.slug), []).append(i)
    out = list(events)
    for (day, slug), idx in groups.items():
        if len(idx) < 2:
            continue
        n = 6
        while n <= 40:
            tags = [text_hash(events[i].sources[0], n) for i in idx]
            if len(set(tags)) == len(tags):
                break
            n += 4
        used: set[str] = set()
        for i, tag in zip(idx, tags, strict=True):
            if tag in used:  # identical primary text: fall back to the passage position
                p = events[i].sources[0].passage
                tag = hashlib.sha1(f"{p.path}:{p.line}".encode()).hexdigest()[:n]
            used.add(tag)
            new_slug = f"{slug[: SLUG_MAX - len(tag) - 1].rstrip('-')}-{tag}"
            out[i] = replace(events[i], slug=new_slug, id=f"{day:%Y-%m-%d}-{new_slug}")
    return out
