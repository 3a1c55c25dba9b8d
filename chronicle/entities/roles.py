"""Titles and offices around a name: "Kremlin spokesman Dmitry Peskov", "Russia's
Ministry of Defence". State names and demonyms (the extractor's country words) are trimmed
from a title's start, so "Russian Foreign Minister" is the role "Foreign Minister".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from chronicle.entities.rules import ROLE_WORDS

if TYPE_CHECKING:
    from chronicle.entities.actors import ActorRecord

# --- roles --------------------------------------------------------------------------

_DEMONYM_LIKE = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ish|ese|ean|can|ch|an|i)|US|U\.S\.|UK|EU|UN)$")
_BOUNDARY_WORDS = frozenset(
    """said says told added wrote according and but while as after before with by to from
    in on at that which who when where since if than""".split()
)


def is_role_word(word: str) -> bool:
    return word.lower().strip(",.") in ROLE_WORDS


def state_words(records: Iterable[ActorRecord]) -> frozenset[str]:
    """Names, aliases and demonyms of the states among ``records``."""
    words: set[str] = set()
    for rec in records:
        if rec.kind == "state":
            words.update([rec.name, *rec.aliases, *rec.demonyms])
    return frozenset(words)


@lru_cache(maxsize=1)
def bundled_country_words() -> frozenset[str]:
    """State words of the bundled actors table (roles are read with them when the caller
    has no table of its own)."""
    from chronicle.entities.actors import ActorTable

    return state_words(ActorTable().records.values())


def _clean_role(words: list[str], country_words: frozenset[str]) -> str | None:
    poss = [i for i, w in enumerate(words[:-1]) if re.search(r"['’]s$", w)]
    if poss and any(is_role_word(w) for w in words[poss[-1] + 1 :]):
        words = words[poss[-1] + 1 :]
    while len(words) > 1 and words[0] in country_words:
        words = words[1:]
    if len(words) > 2 and " ".join(words[:2]) in country_words:
        words = words[2:]
    while words and (
        words[0].lower() in ("the", "a", "an", "of", "for", "and", "its", "his", "her")
    ):
        words = words[1:]
    # "Ukrainian Foreign Minister" -> "Foreign Minister"; "Ukraine's" likewise
    while (
        len(words) > 1
        and (_DEMONYM_LIKE.match(words[0]) or re.search(r"['’]s$", words[0]))
        and not is_role_word(words[0])
    ):
        words = words[1:]
    if not words or not any(is_role_word(w) for w in words):
        return None
    if words[0].lower() in ("mr", "mrs", "ms", "dr", "sir"):
        return None
    return " ".join(words).strip(" ,")


def role_before(text: str, start: int, country_words: frozenset[str] | None = None) -> str | None:
    """Title right before a name: 'Kremlin spokesman Dmitry Peskov' -> 'Kremlin spokesman'.

    ``country_words`` (state names and demonyms, dropped from the title's start) are
    the extractor's; the bundled table's by default.
    """
    if country_words is None:
        country_words = bundled_country_words()
    chunk = text[max(0, start - 90) : start]
    if chunk.rstrip().endswith(","):
        seg = re.split(r"[.;:“”\"()]|,", chunk.rstrip()[:-1])[-1].strip()
        words = seg.split()
        if 0 < len(words) <= 10 and not any(w.lower() in ("said", "says", "told") for w in words):
            if (
                words[0].lower() in ("the", "a", "an")
                or is_role_word(words[0])
                or re.search(r"['’]s$", words[0])
            ):
                return _clean_role(words, country_words)
        return None
    words = chunk.split()
    taken: list[str] = []
    for word in reversed(words):
        bare = word.strip()
        if re.search(r"[.;:,“”\"()]$", bare) or bare.lower() in _BOUNDARY_WORDS:
            break
        if not (
            bare[:1].isupper()
            or is_role_word(bare)
            or bare.lower() in ("of", "the", "for")
            or bare.lower() in MINISTRY_SUBJECTS
        ):  # "foreign minister"
            break
        taken.insert(0, bare)
        if len(taken) >= 6:
            break
    last = max((i for i, w in enumerate(taken) if is_role_word(w)), default=-1)
    # the title ends on a word of office, or on "of <Name>": "Secretary of State"
    if last >= 0 and last + 2 < len(taken) and taken[last + 1] in ("of", "for"):
        last = len(taken) - 1
    taken = taken[: last + 1]
    return _clean_role(taken, country_words) if taken else None


_APPOSITIVE = re.compile(r"^,\s+(?:the |a |an )?([^,.;:“”\"()]{3,90}?)(?=,|\.|;|:|$)")


def role_after(text: str, end: int) -> str | None:
    """Appositive after a name: 'Dmitry Medvedev, the deputy chairman of …,'."""
    m = _APPOSITIVE.match(text[end : end + 120])
    if not m:
        return None
    words = m.group(1).split()
    if not words or any(w.lower() in ("said", "says", "told", "who", "which", "as") for w in words):
        return None
    if not any(is_role_word(w) for w in words[:3]):
        return None
    return " ".join(words)


# --- ministries ---------------------------------------------------------------------

MINISTRY_SUBJECTS = {
    "defence": "Defence",
    "defense": "Defence",
    "foreign affairs": "Foreign Affairs",
    "foreign": "Foreign Affairs",
    "culture": "Culture",
    "energy": "Energy",
    "interior": "Internal Affairs",
    "internal affairs": "Internal Affairs",
    "health": "Health",
    "economy": "Economy",
    "economic development": "Economy",
    "finance": "Finance",
    "finances": "Finance",
    "justice": "Justice",
    "emergency situations": "Emergency Situations",
    "emergencies": "Emergency Situations",
    "digital transformation": "Digital Transformation",
    "education": "Education",
    "agriculture": "Agriculture",
    "agrarian policy": "Agriculture",
    "social policy": "Social Policy",
    "veterans": "Veterans Affairs",
    "veterans affairs": "Veterans Affairs",
    "infrastructure": "Infrastructure",
    "strategic industries": "Strategic Industries",
    "youth and sports": "Youth and Sports",
    "sports": "Youth and Sports",
    "sport": "Youth and Sports",
    "environment": "Environment",
    "ecology": "Environment",
    "trade": "Trade",
    "industry": "Industry",
    "reintegration": "Reintegration",
    "communities development": "Infrastructure",
}
_C = r"(?P<{}>(?:[A-Z][\w.-]*)(?:\s[A-Z][\w-]*)?)"
MINISTRY_A = re.compile(  # "Russia's Foreign Ministry", "the Russian defence ministry"
    r"(?:" + _C.format("c1") + r"(?:['’]s)?\s+)?(?P<s1>(?:[A-Za-z]+\s)?[A-Za-z]+)\s+"
    r"(?P<kw>[Mm]inistry)\b"
)
MINISTRY_B = re.compile(  # "Moscow's Ministry of Foreign Affairs", "Ministry of Defence of Ukraine"
    r"(?:" + _C.format("c1") + r"(?:['’]s)?\s+)?(?P<kw>[Mm]inistry)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?P<s2>[A-Z][a-z]+(?:\s(?:and\s)?[A-Z][a-z]+)?)"
    r"(?:\s+(?:in|of)\s+(?:the\s+)?" + _C.format("c2") + r")?"
)
_ARTICLES = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})


def _country(word: str | None) -> str | None:
    return None if word is None or word.lower() in _ARTICLES else word


def ministry_mentions(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, subject, country word or None) for each ministry named in the text.

    The country word is what the text says ("Russia", "Russian", "Moscow"); the caller
    maps it to a state, or to the last ministry of that subject when there is none
    ("the Foreign Ministry added").
    """
    out: list[tuple[int, int, str, str | None]] = []

    def add(start: int, end: int, subject: str, country: str | None) -> None:
        if not any(start < e and s < end for s, e, _, _ in out):
            out.append((start, end, subject, country))

    for m in MINISTRY_B.finditer(text):
        subject = MINISTRY_SUBJECTS.get(m.group("s2").lower())
        if subject is None:
            continue
        country = _country(m.group("c1"))
        start = m.start("c1") if country else m.start("kw")
        add(start, m.end(), subject, country or m.group("c2"))
    for m in MINISTRY_A.finditer(text):
        words = m.group("s1").split()
        subject = MINISTRY_SUBJECTS.get(m.group("s1").lower())
        country = _country(m.group("c1"))
        start = m.start("c1") if country else m.start("s1")
        if subject is None and len(words) == 2:  # "Russian defence", "the Foreign"
            subject = MINISTRY_SUBJECTS.get(words[1].lower())
            first = words[0]
            start = m.start("s1") + (0 if first[:1].isupper() else len(first) + 1)
            country = _country(first) if first[:1].isupper() else None
        if subject is not None:
            add(start, m.end(), subject, country)
    return sorted(out)
