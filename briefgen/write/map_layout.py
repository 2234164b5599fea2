"""Where the map looks: its extent fitted to the corpus's places, and insets where they crowd.

Pure geometry, no drawing: map_chart.py draws what this decides. Longitude and
latitude are plain degrees; a degree of longitude is drawn cos(latitude) as
wide as a degree of latitude at the map's middle, so the map is not stretched.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]  # west, south, east, north

WIDTH = 9.0  # inches: the map's width on the page
MIN_HEIGHT, MAX_HEIGHT = 4.5, 7.0  # inches: a map neither a strip nor a tower
PAD = 0.12  # of the places' span, on each side
MIN_SPAN = 4.0  # degrees of latitude: a map of one town still shows its region
# A place further from the others' middle than this (degrees, or three times
# the distance most places are within) is listed beside the map, not drawn:
# one mention of Washington must not shrink a region to a speck.
FAR = 12.0
# Places closer than this on the page (inches) crowd each other; a group of
# CROWD or more such places gets an inset, at most MAX_INSETS of them.
CLOSE = 0.3
CROWD = 3
MAX_INSETS = 2
MIN_ZOOM = 2.5  # an inset that would enlarge less than this is not worth its room
INSET_SIZE = 0.42  # of the figure's width and height
# Where an inset may stand on the figure (left, bottom of a corner box).
CORNERS = ((0.01, 0.01), (0.57, 0.01), (0.01, 0.57), (0.57, 0.57))


@dataclass(frozen=True)
class Place:
    """A place to put on the map: an id, where it is and how much it weighs (its briefs)."""

    id: str
    latitude: float
    longitude: float
    weight: int = 1


@dataclass(frozen=True)
class Inset:
    box: Box  # the area it enlarges
    at: tuple[float, float, float, float]  # where it stands on the figure: left, bottom, width, height
    ids: tuple[str, ...]  # the places in it, heaviest first


@dataclass(frozen=True)
class MapLayout:
    extent: Box
    aspect: float  # drawn height of a degree of latitude over a degree of longitude
    height: float  # inches, for WIDTH inches wide
    insets: tuple[Inset, ...]
    beyond: tuple[str, ...]  # ids too far from the rest to be drawn


def inside(box: Box, longitude: float, latitude: float) -> bool:
    west, south, east, north = box
    return west <= longitude <= east and south <= latitude <= north


def _distance(a: Place, longitude: float, latitude: float) -> float:
    return math.hypot((a.longitude - longitude) * math.cos(math.radians(latitude)), a.latitude - latitude)


def _kept(places: Sequence[Place]) -> tuple[list[Place], list[Place]]:
    """The places near the middle of the rest, and those too far to draw."""
    middle_lon = statistics.median(p.longitude for p in places)
    middle_lat = statistics.median(p.latitude for p in places)
    distances = sorted(_distance(p, middle_lon, middle_lat) for p in places)
    most = distances[(len(distances) * 3) // 4] if len(distances) > 1 else 0.0
    limit = max(FAR, 3 * most)
    near = [p for p in places if _distance(p, middle_lon, middle_lat) <= limit]
    return near, [p for p in places if p not in near]


def _fitted(places: Sequence[Place]) -> tuple[Box, float, float]:
    """The extent around `places`, padded, and its aspect and height in inches."""
    west, east = min(p.longitude for p in places), max(p.longitude for p in places)
    south, north = min(p.latitude for p in places), max(p.latitude for p in places)
    lat_pad = max((north - south) * PAD, (MIN_SPAN - (north - south)) / 2, 0.5)
    south, north = max(-85.0, south - lat_pad), min(85.0, north + lat_pad)
    aspect = 1 / max(0.2, math.cos(math.radians((south + north) / 2)))
    lon_pad = max((east - west) * PAD, 0.5)
    west, east = west - lon_pad, east + lon_pad
    height = WIDTH * (north - south) * aspect / (east - west)
    if height > MAX_HEIGHT:  # too tall: widen
        extra = ((north - south) * aspect * WIDTH / MAX_HEIGHT - (east - west)) / 2
        west, east, height = west - extra, east + extra, MAX_HEIGHT
    elif height < MIN_HEIGHT:  # too flat: heighten
        extra = ((east - west) * MIN_HEIGHT / WIDTH / aspect - (north - south)) / 2
        south, north, height = south - extra, north + extra, MIN_HEIGHT
    return (round(west, 4), round(south, 4), round(east, 4), round(north, 4)), aspect, height


def _groups(places: Sequence[Place], extent: Box, height: float) -> list[list[Place]]:
    """Places that crowd one another on the page, joined by any chain of close pairs."""
    west, south, east, north = extent

    def page(p: Place) -> tuple[float, float]:
        return (p.longitude - west) / (east - west) * WIDTH, (p.latitude - south) / (north - south) * height

    spots = [page(p) for p in places]
    parent = list(range(len(places)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(places)):
        for j in range(i + 1, len(places)):
            if math.dist(spots[i], spots[j]) < CLOSE:
                parent[root(i)] = root(j)
    groups: dict[int, list[Place]] = {}
    for i, place in enumerate(places):
        groups.setdefault(root(i), []).append(place)
    return [g for g in groups.values() if len(g) >= CROWD]


def _corner_for(extent: Box, places: Sequence[Place], taken: list[tuple[float, float]],
                avoid: Sequence[Box]) -> tuple[float, float] | None:
    """The free corner holding the fewest places (none of the boxes insets enlarge)."""
    west, south, east, north = extent
    best: tuple[int, tuple[float, float]] | None = None
    for left, bottom in CORNERS:
        if (left, bottom) in taken:
            continue
        width, height = east - west, north - south
        corner: Box = (west + left * width, south + bottom * height,
                       west + (left + INSET_SIZE) * width, south + (bottom + INSET_SIZE) * height)
        if any(_overlaps(corner, box) for box in avoid):
            continue
        count = sum(inside(corner, p.longitude, p.latitude) for p in places)
        if best is None or count < best[0]:
            best = (count, (left, bottom))
    return best[1] if best else None


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def layout(places: Sequence[Place]) -> MapLayout | None:
    """The map for these places; None when there is none to draw."""
    if not places:
        return None
    near, far = _kept(places)
    extent, aspect, height = _fitted(near)
    insets: list[Inset] = []
    taken: list[tuple[float, float]] = []
    groups = sorted(_groups(near, extent, height), key=lambda g: (-len(g), -sum(p.weight for p in g),
                                                                    min(p.id for p in g)))
    for group in groups[:MAX_INSETS]:
        box = _inset_box(group, aspect)
        west, south, east, north = extent
        zoom = ((east - west) * INSET_SIZE) / (box[2] - box[0])
        if zoom < MIN_ZOOM:
            continue
        corner = _corner_for(extent, near, taken, [i.box for i in insets] + [box])
        if corner is None:
            continue
        taken.append(corner)
        ids = tuple(p.id for p in sorted(group, key=lambda p: (-p.weight, p.id)))
        insets.append(Inset(box, (corner[0], corner[1], INSET_SIZE, INSET_SIZE), ids))
    return MapLayout(extent, aspect, height, tuple(insets), tuple(sorted(p.id for p in far)))


def _inset_box(group: Sequence[Place], aspect: float) -> Box:
    """The group's box, padded, shaped like the inset (square on the page)."""
    west, east = min(p.longitude for p in group), max(p.longitude for p in group)
    south, north = min(p.latitude for p in group), max(p.latitude for p in group)
    span_lat = max((north - south) * (1 + 2 * PAD), (east - west) * (1 + 2 * PAD) / aspect, 0.2)
    span_lon = span_lat * aspect
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    return (round(mid_lon - span_lon / 2, 4), round(mid_lat - span_lat / 2, 4),
            round(mid_lon + span_lon / 2, 4), round(mid_lat + span_lat / 2, 4))


def clip(ring: Sequence[Sequence[float]], box: Box) -> list[tuple[float, float]]:
    """A ring cut to a box (Sutherland-Hodgman); [] when it lies outside."""
    west, south, east, north = box
    points = [(float(x), float(y)) for x, y in ring]
    def at_x(x: float) -> Any:
        return lambda a, b: (x, a[1] + (x - a[0]) / (b[0] - a[0]) * (b[1] - a[1]))

    def at_y(y: float) -> Any:
        return lambda a, b: (a[0] + (y - a[1]) / (b[1] - a[1]) * (b[0] - a[0]), y)

    edges = (
        (lambda p: p[0] >= west, at_x(west)),
        (lambda p: p[0] <= east, at_x(east)),
        (lambda p: p[1] >= south, at_y(south)),
        (lambda p: p[1] <= north, at_y(north)),
    )
    for keep, cross in edges:
        if not points:
            break
        out: list[tuple[float, float]] = []
        previous = points[-1]
        for point in points:
            if keep(point):
                if not keep(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif keep(previous):
                out.append(cross(previous, point))
            previous = point
        points = out
    return points if len(points) >= 3 else []


def area(ring: Sequence[tuple[float, float]]) -> float:
    """A ring's area in square degrees (shoelace)."""
    pairs = zip(ring, [*ring[1:], ring[0]], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Where a ring's area balances; its first point's average when it has none."""
    twice = 0.0
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        twice += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(twice) < 1e-12:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    return cx / (3 * twice), cy / (3 * twice)


def contains(ring: Sequence[Sequence[float]], longitude: float, latitude: float) -> bool:
    """Is the point inside the ring? (ray casting)"""
    found = False
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y0 > latitude) != (y1 > latitude) and longitude < x0 + (latitude - y0) / (y1 - y0) * (x1 - x0):
            found = not found
    return found
