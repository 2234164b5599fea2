"""Places with coordinates → an offline SVG map: country outlines, linked points, insets.

The outlines are vendored (briefgen/write/outlines.json: see OUTLINES_NOTICE), for
the whole world, so the map needs no tiles and no network, at build or view time,
and fits wherever a corpus's places are (map_layout.py chooses the extent and
where places crowd enough to be drawn again, larger, in an inset). Each point is
a link to its place's page, relative to the map page (the SVG is inlined there
and also written beside it). Points are sized by the number of briefs that
mention the place. The most mentioned points are labelled where a label covers
nothing else (point_labels.py); in an inset, a name only right beside its own
dot. Two lines join each inset to the box it enlarges, and no leader line
crosses either; country names an inset hides are left out. Each colour scheme
gets its own drawing (Palette). A
place outside every outline still gets its dot. matplotlib is imported only
when the drawing is missing from the ChartCache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
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
from briefgen.write.point_labels import (
    LEADER,
    Obstacle,
    PointLabel,
    Segment,
    crosses,
    place_beside,
    place_labels,
)
from briefgen.write.point_labels import area as area_of

OUTLINES_NOTICE = (
    "Country outlines: Natural Earth (public domain), as shipped in the countryinfo package "
    "(MIT licence, © 2018 Porimol Chandro), simplified by tools/vendor_outlines.py."
)
# Labels tried on the main map, most mentioned first; every point is still drawn and linked.
LABELLED = 25
DRAWING_VERSION = "6"
BROAD = ("country", "region")  # drawn hollow: a point cannot stand for an area


@dataclass(frozen=True)
class Palette:
    """The map's colours in one scheme. The map is inlined (its dots are links),
    so the page's stylesheet picks the drawing for Material's scheme; each is
    drawn in its own colours rather than one inverted, which would turn the
    sea brown and the orange dots blue."""

    scheme: str  # Material's name for it: "default" or "slate"
    point: str
    point_rim: str  # the ring round a dot, which parts touching dots
    land: str
    home_land: str  # the country most of the places are in
    sea: str
    border: str
    ink: str
    country: str  # country names: quieter than the places'
    leader: str


LIGHT = Palette("default", point="#D55E00", point_rim="white", land="#f2efe9", home_land="#fbf3d5",
                sea="#dbe9f4", border="#8c8c8c", ink=INK, country="#9a9a9a", leader=LEADER)
# Near Material's slate (#1e2129): the land a shade lighter than the page, the
# sea a shade bluer and darker, the ink light, the dots a lighter orange that
# keeps 3:1 against both.
DARK = Palette("slate", point="#ff8c42", point_rim="#1e2129", land="#33363d", home_land="#3d3a2e",
               sea="#172230", border="#747883", ink="#e8e8e8", country="#8f939c", leader="#80848e")
PALETTES = (LIGHT, DARK)
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


def map_chart(found: PlaceMap, cache_: ChartCache, colours: Palette = LIGHT) -> Chart | None:
    """The map of the places `place_map` found, in one scheme's colours, as a chart named
    "map" (light) or "map-slate"; None when none lies inside it."""
    if not found.points:
        return None
    data = json.dumps({"points": [asdict(p) for p in found.points], "style": STYLE_VERSION,
                       "drawing": DRAWING_VERSION, "chart": "map", "colours": asdict(colours)},
                      sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(data.encode("utf-8")).hexdigest()
    # Each scheme's key salts its ids: both drawings are inlined in one page.
    svg = cache_.svg(key, lambda: draw_map_svg(found.points, salt=key[:16], colours=colours))
    count = len(found.points)
    shape = map_layout(found.points)
    insets = len(shape.insets) if shape else 0
    enlarged = {0: "", 1: "; an inset enlarges where places crowd"}.get(insets, f"; {insets} insets enlarge "
                                                                               "where places crowd")
    alt = (f"Map with {count} place{'s' if count != 1 else ''} marked, sized by the number of briefs"
           f"{enlarged}.")
    name = "map" if colours == LIGHT else f"map-{colours.scheme}"
    return Chart(name=name, title="Places on the map", svg=svg, alt=alt, rows=(), total=count)


def draw_map_svg(points: tuple[MapPoint, ...], *, salt: str, colours: Palette = LIGHT) -> str:
    svg = inline_svg(lambda out: _draw(points, salt, colours, out), {p.href: _clean(p.name) for p in points})
    return svg if colours == LIGHT else _prefixed_ids(svg, f"{colours.scheme}-")


def _prefixed_ids(svg: str, prefix: str) -> str:
    """Every id in the drawing, and every reference to one, with a prefix: both
    drawings are inlined in one page, and matplotlib names its groups the same
    (patch_1, text_1...) in each."""
    svg = re.sub(r'( id=")([^"]+")', rf"\1{prefix}\2", svg)
    return re.sub(r'(url\(#|xlink:href="#)', rf"\1{prefix}", svg)


def _inside(point: MapPoint, box: Box) -> bool:
    return inside(box, point.longitude, point.latitude)


def _draw_points(ax: Any, points: list[MapPoint], most: int, colours: Palette) -> list[Obstacle]:
    """Draws each point, a link to its place; returns them as obstacles for labels."""
    drawn = []
    for point in points:
        size = _size(point, most)
        style = ({"facecolors": "none", "edgecolors": colours.point, "linewidths": 1.5} if point.broad
                 else {"color": colours.point, "edgecolors": colours.point_rim, "linewidths": 0.8})
        dot = ax.scatter([point.longitude], [point.latitude], s=size, zorder=3, **style)
        dot.set_urls([point.href])
        drawn.append(Obstacle(point.longitude, point.latitude, size))
    return drawn


def _size(point: MapPoint, most: int) -> float:
    return 30 + 320 * point.briefs / most


def _label(ax: Any, ranked: list[MapPoint], most: int, obstacles: list[Obstacle], colours: Palette,
           **rules: Any) -> None:
    place_labels(ax, [PointLabel(_clean(p.name), p.longitude, p.latitude, p.href, _size(p, most))
                      for p in ranked], obstacles, fontsize=FONT - 2, color=colours.ink,
                 zorder=4, leader_zorder=2.5, leader_color=colours.leader, **rules)


def _draw(points: tuple[MapPoint, ...], salt: str, colours: Palette, out: IO[str]) -> None:
    with drawn_map(points, salt, colours) as fig:
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
def drawn_map(points: tuple[MapPoint, ...], salt: str, colours: Palette = LIGHT) -> Iterator[Any]:
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
        "text.parse_math": False, "font.family": "DejaVu Sans", "font.size": FONT, "text.color": colours.ink,
    }
    most = max(p.briefs for p in points) or 1
    ranked = sorted(points, key=lambda p: (-p.briefs, p.name, p.id))
    view = _in_view(countries, shape.extent)

    def land(ax: Any, rings_by_name: dict[str, Rings]) -> None:
        for name, rings in rings_by_name.items():
            for ring in rings:
                colour = colours.home_land if name == home else colours.land
                ax.add_patch(Polygon(ring, closed=True, facecolor=colour, edgecolor=colours.border,
                                     linewidth=0.8, zorder=1))

    with matplotlib.rc_context(style):  # type: ignore[arg-type]
        fig = plt.figure(figsize=(WIDTH, shape.height))
        try:
            fig.patch.set_facecolor(colours.sea)  # the sea, and beyond the outlines
            ax = fig.add_axes((0, 0, 1, 1))
            ax.set_xlim(west, east)
            ax.set_ylim(south, north)
            ax.set_aspect(shape.aspect)
            ax.set_axis_off()
            land(ax, view)
            names = [ax.text(x, y, name.upper(), fontsize=FONT - 1, color=colours.country, ha="center",
                             va="center", zorder=2)
                     for name, (x, y) in _country_names(view, shape.extent)]
            boxed = [inset.box for inset in shape.insets]
            # Inset points are drawn on the main map too, unlabelled, so its box shows them.
            outside = [p for p in ranked if not any(_inside(p, box) for box in boxed)]
            obstacles = _draw_points(ax, list(ranked), most, colours)
            covers = []
            walls: list[Box] = []
            lines: list[Segment] = []
            for inset_shape in shape.insets:
                iw, is_, ie, in_ = inset_shape.box
                inside_points = [p for p in ranked if _inside(p, inset_shape.box)]
                ax.add_patch(Rectangle((iw, is_), ie - iw, in_ - is_, fill=False, edgecolor=colours.ink,
                                       linewidth=1.0, zorder=5))
                inset = fig.add_axes(inset_shape.at)
                inset.set_xlim(iw, ie)
                inset.set_ylim(is_, in_)
                inset.set_aspect(shape.aspect)
                inset.set_xticks([])
                inset.set_yticks([])
                inset.set_facecolor(colours.sea)
                for spine in inset.spines.values():
                    spine.set_edgecolor(colours.ink)
                land(inset, _in_view(countries, inset_shape.box))
                fig.draw_without_rendering()  # the inset's size, which its names are measured against
                names_in = [PointLabel(_clean(p.name), p.longitude, p.latitude, p.href, _size(p, most))
                            for p in inside_points]
                place_beside(inset, names_in, _draw_points(inset, inside_points, most, colours),
                             fontsize=FONT - 2, color=colours.ink, zorder=4, leader_color=colours.leader)
                fig.draw_without_rendering()  # the sizes of the names and the inset
                joins = _connectors(ax, inset_shape.box, inset.get_window_extent())
                for (x0, y0), (x1, y1) in joins:
                    # Under the names and dots; its id names it in the SVG (and for tests).
                    ax.plot([x0, x1], [y0, y1], color=colours.ink, linewidth=0.6, zorder=2.2,
                            clip_on=False, gid=f"inset-connector-{len(lines) + 1}")
                    lines.append(((x0, y0), (x1, y1)))
                around = next(p.name for p in ranked if p.id == inset_shape.ids[0])
                title = _title(ax, inset, f"Around {_clean(around)}", joins,
                               top=inset_shape.at[1] + inset_shape.at[3] > 0.9, sea=colours.sea)
                covered = Bbox.union([inset.get_window_extent(), title.get_window_extent()])
                covers.append(covered)
                window = area_of(ax, covered)
                assert window.box is not None
                # The main map's labels and their leader lines stay off the
                # inset and the box it enlarges, and its labels off the lines
                # joining the two.
                obstacles += [window, Obstacle((iw + ie) / 2, (is_ + in_) / 2, box=(iw, is_, ie, in_))]
                walls += [window.box, inset_shape.box]
            fig.draw_without_rendering()
            for name in [n for n in names if any(n.get_window_extent().overlaps(c) for c in covers)]:
                name.remove()  # hidden under an inset: its text would still be read out
                names.remove(name)
            obstacles += [area_of(ax, name.get_window_extent()) for name in names]
            _label(ax, outside[:LABELLED], most, obstacles, colours, lines=lines, walls=walls)
            yield fig
        finally:
            plt.close(fig)


def _title(ax: Any, inset: Any, text: str, joins: list[Segment], *, top: bool, sea: str) -> Any:
    """The inset's title, above it, or under it where the inset stands at the
    top of the map (above, the map's edge would cut it off): at the first
    corner where no line joining it to its box runs through the words, or
    else on the sea's colour, which hides the line behind them."""
    above, below = (1.0, "bottom"), (0.0, "top")
    spots = [(x, y, va) for y, va in ((below, above) if top else (above, below)) for x in (0.0, 1.0)]
    figure = ax.figure.bbox
    fits = []
    for x, y, va in spots:
        title = inset.annotate(text, (x, y), xycoords="axes fraction", textcoords="offset points",
                               xytext=(0, 4 if va == "bottom" else -4), ha="left" if x == 0 else "right",
                               va=va, fontsize=FONT - 1)
        extent = title.get_window_extent()
        words = area_of(ax, extent).box
        assert words is not None
        if figure.contains(extent.x0, extent.y0) and figure.contains(extent.x1, extent.y1):
            if not any(crosses(join, words) for join in joins):
                return title
            fits.append((x, y, va))
        title.remove()
    x, y, va = (fits or spots)[0]
    return inset.annotate(text, (x, y), xycoords="axes fraction", textcoords="offset points",
                          xytext=(0, 4 if va == "bottom" else -4), ha="left" if x == 0 else "right",
                          va=va, fontsize=FONT - 1, bbox={"facecolor": sea, "edgecolor": "none", "pad": 1})


def _connectors(ax: Any, box: Box, window: Any) -> list[Segment]:
    """The lines joining the box an inset enlarges to the inset (`window`, in
    pixels), in `ax`'s data coordinates: the two edges of the hull around both
    that run from one to the other, so neither line crosses either rectangle
    (corresponding corners when the inset stands diagonally off the box, facing
    ones when it stands beside it)."""
    west, south, east, north = box
    near = ax.transData.transform([(west, south), (east, south), (east, north), (west, north)])
    far = [(window.x0, window.y0), (window.x1, window.y0), (window.x1, window.y1), (window.x0, window.y1)]
    hull = _hull([(float(x), float(y), 0) for x, y in near] + [(float(x), float(y), 1) for x, y in far])
    to_data = ax.transData.inverted().transform
    joins = []
    for a, b in zip(hull, [*hull[1:], hull[0]], strict=True):
        if a[2] != b[2]:
            (x0, y0), (x1, y1) = to_data([a[:2], b[:2]])
            joins.append(((float(x0), float(y0)), (float(x1), float(y1))))
    return joins


def _hull(corners: list[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
    """The convex hull, counterclockwise, without points on its edges (Andrew's monotone chain)."""
    ordered = sorted(set(corners))

    def turn(o: tuple[float, float, int], a: tuple[float, float, int], b: tuple[float, float, int]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def chain(points: list[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
        out: list[tuple[float, float, int]] = []
        for point in points:
            while len(out) >= 2 and turn(out[-2], out[-1], point) <= 0:
                out.pop()
            out.append(point)
        return out[:-1]

    return chain(ordered) + chain(ordered[::-1])


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
