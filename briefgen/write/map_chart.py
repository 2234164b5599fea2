"""Places with coordinates → an offline SVG map: country outlines, linked points, insets.

The outlines are vendored (briefgen/write/outlines.json: see OUTLINES_NOTICE), for
the whole world, so the map needs no tiles and no network, at build or view time,
and fits wherever a corpus's places are (map_layout.py chooses the extent and
where places crowd enough to be drawn again, larger, in an inset). Each point is
a link to its place's page, relative to the map page (the SVG is inlined there
and also written beside it). Points are sized by the number of briefs that
mention the place. The most mentioned points are labelled where a label covers
nothing else (point_labels.py); country names an inset hides are left out. A
place outside every outline still gets its dot. matplotlib is imported only
when the drawing is missing from the ChartCache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache
from importlib.resources import files as package_files
from typing import IO, Any

from briefgen.analyse.index import CorpusIndex
from briefgen.write import urls
from briefgen.write.chart_drawing import FONT, INK, _clean, inline_svg
from briefgen.write.charts import STYLE_VERSION, Chart, ChartCache
from briefgen.write.map_layout import (
    WIDTH,
    Box,
    MapLayout,
    Place,
    area,
    centroid,
    clip,
    contains,
    inside,
    layout,
)
from briefgen.write.point_labels import Obstacle, PointLabel, place_labels
from briefgen.write.point_labels import area as area_of

OUTLINES_NOTICE = (
    "Country outlines: Natural Earth (public domain), as shipped in the countryinfo package "
    "(MIT licence, © 2018 Porimol Chandro), simplified by tools/vendor_outlines.py."
)
# Labels tried on the main map, most mentioned first; every point is still drawn and linked.
LABELLED = 25
DRAWING_VERSION = "5"
BROAD = ("country", "region")  # drawn hollow: a point cannot stand for an area
POINT = "#D55E00"
LAND = "#f2efe9"
HOME_LAND = "#fbf3d5"  # the country most of the places are in
SEA = "#dbe9f4"
BORDER = "#8c8c8c"
# A country's name is written when its land in view is at least this share of the map.
NAMED_SHARE = 0.03


@dataclass(frozen=True)
class MapPoint:
    id: str
    name: str
    latitude: float
    longitude: float
    briefs: int
    broad: bool  # a country or region
    href: str


@dataclass(frozen=True)
class PlaceMap:
    """The points on the map; the rest are listed under it."""

    points: tuple[MapPoint, ...]
    beyond: tuple[str, ...]  # ids of places too far from the others to draw
    unplaced: tuple[str, ...]  # ids of places without coordinates


@cache
def outlines() -> dict[str, list[list[list[float]]]]:
    """Each country's outer rings, by its name."""
    data = json.loads(package_files("briefgen.write").joinpath("outlines.json").read_text(encoding="utf-8"))
    outlines_by_name: dict[str, list[list[list[float]]]] = data["outlines"]
    return outlines_by_name


def map_layout(points: tuple[MapPoint, ...]) -> MapLayout | None:
    """The extent and insets for these points (map_layout.layout)."""
    return layout([Place(p.id, p.latitude, p.longitude, p.briefs) for p in points])


def place_map(index: CorpusIndex) -> PlaceMap:
    registry = index.registry
    candidates: list[MapPoint] = []
    unplaced: list[str] = []
    for place in sorted(registry.entities_of_kind("place"), key=lambda e: (e.name.casefold(), e.id)):
        if place.latitude is None or place.longitude is None:
            unplaced.append(place.id)
        else:
            candidates.append(MapPoint(
                place.id, place.name, place.latitude, place.longitude, registry.mention_count(place.id),
                place.category in BROAD,
                urls.relative(urls.MAP_PATH, urls.entity_url("place", place.id)),
            ))
    found = map_layout(tuple(candidates))
    beyond = set(found.beyond) if found else set()
    points = tuple(p for p in candidates if p.id not in beyond)
    return PlaceMap(points, tuple(p.id for p in candidates if p.id in beyond), tuple(unplaced))


def map_chart(found: PlaceMap, cache_: ChartCache) -> Chart | None:
    """The map of the places `place_map` found, as a chart named "map"; None when none lies inside it."""
    if not found.points:
        return None
    data = json.dumps({"points": [asdict(p) for p in found.points], "style": STYLE_VERSION,
                       "drawing": DRAWING_VERSION, "chart": "map"}, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(data.encode("utf-8")).hexdigest()
    svg = cache_.svg(key, lambda: draw_map_svg(found.points, salt=key[:16]))
    count = len(found.points)
    shape = map_layout(found.points)
    insets = len(shape.insets) if shape else 0
    enlarged = {0: "", 1: "; an inset enlarges where places crowd"}.get(insets, f"; {insets} insets enlarge "
                                                                               "where places crowd")
    alt = (f"Map with {count} place{'s' if count != 1 else ''} marked, sized by the number of briefs"
           f"{enlarged}.")
    return Chart(name="map", title="Places on the map", svg=svg, alt=alt, rows=(), total=count)


def draw_map_svg(points: tuple[MapPoint, ...], *, salt: str) -> str:
    return inline_svg(lambda out: _draw(points, salt, out), {p.href: _clean(p.name) for p in points})


def _inside(point: MapPoint, box: Box) -> bool:
    return inside(box, point.longitude, point.latitude)


def _draw_points(ax: Any, points: list[MapPoint], most: int) -> list[Obstacle]:
    """Draws each point, a link to its place; returns them as obstacles for labels."""
    drawn = []
    for point in points:
        size = _size(point, most)
        style = ({"facecolors": "none", "edgecolors": POINT, "linewidths": 1.5} if point.broad
                 else {"color": POINT, "edgecolors": "white", "linewidths": 0.8})
        dot = ax.scatter([point.longitude], [point.latitude], s=size, zorder=3, **style)
        dot.set_urls([point.href])
        drawn.append(Obstacle(point.longitude, point.latitude, size))
    return drawn


def _size(point: MapPoint, most: int) -> float:
    return 30 + 320 * point.briefs / most


def _label(ax: Any, ranked: list[MapPoint], most: int, obstacles: list[Obstacle]) -> None:
    place_labels(ax, [PointLabel(_clean(p.name), p.longitude, p.latitude, p.href, _size(p, most))
                      for p in ranked], obstacles, fontsize=FONT - 2, color=INK,
                 zorder=4, leader_zorder=2.5)


def _draw(points: tuple[MapPoint, ...], salt: str, out: IO[str]) -> None:
    with drawn_map(points, salt) as fig:
        fig.savefig(out, format="svg", metadata={"Date": None, "Title": "Places on the map"})


def _home(countries: dict[str, list[list[list[float]]]], points: tuple[MapPoint, ...]) -> str | None:
    """The country most of the (non-broad) points lie in, drawn a shade warmer."""
    counts: dict[str, int] = {}
    for point in points:
        if point.broad:
            continue
        for name, rings in countries.items():
            if any(contains(ring, point.longitude, point.latitude) for ring in rings):
                counts[name] = counts.get(name, 0) + 1
                break
    return min(counts, key=lambda n: (-counts[n], n)) if counts else None


Rings = list[list[tuple[float, float]]]


def _in_view(countries: dict[str, list[list[list[float]]]], box: Box) -> dict[str, Rings]:
    """Each country's rings cut to the box; countries with nothing in it left out."""
    west, south, east, north = box
    cut: dict[str, Rings] = {}
    for name in sorted(countries):
        rings = []
        for ring in countries[name]:
            xs, ys = [x for x, _ in ring], [y for _, y in ring]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue
            clipped = clip(ring, box)
            if clipped:
                rings.append(clipped)
        if rings:
            cut[name] = rings
    return cut


@contextlib.contextmanager
def drawn_map(points: tuple[MapPoint, ...], salt: str) -> Iterator[Any]:
    """The map drawn on a matplotlib figure, open (and its style in force) until the block ends."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.patches import Polygon, Rectangle
    from matplotlib.transforms import Bbox

    shape = map_layout(points)
    assert shape is not None, "a map needs a point"
    west, south, east, north = shape.extent
    countries = outlines()
    home = _home(countries, points)
    style: dict[str, Any] = {
        "svg.hashsalt": salt, "svg.fonttype": "none", "text.usetex": False,
        "text.parse_math": False, "font.family": "DejaVu Sans", "font.size": FONT, "text.color": INK,
    }
    most = max(p.briefs for p in points) or 1
    ranked = sorted(points, key=lambda p: (-p.briefs, p.name, p.id))
    view = _in_view(countries, shape.extent)

    def land(ax: Any, rings_by_name: dict[str, Rings]) -> None:
        for name, rings in rings_by_name.items():
            for ring in rings:
                colour = HOME_LAND if name == home else LAND
                ax.add_patch(Polygon(ring, closed=True, facecolor=colour, edgecolor=BORDER,
                                     linewidth=0.8, zorder=1))

    with matplotlib.rc_context(style):  # type: ignore[arg-type]
        fig = plt.figure(figsize=(WIDTH, shape.height))
        try:
            fig.patch.set_facecolor(SEA)  # the sea, and beyond the outlines
            ax = fig.add_axes((0, 0, 1, 1))
            ax.set_xlim(west, east)
            ax.set_ylim(south, north)
            ax.set_aspect(shape.aspect)
            ax.set_axis_off()
            land(ax, view)
            names = [ax.text(x, y, name.upper(), fontsize=FONT - 1, color="#9a9a9a", ha="center", va="center",
                             zorder=2)
                     for name, (x, y) in _country_names(view, shape.extent)]
            boxed = [inset.box for inset in shape.insets]
            # Inset points are drawn on the main map too, unlabelled, so its box shows them.
            outside = [p for p in ranked if not any(_inside(p, box) for box in boxed)]
            obstacles = _draw_points(ax, list(ranked), most)
            covers = []
            for inset_shape in shape.insets:
                iw, is_, ie, in_ = inset_shape.box
                inside_points = [p for p in ranked if _inside(p, inset_shape.box)]
                ax.add_patch(Rectangle((iw, is_), ie - iw, in_ - is_, fill=False, edgecolor=INK,
                                       linewidth=1.0, zorder=5))
                inset = fig.add_axes(inset_shape.at)
                inset.set_xlim(iw, ie)
                inset.set_ylim(is_, in_)
                inset.set_aspect(shape.aspect)
                inset.set_xticks([])
                inset.set_yticks([])
                inset.set_facecolor(SEA)
                for spine in inset.spines.values():
                    spine.set_edgecolor(INK)
                land(inset, _in_view(countries, inset_shape.box))
                around = next(p.name for p in ranked if p.id == inset_shape.ids[0])
                inset.set_title(f"Around {_clean(around)}", fontsize=FONT - 1, loc="left")
                _label(inset, inside_points, most, _draw_points(inset, inside_points, most))
                fig.draw_without_rendering()  # the sizes of the names and the inset
                covered = Bbox.union([inset.get_window_extent(), inset.title.get_window_extent()])
                covers.append(covered)
                # The main map's labels stay off the inset and the box it enlarges.
                obstacles += [area_of(ax, covered), Obstacle((iw + ie) / 2, (is_ + in_) / 2,
                                                             box=(iw, is_, ie, in_))]
            fig.draw_without_rendering()
            for name in [n for n in names if any(n.get_window_extent().overlaps(c) for c in covers)]:
                name.remove()  # hidden under an inset: its text would still be read out
                names.remove(name)
            obstacles += [area_of(ax, name.get_window_extent()) for name in names]
            _label(ax, outside[:LABELLED], most, obstacles)
            yield fig
        finally:
            plt.close(fig)


def _country_names(view: dict[str, Rings], extent: Box) -> list[tuple[str, tuple[float, float]]]:
    """Where to write each country's name: the middle of its largest piece in view, when that is large."""
    west, south, east, north = extent
    whole = (east - west) * (north - south)
    named = []
    for name, rings in view.items():
        largest = max(rings, key=area)
        if area(largest) >= NAMED_SHARE * whole:
            named.append((name, centroid(largest)))
    return named
