"""Titles of reported speech and quotations, and the parse cut that chooses among all:
"<clause>, X said" gives the clause, "X said that <clause>" the speaker and the clause,
a quotation too long is cut inside where a phrase closes and closed again."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chronicle.nlp import ParseToken
from chronicle.titles.parsed import (
    WIDER,
    _balanced,
    _fits,
    _last_resort,
    _Parse,
    _with_punct,
    _word_cut,
    best_prefix,
    compress,
)
from chronicle.titles.plain import PREFIX_MIN, cut_plain, dangling

_SPEECH = frozenset(
    """said says say told tells announced added claimed stated warned wrote writes
    reported reports insisted argued noted confirmed denied alleged""".split()
)
#: Verbs of evidence ("footage indicates that …"): the clause is the news, the evidence
#: is no speaker worth naming in a title.

#: Verbs of evidence ("footage indicates that …"): the clause is the news, the evidence
#: is no speaker worth naming in a title.
_EVIDENCE = frozenset(
    """indicates indicated indicate shows showed show suggests suggested suggest
    demonstrates demonstrated""".split()
)


def sub_parse(
    sentence: str, toks: Sequence[ParseToken], lo: int, hi: int
) -> tuple[str, tuple[ParseToken, ...]] | None:
    """The words ``lo``..``hi`` (inclusive) as a sentence of their own, with their part of
    the parse re-indexed; None unless exactly one of them hangs on a word outside."""
    while hi > lo and toks[hi].pos == "PUNCT" and sentence[toks[hi].start : toks[hi].end] in ",;:":
        hi -= 1
    if hi - lo < 2:
        return None
    outside = [i for i in range(lo, hi + 1) if not lo <= toks[i].head <= hi or toks[i].head == i]
    if len(outside) != 1 or any(
        lo <= t.head <= hi for i, t in enumerate(toks) if not lo <= i <= hi
    ):
        return None
    at = toks[lo].start
    out = []
    for i in range(lo, hi + 1):
        t = toks[i]
        head = i - lo if i in outside else t.head - lo
        out.append(
            ParseToken(t.start - at, t.end - at, "ROOT" if i in outside else t.dep, head, t.pos)
        )
    return sentence[at : toks[hi].end], tuple(out)


def _fronted_quote_cut(pp: _Parse, limit: int) -> str:
    """ "“<quotation too long>,” X said": the quotation's closed prefix, closed again."""
    if not pp.quotes or pp.quotes[0][0] != 0 or pp.quotes[0][1] > pp.root:
        return ""
    a, b = pp.quotes[0]
    inner = sub_parse(pp.s, pp.toks, a + 1, b - 1)
    if inner is None:
        return ""
    cut = quoted_prefix(_Parse(*inner), limit - 2)
    return f"{pp.words[a]}{cut}{pp.words[b]}" if cut else ""


def quoted_prefix(pp: _Parse, limit: int) -> str:
    """The longest closed prefix of quoted words: a quotation may lose its end, never words
    in between (no compression), and runs a little over ``limit`` rather than be cut blind."""
    best = best_prefix(pp, limit)
    if len(best) < limit * PREFIX_MIN:
        best = best_prefix(pp, int(limit * WIDER))
    return best.rstrip(" .,;:") if len(best) >= limit * PREFIX_MIN else ""


def _fronted_clause(pp: _Parse) -> int | None:
    """The clause reported before its speaker ("<clause>, X said"); any verb reports a
    quotation that opens the sentence and closes before it ("“…,” the letter states")."""
    quoted = bool(pp.quotes) and pp.quotes[0][0] == 0 and pp.quotes[0][1] < pp.root
    if pp.words[pp.root].lower() not in _SPEECH and not quoted:
        return None
    return next((c for c in pp.kids[pp.root] if pp.toks[c].dep == "ccomp" and c < pp.root), None)


def _said_clause(pp: _Parse) -> str:
    """ "<clause>, X said": the text before the comma that precedes the speaker."""
    subj = next((c for c in pp.kids[pp.root] if pp.toks[c].dep == "nsubj"), None)
    if subj is None or subj > pp.root:
        return ""
    first = min(pp.subtree(subj))
    comma = next((i for i in range(first - 1, 0, -1) if pp.words[i] in (",", "–", "—")), None)
    if comma is None:
        return ""
    between = range(comma + 1, first)  # "Russia’s locally appointed official" before the name
    if any(pp.toks[i].pos in ("VERB", "AUX") and pp.toks[i].dep != "amod" for i in between):
        return ""
    text = pp.s[: pp.toks[comma].start].rstrip()
    return text if re.search(r"\w", text) and _balanced(text) else ""


def _fronted_quote(pp: _Parse) -> str:
    """ "“<quotation>,” said X, an analyst at …": the quotation, whole, closed."""
    fronted = _fronted_clause(pp)
    if fronted is None:
        return ""
    span = pp.whole_quotes(pp.subtree(fronted))
    if not pp.quotes or min(span) != pp.quotes[0][0]:
        return ""
    text = pp.text(_with_punct(pp, span)).rstrip(" ,")
    text = re.sub(r",\s*([”\"])$", r"\1", text)
    return text if _balanced(text) and not dangling(text) else ""


def _reported_clause(pp: _Parse, limit: int) -> str:
    """ "Sybiha: Russia deployed 450 drones" for "X said that <clause>" too long to keep
    whole: the speaker's name, then the reported clause cut like a sentence."""
    verb = pp.words[pp.root].lower()
    if verb not in _SPEECH and verb not in _EVIDENCE:
        return ""
    clause = next((c for c in pp.kids[pp.root] if pp.toks[c].dep == "ccomp"), None)
    subj = next((c for c in pp.kids[pp.root] if pp.toks[c].dep == "nsubj"), None)
    if clause is None or subj is None or subj > pp.root or clause < pp.root:
        return ""
    if pp.toks[clause].pos not in ("VERB", "AUX") or not any(
        pp.toks[c].dep in ("nsubj", "nsubjpass", "expl", "csubj") for c in pp.kids[clause]
    ):
        return ""  # a misparse: the reported "clause" has no verb or no subject of its own
    if verb in _EVIDENCE:
        return _clause_alone(pp, clause, limit)
    span = sorted(
        i for i in pp.subtree(clause) if pp.toks[i].dep != "mark" or i != min(pp.subtree(clause))
    )
    for speaker in _speakers(pp, subj):
        room = limit - len(speaker) - 2
        if room < 30:
            continue
        lo = span[0]
        sub = (
            best_prefix(pp, room, start=lo, root=clause)
            if span == list(range(lo, span[-1] + 1))
            else ""
        )
        if len(sub) < room * PREFIX_MIN:
            sub = max(sub, compress(pp, room, root=clause), key=len)
        sub = re.sub(r"^(?:that|whether)\s+", "", sub, flags=re.I)
        if sub:
            return f"{speaker[:1].upper()}{speaker[1:]}: {sub[:1].upper()}{sub[1:]}"
    return ""


def _speakers(pp: _Parse, subj: int) -> list[str]:
    """The speaker as a title may name them: whole when short ("The defence ministry"),
    else by name ("Ukrainian Foreign Minister Jan Novak" → "Jan Novak"); a short speaker
    whose name is a person's ("Ukrainian athlete Jan Novak") may also give way to the
    name when the reported clause needs the room."""
    who = sorted(pp.subtree(subj))
    names = [i for i in who if pp.toks[i].pos == "PROPN" and i <= subj]
    run = [subj] if pp.toks[subj].pos == "PROPN" else []
    while run and run[0] - 1 in names:
        run.insert(0, run[0] - 1)
    short = pp.text(run[-2:] if run else [subj])
    if len(pp.text(who)) > 40:
        return [short]
    role = run and any(pp.toks[i].pos == "NOUN" for i in who if i < run[0])  # "athlete"
    person = role and len(run) >= 2 and not any(pp.toks[k].dep == "prep" for k in pp.kids[subj])
    return [pp.text(who), short] if person and short != pp.text(who) else [pp.text(who)]


def _clause_alone(pp: _Parse, clause: int, limit: int) -> str:
    """The reported clause as the title ("Russian forces advanced near X" of "Footage
    indicates that Russian forces advanced near X")."""
    span = sorted(i for i in pp.subtree(clause) if pp.toks[i].dep != "mark")
    text = pp.text(span)
    if span != list(range(span[0], span[-1] + 1)):
        text = ""
    if not _fits(text, limit):
        sub = best_prefix(pp, limit, start=span[0], root=clause) if text == "" or span else ""
        text = max(sub, compress(pp, limit, root=clause), key=len)
    text = re.sub(r"^(?:that|whether)\s+", "", text, flags=re.I)
    return f"{text[:1].upper()}{text[1:]}" if text else ""


def cut_parsed(sentence: str, toks: Sequence[ParseToken], limit: int, blind: bool = True) -> str:
    """A title of at most ``limit`` characters from a sentence and its parse; without
    ``blind``, "" where only a cut that may leave a phrase open is left."""
    if not toks:
        return cut_plain(sentence, limit)
    pp = _Parse(sentence, toks)
    prefix = best_prefix(pp, limit)
    if pp.toks[pp.root].pos not in ("VERB", "AUX"):  # a heading or label: no clause to compress
        return prefix.rstrip(" .,;:") if prefix else cut_plain(sentence, limit)
    fronted = _fronted_clause(pp)
    if fronted is not None:  # "<clause>, X said": the clause is what is said
        prefix = max(prefix, best_prefix(pp, limit, root=fronted), key=len)
        said = _said_clause(pp) or _fronted_quote(pp)
        if said and len(said) <= limit * WIDER and len(said) > len(prefix):
            return said
        quoted = _fronted_quote_cut(pp, limit)
        if len(quoted) > len(prefix):
            return quoted
    if len(prefix) >= limit * PREFIX_MIN:
        return prefix.rstrip(" .,;:")
    found = [prefix, compress(pp, limit), _reported_clause(pp, limit)]
    best = max(found, key=len)
    if len(best) < limit * PREFIX_MIN:  # a closed phrase a little over the limit beats a cut
        wider = int(limit * WIDER)
        found += [best_prefix(pp, wider), compress(pp, wider), _reported_clause(pp, wider)]
        best = max(found, key=len)
    if best:
        return best.rstrip(" .,;:")
    if not blind:
        return ""
    return _last_resort(pp, limit) or _word_cut(pp, limit) or cut_plain(sentence, limit)


#: How far over the limit a closed phrase (core or reported clause) may run before the
#: title falls back to a cut that may leave a phrase open.
