"""Split a text file into documents and pick a reader for each (detect, don't assume).

Documents start at a title line (a key-events digest title or "Title | Section")
or at the first line after an end marker ("Source link"). Stretches holding no
news of their own (tag lines between documents) join the following document,
or the previous one at the end of the file, so documents partition the file.
"""

from __future__ import annotations

from chronicle.readers import digest, liveblog, stampfirst
from chronicle.readers import patterns as pt
from chronicle.readers.article import read_article
from chronicle.readers.draft import Ctx, DocDraft
from chronicle.readers.plaintext import read_plaintext


def _is_title_line(ctx: Ctx, i: int, n: int) -> bool:
    s = ctx.ana[i]
    if not s or pt.BULLET_RE.match(s) or pt.word_count(s) > 45:
        return False
    if not (pt.split_pipe_title(s) or pt.is_digest_title(s)):
        return False
    nxt = ctx.next_nonblank(i, n)
    return nxt is None or pt.parse_timestamp(ctx.ana[nxt]) is None  # else a live-blog entry


def _has_news(ctx: Ctx, start: int, end: int) -> bool:
    """Does [start, end) hold anything besides tag lines and boilerplate?"""
    for i in range(start, end):
        s = ctx.ana[i]
        if not s or ctx.bp.match(s, header=True):
            continue
        if pt.word_count(s) > 8 or pt.ends_sentence(s):
            return True
    return False


def segment(ctx: Ctx) -> list[tuple[int, int, bool]]:
    """[(start, end, ended_by_marker)] covering every line of the file."""
    n = len(ctx.ana)
    starts: set[int] = set()
    markers: list[int] = []
    for i in range(n):
        s = ctx.ana[i]
        if not s:
            continue
        if ctx.bp.is_end_marker(s):
            markers.append(i)
        elif _is_title_line(ctx, i, n):
            starts.add(i)
    titles = set(starts)
    for m in markers:
        j = ctx.next_nonblank(m, n)
        if j is not None:
            starts.add(j)
    bounds = sorted(starts - {0})
    cuts = [0, *bounds, n]
    spans = [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1) if cuts[k] < cuts[k + 1]]
    # fold news-less stretches into the next document (or the previous one at the end)
    merged: list[list[int]] = []
    pending: int | None = None
    for k, (a, b) in enumerate(spans):
        if pending is not None:
            a, pending = pending, None
        newsless = a not in titles and not _has_news(ctx, a, b)
        if newsless and k < len(spans) - 1:
            pending = a
            continue
        if newsless and merged:
            merged[-1][1] = b
            continue
        merged.append([a, b])
    marker_set = set(markers)
    out: list[tuple[int, int, bool]] = []
    for a, b in merged:
        last = ctx.prev_nonblank(b, a)
        out.append((a, b, last is not None and last in marker_set))
    return out


def read_segments(ctx: Ctx) -> list[DocDraft]:
    spans = segment(ctx)
    multi = len(spans) > 1
    drafts: list[DocDraft] = []
    for a, b, ended in spans:
        if digest.is_digest(ctx, a, b):
            drafts.append(digest.read_digest(ctx, a, b))
        elif liveblog.is_liveblog(ctx, a, b):
            drafts.append(liveblog.read_liveblog(ctx, a, b))
        elif stampfirst.is_stampfirst(ctx, a, b):
            drafts.append(stampfirst.read_stampfirst(ctx, a, b))
        elif _starts_with_pipe_title(ctx, a, b) or ended or multi:
            drafts.append(read_article(ctx, a, b))
        else:
            drafts.append(read_plaintext(ctx, a, b))
    return drafts


def _starts_with_pipe_title(ctx: Ctx, a: int, b: int) -> bool:
    for i in range(a, min(b, a + 20)):
        if ctx.ana[i] and pt.split_pipe_title(ctx.ana[i]):
            return True
    return False
