"""Per-passage entities and the corpus's actor and place records, from resolved mentions."""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.entities.actors import ActorRecord, distinct_id, slug
from chronicle.entities.mentions import Mention, _Work
from chronicle.entities.resolve import Resolve
from chronicle.entities.roles import role_after, role_before
from chronicle.model import Diagnostic, Entity


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


class Collect(Resolve):
    """Mentions become ids per passage, and ids become :class:`Entity` records."""

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
                    role = role_before(work.text, m.start, self.country_words) or role_after(
                        work.text, m.end
                    )
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

    def _place_id(self, m: Mention) -> str:
        assert m.id is not None
        if m.id.startswith("new-place:"):
            name = m.id.split(":", 1)[1]
            pid = slug(name)
            if pid in self.gaz.records and self.gaz.records[pid].name != name:
                pid = distinct_id(pid, name)
            if pid not in self.gaz.records:
                from chronicle.entities.places import PlaceRecord

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
