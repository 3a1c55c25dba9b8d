"""Reading a dependency parse for claims: reporting verbs, their subjects, the speaker's
span, the reported content, quotation regions, hedges and stance."""

from __future__ import annotations

import re
from typing import Any

from chronicle.claims import lexicon as lx

_SPACES = re.compile(r"\s+")
_EDGE = " \t\n,;:.!?-–—\"“”'‘’«»()[]"


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(_EDGE)


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (curly pairs, or straight quotes paired in order)."""
    regions = []
    for m in re.finditer(r"“([^”]{2,})”|\"([^\"]{2,})\"|«([^»]{2,})»", text):
        regions.append((m.start() + 1, m.end() - 1))
    return regions


def _inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in regions)
    return end > start and inside * 2 >= end - start


def _verb(tok: Any) -> tuple[str, str] | None:
    """(base form, stance) when ``tok`` is a reporting verb used as a verb."""
    hit = lx.VERBS.get(tok.lower_)
    if hit is None:
        return None
    if tok.dep_ not in lx.VERBAL_DEPS:
        return None
    kids = {c.dep_ for c in tok.children}
    if (
        tok.lower_ in lx.NOUN_LIKE
        and tok.dep_ not in ("advcl", "xcomp")
        and not kids & {"nsubj", "ccomp", "dobj", "nsubjpass"}
    ):
        return None
    if "neg" in kids or any(c.dep_ == "aux" and c.lower_ in lx.MODALS for c in tok.children):
        return None  # "has not claimed", "should be condemned": nobody says so
    if hit[0] == "deny" and ("dative" in kids or sum(c.dep_ == "dobj" for c in tok.children) > 1):
        return None  # "denying Kyiv the weapons": withholding, not a denial
    if tok.dep_ == "acl" and tok.lower_ not in ("saying", "adding", "claiming", "warning"):
        return None  # "the claims made by ..." — a noun's modifier, not a statement
    return hit


def _subject(tok: Any) -> Any | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    for c in tok.children:  # "X was quoted as saying", "Y was accused by X"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _speaker_span(tok: Any) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """Token range of a speaker phrase without its relative clauses, and its heads."""
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "advcl", "parataxis") or (
            c.dep_ == "prep" and c.lower_ in ("during", "after", "before", "on", "at", "while")
        ):
            drop.update(t.i for t in c.subtree)
    sent = tok.sent
    idx = [t.i for t in tok.subtree if t.i not in drop and sent.start <= t.i < sent.end]
    lo, hi = min(idx), max(idx)
    doc = tok.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].lower_ in ("the", "a", "an")):
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    heads = [tok] + [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i < tok.i:
        heads.append(tok.head.head)
    return lo, hi, tuple((h.idx, h.idx + len(h.text)) for h in heads)


def _content(tok: Any, subject: Any | None) -> tuple[int, int] | None:
    """Token range of what a reporting verb reports (its clause, object or complement)."""
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "ccomp":
            lo, hi = c.left_edge.i, c.right_edge.i
            if doc[lo].lower_ in ("that", "whether", "if") and lo < hi:
                lo += 1
            for g in c.children:  # a conjoined statement of the outer speaker is its own
                if g.dep_ == "conj" and g.lower_ in lx.VERBS and _subject(g) is None:
                    hi = min(hi, g.left_edge.i - 1)
            while hi > lo and (doc[hi].is_punct or doc[hi].lower_ in ("and", "but")):
                hi -= 1
            return lo, hi
    parts = [
        c
        for c in tok.children
        if c.dep_ in ("dobj", "xcomp", "prep", "oprd", "attr", "acomp", "dative", "nsubjpass")
        and c is not subject
        and not (c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "during", "after", "via"))
    ]
    if tok.dep_ == "parataxis" and not parts:  # "The attack was brutal, he said."
        head = tok.head
        idx = [t.i for t in head.subtree if t.i not in {x.i for x in tok.subtree}]
        return (min(idx), max(idx)) if idx else None
    if not parts:
        return None
    lo = min(c.left_edge.i for c in parts)
    hi = max(c.right_edge.i for c in parts)
    return lo, hi


def _hedge(sent: Any, text: str, verb: str) -> str | None:
    for t in sent:
        if t.lower_ in lx.HEDGE_WORDS:
            return t.lower_
    m = lx.HEDGE_PHRASES.search(sent.text)
    if m:
        return m.group(0).lower()
    if verb in lx.HEDGING_VERBS:
        return {"claim": "claimed", "allege": "alleged"}[verb]
    return None


def _adjust_stance(stance: str, verb_tok: Any, content: str, subject: Any | None) -> str:
    """A statement whose content denies or accuses is a denial or an accusation."""
    if stance != "asserts":
        return stance
    if lx.DENIAL_WORDS.search(content):
        return "denies"
    root = None
    for c in verb_tok.children:
        if c.dep_ == "ccomp":
            root = c
    if root is not None and any(c.dep_ == "neg" for c in root.children):
        subj = _subject(root) or next((c for c in root.children if c.dep_ == "nsubjpass"), None)
        own = subj is not None and (
            subj.lower_ in ("it", "we", "they", "its")
            or (subject is not None and subj.lower_ == subject.lower_)
        )
        past = any(c.lower_ in ("did", "had", "has", "have", "was", "were") for c in root.children)
        if own and past:
            return "denies"
    if lx.ACCUSATION_WORDS.search(content):
        return "accuses"
    return stance
