"""Places with coordinates → an offline SVG map: country outlines, linked points, an inset.

The outlines are vendored (briefgen/write/outlines.json: see OUTLINES_NOTICE) so the
map needs no tiles and no network, at build or view time. Each point is a link
to its place's page, relative to the map page (the SVG is inlined there and also
written beside it). Points are sized by the number of briefs that mention the
place, and the crowded Donetsk front is drawn again, larger, in an inset. The
most mentioned points are labelled where a label covers nothing else
(point_labels.py); country names the inset hides are left out. matplotlib is
imported only when the drawing is missing from the ChartCache.
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
from briefgen.write.point_labels import Obstacle, PointLabel, area, place_labels

OUTLINES_NOTICE = (
    "Country outlines: Natural Earth (public domain), as shipped in the countryinfo package "
    "(MIT licence, © 2018 Porimol Chandro), clipped and simplified by tools/vendor_outlines.py."
)
# Labels tried on the main map, most mentioned first; every point is still drawn and linked.
LABELLED = 25
# The Donetsk front, where towns a few kilometres apart would overlap: west, south, east, north.
INSET_BOX = (36.9, 47.95, 38.2, 48.9)
# Where the inset stands on the figure: left, bottom, width, height.
INSET_AT = (0.01, 0.01, 0.42, 0.42)
DRAWING_VERSION = "4"
BROAD = ("country", "region")  # drawn hollow: a point cannot stand for an area
POINT = "#D55E00"
LAND = "#f2efe9"
UKRAINE_LAND = "#fbf3d5"
BORDER = "#8c8c8c"
# Where each country's name is written (longitude, latitude).
COUNTRY_LABELS = {"UKRAINE": (31.0, 49.3), "RUSSIA": (39.5, 52.5), "BELARUS": (27.5, 53.0),
                  "POLAND": (21.2, 52.5), "ROMANIA": (24.5, 45.8), "MOLDOVA": (28.6, 47.2)}


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
    """The points inside the map's box; the rest are listed under it."""

    points: tuple[MapPoint, ...]
    beyond: tuple[str, ...]  # ids of places with coordinates outside the box
    unplaced: tuple[str, ...]  # ids of places without coordinates


@cache
def outlines() -> tuple[tuple[float, float, float, float], dict[str, list[list[list[float]]]]]:
    """The map's box (west, south, east, north) and each country's rings."""
    data = json.loads(package_files("briefgen.write").joinpath("outlines.json").read_text(encoding="utf-8"))
    west, south, east, north = data["box"]
    return (west, south, east, north), data["outlines"]


def place_map(index: CorpusIndex) -> PlaceMap:
    registry = index.registry
    (west, south, east, north), _ = outlines()
    points: list[MapPoint] = []
    beyond: list[str] = []
    unplaced: list[str] = []
    for place in sorted(registry.entities_of_kind("place"), key=lambda e: (e.name.casefold(), e.id)):
        if place.latitude is None or place.longitude is None:
            unplaced.append(place.id)
        elif west <= place.longitude <= east and south <= place.latitude <= north:
            points.append(MapPoint(
                place.id, place.name, place.latitude, place.longitude, registry.mention_count(place.id),
                place.category in BROAD,
                urls.relative(urls.MAP_PATH, urls.entity_url("place", place.id)),
            ))
        else:
            beyond.append(place.id)
    return PlaceMap(tuple(points), tuple(beyond), tuple(unplaced))


def map_chart(found: PlaceMap, cache_: ChartCache) -> Chart | None:
    """The map of the places `place_map` found, as a chart named "map"; None when none lies inside it."""
    if not found.points:
        return None
    data = json.dumps({"points": [asdict(p) for p in found.points], "style": STYLE_VERSION,
                       "drawing": DRAWING_VERSION, "chart": "map"}, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(data.encode("utf-8")).hexdigest()
    svg = cache_.svg(key, lambda: draw_map_svg(found.points, salt=key[:16]))
    count = len(found.points)
    alt = (f"Map of Ukraine and its neighbours with {count} place{'s' if count != 1 else ''} "
           f"marked, sized by the number of briefs; an inset enlarges the Donetsk front.")
    return Chart(name="map", title="Places on the map", svg=svg, alt=alt, rows=(), total=count)


def draw_map_svg(points: tuple[MapPoint, ...], *, salt: str) -> str:
    return inline_svg(lambda out: _draw(points, salt, out), {p.href: _clean(p.name) for p in points})


def _inside(point: MapPoint, box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return west <= point.longitude <= east and south <= point.latitude <= north


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


@contextlib.contextmanager
def drawn_map(points: tuple[MapPoint, ...], salt: str) -> Iterator[Any]:
    """The map drawn on a matplotlib figure, open (and its style in force) until the block ends."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.patches import Polygon, Rectangle
    from matplotlib.transforms import Bbox

    (west, south, east, north), countries = outlines()
    style: dict[str, Any] = {
        "svg.hashsalt": salt, "svg.fonttype": "none", "text.usetex": False,
        "text.parse_math": False, "font.family": "DejaVu Sans", "font.size": FONT, "text.color": INK,
    }
    most = max(p.briefs for p in points) or 1
    ranked = sorted(points, key=lambda p: (-p.briefs, p.name, p.id))

    def land(ax: Any) -> None:
        for name in sorted(countries):
            for ring in countries[name]:
                colour = UKRAINE_LAND if name == "Ukraine" else LAND
                ax.add_patch(Polygon(ring, closed=True, facecolor=colour, edgecolor=BORDER,
                                     linewidth=0.8, zorder=1))

    with matplotlib.rc_context(style):  # type: ignore[arg-type]
        # Degrees of longitude are shorter than degrees of latitude at 48° N.
        aspect = 1 / 0.67
        width = 9.0
        height = width * (north - south) / (east - west) * aspect
        fig = plt.figure(figsize=(width, height))
        try:
            fig.patch.set_facecolor("#dbe9f4")  # the sea, and beyond the outlines
            ax = fig.add_axes((0, 0, 1, 1))
            ax.set_xlim(west, east)
            ax.set_ylim(south, north)
            ax.set_aspect(aspect)
            ax.set_axis_off()
            land(ax)
            names = [ax.text(x, y, name, fontsize=FONT - 1, color="#9a9a9a", ha="center", zorder=2)
                     for name, (x, y) in COUNTRY_LABELS.items()]
            # Inset points are drawn on the main map too, unlabelled, so its box shows them.
            outside = [p for p in ranked if not _inside(p, INSET_BOX)]
            inside = [p for p in ranked if _inside(p, INSET_BOX)]
            obstacles = [*_draw_points(ax, outside, most), *_draw_points(ax, inside, most)]
            if inside:
                iw, is_, ie, in_ = INSET_BOX
                ax.add_patch(Rectangle((iw, is_), ie - iw, in_ - is_, fill=False, edgecolor=INK,
                                       linewidth=1.0, zorder=5))
                # Over Romania and the Black Sea, where no point of the corpus lies.
                inset = fig.add_axes(INSET_AT)
                inset.set_xlim(iw, ie)
                inset.set_ylim(is_, in_)
                inset.set_aspect(aspect)
                inset.set_xticks([])
                inset.set_yticks([])
                inset.set_facecolor(UKRAINE_LAND)
                for spine in inset.spines.values():
                    spine.set_edgecolor(INK)
                land(inset)
                inset.set_title("Donetsk front", fontsize=FONT - 1, loc="left")
                _label(inset, inside, most, _draw_points(inset, inside, most))
                fig.draw_without_rendering()  # the sizes of the names and the inset
                covered = Bbox.union([inset.get_window_extent(), inset.title.get_window_extent()])
                # The main map's labels stay off the inset and the box it enlarges.
                obstacles += [area(ax, covered), Obstacle((iw + ie) / 2, (is_ + in_) / 2,
                                                          box=(iw, is_, ie, in_))]
                for name in [n for n in names if n.get_window_extent().overlaps(covered)]:
                    name.remove()  # hidden under the inset: its text would still be read out
                    names.remove(name)
            fig.draw_without_rendering()
            obstacles += [area(ax, name.get_window_extent()) for name in names]
            _label(ax, outside[:LABELLED], most, obstacles)
            yield fig
        finally:
            plt.close(fig)
