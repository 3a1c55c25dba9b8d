"""Plain-text fallback: paragraphs become passages; dating is left to the dating stage.

A first line that reads like a headline is the title. Very short paragraphs
join the previous passage, list items and key takeaways are kept apart.
"""

from __future__ import annotations

from chronicle.readers import common
from chronicle.readers import patterns as pt
from chronicle.readers.draft import Ctx, DocDraft


def read_plaintext(ctx: Ctx, start: int, end: int) -> DocDraft:
    doc = DocDraft.new("text", ctx, start, end)
    first = ctx.next_nonblank(start - 1, end)
    while first is not None and (
        pt.DATE_LINE_RE.match(ctx.ana[first][:200]) or pt.PUBLISHED_RE.match(ctx.ana[first][:400])
    ):
        first = ctx.next_nonblank(first, end)  # a dateline above the headline
    title = None
    if first is not None:
        s = ctx.ana[first]
        nxt = ctx.next_nonblank(first, end)
        if pt.is_headline_like(s, max_words=25) and (
            nxt is None or nxt > first + 1 or pt.split_pipe_title(s)
        ):
            title = first
    header_lines: list[str] = []
    lo = start
    if title is not None:
        common.set_title(doc, ctx, title)
        doc.set(title, "title")
        lo = title + 1
    common.fill_header(ctx, doc, title, end)
    blocks = common.text_blocks(ctx, doc, lo, end)
    common.split_passages(ctx, doc, blocks)
    common.fill_publisher(ctx, doc, header_lines)
    return doc
