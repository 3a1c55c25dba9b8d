"""Title text without a parse: references, stamps and bylines cleaned off; cuts at a
clause or word boundary with dangling words trimmed."""

from __future__ import annotations

import re

#: Inline reference markers of long reports: "[12]", "[3, 4]", "[5–7]".
REFERENCE = re.compile(r"\s*\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ZONE = r"(?:GMT|BST|UTC|CET|CEST|EET|EEST|MSK|ET|EST|EDT|PT|PST|PDT)"
#: A stamp opening an entry ("From 7 Jul 2022 18.14", "23.34 BST", "2h ago") or an
#: update note anywhere ("Updated at 23.36 BST").
_STAMP_START = re.compile(
    rf"^(?:(?:From\s+)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}}(?:\s+\d{{1,2}}[.:]\d{{2}})?"
    rf"(?:\s*{_ZONE})?|\d{{1,2}}[.:]\d{{2}}(?:\s*(?:am|pm))?(?:\s*{_ZONE})?(?=\s+[A-Z“\"‘'])|"
    rf"\d+\s*(?:h|hr|min|m)\s+ago|"
    rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{1,2}}[.:]\d{{2}}\s*(?:am|pm)?(?:\s*{_ZONE})?)\s*[:|–—-]?\s*",
    re.I,
)
_UPDATED = re.compile(rf"\s*\(?\bUpdated(?: at)?\s+\d{{1,2}}[.:]\d{{2}}(?:\s*{_ZONE})?\)?", re.I)
#: "By Jane Doe and John Roe |" / "By Jane Doe, " in front of the text.
_BYLINE = re.compile(
    r"^By\s+[A-Z][\w’'.-]+(?:\s+(?:and\s+)?[A-Z][\w’'.-]+){1,5}\s*(?:[,|:–—-]\s+|\s{2,})"
)

#: Words a title must not end on.
DANGLING = frozenset(
    """a an the this that these those its his her their our my your some any each every
    no of in on at to for from by with into onto upon about over under after before
    during amid among between against toward towards through via without within across
    behind near than as per and or but nor yet so if because while although though
    whether when where which who whom whose what is are was were be been being am has
    have had do does did will would shall should can could may might must not least
    more most almost nearly around including such like unlike despite since until""".split()
)
#: A prefix shorter than this share of the limit is compressed instead.
PREFIX_MIN = 0.45


#: A sentence end with no space after it, as scrapers and machine translation leave them
#: ("… is underway.The American side …", "… to Vladimir Putin.\"The nation …"), or followed
#: by a dash that opens quoted speech ("… the European Union.- It's not …"). The word
#: before the stop ends in a lower-case letter or digit, or a quotation mark after one
#: (not "U.S.", "Mr.", "a.m."); the next starts with a capital ("The", "NATO", "I").
_GLUED_END = re.compile(
    r"(?<=[a-z0-9%)\]][a-z0-9%)\]\"”’])([.!?])([\"”’]?)(?=[\"“‘]?(?:[A-Z][A-Za-z]|I\s))"
    r"|([.!?])([\"”’]?)\s*(?=[-–—]\s*[\"“‘]?[A-Z])"
)
_NOT_AN_END = re.compile(
    r"\b(?:Gen|Col|Sgt|Capt|Gov|Sen|Rep|Prof|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|vs)$"
)


def first_sentence(sentence: str) -> str:
    """The first of sentences glued together without a space ("… is underway.The American
    side …"): the splitter only sees ends followed by a space."""
    for m in _GLUED_END.finditer(sentence):
        before = sentence[: m.start()]
        token = before.rsplit(" ", 1)[-1] + sentence[m.start() :].split(" ", 1)[0]
        if _NOT_AN_END.search(before) or len(before.split()) < 2 or "www." in token:
            continue  # an abbreviation, a web address
        if "://" in token:
            continue
        quote = m.group(2) or m.group(4) or ""
        if quote in ('"', "”", "’") and not _opens(before, quote):
            before += quote  # the quotation the sentence ends in closes here
        return before.rstrip()
    return sentence


def _opens(before: str, quote: str) -> bool:
    """Would ``quote`` after ``before`` open a quotation (none is open before it)?"""
    if quote == '"':
        return before.count('"') % 2 == 0
    opening = "“" if quote == "”" else "‘"
    return before.count(opening) <= before.count(quote)


def clean(text: str, byline: str | None = None) -> str:
    """Text without reference markers, entry stamps, update notes or a leading byline."""
    t = " ".join(text.split())
    t = re.sub(r"^(?:>\s*)+", "", t)  # a Markdown quotation mark left by the scraper
    t = REFERENCE.sub("", t)
    t = _UPDATED.sub("", t)
    for _ in range(2):
        stripped = _STAMP_START.sub("", t, count=1)
        if stripped == t or not re.search(r"\w", stripped):
            break
        t = stripped
    if byline and t.startswith(byline):
        t = re.sub(r"^[\s,|:–—-]+", "", t[len(byline) :])
    elif byline and t.startswith(f"By {byline}"):
        t = re.sub(r"^[\s,|:–—-]+", "", t[len(byline) + 3 :])
    else:
        m = _BYLINE.match(t)
        if m and len(t) - m.end() > 20:
            t = t[m.end() :]
    return t.strip()


#: A date or clock stamp left at either end of a title once the words around it were cut
#: away: "3 December 2025 What is …" (a link line's date glued to the heading after it),
#: "… rejected the plan 23.34 BST". A date followed by a lower-case word is the sentence's
#: subject ("24 February 2022 marked …") and stays, as does a time after a preposition.
_LEAD_STAMP = re.compile(
    rf"^(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
    rf"(?:,?\s+\d{{1,2}}[.:]\d{{2}}(?:\s*(?:am|pm))?)?(?:\s*{_ZONE})?\s*[:|–—-]?\s+"
    r"(?=(?-i:[A-Z“\"‘]))",
    re.I,
)
_TRAIL_STAMP = re.compile(
    rf"(\S+)\s+[|–—-]?\s*\d{{1,2}}[.:]\d{{2}}(?:\s*(?:am|pm))?\s*{_ZONE}$", re.I
)
_TIME_PREPOSITIONS = frozenset(
    "at about around by until till before after from since to and or between than".split()
)


def unstamp(title: str) -> str:
    """The title without a date or clock stamp left at its start or end."""
    t = _LEAD_STAMP.sub("", title, count=1)
    m = _TRAIL_STAMP.search(t)
    if m and m.group(1).lower() not in _TIME_PREPOSITIONS:
        t = t[: m.end(1)]
    return t if re.search(r"\w{3}", t) else title


def dangling(title: str) -> bool:
    """Does the title end on a function word ("at least", "the", "and", "was"), a
    possessive ("Russia’s") or half a hyphenated word ("non-")?"""
    found = re.findall(r"[\w’'-]+", title)
    if not found:
        return False
    if re.search(r"\w-$", title.rstrip()):
        return True  # half a hyphenated word ("the policy of non-")
    last = found[-1].lower()
    return last.strip("’'") in DANGLING or (last.endswith(("’s", "'s")) and title[-1] not in '”"')


def trim(text: str) -> str:
    """Drop trailing dangling words and punctuation; close a quotation left open."""
    words = text.split()
    while len(words) > 1 and (
        words[-1].lower().strip(",;:–—-“‘\"'(").strip("’'") in DANGLING
        or not re.search(r"\w", words[-1])
        or re.search(r"\w-$", words[-1])
    ):
        words.pop()
    t = " ".join(words).rstrip(" .,;:!?–—-\"'“”‘’(")
    if t.count("“") > t.count("”") or t.count('"') % 2:
        # cut inside a quotation: end before it when that leaves a phrase, else close it
        at = max(t.rfind("“"), t.rfind('"'))
        before = t[:at].rstrip(" ,;:–—-")
        if len(before) >= 25 and not dangling(before):
            return before
        t += "”" if "“" in t else '"'
    return t


def cut_plain(text: str, limit: int) -> str:
    """Without a parse: a clause boundary within ``limit`` (punctuation), else a word
    boundary; dangling words trimmed either way."""
    t = " ".join(text.split())
    if len(t) <= limit:
        return trim(t) if dangling(t.rstrip(".!?")) else t.rstrip(" .,;:!?–—-\"'“”‘’(")
    window = t[: limit + 1]
    clause = max(window.rfind(", "), window.rfind(" – "), window.rfind(" — "), window.rfind("; "))
    if clause >= limit * PREFIX_MIN:
        return trim(window[:clause])
    space = window.rfind(" ")
    return trim(window[:space] if space > 0 else window[:limit])
