"""Labels beside the points of a map, none over another, a point or a keep-out area.

The map labels towns a few kilometres apart. textalloc's greedy allocator
places each label in turn, most important first, at the nearest free spot
around its point (beside it, then at a corner, then above or below, then
further out); a label set apart from its point gets a thin leader line, and a
label with no free spot within reach is left out, while its point stays drawn
and linked. Called inside a drawing, with matplotlib already imported.
"""

from __future__ import annotations

import contextlib
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

LEADER = "#9a9a9a"
# Points between a point's edge and its label at the nearest spots, and the
# least room kept between a label and any other point.
GAP = 3.0
# Where a label goes first, at each distance from its point: beside it, then
# the corners, then above and below (textalloc's names).
PREFERRED = ["east", "west", "northeast", "southeast", "northwest", "southwest", "north", "south"]


@dataclass(frozen=True)
class PointLabel:
    text: str
    x: float  # the point, in data coordinates
    y: float
    href: str
    size: float  # the point's marker area in points², as given to scatter


@dataclass(frozen=True)
class Obstacle:
    """A point or an area a label must not cover, in data coordinates."""

    x: float
    y: float
    size: float = 0.0  # a marker's area in points², for a point
    box: tuple[float, float, float, float] | None = None  # west, south, east, north, for an area


def area(ax: Any, extent: Any) -> Obstacle:
    """A box in pixels (a drawn text's or an axes' extent) as an area of `ax`."""
    (west, south), (east, north) = ax.transData.inverted().transform([extent.p0, extent.p1])
    return Obstacle((west + east) / 2, (south + north) / 2, box=(west, south, east, north))


Box = tuple[float, float, float, float]  # west, south, east, north, in data coordinates
Segment = tuple[tuple[float, float], tuple[float, float]]


def place_labels(ax: Any, labels: Sequence[PointLabel], obstacles: Sequence[Obstacle], *,
                 fontsize: float, color: str, zorder: float, leader_zorder: float,
                 reach: float = 0.2, leader_color: str = LEADER, lines: Sequence[Segment] = (),
                 walls: Sequence[Box] = (), own_nearest: bool = False) -> list[str]:
    """Draws each label where it overlaps nothing, in the order given (most
    important first), and links it; returns the texts of those left out.
    `reach` is how far from its point a label may go, as a fraction of the
    axes; leader lines are drawn under the points, at `leader_zorder`.
    `lines` are segments no label may cross; `walls` are areas no leader line
    may cross (a label whose leader would is left out). With `own_nearest`, a
    label stays only where its own point is the nearest one to it, so that it
    cannot be read as a neighbour's name."""
    if not labels:
        return []
    import textalloc
    from tqdm import tqdm

    # textalloc reports progress through tqdm, whose first bar (even a disabled
    # one) starts a monitor thread; a build forks its workers only from a single
    # thread (parallel.py), so one left running would cost every later build
    # step its parallelism.
    tqdm.monitor_interval = 0

    pixels = ax.figure.dpi / 72  # textalloc measures in pixels, markers are in points
    step = GAP * pixels / ax.bbox.width  # as a fraction of the axes, as textalloc takes it
    taken = [*obstacles, *(Obstacle(label.x, label.y, label.size) for label in labels)]
    dots = [p for p in taken if p.box is None]
    segments = [*_hatch([p.box for p in taken if p.box is not None], ax, fontsize), *lines]
    allocate: Any = textalloc.allocate  # its annotations are looser than its behaviour
    with contextlib.redirect_stdout(io.StringIO()):  # it prints when nothing fits
        _, leaders, texts, _ = allocate(
            ax, [label.x for label in labels], [label.y for label in labels],
            [label.text for label in labels],
            x_scatter=[p.x for p in dots], y_scatter=[p.y for p in dots],
            scatter_sizes=[_radius(p.size) * pixels for p in dots],
            text_scatter_sizes=[_radius(label.size) * pixels for label in labels],
            x_lines=[[a[0], b[0]] for a, b in segments] or None,
            y_lines=[[a[1], b[1]] for a, b in segments] or None,
            textsize=fontsize, textcolor=color,
            # The margin stays under the nearest spot's gap, or a label would
            # count its own point as in the way.
            margin=step * 0.8, min_distance=step, max_distance=max(reach, step),
            nbr_candidates=400, direction=PREFERRED, draw_all=False, draw_lines=False,
            va="bottom", zorder=zorder,
        )
    to_pixels = ax.transData.transform
    kept = list(texts)
    for i, (label, leader, text) in enumerate(zip(labels, leaders, texts, strict=True)):
        if text is None:
            continue
        if own_nearest and not _nearest_is_own(ax, text, label, dots):
            text.remove()
            kept[i] = None
            continue
        text.set_url(label.href)
        if leader is None:
            continue
        # A leader line for each label not right beside its point: at a corner
        # or further out, a reader could take it for a neighbour's.
        (x0, x1), (y0, y1), _ = leader
        (a, b), (c, d) = to_pixels([(x0, y0), (x1, y1)])
        if math.hypot(c - a, d - b) - _radius(label.size) * pixels > GAP * pixels + 1:
            if any(crosses(((x0, y0), (x1, y1)), wall) for wall in walls):
                # A line across an inset would join a name to a dot it hides:
                # the name is left out, its dot still drawn and linked.
                text.remove()
                kept[i] = None
                continue
            ax.plot([x0, x1], [y0, y1], color=leader_color, linewidth=0.6, zorder=leader_zorder)
    return [label.text for label, text in zip(labels, kept, strict=True) if text is None]


def _nearest_is_own(ax: Any, text: Any, label: PointLabel, dots: Sequence[Obstacle]) -> bool:
    """Is the label's own point at least as near its box (rim to box) as every
    other point? Points on the same spot as its own tie, and pass."""
    box = text.get_window_extent(renderer=ax.figure.canvas.get_renderer())
    pixels = ax.figure.dpi / 72

    def gap(x: float, y: float, size: float) -> float:
        px, py = ax.transData.transform((x, y))
        dx = max(box.x0 - px, 0.0, px - box.x1)
        dy = max(box.y0 - py, 0.0, py - box.y1)
        return float(math.hypot(dx, dy)) - _radius(size) * pixels

    own = gap(label.x, label.y, label.size)
    return all(gap(d.x, d.y, d.size) >= own for d in dots if (d.x, d.y) != (label.x, label.y))


def crosses(segment: Segment, box: Box) -> bool:
    """Does the segment pass through the box's inside (Liang-Barsky clipping)?
    Touching its edge from outside does not count."""
    (x0, y0), (x1, y1) = segment
    west, south, east, north = box
    low, high = 0.0, 1.0
    sides = ((x0 - x1, x0 - west), (x1 - x0, east - x0), (y0 - y1, y0 - south), (y1 - y0, north - y0))
    for step, room in sides:
        if step == 0:
            if room <= 0:
                return False
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
    return high - low > 1e-9


def _radius(size: float) -> float:
    return float(size) ** 0.5 / 2


def _hatch(boxes: Sequence[tuple[float, float, float, float]], ax: Any,
           fontsize: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Each area as segments that any label box overlapping it must cross or
    hold, since textalloc avoids lines, not areas: rows closer together than
    a line of text, so that a label inside the area meets one, and both sides."""
    to_data = ax.transData.inverted()
    row = fontsize * ax.figure.dpi / 72 * 0.6  # pixels: under a label's height
    segments = []
    for west, south, east, north in boxes:
        (x0, y0), (x1, y1) = ax.transData.transform([(west, south), (east, north)])
        rows = max(1, int((y1 - y0) // row))
        for i in range(rows + 1):
            y = y0 + (y1 - y0) * i / rows
            (a, b), (c, d) = to_data.transform([(x0, y), (x1, y)])
            segments.append(((float(a), float(b)), (float(c), float(d))))
        segments.append(((west, south), (west, north)))
        segments.append(((east, south), (east, north)))
    return segments
