"""Mentions of names in a passage: table matches and NER spans, judged in context.

A mention is a span of the text with what it stands for (an actor, a place, a surname to
resolve later, or nothing: an agency credited, a picture credit). Dictionary matches
come first (any NER label); NER spans the tables do not know are judged by shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from chronicle.entities import roles, rules
from chronicle.entities.actors import fold
from chronicle.entities.tables import Tables
from chronicle.model import DatedPassage, Passage
from chronicle.nlp import NerSpan

MAX_NGRAM = 8
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|['’]s\b|[\w]+(?:[-–/&+][\w]+)*\+?", re.UNICODE)
_ORG_WORDS = frozenset(
    """ministry committee council office agency forces party foundation institute university
    bank court company group corps service administration commission fund union association
    federation brigade regiment battalion navy army guard police directorate observatory
    centre center initiative authority authorities bureau department prosecutor's
    prosecutors tribunal assembly parliament academy corporation holdings plant operator
    network alliance coalition movement front organisation organization""".split()
)
_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|de|der|von|van|da|di|du|la|le|dos|das)(?:-|$)")
_NAME_STOP = frozenset(
    """the a an of and in on at to for said says told according but this that he she it
    they we i you his her their our its""".split()
)


def entity_text(p: Passage) -> str:
    """The text NER runs on: title and body, so headline names count too."""
    return f"{p.title}. {p.text}" if p.title else p.text


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # actor | place | person? (surname to resolve) | drop
    id: str | None = None
    role: str | None = None
    label: str = ""  # NER label, or "" for a table match


@dataclass
class _Work:
    dp: DatedPassage
    text: str
    mentions: list[Mention] = field(default_factory=list)


class Mentions(Tables):
    """Finding and judging the mentions of one passage's text."""

    # --- matching -------------------------------------------------------------------

    def _lookup(self, surface: str) -> list[tuple[str, str]]:
        entries = self.dictionary.get(surface.lower())
        if not entries:
            return []
        exact = [(c, i) for s, c, i in entries if s == surface]
        if exact:
            return exact
        if " " in surface and surface[:1].isupper():
            return [(c, i) for s, c, i in entries if " " in s]
        return []

    def _dictionary_mentions(self, text: str, masked: list[tuple[int, int]]) -> list[Mention]:
        norm = text.replace("’", "'")
        toks = [(m.start(), m.end()) for m in _TOKEN.finditer(norm)]
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            if norm[toks[i][0]] in "'" or not (
                norm[toks[i][0]].isupper() or norm[toks[i][0]].isdigit()
            ):
                # names start with a capital; lower-case words only inside multi-word names
                if norm[toks[i][0] : toks[i][1]].lower() not in ("the",):
                    i += 1
                    continue
            hit = None
            for n in range(min(MAX_NGRAM, len(toks) - i), 0, -1):
                s, e = toks[i][0], toks[i + n - 1][1]
                surface = norm[s:e]
                entries = self._lookup(surface)
                if entries:
                    hit = (s, e, entries, n)
                    break
            if hit is None:
                i += 1
                continue
            s, e, entries, n = hit
            if surface.lower().startswith("the ") and not any(
                self.dictionary.get(surface.lower(), [])
            ):
                i += 1
                continue
            i += n
            if any(ms <= s < me for ms, me in masked):
                continue
            out.append(self._judge(text, s, e, entries))
        return out

    def _judge(self, text: str, s: int, e: int, entries: list[tuple[str, str]]) -> Mention:
        surface = text[s:e]
        cats = {c for c, _ in entries}
        ids = {c: i for c, i in entries}
        if "noise" in cats or rules.is_compound_modifier(text, e):
            return Mention(s, e, surface, "drop")
        area = rules.area_word(text, s, e)
        if area is not None:
            # "the Kharkiv region", "the Poltava and Sumy regions", "Saltivskyi and
            # Kyivskyi districts": the name stands for the area, not the city
            found = self.gaz.lookup(f"{surface} {area}")
            if found is not None:
                return Mention(s, e, surface, "place", found)
        if cats & {"agency", "platform"}:
            if rules.agency_is_subject(text, s):
                name = self.outlet_names.get(surface, surface)
                return Mention(s, e, surface, "actor", "new-org:" + name)
            return Mention(s, e, surface, "drop")
        actor = ids.get("actor") or ids.get("metonym")
        if actor is not None:
            rec = self.table.records[actor]
            if rec.kind == "state" or "metonym" in cats:
                place = ids.get("place")
                if place is None and "metonym" not in cats:
                    place = self.gaz.lookup(rec.name)
                use = rules.country_role(text, s, e)
                if place is None or use == "state":
                    return Mention(s, e, surface, "actor", actor)
                # the alternative reading is kept for passage-level resolution
                return Mention(s, e, surface, "place", place, role=f"{use}:{actor}")
            return Mention(s, e, surface, "actor", actor)
        return Mention(s, e, surface, "place", ids["place"])

    # --- NER spans the dictionary did not cover ------------------------------------

    def _clean(self, text: str, span: NerSpan) -> tuple[int, int] | None:
        s, e = span.start, span.end
        words = list(re.finditer(r"\S+", text[s:e]))
        while words and (
            words[0].group().lower().strip(".") in rules.TITLE_TOKENS
            or words[0].group() in self.table.demonyms
        ):
            words = words[1:]
        if not words:
            return None
        s2 = s + words[0].start()
        e2 = s + words[-1].end()
        while e2 > s2 and text[e2 - 1] in ".,;:!?)”\"'’":
            e2 -= 1
        m = re.search(r"['’]s?$", text[s2:e2])
        if m:
            e2 = s2 + m.start()
        return (s2, e2) if e2 > s2 else None

    def _fuzzy(self, key: str, keys: dict[str, str], choices: list[str]) -> str | None:
        if len(key) < 5:
            return None
        found = process.extract(key, choices, scorer=fuzz.ratio, limit=3, score_cutoff=86)
        if not found:
            return None
        best = found[0]
        if best[0] in key or key in best[0]:
            return None  # "Security Council" is less specific than "UN Security Council"
        ids = {keys[k] for k, score, _ in found if score >= best[1] - 4}
        return keys[best[0]] if len(ids) == 1 else None

    def _ner_mention(self, text: str, span: NerSpan, masked: list[tuple[int, int]]) -> Mention:
        cleaned = self._clean(text, span)
        if cleaned is None:
            return Mention(span.start, span.end, span.text, "drop")
        s, e = cleaned
        surface = text[s:e]
        if any(ms <= s < me for ms, me in masked) or re.search(r"\d", surface):
            return Mention(s, e, surface, "drop")
        key = fold(surface)
        if (
            key in self._noise_fold
            or key in self._agency_fold
            or not surface[:1].isupper()
            or rules.is_compound_modifier(text, e)
        ):
            return Mention(s, e, surface, "drop")
        actor = self.table.lookup(surface)
        place = self.gaz.lookup(surface)
        if actor is not None or place is not None:
            entries = ([("actor", actor)] if actor else []) + ([("place", place)] if place else [])
            return self._judge(text, s, e, entries)
        label = span.label
        single = len(surface.split()) == 1
        if (
            label != "PERSON"
            and re.fullmatch(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}", surface)
            and fold(surface.split()[0]) in self.given_names
            and not self._fuzzy(key, self._fuzzy_place_keys, self._fuzzy_place_list)
        ):
            label = "PERSON"  # "Oleksandr Pivnenko" tagged ORG or GPE
        if label == "PERSON" or (single and label == "ORG"):
            if single:
                return Mention(s, e, surface, "surname", label=label)
            hit = self._person_by_surname(surface) or self._fuzzy(
                key, self._fuzzy_actor_keys, self._fuzzy_actor_list
            )
            if hit:
                return Mention(s, e, surface, "actor", hit, label=label)
            if (
                rules.looks_like_toponym(surface)
                and fold(surface.split()[0]) not in self.given_names
            ):
                return Mention(s, e, surface, "place", "new-place:" + surface, label=label)
            if label == "PERSON":
                words = surface.split()
                if len(words) <= 5 and all(w[:1].isupper() or _PARTICLE.match(w) for w in words):
                    return Mention(s, e, surface, "actor", "new-person:" + surface, label=label)
                return Mention(s, e, surface, "drop")
        if label in ("GPE", "LOC", "FAC"):
            hit = self._fuzzy(key, self._fuzzy_place_keys, self._fuzzy_place_list)
            if hit:
                return Mention(s, e, surface, "place", hit, label=label)
            if label == "FAC" or surface.lower().split()[0] in _NAME_STOP:
                return Mention(s, e, surface, "drop")
            return Mention(s, e, surface, "place", "new-place:" + surface, label=label)
        if label == "ORG":
            hit = self._fuzzy(key, self._fuzzy_actor_keys, self._fuzzy_actor_list)
            if hit:
                return Mention(s, e, surface, "actor", hit, label=label)
            words = surface.lower().replace("’", "'").split()
            if any(w in _ORG_WORDS for w in words) or re.fullmatch(r"[A-Z]{2,6}", surface):
                name = re.sub(r"^(?:the|The)\s+", "", surface)
                return Mention(s, e, name, "actor", "new-org:" + name, label=label)
        if re.fullmatch(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}", surface):
            # a person NER mislabelled: a known given name, or a title or role around it
            if fold(surface.split()[0]) in self.given_names or roles.role_after(text, e):
                return Mention(s, e, surface, "actor", "new-person:" + surface, label=label)
            # else a person only if the surname recurs as one
            return Mention(s, e, surface, "maybe-person", label=label)
        return Mention(s, e, surface, "drop")

    def _person_over_dictionary(
        self,
        text: str,
        span: NerSpan,
        masked: list[tuple[int, int]],
        mentions: list[Mention],
        taken: list[tuple[int, int]],
    ) -> None:
        """'Hafez al-Assad' is not 'al-Assad' (Bashar): a longer name NER found wins
        over the table alias inside it, unless it is the same person."""
        cleaned = self._clean(text, span)
        if cleaned is None:
            return
        s, e = cleaned
        inside = [m for m in mentions if s <= m.start and m.end <= e]
        if len(inside) != 1 or inside[0].start == s or inside[0].end != e:
            return
        m = inside[0]
        surface = text[s:e]
        if m.kind == "place":
            # "Andriy Shevchenko": a town's name as the surname after a given name
            place = self.gaz.records.get(m.id or "")
            if (
                place is None
                or place.kind != "geonames-city"
                or fold(surface.split()[0]) not in self.given_names
            ):
                return
        else:
            rec = self.table.records.get(m.id or "")
            if m.kind != "actor" or rec is None or rec.kind != "person":
                return
        same = self.table.lookup(surface) or self._person_by_surname(surface)
        if same == m.id or surface.split()[0].lower() in rules.TITLE_TOKENS:
            return
        new = self._ner_mention(text, span, masked)
        if new.kind == "actor":
            mentions.remove(m)
            taken.remove((m.start, m.end))
            mentions.append(new)
            taken.append((span.start, span.end))

    def _settle_countries(self, text: str, mentions: list[Mention]) -> None:
        """Decide the countries the context left open, using the rest of the passage.

        'Germany's Wadephul' qualifies a person (dropped) while 'Ukraine's Kryvyi Rih'
        locates a place; a country with no telling context is the state when the
        same country acts elsewhere in the passage, else a place.
        """
        states = {m.id for m in mentions if m.kind == "actor"}
        for k, m in enumerate(mentions):
            if m.kind != "place" or not m.role or ":" not in m.role:
                continue
            use, actor = m.role.split(":", 1)
            m.role = None
            if use.startswith("name-"):
                nxt = mentions[k + 1] if k + 1 < len(mentions) else None
                use = use[5:]
                if nxt is not None and nxt.start <= m.end + 4:
                    if nxt.kind != "place":
                        m.kind = "drop"  # "Germany's Wadephul", "Ukraine's SBU"
                    continue
                if use == "state":
                    m.kind, m.id = "actor", actor
                    continue
            if use == "weak" and actor in states:
                m.kind = "drop"

    def _setting_mentions(self, text: str) -> list[Mention]:
        """Datelines ('KYIV, Ukraine (AP) —') and 'the village of X' name places outright."""
        out = []
        for s, e, name in rules.dateline_places(text):
            pid = self.gaz.lookup(name)
            if pid is not None:
                out.append(Mention(s, e, text[s:e], "place", pid))
        for s, e, name, area in rules.area_lists(text):
            pid = self.gaz.lookup(f"{name} {area}")
            if pid is not None:
                out.append(Mention(s, e, name, "place", pid))
        for s, e, name in rules.settlement_places(text):
            if fold(name) in self._noise_fold or self.table.lookup(name) is not None:
                continue
            pid = self.gaz.lookup(name)
            out.append(Mention(s, e, name, "place", pid or "new-place:" + name))
        return out

    def _lone_org(self, text: str, m: Mention) -> bool:
        """A one-word ORG span NER found and no table knows: 'Euroclear', 'NABU'.

        Not a word of a title ('Energy Minister', 'Secretary of State'), a ministry
        subject or a demonym ('Bangladeshi').
        """
        if not re.fullmatch(r"[A-Z][a-z]{3,}|[A-Z]{3,6}", m.text):
            return False
        word = m.text.lower()
        if word in roles.MINISTRY_SUBJECTS or word in rules.ROLE_WORDS:
            return False
        if (
            re.search(r"(?:i|ian|ese|ish|an)$", word)
            and m.text[0].isupper()
            and not m.text.isupper()
        ):
            return False
        near = (
            re.findall(r"[\w-]+", text[max(0, m.start - 20) : m.start])[-2:]
            + re.findall(r"[\w-]+", text[m.end : m.end + 20])[:1]
        )
        return not any(roles.is_role_word(w) for w in near)

    def _person_by_surname(self, surface: str) -> str | None:
        """'Andrey Removich Belousov', 'Kryrlo Budanov': surname known, first name close."""
        words = surface.split()
        ids = self.table.by_surname(words[-1])
        if len(ids) != 1:
            return None
        pid = next(iter(ids))
        first = self.table.records[pid].name.split()[0]
        if fuzz.ratio(fold(words[0]), fold(first)) >= 70:
            return pid
        return None
