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
MARKER_RE = re.compile(
    r"\s?\[(?:\d{1,4}(?:\s*[,–-]\s*\d{1,4})*|[ivxlcdm]{1,9})\](?:\(\S{0,300}\))?"
)
#: An endnote: "[42] https://…", "42. https://…", "[42] Source name, https://…".
_NOTE_RE = re.compile(r"^(?:\[+(?:\d{1,4}|[ivxlcdm]{1,9})\]+|\d{1,4}[.)]|\^)\s*\S")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+")
#: A list fragment: a few words ending the way list items inside a sentence end.
_FRAGMENT_END_RE = re.compile(r"(?:[;,]|;?\s+(?:and|or))$")
#: "Russian objective: …", "Supporting Effort—Southern Axis (…)", "Main Effort #1 – …".
_LABEL_RE = re.compile(r"^[A-Z][\w’'#. -]{1,50}?\s*(?::|–|—|-{1,2})\s*\S")
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


#: A sentence that continues in the next line's list item: "… including near:", "Kharkiv;".
_LIST_OPEN = (":", ";", ", and", "; and", ", or", "; or")


def _continues(text: str) -> bool:
    """Text that starts mid-sentence: lower case or a comma (a line split at a link)."""
    return text[:1].islower() or text[:1] in ",;.)"


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
    """A heading line inside a report body: short, no sentence end, title-cased or a label.

    "Main Effort—Eastern Ukraine", "Immediate items to watch", "Russian objective: …".
    """
    text = text.strip("()[] ")
    if pt.ends_sentence(text) or not text[:1].isupper():
        return False
    if _LABEL_RE.match(text):
        return pt.word_count(text) <= 2 * MAX_HEADING_WORDS
    if pt.word_count(text) > MAX_HEADING_WORDS:
        return False
    return is_title_case(text) or pt.word_count(text) <= 4


_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|bin)){1,3}"
#: "Justin Young, Christina Harward and Karolina Hird": a report's author line.
_AUTHORS_RE = re.compile(rf"^{_NAME}(?:\s*(?:,|and|&|,\s*and)\s*{_NAME}){{1,8}}$")


def _is_author_list(text: str) -> bool:
    return len(text) <= 300 and bool(_AUTHORS_RE.match(text)) and not is_title_case_heading(text)


def is_title_case_heading(text: str) -> bool:
    """Title-cased words that name a section rather than people ("Significant Activity")."""
    return bool(
        re.search(r"\b(?:Effort|Axis|Activity|Campaign|Operations|Takeaways|Toplines)\b", text)
    )


def _is_stray_label(text: str) -> bool:
    """A short line with no sentence shape that is not a heading either."""
    return not pt.ends_sentence(text) and pt.word_count(text) < 12 and not is_section_heading(text)


def is_fragment(text: str) -> bool:
    """A list item that continues a sentence ("Kharkiv;", "Donbas; and")."""
    return pt.word_count(text) <= 12 and bool(_FRAGMENT_END_RE.search(text.rstrip()))


def clean_blocks(ctx: Ctx, doc: DocDraft, blocks: list[Block]) -> list[Block]:
    """Endnotes and prompts dimmed, fragments joined to their lead-in, headings found.

    Inline reference markers are cut from the text that remains.
    """
    out: list[Block] = []
    notes = False
    refs = 0  # consecutive references: from the third on, the rest is the notes and footer
    for b in blocks:
        text = b.text
        if b.kind == "heading" and not notes:
            notes = _notes_heading(text)
            out.append(b)
            continue
        ref = is_reference(text)
        refs = refs + 1 if ref else 0
        notes = notes or refs >= 3
        if notes or ref or ctx.bp.match(text) or ctx.bp.is_caption(text):
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
                or (_continues(clean) and not pt.ends_sentence(prev.text))
                or (_continues(clean) and prev.text.endswith(_LIST_OPEN))
                or (
                    prev.text.endswith(_LIST_OPEN)
                    and pt.word_count(clean) <= (40 if b.kind == "item" else 12)
                )
            )
            and pt.word_count(clean) <= 40
        ):
            prev.lines.extend(b.lines)
            prev.text = pt.collapse_ws(f"{prev.text} {clean}")
            for i in b.lines:
                doc.set(i, "body")
            continue
        if b.kind in ("para", "item") and (_is_author_list(clean) or _is_stray_label(clean)):
            for i in b.lines:
                doc.set(i, "boilerplate")  # an author list, a widget's label
            continue
        if b.kind in ("para", "item") and is_section_heading(clean):
            for i in b.lines:
                doc.set(i, "heading")
            out.append(Block("heading", list(b.lines), clean.rstrip(":")))
            continue
        b.text = clean
        out.append(b)
    out = _drop_contained(doc, out)
    # a heading with nothing under it before the next heading is a label, not context
    kept: list[Block] = []
    for k, b in enumerate(out):
        if b.kind == "heading" and not b.takeaways and (k + 1 == len(out)):
            for i in b.lines:
                doc.set(i, "boilerplate")
            continue
        kept.append(b)
    return kept


def _drop_contained(doc: DocDraft, blocks: list[Block]) -> list[Block]:
    """A summary line (takeaway, topline, table-of-contents item) another block develops.

    Its words all but all recur in a longer paragraph of the report: that paragraph is
    the passage; the line keeps its place on the source page as a summary. Candidates
    come from an index of words, so a page of thousands of lines stays linear-ish.
    """
    texts = [(k, b, _words(b.text)) for k, b in enumerate(blocks) if b.kind in ("para", "item")]
    index: dict[str, list[int]] = {}
    for pos, (_k, _b, words) in enumerate(texts):
        for w in words:
            index.setdefault(w, []).append(pos)
    drop: set[int] = set()
    for k, b, words in texts:
        if not words or len(b.text) >= 600:
            continue
        # a developing paragraph holds 80% of the words: one of the two rarest at least
        rare = sorted(words, key=lambda w: (len(index[w]), w))[:2]
        for pos in sorted({p for w in rare for p in index[w]}):
            _qk, q, qw = texts[pos]
            if (
                q is not b
                and len(q.text) > 1.3 * len(b.text)
                and len(words & qw) >= 0.8 * len(words)
            ):
                drop.add(k)
                break
    out = []
    for k, b in enumerate(blocks):
        if k in drop:
            for i in b.lines:
                doc.set(i, "summary")
            continue
        out.append(b)
    return out


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
    bodies = [(p, _words(p.text)) for p in passages]
    seen: set[str] = set()
    kept = []
    for p in passages:
        key = pt.collapse_ws(p.text).casefold()
        words = _words(p.text)
        repeat = p.kind == "takeaway" and key in seen
        if not repeat and words and len(p.text) < 600:
            for q, qw in bodies:
                if (
                    q is not p
                    and len(q.text) > 1.3 * len(p.text)
                    and len(words & qw) >= 0.8 * len(words)
                ):
                    repeat = True  # a summary line the report develops further on
                    break
        seen.add(key)
        if repeat:
            for i in (p.line, *p.body, *p.extra):
                doc.set(i, "summary")
            continue
        kept.append(p)
    doc.passages = kept
