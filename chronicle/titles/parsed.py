"""Cuts through a dependency parse: the longest prefix that closes every phrase it
opens, or the core of the sentence plus the optional phrases that fit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from chronicle.nlp import ParseToken
from chronicle.titles.plain import dangling

#: Dependents a word cannot lose (on its right) without leaving its phrase open.
_REQUIRED = frozenset(
    """nsubj nsubjpass csubj csubjpass expl aux auxpass neg dobj iobj dative attr acomp oprd
    ccomp xcomp pobj pcomp prt case compound det poss nummod quantmod amod nmod predet mark
    preconj""".split()
)
_CLOSING = frozenset({"”", "’", '"', ")", "]"})
#: Adjunct clauses: kept whole or dropped whole ("when it came to …" is no ending).
_ATOMIC = frozenset("advcl relcl acl".split())
_COMPLEMENTS = frozenset("dobj attr acomp oprd ccomp xcomp dative".split())
_DANGLING_DEPS = frozenset("cc mark prep det poss case preconj predet punct aux auxpass".split())


_BE = frozenset("is are was were be been being ’s 's".split())
#: Clause heads: a finite clause of its own, not a complement infinitive ("continues to use").
_CLAUSE_DEPS = frozenset("ROOT ccomp advcl relcl parataxis csubj".split())


class _Parse:
    """A sentence with its parse: words, children, root."""

    def __init__(self, sentence: str, toks: Sequence[ParseToken]) -> None:
        self.s = sentence
        self.toks = toks
        self.words = [sentence[t.start : t.end] for t in toks]
        self.kids: list[list[int]] = [[] for _ in toks]
        for i, t in enumerate(toks):
            if t.head != i and 0 <= t.head < len(toks):
                self.kids[t.head].append(i)
        self.root = next((i for i, t in enumerate(toks) if t.head == i), 0)
        self.quotes: list[tuple[int, int]] = []  # (opening, closing) token of each quotation
        opened: int | None = None
        for i, w in enumerate(self.words):
            if w == "“" or (w == '"' and opened is None):
                opened = i
            elif w in ("”", '"') and opened is not None:
                self.quotes.append((opened, i))
                opened = None

    def whole_quotes(self, keep: set[int]) -> set[int]:
        """A quotation is kept whole or not at all: no misquoting by omission."""
        out = set(keep)
        for a, b in self.quotes:
            if any(a < i < b for i in keep):
                out.update(range(a, b + 1))
        return out

    def required(self, head: int, child: int) -> bool:
        """Must ``child`` stay with ``head``? Complements yes; modifiers no; a conjunct
        only when it carries what its head lacks (a shared object, the rest of a list)."""
        toks = self.toks
        dep = toks[child].dep
        if dep in _REQUIRED:
            return True
        h = toks[head]
        if dep == "prep" and self.words[child].lower() == "of":
            return True  # "the town of Oleshky", "accused Russia of", "Ministry of Defence"
        if dep == "prep" and self.words[head].lower() in _BE and not self.predicate(head):
            return True  # "what happens next is | about how families keep warm"
        if dep == "npadvmod" and h.pos == "ADJ":
            return True  # "worth 2.6 billion kronor"
        if dep == "acl" and self.infinitive(child):
            return True  # "plans to test a missile": the noun's complement
        if dep == "cc":  # "and" stays with the conjunct it joins
            return any(toks[c].dep == "conj" and self.required(head, c) for c in self.kids[head])
        if dep == "conj":
            if h.pos in ("NOUN", "PROPN", "NUM", "ADJ"):
                return True  # "Kharkiv, Odesa and Dnipro" is one list
            own = {toks[c].dep for c in self.kids[head]}
            conj_subject = any(toks[c].dep in ("nsubj", "nsubjpass") for c in self.kids[child])
            return not (own & _COMPLEMENTS) and not conj_subject
        return False

    def predicate(self, i: int) -> bool:
        """Has the copula ``i`` a predicate noun, adjective or clause of its own?"""
        return any(self.toks[c].dep in ("attr", "acomp", "ccomp", "xcomp") for c in self.kids[i])

    def infinitive(self, i: int) -> bool:
        return any(
            self.toks[c].dep == "aux" and self.words[c].lower() == "to" for c in self.kids[i]
        )

    def subtree(self, j: int) -> set[int]:
        out, stack = set(), [j]
        while stack:
            k = stack.pop()
            out.add(k)
            stack.extend(self.kids[k])
        return out

    def text(self, keep: Iterable[int]) -> str:
        """Kept tokens as text: runs of adjacent tokens verbatim, runs joined by spaces;
        dangling tokens (conjunction, preposition, punctuation) dropped from the end."""
        keep = sorted(keep)
        while len(keep) > 1 and (
            self.toks[keep[-1]].dep in _DANGLING_DEPS or self.toks[keep[-1]].pos == "PUNCT"
        ):
            if self.words[keep[-1]] in _CLOSING:
                break  # a quotation or bracket closes on its last word
            keep.pop()
        runs: list[str] = []
        first = prev = None
        for i in [*keep, None]:
            if i is not None and prev is not None and i == prev + 1:
                prev = i
                continue
            if first is not None and prev is not None:
                runs.append(self.s[self.toks[first].start : self.toks[prev].end].strip(" ,;:"))
            first = prev = i
        text = " ".join(r for r in runs if r)
        return re.sub(r"\s+([,.;:!?’”)])", r"\1", text)


def _balanced(text: str) -> bool:
    return (
        text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
        and text.count("(") == text.count(")")
    )


def _fits(text: str, limit: int) -> bool:
    return 0 < len(text) <= limit and _balanced(text) and not dangling(text)


def best_prefix(pp: _Parse, limit: int, start: int = 0, root: int | None = None) -> str:
    """The longest prefix (from token ``start``) within ``limit`` that leaves no phrase
    open: every kept word's head is kept and no kept word loses a required dependent."""
    toks = pp.toks
    root = pp.root if root is None else root
    best = ""
    max_head = -1
    for i in range(start, len(toks)):
        if toks[i].start - toks[start].start > limit + 5:
            break
        t = toks[i]
        if i != root and t.pos != "PUNCT":
            reach = t.head
            if t.dep in _ATOMIC and not pp.infinitive(i):  # adjunct clauses: whole or not
                reach = max(reach, max(pp.subtree(i)))
            max_head = max(max_head, reach)
        if i < root or max_head > i:
            continue
        if any(c > i and pp.required(j, c) for j in range(start, i + 1) for c in pp.kids[j]):
            continue
        if _open_modifier(pp, i) or _hyphen_follows(pp, i):
            continue
        text = _closed_quote(pp.text(range(start, i + 1)))
        if _fits(text, limit):
            best = text
    return best


def _closed_quote(text: str) -> str:
    """A prefix that closes every phrase but stops inside a quotation ("“I am pleased to
    announce $100m of military aid | with the support of …") ends with the quotation mark:
    the quoted words kept are a complete phrase of their own, not a word cut."""
    if text.count("(") != text.count(")"):
        return text
    if text.count("“") == text.count("”") + 1 and text.rfind("“") < len(text) - 12:
        return text.rstrip(" ,;:–—-") + "”"
    if text.count('"') % 2 == 1 and text.rfind('"') < len(text) - 12:
        return text.rstrip(" ,;:–—-") + '"'
    return text


def _hyphen_follows(pp: _Parse, i: int) -> bool:
    """Is token ``i`` the first half of a hyphenated word ("non" of "non-recognition")?"""
    if i + 1 >= len(pp.toks):
        return False
    nxt = pp.toks[i + 1]
    return nxt.start == pp.toks[i].end and pp.words[i + 1] in ("-", "‑", "–")


def _open_modifier(pp: _Parse, i: int) -> bool:
    """ "… killed in Ukrainian | shelling": a capitalised adjective (a demonym the parser
    took for a name) before a lower-case word is no place to stop."""
    if i + 1 >= len(pp.toks):
        return False
    w, nxt = pp.words[i], pp.words[i + 1]
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ese|ish|ic|ern)", w)) and nxt[:1].islower()


def single_clause(toks: Sequence[ParseToken]) -> bool:
    """One finite clause (no reported, adverbial, relative or coordinated clause), and
    no list of more than two items: read at a glance even when a little long."""
    with_subject = {t.head for t in toks if t.dep in ("nsubj", "nsubjpass")}
    heads = sum(
        1
        for i, t in enumerate(toks)
        if t.pos in ("VERB", "AUX")
        and (t.dep in _CLAUSE_DEPS or t.dep == "conj" or (t.dep == "acl" and i in with_subject))
    )
    return heads <= 1 and sum(1 for t in toks if t.pos == "PUNCT" and t.dep == "punct") <= 3


def _noun_conjuncts(pp: _Parse, keep: set[int]) -> set[int]:
    """The later items of lists ("… a drone control point | and a manpower concentration"),
    with their conjunction: a title may name the first item only."""
    out: set[int] = set()
    for c in keep:
        h = pp.toks[c].head
        if pp.toks[c].dep == "conj" and pp.toks[h].pos in ("NOUN", "PROPN", "NUM") and h in keep:
            out |= pp.subtree(c)
            out |= {k for k in pp.kids[h] if pp.toks[k].dep in ("cc", "preconj") and h < k < c}
    return out


def _core(pp: _Parse, root: int) -> set[int]:
    core: set[int] = set()
    stack = [root]
    while stack:
        j = stack.pop()
        core.add(j)
        stack.extend(c for c in pp.kids[j] if pp.required(j, c) and c not in core)
    return core


def compress(pp: _Parse, limit: int, root: int | None = None) -> str:
    """Subject, verb and object (every required dependent from the root down), plus the
    optional phrases that fit, in sentence order; "" when the core alone is too long.
    A core too long loses, in turn, a named subject's titles and the later items of its
    lists."""
    root = pp.root if root is None else root
    if pp.toks[root].pos in ("VERB", "AUX") and not _has_subject(pp, root):
        return ""  # "… announced on Monday that …": the parse lost the subject
    full = _core(pp, root)
    possessor = _gerund_possessor(pp, root)
    for drop in (set(), _subject_titles(pp, root), _noun_conjuncts(pp, full), possessor):
        core = _with_punct(pp, pp.whole_quotes(full - drop))
        if _fits(pp.text(core), limit):
            break
    else:
        core = full - _subject_titles(pp, root) - _noun_conjuncts(pp, full) - possessor
        core = _with_punct(pp, pp.whole_quotes(core))
        if not _fits(pp.text(core), limit):
            return ""
    keep = set(core)
    dropped = full - core
    for j in sorted(core):
        for c in pp.kids[j]:
            if c in keep or c in dropped or "PUNCT" in (pp.toks[c].pos, pp.toks[c].dep.upper()):
                continue  # punctuation (or a possessive "’s" read as one) goes with its words
            if pp.words[c].lower() == "according":
                continue
            trial = _with_punct(pp, pp.whole_quotes(keep | pp.subtree(c)))
            if _fits(pp.text(trial), limit) and not _open_modifier(pp, max(trial)):
                keep = trial
    keep = _with_punct(pp, keep)
    gaps = sum(1 for i in sorted(keep)[1:] if i - 1 not in keep)
    return pp.text(keep) if gaps <= 2 else ""


def _has_subject(pp: _Parse, verb: int) -> bool:
    """Has the clause of ``verb`` a subject (its own, or its head's for a conjunct), or is
    it an imperative or infinitive that needs none?"""
    subjects = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
    heads = {verb} | {c for c in pp.kids[verb] if pp.toks[c].dep in ("aux", "auxpass")}
    if any(pp.toks[c].dep in subjects for h in heads for c in pp.kids[h]):
        return True  # (a subject the parser hung on the auxiliary counts)
    if pp.infinitive(verb) or pp.toks[verb].dep in ("xcomp", "acl", "advcl", "pcomp"):
        return True
    if verb == 0 or pp.words[verb][:1].isupper():
        return True  # an imperative ("Withdraw forces to the north", after a label)
    return pp.toks[verb].dep == "conj"


def _gerund_possessor(pp: _Parse, root: int) -> set[int]:
    """The doer of a gerund subject ("the committee’s" in "the committee’s allowing X to
    compete undermined Y"): dropped when the core is still too long ("Allowing X to compete
    undermined Y")."""
    out: set[int] = set()
    for c in pp.kids[root]:
        if pp.toks[c].dep == "csubj" and pp.words[c].lower().endswith("ing"):
            for k in pp.kids[c]:
                if k < c and pp.toks[k].dep in ("nsubj", "poss"):
                    out |= pp.subtree(k)
    return out


def _subject_titles(pp: _Parse, root: int) -> set[int]:
    """The words before a named subject ("Deputy Minister of Agriculture" before
    "Anna Petrenko"): dropped when the core is still too long."""
    subj = next((c for c in pp.kids[root] if pp.toks[c].dep in ("nsubj", "nsubjpass")), None)
    if subj is None or pp.toks[subj].pos != "PROPN":
        return set()
    if not (subj > 0 and pp.toks[subj - 1].pos == "PROPN" and pp.toks[subj - 1].dep == "compound"):
        return set()  # not a person's given name and surname
    first = subj - 1
    return {i for i in pp.subtree(subj) if i < first}


def _with_punct(pp: _Parse, keep: set[int]) -> set[int]:
    """Punctuation between kept words (commas, quotation marks) kept with them."""
    out = set(keep)
    n = len(pp.toks)
    for i, t in enumerate(pp.toks):
        if t.pos != "PUNCT" or i in out:
            continue
        before = next((j for j in range(i - 1, -1, -1) if pp.toks[j].pos != "PUNCT"), None)
        after = next((j for j in range(i + 1, n) if pp.toks[j].pos != "PUNCT"), None)
        w = pp.words[i]
        if w in ("”", "’", ")", "]") and before is not None and before in keep:
            out.add(i)  # a quotation or bracket closes after its last kept word
        elif w in ("“", "‘", "(", "[") and after is not None and after in keep:
            out.add(i)
        elif (before is None or before in keep) and after is not None and after in keep:
            out.add(i)
        elif before is not None and before in keep and (after is None or after in keep):
            out.add(i)
    return out


WIDER = 1.15

_MODIFIERS = frozenset("compound amod nmod poss nummod".split())


def _last_resort(pp: _Parse, limit: int) -> str:
    """The longest prefix within ``limit`` that ends on the head noun of a phrase (not a
    subject: "X said the president" says nothing) and closes every phrase after the verb."""
    best = ""
    for i, t in enumerate(pp.toks):
        if t.end - pp.toks[0].start > limit:
            break
        if (
            i > pp.root
            and t.pos in ("NOUN", "PROPN", "NUM")
            and t.dep not in ("compound", "amod", "nmod", "poss", "nummod", "nsubj", "nsubjpass")
            and all(pp.toks[j].head <= i or j == pp.root for j in range(pp.root, i + 1))
            and not any(
                c > i and pp.required(j, c) for j in range(pp.root, i + 1) for c in pp.kids[j]
            )
        ):
            text = _closed_quote(pp.text(range(i + 1)))
            if _fits(text, limit):
                best = text
    return best


def _word_cut(pp: _Parse, limit: int) -> str:
    """The last resort with a parse: the longest prefix that ends on a word that is no
    modifier of a later word, keeps its own complements and does not split a name."""
    best = ""
    n = len(pp.toks)
    for i, t in enumerate(pp.toks):
        if t.end - pp.toks[0].start > limit:
            break
        if i < pp.root or t.pos == "PUNCT" or t.dep in _MODIFIERS or t.dep in _DANGLING_DEPS:
            continue
        if t.head > i:
            continue
        if any(c > i and pp.required(i, c) for c in pp.kids[i]):
            continue
        if i + 1 < n and pp.toks[i + 1].dep in ("compound", "flat") and pp.toks[i + 1].head > i:
            continue
        if _hyphen_follows(pp, i):
            continue
        text = _closed_quote(pp.text(range(i + 1)))
        if _fits(text, limit):
            best = text
    return best
