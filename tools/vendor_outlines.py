"""Simplify the world's country outlines out of the countryinfo wheel's GeoJSON for the map.

Usage (countryinfo 1.0.1, MIT licence; its outlines come from Natural Earth, public domain):
    pip download --no-deps countryinfo==1.0.1 && unzip countryinfo-1.0.1-py3-none-any.whl -d ci
    python tools/vendor_outlines.py ci/countryinfo/data > briefgen/write/outlines.json

Every country the wheel has an outline for is kept, so the map can be fitted to
wherever a corpus's places are. Each outer ring is simplified with the
Ramer-Douglas-Peucker algorithm to TOLERANCE degrees and rounded to 0.01 degree
(about 1 km); rings smaller than MIN_AREA square degrees (small islands) are
dropped, holes too: a page-wide map cannot show them, and the file stays small.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

TOLERANCE = 0.04  # degrees: about 4 km, below what a map of a region shows
MIN_AREA = 0.02  # square degrees: a small island


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Ramer-Douglas-Peucker, iterative: the points that keep the line within `tolerance`."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > farthest:
                farthest, index = distance, i
        if index >= 0 and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_area(ring: list[list[float]]) -> float:
    """The area of a ring in square degrees (shoelace)."""
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def outlines(data: Path) -> dict[str, list[list[list[float]]]]:
    found: dict[str, list[list[list[float]]]] = {}
    for path in sorted(data.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        features = (doc.get("geoJSON") or {}).get("features") or []
        rings: list[list[list[float]]] = []
        for feature in features:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            for polygon in polygons:
                outer = polygon[0]  # holes are too small to see
                if ring_area(outer) < MIN_AREA:
                    continue
                rounded: list[list[float]] = []
                for x, y in simplify(outer, TOLERANCE):
                    point = [round(x, 2), round(y, 2)]
                    if not rounded or rounded[-1] != point:
                        rounded.append(point)
                if len(rounded) >= 4:
                    rings.append(rounded)
        if rings:
            found[doc["name"]] = rings
    return found


if __name__ == "__main__":
    json.dump({"outlines": outlines(Path(sys.argv[1]))}, sys.stdout, sort_keys=True, separators=(",", ":"))
    sys.stdout.write("\n")
