"""Event titles a reader can scan: whole short sentences, long ones cut where a phrase ends.

A title is read on every day, actor and topic page, so it must be a complete phrase.
The first sentence is used whole when it fits (after dropping a leading adverbial,
appositives and the trailing attribution, see ``events.headline``). A longer one is cut
through its dependency parse: the kept words are a prefix in which every word's head
is kept too and no kept word loses a complement it needs (an object, a preposition's
noun, a verb's particle, a possessive's noun...), so nothing started is left open.
When no such prefix is long enough, the sentence is compressed to its core (subject,
verb, object) plus whichever optional phrases fit. Without a parse (none cached and
spaCy unavailable), the cut falls back to a clause boundary or a word boundary with the
dangling words trimmed.

Reference markers ("[12]"), entry stamps ("21 May 2022 23.34", "Updated at 23.36 BST")
and a leading byline never reach a title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from chronicle.nlp import ParseToken
from chronicle.titles.parsed import _last_resort, _Parse, _word_cut, single_clause
from chronicle.titles.plain import (
    REFERENCE,
    clean,
    cut_plain,
    dangling,
    first_sentence,
    trim,
    unstamp,
)
from chronicle.titles.speech import cut_parsed, quoted_prefix, sub_parse

__all__ = [
    "REFERENCE",
    "TitleParses",
    "clean",
    "cut_parsed",
    "cut_plain",
    "dangling",
    "first_sentence",
    "make_title",
    "parse_targets",
    "split_label",
    "trim",
    "unstamp",
]


class TitleParses:
    """Parses of the sentences titles are cut from, kept in the store (SQLite kind).

    Keyed by the sentence and the model version like NER results, so a change to the
    title rules never parses again; ``get`` answers from what ``load`` fetched or parsed.
    Any failure (no model, unusable cache) leaves titles to the plain cut.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self.found: dict[str, tuple[ParseToken, ...]] = {}

    def load(self, sentences: Sequence[str]) -> None:
        todo = sorted({s for s in sentences if s and s not in self.found})
        if not todo:
            return
        from chronicle import nlp, passagetasks
        from chronicle.config import Config

        try:
            if self.cache_dir is None:
                values = nlp.parse_plain(todo)
            else:  # the ``parse`` passage task: stored by text, forked or on Dask workers
                config = Config(cache_dir=Path(self.cache_dir))
                values = passagetasks.run("parse", todo, config, own_stage=False)
            for s, value in zip(todo, values, strict=True):
                self.found[s] = tuple(ParseToken(*t) for t in value)
        except Exception:  # noqa: BLE001 - titles fall back to the plain cut
            pass

    def get(self, sentence: str) -> tuple[ParseToken, ...] | None:
        return self.found.get(sentence)


#: A single-clause sentence up to this share over the limit is kept whole: cutting it
#: would lose its object or place, and it still reads at a glance.
SINGLE_CLAUSE_SLACK = 1.15
#: "Order of Battle: <sentence>", "Assessed advances: <sentence>": a short label (at most
#: five words, no sentence end) glued before a sentence, cut apart from it.
_LABEL = re.compile(r"^([A-Z][^:;.!?“”\"()]{2,40}?):\s+(?=[A-Z“\"‘])(.{20,})$")


def _normal(source: str) -> str:
    return re.sub(r"[,;:]([”’\"])\s*$", r"\1", source.strip())  # “…, Charter,” said X


def split_label(source: str) -> tuple[str, str]:
    """ "Order of Battle: Drone crews …" → ("Order of Battle", "Drone crews …"); ("", "")."""
    m = _LABEL.match(source)
    if not m or len(m.group(1).split()) > 5:
        return "", ""
    return m.group(1).strip(), m.group(2)


def open_quotation(source: str) -> tuple[str, str] | None:
    """(opening, closing mark) when the whole source is a quotation left open — the
    sentence splitter cut inside it ("“Russia has gone from … in Ukraine." ) — else None."""
    s = source.strip()
    for a, b in (("“", "”"), ('"', '"'), ("«", "»")):
        if s.startswith(a) and s.count(b) == (1 if a == b else 0) and len(s) > 2:
            return a, b
    return None


def quoted_whole(
    source: str, toks: Sequence[ParseToken]
) -> tuple[str, tuple[ParseToken, ...]] | None:
    """(words inside, their parse) when the whole sentence is one quotation ("“We will …
    parties”" once the speaker was dropped), from the sentence's own parse."""
    s = source.strip()
    if len(toks) < 4 or s[:1] not in ("“", '"') or s[-1:] not in ("”", '"'):
        return None
    if s.count('"') + s.count("“") + s.count("”") != 2:
        return None  # another quotation inside: no single span
    if (
        source[toks[0].start : toks[0].end] != s[0]
        or source[toks[-1].start : toks[-1].end] != s[-1]
    ):
        return None
    return sub_parse(source, toks, 1, len(toks) - 2)


def parse_targets(source: str, limit: int) -> list[str]:
    """The sentences :func:`make_title` may ask a parse of (the source, and the sentence
    after a leading label) — parsed in one batch before titles are made."""
    source = _normal(source)
    if len(source.rstrip(" .")) <= limit:
        return []
    if open_quotation(source):
        return parse_targets(source.strip()[1:], limit - 2)
    label, rest = split_label(source)
    return [source, rest] if label and len(rest.rstrip(" .")) > limit - len(label) - 2 else [source]


def make_title(
    source: str, limit: int, parses: TitleParses | None = None, blind: bool = True
) -> str:
    """The title for a source sentence (already reduced, see ``events.title_source``);
    without ``blind``, "" where the parse offers only a cut that may leave a phrase open.
    A stamp the cut left at either end (a date glued to the heading after it) is dropped;
    a title that starts inside the sentence (its lead dropped) starts with a capital."""
    title = unstamp(_make_title(source, limit, parses, blind))
    if title[:1].islower() and not source.lstrip(" “\"‘'(")[:1].islower():
        title = title[0].upper() + title[1:]  # the main clause after a dropped lead
    return title


def _make_title(source: str, limit: int, parses: TitleParses | None, blind: bool) -> str:
    source = _normal(source)
    t = source.strip().rstrip(" .")
    if len(t) <= limit:  # the whole sentence: nothing is cut, whatever its last word
        return t.rstrip(" ,;:–—-")
    quote = open_quotation(source)
    if quote:  # cut the words inside, then mark them as the quotation they are
        inner = make_title(source.strip()[1:], limit - 2, parses, blind)
        return f"{quote[0]}{inner}{quote[1]}" if inner else ""
    label, rest = split_label(source)
    if label and parses is not None and parses.get(rest):
        room = limit - len(label) - 2
        sub = make_title(rest, room, parses, blind=False) if room >= 45 else ""
        return f"{label}: {sub}" if sub else make_title(rest, limit, parses)
    toks = parses.get(source) if parses is not None else None
    if not toks:
        return cut_plain(source, limit)
    whole = quoted_whole(source, toks)
    if whole:  # the quoted words kept up to where a phrase closes, no words left out
        inner = quoted_prefix(_Parse(*whole), limit - 2)
        if inner:
            return f"{source.strip()[0]}{inner}{source.strip()[-1]}"
    if len(t) <= limit * SINGLE_CLAUSE_SLACK and single_clause(toks):
        return t.rstrip(" ,;:–—-")
    out = cut_parsed(source, toks, limit, blind)
    if not blind:
        return _normal(out) if out and not dangling(out) else ""
    if dangling(out) or not out:
        pp = _Parse(source, toks)
        out = _last_resort(pp, limit) or _word_cut(pp, limit) or out
    return _normal(out)
