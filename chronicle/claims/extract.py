"""Claims of one parsed text: who says what, how, and how surely.

Rules over spaCy's dependency parse (no tagger: labels and word forms suffice). A claim
is a reporting verb with a subject ("the ministry said ..."), an "according to X"
phrase, or a quotation attributed by either; a participle continuing a statement
("..., saying ...") carries its governor's speaker. When a claim's content is itself a
report ("X said officials told them ..."), the outer source is the speaker and the inner
one is kept as ``via``. The output is plain data (:class:`RawClaim`), cached per text and
computed inside the NLP worker processes, so no ``Doc`` ever leaves them.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from chronicle.claims import lexicon as lx
from chronicle.claims.syntax import (
    _adjust_stance,
    _clean,
    _content,
    _hedge,
    _inside,
    _quote_regions,
    _speaker_span,
    _subject,
    _verb,
)


class RawClaim(NamedTuple):
    """A claim as the text gives it; speakers are resolved to actors later."""

    speaker: str | None  # the speaker phrase as written ("Ukrainian officials"), or None
    start: int  # character span of the speaker phrase in the text (-1 when None)
    end: int
    heads: tuple[tuple[int, int], ...]  # spans of the phrase's head words (name, appositive)
    verb: str  # base form ("say", "deny"), "according to", or the hedge word
    stance: str  # one of lexicon.STANCES
    text: str  # the claimed content, as written
    hedge: str | None  # the hedging word or phrase, if any
    kind: str  # report | according | quote | hedged
    via: str | None  # inner source of a nested attribution ("X said Y told them": Y)
    position: int  # character offset of the claim's verb (orders claims, finds pronouns)


class ClaimSet(NamedTuple):
    """Everything a text says about who claims what."""

    claims: tuple[RawClaim, ...] = ()
    unverified: str | None = None  # the writer's "could not independently verify"

    def to_json(self) -> list[Any]:
        return [
            [list(c[:3]) + [[list(h) for h in c.heads]] + list(c[4:]) for c in self.claims],
            self.unverified,
        ]

    @classmethod
    def from_json(cls, data: Any) -> ClaimSet:
        """The value :meth:`to_json` made; anything else (a damaged cache row) is empty."""
        try:
            claims = tuple(
                RawClaim(*c[:3], tuple(tuple(h) for h in c[3]), *c[4:])  # type: ignore[call-arg]
                for c in data[0]
            )
            return cls(claims, data[1])
        except (TypeError, IndexError, ValueError):
            return cls()


def extract_doc(doc: Any) -> ClaimSet:
    """Claims of a parsed ``Doc`` (whole text: title and body)."""
    text = doc.text
    quotes = _quote_regions(text)
    unverified_m = lx.UNVERIFIED.search(text)
    unverified = unverified_m.group(0) if unverified_m else None
    out: list[RawClaim] = []
    last_speaker: tuple[str | None, int, int, tuple[tuple[int, int], ...]] | None = None
    for sent in doc.sents:
        found: dict[int, dict[str, Any]] = {}
        for tok in sent:
            hit = _verb(tok)
            if hit is not None:
                found[tok.i] = {"tok": tok, "verb": hit[0], "stance": hit[1]}
        # participles and conjuncts that continue a statement take its speaker
        claims_here: list[RawClaim] = []
        consumed: set[int] = set()
        contents: list[tuple[int, int, str]] = []
        ranges: list[tuple[int, int]] = []
        verbs: list[Any] = []
        for i in sorted(found):
            if i in consumed:
                continue
            info = found[i]
            tok = info["tok"]
            subject = _subject(tok)
            merged_into = None
            if subject is None and tok.dep_ in ("advcl", "conj", "xcomp", "acl"):
                gov = tok.head
                if tok.dep_ == "conj" and gov.dep_ == "ccomp" and gov.head.i in found:
                    # "X said that Y happened and accused Z": X accuses, not Y
                    subject = _subject(gov.head)
                node = gov
                for _ in range(4):  # the nearest verbal governor with a subject
                    if node.dep_ not in lx.VERBAL_DEPS:
                        break
                    subject = subject or _subject(node)
                    if subject is not None or node.head.i == node.i:
                        break
                    node = node.head
                if gov.i in found and tok.lower_ in ("saying", "adding", "claiming"):
                    merged_into = gov.i
            if tok.lower_ in ("saying",) and tok.head.lower_ == "quoted":
                subject = next((c for c in tok.head.children if c.dep_ == "nsubjpass"), subject)
            if subject is None:
                continue
            if subject.dep_ == "csubj" or any(
                c.dep_ in ("dobj", "aux", "nsubj") for c in subject.children
            ):
                continue  # "Defending X is rejecting Y": a clause, not a speaker
            if info["verb"] in lx.WEAK_VERBS and not (
                subject.text[:1].isupper() or subject.lower_ in lx.UNNAMED | lx.PRONOUNS
            ):
                continue  # "the scale of the attack suggested ...": not a speaker
            span = _content(tok, subject)
            inner_via = None
            if span is not None:  # nested: "X said Y told them ...": X speaks, via Y
                croot = next((c for c in tok.children if c.dep_ == "ccomp"), None)
                isub = _subject(croot) if croot is not None and croot.i in found else None
                if (
                    croot is not None
                    and isub is not None
                    and found[croot.i]["verb"] in lx.SPEECH_VERBS
                ):
                    lo, hi, _h = _speaker_span(isub)
                    inner_via = _clean(doc[lo : hi + 1].text)
                    consumed.add(croot.i)
                    inner = _content(croot, isub)
                    if inner is not None:
                        span = inner
            if span is None:
                qr = _next_quote(quotes, tok, sent) or _quote_before(sent, subject)
                if qr is None:
                    continue
                content, cstart = text[qr[0] : qr[1]], qr[0]
            else:
                content = doc[span[0] : span[1] + 1].text
                cstart = doc[span[0]].idx
            content = _clean(content)
            if len(content) < 3:
                continue
            for c in tok.children:  # "..., citing officials": a nested source
                if c.lower_ == "citing":
                    obj = next((g for g in c.children if g.dep_ == "dobj"), None)
                    if obj is not None:
                        lo, hi, _h = _speaker_span(obj)
                        inner_via = _clean(doc[lo : hi + 1].text)
            lo, hi, heads = _speaker_span(subject)
            speaker = _clean(doc[lo : hi + 1].text)
            if any(
                cs <= tok.idx < ce and (speaker.lower() in lx.PRONOUNS or speaker in other)
                for cs, ce, other in contents
            ):
                continue  # "..., which he said ...": the same statement again
            contents.append((cstart, cstart + len(content), speaker))
            stance = _adjust_stance(info["stance"], tok, content, subject)
            if merged_into is not None:
                parent = found[merged_into]
                if parent["stance"] != "asserts":
                    stance = parent["stance"]
                if parent.get("claim_index") is not None:  # replace the governor's object
                    j = parent["claim_index"]
                    prev = claims_here[j]
                    claims_here[j] = prev._replace(
                        text=prev.text + "; " + content if prev.text else content,
                        stance=stance if prev.stance == "asserts" else prev.stance,
                    )
                    continue
            kind = "quote" if _inside(quotes, cstart, cstart + len(content)) else "report"
            info["claim_index"] = len(claims_here)
            ranges.append((cstart, cstart + len(content)))
            verbs.append(tok)
            claims_here.append(
                RawClaim(
                    speaker,
                    doc[lo].idx,
                    doc[hi].idx + len(doc[hi].text),
                    heads,
                    info["verb"],
                    stance,
                    content,
                    _hedge(sent, content, info["verb"]),
                    kind,
                    inner_via,
                    tok.idx,
                )
            )
        claims_here = _nest(claims_here, ranges, verbs)
        claims_here = _according(sent, claims_here)
        if not claims_here:
            extra = _continued_quote(sent, text, quotes, last_speaker)
            extra = extra or _hedged_statement(sent)
            if extra is not None:
                claims_here.append(extra)
        for c in claims_here:
            if c.speaker is not None:
                last_speaker = (c.speaker, c.start, c.end, c.heads)
        out.extend(claims_here)
    if unverified:
        out = [c if c.hedge else c._replace(hedge=unverified.lower()) for c in out]
    out.sort(key=lambda c: c.position)
    return ClaimSet(tuple(out), unverified)


def _reports(outer: Any, inner: Any) -> bool:
    """Whether ``inner`` stands inside the clause ``outer`` reports (its ccomp)."""
    node = inner
    while node.head.i != node.i:
        if node.head.i == outer.i:
            return node.dep_ == "ccomp"
        node = node.head
    return False


def _nest(
    claims: list[RawClaim], ranges: list[tuple[int, int]], verbs: list[Any]
) -> list[RawClaim]:
    """A statement inside another's content ("..., those detained reported X, said Y") is
    the outer speaker's: the inner speaker is kept as its ``via``."""
    out = list(claims)
    drop: set[int] = set()
    for i, inner in enumerate(claims):
        for j, (cs, ce) in enumerate(ranges):
            if i == j or j in drop:
                continue
            if inner.start == claims[j].start and inner.speaker == claims[j].speaker:
                continue  # "X said ... and accused Y": X's second statement, not nested
            if cs <= inner.position < ce or _reports(verbs[j], verbs[i]):
                drop.add(i)
                outer = out[j]
                pronoun = (inner.speaker or "").lower() in lx.PRONOUNS
                if outer.via is None and not pronoun and inner.speaker != outer.speaker:
                    out[j] = outer._replace(via=inner.speaker)
                break
    return [c for i, c in enumerate(out) if i not in drop]


def _next_quote(quotes: list[tuple[int, int]], tok: Any, sent: Any) -> tuple[int, int] | None:
    """The quotation a contentless verb introduces ("she said: “...”") or follows."""
    end = sent.end_char
    for s, e in quotes:
        if tok.idx < s <= end + 3:
            return s, e
    for s, e in reversed(quotes):
        if sent.start_char <= s and e <= tok.idx:
            return s, e
    return None


def _quote_before(sent: Any, subject: Any) -> tuple[int, int] | None:
    """'... back off!" the president warned': the quotation just before the attribution,
    whose opening mark may be in an earlier sentence (or none, as scraped)."""
    doc = sent.doc
    start = sent.start_char
    if not doc.text[start : subject.left_edge.idx].strip() and sent.start > 0:
        start = doc[sent.start - 1].sent.start_char  # the sentence is only the attribution
    head = doc.text[start : subject.left_edge.idx].rstrip(" ,–—-")
    if len(head) < 3 or head[-1] not in '"”»':
        return None
    return start, start + len(head) - 1


def _according(sent: Any, claims: list[RawClaim]) -> list[RawClaim]:
    """ "According to X, ..." and "..., according to X": X claims the rest of the sentence.
    Attached to a reported statement ("Y said ..., according to X"), X is the outer
    source and Y its ``via``. "According to plan" or "to its own logic" names no source."""
    out = list(claims)
    for tok in sent:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None or not _is_source(obj):
            continue
        lo, hi, heads = _speaker_span(obj)
        doc = tok.doc
        speaker = _clean(doc[lo : hi + 1].text)
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        reported = next((k for k, c in enumerate(out) if c.position == tok.head.idx), None)
        if reported is not None:
            c = out[reported]
            out[reported] = c._replace(
                speaker=speaker, start=start, end=end, heads=heads, via=c.via or c.speaker
            )
            continue
        phrase = {t.i for t in tok.subtree}
        content = _clean(" ".join(t.text for t in sent if t.i not in phrase))
        content = re.sub(r"\s+([,.;:!?’”)])", r"\1", content)
        if len(content) < 3:
            continue
        out.append(
            RawClaim(
                speaker,
                start,
                end,
                heads,
                "according to",
                _adjust_stance("asserts", tok, content, None),
                content,
                _hedge(sent, content, "say"),
                "according",
                None,
                tok.idx,
            )
        )
    return out


def _is_source(tok: Any) -> bool:
    """Whether the object of "according to" can be a source (a name, pronoun or body)."""
    low = tok.lower_
    return (
        tok.text[:1].isupper()
        or low in ("him", "her", "them", "it", "us", "me")
        or low in lx.UNNAMED
        or low in lx.SOURCE_NOUNS
    )


def _continued_quote(
    sent: Any, text: str, quotes: list[tuple[int, int]], last: tuple[Any, ...] | None
) -> RawClaim | None:
    """A sentence that is all quotation continues the last speaker's statement."""
    if last is None:
        return None
    body = sent.text.strip()
    if len(body) < 12 or body[0] not in lx.QUOTES:
        return None
    if not _inside(quotes, sent.start_char, sent.end_char):
        return None
    return RawClaim(
        last[0],
        last[1],
        last[2],
        last[3],
        "say",
        "asserts",
        _clean(body),
        None,
        "quote",
        None,
        sent.start_char,
    )


def _hedged_statement(sent: Any) -> RawClaim | None:
    """ "Russian troops reportedly entered the village": no speaker, but a hedged claim."""
    root = sent.root
    for t in sent:
        if t.lower_ in ("reportedly", "allegedly", "purportedly") and t.head.i == root.i:
            return RawClaim(
                None,
                -1,
                -1,
                (),
                t.lower_,
                "asserts",
                _clean(sent.text),
                t.lower_,
                "hedged",
                None,
                t.idx,
            )
    return None
