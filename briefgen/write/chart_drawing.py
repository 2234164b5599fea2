"""Chart rows → deterministic SVG, drawn with matplotlib's SVG renderer.

The layout is computed here, in inches from the top down (legend, then each
panel's title, rows and tick labels), and each mark and label is handed
straight to matplotlib's SVG renderer: its paths, markers, colours, tick
locators and font metrics, without Figure, Axes or Text artists. Measured on
this machine (matplotlib 3.11), a Text artist costs about 1 ms (its layout
shapes the string with FreeType at every save) and an Axes about 40 ms, so a
four-panel brief chart took ~200 ms and the thousand brief charts of a
1,000-brief corpus over three minutes. The artists only re-derived positions
this module already knows; drawing through the renderer gives the same
picture in a few milliseconds. Text stays text (`svg.fonttype: none`), sized
in points, so the browser draws it and a reader can select it.

matplotlib is imported only inside `draw_svg` and `inline_svg`: a warm build,
whose charts are all cached, never loads it.
"""

from __future__ import annotations

import html
import io
import math
import re
import textwrap
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

MARK_LABELS: dict[str, str] = {
    "bar": "exact value",
    "point": "exact value on a scale",
    "approximate": "about / nearly (a rounded number)",
    "range": "range",
    "lower-bound": "at least / more than",
    "upper-bound": "up to / fewer than",
}

# The legend's words for each kind of mark a chart draws: a bound is "at
# least" with a solid dot, "more than" with a hollow one, each said in words
# rather than with a symbol the reader must decode.
LEGEND_WORDS: dict[tuple[str, bool], str] = {
    ("bar", False): "exact value",
    ("point", False): "exact value (a scale: the axis does not start at 0)",
    ("approximate", False): "about (within 10 %)",
    ("range", False): "range, from–to",
    ("lower-bound", False): "at least (solid dot)",
    ("lower-bound", True): "more than (hollow dot)",
    ("upper-bound", False): "up to (solid dot)",
    ("upper-bound", True): "fewer than (hollow dot)",
}


@dataclass(frozen=True)
class ChartRow:
    """One value on a chart, and one row of the table beside it."""

    panel: str  # the panel (sub-chart) it is drawn in
    label: str  # "subject — claimant (brief id)"
    metric: str
    subject: str  # entity name
    claimant: str  # entity name, the outlet's name, or "unattributed"
    side: str  # a side id of the vocabulary, or "unattributed"
    side_label: str
    colour: str  # the side's colour
    brief: str
    figure: str
    written: str  # the value as written
    as_of: str  # ISO partial date, "" when unknown
    mark: str  # a key of MARK_LABELS
    low: float | None  # normalised; None: unbounded
    high: float | None
    strict: bool  # a bound that excludes its own value
    approximate: bool
    unit: str  # base unit of the normalised values
    # How far an "about" or "nearly" value reaches below and above it (base
    # units; figures.tolerance); 0 for other marks.
    reach_below: float = 0.0
    reach_above: float = 0.0
    on_scale: bool = False  # its family is a scale (units.Family.scale): the axis is fitted to the values


def _sides(rows: list[ChartRow]) -> list[tuple[str, str]]:
    """(label, colour) of each side the rows show, in the order they first appear."""
    return list(dict.fromkeys((r.side_label, r.colour) for r in rows))


# --- layout ---------------------------------------------------------------------
#
# Drawn for a phone's column and shown at most CHART_MAX_PX wide on a desktop
# (briefgen.css): every size is in points of a WIDTH-inch figure (331 units
# across), so text keeps its size relative to the chart: 11.9 px in a 358 px
# phone column (390 px screen), about 16.6 px at the desktop's 500 px. A chart
# drawn for the 688 px desktop column showed 8.5 px text on a phone.
# The layout is computed in inches from the top down (legend, then each
# panel's title, rows and tick labels), so no text can land on another's.
#
# Colours: a transparent background and dark ink, so the chart sits on the
# page rather than on a white card. A chart is an <img>: it cannot inherit the
# page's colours (currentColor stops at the image), and a prefers-color-scheme
# query inside it would follow the system, not Material's scheme toggle. So
# briefgen.css inverts chart images in Material's dark scheme and turns the
# hues back; the side colours stay recognisable and the legend, inside the
# same image, always matches. No grey exists that reads at 4.5:1 on both white
# and Material's slate (it would need a luminance below 0.18 and above 0.24).

WIDTH = 4.6  # inches; the SVG scales by its viewBox
FONT = 11.0  # points: 30 ems across the figure
TICK_FONT = FONT
TITLE_FONT = FONT + 1.0
LINE = FONT * 1.3 / 72  # inches per line of label text
MARGIN = 0.12  # inches of blank border
AXES_LEFT = MARGIN + 0.05  # inches from the left edge
AXES_RIGHT = WIDTH - MARGIN - 0.2  # leaves half a tick label's room at the right end
EM_PER_CHAR = 0.6  # DejaVu Sans, averaged over the labels' characters
ARROW = 0.12  # length of a lower bound's arrow, as a fraction of the axis width
ROW_MARK = 1.3  # lines given to the mark under a row's label
ROW_GAP = 0.35  # lines between rows
TICKS_HEIGHT = 0.3  # inches below an axis for its ticks and tick labels
PANEL_GAP = 0.22  # inches between a panel's tick labels and the next panel's title
INK = "#1a1a1a"
GRID = "#d4d4d4"
SPINE = "#777777"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    # XML 1.0 forbids most control characters; matplotlib would write them raw.
    return _CONTROL.sub("", text).replace("\n", " ")


def _wrap(text: str, width_inches: float, font: float) -> list[str]:
    """`text` broken into lines that fit `width_inches` at `font` points."""
    per_line = max(12, int(width_inches * 72 / (font * EM_PER_CHAR)))
    # A word longer than a line stays whole (it may run past the edge) rather
    # than being cut in two.
    return textwrap.wrap(_clean(text), per_line, break_on_hyphens=False,
                         break_long_words=False) or [""]


def _panels(rows: list[ChartRow]) -> list[tuple[str, list[ChartRow]]]:
    out: list[tuple[str, list[ChartRow]]] = []
    for row in rows:
        if out and out[-1][0] == row.panel:
            out[-1][1].append(row)
        else:
            out.append((row.panel, [row]))
    return out


def _limits(rows: list[ChartRow]) -> tuple[bool, float, float]:
    """(log scale?, left, right), leaving room right of each mark for its value label."""
    on_scale = bool(rows) and all(r.on_scale for r in rows)
    values = [v for r in rows for v in (r.low, r.high) if v is not None and (v > 0 or on_scale)]
    if not values:
        return False, 0.0, 1.0
    lo, hi = min(values), max(values)
    all_positive = len(values) == len([v for r in rows for v in (r.low, r.high) if v])
    log = not on_scale and all_positive and hi / lo >= 100
    scale = (lambda v: math.log10(v)) if log else (lambda v: v)
    left: float
    if log:
        left = math.floor(math.log10(lo / 2))  # start at a decade: a labelled tick
    elif on_scale:
        left = _scale_start(lo, hi)
    else:
        left = 0.0
    # Each row's mark, plus its label of the value as written, must fit.
    width = 1e-9
    for r in rows:
        room = 0.98 - _text_fraction(r.written) - (ARROW if r.mark == "lower-bound" else 0)
        for v in (r.low, r.high):
            if v is not None and (v > 0 or on_scale):
                width = max(width, (scale(v) - left) / max(room, 0.2))
    right = left + width
    if log:
        return True, 10 ** left, 10 ** right
    return False, left, right


def _scale_start(lo: float, hi: float) -> float:
    """Where an axis of values on a scale starts: a round number a little below
    the lowest, so that 7.7 and 7.8 Mw are told apart, not two bars of one length."""
    span = hi - lo or max(abs(lo) * 0.1, 1.0)
    step = 10 ** math.floor(math.log10(span)) / 2
    return math.floor((lo - 0.25 * span) / step) * step


def _text_fraction(text: str) -> float:
    # The label's width plus its 7 pt offset, as a fraction of the axis width.
    return (len(text) * EM_PER_CHAR * FONT + 7) / 72 / (AXES_RIGHT - AXES_LEFT)


def _along(log: bool, left: float, right: float, start: float, fraction: float) -> float:
    """The x value `fraction` of the axis width beyond `start`."""
    if log:
        return start * (right / left) ** fraction
    return start + (right - left) * fraction


@dataclass(frozen=True)
class _PanelLayout:
    """One panel's place on the figure, in inches from the top, and its rows' label lines."""

    title: list[str]  # its heading's lines; none for a chart of one panel
    rows: list[ChartRow]
    labels: list[list[str]]
    top: float  # where the panel (its title, if any) starts
    axes_top: float
    axes_height: float
    lines: float  # the axes' height in label lines: its y data range
    bottom: float  # below its tick labels (and unit label)


@dataclass(frozen=True)
class _ChartLayout:
    """A whole chart's place on the figure: its title, legend and panels."""

    title_lines: list[str]
    sides: list[tuple[str, str]]  # (label, colour) of each side the legend lists
    marks: list[tuple[str, bool]]  # the kinds of mark the legend explains (keys of LEGEND_WORDS)
    panels: list[_PanelLayout]
    height: float  # inches


def _layout(title: str, rows: list[ChartRow]) -> _ChartLayout:
    panels = _panels(rows)
    titled = len(panels) > 1  # one panel needs no heading: the chart's title says it
    sides = _sides(rows)
    marks = [key for key in LEGEND_WORDS
             if any((r.mark, r.strict and r.mark.endswith("-bound")) == key for r in rows)]
    title_lines = _wrap(title, WIDTH - 2 * MARGIN, TITLE_FONT + 1)
    entries = len(sides) + len(marks)  # one column: a phone's width has no room for two
    legend = (len(title_lines) * 1.35 * (TITLE_FONT + 1) + entries * 1.45 * FONT + 0.8 * FONT) / 72
    axes_width = AXES_RIGHT - AXES_LEFT
    y = MARGIN + legend + 0.1
    out = []
    for panel, panel_rows in panels:
        top = y
        heading = _wrap(panel, WIDTH - 2 * MARGIN, TITLE_FONT) if titled else []
        if heading:
            y += (0.25 + 1.35 * len(heading)) * TITLE_FONT / 72
        labels = [_wrap(r.label, axes_width, FONT) for r in panel_rows]
        lines = 0.3 + sum(len(lab) + ROW_MARK + ROW_GAP for lab in labels)
        height = lines * LINE
        bottom = y + height + TICKS_HEIGHT + (0 if titled else 1.3 * TICK_FONT / 72)
        out.append(_PanelLayout(heading, panel_rows, labels, top, y, height,
                                lines, bottom))
        y = bottom + PANEL_GAP
    return _ChartLayout(title_lines, sides, marks, out, y - PANEL_GAP + MARGIN)


# --- drawing ----------------------------------------------------------------------

# Where a line of text sits: its baseline is this many ems below the middle of
# its line box, and below the top of a box it heads (DejaVu Sans' cap height
# is 0.73 em, its ascender 0.93 em).
MIDDLE_TO_BASELINE = 0.36
TOP_TO_BASELINE = 0.8
TICK_LENGTH = 3.5  # points, below the axis line
TICK_PAD = 3.5  # points between a tick and its label
VALUE_GAP = 7.0  # points between a mark and the value written beside it
LEGEND_HANDLE = 1.6  # ems: a legend entry's sample mark
LEGEND_PAD = 0.8  # ems between the sample and its label
PAPER = "white"  # inside of a hollow mark
ARROW_HEAD = 8.0  # points from the tip of a bound's arrow to its base


def draw_svg(title: str, rows: list[ChartRow]) -> str:
    """Draw rows as SVG text; the same arguments always give the same bytes
    (nothing drawn carries an id or a date).

    The SVG has a viewBox and no fixed size, so the page scales it to its column.
    """
    out = io.StringIO()
    with warnings.catch_warnings():
        # A name in a script DejaVu Sans lacks draws as boxes: no reason to fail a build.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        _draw(title, rows, out)
    return re.sub(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", out.getvalue(),
                  count=1)


def _draw(title: str, rows: list[ChartRow], out: IO[str]) -> None:
    import matplotlib

    layout = _layout(title, rows)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.id": None}):
        canvas = _Canvas(out, layout.height, _clean(title))
        _draw_legend(canvas, layout)
        for panel in layout.panels:
            _draw_panel(canvas, panel)
        canvas.finish()


class _Canvas:
    """matplotlib's SVG renderer, addressed in this module's inches from the top.

    The renderer takes paths in points from the bottom and text in points
    from the top; this class turns the layout's coordinates into both.
    """

    def __init__(self, out: IO[str], height: float, title: str) -> None:
        from matplotlib.backends.backend_svg import RendererSVG
        from matplotlib.transforms import Affine2D

        self.renderer = RendererSVG(WIDTH * 72, height * 72, out,
                                    metadata={"Date": None, "Title": title})
        self.height = height * 72
        # Inches from the top → points from the bottom, for paths.
        self.to_points = Affine2D().scale(72, -72).translate(0, self.height)
        self._pens: dict[tuple[str, float, tuple[float, ...]], Any] = {}

    def finish(self) -> None:
        self.renderer.finalize()

    def _gc(self, colour: str, width: float = 0.0, dashes: tuple[float, ...] = ()) -> Any:
        # One graphics context per pen: a chart uses a dozen, a thousand times.
        pen = (colour, width, dashes)
        if pen in self._pens:
            return self._pens[pen]
        gc = self.renderer.new_gc()
        self._pens[pen] = gc
        gc.set_foreground(colour)
        gc.set_linewidth(width)
        gc.set_capstyle("butt")
        gc.set_joinstyle("miter")
        if dashes:
            gc.set_dashes(0, list(dashes))
        return gc

    def line(self, points: list[tuple[float, float]], colour: str, width: float,
             dashes: tuple[float, ...] = ()) -> None:
        """A polyline through `points` (inches), `width` points wide."""
        from matplotlib.path import Path

        gc = self._gc(colour, width, dashes)
        self.renderer.draw_path(gc, Path(points), self.to_points)

    def segments(self, pairs: list[tuple[tuple[float, float], tuple[float, float]]], colour: str,
                 width: float) -> None:
        """Separate straight lines (inches) in one colour, as one path: the
        grid or the ticks of a panel."""
        from matplotlib.path import Path

        if not pairs:
            return
        gc = self._gc(colour, width)
        vertices = [point for pair in pairs for point in pair]
        codes = [Path.MOVETO, Path.LINETO] * len(pairs)
        self.renderer.draw_path(gc, Path(vertices, codes), self.to_points)

    def shape(self, points: list[tuple[float, float]], fill: str, edge: str = "",
              width: float = 0.0) -> None:
        """A closed polygon (inches), filled, with an optional outline."""
        from matplotlib.colors import to_rgba
        from matplotlib.path import Path

        gc = self._gc(edge or fill, width if edge else 0.0)
        path = Path([*points, points[0]], closed=True)
        self.renderer.draw_path(gc, path, self.to_points, to_rgba(fill))

    def circle(self, x: float, y: float, radius: float, fill: str, edge: str, width: float) -> None:
        """A circle centred at (x, y) inches, `radius` in points."""
        from matplotlib.colors import to_rgba
        from matplotlib.path import Path

        gc = self._gc(edge, width)
        path = Path.circle((x, y), radius / 72)
        self.renderer.draw_path(gc, path, self.to_points, to_rgba(fill))

    def text(self, x: float, baseline: float, text: str, size: float, *, bold: bool = False,
             anchor: str = "start") -> None:
        """`text` with its baseline at `baseline` inches from the top, starting
        (or centred, for anchor="middle") at `x` inches."""
        text = _clean(text)
        if anchor == "middle":
            x -= text_width(text, size, bold=bold) / 72 / 2
        gc = self._gc(INK)
        self.renderer.draw_text(gc, x * 72, baseline * 72, text, _font_properties(size, bold), 0)


@lru_cache(maxsize=16)
def _font_properties(size: float, bold: bool) -> Any:
    from matplotlib.font_manager import FontProperties

    return FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in points of `text` set in DejaVu Sans at `size` points,
    from the font's own advance widths (kerning left out: under 2 %)."""
    return size * sum(_advance(char, bold) for char in text)


@lru_cache(maxsize=4096)
def _advance(char: str, bold: bool) -> float:
    """One character's advance width at 1 pt, in points."""
    font = _font(bold)
    from matplotlib.ft2font import LoadFlags

    # Unhinted: the outline's own advance, not one rounded to whole pixels.
    glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
    return glyph.linearHoriAdvance / 65536 / _MEASURE_SIZE


_MEASURE_SIZE = 100.0


@lru_cache(maxsize=2)
def _font(bold: bool) -> Any:
    from matplotlib.font_manager import findfont
    from matplotlib.ft2font import FT2Font

    font = FT2Font(findfont(_font_properties(FONT, bold)))
    font.set_size(_MEASURE_SIZE, 72)
    return font


def _draw_legend(canvas: _Canvas, layout: _ChartLayout) -> None:
    """The title, then the sides and the kinds of mark, in one column."""
    size = TITLE_FONT + 1
    y = MARGIN
    for line in layout.title_lines:
        canvas.text(AXES_LEFT, y + TOP_TO_BASELINE * size / 72, line, size, bold=True)
        y += 1.35 * size / 72
    y += 0.4 * FONT / 72
    sides, marks = layout.sides, layout.marks
    pitch = 1.45 * FONT / 72
    handle = LEGEND_HANDLE * FONT / 72
    label_at = handle + LEGEND_PAD * FONT / 72
    first = AXES_LEFT
    for number, (label, colour) in enumerate(sides):
        middle = y + (number + 0.5) * pitch
        canvas.line([(first, middle), (first + handle, middle)], colour, 8)
        canvas.text(first + label_at, middle + MIDDLE_TO_BASELINE * FONT / 72, label, FONT)
    for number, (mark, strict) in enumerate(marks, start=len(sides)):
        middle = y + (number + 0.5) * pitch
        _draw_sample(canvas, mark, strict, first, first + handle, middle)
        canvas.text(first + label_at, middle + MIDDLE_TO_BASELINE * FONT / 72,
                    LEGEND_WORDS[mark, strict], FONT)


def _draw_sample(canvas: _Canvas, mark: str, strict: bool, start: float, end: float,
                 y: float) -> None:
    """A legend entry's sample of a kind of mark, in ink."""
    middle = (start + end) / 2
    if mark == "bar":
        canvas.line([(start, y), (end, y)], INK, 6)
    elif mark == "point":
        canvas.circle(middle, y, 4.5, INK, INK, 2)
    elif mark == "approximate":
        _diamond(canvas, middle, y, 4.5, INK, 1.8)
    elif mark == "range":
        canvas.line([(start, y), (end, y)], INK, 2)
        for x in (start, end):
            canvas.line([(x, y - 5 / 72), (x, y + 5 / 72)], INK, 2)
    else:
        canvas.line([(start, y), (end, y)], INK, 2)
        lower = mark == "lower-bound"
        _arrow_head(canvas, end if lower else start, y, 1 if lower else -1, INK, 6.5)
        canvas.circle(start + 4 / 72 if lower else end - 4 / 72, y, 4, PAPER if strict else INK, INK, 2)


def _draw_panel(canvas: _Canvas, panel: _PanelLayout) -> None:
    rows = panel.rows
    log, left, right = _limits(rows)
    axis_width = AXES_RIGHT - AXES_LEFT

    def x_of(value: float) -> float:
        if log:
            value = max(value, left)
            share = math.log10(value / left) / math.log10(right / left)
        else:
            share = (value - left) / (right - left)
        return AXES_LEFT + share * axis_width

    def y_of(line: float) -> float:
        return panel.axes_top + line * LINE

    top, bottom = panel.axes_top, panel.axes_top + panel.axes_height
    for number, line in enumerate(panel.title):
        canvas.text(AXES_LEFT, panel.top + (0.25 + 1.35 * number + TOP_TO_BASELINE) * TITLE_FONT / 72,
                    line, TITLE_FONT, bold=True)
    ticks = _tick_values(log, left, right)
    canvas.segments([((x_of(tick), top), (x_of(tick), bottom)) for tick in ticks], GRID, 0.8)
    canvas.segments([((AXES_LEFT, bottom), (AXES_RIGHT, bottom))]
                    + [((x_of(tick), bottom), (x_of(tick), bottom + TICK_LENGTH / 72)) for tick in ticks],
                    SPINE, 0.8)
    label_baseline = bottom + (TICK_LENGTH + TICK_PAD + TOP_TO_BASELINE * TICK_FONT) / 72
    for tick in ticks:
        canvas.text(x_of(tick), label_baseline, _short_number(tick), TICK_FONT, anchor="middle")
    unit = rows[0].unit
    if unit and not panel.title:
        canvas.text(AXES_LEFT + axis_width / 2, label_baseline + 1.2 * TICK_FONT / 72, unit,
                    TICK_FONT, anchor="middle")
    y = 0.3
    for row, lines in zip(rows, panel.labels, strict=True):
        for line in lines:
            canvas.text(AXES_LEFT, y_of(y + 0.5) + MIDDLE_TO_BASELINE * FONT / 72, line, FONT)
            y += 1
        mark_y = y_of(y + ROW_MARK / 2)
        text_at = _draw_mark(canvas, row, mark_y, x_of, log, left, right)
        canvas.text(x_of(text_at) + VALUE_GAP / 72, mark_y + MIDDLE_TO_BASELINE * FONT / 72,
                    row.written, FONT)
        y += ROW_MARK + ROW_GAP


def _draw_mark(canvas: _Canvas, row: ChartRow, y: float, x_of: Callable[[float], float],
               log: bool, left: float, right: float) -> float:
    """Draw one row's mark at height y (inches); return the value its label follows."""
    colour = row.colour
    if row.mark == "bar":
        value = row.high if row.high is not None else 0.0
        half = 0.75 * LINE / 2
        start, end = x_of(left), x_of(value)
        canvas.shape([(start, y - half), (end, y - half), (end, y + half), (start, y + half)],
                     colour)
        return value
    if row.mark == "point":
        value = row.low if row.low is not None else 0.0
        canvas.circle(x_of(value), y, 4.5, colour, colour, 2)
        return value
    if row.mark == "approximate":
        value = row.low or 0.0
        low, high = value - row.reach_below, value + row.reach_above
        if not row.on_scale:  # an amount is never below nothing
            low = max(0.0, low)
        canvas.line([(x_of(low), y), (x_of(high), y)], colour, 1.5, dashes=(1.5, 2.5))
        _diamond(canvas, x_of(value), y, 5.5, colour, 2)
        return high
    if row.mark == "range":
        low, high = row.low or 0.0, row.high or 0.0
        dashes = (9.0, 4.0) if row.approximate else ()
        canvas.line([(x_of(low), y), (x_of(high), y)], colour, 2.5, dashes=dashes)
        canvas.segments([((x_of(value), y - 7 / 72), (x_of(value), y + 7 / 72))
                         for value in (low, high)], colour, 2.5)
        return high
    bound = (row.low if row.mark == "lower-bound" else row.high) or 0.0
    if row.mark == "lower-bound":
        end = _along(log, left, right, bound, ARROW)
        text_at = end
    else:  # up to / fewer than: everything from the axis start is allowed
        end = left
        text_at = bound
    direction = 1 if x_of(end) >= x_of(bound) else -1
    head = ARROW_HEAD / 72
    canvas.line([(x_of(bound), y), (x_of(end) - direction * head, y)], colour, 2.2)
    _arrow_head(canvas, x_of(end), y, direction, colour, ARROW_HEAD)
    if row.strict:
        canvas.circle(x_of(bound), y, 4, PAPER, colour, 2)
    else:
        canvas.circle(x_of(bound), y, 4, colour, colour, 2)
    return text_at


def _diamond(canvas: _Canvas, x: float, y: float, half: float, colour: str, width: float) -> None:
    """A hollow diamond centred at (x, y) inches, `half` its half-diagonal in points."""
    h = half / 72
    canvas.shape([(x, y - h), (x + h, y), (x, y + h), (x - h, y)], PAPER, colour, width)


def _arrow_head(canvas: _Canvas, x: float, y: float, direction: int, colour: str,
                length: float) -> None:
    """A filled triangle with its tip at (x, y) inches, pointing right (1) or left (-1)."""
    back, half = direction * length / 72, length / 2 / 72
    canvas.shape([(x, y), (x - back, y - half), (x - back, y + half)], colour)


def _tick_values(log: bool, left: float, right: float) -> list[float]:
    """Few, short tick labels: decades on a log axis (at most five labelled, no
    minor ticks), 1-2-2.5-5 steps on a linear one; only those on the axis."""
    from matplotlib.ticker import LogLocator, MaxNLocator

    if log:
        values = LogLocator(base=10, numticks=6).tick_values(left, right)
    else:
        values = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3).tick_values(left, right)
    span = right - left
    return [float(v) for v in values if left - 1e-9 * span <= v <= right + 1e-9 * span]


def inline_svg(draw: Callable[[IO[str]], None], names: Mapping[str, str] | None = None) -> str:
    """A drawing as SVG to inline in a page, so that its marks can be links: no
    XML prolog, links that open where the reader is (matplotlib adds
    target="_blank" to each), and no fixed size (the viewBox scales it).

    `names` (link → what it leads to) gives each such link a <title>: the
    tooltip over a dot, and the link's name for a screen reader, where a dot
    has no label beside it (matplotlib cannot write one)."""
    out = io.StringIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        draw(out)
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):].replace(' target="_blank"', "")
    if names:
        def titled(link: re.Match[str]) -> str:
            name = names.get(html.unescape(link.group(1)))
            return link.group(0) + (f"\n<title>{html.escape(name, quote=False)}</title>" if name else "")

        svg = re.sub(r'<a xlink:href="([^"]*)">', titled, svg)
    return re.sub(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", svg, count=1)


def _short_number(value: float) -> str:
    """A tick label: 0.5, 25, 2,500, 25k, 2.5M, 50B."""
    magnitude = abs(value)
    if value == 0:
        return "0"
    if magnitude >= 1e12:
        return f"{value / 1e12:g}T"
    if magnitude >= 1e9:
        return f"{value / 1e9:g}B"
    if magnitude >= 1e6:
        return f"{value / 1e6:g}M"
    if magnitude >= 1e4:
        return f"{value / 1e3:g}k"
    if magnitude >= 1:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{value:g}"

