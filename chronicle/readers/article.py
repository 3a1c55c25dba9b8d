"""Standalone articles: "Title | Section News", paragraphs, until "Source link".

A normal article is one passage (headline line + body paragraphs); sub-headings
get role "heading". A long report (over ``common.LONG_WORDS`` words, or one with a
key-takeaways list) becomes one passage per paragraph or takeaway instead.
"""

from __future__ import annotations

from chronicle.readers import common, longreport
from chronicle.readers.draft import Ctx, DocDraft


def read_article(ctx: Ctx, start: int, end: int, kind: str = "article") -> DocDraft:
    doc = DocDraft.new(kind, ctx, start, end)
    title = common.find_title(ctx, start, end)
    header_lines = common.mark_pre_title(ctx, doc, start, title if title is not None else start)
    lo = start
    if title is not None:
        common.set_title(doc, ctx, title)
        lo = title + 1
    common.fill_header(ctx, doc, title, end)
    blocks = common.text_blocks(ctx, doc, lo, end)
    if common.words(blocks) > common.LONG_WORDS or common.has_takeaways(blocks):
        if title is not None:
            doc.set(title, "title")
        blocks = longreport.clean_blocks(ctx, doc, blocks)
        common.split_passages(ctx, doc, blocks)
        longreport.drop_repeated_takeaways(ctx, doc)
    else:
        common.single_passage(ctx, doc, blocks, title, "article")
    common.fill_publisher(ctx, doc, header_lines)
    return doc
