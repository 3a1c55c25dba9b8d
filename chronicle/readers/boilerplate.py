"""Boilerplate rules, loaded from ``chronicle/data/boilerplate.yaml``.

The patterns live in a data file so new outlets' widgets and banners can be
added without touching code; each rule carries examples that the tests check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.yaml"
#: Boilerplate is short; longer lines are never matched (also bounds regex cost).
MAX_RULE_CHARS = 1_000


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    patterns: tuple[re.Pattern[str], ...]
    combined: re.Pattern[str]
    search: bool = False
    scope: str = "any"  # any | header
    examples: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()

    def matches(self, line: str) -> bool:
        if not line or len(line) > MAX_RULE_CHARS:
            return False
        if self.search:
            return self.combined.search(line) is not None
        return self.combined.fullmatch(line) is not None


def _rule(category: str, raw: dict[str, Any]) -> Rule:
    flags = 0 if raw.get("case", "ignore") == "sensitive" else re.IGNORECASE
    sources = [str(p) for p in raw.get("patterns") or ()]
    return Rule(
        name=str(raw["name"]),
        category=category,
        patterns=tuple(re.compile(p, flags) for p in sources),
        # one alternation per rule: a single regex call per line instead of one per pattern
        combined=re.compile("|".join(f"(?:{p})" for p in sources) or "(?!)", flags),
        search=raw.get("match", "full") == "search",
        scope=str(raw.get("scope", "any")),
        examples=tuple(str(e) for e in raw.get("examples") or ()),
        counter=tuple(str(e) for e in raw.get("counter") or ()),
    )


class Boilerplate:
    """Line classifier over the rule categories of the data file."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.rules: dict[str, tuple[Rule, ...]] = {
            cat: tuple(_rule(cat, r) for r in (data.get(cat) or ()))
            for cat in (
                "boilerplate",
                "footer_start",
                "summary_heading",
                "takeaway_heading",
                "liveblog_skip",
                "related_heading",
            )
        }

        # one regex over all rules for the common "not boilerplate" answer: most lines are news
        self._fast = {
            header: (
                _union(
                    r
                    for r in self.rules["boilerplate"]
                    if not r.search and (header or r.scope != "header")
                ),
                _union(
                    r
                    for r in self.rules["boilerplate"]
                    if r.search and (header or r.scope != "header")
                ),
            )
            for header in (False, True)
        }

    def all_rules(self) -> list[Rule]:
        return [r for rules in self.rules.values() for r in rules]

    def match(self, line: str, header: bool = False) -> str | None:
        """Name of the first boilerplate rule matching ``line`` (stripped), else None."""
        if not line or len(line) > MAX_RULE_CHARS:
            return None
        full, search = self._fast[header]
        if full.fullmatch(line) is None and search.search(line) is None:
            return None
        for rule in self.rules["boilerplate"]:
            if rule.scope == "header" and not header:
                continue
            if rule.matches(line):
                return rule.name
        return None

    def _any(self, category: str, line: str) -> bool:
        return any(r.matches(line) for r in self.rules[category])

    def is_caption(self, line: str) -> bool:
        return any(
            r.matches(line)
            for r in self.rules["boilerplate"]
            if r.name in ("caption_credit", "bare_credit")
        )

    def is_end_marker(self, line: str) -> bool:
        return any(r.matches(line) for r in self.rules["boilerplate"] if r.name == "end_marker")

    def is_footer_start(self, line: str) -> bool:
        return self._any("footer_start", line)

    def is_related_heading(self, line: str) -> bool:
        return self._any("related_heading", line)

    def is_summary_heading(self, line: str) -> bool:
        return self._any("summary_heading", line)

    def is_takeaway_heading(self, line: str) -> bool:
        return self._any("takeaway_heading", line)

    def is_liveblog_skip(self, headline: str, body: str) -> bool:
        """A live-blog entry that is a sign-off, a summary or a promo, not news."""
        if headline and (self.is_summary_heading(headline) or self._any("liveblog_skip", headline)):
            return True
        lead = body[:300]
        return self._any("liveblog_skip", lead) or (
            len(body) < 300 and self.match(body) is not None
        )


def _union(rules: object) -> re.Pattern[str]:
    """All patterns of ``rules`` as one alternation, each keeping its own case flag."""
    parts = []
    for rule in rules:  # type: ignore[attr-defined]
        flag = "" if rule.combined.flags & re.IGNORECASE == 0 else "i"
        for p in rule.patterns:
            parts.append(f"(?{flag}:{p.pattern})" if flag else f"(?:{p.pattern})")
    return re.compile("|".join(parts) or "(?!)")


@lru_cache(maxsize=4)
def load_boilerplate(path: Path = DATA_FILE) -> Boilerplate:
    with open(path, encoding="utf-8") as fh:
        return Boilerplate(yaml.safe_load(fh) or {})
