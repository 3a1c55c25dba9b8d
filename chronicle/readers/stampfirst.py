"""Live blogs whose entries open with their stamp: ``21 May 2022 23.34 Headline Body …``.

The other common layout of a scraped live blog (the seed's puts the stamp line
after the headline). Each entry starts with its stamp — a date and a time, or a
bare ``HH.MM``/``HH:MM`` — at the start of a line or glued to the end of the
entry before it, when the scraper dropped the markup between blocks
(``… Updated at 23.50 GMT 24 Feb 202223.33Asked when …``). An entry runs to the
next stamp; its ``Updated at …`` and ``1h ago`` notes are not text. A headline
shows where the layout shows it: glued to the body (``… PolandOn the heels …``)
or on a line of its own. Sign-offs, "Summary" entries, promos and a pinned post
repeated at the end are kept off passages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from chronicle.calendar_names import MONTHS
from chronicle.readers import common
from chronicle.readers import patterns as pt
from chronicle.readers.draft import Ctx, DocDraft, PassageDraft

#: Fewest stamps that make a stamp-first live blog.
MIN_ENTRIES = 3
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}"
_ZONE = r"(?:GMT|BST|UTC|CET|CEST|EET|EEST|EST|EDT|ET|PT|AEST|AEDT|MSK)"
#: The previous entry's tail notes, then the stamp: "Updated at 23.50 GMT", "1h ago",
#: "From 7 Jul 2022", "24 Feb 2022", then "23.33" (glued or spaced).
STAMP_RE = re.compile(
    rf"(?P<notes>(?:Updated at \d{{1,2}}[.:]\d{{2}}\s*{_ZONE}?\s*|\d{{1,2}}[hmd] ago\s*)*)"
    rf"(?:From\s+)?(?:(?P<day>\d{{1,2}}) (?P<mon>{_MON}) (?P<year>(?:19|20)\d\d)\s?)?"
    r"(?P<h>[01]\d|2[0-3])[.:](?P<m>[0-5]\d)(?![\d.:,%])"
    rf"(?:\s*{_ZONE})?"
)
_GLUE_BEFORE = re.compile(r"[\w.!?”’\"')\]]$")
#: Where a glued headline meets its body: "…PolandOn the heels".
_HEADLINE_GLUE_RE = re.compile(
    r"(?:(?<=[a-z]{3})|(?<=[0-9’'”)]))(?=[A-Z‘“][a-z’']|[AI] [a-z])"
    r"|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})"
)
_SENTENCE_GLUE_RE = re.compile(r"(?<=[a-z0-9)][.!?:])(?=[A-Z“‘])|(?<=[.!?][”’\"])(?=[A-Z])")
_TAIL_NOTE_RE = re.compile(
    rf"\s*(?:Updated at \d{{1,2}}[.:]\d{{2}}\s*{_ZONE}?|\d{{1,2}}[hmd] ago)\s*$"
)
_READ_MORE_RE = re.compile(r"(?:(?<=[.!?:”’])|^)[^.!?:]{0,200}?Read more(?=[A-Z\s]|$)")
#: A photo caption glued into the text: its last sentence and the credit.
_CREDIT_RE = re.compile(
    r"(?:(?<=[.!?”’])|^)[^.!?]{0,300}[.!?]?\s*(?:Photograph|Photo|Picture|Image)s?: "
    r"[^.!?]{0,80}?(?=Updated at|[A-Z][a-z]|$)"
)
#: An author's name glued between the headline and the body: "Andrew RothFor just …".
_BYLINE_GLUE_RE = re.compile(r"(?P<name>[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){1,2})(?=[A-Z][a-z])")
#: An author's name glued to the start of the entry: "Peter HannamNRMA offers …".
_LEADING_BYLINE_RE = re.compile(r"(?P<name>[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){1,2})(?=[A-Z])")
#: An entry of photo captions leaves fewer words than this once the captions are cut.
PHOTO_ENTRY_WORDS = 15
#: A headline is a few words.
MAX_HEADLINE_WORDS = 22


@dataclass(frozen=True)
class Stamp:
    line: int  # 0-based line index
    start: int  # column where the stamp (with its notes) starts
    text_start: int  # column where the entry's text starts
    time: str
    date: dt.date | None
    strong: bool = False  # dated, opening a line or after an "Updated at"/"1h ago" note


def _stamps_in_line(s: str, line: int) -> list[Stamp]:
    out: list[Stamp] = []
    for m in STAMP_RE.finditer(s):
        stamp_at = m.start("day") if m["day"] else m.start("h")
        lead = s[max(0, stamp_at - 80) : stamp_at]  # what precedes the stamp (bounded)
        after = s[m.end() : m.end() + 2]
        if not after.strip():
            ok = not lead.strip() or m["notes"] or m["day"]  # a bare stamp line
        elif m["day"]:
            ok = True  # a full date with its time glued or next to it opens an entry
        else:
            # a bare time: at the line start, after a tail note, or glued to the end of
            # the previous entry and to the next word ("ago14.04At least")
            glued_after = after[:1].isupper() or after[:1] in "‘“'\""
            glued = bool(_GLUE_BEFORE.search(lead)) and not lead.endswith(" ")
            after_sentence = lead.endswith(" ") and pt.ends_sentence(lead.rstrip())
            ok = (not lead.strip() or bool(m["notes"]) or glued or after_sentence) and (
                glued_after or (after[:1] == " " and not lead.strip())
            )
        if not ok:
            continue
        date = None
        if m["day"]:
            try:
                date = dt.date(int(m["year"]), MONTHS[m["mon"].lower()[:3]], int(m["day"]))
            except (ValueError, KeyError):
                continue
        strong = bool(m["day"] or m["notes"] or not lead.strip())
        out.append(Stamp(line, m.start(), m.end(), f"{int(m['h']):02d}:{m['m']}", date, strong))
    return out


def find_stamps(ctx: Ctx, start: int, end: int) -> list[Stamp]:
    stamps: list[Stamp] = []
    for i in range(start, end):
        s = ctx.ana[i]
        if s and any(c.isdigit() for c in s[:40_000]):
            stamps.extend(_stamps_in_line(ctx.raw[i].strip(), i))
    return stamps


def is_stampfirst(ctx: Ctx, start: int, end: int) -> bool:
    stamps = find_stamps(ctx, start, end)
    if len(stamps) < MIN_ENTRIES:
        return False
    # a real blog's stamps open its entries: most are glued, dated or open a line
    return sum(1 for st in stamps if st.strong) >= MIN_ENTRIES - 1


#: A photographer/agency credit glued into the text: "John Moore/Getty", "Reuters Tv/Reuters".
_SLASH_CREDIT_RE = re.compile(
    r"(?:(?<=[.!?”’])\s*[^.!?]{0,300}?[.!?]\s*)?"
    r"\b[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,3}(?:/[A-Z][\w’'-]*(?: [A-Z][\w’'-]+){0,2})+"
    r"(?=[A-Z][a-z]|\s*$)"
)
#: A lead-in to a link or embed the scrape dropped: "You can read the full report here:".
_LEAD_IN_RE = re.compile(r"(?:(?<=[.!?”’])|^)\s*[^.!?:]{0,200}:\s*$")


def _clean(text: str) -> str:
    text = _TAIL_NOTE_RE.sub("", text)
    text = _READ_MORE_RE.sub(" ", text)
    text = _CREDIT_RE.sub(" ", text)
    text = _SLASH_CREDIT_RE.sub(" ", text)
    text = pt.collapse_ws(_SENTENCE_GLUE_RE.sub(" ", text))
    return pt.collapse_ws(_LEAD_IN_RE.sub("", text)) if len(text) > 200 else text


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, body) when the layout shows a headline glued to (or above) the body.

    A byline ("Andrew Roth") or a photo credit glued in front of the body is not one.
    """
    for m in _HEADLINE_GLUE_RE.finditer(text[:400]):
        head = text[: m.start()].strip()
        if not any(c.isalpha() for c in head):
            continue  # an opening quote: "'Many killed' in attack …"
        if _BYLINE_GLUE_RE.fullmatch(head) and pt.word_count(head) <= 3:
            return None, text
        if pt.word_count(head) > MAX_HEADLINE_WORDS:
            break
        if re.search(r"[.!?]\s", head) or pt.word_count(head) < 1:
            break  # a sentence ended first: the entry has no headline
        return head, text[m.start() :].strip()
    return None, text


def read_stampfirst(ctx: Ctx, start: int, end: int) -> DocDraft:
    doc = DocDraft.new("liveblog", ctx, start, end)
    stamps = find_stamps(ctx, start, end)
    first_line = stamps[0].line if stamps else end
    title = common.find_title(
        ctx, start, first_line + (0 if stamps and stamps[0].start == 0 else 1)
    )
    if title is not None and title < first_line:
        common.set_title(doc, ctx, title)
        doc.set(title, "title")
    for i in range(start, first_line):
        if ctx.ana[i] and i != title:
            doc.set(i, "summary")
    seen: set[str] = set()
    for k, st in enumerate(stamps):
        nxt = stamps[k + 1] if k + 1 < len(stamps) else None
        stop_line = nxt.line if nxt else end - 1
        parts: list[str] = []
        lines: list[int] = []
        head_line: str | None = None
        for i in range(st.line, stop_line + 1):
            raw = ctx.raw[i].strip()
            lo = st.text_start if i == st.line else 0
            hi = nxt.start if nxt is not None and i == nxt.line else len(raw)
            if i == nxt_line(nxt) and hi == 0:
                break
            seg = raw[lo:hi].strip()
            if not seg:
                continue
            if i == st.line and not parts and lo >= len(raw.rstrip()):
                continue
            more = i < stop_line and any(ctx.ana[j] for j in range(i + 1, stop_line + 1))
            if not parts and head_line is None and more and _own_line_headline(seg):
                head_line = seg  # a headline on a line of its own, the body below
                lines.append(i)
                continue
            parts.append(seg)
            lines.append(i)
        joined = " ".join(parts)
        text = _clean(joined)
        photos = len(_CREDIT_RE.findall(joined)) + len(_SLASH_CREDIT_RE.findall(joined))
        byline = None
        lead = _LEADING_BYLINE_RE.match(text)
        if lead and not head_line:
            byline, text = lead["name"], text[lead.end() :]
        headline, body = (head_line, text) if head_line else split_headline(text)
        m = _BYLINE_GLUE_RE.match(body)
        if m and byline is None:
            byline, body = m["name"], body[m.end() :]
        if not lines:
            lines = [st.line]
        key = pt.collapse_ws(f"{headline or ''} {body}").casefold()
        skip = (
            not body
            or key in seen
            or ctx.bp.is_liveblog_skip(headline or "", body)
            or pt.word_count(body) < 4
            or (photos and pt.word_count(body) < PHOTO_ENTRY_WORDS)  # a gallery of captions
            or not text
        )
        seen.add(key)
        if skip:
            for i in {st.line, *lines}:
                if doc.role(i) not in ("passage", "body"):
                    doc.set(i, "summary")
            continue
        p = PassageDraft(
            "entry",
            st.line,
            [i for i in lines if i != st.line],
            text=body,
            title=headline,
            time=st.time,
            stamp_date=st.date,
            byline=byline,
        )
        doc.passages.append(p)
        if doc.role(st.line) != "passage":
            doc.set(st.line, "passage")
        for i in p.body:
            if doc.role(i) != "passage":
                doc.set(i, "body")
    dated = [
        dt.datetime.combine(p.stamp_date, _clock(p.time))  # type: ignore[arg-type]
        for p in doc.passages
        if p.stamp_date is not None and p.time
    ]
    if dated:
        import dataclasses

        doc.header = dataclasses.replace(doc.header, published=max(dated))
    common.fill_publisher(ctx, doc, [])
    return doc


def nxt_line(st: Stamp | None) -> int | None:
    return None if st is None else st.line


def _own_line_headline(seg: str) -> bool:
    return pt.is_headline_like(seg, max_words=MAX_HEADLINE_WORDS) and not pt.ends_sentence(seg)


def _clock(time: str) -> dt.time:
    """ "07:14" as a time of day."""
    hour, minute, *rest = (int(x) for x in time.split(":"))
    return dt.time(hour, minute, rest[0] if rest else 0)
