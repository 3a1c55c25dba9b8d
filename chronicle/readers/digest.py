"""Key-events digests: title, "where things stand on …", topic headings, bullets.

Each bullet is one passage and keeps the topic heading it sits under (None when
the digest has no headings). Non-bullet lines among the bullets are photo
captions and credits: boilerplate. A digest whose bullet markers were lost in
scraping is read with its sentence lines as bullets.
"""

from __future__ import annotations

from chronicle.readers import common
from chronicle.readers import patterns as pt
from chronicle.readers.draft import MAX_PASSAGE_CHARS, Ctx, DocDraft, PassageDraft


def is_digest(ctx: Ctx, start: int, end: int) -> bool:
    """A digest title, or a "where things stand" line followed by bullets."""
    stand = False
    for i in range(start, end):
        s = ctx.ana[i]
        if not s:
            continue
        if pt.is_digest_title(s) and pt.word_count(s) <= 40 and not pt.BULLET_RE.match(s):
            return True
        if pt.STAND_RE.search(s[:400]):
            stand = True
        elif stand and pt.BULLET_RE.match(s):
            return True
    return False


def _is_bullet_line(s: str) -> bool:
    return bool(pt.BULLET_RE.match(s))


def read_digest(ctx: Ctx, start: int, end: int) -> DocDraft:
    doc = DocDraft.new("digest", ctx, start, end)
    title = None
    for i in range(start, end):
        if ctx.ana[i] and pt.is_digest_title(ctx.ana[i]) and not _is_bullet_line(ctx.ana[i]):
            title = i
            break
    if title is None:
        title = common.find_title(ctx, start, end)
    header_lines = common.mark_pre_title(ctx, doc, start, title if title is not None else start)
    first = start
    if title is not None:
        common.set_title(doc, ctx, title)
        doc.set(title, "title")
        first = title + 1
    common.fill_header(ctx, doc, title, end)

    has_bullets = any(_is_bullet_line(ctx.ana[i]) for i in range(first, end) if ctx.ana[i])
    stand_line = next(
        (i for i in range(first, end) if ctx.ana[i] and pt.STAND_RE.search(ctx.ana[i][:400])), None
    )
    if has_bullets:
        is_item = _is_bullet_line
    else:  # bullet markers lost: sentence lines after the dateline are the bullets

        def is_item(s: str) -> bool:
            return pt.ends_sentence(s) and pt.word_count(s) >= 6 and not ctx.bp.match(s)

    items_from = stand_line + 1 if stand_line is not None else first
    if not has_bullets and stand_line is None:
        nxt = ctx.next_nonblank(first - 1, end)
        items_from = nxt + 1 if nxt is not None else first  # skip the standfirst

    heading: str | None = None
    current: PassageDraft | None = None
    seen_item = False
    footer = False
    for i in range(first, end):
        s = ctx.ana[i]
        if not s:
            current = None
            continue
        if footer or ctx.bp.is_footer_start(s) or ctx.bp.is_end_marker(s):
            footer = footer or ctx.bp.is_footer_start(s)
            doc.set(i, "boilerplate")
            current = None
            continue
        if doc.role(i) == "dateline":
            current = None
            continue
        if i >= items_from and is_item(s):
            m = pt.BULLET_RE.match(s)
            text = m["text"] if m else s
            current = PassageDraft("bullet", i, [], text=pt.collapse_ws(text), heading=heading)
            doc.passages.append(current)
            doc.set(i, "passage")
            seen_item = True
            continue
        raw = ctx.raw[i]
        wrapped = raw[:1].isspace() or s[:1].islower()
        if (
            current is not None and has_bullets and wrapped and not ctx.bp.match(s)
        ):  # an indented (or lower-case) continuation of the bullet
            current.body.append(i)
            doc.set(i, "body")
            continue
        current = None
        if ctx.bp.match(s):
            doc.set(i, "boilerplate")
            continue
        nxt = ctx.next_nonblank(i, end)
        if (
            i >= items_from - 1
            and pt.is_short_heading(s)
            and not ctx.bp.is_caption(s)
            and nxt is not None
            and is_item(ctx.ana[nxt])
            and nxt >= items_from
        ):
            heading = s
            doc.set(i, "heading")
            continue
        doc.set(i, "boilerplate" if seen_item else "summary")
    for p in doc.passages:  # continuation lines join once, at the end (linear)
        if p.body:
            p.text = pt.collapse_ws(f"{p.text} {ctx.join(p.body)}")
        p.text = p.text[:MAX_PASSAGE_CHARS]
    common.fill_publisher(ctx, doc, header_lines)
    return doc
