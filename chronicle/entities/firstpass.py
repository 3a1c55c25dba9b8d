"""The first pass over each passage: its mentions judged in context, kept in the store.

The mentions of a passage depend only on its text, its NER spans and the writers it
credits, so they are judged once per distinct passage and kept across builds; the
surname resolution that follows needs the whole corpus and runs on every build.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from chronicle.entities import roles, rules
from chronicle.entities.actors import fold
from chronicle.entities.mentions import _ORG_WORDS, Mention, Mentions, _Work, entity_text
from chronicle.entities.tables import _is_tuple
from chronicle.model import DatedPassage, Document
from chronicle.nlp import NerSpan


class FirstPass(Mentions):
    """Ministries settled and every passage's mentions judged (the per-text part)."""

    # --- ministries -----------------------------------------------------------------

    def _ministry_mentions(self, text: str) -> list[Mention]:
        """Ministries with their state: named ("Russia's Ministry of Defence"), the same
        subject earlier in the passage, or left open ('ministry?') for _settle_ministries."""
        out = []
        last: dict[str, str] = {}
        for s, e, subject, country in roles.ministry_mentions(text):
            state = None
            if country:
                state = (
                    self.table.demonyms.get(country)
                    or self.table.metonyms.get(country)
                    or self.table.lookup(country)
                )
                if state and self.table.records[state].kind != "state":
                    state = None
            state = state or last.get(subject)
            if state is None:
                out.append(Mention(s, e, text[s:e], "ministry?", subject))
                continue
            last[subject] = state
            out.append(Mention(s, e, text[s:e], "actor", self._ministry_id(state, subject)))
        return out

    def _ministry_id(self, state: str, subject: str) -> str:
        rec = self.table.records[state]
        adjective = rec.demonyms[0] if rec.demonyms else rec.name
        name = f"{adjective} Ministry of {subject}"
        return self.table.lookup(name) or "new-org:" + name

    def _settle_ministries(self, text: str, mentions: list[Mention]) -> None:
        """'Defense Minister Mykhailo Fedorov … The Defense Ministry said': the ministry
        of the minister's state."""
        for m in mentions:
            if m.kind != "ministry?" or not m.id:
                continue
            keys = {m.id.split()[0].lower(), m.id.lower()} | (
                {"defense", "defence"} if m.id == "Defence" else set()
            )
            m.kind = "drop"
            for other in mentions:
                rec = self.table.records.get(other.id or "") if other.kind == "actor" else None
                if rec is None or rec.kind != "person" or not rec.affiliation:
                    continue
                state = self.table.records.get(rec.affiliation)
                title = " ".join(
                    [*rec.roles, roles.role_before(text, other.start, self.country_words) or ""]
                ).lower()
                if (
                    state is not None
                    and state.kind == "state"
                    and any(
                        re.search(rf"\b{k}\b.*\bminister|\bminister of {k}", title) for k in keys
                    )
                ):
                    m.kind, m.id = "actor", self._ministry_id(state.id, m.id)
                    break

    def _drop_own_sources(self, works: list[_Work], docs: Mapping[str, Document]) -> None:
        """A document's publisher, authors and house voice are its sources (sources.py)."""
        from chronicle.entities.sources import OwnSources

        names = {r.id: (r.name, *r.aliases) for r in self.table.records.values()}
        OwnSources(docs, names).apply(works)

    def _first_pass(
        self, dp: DatedPassage, docs: Mapping[str, Document], spans: Sequence[NerSpan]
    ) -> _Work:
        """Mentions of one passage, judged in context; surnames are left for later.

        The mentions depend only on the text, its NER spans and the writers credited, so
        a passage repeated verbatim (archives, reposts) is judged once; later passes
        mutate mentions, so every passage gets its own copies.
        """
        p = dp.passage
        text = entity_text(p)
        doc = docs.get(p.document_id)
        writers = rules.split_names(p.byline) + rules.split_names(doc.author if doc else None)
        key = (text, tuple(spans), tuple(writers))
        found = self._first_memo.get(key)
        if found is None:
            stored = self._memo.key(  # in the store by digest: small, quick to load
                text, "\x1e".join(f"{s.start} {s.end} {s.label} {s.text}" for s in spans), *writers
            )
            found = self._memo.recall(stored, lambda: self._judged(text, spans, writers), _is_tuple)
            self._first_memo[key] = found
        return _Work(dp, text, [Mention(*m) for m in found])

    def _judged(
        self, text: str, spans: Sequence[NerSpan], writers: list[str]
    ) -> tuple[tuple[Any, ...], ...]:
        return tuple(
            (m.start, m.end, m.text, m.kind, m.id, m.role, m.label)
            for m in self._judge_passage(text, spans, writers)
        )

    def _judge_passage(
        self, text: str, spans: Sequence[NerSpan], writers: list[str]
    ) -> list[Mention]:
        masked = rules.credit_spans(text)
        writer_keys = {fold(n) for n in writers}
        writer_surnames = {fold(n.split()[-1]) for n in writers}
        mentions = self._ministry_mentions(text) + self._setting_mentions(text)
        taken = [(m.start, m.end) for m in mentions]
        for m in self._dictionary_mentions(text, masked):
            if not any(ts < m.end and m.start < te for ts, te in taken):
                mentions.append(m)
                taken.append((m.start, m.end))
        for span in spans:  # "Kharkiv Regional Prosecutor's Office" beats "Kharkiv"
            words = span.text.lower().replace("’", "'").split()
            inside = [m for m in mentions if span.start <= m.start and m.end <= span.end]
            if (
                span.label in ("ORG", "FAC")
                and len(words) > 1
                and words[-1] in _ORG_WORDS
                and inside
                and all(m.kind == "place" for m in inside)
                and not any(
                    m.start < span.end and span.start < m.end for m in mentions if m not in inside
                )
            ):
                m = self._ner_mention(text, span, masked)
                if m.kind == "actor":
                    mentions = [x for x in mentions if x not in inside] + [m]
        taken = [(m.start, m.end) for m in mentions]
        for span in spans:
            if span.label == "NORP":
                continue
            if span.label == "PERSON":
                self._person_over_dictionary(text, span, masked, mentions, taken)
            if any(ts < span.end and span.start < te for ts, te in taken):
                continue
            mentions.append(self._ner_mention(text, span, masked))
            taken.append((span.start, span.end))
        for m in mentions:  # bylines, authors and "X writes:" are who reports, not actors
            if m.kind in ("actor", "surname", "maybe-person") and (
                fold(m.text) in writer_keys
                or rules.is_writer(text, m.end)
                or (m.kind == "surname" and fold(m.text) in writer_surnames)
                or (
                    self._is_person_mention(m)
                    and rules.is_reporter(text, m.start, m.end, self.agencies)
                )
            ):
                m.kind = "drop"
        kept = sorted((m for m in mentions if m.kind != "drop"), key=lambda m: m.start)
        self._settle_ministries(text, kept)
        self._settle_countries(text, kept)
        # "[Vladimir] Putin": a first name, not a city
        for a, b in zip(kept, kept[1:], strict=False):
            if (
                a.kind == "place"
                and b.kind in ("actor", "surname")
                and re.fullmatch(r"\]?\s*", text[a.end : b.start])
                and len(a.text.split()) == 1
            ):
                a.kind = "drop"
        return [m for m in kept if m.kind != "drop"]

    def _is_person_mention(self, m: Mention) -> bool:
        if m.kind in ("surname", "maybe-person"):
            return True
        if m.id and m.id.startswith("new-person:"):
            return True
        rec = self.table.records.get(m.id or "")
        return rec is not None and rec.kind == "person"
