"""Pieces shared by the format readers: titles, mastheads, header dates, blocks, splitting."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from chronicle.readers import patterns as pt
from chronicle.readers.draft import MAX_PASSAGE_CHARS, Ctx, DocDraft, PassageDraft
from chronicle.readers.publishers import detect_publisher, masthead_publisher

#: An article longer than this (words) is a long report and is split into passages.
LONG_WORDS = 1_200
#: Paragraphs shorter than this (words) are merged into the previous one when splitting.
MIN_WORDS = 15
#: Short paragraphs stop joining a passage once it has this many words.
MERGED_WORDS = 150
#: A paragraph after a key-takeaways heading longer than this ends the takeaways.
MAX_TAKEAWAY_WORDS = 120


@dataclass
class Block:
    kind: str  # para | item | heading
    lines: list[int] = field(default_factory=list)
    text: str = ""
    takeaways: bool = False  # a heading that opens a key-takeaways list


def is_header_junk(ctx: Ctx, s: str) -> bool:
    """A line above a headline that is not news: masthead, byline, banner or tag."""
    if ctx.bp.match(s, header=True) or masthead_publisher(s):
        return True
    return pt.word_count(s) <= 8 and not pt.ends_sentence(s)


def find_title(ctx: Ctx, start: int, end: int) -> int | None:
    """First line of [start, end) that can be a headline, skipping masthead junk."""
    for i in range(start, end):
        s = ctx.ana[i]
        if not s:
            continue
        if pt.split_pipe_title(s) or pt.is_digest_title(s):
            return i
        if pt.DATE_LINE_RE.match(s[:200]) or pt.PUBLISHED_RE.match(s[:400]):
            continue
        if ctx.bp.match(s, header=True) or masthead_publisher(s):
            continue
        if pt.is_headline_like(s, max_words=40) and pt.word_count(s) >= 3:
            return i
        if pt.word_count(s) <= 8 and not pt.ends_sentence(s):
            continue  # a tag line ("World", "Vladimir Putin")
        return None
    return None


def mark_pre_title(ctx: Ctx, doc: DocDraft, start: int, title: int) -> list[str]:
    """Roles for lines above the headline; returns them (for masthead publishers)."""
    seen: list[str] = []
    for i in range(start, title):
        s = ctx.ana[i]
        if not s:
            continue
        seen.append(s)
        doc.set(i, "boilerplate" if is_header_junk(ctx, s) else "text")
    return seen


def set_title(doc: DocDraft, ctx: Ctx, i: int) -> None:
    s = ctx.ana[i]
    split = pt.split_pipe_title(s)
    if split:
        doc.title, doc.section = split
    else:
        doc.title = s[:300]


def fill_header(
    ctx: Ctx, doc: DocDraft, title: int | None, scan_end: int, begin: int | None = None
) -> None:
    """War-day counter, printed date and "Published …" line from the top of a document."""
    header = doc.header
    begin = doc.start if begin is None else begin
    top = begin if title is None else title
    warned_day = False
    for i in range(begin, min(scan_end, top + 40)):
        s = ctx.ana[i]
        if not s:
            continue
        if header.war_day is None and (
            pt.is_digest_title(s) or pt.WAR_DAY_CONTEXT_RE.search(s[:400])
        ):
            n = pt.war_day(s)
            bad = pt.BAD_WAR_DAY_RE.search(s[:400])
            if n is not None and 1 <= n <= pt.MAX_WAR_DAY:
                header = dataclasses.replace(header, war_day=n, war_day_line=i + 1)
            elif (bad or n is not None) and not warned_day:
                phrase = bad.group(0) if bad else f"day {n}"
                ctx.warn("C202", f"war-day counter '{phrase}' is impossible; ignored", i)
                warned_day = True
        if header.printed_date is None:
            m = (
                pt.STAND_RE.search(s[:400])
                or pt.PUBLISHED_RE.match(s[:400])
                or pt.DATE_LINE_RE.match(s[:200])
            )
            if m:
                header = dataclasses.replace(
                    header, printed_date=m["date"].strip(" ,"), printed_line=i + 1
                )
                doc.set(i, "dateline")
    doc.header = header


def fill_publisher(ctx: Ctx, doc: DocDraft, header_lines: list[str]) -> None:
    if doc.publisher:
        return
    body = [ctx.ana[i] for i in range(doc.start, doc.end) if ctx.ana[i]]
    full_title = f"{doc.title} | {doc.section}" if doc.section else doc.title
    doc.publisher = detect_publisher(full_title, header_lines, body)


def text_blocks(ctx: Ctx, doc: DocDraft, lo: int, hi: int) -> list[Block]:
    """Paragraphs, list items and sub-headings of an article or plain text body.

    Boilerplate, datelines and footers get their roles here and never reach a block.
    """
    blocks: list[Block] = []
    cur: Block | None = None
    footer = False
    takeaways = False
    for i in range(lo, hi):
        s = ctx.ana[i]
        if not s:
            cur = None
            continue
        if cur is not None and _ends_unwrapped(ctx, cur.lines[-1], takeaways):
            cur = None  # one paragraph (or takeaway) per line, no blank lines between
        if footer or ctx.bp.is_footer_start(s):
            footer = True
            doc.set(i, "boilerplate")
            cur = None
            continue
        if pt.PUBLISHED_RE.match(s[:400]) or pt.DATE_LINE_RE.match(s[:200]):
            doc.set(i, "dateline")
            cur = None
            continue
        if ctx.bp.is_takeaway_heading(s):
            doc.set(i, "heading")
            blocks.append(Block("heading", [i], s.rstrip(":"), takeaways=True))
            cur = None
            takeaways = True
            continue
        m = pt.BULLET_RE.match(s) or pt.NUMBERED_RE.match(s)
        if m:
            doc.set(i, "body")
            cur = Block("item", [i], m["text"])
            blocks.append(cur)
            continue
        if ctx.bp.match(s) or masthead_publisher(s):
            doc.set(i, "boilerplate")
            cur = None
            continue
        if cur is not None:  # a wrapped line continues its paragraph or item
            cur.lines.append(i)
            doc.set(i, "body")
            continue
        nxt = ctx.next_nonblank(i, hi)
        standalone = nxt is None or nxt > i + 1
        if (standalone and pt.is_short_heading(s, max_words=10)) or heading_between_paragraphs(
            ctx, i
        ):
            doc.set(i, "heading")
            blocks.append(Block("heading", [i], s))
            takeaways = False
            continue
        bare = _TRAILING_MARKERS.sub("", s)  # "… stay open.[25]" ends a sentence
        if (
            standalone
            and pt.is_headline_like(bare)
            and not pt.ends_sentence(bare)
            and pt.word_count(s) > 10
        ):
            doc.set(i, "boilerplate")  # a related-story teaser line
            continue
        doc.set(i, "body")
        cur = Block("para", [i])
        blocks.append(cur)
    for b in blocks:
        if b.kind == "para":
            b.text = ctx.join(b.lines)
        elif b.kind == "item":
            b.text = pt.collapse_ws(" ".join([b.text, *(ctx.ana[j] for j in b.lines[1:])]))
    # a sub-heading with no text after it is a trailing teaser or tag, not a heading
    content_after = False
    for b in reversed(blocks):
        if b.kind == "heading" and not content_after:
            doc.set(b.lines[0], "boilerplate")
            b.kind = "dropped"
        elif b.kind in ("para", "item"):
            content_after = True
    return [b for b in blocks if b.kind != "dropped"]


def _ends_unwrapped(ctx: Ctx, j: int, takeaways: bool) -> bool:
    """Does line ``j`` end its paragraph even without a blank line after it?

    Scraped text often puts one paragraph per line with no blank lines; hard-wrapped
    text has short lines. A line ending a sentence ends the paragraph if it is too
    long to be a wrapped line, or if it sits in a key-takeaways list.
    """
    if heading_between_paragraphs(ctx, j):
        return True
    s = _TRAILING_MARKERS.sub("", ctx.ana[j])  # "… on March 13.[21]" ends its sentence
    if not pt.ends_sentence(s):
        return False
    return takeaways or len(ctx.raw[j]) > 100


def heading_between_paragraphs(ctx: Ctx, j: int) -> bool:
    """A short line without a sentence end between two one-line paragraphs: a section
    heading or label ("Supporting Effort #2—Harbour:"), never a wrapped line (text
    wrapped by hand has no line long enough around it)."""
    if not _label_line(ctx, j):
        return False
    # two labels in a row ("Counter-offensives (…)" over "Eastern Ukraine: (…)") count too
    after = _unwrapped(ctx, j + 1) or (_label_line(ctx, j + 1) and _unwrapped(ctx, j + 2))
    before = _unwrapped(ctx, j - 1) or (_label_line(ctx, j - 1) and _unwrapped(ctx, j - 2))
    return after and before


def _label_line(ctx: Ctx, j: int) -> bool:
    if not 0 <= j < len(ctx.ana):
        return False
    s = _TRAILING_MARKERS.sub("", ctx.ana[j])
    n = pt.word_count(s)
    # "Supporting Effort #1—Harbour: (objective: hold the port and …)": a long label
    labelled = n <= 50 and s.endswith(")") and "(" in s[: len(s) // 2 + 1]
    return s[:1].isupper() and (n <= 25 or labelled) and not s.endswith((".", "!", "?", "”", '"'))


#: Reference markers at the end of a line ("[21]", "[3, 4]").
_TRAILING_MARKERS = re.compile(r"(?:\s?\[\d{1,4}(?:\s*[,–-]\s*\d{1,4})*\])+\s*$")


def _unwrapped(ctx: Ctx, j: int) -> bool:
    """Line ``j`` is a whole paragraph on one line (too long for hard-wrapped text)."""
    return 0 <= j < len(ctx.raw) and len(ctx.raw[j]) > 100


def words(blocks: list[Block]) -> int:
    return sum(pt.word_count(b.text) for b in blocks if b.kind in ("para", "item"))


def has_takeaways(blocks: list[Block]) -> bool:
    for k, b in enumerate(blocks):
        if (
            b.kind == "heading"
            and b.takeaways
            and k + 1 < len(blocks)
            and blocks[k + 1].kind in ("item", "para")
        ):
            return True
    return False


def single_passage(
    ctx: Ctx, doc: DocDraft, blocks: list[Block], title_line: int | None, kind: str
) -> None:
    body = [i for b in blocks if b.kind in ("para", "item") for i in b.lines]
    if title_line is None and not body:
        return
    line = title_line if title_line is not None else body[0]
    texts = [b.text for b in blocks if b.kind in ("para", "item")]
    p = PassageDraft(
        kind,
        line,
        [i for i in body if i != line],
        text=pt.collapse_ws(" ".join(texts)),
        title=doc.title or None,
    )
    doc.set(line, "passage")
    doc.passages.append(p)


def split_passages(ctx: Ctx, doc: DocDraft, blocks: list[Block]) -> None:
    """One passage per paragraph or takeaway; very short paragraphs join the previous one.

    A run of short paragraphs is cut every ``MERGED_WORDS`` words, so merging never
    builds one giant passage (and stays linear on huge inputs).
    """
    groups: list[tuple[str, str | None, list[Block]]] = []
    merged: list[int] = []  # words of short paragraphs merged into each group
    heading: str | None = None
    takeaways = False
    pending: list[Block] = []  # short paragraphs waiting for a unit to join
    pending_words = 0

    def flush(extra: Block | None = None) -> None:
        nonlocal pending, pending_words
        bs = [*pending, extra] if extra is not None else pending
        if bs:
            groups.append(("paragraph", heading, bs))
            merged.append(pending_words)
        pending, pending_words = [], 0

    for b in blocks:
        if b.kind == "heading":
            flush()
            heading, takeaways = (None if b.takeaways else b.text), b.takeaways
            continue
        n = pt.word_count(b.text)
        if takeaways and (b.kind == "item" or n <= MAX_TAKEAWAY_WORDS):
            groups.append(("takeaway", None, [b]))
            merged.append(0)
            continue
        takeaways = False
        if n >= MIN_WORDS:
            flush(b)
            continue
        last_ok = (
            groups
            and not pending
            and groups[-1][0] == "paragraph"
            and groups[-1][1] == heading
            and merged[-1] < MERGED_WORDS
        )
        if last_ok:
            groups[-1][2].append(b)
            merged[-1] += n
            continue
        pending.append(b)
        pending_words += n
        if pending_words >= MERGED_WORDS:
            flush()
    flush()
    for kind, head, bs in groups:
        lines = [i for b in bs for i in b.lines]
        text = pt.collapse_ws(" ".join(b.text for b in bs))[:MAX_PASSAGE_CHARS]
        doc.passages.append(
            PassageDraft(
                kind, lines[0], lines[1:], text=text, title=doc.title or None, heading=head
            )
        )
        doc.set(lines[0], "passage")
