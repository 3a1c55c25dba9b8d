"""Standing paragraphs: text a publisher's series repeats in every issue is not news.

A daily report carries boilerplate of its own that no pattern list knows: a methods
note ("We do not report in detail on …"), a disclaimer, a standing forecast. Read one
document at a time it looks like any paragraph; across the corpus it is the same
text in many issues of one publisher. Such a passage would become a new event every
day (or merge unrelated days into one giant event), so it is taken off passages and
its lines are shown dimmed on the source page, like other boilerplate.

Issues are told apart by URL (the same page scraped twice is one issue) or, without
one, by title.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence

from chronicle.model import Document, Line

#: A text repeated in at least this many distinct issues of one publisher is standing.
MIN_ISSUES = 3
#: Shorter passages are left alone (a short sentence can recur by chance).
MIN_CHARS = 80
_WS_RE = re.compile(r"\W+")


def _key(text: str) -> str:
    """The text itself, case and punctuation aside.

    Numbers count: a formulaic daily sentence with that day's date ("… on February 21
    but did not advance") is that day's news, not a standing paragraph.
    """
    return _WS_RE.sub(" ", text.casefold()).strip()[:1000]


def standing_passage_ids(documents: Sequence[Document]) -> set[str]:
    """Ids of passages whose text recurs in ``MIN_ISSUES`` issues of their publisher."""
    issues: dict[tuple[str, str], set[str]] = defaultdict(set)
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in documents:
        if not doc.publisher:
            continue
        issue = doc.url or doc.title
        for p in doc.passages:
            if len(p.text) < MIN_CHARS:
                continue
            k = (doc.publisher.casefold(), _key(p.text))
            issues[k].add(issue)
            where[k].append(p.id)
    return {pid for k, ids in where.items() if len(issues[k]) >= MIN_ISSUES for pid in ids}


def drop_standing(documents: Sequence[Document]) -> tuple[list[Document], set[str]]:
    """Documents without their standing passages (lines dimmed), and the ids dropped."""
    dropped = standing_passage_ids(documents)
    if not dropped:
        return list(documents), dropped
    out = []
    for doc in documents:
        if not any(p.id in dropped for p in doc.passages):
            out.append(doc)
            continue
        lines = tuple(
            Line(ln.number, ln.text, "boilerplate", None) if ln.passage in dropped else ln
            for ln in doc.lines
        )
        passages = tuple(p for p in doc.passages if p.id not in dropped)
        out.append(dataclasses.replace(doc, lines=lines, passages=passages))
    return out, dropped
