"""Derive chronicle/data/war-area.json from Natural Earth country outlines.

Input: ``countries-50m.json`` of the npm package ``world-atlas`` (Natural Earth 1:50m
admin-0 countries, public domain, as TopoJSON). Output: every country ring clipped to the
war area (Ukraine, Russia's west, the neighbours, the Black Sea), simplified in the map's
own projection and rounded, so the site ships a small file and never downloads outlines.

Run again only to change the area or the detail::

    npm install --prefix /tmp/na world-atlas@2
    python tools/war_area_outlines.py /tmp/na/node_modules/world-atlas/countries-50m.json
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

#: west, south, east, north (degrees). Keep in step with nothing else: the site reads it.
BBOX = (21.5, 43.4, 44.5, 56.6)
#: Douglas-Peucker tolerance in degrees of latitude (about 3 km).
TOLERANCE = 0.03
OUT = Path(__file__).resolve().parent.parent / "chronicle" / "data" / "war-area.json"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def clip(points: list[tuple[float, float]], bbox: tuple[float, ...]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against each edge of the box (rings stay closed polygons)."""
    w, s, e, n = bbox
    edges = (
        (lambda p: p[0] >= w, lambda a, b: _cross_x(a, b, w)),
        (lambda p: p[0] <= e, lambda a, b: _cross_x(a, b, e)),
        (lambda p: p[1] >= s, lambda a, b: _cross_y(a, b, s)),
        (lambda p: p[1] <= n, lambda a, b: _cross_y(a, b, n)),
    )
    for inside, cross in edges:
        if not points:
            break
        result = []
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    result.append(cross(prev, cur))
                result.append(cur)
            elif inside(prev):
                result.append(cross(prev, cur))
            prev = cur
        points = result
    return points


def _cross_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points: list[tuple[float, float]], tol: float, k: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on (lon * k, lat): distances as on the map (k = cos(mid latitude))."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        ax, ay = points[i][0] * k, points[i][1]
        bx, by = points[j][0] * k, points[j][1]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, at = 0.0, -1
        for m in range(i + 1, j):
            px, py = points[m][0] * k, points[m][1]
            if norm:  # distance to the chord
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            else:  # a closed ring's ends coincide: distance to that point
                d = math.hypot(px - ax, py - ay)
            if d > best:
                best, at = d, m
        if best > tol and at > 0:
            keep[at] = True
            stack.extend(((i, at), (at, j)))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topo = json.loads(args.topojson.read_text("utf-8"))
    arcs = decode_arcs(topo)
    k = math.cos(math.radians((BBOX[1] + BBOX[3]) / 2))
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                clipped = simplify(clip(ring(arcs, indexes), BBOX), TOLERANCE, k)
                if len(clipped) >= 4:
                    rings.append([[round(x, 3), round(y, 3)] for x, y in clipped])
        if rings:
            name = geom["properties"]["name"]
            countries.append({"id": geom.get("id"), "name": name, "rings": rings})
    countries.sort(key=lambda c: c["name"])
    data = {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), via npm world-atlas 2",
        "bbox": list(BBOX),
        "countries": countries,
    }
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", "utf-8")
    print(f"{args.out}: {len(countries)} countries, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
