"""Whole web pages dumped as text by a scraper: find the article, keep the rest off events.

A page dump is recognised by its scraper's metadata block near the top (``URL:``,
``Domain:``, ``Scraped at:`` … as plain or Markdown ``- **Key**: value`` lines). It
may carry sections of its own: the page's text (``## Content``), its outline
(``## Page Structure``: the headings, ``#`` for the headline) and its links
(``## Links``: ``[anchor](url)``, which gives each line its link density).

The page's text is every text node of the page, menus and footers included, one
per line. Each line (lines a link split mid-sentence are joined back) is classed
reportage or furniture by ``furniture.classify`` (jusText's classifier plus
sentence shape and the boilerplate rules); the article is the densest run of
reportage, its headline the outline's ``#`` heading (or the page title's first
part) nearest above it, its date the dateline near the headline (or the URL's
day). Everything else keeps its line on the source page as boilerplate. The
metadata's URL and domain give the document's url and publisher, never its title.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlparse

from chronicle.dating.printed import dateline_date, url_date
from chronicle.readers import common, furniture, longreport
from chronicle.readers import patterns as pt
from chronicle.readers.common import Block
from chronicle.readers.draft import Ctx, DocDraft
from chronicle.readers.markdown import parse_date, safe_url

#: The metadata block starts within this many lines of the top.
META_SCAN_LINES = 40
_META_RE = re.compile(
    r"^(?:[-*]\s+|#{1,6}\s+)?(?:\*\*)?(?P<key>[A-Za-z][\w ]{0,30}?)(?:\*\*)?\s*:\s*(?:\*\*)?\s*"
    r"(?P<value>\S.{0,2000})$"
)
_SECTION_RE = re.compile(r"^#{1,3}\s+(?P<name>[A-Za-z][\w ]{0,40})\s*$")
_CONTENT_NAMES = {"content", "page content", "main content", "text", "body", "page text"}
_LINKS_NAMES = {"links", "page links", "outlinks", "link list"}
_STRUCTURE_NAMES = {"page structure", "structure", "outline", "headings"}
_LINK_ITEM_RE = re.compile(r"^\s*[-*]\s*\[(?P<text>[^\]]{0,500})\]\((?P<url>[^)\s]{0,2000})\)")
_INLINE_LINK_RE = re.compile(r"\[(?P<text>[^\]]{1,300})\]\((?P<url>[^)\s]{1,2000})\)")
_OUTLINE_RE = re.compile(r"^\s*[-*]\s+(?P<hashes>#{1,6})\s+(?P<text>\S.{0,500})$")
_URL_KEYS = ("url", "source url", "page url", "link", "source", "canonical url")
_DOMAIN_KEYS = ("domain", "host", "site")
_DATE_KEYS = ("published", "date", "publication date", "published at", "timestamp")
_EMPHASIS_RE = re.compile(r"\*{2,}|(?<!\w)_{2,}|_{2,}(?!\w)")
_TITLE_SPLIT_RE = re.compile(r"\s+(?:\||–|—|-|::|·)\s+")


@dataclass
class Layout:
    meta: dict[str, str]
    meta_lines: list[int]
    content: tuple[int, int]
    links: set[str] = field(default_factory=set)
    outline: list[tuple[int, str]] = field(default_factory=list)  # (level, text)
    other: set[int] = field(default_factory=set)  # section and outline lines


def _norm(s: str) -> str:
    return pt.collapse_ws(s).casefold().strip(" .:")


def detect(ctx: Ctx) -> Layout | None:
    """The dump's layout when the file opens with a scraper's metadata block, else None."""
    meta: dict[str, str] = {}
    meta_lines: list[int] = []
    n = len(ctx.ana)
    for i in range(min(n, META_SCAN_LINES)):
        s = ctx.ana[i]
        m = _META_RE.match(s) if s else None
        if m is None:
            continue
        key = m["key"].strip().lower()
        value = m["value"].strip().strip("*").strip()
        if key in _URL_KEYS and safe_url(value) is None:
            continue
        if meta_lines and i - meta_lines[-1] > 3:
            break  # the block has ended
        meta.setdefault(key, value)
        meta_lines.append(i)
    if not any(k in meta for k in _URL_KEYS) or len(meta_lines) < 2:
        return None
    if ctx.ana[0] == "---":
        return None  # YAML front matter: the Markdown reader's
    sections: list[tuple[int, str]] = []
    for i in range(n):
        m = _SECTION_RE.match(ctx.ana[i]) if ctx.ana[i].startswith("#") else None
        if m:
            sections.append((i, m["name"].strip().lower()))
    body_start = meta_lines[-1] + 1
    content = (body_start, n)
    layout = Layout(meta, meta_lines, content)
    for k, (i, name) in enumerate(sections):
        end = sections[k + 1][0] if k + 1 < len(sections) else n
        if name in _CONTENT_NAMES:
            layout.content = (i + 1, end)
            layout.other.add(i)
        elif name in _LINKS_NAMES or name in _STRUCTURE_NAMES or name == "metadata":
            layout.other.update(range(i, end))
            if name in _LINKS_NAMES:
                for j in range(i + 1, end):
                    m = _LINK_ITEM_RE.match(ctx.ana[j])
                    if m and m["text"].strip() and not m["text"].startswith("http"):
                        layout.links.add(_norm(m["text"]))
            elif name in _STRUCTURE_NAMES:
                for j in range(i + 1, end):
                    m = _OUTLINE_RE.match(ctx.ana[j])
                    if m:
                        layout.outline.append((len(m["hashes"]), _norm(m["text"])))
    if layout.content[0] == body_start and sections and sections[0][0] < body_start:
        # no content section but a heading above the metadata (the domain): text follows
        pass
    return layout


@dataclass
class _Unit:
    lines: list[int]
    text: str
    links: int
    heading: bool


def _units(ctx: Ctx, layout: Layout, lo: int, hi: int, headings: set[str]) -> list[_Unit]:
    """Text lines of the content, a line split mid-sentence by a link joined back."""
    units: list[_Unit] = []
    for i in range(lo, hi):
        s = ctx.ana[i]
        if not s or i in layout.other:
            continue
        plain = _EMPHASIS_RE.sub("", _INLINE_LINK_RE.sub(lambda m: m["text"], s)).strip()
        if not plain:
            continue
        inline = sum(len(m["text"]) for m in _INLINE_LINK_RE.finditer(s))
        key = _norm(plain)
        links = len(plain) if key in layout.links else inline
        heading = key in headings or s.startswith("#")
        plain = plain.lstrip("#").strip()
        prev = units[-1] if units else None
        if (
            prev is not None
            and not prev.heading
            and not heading
            and not pt.ends_sentence(prev.text)
            and plain[:1].islower()
            and pt.word_count(prev.text) >= 3
            and prev.lines[-1] >= i - 2
            and not prev.links
            and not ctx.bp.match(plain)
            and not ctx.bp.match(prev.text)
        ):
            prev.lines.append(i)
            prev.text = f"{prev.text} {plain}"
            prev.links += links
            continue
        units.append(_Unit([i], plain, links, heading))
    return units


def _slug_title(url: str | None) -> str:
    """ "Ukraine marks four years of war" from ``…/2026/02/24/ukraine-marks-four-years-of-war``."""
    if not url:
        return ""
    path = urlparse(url).path.rstrip("/")
    slug = path.rsplit("/", 1)[-1]
    slug = re.sub(r"\.(?:html?|php|aspx?)$", "", slug)
    slug = re.sub(r"(?:^|[-_])(?:19|20)\d\d[-_]\d{1,2}[-_]\d{1,2}(?=$|[-_])", "", slug)
    words = [
        w for w in re.split(r"[-_]+", slug) if w and not re.fullmatch(r"\d{5,}|[0-9a-f]{8,}", w)
    ]
    if len(words) < 3 or not any(w.isalpha() for w in words):
        return ""
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _site_name(page_title: str, domain: str) -> str | None:
    """The outlet's name from the page title's last part when it spells the domain."""
    parts = _TITLE_SPLIT_RE.split(page_title)
    if len(parts) < 2:
        return None
    letters = re.sub(r"[^a-z0-9]", "", domain.lower().removeprefix("www."))
    for cand in reversed(parts[1:]):
        squashed = re.sub(r"[^a-z0-9]", "", cand.lower())
        if squashed and len(cand) <= 60 and (squashed in letters or letters.startswith(squashed)):
            return cand.strip()
    return None


def _domain(layout: Layout, url: str | None) -> str | None:
    for k in _DOMAIN_KEYS:
        if k in layout.meta:
            return layout.meta[k].strip().lower()
    return urlparse(url).netloc.lower() if url else None


def read_pagedump(ctx: Ctx, layout: Layout) -> list[DocDraft]:
    n = len(ctx.ana)
    doc = DocDraft.new("article", ctx, 0, n)
    for i in range(n):
        if ctx.ana[i]:
            doc.set(i, "boilerplate")
    for i in layout.meta_lines:
        doc.set(i, "dateline")
    url = next((safe_url(layout.meta[k]) for k in _URL_KEYS if k in layout.meta), None)
    doc.url = url
    domain = _domain(layout, url)
    lo, hi = layout.content
    headline_texts = {t for level, t in layout.outline if level == 1}
    sub_headings = {t for level, t in layout.outline if level > 1}
    units = _units(ctx, layout, lo, hi, headline_texts | sub_headings)
    page_title = units[0].text if units else ""
    if domain:
        doc.publisher = _site_name(page_title, domain) or domain.removeprefix("www.")
    good = furniture.classify([furniture.Unit(u.text, u.links, u.heading) for u in units], ctx.bp)
    run = furniture.main_run(good, [len(u.text) for u in units])
    if run is not None:
        run = furniture.cut_tail([u.text for u in units], good, run, ctx.bp)
    parts = _TITLE_SPLIT_RE.split(page_title) if page_title else []
    # the page's <title> ("Headline | Section | Outlet") opens the text; without one, the
    # URL's slug is the headline its editors wrote ("…/ukraine-marks-four-years")
    first_title = parts[0] if len(parts) > 1 else _slug_title(url)
    wanted = headline_texts or {_norm(first_title)}
    head_k = _headline(units, wanted, run)
    if head_k is not None:
        doc.title = units[head_k].text[:300]
        doc.set(units[head_k].lines[0], "title")
    elif first_title and pt.word_count(first_title) >= 3:
        doc.title = first_title[:300]
    if page_title and len(parts) > 1 and units and head_k != 0:
        doc.set(units[0].lines[0], "boilerplate")
    blocks: list[Block] = []
    if run is not None:
        first, last = run
        start = head_k + 1 if head_k is not None and head_k < first else first
        _dateline(ctx, doc, units, head_k, start, first, layout)
        _byline(doc, units, head_k, first)
        for k in range(start, last + 1):
            u = units[k]
            if ctx.bp.is_takeaway_heading(u.text):
                blocks.append(Block("heading", [u.lines[0]], u.text.rstrip(":"), takeaways=True))
                doc.set(u.lines[0], "heading")
            elif good[k]:
                blocks.append(Block("para", list(u.lines), u.text))
                for i in u.lines:
                    doc.set(i, "body")
            elif not ctx.bp.match(u.text) and _context_heading(
                u, k, first, good[k + 1 : min(last, k + 3) + 1], bool(layout.outline)
            ):
                blocks.append(Block("heading", [u.lines[0]], u.text))
                doc.set(u.lines[0], "heading")
    else:
        _dateline(ctx, doc, units, head_k, 0, len(units), layout)
    if not doc.header.published:
        _fallback_date(ctx, doc, layout)
    blocks = longreport.clean_blocks(ctx, doc, blocks)
    if common.words(blocks) > common.LONG_WORDS or common.has_takeaways(blocks):
        common.split_passages(ctx, doc, blocks)
    else:
        title_line = units[head_k].lines[0] if head_k is not None else None
        common.single_passage(ctx, doc, blocks, title_line, "article")
    if not doc.title:
        # no headline and no article: the file's name, never the domain or a menu line
        opening = doc.passages[0].text if doc.passages else ""
        doc.title = " ".join(opening.split()[:12]) or PurePosixPath(ctx.path).stem
    return [doc]


def _context_heading(u: _Unit, k: int, first: int, following: list[bool], outlined: bool) -> bool:
    """A sub-heading inside the article: marked as one (or shaped like one), text under it."""
    if k <= first or not following[:2] or not any(following[:2]) or u.links:
        return False
    if outlined:
        return u.heading
    return longreport.is_section_heading(u.text)


def _headline(units: list[_Unit], wanted: set[str], run: tuple[int, int] | None) -> int | None:
    """The unit repeating the headline nearest above the article (or its first one)."""
    hits = [k for k, u in enumerate(units) if k > 0 and _norm(u.text) in wanted]
    if not hits:
        return None
    if run is None:
        return hits[0]
    above = [k for k in hits if k <= run[0]]
    return above[-1] if above else None  # a heading inside or after the text is not its headline


def _dateline(
    ctx: Ctx,
    doc: DocDraft,
    units: list[_Unit],
    head_k: int | None,
    start: int,
    first: int,
    layout: Layout,
) -> None:
    """The printed date nearest the headline: lines between headline and body, then above."""
    centre = head_k if head_k is not None else start
    after = [k for k in range(centre + 1, min(len(units), centre + 12)) if k < first + 4]
    order = [*after, *range(centre - 1, max(-1, centre - 8), -1)]
    for k in order:
        u = units[k]
        if ctx.bp.is_caption(u.text):
            continue
        got = dateline_date(u.text)
        if got is None:
            continue
        day, phrase = got
        doc.header = dataclasses.replace(
            doc.header,
            published=dt.datetime.combine(day, dt.time()),
            published_line=u.lines[0] + 1,
            printed_date=phrase,
            printed_line=u.lines[0] + 1,
        )
        doc.set(u.lines[0], "dateline")
        return


_BY_RE = re.compile(r"^(?:By|BY|Words by|Written by)\s*:?\s*(?P<names>.*)$")
_NAMES_RE = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}){0,5}$"
)


def _byline(doc: DocDraft, units: list[_Unit], head_k: int | None, first: int) -> None:
    """The author from "By Name" (or "By" then "Name") between the headline and the text."""
    lo = (head_k + 1) if head_k is not None else max(0, first - 8)
    for k in range(lo, min(len(units), max(first, lo) + 8)):
        m = _BY_RE.match(units[k].text)
        if not m:
            continue
        names = m["names"].strip()
        lines = list(units[k].lines)
        if not names and k + 1 < len(units):
            names = units[k + 1].text.strip()
            lines += units[k + 1].lines
        names = re.split(
            r"\s*[|,–-]\s*(?=[A-Z][a-z]+ (?:Correspondent|Editor|Reporter|Staff))", names
        )[0]
        if names and len(names) <= 200 and _NAMES_RE.match(names):
            doc.author = names
            for i in lines:
                doc.set(i, "boilerplate")
            return


def _fallback_date(ctx: Ctx, doc: DocDraft, layout: Layout) -> None:
    """No dateline: the URL's day, else a publication date in the metadata block."""
    day = url_date(doc.url)
    line = next((i for i in layout.meta_lines if "http" in ctx.ana[i]), None)
    if day is None:
        for key in _DATE_KEYS:
            if key in layout.meta:
                try:
                    day = parse_date(layout.meta[key]).date()
                except ValueError:
                    continue
                line = next(
                    (
                        i
                        for i in layout.meta_lines
                        if ctx.ana[i].lower().lstrip("-* ").lstrip("*").startswith(key)
                    ),
                    line,
                )
                break
    if day is not None and 1990 <= day.year <= 2200:
        doc.header = dataclasses.replace(
            doc.header,
            published=dt.datetime.combine(day, dt.time()),
            published_line=None if line is None else line + 1,
        )
