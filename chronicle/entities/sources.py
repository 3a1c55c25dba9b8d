"""A document's own publisher and authors are its sources, never actors of its events.

A think tank's report says "<publisher> assesses that …" in paragraph after paragraph and
a newspaper credits its writers; neither is news. Who the source is comes from the
document itself, not from a list of names:

- its publisher (front matter, masthead, publisher table), the publisher's acronym
  ("Institute for the Study of War" → "ISW"), its leading words ("Halvard Centre" of
  "Halvard Centre for Strategy") and the name its web domain spells ("aljazeera.com" →
  "Al Jazeera", "bbc.co.uk" → "BBC"; a one-word name such as a country never matches a
  domain, and government sites have none);
- its authors (front matter ``author``, entry bylines);
- its *house voice*: a name that opens analyst attributions ("X assesses", "X has
  observed", "X cannot independently verify") in several of the document's passages
  is the voice of the document, whatever its metadata says.

A mention of the source is kept when the news is about it: an outlet that is attacked,
banned, raided or sued, or whose journalists or offices are hit.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from chronicle.entities import rules
from chronicle.model import Document

#: Analyst attributions, the house voice of a report ("X assesses", "X has observed",
#: "X cannot independently verify"): verbs of analysts, not of officials ("said",
#: "reported"), so a minister quoted in every entry never becomes the voice.
_VOICE = re.compile(
    r"^['’]?s?\s*(?:also\s+|previously\s+|still\s+|has\s+|have\s+|had\s+|not\s+|"
    r"continues\s+to\s+|continued\s+to\s+|will\s+continue\s+to\s+|currently\s+|"
    r"additionally\s+|further\s+|now\s+|recently\s+)*"
    r"(?:assess(?:es|ed|ing)?|observed|geolocated|forecasts?|forecasted|"
    r"(?:cannot|can(?:no|'|’)t|could\s+not|did\s+not)\s+(?:independently\s+)?"
    r"(?:verify|confirm|observe))\b",
    re.I,
)
#: The source spoken of as a source: "according to X", "X's assessment", "X analysts".
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|per|told|cited\s+by|via)\s+(?:the\s+)?$", re.I)
_SOURCE_AFTER = re.compile(
    r"^['’]s?\s+(?:(?:latest|previous|daily|recent|ongoing|own|earlier)\s+)*"
    r"(?:assessments?|reports?|reporting|analysis|analysts?|forecasts?|maps?|mapping|"
    r"observations?|data|estimates?|team|researchers?|staff|interactive\s+map|"
    r"correspondents?|reporters?|journalists?)\b|^\s+(?:analysts?|researchers?|reporters?)\b",
    re.I,
)
#: The news is about the source: it is acted on.
_ACTED_ON_BEFORE = re.compile(
    r"\b(?:ban(?:ned|s)?|block(?:ed|s)?|attack(?:ed|s)?|raid(?:ed|s)?|struck|strikes?|hit|"
    r"target(?:ed|s)?|shut(?:s)?(?:\s+down)?|clos(?:ed|es)|sued?|fin(?:ed|es)|designat(?:ed|es)|"
    r"label(?:l?ed|s)|declar(?:ed|es)|hack(?:ed|s)?|expel(?:led|s)?|outlaw(?:ed|s)?|"
    r"censor(?:ed|s)?|accus(?:ed|es)|charg(?:ed|es)|sanction(?:ed|s)?|restrict(?:ed|s)?|"
    r"against|on|of)\s+(?:the\s+)?$",
    re.I,
)
_ACTED_ON_AFTER = re.compile(
    r"^['’]?s?\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are|being)\s+"
    r"(?:\w+\s+)?(?:banned|blocked|attacked|raided|struck|hit|targeted|shut|closed|sued|"
    r"fined|designated|labell?ed|declared|hacked|expelled|outlawed|censored|accused|charged|"
    r"sanctioned|restricted|searched|threatened)\b|"
    r"^['’]s?\s+(?:\w+\s+){0,2}(?:journalists?|reporters?|correspondents?|crew|office|offices|"
    r"bureau|building|headquarters|editors?|website|staff\s+(?:member|were|was))\s+"
    r"(?:was|were|has|have|had|is|are)?\s*(?:\w+\s+)?(?:killed|wounded|injured|detained|"
    r"arrested|attacked|hit|struck|damaged|destroyed|raided|banned|blocked|expelled|"
    r"searched|shelled|targeted|jailed|sentenced|charged)\b",
    re.I,
)
#: A name is the house voice when it attributes in this many of a document's passages.
VOICE_MIN_PASSAGES = 3
VOICE_MIN_SHARE = 0.1


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Case, accents, "the" and punctuation folded: "The Kyiv Independent" → "kyivindependent".

    Memoised: every mention of every passage is folded, and names repeat."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s$", "", s)
    return re.sub(r"[\W_]+", "", s)  # letters of any script: a Cyrillic name is not ""


def acronym(name: str) -> str:
    """ "Institute for the Study of War" → "isw" (capitalised words only); "" for one word."""
    caps = [w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper()]
    return "".join(caps).lower() if len(caps) >= 2 else ""


def domain_name(url: str | None) -> str:
    """The organisation name a web address spells: "https://www.aljazeera.com/x" → "aljazeera"."""
    if not url:
        return ""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
    parts = [p for p in host.split(".") if p not in ("www", "en", "amp", "m", "news", "edition")]
    if len(parts) < 2:
        return ""
    # "bbc.co.uk" → "bbc"; "kyivindependent.com" → "kyivindependent"
    if {"gov", "mil", "int"} & set(parts[-2:]):
        return ""  # a government's own site: its acts are the news
    second_level = len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "ac")
    name = parts[-3] if second_level else parts[-2]
    return name if len(name) >= 3 else ""


def institution_site(url: str | None) -> set[str]:
    """The names an institution's own site spells ("nato.int" → nato, "mod.gov.ua" → mod):
    empty for other sites. There the institution's acts are the news, but so is
    everything else it publishes — speeches by others, boilerplate, captions — in which
    it is only the source (see :func:`acts_in`)."""
    if not url:
        return set()
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
    parts = [p for p in host.split(".") if p not in ("www", "en", "amp", "m")]
    if len(parts) < 2 or not {"gov", "mil", "int"} & set(parts[-3:]):
        return set()
    return {p for p in parts if p not in ("gov", "mil", "int", "co", "com", "org") and len(p) >= 3}


#: The name opens a clause and a verb follows: "NATO condemns …", "NATO has significantly
#: stepped up …", "NATO Allies decided …", "NATO and Ukrainian leaders endorsed …".
_CLAUSE_START = re.compile(r"(?:^|[.!?:;,–—]\s+|\band\s+|\bthat\s+|\bthe\s+)$", re.I)
_ACTS_AFTER = re.compile(
    r"^(?:\s+(?:Allies|allies|members?|member\s+states|leaders|Leaders|countries|"
    r"Secretary\s+General|Council))?(?:\s+and\s+(?!(?:its|their|the|his|her|our|a|an)\b)(?:[\w-]+\s+){0,2}?[\w-]+)?"
    r"\s+(?:(?:has|have|had|is|are|was|were|will|would|can|could|must|should|also|now|"
    r"further|again|not|jointly|already|still|continues\s+to|continue\s+to)\s+)*"
    r"(?:\w+ly\s+)?(?:[a-z]+(?:s|ed)|took|made|held|sent|gave|met|began|set|put|said|"
    r"agreed|remains|condemns)\b"
)


def acts_in(text: str, start: int, end: int) -> bool:
    """Is the name at ``text[start:end]`` the subject of a clause (it acts or speaks)?"""
    if text[end : end + 2] in ("’s", "'s") or "-" in (text[end : end + 1], text[start - 1 : start]):
        return False  # "NATO’s programme", "the NATO-Ukraine Commission": a modifier
    return bool(_CLAUSE_START.search(text[max(0, start - 40) : start])) and bool(
        _ACTS_AFTER.match(text[end : end + 80])
    )


def host_labels(doc: Document) -> set[str]:
    """The words of the document's web host ("learn.microsoft.com" → learn, microsoft),
    from its url or a publisher written as a host name."""
    hosts = [doc.url or ""]
    if doc.publisher and re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", doc.publisher):
        hosts.append(doc.publisher)
    out: set[str] = set()
    for h in hosts:
        host = re.sub(r"^[a-z]+://", "", h.lower()).split("/")[0]
        out |= {p for p in host.split(".")[:-1] if len(p) >= 2 and p != "www"}
    return out


def document_keys(doc: Document) -> set[str]:
    """Folded names under which the document's publisher and authors may appear."""
    keys = set()
    if doc.publisher:
        keys |= {fold(doc.publisher), acronym(doc.publisher)}
        words = doc.publisher.split()
        for k in range(2, len(words)):  # "Halvard Centre" of "Halvard Centre for Strategy"
            if words[k - 1][:1].isupper():
                keys.add(fold(" ".join(words[:k])))
    for name in rules.split_names(doc.author):
        if len(name.split()) >= 2:
            keys.add(fold(name))
    keys.discard("")
    return keys


def house_voices(texts: Sequence[str], candidates: Iterable[tuple[int, str, int]]) -> set[str]:
    """Names opening analyst attributions in enough of a document's passages.

    ``candidates`` are (passage index, surface, end offset) of the document's mentions.
    """
    seen: dict[str, set[int]] = {}
    for i, surface, end in candidates:
        if _VOICE.match(texts[i][end : end + 60]):
            seen.setdefault(fold(surface), set()).add(i)
    need = max(VOICE_MIN_PASSAGES, VOICE_MIN_SHARE * len(texts))
    return {k for k, where in seen.items() if len(where) >= need}


def is_news_about(text: str, start: int, end: int) -> bool:
    """The source itself is what happens: banned, raided, its journalists killed."""
    if _SOURCE_AFTER.match(text[end : end + 60]) and not _ACTED_ON_AFTER.match(
        text[end : end + 90]
    ):
        return False
    return bool(
        _ACTED_ON_BEFORE.search(text[max(0, start - 40) : start])
        and not _SOURCE_BEFORE.search(text[max(0, start - 30) : start])
        and not _VOICE.match(text[end : end + 60])
    ) or bool(_ACTED_ON_AFTER.match(text[end : end + 90]))


class OwnSources:
    """Drops the mentions of each document's own sources from its passages' mentions."""

    def __init__(self, docs: Mapping[str, Document], names_of: Mapping[str, Sequence[str]]):
        """``names_of``: known spellings (name and aliases) of table actors, by id."""
        self.docs = docs
        self.names_of = names_of
        self._keys: dict[str, set[str]] = {}

    def _mention_keys(self, m) -> set[str]:  # noqa: ANN001 - entities.Mention
        keys = {fold(m.text)}
        ident = m.id or ""
        if ":" in ident:
            keys.add(fold(ident.split(":", 1)[1]))
        for n in self.names_of.get(ident, ()):
            keys.add(fold(n))
        keys.discard("")  # a name with no letters or digits matches nothing
        return keys

    def apply(self, works: Sequence) -> int:  # noqa: ANN001 - entities._Work
        """Mark own-source mentions ``drop`` in place; returns how many were dropped."""
        by_doc: dict[str, list] = {}
        for w in works:
            by_doc.setdefault(w.dp.passage.document_id, []).append(w)
        dropped = 0
        for doc_id, ws in by_doc.items():
            doc = self.docs.get(doc_id)
            keys = set(document_keys(doc)) if doc is not None else set()
            domain = domain_name(doc.url) if doc is not None else ""
            labels = host_labels(doc) if doc is not None else set()
            texts = [w.text for w in ws]
            cands = [
                (i, m.text, m.end)
                for i, w in enumerate(ws)
                for m in w.mentions
                if m.kind in ("actor", "surname", "maybe-person")
            ]
            keys |= house_voices(texts, cands)
            own_site = institution_site(doc.url) if doc is not None else set()
            if not keys and not domain and not labels:
                continue
            for w in ws:
                for m in w.mentions:
                    if m.kind not in ("actor", "surname", "maybe-person"):
                        continue
                    mkeys = self._mention_keys(m)
                    # the web domain spells an organisation ("aljazeera", "bbc"), never a
                    # one-word name such as a country ("ukraine.ua" is not Ukraine)
                    words = {fold(w) for w in m.text.split()}
                    by_domain = (
                        bool(domain)
                        and domain in mkeys
                        and (len(m.text.split()) > 1 or m.text.isupper())
                    ) or (len(words) > 1 and words <= labels)  # "Microsoft Learn"
                    if (mkeys & keys or by_domain) and not is_news_about(w.text, m.start, m.end):
                        m.kind = "drop"
                        dropped += 1
                    elif (
                        (mkeys | {acronym(m.text)}) & own_site
                        and not acts_in(w.text, m.start, m.end)
                        and not is_news_about(w.text, m.start, m.end)
                    ):
                        m.kind = "drop"  # the institution's own site, where it does not act
                        dropped += 1
                w.mentions = [m for m in w.mentions if m.kind != "drop"]
        return dropped
