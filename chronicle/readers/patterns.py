"""Line-level patterns shared by the readers.

All regexes are anchored and free of nested unbounded quantifiers, and they are
only applied to stripped lines of bounded length (see ``decode.analysis_text``),
so a hostile multi-megabyte line costs linear time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from chronicle.calendar_names import MONTHS

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?"

#: "  • text", "- text", "* text", "· text" (bullets of a digest or list)
BULLET_RE = re.compile(r"^\s*(?:[•·▪●◦‣∙►]\s*|[-*–—]\s+)(?P<text>\S.*)$")
#: "1. text", "2) text" (numbered takeaways)
NUMBERED_RE = re.compile(r"^\s*\d{1,2}[.)]\s+(?P<text>\S.*)$")

#: Live-blog timestamp lines: "07:14 , A Reporter", "Monday 3 March 2025 21:30 , A Reporter",
#: "January 28, 2026 at 7.14am GMT | Name", "2026-01-28 23:00".
TIMESTAMP_RE = re.compile(
    rf"^(?:(?P<wd>{_WEEKDAY}),?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))?"
    r",?\s*(?:at\s+|T)?(?P<h>\d{1,2})[:.](?P<min>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?:GMT|BST|UTC|CET|CEST|EET|EEST|ET|EST|EDT|PT|MSK|Kyiv time|local time)?"
    r"(?:\s*(?:,|\||—|–|-|·)\s*(?P<by>[^,|]{0,80}(?:,[^,|]{0,80})?))?\s*$",
    re.IGNORECASE,
)

#: "Here is where things stand on Monday, March 3:"
STAND_RE = re.compile(
    rf"\bwhere things stand on\s+(?P<date>(?:{_WEEKDAY},?\s+)?"
    rf"(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})"
    r"(?:,?\s+\d{4})?)",
    re.IGNORECASE,
)
#: "day 1,441" (war-day counter)
WAR_DAY_RE = re.compile(r"\bday\s+(?P<n>\d{1,3}(?:,\d{3})+|\d{1,6})\b", re.IGNORECASE)
#: "key developments from day 1,100 of Russia’s war", "Ukraine war, day 1,000"
WAR_DAY_CONTEXT_RE = re.compile(
    r"\bday\s+[-−–]?\s*[\d,]{1,9}\s+of\s+(?:the\s+)?(?:Russia|Moscow|war|full-scale|invasion)"
    r"|\bwar\W{1,3}day\s+\d",
    re.IGNORECASE,
)
#: "day -5" (an impossible counter, reported rather than silently dropped)
BAD_WAR_DAY_RE = re.compile(r"\bday\s*[-−–]\s*\d[\d,]{0,9}", re.IGNORECASE)
#: Largest plausible war-day counter (the dating stage checks it against the epoch).
MAX_WAR_DAY = 40_000
#: "Russia-Ukraine war: List of key events, day 1,100 | ..."
DIGEST_TITLE_RE = re.compile(
    r"\b(?:list of key events|key events\b.{0,40}\bday\s+[-−–]?\s*\d)",
    re.IGNORECASE,
)
#: "Title | Section" where the section is short ("Russia-Ukraine war News").
PIPE_TITLE_RE = re.compile(r"^(?P<title>\S.{8,400}?)\s+\|\s+(?P<section>[^|]{2,60})$")
#: "Published On 4 Feb 2026", "Updated: January 28, 2026 ...", "Published 2026-02-04"
PUBLISHED_RE = re.compile(
    rf"^(?:Published|Updated|Last updated|Posted|Date)(?: on| at)?:?\s+"
    rf"(?P<date>(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}))",
    re.IGNORECASE,
)
_STANDFIRST_START_RE = re.compile(
    r"^(?:these|here|below|this|the following|following|read|in this)\b", re.IGNORECASE
)
#: A line that is only a date: "Wednesday, February 4, 2026", "4 February 2026", "2026-02-04"
DATE_LINE_RE = re.compile(
    rf"^(?P<date>(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?)$",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?…:;,][\"'”’)\]»]*$")


@dataclass(frozen=True)
class Stamp:
    time: str  # "HH:MM"
    date: dt.date | None
    byline: str | None
    date_text: str | None  # the printed date phrase, when any
    error: str | None = None  # an impossible printed date ("30 February 2026")


def word_count(s: str) -> int:
    return len(s.split())


def ends_sentence(s: str) -> bool:
    return bool(_SENTENCE_END_RE.search(s[-8:])) if s else False


def is_headline_like(s: str, max_words: int = 30) -> bool:
    """A line that reads like a headline: a few words, no sentence-final punctuation."""
    if not s or len(s) > 300 or ends_sentence(s) and not s.endswith(("?", "!", "?’", "?'")):
        return False
    n = word_count(s)
    return 2 <= n <= max_words and (s[0].isupper() or s[0].isdigit() or s[0] in "‘'\"“")


def is_short_heading(s: str, max_words: int = 8) -> bool:
    """A topic heading or sub-heading: short, no sentence punctuation."""
    if not s or len(s) > 90 or ends_sentence(s):
        return False
    return 1 <= word_count(s) <= max_words and (s[0].isupper() or s[0].isdigit())


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3] if name.lower()[:4] != "sept" else "sep"]


def parse_timestamp(s: str) -> Stamp | None:
    """A live-blog timestamp line, or None; an impossible date is kept as ``error``."""
    if len(s) > 160 or not s[:1].isalnum():
        return None
    m = TIMESTAMP_RE.match(s)
    if not m:
        return None
    hour, minute = int(m["h"]), int(m["min"])
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    by = (m["by"] or "").strip() or None
    if by is not None and (word_count(by) > 8 or ends_sentence(by) or not by[0].isupper()):
        return None
    date: dt.date | None = None
    date_text: str | None = None
    error: str | None = None
    if m["d1"] or m["d2"] or m["iso"]:
        date_text = s[: m.start("h")].strip(" ,").removesuffix(" at").strip(" ,T")
        try:
            if m["iso"]:
                date = dt.date.fromisoformat(m["iso"])
            elif m["d1"]:
                date = dt.date(int(m["y1"]), _month(m["m1"]), int(m["d1"]))
            else:
                date = dt.date(int(m["y2"]), _month(m["m2"]), int(m["d2"]))
        except ValueError as exc:
            error = f"impossible date {date_text!r} ({exc})"
    elif m["wd"]:
        return None  # "Monday 07:14" alone is too weak to call a timestamp
    return Stamp(f"{hour:02d}:{minute:02d}", date, by, date_text, error)


def split_pipe_title(s: str) -> tuple[str, str] | None:
    """("Title", "Section") for a "Title | Section" headline, else None."""
    if len(s) > 480 or " | " not in s:
        return None
    m = PIPE_TITLE_RE.match(s)
    if not m:
        return None
    title, section = m["title"].strip(), m["section"].strip()
    if "|" in title or word_count(section) > 6 or word_count(title) < 3 or ends_sentence(section):
        return None
    if not (section[0].isupper() or section[0].isdigit()):
        return None
    return title, section


def is_digest_title(s: str) -> bool:
    """A key-events digest headline (not the standfirst that repeats its words)."""
    if not s or word_count(s) > 40 or BULLET_RE.match(s) or _STANDFIRST_START_RE.match(s):
        return False
    return bool(DIGEST_TITLE_RE.search(s[:300])) and (
        not ends_sentence(s) or split_pipe_title(s) is not None
    )


def war_day(s: str) -> int | None:
    m = WAR_DAY_RE.search(s[:400])
    return int(m["n"].replace(",", "")) if m else None


_WS_RE = re.compile(r"\s+")


def collapse_ws(s: str) -> str:
    return _WS_RE.sub(" ", s).strip()
