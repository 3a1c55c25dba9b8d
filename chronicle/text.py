"""Words and sentences of news text, shared by every stage that compares or classifies it.

One tokeniser, one stemmer and one sentence splitter, so topics, the shipped topic model,
casualties, titles and the merge read a text the same way (and a change here is a change
of all their memo versions).
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

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
def stem_cached(word: str) -> str:
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


def words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` (transliterated; possessive 's dropped)."""
    ascii_text = text if text.isascii() else anyascii(text)
    return _TOKEN.findall(ascii_text.lower().replace("'s", ""))


def tokens(text: str) -> list[str]:
    """All word stems of ``text`` in order (stop words kept, for phrase matching)."""
    return [stem_cached(t) for t in words(text)]


def content_tokens(text: str) -> list[str]:
    return [
        stem_cached(t) for t in words(text) if t not in STOPWORDS and not t.isdigit() and len(t) > 1
    ]


_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[“\"‘(]?[A-Z0-9])")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|St|Jr|Sr|No|vs|U\.S|U\.K|approx)\.$")


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping "Mr." and "U.S." together."""
    parts: list[str] = []
    buf = ""
    for piece in _SENTENCE_END.split(text.strip()):
        buf = f"{buf} {piece}" if buf else piece
        if not _ABBREV.search(buf.rstrip('”"’) ')):
            parts.append(buf.strip())
            buf = ""
    if buf:
        parts.append(buf.strip())
    return [p for p in parts if p]
