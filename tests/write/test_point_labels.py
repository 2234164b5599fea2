"""Labels on the map and the connections graph, measured on the drawn figure:
no label covers another text, a point, or the inset; a name with no room is
left out rather than drawn over another. The browser test in
tests/browser/test_layout.py checks the same on the real site's SVG."""

from __future__ import annotations

import itertools
import random
import threading

from matplotlib.text import Annotation, Text

from briefgen.write.connections import Edge, Graph, Node, drawn_graph
from briefgen.write.map_chart import LABELLED, MapPoint, _inside, _size, drawn_map, map_layout

PIXEL = 0.5  # glyph boxes of neighbouring lines may touch


def _texts(fig):  # type: ignore[no-untyped-def]
    """(text, axes, box in pixels, link) of every text drawn, axes titles included."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        for text in [*ax.texts, ax.title]:
            if not text.get_text().strip():
                continue
            if isinstance(text, Annotation):
                text.update_positions(renderer)
            # Text's own box: an annotation's would include its leader line.
            found.append((text.get_text(), ax, Text.get_window_extent(text, renderer), text.get_url()))
    return found


def _overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return (a.x0 < b.x1 - PIXEL and b.x0 < a.x1 - PIXEL
            and a.y0 < b.y1 - PIXEL and b.y0 < a.y1 - PIXEL)


def _covers_point(box, ax, x: float, y: float, size: float) -> bool:  # type: ignore[no-untyped-def]
    px, py = ax.transData.transform((x, y))
    radius = size ** 0.5 / 2 * ax.figure.dpi / 72 - 1  # a pixel's grace at the rim
    return box.x0 < px + radius and px - radius < box.x1 and box.y0 < py + radius and py - radius < box.y1


def _crowded_map() -> tuple[MapPoint, ...]:
    rng = random.Random(7)
    points = []
    # The Donetsk front, packed; then towns across Ukraine; then four places
    # that share one town's coordinates.
    for n in range(40):
        points.append((f"Front town {n}", rng.uniform(37.0, 38.1), rng.uniform(48.0, 48.85)))
    for n in range(40):
        points.append((f"Town {n}", rng.uniform(24.0, 39.5), rng.uniform(45.5, 51.5)))
    points += [(f"Same spot {n}", 30.52, 50.45) for n in range(4)]
    return tuple(MapPoint(f"p{n}", name, lat, lon, briefs=1 + (n * 7) % 11, broad=False,
                          href=f"../places/p{n}/")
                 for n, (name, lon, lat) in enumerate(points))


def test_map_labels_cover_no_text_and_no_point_and_each_links_its_place() -> None:
    points = _crowded_map()
    by_name = {p.name: p for p in points}
    most = max(p.briefs for p in points)
    shape = map_layout(points)
    assert shape is not None and shape.insets  # the packed towns get an inset
    with drawn_map(points, "test") as fig:
        texts = _texts(fig)
        main, *insets = fig.axes
        assert len(insets) == len(shape.insets)
        boxes = dict(zip(insets, (inset.box for inset in shape.insets), strict=True))
        labels = [(name, ax, box, url) for name, ax, box, url in texts if name in by_name]
        for (a, _, box_a, _), (b, _, box_b, _) in itertools.combinations(texts, 2):
            assert not _overlap(box_a, box_b), (a, b)
        for name, ax, box, url in labels:
            assert url == by_name[name].href
            drawn_here = [p for p in points if ax is main or _inside(p, boxes[ax])]
            covered = [p.name for p in drawn_here
                       if _covers_point(box, ax, p.longitude, p.latitude, _size(p, most))]
            assert covered == [], (name, covered)
            if ax is main:  # nothing on the main map is hidden under an inset
                assert not any(_overlap(box, inset.get_window_extent()) for inset in insets), name
    on_main = [name for name, ax, *_ in labels if ax is main]
    assert 0 < len(on_main) <= LABELLED
    # Crowded: names are left out rather than piled up, and no name is written twice.
    assert len(labels) < len(points)
    assert len({name for name, *_ in labels}) == len(labels)


def test_graph_names_cover_no_other_name_and_no_node_even_when_long() -> None:
    names = [f"An organisation with a rather long name, number {n}" if n % 3 == 0 else f"Person {n}"
             for n in range(40)]
    nodes = tuple(Node(f"n{n}", name, "person", briefs=40 - n, href=f"../people/n{n}/",
                       colour="#0072B2", group="People", order=1)
                  for n, name in enumerate(names))
    edges = tuple(Edge(f"n{n}", f"n{(n + k) % 40}", 1 + n % 4) for n in range(40) for k in (1, 7))
    graph = Graph(nodes, edges, len(edges))
    sizes = {n.id: 60 + 540 * n.briefs / 40 for n in nodes}
    with drawn_graph(graph, "test") as fig:
        ax = fig.axes[0]
        texts = _texts(fig)
        labels = [t for t in texts if t[0] in names]
        for (a, _, box_a, _), (b, _, box_b, _) in itertools.combinations(texts, 2):
            assert not _overlap(box_a, box_b), (a, b)
        for name, _, box, url in labels:
            node = nodes[names.index(name)]
            assert url == node.href
            for other in nodes:
                offsets = _offset_of(ax, other.href)
                assert not _covers_point(box, ax, *offsets, sizes[other.id]), (name, other.name)
    # Every node keeps its name here: a name moves outwards until it fits.
    assert sorted(t[0] for t in labels) == sorted(names)


def _offset_of(ax, href: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """A node's centre, found by its link: each node is one scatter with one URL."""
    for collection in ax.collections:
        if collection.get_urls() == [href]:
            x, y = collection.get_offsets()[0]
            return float(x), float(y)
    raise AssertionError(f"no node links to {href}")


def test_drawing_the_map_leaves_no_thread_behind() -> None:
    # A build forks its page workers only while it runs a single thread
    # (parallel.py); textalloc's progress bars would leave tqdm's monitor running.
    with drawn_map(_crowded_map(), "test"):
        pass
    monitors = [t.name for t in threading.enumerate() if type(t).__name__ == "TMonitor"]
    assert monitors == []
