"""Cut the country outlines the map needs out of the countryinfo wheel's GeoJSON.

Usage (countryinfo 1.0.1, MIT licence; its outlines come from Natural Earth, public domain):
    pip download --no-deps countryinfo==1.0.1 && unzip countryinfo-1.0.1-py3-none-any.whl -d ci
    python tools/vendor_outlines.py ci/countryinfo/data > briefgen/write/outlines.json

Each country's rings are clipped to the map's box (Sutherland-Hodgman against
a rectangle) and rounded to 0.01 degree (about 1 km), which is all a page-wide
map can show.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# File names in the wheel (Romania's is spelled so there); Hungary ships no outline.
COUNTRIES = ("ukraine", "russia", "belarus", "poland", "slovakia", "romainia", "moldova")
BOX = (20.0, 43.5, 41.5, 53.5)  # west, south, east, north


def clip(ring: list[list[float]], box: tuple[float, float, float, float]) -> list[list[float]]:
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    points = ring
    for inside, cross in edges:
        if not points:
            break
        out: list[list[float]] = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
        points = out
    return points


def _cross_x(a: list[float], b: list[float], x: float) -> list[float]:
    t = (x - a[0]) / (b[0] - a[0])
    return [x, a[1] + t * (b[1] - a[1])]


def _cross_y(a: list[float], b: list[float], y: float) -> list[float]:
    t = (y - a[1]) / (b[1] - a[1])
    return [a[0] + t * (b[0] - a[0]), y]


def outlines(data: Path) -> dict[str, list[list[list[float]]]]:
    found: dict[str, list[list[list[float]]]] = {}
    for country in COUNTRIES:
        doc = json.loads((data / f"{country}.json").read_text(encoding="utf-8"))
        name = doc["name"]
        rings: list[list[list[float]]] = []
        for feature in doc["geoJSON"].get("features", []):
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            for polygon in polygons:
                clipped = clip(polygon[0], BOX)  # the outer ring; holes are too small to see
                rounded = []
                for x, y in clipped:
                    point = [round(x, 2), round(y, 2)]
                    if not rounded or rounded[-1] != point:
                        rounded.append(point)
                if len(rounded) >= 3:
                    rings.append(rounded)
        found[name] = rings
    return found


if __name__ == "__main__":
    json.dump({"box": BOX, "outlines": outlines(Path(sys.argv[1]))}, sys.stdout, sort_keys=True,
              separators=(",", ":"))
    sys.stdout.write("\n")
