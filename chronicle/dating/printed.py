"""A page's printed publication date: the dateline near its headline, or its URL.

Pages print their date in a short line of its own near the headline ("Published
On 27 Feb 2026", "Feb 26, 2026 | 9:05 AM", "27 February 2026, 19:06",
"27.02.2026"). A date inside a sentence, a photo caption or a background clause is
never a dateline: the whole line must be the date plus a few words (a verb of
publishing, a time, a byline). News URLs often carry the day too
(``/2026/02/27/``, ``2026-02-27``), the fallback when nothing is printed.
"""

from __future__ import annotations

import datetime as dt
import re

from chronicle.calendar_names import MONTHS

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_DATE_RE = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY})\.?,?\s+)?(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d{2})-(?P<d3>\d{2})"
    r"|(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
#: Words a dateline may hold besides the date ("Published On", "Updated", a time, a zone).
_DATELINE_WORDS = re.compile(
    r"(?:published|updated|last|posted|date[d]?|on|at|[ap]\.?m\.?|gmt|bst|utc|cet|cest"
    r"|eet|eest|est|edt|et|pt|msk|kyiv|time|local|min|mins|read|minutes?|by|\d{1,2}[:.]\d{2}"
    r"|\d{1,2}|[-|,·•:/–—()]+)",
    re.IGNORECASE,
)
_URL_DATE_RE = re.compile(
    r"[/_-]((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)"
    r"|[/_-]((?:19|20)\d\d)(\d\d)(\d\d)(?:[/_.-]|$)"
)
_URL_WORDS_DATE_RE = re.compile(
    r"(?P<m>january|february|march|april|may|june|july|august|september|october|november|december)"
    r"-(?P<d>\d{1,2})-(?P<y>(?:19|20)\d\d)\b"
)
#: A dateline is short: the date and at most this many other words.
MAX_EXTRA_WORDS = 6


def _month(name: str) -> int:
    low = name.lower().rstrip(".")
    return MONTHS[low[:3] if low[:4] != "sept" else "sep"]


def parse_date_match(m: re.Match[str]) -> dt.date | None:
    try:
        if m["y1"]:
            return dt.date(int(m["y1"]), _month(m["m1"]), int(m["d1"]))
        if m["y2"]:
            return dt.date(int(m["y2"]), _month(m["m2"]), int(m["d2"]))
        if m["y3"]:
            return dt.date(int(m["y3"]), int(m["m3"]), int(m["d3"]))
        return dt.date(int(m["y4"]), int(m["m4"]), int(m["d4"]))
    except (ValueError, KeyError):
        return None


def dateline_date(line: str) -> tuple[dt.date, str] | None:
    """(date, phrase) when ``line`` is a dateline: a full date and little else."""
    if len(line) > 160:
        return None
    m = _DATE_RE.search(line)
    if m is None:
        return None
    rest = (line[: m.start()] + " " + line[m.end() :]).split()
    extra = [w for w in rest if w.strip(".,") and not _DATELINE_WORDS.fullmatch(w.rstrip(","))]
    if len(extra) > MAX_EXTRA_WORDS or len(rest) > MAX_EXTRA_WORDS + 6:
        return None
    if any(not w[:1].isupper() for w in extra):
        return None  # running prose ("since the invasion on ..."), not a dateline
    if extra and line.rstrip().endswith((".", "]", ")")) and len(extra) > 2:
        return None  # a short sentence or a caption credit, not a dateline
    day = parse_date_match(m)
    if day is None:
        return None
    return day, m.group(0).strip(" ,")


def url_date(url: str | None) -> dt.date | None:
    """The day a news URL carries.

    ``/2026/2/27/``, ``2026-02-27``, ``_20260227_`` or ``…-december-18-2025``.
    """
    if not url:
        return None
    m = _URL_DATE_RE.search(url)
    if not m:
        w = _URL_WORDS_DATE_RE.search(url.lower())
        if not w:
            return None
        try:
            return dt.date(int(w["y"]), _month(w["m"]), int(w["d"]))
        except (ValueError, KeyError):
            return None
    y, mo, d = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
    try:
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None
