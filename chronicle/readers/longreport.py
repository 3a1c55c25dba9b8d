"""Long analytical reports: what in them is not a passage of its own.

Daily assessments (thousands of words) carry endnote lists (``[42] https://…``),
inline reference markers (``… service.[67]``), section headings ("Main
Effort—Eastern Ukraine", "Immediate items to watch"), list fragments that only
make sense with their lead-in ("Kharkiv;", "Donbas; and"), map prompts ("Click
here to enlarge the map") and a key-takeaways list that the body then develops
paragraph by paragraph. ``clean_blocks`` turns those into headings (kept as the
context of the paragraphs under them), merged text or dimmed lines before the
report is split; ``drop_repeated_takeaways`` keeps a takeaway only when no body
paragraph says the same.
"""

from __future__ import annotations

import re

from chronicle.readers import patterns as pt
from chronicle.readers.common import Block
from chronicle.readers.draft import Ctx, DocDraft

#: "[12]", "[12, 13]", "[12][13]" after a word or sentence.
MARKER_RE = re.compile(r"\s?\[\d{1,4}(?:\s*[,–-]\s*\d{1,4})*\]")
#: An endnote: "[42] https://…", "42. https://…", "[42] Source name, https://…".
_NOTE_RE = re.compile(r"^(?:\[\d{1,4}\]|\d{1,4}[.)]|\^)\s*\S")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+")
#: A list fragment: a few words ending the way list items inside a sentence end.
_FRAGMENT_END_RE = re.compile(r"(?:[;,]|;?\s+(?:and|or))$")
_LABEL_COLON_RE = re.compile(r"^[A-Z][\w’' -]{1,40}:\s")
#: Headings are short; a heading-shaped line longer than this is a sentence without a period.
MAX_HEADING_WORDS = 25
_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "vs",
}


def strip_markers(text: str) -> str:
    """Inline reference markers out of event text ("service.[67]" -> "service.")."""
    if "[" not in text:
        return text
    return pt.collapse_ws(MARKER_RE.sub("", text))


def is_reference(text: str) -> bool:
    """An endnote or a line that is mostly a URL: a source list, never news."""
    urls = sum(len(m.group(0)) for m in _URL_RE.finditer(text))
    if urls and urls >= 0.4 * len(text):
        return True
    return bool(_NOTE_RE.match(text)) and urls > 0


def is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def is_section_heading(text: str) -> bool:
    """A heading line inside a report body: short, no sentence end, title-cased or a label."""
    if pt.ends_sentence(text) or pt.word_count(text) > MAX_HEADING_WORDS or not text[:1].isupper():
        return False
    return is_title_case(text) or pt.word_count(text) <= 4


def is_fragment(text: str) -> bool:
    """A list item that continues a sentence ("Kharkiv;", "Donbas; and")."""
    return pt.word_count(text) <= 12 and bool(_FRAGMENT_END_RE.search(text.rstrip()))


def clean_blocks(ctx: Ctx, doc: DocDraft, blocks: list[Block]) -> list[Block]:
    """Endnotes and prompts dimmed, fragments joined to their lead-in, headings found.

    Inline reference markers are cut from the text that remains.
    """
    out: list[Block] = []
    notes = False
    for b in blocks:
        text = b.text
        if b.kind == "heading":
            notes = _notes_heading(text)
            out.append(b)
            continue
        if notes or is_reference(text) or ctx.bp.match(text) or ctx.bp.is_caption(text):
            for i in b.lines:
                doc.set(i, "boilerplate")
            continue
        clean = strip_markers(text)
        if not clean:
            for i in b.lines:
                doc.set(i, "boilerplate")
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("para", "item")
            and (
                is_fragment(clean)
                or (b.kind == "item" and prev.text.endswith((":", ";", ", and", "; and")))
            )
            and pt.word_count(clean) <= 40
        ):
            prev.lines.extend(b.lines)
            prev.text = pt.collapse_ws(f"{prev.text} {clean}")
            for i in b.lines:
                doc.set(i, "body")
            continue
        if b.kind == "para" and is_section_heading(clean):
            for i in b.lines:
                doc.set(i, "heading")
            out.append(Block("heading", list(b.lines), clean.rstrip(":")))
            continue
        b.text = clean
        out.append(b)
    # a heading with nothing under it before the next heading is a label, not context
    kept: list[Block] = []
    for k, b in enumerate(out):
        if b.kind == "heading" and not b.takeaways and (k + 1 == len(out)):
            for i in b.lines:
                doc.set(i, "boilerplate")
            continue
        kept.append(b)
    return kept


def _notes_heading(text: str) -> bool:
    return bool(
        re.fullmatch(
            r"(?:end ?notes?|notes|references|sources|footnotes|citations)\s*:?", text, re.I
        )
    )


_WORD_RE = re.compile(r"[a-z0-9]{3,}")


def _words(text: str) -> set[str]:
    return set(_WORD_RE.findall(text.casefold()))


def drop_repeated_takeaways(ctx: Ctx, doc: DocDraft) -> None:
    """A takeaway (or its exact repeat) that a longer passage develops is not a passage.

    Its lines become "summary" (shown on the source page like a live blog's key points).
    """
    passages = doc.passages
    bodies = [(p, _words(p.text)) for p in passages if p.kind == "paragraph"]
    seen: set[str] = set()
    kept = []
    for p in passages:
        key = pt.collapse_ws(p.text).casefold()
        words = _words(p.text)
        repeat = p.kind == "takeaway" and key in seen
        if not repeat and p.kind == "takeaway" and words:
            for q, qw in bodies:
                if q is not p and len(q.text) > len(p.text) and len(words & qw) >= 0.7 * len(words):
                    repeat = True
                    break
        seen.add(key)
        if repeat:
            for i in (p.line, *p.body, *p.extra):
                doc.set(i, "summary")
            continue
        kept.append(p)
    doc.passages = kept
