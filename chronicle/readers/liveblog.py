"""Live blogs: a headline line, then a timestamp line ("07:14 , Name"), then the body.

Entries run newest first; each entry (even a video entry with no body) is one
passage carrying its printed time, date (when printed) and byline. The
standfirst and the "Key Points" list above the first entry are summary lines.
Captions, credits, related-story teasers and their lead-in lines inside an
entry are boilerplate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from chronicle.readers import common
from chronicle.readers import patterns as pt
from chronicle.readers.draft import Ctx, DocDraft, PassageDraft

#: Fewest headline + timestamp pairs that make a live blog.
MIN_ENTRIES = 2


@dataclasses.dataclass(frozen=True)
class Entry:
    headline: int | None  # 0-based index of the headline line
    stamp: int  # 0-based index of the timestamp line
    parsed: pt.Stamp

    @property
    def start(self) -> int:
        return self.headline if self.headline is not None else self.stamp


def _is_entry_headline(ctx: Ctx, s: str) -> bool:
    if pt.parse_timestamp(s) or ctx.bp.is_caption(s) or pt.BULLET_RE.match(s):
        return False
    if pt.word_count(s) > 40 or len(s) > 400:
        return False
    # the line above a timestamp is the headline by the format; only a long sentence
    # there means the entry has no headline (the line ends the previous entry's body)
    return not pt.ends_sentence(s) or pt.word_count(s) <= 14


def find_entries(ctx: Ctx, start: int, end: int) -> list[Entry]:
    entries: list[Entry] = []
    prev_nonblank: int | None = None
    for i in range(start, end):
        s = ctx.ana[i]
        if not s:
            continue
        stamp = pt.parse_timestamp(s) if len(s) <= 160 else None
        if stamp is not None:
            head = prev_nonblank
            taken = entries and head is not None and head <= entries[-1].stamp
            standalone = head is not None and (head == start or not ctx.ana[head - 1])
            if (
                head is not None
                and standalone
                and not taken
                and _is_entry_headline(ctx, ctx.ana[head])
            ):
                entries.append(Entry(head, i, stamp))
            elif entries or head is None or taken:
                entries.append(Entry(None, i, stamp))
        prev_nonblank = i
    return entries


def is_liveblog(ctx: Ctx, start: int, end: int) -> bool:
    entries = find_entries(ctx, start, end)
    return len(entries) >= MIN_ENTRIES and any(e.headline is not None for e in entries)


def _body_roles(ctx: Ctx, doc: DocDraft, lo: int, hi: int, footer: list[bool]) -> list[int]:
    """Classify an entry's body lines; returns the text lines."""
    content: list[int] = []
    candidates: list[int] = []
    for i in range(lo, hi):
        s = ctx.ana[i]
        if not s:
            continue
        if footer[0] or ctx.bp.is_footer_start(s):
            footer[0] = True
            doc.set(i, "boilerplate")
        elif ctx.bp.match(s):
            doc.set(i, "boilerplate")
        elif pt.is_headline_like(s) and not pt.ends_sentence(s):
            candidates.append(i)  # a teaser, or a sub-heading if text follows
            doc.set(i, "heading")
        else:
            doc.set(i, "body")
            content.append(i)
    # a lead-in line ("… writes:", "Read more here:") right before a teaser is boilerplate
    last_candidate = max(candidates, default=-1)
    for _ in range(2):
        if content and ctx.ana[content[-1]].endswith(":") and last_candidate > content[-1]:
            doc.set(content[-1], "boilerplate")
            content.pop()
    last_text = content[-1] if content else -1
    for i in candidates:
        if i > last_text:
            doc.set(i, "boilerplate")  # trailing related-story teaser
    return content


def read_liveblog(ctx: Ctx, start: int, end: int) -> DocDraft:
    doc = DocDraft.new("liveblog", ctx, start, end)
    entries = find_entries(ctx, start, end)
    first_entry = entries[0].start if entries else end
    title = common.find_title(ctx, start, first_entry)
    header_lines = common.mark_pre_title(ctx, doc, start, title if title is not None else start)
    if title is not None:
        common.set_title(doc, ctx, title)
        doc.set(title, "title")
    common.fill_header(ctx, doc, title, first_entry)
    lo = title + 1 if title is not None else start
    for i in range(lo, first_entry):  # standfirst and "Key Points"
        s = ctx.ana[i]
        if not s or doc.role(i) == "dateline":
            continue
        if ctx.bp.match(s) and not ctx.bp.is_summary_heading(s):
            doc.set(i, "boilerplate")
        else:
            doc.set(i, "summary")

    footer = [False]
    newest: tuple[dt.datetime, int] | None = None
    for k, e in enumerate(entries):
        hi = entries[k + 1].start if k + 1 < len(entries) else end
        if e.headline is not None:
            doc.set(e.headline, "passage")
        doc.set(e.stamp, "dateline")
        body = _body_roles(ctx, doc, e.stamp + 1, hi, footer)
        st = e.parsed
        if st.error:
            ctx.warn("C202", f"timestamp line: {st.error}", e.stamp)
        p = PassageDraft(
            "entry",
            e.start,
            body,
            text=ctx.join(body),
            title=ctx.ana[e.headline] if e.headline is not None else None,
            time=st.time,
            stamp_date=st.date,
            byline=st.byline,
            extra=[e.stamp] if e.headline is not None else [],
        )
        if e.headline is None:
            doc.set(e.stamp, "passage")
        doc.passages.append(p)
        if st.date is not None:
            hh, mm = map(int, st.time.split(":"))
            when = dt.datetime(st.date.year, st.date.month, st.date.day, hh, mm)
            if newest is None or when > newest[0]:
                newest = (when, e.stamp)
    if newest is not None:
        doc.header = dataclasses.replace(
            doc.header, published=newest[0], published_line=newest[1] + 1
        )
    common.fill_publisher(ctx, doc, header_lines)
    return doc
