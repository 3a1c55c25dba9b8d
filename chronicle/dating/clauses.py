"""Whether a date phrase belongs to a sentence's main clause, from a dependency parse.

"A volunteer who died last week was buried on Tuesday": the main event is the burial, so
"last week" (in a relative clause) must not date the passage; nor must "last week" in
"the EU's decision last week to ... was legally sound" (a clause modifying a noun).
Regexes cannot see where a clause ends, a parse can. Parsing costs ~4 ms a sentence, so
only sentences where a cheap test finds a possible embedding are parsed (a relative
word before the date, or a finite verb after it); the others keep the regex rules. A
build parses them all in one batch before dating (:func:`prefetched`): through the
``parse`` passage task they are stored by text and parsed in forks or on Dask workers.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

#: A relative or complement word before the date: the date may sit in that clause.
_MARK_BEFORE = re.compile(r"\b(?:who|whom|whose|which|that|where)\b", re.IGNORECASE)
#: A finite verb after the date: the date may sit in the subject ("X last week was ...").
_VERB_AFTER = re.compile(r"\b(?:was|were|is|are|has|have|had|remains|remained)\b", re.IGNORECASE)
#: Dependencies that embed a clause in a noun (relative and other noun-modifying clauses)
#: or make a clause the subject: a date under them dates something else.
EMBEDDING_DEPS = frozenset({"relcl", "acl", "csubj", "csubjpass"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def may_be_embedded(sentence: str, start: int, end: int) -> bool:
    """Cheap pre-test: could the date at ``start:end`` of ``sentence`` be embedded?"""
    return bool(_MARK_BEFORE.search(sentence, 0, start)) or bool(_VERB_AFTER.search(sentence, end))


#: Parses fetched in one batch for the files being dated (see :func:`prefetched`).
_FETCHED: contextvars.ContextVar[Mapping[str, tuple] | None] = contextvars.ContextVar(
    "clause_parses", default=None
)


@contextmanager
def prefetched(parses: Mapping[str, tuple]) -> Iterator[None]:
    """Answer parses from ``parses`` (sentence -> tokens) while the block runs; a sentence
    missing from it is still parsed on its own."""
    token = _FETCHED.set(parses)
    try:
        yield
    finally:
        _FETCHED.reset(token)


def _parse(sentence: str) -> tuple:
    fetched = _FETCHED.get()
    found = fetched.get(sentence) if fetched is not None else None
    return found if found is not None else _parse_one(sentence)


@functools.lru_cache(maxsize=4096)
def _parse_one(sentence: str) -> tuple:
    from chronicle.nlp import parse

    return parse([sentence])[0]


def embedded(tokens: Sequence, start: int, end: int) -> bool:
    """Whether the phrase at ``start:end`` hangs under an embedding clause in ``tokens``."""
    inside = {i for i, t in enumerate(tokens) if t.start < end and start < t.end}
    if not inside:
        return False
    head = min(i for i in inside if tokens[i].head not in inside or tokens[i].head == i)
    if tokens[head].dep == "npadvmod" and tokens[tokens[head].head].pos in _NOUNS:
        return True  # a bare date on a noun: "the decision last week"
    seen: set[int] = set()
    i = head
    while tokens[i].head != i and i not in seen:
        seen.add(i)
        i = tokens[i].head
        if i not in inside and tokens[i].dep in EMBEDDING_DEPS:
            return True
    return False


def outside_main_clause(sentence: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` of ``sentence`` dates an embedded clause."""
    if not may_be_embedded(sentence, start, end):
        return False
    try:
        tokens = _parse(sentence)
    except Exception:  # noqa: BLE001 - no parser: the regex rules decide alone
        return False
    return embedded(tokens, start, end)
