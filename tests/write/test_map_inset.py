"""The map's insets and its dark drawing, measured on the drawn figure and its SVG:
an inset names a dot only right beside it (the most mentioned always), no
leader line on the main map runs across an inset or the box it enlarges, two
lines join each inset to its box, and the dark drawing is drawn in dark
colours (not the light one inverted) and shown in Material's dark scheme."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from matplotlib.text import Text

from briefgen.analyse.index import CorpusIndex
from briefgen.read.load import load_corpus
from briefgen.write.charts import ChartCache
from briefgen.write.map_chart import DARK, LIGHT, MapPoint, draw_map_svg, drawn_map, map_layout, place_map
from tests.conftest import ROOT
from tests.write.test_point_labels import _crowded_map

PIXEL = 0.5  # a line may graze a rectangle's edge by half a pixel


def _real_map() -> tuple[MapPoint, ...]:
    return place_map(CorpusIndex(load_corpus(ROOT / "data", display_root=ROOT))).points


def _front() -> tuple[MapPoint, ...]:
    """Pokrovsk, the most mentioned, among its near neighbours, and towns across Ukraine."""
    front = [("Pokrovsk", 48.282, 37.176, 12), ("Myrnohrad", 48.300, 37.262, 5),
             ("Rodynske", 48.350, 37.196, 3), ("Selydove", 48.147, 37.300, 2),
             ("Novohrodivka", 48.208, 37.338, 2), ("Ukrainsk", 48.100, 37.360, 1),
             ("Udachne", 48.243, 37.010, 2), ("Kotlyne", 48.255, 37.080, 2),
             ("Shevchenko", 48.220, 37.130, 1), ("Hrodivka", 48.333, 37.358, 1),
             ("Avdiivka", 48.139, 37.743, 4), ("Ocheretyne", 48.220, 37.610, 1)]
    towns = [("Kyiv", 50.45, 30.52, 6), ("Odesa", 46.48, 30.72, 2), ("Lviv", 49.84, 24.03, 1),
             ("Kharkiv", 49.99, 36.23, 4), ("Dnipro", 48.46, 35.05, 3), ("Zaporizhzhia", 47.84, 35.14, 2),
             ("Sumy", 50.91, 34.80, 1), ("Poltava", 49.59, 34.55, 1)]
    return tuple(MapPoint(f"p{n}", name, lat, lon, briefs, broad=False, href=f"../places/p{n}/")
                 for n, (name, lat, lon, briefs) in enumerate(front + towns))


MAPS = {"real corpus": _real_map, "the Pokrovsk front": _front, "random crowd": _crowded_map}


def _dots(ax) -> list[tuple[str, float, float, float]]:  # type: ignore[no-untyped-def]
    """(link, x, y, radius) in pixels of every dot drawn on `ax`."""
    dots = []
    for collection in ax.collections:
        urls = collection.get_urls()
        if urls and urls[0]:
            x, y = ax.transData.transform(collection.get_offsets()[0])
            radius = collection.get_sizes()[0] ** 0.5 / 2 * ax.figure.dpi / 72
            dots.append((urls[0], float(x), float(y), float(radius)))
    return dots


def _names(ax) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    """(link, box in pixels) of each place's name on `ax`: the names are links, the titles are not."""
    renderer = ax.figure.canvas.get_renderer()
    return [(t.get_url(), Text.get_window_extent(t, renderer)) for t in ax.texts if t.get_url()]


def _gap(box, x: float, y: float, radius: float) -> float:  # type: ignore[no-untyped-def]
    """From a dot's rim to a text's box, in pixels."""
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return math.hypot(dx, dy) - radius


def _runs_through(a: tuple[float, float], b: tuple[float, float], box) -> bool:  # type: ignore[no-untyped-def]
    """Does the segment a-b pass inside the box (by more than PIXEL)? Sampled finely."""
    for i in range(401):
        x, y = a[0] + (b[0] - a[0]) * i / 400, a[1] + (b[1] - a[1]) * i / 400
        if box.x0 + PIXEL < x < box.x1 - PIXEL and box.y0 + PIXEL < y < box.y1 - PIXEL:
            return True
    return False


def _segments(ax, lines) -> list[tuple[tuple[float, float], tuple[float, float]]]:  # type: ignore[no-untyped-def]
    found = []
    for line in lines:
        (x0, x1), (y0, y1) = line.get_data()
        a, b = ax.transData.transform([(x0, y0), (x1, y1)])
        found.append(((float(a[0]), float(a[1])), (float(b[0]), float(b[1]))))
    return found


def _joins(line) -> bool:  # type: ignore[no-untyped-def]
    return str(line.get_gid() or "").startswith("inset-connector-")


def _enlarged_box(ax, box):  # type: ignore[no-untyped-def]
    from matplotlib.transforms import Bbox

    west, south, east, north = box
    return Bbox(ax.transData.transform([(west, south), (east, north)]))


@pytest.mark.parametrize("which", MAPS)
def test_each_inset_name_sits_nearer_its_own_dot_than_any_other_and_the_most_mentioned_is_named(
        which: str) -> None:
    points = MAPS[which]()
    shape = map_layout(points)
    assert shape is not None and shape.insets, which
    with drawn_map(points, "test") as fig:
        fig.draw_without_rendering()
        _, *insets = fig.axes
        for inset, inset_shape in zip(insets, shape.insets, strict=True):
            dots = _dots(inset)
            names = _names(inset)
            leaders = _segments(inset, inset.lines)
            assert names
            assert len(leaders) <= 1  # only the most mentioned, when nothing beside its dot is free
            for href, box in names:
                (x, y, radius), = [(x, y, r) for h, x, y, r in dots if h == href]
                joined = [(a, b) for a, b in leaders if math.dist(a, (x, y)) < 1]
                if joined:  # a leader line from its own dot, to its name, past no other dot
                    assert href == next(p.href for p in points if p.id == inset_shape.ids[0])
                    (a, b), = joined
                    assert _gap(box, *b, 0) < 1
                    assert not any(math.dist(_nearest(a, b, (ox, oy)), (ox, oy)) < r
                                   for h, ox, oy, r in dots if h != href and (ox, oy) != (x, y))
                    continue
                own = _gap(box, x, y, radius)
                for other, ox, oy, oradius in dots:
                    if other != href and (ox, oy) != (x, y):
                        assert _gap(box, ox, oy, oradius) >= own, (which, href, "nearer", other)
            heaviest = next(p for p in points if p.id == inset_shape.ids[0])
            if which != "random crowd":  # forty dots at random: the heaviest may have no room at all
                assert heaviest.href in {href for href, _ in names}, (which, heaviest.name)


def _nearest(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> tuple[float, float]:
    """The point of segment a-b nearest p."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return a[0] + t * dx, a[1] + t * dy


@pytest.mark.parametrize("which", MAPS)
def test_no_leader_line_on_the_main_map_crosses_an_inset_or_the_box_it_enlarges(which: str) -> None:
    points = MAPS[which]()
    shape = map_layout(points)
    assert shape is not None
    with drawn_map(points, "test") as fig:
        fig.draw_without_rendering()
        main, *insets = fig.axes
        renderer = fig.canvas.get_renderer()
        walls = [inset.get_window_extent() for inset in insets]
        walls += [Text.get_window_extent(t, renderer) for inset in insets for t in inset.texts]
        walls += [_enlarged_box(main, i.box) for i in shape.insets]
        leaders = [line for line in main.lines if not _joins(line)]
        for a, b in _segments(main, leaders):
            assert not any(_runs_through(a, b, wall) for wall in walls), (which, a, b)


@pytest.mark.parametrize("which", MAPS)
def test_two_lines_join_each_inset_to_the_box_it_enlarges_behind_the_names(which: str) -> None:
    points = MAPS[which]()
    shape = map_layout(points)
    assert shape is not None and shape.insets
    with drawn_map(points, "test") as fig:
        fig.draw_without_rendering()
        main, *insets = fig.axes
        joins = [line for line in main.lines if _joins(line)]
        assert len(joins) == 2 * len(insets)
        segments = _segments(main, joins)
        names = [t.get_zorder() for t in main.texts if t.get_url()]
        assert names and all(line.get_zorder() < min(names) for line in joins)
        for inset, inset_shape in zip(insets, shape.insets, strict=True):
            window, box = inset.get_window_extent(), _enlarged_box(main, inset_shape.box)

            def corners(b):  # type: ignore[no-untyped-def]
                return [(b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1)]

            def at(p: tuple[float, float], b) -> bool:  # type: ignore[no-untyped-def]
                return any(math.dist(p, c) < 1 for c in corners(b))

            # Each line runs from a corner of the box to a corner of the inset, across neither.
            mine = [(a, b) for a, b in segments
                    if (at(a, box) and at(b, window)) or (at(b, box) and at(a, window))]
            assert len(mine) == 2, which
            for a, b in mine:
                assert not _runs_through(a, b, window) and not _runs_through(a, b, box)
    svg = draw_map_svg(points, salt="test")
    assert svg.count('<g id="inset-connector') == 2 * len(shape.insets)


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _fills(svg: str) -> list[str]:
    return re.findall(r"fill: (#[0-9a-f]{6})", svg)


def test_the_dark_map_is_drawn_in_dark_colours_and_the_light_one_in_light() -> None:
    points = _front()
    light, dark = draw_map_svg(points, salt="a", colours=LIGHT), draw_map_svg(points, salt="b", colours=DARK)
    for svg, palette in ((light, LIGHT), (dark, DARK)):
        fills = _fills(svg)
        # The figure's background (the sea) is the first thing drawn; the land follows.
        assert fills[0] == palette.sea
        assert palette.land in fills and palette.home_land in fills and palette.point.lower() in svg
    assert all(_luminance(c) < 0.06 for c in (DARK.sea, DARK.land, DARK.home_land))
    assert all(_luminance(c) > 0.7 for c in (LIGHT.sea, LIGHT.land, LIGHT.home_land))
    # Names in light ink on the dark drawing, at 4.5:1 or more on its land.
    text_fills = re.findall(r"<text [^>]*fill: (#[0-9a-f]{6})", dark)
    assert text_fills and _luminance(DARK.ink) > 0.7
    assert all((_luminance(c) + 0.05) / (_luminance(DARK.home_land) + 0.05) >= 4.5
               for c in text_fills if c == DARK.ink)
    assert not any(c in (LIGHT.sea, LIGHT.land, LIGHT.home_land) for c in _fills(dark))
    # Both are inlined in one page: no id in one is in the other, or twice in either,
    # and every reference to an id finds it in its own drawing.
    for svg in (light, dark):
        ids = re.findall(r' id="([^"]+)"', svg)
        assert len(ids) == len(set(ids))
        assert set(re.findall(r'(?:url\(#|xlink:href="#)([^")]+)', svg)) <= set(ids)
    assert not set(re.findall(r' id="([^"]+)"', light)) & set(re.findall(r' id="([^"]+)"', dark))


def test_the_map_page_shows_the_drawing_for_materials_scheme(tmp_path: Path) -> None:
    from briefgen.build.steps import generate_site
    from tests.conftest import MINI

    corpus = load_corpus(MINI / "data", display_root=MINI)
    out = {o.path: o.content for o in generate_site(corpus, ChartCache(tmp_path), site_name="Test")}
    page = str(out["map/index.md"])
    light = page[page.index('<div class="bg-map-light">'):page.index('<div class="bg-map-dark"')]
    dark = page[page.index('<div class="bg-map-dark"'):page.index("</figure>")]
    assert _fills(light)[0] == LIGHT.sea and _fills(dark)[0] == DARK.sea
    assert "filter" not in light and "filter" not in dark  # drawn dark, not inverted
    assert '<div class="bg-map-dark" data-pagefind-ignore>' in page  # its names are searched once
    assert str(out["map/places-dark.svg"]).count(DARK.sea) and str(out["map/places.svg"]).count(LIGHT.sea)
    css = (ROOT / "briefgen" / "write" / "briefgen.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert re.search(r'\.bg-map-dark, \[data-md-color-scheme="slate"\] \.bg-map-light '
                     r'\{ display: none; \}', rules)
    assert re.search(r'\[data-md-color-scheme="slate"\] \.bg-map-dark \{ display: block; \}', rules)
    assert re.search(r'\[data-md-color-scheme="slate"\][^{]*:is\(\.bg-map-light, \.bg-map-dark\) svg '
                     r'\{ filter: none; \}', rules)
