"""Speakers of claims resolved to actors and sides, per build.

Extraction (cached per text) knows only where the speaker phrase is; this step uses the
passage's resolved entity mentions and the actor table, which change with the corpus and
the user's tables, so it runs on every build (it is cheap). A named speaker is the actor
whose mention covers the phrase's head ("regional governor X" → X). An unnamed one
("officials", "Kremlin-installed authorities", "officials in Kyiv") stays unnamed but keeps
the side its words give: an actor, demonym or capital inside the phrase, or a place's
country. Pronouns take the last speaker of the passage, else the nearest preceding actor
of a fitting kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from chronicle.claims import lexicon as lx
from chronicle.claims.extract import ClaimSet, RawClaim
from chronicle.model import Claim


class Resolver:
    """Maps raw claims to :class:`~chronicle.model.Claim` with the build's tables."""

    def __init__(self, table: Any, gazetteer: Any = None) -> None:
        self.table = table
        self.gaz = gazetteer
        self._iso: dict[str, str] | None = None

    def _country_state(self, iso: str | None) -> str | None:
        if not iso:
            return None
        if self._iso is None:
            from chronicle.entities.actors import _countries

            self._iso = {}
            for name, code, _capital in _countries():
                ident = self.table.lookup(name)
                if ident:
                    self._iso.setdefault(code, ident)
        return self._iso.get(iso)

    def _kind(self, actor_id: str) -> str | None:
        rec = self.table.records.get(actor_id)
        return rec.kind if rec is not None else None

    def _words_side(self, phrase: str) -> str | None:
        """Side named by the words of an unnamed speaker ("Ukrainian", "Kremlin-installed"):
        the actor or demonym nearest the end of the phrase (its head) decides."""
        t = self.table
        for part in reversed(re.split(r"[\s\-–/]+", phrase)):  # the nearest to the head
            word = part.strip("’'s.,;:").strip("’'")
            if not word or not word[0].isupper():
                continue
            ident = t.demonyms.get(word) or t.metonyms.get(word) or t.lookup(word)
            if ident is not None:  # "Lithuania's prime minister": Lithuania's, whatever else
                return t.side(ident)
        return None

    def resolve(
        self, raw: ClaimSet, mentions: Sequence[tuple[int, int, str, str]]
    ) -> tuple[Claim, ...]:
        out: list[Claim] = []
        last: tuple[str | None, str | None] | None = None  # (actor id, side) of the last speaker
        for c in raw.claims:
            speaker, side = self._speaker(c, mentions, last, out)
            if c.speaker is not None:
                last = (speaker, side)
            out.append(
                Claim(
                    speaker=speaker,
                    speaker_text=c.speaker,
                    side=side,
                    verb=c.verb,
                    stance=c.stance,
                    text=c.text,
                    hedged=c.hedge is not None,
                    hedge=c.hedge,
                    kind=c.kind,
                    via=c.via,
                )
            )
        return tuple(out)

    def _speaker(
        self,
        c: RawClaim,
        mentions: Sequence[tuple[int, int, str, str]],
        last: tuple[str | None, str | None] | None,
        done: list[Claim],
    ) -> tuple[str | None, str | None]:
        if c.speaker is None:
            return None, None
        low = c.speaker.lower()
        if low in lx.PRONOUNS:
            return self._pronoun(low, c, mentions, last)
        actors = [m for m in mentions if m[2] == "actor"]
        for hs, he in c.heads:
            for s, e, _kind, ident in actors:
                if s < he and hs < e:
                    return ident, self.table.side(ident) or self._words_side(c.speaker)
        inside = [m[3] for m in actors if c.start <= m[0] and m[1] <= c.end]
        head = c.speaker.split()[-1].lower().strip("’'s") if c.speaker else ""
        for ident in inside:  # "Ukraine's envoy to NATO, <name>": the named person
            if self._kind(ident) == "person":
                return ident, self.table.side(ident) or self._words_side(c.speaker)
        if inside and head not in lx.UNNAMED:  # "a report by <think tank>"
            ident = inside[-1]
            return ident, self.table.side(ident) or self._words_side(c.speaker)
        bare = re.sub(r"^(?:the|a|an)\s+", "", c.speaker, flags=re.IGNORECASE)
        ident = self.table.lookup(bare) or self.table.metonyms.get(bare)
        if ident is not None:  # a table name the entity stage did not keep here
            return ident, self.table.side(ident)
        side = None
        for s, e, kind, ident in mentions:  # an actor or place inside the phrase
            if c.start <= s and e <= c.end:
                if kind == "actor":
                    side = self.table.side(ident)
                elif self.gaz is not None:
                    rec = self.gaz.records.get(ident)
                    side = self.table.side(self._country_state(getattr(rec, "country", None)))
                if side:
                    break
        return None, side or self._words_side(c.speaker)

    def _pronoun(
        self,
        low: str,
        c: RawClaim,
        mentions: Sequence[tuple[int, int, str, str]],
        last: tuple[str | None, str | None] | None,
    ) -> tuple[str | None, str | None]:
        person = low in ("he", "she", "i")
        if last is not None and last[0] is not None:
            if (self._kind(last[0]) == "person") == person:
                return last
        before = [m for m in mentions if m[2] == "actor" and m[1] <= c.start]
        for _s, _e, _k, ident in reversed(before):
            kind = self._kind(ident)
            if (kind == "person") == person or (kind is None and person):
                return ident, self.table.side(ident)
        if last is not None:
            return last
        return None, None
