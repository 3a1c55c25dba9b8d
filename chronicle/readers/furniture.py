"""Reportage or page furniture? A paragraph classifier that holds across outlets.

The field's reference for this is jusText's paragraph classifier: length, stop-word
density and link density decide each paragraph, then short and borderline
paragraphs take the class of their neighbours (a short sentence between two body
paragraphs is body; a short line between menus is a menu). We run jusText's own
two passes (``classify_paragraphs`` and ``revise_paragraph_classification``) with
its English stop list on the paragraphs our readers found, and add what a text
dump still shows once the HTML is gone:

- sentence shape: a line without terminal punctuation and without a verb-ish
  lower-case word is a label (menu item, button, tag), never a body paragraph;
- the boilerplate rules of ``chronicle/data/boilerplate.yaml`` (captions, credits,
  widgets, banners) for what features cannot decide;
- position: the article is the densest run of body paragraphs; body-like text far
  from it (a donation appeal in the footer, a teaser block) is not the article.
"""

from __future__ import annotations

import re
import types
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from chronicle.readers import longreport
from chronicle.readers import patterns as pt
from chronicle.readers.boilerplate import Boilerplate
from chronicle.readers.common import Block
from chronicle.readers.draft import Ctx, DocDraft

#: Body runs separated by at most this many furniture lines are one article.
MAX_GAP_LINES = 16
#: ... unless the furniture between them holds more characters than this.
MAX_GAP_CHARS = 900
_WORD_RE = re.compile(r"[A-Za-z][a-z'’-]+")
_LOWER_WORD_RE = re.compile(r"\b[a-z][a-z'’-]{2,}\b")
#: Appeals to the reader ("we need you", "your support") are promos, not reportage.
_APPEAL_RE = re.compile(
    r"\b(?:support (?:us|our)|donat(?:e|ion|ions|ing)|donors?|(?:monthly|one-time) gift"
    r"|subscribe|your (?:support|donation|inbox|email)"
    r"|sign up|newsletter|our (?:journalism|newsroom|reporting|mission|readers)"
    r"|we (?:need|rely on|depend on) (?:you|your|readers)|cookies?|log ?in|password"
    r"|personal data|(?:reader|member)-supported|paid subscri\w+|support my work)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unit:
    """One paragraph as a page dump shows it."""

    text: str
    link_chars: int = 0  # characters of the text that were link anchors
    heading: bool = False  # the page marks it as a heading


@lru_cache(maxsize=1)
def _justext() -> tuple[object, frozenset[str]]:
    from justext import core, get_stoplist

    return core, frozenset(w.lower() for w in get_stoplist("English"))


def stopword_density(text: str) -> float:
    _core, stop = _justext()
    words = text.split()
    return (
        sum(w.lower().strip(".,;:!?\"'“”‘’()") in stop for w in words) / len(words)
        if words
        else 0.0
    )


def is_label(text: str) -> bool:
    """A menu item, button, tag or heading: no terminal punctuation and no running prose."""
    if pt.ends_sentence(longreport.strip_markers(text)):
        return False
    return len(_LOWER_WORD_RE.findall(text)) < 3 or pt.word_count(text) <= 4


def is_appeal(text: str) -> bool:
    """Addresses the reader (donate, subscribe, newsletter): a promo, not news."""
    return len(_APPEAL_RE.findall(text)) >= 1 and pt.word_count(text) < 120


class _Para:
    """The attributes jusText's classifier reads, for a paragraph we already have."""

    def __init__(self, unit: Unit) -> None:
        from justext.paragraph import Paragraph

        self._p = Paragraph(
            types.SimpleNamespace(dom="body.h2" if unit.heading else "body.p", xpath="/")
        )
        self._p.append_text(unit.text)
        self._p.chars_count_in_links = min(unit.link_chars, len(unit.text))

    @property
    def p(self) -> object:
        return self._p


#: jusText's "long enough to be good on its own" (200 characters for HTML paragraphs);
#: a text dump's paragraph is often one sentence, so a shorter one counts.
LENGTH_HIGH = 150
#: A borderline paragraph this long, ending its sentence and without links, is prose.
PROSE_WORDS = 18


def classify(units: Sequence[Unit], bp: Boilerplate) -> list[bool]:
    """True for each unit that is reportage (good), False for furniture.

    Lines the boilerplate rules know (captions, credits, ads, widgets) are set aside
    before jusText's context pass: an inline ad or a caption between two body
    paragraphs must not make them look like an island in a menu.
    """
    if not units:
        return []
    core, stop = _justext()
    known = [
        bp.match(u.text) is not None or bp.is_caption(u.text) or u.text.count(" | ") >= 2
        for u in units
    ]
    # headings are context: transparent to the neighbours' vote, like known furniture
    heads = [u.heading or longreport.is_section_heading(u.text) for u in units]
    for k in range(len(units) - 1):
        # a photo caption: a sentence right above its credit line ("Name/AFP/Getty Images")
        if not known[k] and bp.is_caption(units[k + 1].text) and pt.word_count(units[k].text) < 45:
            known[k] = True
    idx = [k for k, kn in enumerate(known) if not kn and not heads[k]]
    paras = [_Para(units[k]).p for k in idx]
    core.classify_paragraphs(paras, stop, length_high=LENGTH_HIGH)  # type: ignore[attr-defined]
    for para, k in zip(paras, idx, strict=True):
        u = units[k]
        few_links = u.link_chars <= 0.1 * len(u.text)
        if is_label(u.text) and not u.heading and len(u.text) < 200:
            para.cf_class = "bad"  # type: ignore[attr-defined]
            continue
        sentence = few_links and pt.ends_sentence(longreport.strip_markers(u.text))
        if sentence and para.cf_class == "bad":  # type: ignore[attr-defined]
            # a sentence of names and numbers ("Kyiv, Kharkiv and Odesa lost power.") has few
            # stop words; with hardly any links it is borderline, never a menu
            if stopword_density(u.text) >= 0.15 and pt.word_count(u.text) >= 6:
                para.cf_class = "neargood"  # type: ignore[attr-defined]
        if sentence and para.cf_class == "neargood" and pt.word_count(u.text) >= PROSE_WORDS:  # type: ignore[attr-defined]
            para.cf_class = "good"  # type: ignore[attr-defined]  # a whole sentence of prose
    core.revise_paragraph_classification(paras)  # type: ignore[attr-defined]
    out = [False] * len(units)
    prev_good = False
    for para, k in zip(paras, idx, strict=True):
        u = units[k]
        good = para.class_type == "good"  # type: ignore[attr-defined]
        if good and (u.heading or is_label(u.text)):
            good = False  # headings are context, not passages
        if good and is_appeal(u.text) and u.link_chars == 0 and "“" not in u.text:
            good = False
        if good and (u.text[:1].islower() or u.text[:1] in ",;.)") and not prev_good:
            good = False  # the tail of a widget's sentence ("here" / "to see the map …")
        out[k] = good
        prev_good = good
    return out


def main_run(good: Sequence[bool], sizes: Sequence[int]) -> tuple[int, int] | None:
    """[first, last] index of the article: the body run holding the most text.

    Runs of good units separated by at most ``MAX_GAP_LINES`` furniture units (and
    ``MAX_GAP_CHARS`` characters) are joined: an in-article widget ("Recommended
    Stories", a caption) does not split the article.
    """
    runs: list[list[int]] = []  # [first, last, chars]
    gap_lines = gap_chars = 0
    for k, g in enumerate(good):
        if not g:
            gap_lines += 1
            gap_chars += sizes[k]
            continue
        if runs and gap_lines <= MAX_GAP_LINES and gap_chars <= MAX_GAP_CHARS:
            runs[-1][1] = k
            runs[-1][2] += sizes[k]
        else:
            runs.append([k, k, sizes[k]])
        gap_lines = gap_chars = 0
    if not runs:
        return None
    best = max(runs, key=lambda r: r[2])
    return best[0], best[1]


#: A footer or "related stories" heading ends the article when less than this share of
#: the article's text follows it (an in-article widget near the top does not).
TAIL_SHARE = 0.35


def cut_tail(
    texts: Sequence[str], good: list[bool], run: tuple[int, int], bp: Boilerplate
) -> tuple[int, int]:
    """End the article at a footer or related-stories heading near its end."""
    first, last = run
    total = sum(len(texts[k]) for k in range(first, last + 1) if good[k])
    after = total
    for k in range(first, last + 1):
        if good[k]:
            after -= len(texts[k])
        end = bp.is_footer_start(texts[k]) or bp.is_related_heading(texts[k])
        if k > first and end and after <= TAIL_SHARE * total:
            new_last = max(j for j in range(first, k) if good[j])
            for j in range(k, last + 1):
                good[j] = False
            return first, new_last
    return first, last


_LINK_TARGET_RE = re.compile(r"\]\(\s*[^)\s]{0,2000}\)")
_ANCHOR_RE = re.compile(r"\[([^\[\]]{0,300})\]")
_BARE_URL_RE = re.compile(r"https?://\S+")


def link_chars(raw: str) -> int:
    """Characters of a Markdown line a reader sees as links: anchors and bare URLs.

    Link targets are not text (``[[xii]](https://…)`` is a six-character anchor).
    """
    if "[" not in raw and "http" not in raw:
        return 0
    text = _LINK_TARGET_RE.sub("]", raw)
    anchors = sum(len(m.group(1)) for m in _ANCHOR_RE.finditer(text))
    return anchors + sum(len(m.group(0)) for m in _BARE_URL_RE.finditer(text))


def _takeaways_before(blocks: list[Block], good: list[bool], first: int) -> int:
    """A key-takeaways list right above the first paragraph belongs to the article."""
    k = first
    while k > 0 and blocks[k - 1].kind == "item" and not blocks[k - 1].takeaways:
        k -= 1
    if k > 0 and blocks[k - 1].takeaways:
        for j in range(k, first):
            good[j] = True
        return k - 1
    return first


def keep_article(ctx: Ctx, doc: DocDraft, blocks: list[Block]) -> list[Block]:
    """The article's blocks of a page scraped to Markdown; the rest is dimmed.

    Each block (one line of the page) is classed by :func:`classify`; the article is the
    densest run of reportage (:func:`main_run`) up to a footer near its end, with the
    headings inside it kept as context.
    """
    if not blocks:
        return blocks
    links = [sum(link_chars(ctx.raw[i]) for i in b.lines) for b in blocks]
    units = [Unit(b.text, links[k], b.kind == "heading") for k, b in enumerate(blocks)]
    good = classify(units, ctx.bp)
    run = main_run(good, [len(b.text) for b in blocks])
    if run is not None:
        run = cut_tail([b.text for b in blocks], good, run, ctx.bp)
        run = (_takeaways_before(blocks, good, run[0]), run[1])
    out: list[Block] = []
    for k, b in enumerate(blocks):
        inside = run is not None and run[0] <= k <= run[1]
        heading = (
            (b.kind == "heading" or longreport.is_section_heading(b.text))
            and not links[k]
            and (b.takeaways or any(good[k + 1 : k + 3]))
        )
        if inside and (good[k] or heading):
            out.append(b)
        else:
            for i in b.lines:
                doc.set(i, "boilerplate")
    return out
