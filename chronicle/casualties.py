"""Killed and injured counts of the development a passage reports.

News states tolls in a handful of shapes: a counted subject before a passive or result
verb ("At least three civilians were killed", "five people, including a child, needed
hospital treatment"), an active verb before a counted object ("killing a 70-year-old woman
and wounding four others"), and a toll that moves ("the death toll climbed to nine").
Each shape is parsed on tokens, with numbers in words or digits and coordinated persons
("a father and a son" = 2). "At least", "more than" and the like read as the number stated.

Not every number next to "killed" is the toll of an event: war totals, cumulative and
estimated figures ("100,000 killed since the invasion began", a think tank's casualty
estimate, soldiers' bodies exchanged) and earlier events recalled in passing ("two days after
a strike killed three …") are skipped. When the first toll a passage gives is such a total,
the passage is about totals and gives no counts at all.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from chronicle.text import sentences

#: Only the lead of a passage reports its own development; later sentences recall others.
LEAD_SENTENCES = 4
#: Larger figures are war totals, never the toll of one event.
MAX_EVENT_TOLL = 999

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_PAIRS = {"couple": 2, "pair": 2, "dozen": 12}

#: Nouns naming people (singular and plural); a counted subject usually ends in one.
PERSON_NOUNS = frozenset(
    """person people persons civilian civilians man men woman women child children kid kids
    teenager teenagers teen teens boy boys girl girls baby babies infant infants toddler
    resident residents soldier soldiers serviceman servicemen servicemember servicemembers
    troop troops fighter fighters militant militants rebel rebels attacker attackers
    worker workers employee employees passenger passengers driver drivers officer officers
    policeman policemen firefighter firefighters rescuer rescuers medic medics doctor doctors
    nurse nurses journalist journalists reporter reporters volunteer volunteers pensioner
    pensioners student students miner miners farmer farmers father mother son daughter
    brother sister husband wife grandmother grandfather granddaughter grandson family
    families member members relative relatives victim victims others individual individuals
    adult adults minor minors elderly pedestrian pedestrians customer customers guest guests
    patient patients staff crew sailor sailors pilot pilots police guard guards official
    officials prisoner prisoners inmate inmates teacher teachers priest neighbour neighbours
    neighbor neighbors couple""".split()
)

#: Words that may sit inside a counted subject between the number and the noun.
_NP_FILLER = frozenset(
    """other more further additional civilian ukrainian russian local elderly young old
    adult army military police emergency rail railway medical health aid humanitarian
    mine energy power plant security border foreign french british american local
    regional city village district of their his her its the our including least than
    most all""".split()
)

_QUALIFIERS = (
    ("at", "least"), ("more", "than"), ("up", "to"), ("as", "many", "as"), ("no", "fewer", "than"),
    ("over",), ("nearly",), ("almost",), ("about",), ("around",), ("some",), ("roughly",),
    ("approximately",), ("another",), ("a", "further"), ("at", "most"),
)  # fmt: skip

_AUX = frozenset(
    """were was are is been be being have has had also reportedly later allegedly all both
    subsequently then got get gets now so far reported confirmed believed feared thought
    said""".split()
)

_KILL_PASSIVE = frozenset("killed died dead perished slain".split())
_INJURE_PASSIVE = frozenset("injured wounded hurt hospitalised hospitalized".split())
_KILL_ACTIVE = frozenset("killing killed kill kills claiming".split())
_INJURE_ACTIVE = frozenset("injuring injured injure injures wounding wounded wound wounds".split())

_TOKEN = re.compile(
    r"\d+(?:-[A-Za-z]+)+|\d[\d,]*\d|\d|[A-Za-z]+(?:[-'’][A-Za-z0-9]+)*|[.,;:!?()“”\"–—]"
)
_AGE = re.compile(r"^(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month|week|day)s?-old$")

_TOTAL_MARKERS = [
    re.compile(p, re.I)
    for p in (
        r"\bsince (?:the )?(?:start|beginning|outbreak|onset) of\b",
        r"\bsince (?:the |russia'?s |russia’s |moscow'?s |moscow’s |its |their )*"
        r"(?:full[- ]scale )?(?:war|invasion|conflict|aggression|hostilities)\b",
        r"\bsince (?:(?:early|late|mid)[- ])?(?:january |february |march |april |may |june |"
        r"july |august |september |october |november |december )?(?:19|20)\d\d\b",
        r"\b(?:war|invasion|conflict|hostilities) (?:began|started|broke out)\b",
        r"\b(?:killed|died|dead|deaths|casualties|lost)\b[^.;]{0,30}\b(?:in|during|throughout) "
        r"(?:the|this|russia'?s|russia’s|its) (?:war|conflict|invasion|full-scale)",
        r"\b(?:war|invasion|conflict|aggression) (?:has |had |have )?(?:so far )?"
        r"(?:killed|claimed)",
        r"\bso far this year\b|\bthis year alone\b|\bin total\b|\ba total of\b|\boverall\b",
        r"\bcumulative\b|\baltogether\b|\bcombined\b|\bin (?:19|20)\d\d\b",
        r"\bestimat|\bthink[- ]tank|\b(?:the|a|new|latest) (?:report|study|analysis|survey)\b",
        r"\btroop deaths\b|\bmilitary casualties\b|\bon both sides\b|\bmillion\b",
        r"\bbattlefield losses\b|\bmonthly\b|\bannual\b",
        r"\b(?:in|during|throughout|for) (?:january|february|march|april|may|june|july|august|"
        r"september|october|november|december)\b(?!\s+\d)",
        r"\b(?:exchang|repatriat|returned|handed over|swap)\w*\b[^.;]{0,40}\bbodies\b",
        r"\bbodies\b[^.;]{0,40}\b(?:exchang|repatriat|returned|handed over|swap)",
        r"\b(?:per|each|every) day\b|\bdaily (?:losses|average)\b|\bon average\b",
    )
]
#: An earlier (or later) event recalled next to the toll: "two days after a strike killed three".
_OTHER_EVENT_BEFORE = re.compile(
    r"\b(?:day|days|week|weeks|month|months|hours?|year|years)\s+(?:after|before)\b[^,;]*$|"
    r"\b(?:after|since|following) (?:last|the previous|an earlier) (?:week|month|attack|strike)",
    re.I,
)
#: A sentence recalling a past event: "On the anniversary of the strike that killed 61".
_PAST_EVENT = re.compile(
    r"\banniversary\b|\b(?:years|months|weeks|a year|a month) ago\b|\bcommemorat",
    re.I,
)
_OTHER_EVENT_AFTER = re.compile(
    r"^[^,;.]{0,60}\b(?:last (?:week|month|year)|(?:days|weeks|months|a week|a month|a year) "
    r"(?:ago|earlier)|earlier this (?:week|month|year)|in (?:19|20)\d\d)\b",
    re.I,
)
_TOLL = re.compile(
    r"\b(?:death toll|toll|number of (?:dead|deaths|people killed|those killed|victims))\b"
    r"(?P<between>[^.;]{0,120}?)\b(?:rose|risen|rises|climbed|climbs|increased|jumped|reached|"
    r"reaches|grew|stands|stood|is|was|now|has|had)\b[^.;]{0,20}?\b(?:to|at|of)\s+"
    r"(?P<num>(?:at least |more than |over |nearly )?[\w,-]+)",
    re.I,
)


_CASUALTY_WORDS = re.compile(
    r"\b(?:killed|dead|died|deaths?|casualties|injured|wounded|losses|fatalities)\b", re.I
)


@dataclass(frozen=True)
class Mention:
    kind: str  # "killed" | "injured"
    count: int | None  # None: a total or another event's toll (skipped)
    start: int  # character offset in the text, for ordering
    total: bool = False


def _word_number(tok: str) -> int | None:
    t = tok.lower()
    if re.fullmatch(r"\d[\d,]*", t):
        digits = t.replace(",", "")
        return int(digits) if digits.isdigit() else None
    if t in _UNITS:
        return _UNITS[t]
    if t in _TENS:
        return _TENS[t]
    if "-" in t:
        a, _, b = t.partition("-")
        if a in _TENS and b in _UNITS and _UNITS[b] < 10:
            return _TENS[a] + _UNITS[b]
    return None


def _skip_qualifier(toks: list[str], i: int) -> int:
    for q in _QUALIFIERS:
        if tuple(toks[i : i + len(q)]) == q:
            return i + len(q)
    return i


def parse_count(toks: list[str], i: int) -> tuple[int | None, int]:
    """Count of people in the noun phrase starting at ``toks[i]`` (lower-cased tokens).

    Returns (count, index after the phrase); count is None when the phrase names no
    definite number of people. Coordinated units add up: "two children and their mother".
    """
    total = 0
    found = False
    j = i
    while j < len(toks):
        unit, k = _parse_unit(toks, j)
        if unit is None:
            break
        total += unit
        found = True
        j = k
        if j < len(toks) and toks[j] == "and" and j + 1 < len(toks):
            nxt, _ = _parse_unit(toks, j + 1)
            if nxt is not None:
                j += 1
                continue
        break
    return (total if found else None), j


def _parse_unit(toks: list[str], i: int) -> tuple[int | None, int]:
    if toks[i] == "another" and (i + 1 >= len(toks) or _word_number(toks[i + 1]) is None):
        k = i + 1  # "one was killed and another injured"
        if k < len(toks) and toks[k] in PERSON_NOUNS:
            k += 1
        return 1, k
    j = _skip_qualifier(toks, i)
    if j >= len(toks):
        return None, i
    tok = toks[j]
    if tok in ("a", "an", "one", "their", "his", "her", "the") and j + 1 < len(toks):
        k = j + 1
        while k < len(toks) and (_AGE.match(toks[k]) or toks[k] in _NP_FILLER - {"of", "the"}):
            k += 1
        if k < len(toks) and toks[k] in _PAIRS and tok in ("a", "an", "one"):
            n = _PAIRS[toks[k]]
            k += 1
            if toks[k : k + 2] == ["of", "people"] or toks[k : k + 2] == ["of", "civilians"]:
                k += 2
            return n, k
        if k < len(toks) and toks[k] in PERSON_NOUNS and not toks[k].endswith(("s", "ren")):
            if tok == "the":
                return None, i
            return 1, k + 1
        if tok != "one":
            return None, i
    number = _word_number(tok)
    if number is None or (j + 1 < len(toks) and _AGE.match(f"{tok}-{toks[j + 1]}")):
        return None, i
    k = j + 1
    if k < len(toks) and (_AGE.match(toks[k]) or toks[k].startswith(("year-old", "-year"))):
        return None, i  # "a four-year-old daughter" is an age, not a count
    if k < len(toks) and toks[k] in ("percent", "per", "km", "kilometres", "miles", "%"):
        return None, i
    # optional filler words and a person noun
    m = k
    while m < len(toks) and m - k < 4 and toks[m] in _NP_FILLER and toks[m] not in ("of", "the"):
        m += 1
    if m < len(toks) and toks[m] in PERSON_NOUNS:
        return number, m + 1
    return number, k


def _tokens(text: str) -> tuple[list[str], list[int]]:
    toks, offs = [], []
    for m in _TOKEN.finditer(text):
        toks.append(m.group(0).lower().replace("’", "'"))
        offs.append(m.start())
    return toks, offs


def _subject_before(toks: list[str], v: int) -> tuple[int, int] | None:
    """(count, start) of the subject ending just before the verb at ``v`` ("nine people were")."""
    j = v - 1
    while j >= 0 and toks[j] in _AUX:
        j -= 1
    if j >= 0 and toks[j] == ",":
        # ", including two children," or ", among them a child," between subject and verb
        k = j - 1
        while k >= 0 and toks[k] not in (",", ".", ";") and j - k < 12:
            k -= 1
        if k >= 1 and toks[k] == "," and toks[k + 1] in ("including", "among", "mostly", "most"):
            j = k - 1
        else:
            return None
    end = j + 1
    start = end
    while start > 0 and end - start < 10:
        t = toks[start - 1]
        if (
            t in PERSON_NOUNS
            or t in _NP_FILLER - {"of", "the", "including"}
            or t in ("a", "an", "and", "at", "least", "more", "than", "up", "to", "over")
            or t in ("nearly", "almost", "about", "around", "some", "another", "as", "many")
            or _word_number(t) is not None
            or _AGE.match(t)
            or t in _PAIRS
        ):
            start -= 1
        else:
            break
    while start < end and toks[start] in ("and", "to", "up", "of"):
        start += 1
    if start >= end:
        return None
    count, stop = parse_count(toks, start)
    if count is None or stop != end:
        return None
    return count, start


def _object_after(toks: list[str], v: int) -> int | None:
    count, _ = parse_count(toks, v + 1)
    return count


def _is_total(sentence: str) -> bool:
    return any(p.search(sentence) for p in _TOTAL_MARKERS)


def _mentions_in(sentence: str, base: int) -> list[Mention]:
    toks, offs = _tokens(sentence)
    found: list[Mention] = []
    total = _is_total(sentence)

    def add(kind: str, found_at: tuple[int, int] | None) -> None:
        if found_at is None:
            return
        count, pos = found_at
        start = offs[pos]
        other = (
            _OTHER_EVENT_BEFORE.search(sentence[:start])
            or _OTHER_EVENT_AFTER.search(sentence[start:])
            or _PAST_EVENT.search(sentence)
        )
        if other or count > MAX_EVENT_TOLL:
            found.append(Mention(kind, None, base + start, total=total or count > MAX_EVENT_TOLL))
        else:
            found.append(Mention(kind, None if total else count, base + start, total=total))

    if total and _CASUALTY_WORDS.search(sentence):
        found.append(Mention("killed", None, base, total=True))
    for v, tok in enumerate(toks):
        if tok in ("medical", "treatment", "hospital") and v >= 1 and toks[v - 1] in (
            "sought", "seeking", "received", "receiving", "needed", "needing", "required",
            "requested", "taken", "to",
        ):  # fmt: skip
            verb = v - 1
            if toks[verb] == "to" and v >= 2 and toks[v - 2] in ("taken", "admitted"):
                verb = v - 2
            add("injured", _subject_before(toks, verb))
            continue
        if tok == "lives" and v >= 2 and toks[v - 1] == "their" and toks[v - 2] in ("lost",):
            add("killed", _subject_before(toks, v - 2))
            continue
        passive = tok in _KILL_PASSIVE or tok in _INJURE_PASSIVE
        active = tok in _KILL_ACTIVE or tok in _INJURE_ACTIVE
        if not (passive or active):
            continue
        kind = "killed" if (tok in _KILL_PASSIVE or tok in _KILL_ACTIVE) else "injured"
        subj = _subject_before(toks, v) if passive else None
        if subj is not None:
            add(kind, subj)
            continue
        if active:
            obj = _object_after(toks, v)
            if obj is not None:
                add(kind, (obj, v))
    for m in _TOLL.finditer(sentence):
        ntoks, _ = _tokens(m.group("num"))
        count, _ = parse_count(ntoks, 0)
        if count is None and ntoks:
            count = _word_number(ntoks[-1])
        if count is not None:
            found.append(Mention("killed", None if total else count, base + m.start(), total=total))
    return found


def find_mentions(text: str) -> list[Mention]:
    """Every toll stated in the lead of ``text``, in order, totals marked."""
    mentions: list[Mention] = []
    pos = 0
    for sent in sentences(text)[:LEAD_SENTENCES]:
        base = text.find(sent, pos)
        base = pos if base < 0 else base
        mentions.extend(_mentions_in(sent, base))
        pos = base + len(sent)
    return sorted(mentions, key=lambda m: m.start)


@functools.lru_cache(maxsize=16384)
def extract_casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, injured) of the development ``text`` reports; None when not stated.

    Memoised: a pure function of the text, and archives repeat passages verbatim.
    """
    if not text or not text.strip():
        return None, None
    mentions = find_mentions(" ".join(text.split()))
    if mentions and mentions[0].total:
        return None, None  # a passage about war totals states no event toll
    killed = [m.count for m in mentions if m.kind == "killed" and m.count is not None]
    injured = [m.count for m in mentions if m.kind == "injured" and m.count is not None]
    return (max(killed) if killed else None), (max(injured) if injured else None)
