"""A built site's event exports read back through ``data/index.json`` (the manifest of
the per-year files), as a reader of the exports would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from chronicle.site.exports_years import read_export


def manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "data/index.json").read_text("utf-8"))


def year_files(out: Path, name: str) -> list[Path]:
    """The files ``name`` (e.g. ``events.csv``) of every year, years ascending."""
    return [out / year["files"][name] for year in manifest(out)["years"]]


def export_text(path: Path) -> str:
    """An export file's text (the per-year files are gzip-compressed)."""
    return read_export(path.read_bytes(), path.name)


def year_texts(out: Path, name: str) -> list[str]:
    """The text of the files ``name`` of every year, years ascending."""
    return [export_text(p) for p in year_files(out, name)]


def site_data(out: Path) -> dict[str, Any]:
    """Every year's events.json as one: events in order, actors, places and topics by id
    (a topic's ``events`` summed over the years), and the manifest's warnings."""
    merged: dict[str, Any] = {"events": [], "actors": {}, "places": {}, "topics": {}}
    for text in year_texts(out, "events.json"):
        data = json.loads(text)
        merged["events"] += data["events"]
        for table in ("actors", "places"):
            for row in data[table]:
                merged[table].setdefault(row["id"], row)
        for row in data["topics"]:
            known = merged["topics"].setdefault(row["id"], dict(row, events=0))
            known["events"] += row["events"]
    for table in ("actors", "places", "topics"):
        merged[table] = list(merged[table].values())
    merged["warnings"] = manifest(out)["warnings"]
    return merged


def site_events(out: Path) -> list[dict[str, Any]]:
    return site_data(out)["events"]


def csv_rows(out: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for text in year_texts(out, "events.csv"):
        rows += list(csv.DictReader(io.StringIO(text, newline="")))
    return rows


def geo_features(out: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for text in year_texts(out, "events.geojson"):
        found += json.loads(text)["features"]
    return found
