"""Markdown files with YAML front matter (title, date, url, publisher, author).

markdown-it-py gives the paragraphs, list items and headings with their line
ranges; the article rules then apply (a long report splits into passages), or
the digest rules when the file is a key-events digest. Malformed front matter
is reported with its line and the body is still read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any
from urllib.parse import urlparse

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from chronicle.readers import common, furniture, longreport
from chronicle.readers import patterns as pt
from chronicle.readers.common import Block
from chronicle.readers.draft import MAX_PASSAGE_CHARS, Ctx, DocDraft, PassageDraft

MAX_FRONT_MATTER_LINES = 500
MAX_FRONT_MATTER_CHARS = 64_000
_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")
#: Emphasis markers a scrape left unpaired ("Axis****(Russian objective").
_STRAY_EMPHASIS_RE = re.compile(r"\*{2,}|(?<!\w)_{2,}|_{2,}(?!\w)")
_PUBLISHER_KEYS = ("publisher", "source", "site_name", "site", "outlet")


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so impossible dates are ours to report."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclasses.dataclass
class FrontMatter:
    data: dict[str, Any]
    end: int  # 0-based index of the first body line
    key_lines: dict[str, int]  # key -> 0-based line index


def parse_front_matter(ctx: Ctx) -> FrontMatter | None:
    """Front matter between "---" lines at the top; problems become C105 diagnostics."""
    if not ctx.ana or ctx.ana[0] != "---" or ctx.raw[0].strip() != "---":
        return None
    close = None
    for j in range(1, min(len(ctx.ana), MAX_FRONT_MATTER_LINES)):
        if ctx.raw[j].strip() in ("---", "..."):
            close = j
            break
    if close is None:
        ctx.warn(
            "C105",
            "front matter starts with '---' but is never closed; reading the whole file as text",
            0,
        )
        return None
    key_lines: dict[str, int] = {}
    for j in range(1, close):
        m = _KEY_RE.match(ctx.raw[j])
        if m:
            key_lines.setdefault(m["key"].lower(), j)
    src = "\n".join(ctx.raw[1:close])
    if len(src) > MAX_FRONT_MATTER_CHARS:
        ctx.warn("C105", "front matter too large; ignored", 0)
        return FrontMatter({}, close + 1, key_lines)
    try:
        data = yaml.load(src, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1) if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        ctx.warn("C105", f"malformed YAML front matter: {problem}; body read as text", line)
        return FrontMatter({}, close + 1, key_lines)
    except (ValueError, TypeError, RecursionError) as exc:
        ctx.warn("C105", f"malformed YAML front matter: {exc}; body read as text", 0)
        return FrontMatter({}, close + 1, key_lines)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        ctx.warn("C105", "front matter is not a mapping of keys to values; ignored", 0)
        data = {}
    return FrontMatter({str(k).lower(): v for k, v in data.items()}, close + 1, key_lines)


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        s = pt.collapse_ws(str(value))
        return s[:500] or None
    return None


def _author(value: Any) -> str | None:
    if isinstance(value, list) and value and len(value) <= 20:
        names = [_scalar(v) for v in value]
        if all(names):
            return ", ".join(n for n in names if n)[:500]
        return None
    if isinstance(value, dict):
        return _scalar(value.get("name"))
    return _scalar(value)


def parse_date(value: str) -> dt.datetime:
    """An ISO date or date-time; free text via dateutil. Raises ValueError when impossible."""
    s = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return dt.datetime.combine(dt.date.fromisoformat(s), dt.time())
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        if re.fullmatch(r"[\d\-T:.+ Z]+", s):
            raise
    from dateutil import parser as du

    try:
        got = du.parse(s, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError) as exc:
        raise ValueError(str(exc)) from None
    if got.year == 1:
        raise ValueError("no year")
    return got.replace(tzinfo=None)


def safe_url(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 2000 or any(c.isspace() or ord(c) < 32 for c in s):
        return None
    u = urlparse(s)
    return s if u.scheme.lower() in ("http", "https") and u.netloc else None


def _apply_front_matter(ctx: Ctx, doc: DocDraft, fm: FrontMatter) -> None:
    data = fm.data
    title = _scalar(data.get("title"))
    if title:
        doc.title = title[:300]
    if "date" in data:
        line = fm.key_lines.get("date")
        raw = data["date"]
        text = _scalar(raw)
        try:
            if text is None or isinstance(raw, int | float):
                raise ValueError("not a date")
            when = parse_date(text)
            if not 1900 <= when.year <= 2200:
                raise ValueError("year out of range")
            doc.header = dataclasses.replace(
                doc.header, published=when, published_line=None if line is None else line + 1
            )
        except ValueError as exc:
            ctx.warn(
                "C202",
                f"front matter date {text or raw!r} is impossible or unreadable ({exc}); ignored",
                line,
            )
    if "url" in data:
        url = safe_url(data["url"])
        if url is None:
            ctx.warn(
                "C109",
                f"url {str(data['url'])[:80]!r} is not an http(s) URL; dropped",
                fm.key_lines.get("url"),
            )
        doc.url = url
    for key in _PUBLISHER_KEYS:
        pub = _scalar(data.get(key))
        if pub and safe_url(pub):
            doc.url = doc.url or safe_url(pub)  # "source: https://…" is where it came from
            continue
        if pub:
            doc.publisher = pub
            break
    if doc.title and not doc.publisher:
        split = _site_suffix(doc.title, doc.url)
        if split:
            doc.title, doc.publisher = split
    doc.author = _author(data.get("author") or data.get("authors") or data.get("byline"))
    section = _scalar(data.get("section") or data.get("category"))
    if section:
        doc.section = section


def _site_suffix(title: str, url: str | None) -> tuple[str, str] | None:
    """("Headline", "Outlet") for an HTML-style title "Headline | Section | Outlet".

    The last part is the outlet when it spells the URL's domain (or no URL is known
    and the title has a pipe); the headline is the first part.
    """
    parts = [p.strip() for p in re.split(r"\s+\|\s+", title)]
    if len(parts) < 2 or not parts[0]:
        return None
    outlet = parts[-1]
    if url:
        letters = re.sub(r"[^a-z0-9]", "", urlparse(url).netloc.lower().removeprefix("www."))
        squashed = re.sub(r"[^a-z0-9]", "", outlet.lower())
        if not squashed or squashed not in letters and not letters.startswith(squashed[:6]):
            return None
    return parts[0], outlet


def _inline_text(tok: Token) -> str:
    out: list[str] = []
    for child in tok.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return pt.collapse_ws(_STRAY_EMPHASIS_RE.sub(" ", "".join(out)))


def _split_unwrapped(ctx: Ctx, lines: list[int], text: str) -> list[Block]:
    """A Markdown paragraph whose lines are each a whole paragraph (scraped text) splits.

    Hard-wrapped text has short lines; a scrape puts one paragraph per long line with
    no blank line between, which Markdown would read as one paragraph.
    """
    if len(lines) < 2 or any(len(ctx.raw[i]) <= 100 for i in lines[:-1]):
        return [Block("para", lines, text)]
    md = MarkdownIt("commonmark")
    texts = []
    for i in lines:
        toks = md.parseInline(ctx.raw[i].strip())
        texts.append(_inline_text(toks[0]) if toks else ctx.ana[i])
    ends = [pt.ends_sentence(longreport.strip_markers(t)) for t in texts[:-1]]
    if not all(ends):
        return [Block("para", lines, text)]
    return [Block("para", [i], t) for i, t in zip(lines, texts, strict=True)]


#: A body with fewer blank lines than this share of its text lines is scraped text with
#: one block per line (Markdown would glue the lines into one paragraph or list item).
LINE_MODE_BLANKS = 0.2
_BLOCK_KINDS = {"heading_open": "heading", "paragraph_open": "para"}


def _line_mode(ctx: Ctx, lo: int, hi: int) -> bool:
    text = sum(1 for i in range(lo, hi) if ctx.ana[i])
    blanks = sum(1 for i in range(lo, hi) if not ctx.ana[i])
    return text >= 8 and blanks < LINE_MODE_BLANKS * text


def _line_blocks(ctx: Ctx, lo: int, hi: int) -> list[Block]:
    """One block per text line: its own heading, list item or paragraph."""
    md = MarkdownIt("commonmark")
    blocks: list[Block] = []
    for i in range(lo, hi):
        if not ctx.ana[i]:
            continue
        try:
            tokens = md.parse(ctx.raw[i].strip()[:MAX_PASSAGE_CHARS])
        except (RecursionError, ValueError):
            continue
        inline = next((t for t in tokens if t.type == "inline"), None)
        if inline is None:
            continue
        kind = "item" if tokens[0].type in ("bullet_list_open", "ordered_list_open") else None
        kind = kind or _BLOCK_KINDS.get(tokens[0].type)
        if kind is None:
            continue
        text = _inline_text(inline)
        takeaways = kind == "heading" and ctx.bp.is_takeaway_heading(text)
        blocks.append(Block(kind, [i], text, takeaways=takeaways))
    return blocks


def markdown_blocks(ctx: Ctx, doc: DocDraft, lo: int, hi: int) -> list[Block]:
    """Headings, paragraphs and list items of the body, with absolute line indices."""
    if _line_mode(ctx, lo, hi):
        return _keep(ctx, doc, _line_blocks(ctx, lo, hi))
    md = MarkdownIt("commonmark")
    src = "\n".join(ctx.raw[lo:hi])
    try:
        tokens = md.parse(src)
    except (RecursionError, ValueError):
        return []
    blocks: list[Block] = []
    item_depth = 0
    in_item_block: Block | None = None
    item_texts: list[list[str]] = []  # texts of each item block, joined once at the end
    for k, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            item_depth += 1
            if item_depth == 1 and tok.map:
                in_item_block = Block("item", [])
                blocks.append(in_item_block)
                item_texts.append([])
        elif tok.type == "list_item_close":
            item_depth -= 1
            if item_depth == 0:
                in_item_block = None
        elif tok.type == "inline" and k > 0 and tokens[k - 1].map:
            opener = tokens[k - 1]
            a, b = opener.map  # type: ignore[misc]
            lines = [lo + j for j in range(a, b) if lo + j < hi and ctx.ana[lo + j]]
            text = _inline_text(tok)
            if opener.type == "heading_open":
                blocks.append(
                    Block("heading", lines, text, takeaways=ctx.bp.is_takeaway_heading(text))
                )
            elif in_item_block is not None:
                in_item_block.lines.extend(lines)
                item_texts[-1].append(text)
            elif opener.type == "paragraph_open":
                blocks.extend(_split_unwrapped(ctx, lines, text))
    items = iter(item_texts)
    for b in blocks:
        if b.kind == "item":
            b.text = pt.collapse_ws(" ".join(next(items)))[:MAX_PASSAGE_CHARS]
    return _keep(ctx, doc, blocks)


def _keep(ctx: Ctx, doc: DocDraft, blocks: list[Block]) -> list[Block]:
    """Give the blocks' lines their roles; boilerplate and captions are dropped."""
    kept: list[Block] = []
    for b in blocks:
        if not b.lines or not b.text:
            continue
        role = {"heading": "heading", "para": "body", "item": "body"}[b.kind]
        if b.kind == "para" and (ctx.bp.match(b.text) or ctx.bp.is_caption(b.text)):
            role = "boilerplate"
        elif b.kind == "para" and ctx.bp.is_takeaway_heading(b.text):
            b.kind, b.takeaways, role = "heading", True, "heading"
        for i in b.lines:
            doc.set(i, role)
        if role != "boilerplate":
            kept.append(b)
    return kept


def read_markdown(ctx: Ctx) -> list[DocDraft]:
    n = len(ctx.ana)
    doc = DocDraft.new("markdown", ctx, 0, n)
    fm = parse_front_matter(ctx)
    lo = 0
    if fm is not None:
        for j in range(0, fm.end):
            doc.set(j, "dateline")
        _apply_front_matter(ctx, doc, fm)
        lo = fm.end
    blocks = markdown_blocks(ctx, doc, lo, n)
    title_line: int | None = None
    if blocks and blocks[0].kind == "heading":
        first = blocks[0]
        if not doc.title or pt.collapse_ws(first.text).casefold() == doc.title.casefold():
            doc.title = doc.title or first.text[:300]
            title_line = first.lines[0]
            blocks = blocks[1:]
            doc.set(title_line, "title")
    if not doc.title:
        first_text = next((b.text for b in blocks), "")
        doc.title = " ".join(first_text.split()[:12])
    common.fill_header(ctx, doc, title_line, n, begin=lo)
    if doc.header.war_day is None and fm is not None and "title" in fm.key_lines:
        day = pt.war_day(doc.title) if pt.is_digest_title(doc.title) else None
        if day is not None:
            doc.header = dataclasses.replace(
                doc.header, war_day=day, war_day_line=fm.key_lines["title"] + 1
            )
    digest = pt.DIGEST_TITLE_RE.search(doc.title) and any(b.kind == "item" for b in blocks)
    scraped = not digest and _line_mode(ctx, lo, n)
    if scraped:
        blocks = furniture.keep_article(ctx, doc, blocks)  # a whole page scraped to Markdown
        blocks = longreport.clean_blocks(ctx, doc, blocks)
    if digest:
        _digest_passages(ctx, doc, blocks)
    elif common.words(blocks) > common.LONG_WORDS or common.has_takeaways(blocks):
        if not scraped:
            blocks = longreport.clean_blocks(ctx, doc, blocks)
        common.split_passages(ctx, doc, blocks)
        longreport.drop_repeated_takeaways(ctx, doc)
    else:
        common.single_passage(ctx, doc, blocks, title_line, "article")
    common.fill_publisher(ctx, doc, [])
    return [doc]


def _digest_passages(ctx: Ctx, doc: DocDraft, blocks: list[Block]) -> None:
    heading: str | None = None
    for b in blocks:
        if b.kind == "heading":
            heading = b.text
        elif b.kind == "item":
            doc.passages.append(
                PassageDraft("bullet", b.lines[0], b.lines[1:], text=b.text, heading=heading)
            )
            doc.set(b.lines[0], "passage")
        else:
            role = "dateline" if pt.STAND_RE.search(b.text[:400]) else "summary"
            for i in b.lines:
                doc.set(i, role)
