"""Surnames resolved across a document and the corpus, once every full name is known."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from chronicle.entities import rules
from chronicle.entities.actors import ActorRecord, distinct_id, fold, slug
from chronicle.entities.firstpass import FirstPass
from chronicle.entities.mentions import Mention, _Work
from chronicle.model import Diagnostic, Passage


class Resolve(FirstPass):
    """People promoted from repeated surnames; lone surnames matched to full names."""

    def _promote_people(self, works: list[_Work]) -> None:
        """A name NER called an organisation is a person when its surname recurs as one."""
        lone: dict[str, set[str]] = {}
        for work in works:
            for m in work.mentions:
                if m.kind == "surname" and m.label == "PERSON":
                    lone.setdefault(work.dp.passage.document_id, set()).add(fold(m.text))
        for work in works:
            for m in work.mentions:
                if m.kind == "maybe-person":
                    if fold(m.text.split()[-1]) in lone.get(work.dp.passage.document_id, set()):
                        m.kind, m.id = "actor", "new-person:" + m.text
                    else:
                        m.kind = "drop"
            work.mentions = [m for m in work.mentions if m.kind != "drop"]

    def _full_names(
        self, works: list[_Work], new_actors: dict[str, ActorRecord], diags: list[Diagnostic]
    ) -> tuple[dict[str, dict[str, set[str]]], dict[str, set[str]]]:
        """People named in full, by surname, per document and in the whole corpus."""
        doc_names: dict[str, dict[str, set[str]]] = {}
        corpus_names: dict[str, set[str]] = {}
        for work in works:
            for m in work.mentions:
                if m.kind != "actor":
                    continue
                m.id = self._materialise(m, new_actors, diags, work.dp.passage)
                rec = new_actors.get(m.id) or self.table.records[m.id]
                if rec.kind != "person" or len(rec.name.split()) < 2:
                    continue
                sur = fold(rec.name.split()[-1])
                doc_names.setdefault(work.dp.passage.document_id, {}).setdefault(sur, set()).add(
                    m.id
                )
                corpus_names.setdefault(sur, set()).add(m.id)
        return doc_names, corpus_names

    def _find_lone_surnames(
        self, works: list[_Work], doc_names: dict[str, dict[str, set[str]]]
    ) -> None:
        """A surname alone, even where NER missed it, once its document names it in full."""
        for work in works:
            known = doc_names.get(work.dp.passage.document_id, {})
            if not known:
                continue
            for m in work.mentions:  # "Shevchenko" the town is Shevchenko the person here
                rec = self.gaz.records.get(m.id or "") if m.kind == "place" else None
                if rec is not None and rec.kind == "geonames-city" and fold(m.text) in known:
                    m.kind, m.id = "surname", None
            taken = [(m.start, m.end) for m in work.mentions]
            for tok in re.finditer(r"\b[A-Z][\w-]+\b", work.text):
                if (
                    fold(tok.group()) in known
                    and not any(s <= tok.start() < e for s, e in taken)
                    and not rules.is_compound_modifier(work.text, tok.end())
                ):
                    work.mentions.append(Mention(tok.start(), tok.end(), tok.group(), "surname"))
            work.mentions.sort(key=lambda m: m.start)

    def _resolve_surname(
        self,
        m: Mention,
        work: _Work,
        doc_names: dict[str, dict[str, set[str]]],
        corpus_names: dict[str, set[str]],
        new_actors: dict[str, ActorRecord],
        diags: list[Diagnostic],
    ) -> tuple[str, str] | None:
        """('actor'|'place', id) for a lone name: document, then corpus, then the table."""
        p = work.dp.passage
        key = fold(m.text)
        cands = doc_names.get(p.document_id, {}).get(key) or corpus_names.get(key)
        if not cands:
            cands = self.table.by_surname(m.text)
        if cands and len(cands) == 1:
            return "actor", next(iter(cands))
        if cands:
            diags.append(
                Diagnostic(
                    "C301",
                    f"ambiguous name '{m.text}': {', '.join(sorted(cands))}",
                    p.path,
                    p.line,
                    "info",
                )
            )
            return None
        if m.label in ("GPE", "LOC"):
            hit = self._fuzzy(key, self._fuzzy_place_keys, self._fuzzy_place_list)
            return ("place", hit) if hit else None
        hit = self._fuzzy(key, self._fuzzy_actor_keys, self._fuzzy_actor_list)
        if hit is None and rules.looks_like_toponym(m.text):
            return "place", "new-place:" + m.text  # "Bilozerske" tagged PERSON or ORG
        if hit is None and m.label == "ORG" and self._lone_org(work.text, m):
            m.id = "new-org:" + m.text
            hit = self._materialise(m, new_actors, diags, p)
        return ("actor", hit) if hit else None

    def _materialise(
        self, m: Mention, new: dict[str, ActorRecord], diags: list[Diagnostic], p: Passage
    ) -> str:
        assert m.id is not None
        if ":" not in m.id:
            return m.id
        kind, name = m.id.split(":", 1)
        kind = {"new-person": "person", "new-org": "org"}[kind]
        known = self.table.lookup(name)
        if known is not None:
            return known
        aid = slug(name)
        if kind == "person" and aid not in new:
            # "Maksudur Rahman" and "Maksudur Rahmen": one person, misspelt once
            for other in new.values():
                if (
                    other.kind == "person"
                    and other.name[:1] == name[:1]
                    and fuzz.ratio(fold(other.name), fold(name)) >= 92
                ):
                    return other.id
        if aid in self.table.records or (aid in new and new[aid].name != name):
            aid = distinct_id(aid, name)
        if aid not in new:
            new[aid] = ActorRecord(aid, name, kind, known=False)
            diags.append(
                Diagnostic(
                    "C302", f"{kind} '{name}' is not in the actors table", p.path, p.line, "info"
                )
            )
        return aid
