"""Labels beside the points of a map, none over another, a point or a keep-out area.

The map labels towns a few kilometres apart. textalloc's greedy allocator
places each label in turn, most important first, at the nearest free spot
around its point (beside it, then at a corner, then above or below, then
further out); a label set apart from its point gets a thin leader line, and a
label with no free spot within reach is left out, while its point stays drawn
and linked; one whose leader line would cross a wall (an inset) is left out
too. Where points crowd (an inset), `place_beside` puts each name right beside
its own point, where no other point is as near, or leaves it out: a name
pulled further away lands beside a neighbour and reads as its name. Called
inside a drawing, with matplotlib already imported.
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
                 walls: Sequence[Box] = ()) -> list[str]:
    """Draws each label where it overlaps nothing, in the order given (most
    important first), and links it; returns the texts of those left out.
    `reach` is how far from its point a label may go, as a fraction of the
    axes; leader lines are drawn under the points, at `leader_zorder`.
    `lines` are segments no label may cross; `walls` are areas no leader line
    may cross (a label whose leader would is left out)."""
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


# How far from the point's rim a name beside it may stand, in GAPs: close
# enough to need no leader line.
BESIDE = 2.5
FALLBACK = 8.0  # GAPs: how far the most mentioned name may go when nothing beside it is free
STEP = 2.0  # pixels between the spots tried


def place_beside(ax: Any, labels: Sequence[PointLabel], obstacles: Sequence[Obstacle], *,
                 fontsize: float, color: str, zorder: float, leader_color: str = LEADER,
                 leader_zorder: float = 2.5) -> list[str]:
    """Draws each label right beside its own point, in the order given, or
    leaves it out; returns the texts left out. For crowded points (an inset):
    a name drawn further off, on a leader line, lands beside other points and
    reads as theirs, so a spot counts only where no other point is as near
    the name as its own, the name covers no point, name or area, and it stays
    inside the axes. The spots are tried nearest first, round the point."""
    renderer = ax.figure.canvas.get_renderer()
    pixels = ax.figure.dpi / 72
    to_pixels = ax.transData.transform
    points = [*obstacles, *(Obstacle(label.x, label.y, label.size) for label in labels)]
    dots = [(*map(float, to_pixels((p.x, p.y))), _radius(p.size) * pixels) for p in points if p.box is None]
    taken: list[Box] = [_pixel_box(ax, p.box) for p in obstacles if p.box is not None]
    frame = ax.bbox
    left_out = []
    for first, label in zip([True, *[False] * (len(labels) - 1)], labels, strict=True):
        text = ax.text(label.x, label.y, label.text, fontsize=fontsize, color=color, zorder=zorder,
                       ha="center", va="center")
        extent = text.get_window_extent(renderer=renderer)
        x, y = map(float, to_pixels((label.x, label.y)))
        radius, size = _radius(label.size) * pixels, (extent.width, extent.height)
        free = [box for box in _spots(x, y, radius, GAP * pixels, *size)
                if _inside(box, frame) and not any(_overlap(box, other) for other in taken)]
        spot = next((box for box in free if _own_nearest(box, x, y, radius, dots, GAP * pixels * 0.8)), None)
        if spot is None and first:
            # The first (the most mentioned) is always named: where no spot
            # beside it is free, at the free spot further out most clearly its
            # own, covering no point, joined to its point by a leader line.
            spot = max((box for box in _spots(x, y, radius, GAP * pixels, *size, beside=FALLBACK)
                        if _inside(box, frame) and not any(_overlap(box, other) for other in taken)
                        and _clear_of(box, (x, y, radius), dots, GAP * pixels * 0.8)),
                       key=lambda box: _lead(box, (x, y, radius), dots), default=None)
            if spot is not None:
                _leader(ax, x, y, spot, leader_color, leader_zorder)
        if spot is None:
            text.remove()
            left_out.append(label.text)
            continue
        middle = ((spot[0] + spot[2]) / 2, (spot[1] + spot[3]) / 2)
        text.set_position(ax.transData.inverted().transform(middle))
        text.set_url(label.href)
        taken.append(spot)
    return left_out


def _inside(box: Box, frame: Any) -> bool:
    return bool(frame.x0 < box[0] and box[2] < frame.x1 and frame.y0 < box[1] and box[3] < frame.y1)


def _leader(ax: Any, x: float, y: float, box: Box, color: str, zorder: float) -> None:
    """A line from the point (pixels) to the nearest point of its name's box."""
    end = (min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3]))
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([(x, y), end])
    ax.plot([x0, x1], [y0, y1], color=color, linewidth=0.6, zorder=zorder)


def _spots(x: float, y: float, radius: float, gap: float, width: float, height: float, *,
           beside: float = BESIDE) -> list[Box]:
    """Boxes of the name's size round a point (pixels), on a grid of STEP,
    whose side or corner nearest the point lies between a GAP and BESIDE GAPs
    beyond its rim: nearest first, then level with the point, then to its
    right (the order a reader looks)."""
    reach_x, reach_y = width / 2 + radius + beside * gap, height / 2 + radius + beside * gap
    found = []
    for i in range(-int(reach_x / STEP), int(reach_x / STEP) + 1):
        for j in range(-int(reach_y / STEP), int(reach_y / STEP) + 1):
            box = (x + i * STEP - width / 2, y + j * STEP - height / 2, x + i * STEP + width / 2,
                   y + j * STEP + height / 2)
            far = _rim_gap(box, x, y, radius)
            if gap * 0.9 <= far <= beside * gap:
                found.append((round(far / gap * 2), abs(j), -i, box))
    return [box for *_, box in sorted(found)]


def _own_nearest(box: Box, x: float, y: float, radius: float, dots: Sequence[Dot], margin: float) -> bool:
    """Is the point at (x, y) nearer the box (rim to box) than every other
    point? Points on the same spot cannot be told apart by where their names
    are: the box only keeps `margin` from their rims, as from every point's."""
    own = _rim_gap(box, x, y, radius)
    return all(_rim_gap(box, *d) >= (margin if (d[0], d[1]) == (x, y) else max(own, margin)) for d in dots
               if d != (x, y, radius))


Dot = tuple[float, float, float]  # a point's middle and radius, in pixels


def _clear_of(box: Box, own: Dot, dots: Sequence[Dot], margin: float) -> bool:
    """Does the box keep `margin` from every point but its own?"""
    return all(_rim_gap(box, *d) >= margin for d in dots if d != own)


def _lead(box: Box, own: Dot, dots: Sequence[Dot]) -> float:
    """How much nearer the box its own point is than any other point."""
    others = [_rim_gap(box, *d) for d in dots if d[:2] != own[:2]]
    return min(others, default=math.inf) - _rim_gap(box, *own)


def _rim_gap(box: Box, x: float, y: float, radius: float) -> float:
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy) - radius


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] + 1 and b[0] < a[2] + 1 and a[1] < b[3] + 1 and b[1] < a[3] + 1


def _pixel_box(ax: Any, box: Box) -> Box:
    (west, south), (east, north) = ax.transData.transform([(box[0], box[1]), (box[2], box[3])])
    return float(west), float(south), float(east), float(north)


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
