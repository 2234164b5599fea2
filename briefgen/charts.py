"""Figures → deterministic SVG charts, cached on disk by the hash of their data.

The rows behind a chart are computed without matplotlib; matplotlib is imported
only when a chart is missing from the cache, so a warm rebuild never loads it.
The same rows always give byte-identical SVG: the hash salt is derived from the
chart's key and the date is left out of the metadata.

Scale: a panel uses a log axis when all its values are positive and span a
factor of 100 or more (500 civilians beside 70,000 would otherwise vanish);
otherwise a linear axis from 0. Exact values are bars, ranges whiskers, bounds
arrows from the bound towards the open side (hollow circle: strict bound),
"about" values hollow diamonds with a ±10 % line and a "~" in their label.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from briefgen.figures import APPROXIMATE_TOLERANCE, FigureRef, period
from briefgen.index import CorpusIndex
from briefgen.model import Brief, Entity, Side
from briefgen.units import FAMILY_BASE

# Bump when the drawing code changes, so cached SVGs are redrawn.
STYLE_VERSION = "3"

# Numbers whose claimant has no side (or whose side the vocabulary does not
# list); the sides themselves, their labels and colours are data/vocabulary.yml.
UNATTRIBUTED = Side("unattributed", "Unattributed", "#555555")

FAMILY_TITLES: dict[str, str] = {
    "count": "Counts", "distance": "Distances", "percent": "Shares", "ratio": "Ratios",
    "daily-rate": "Daily rates", "duration": "Durations", "mass-rate": "Output",
}

MARK_LABELS: dict[str, str] = {
    "bar": "exact value",
    "approximate": "about (±10 %)",
    "range": "range",
    "lower-bound": "at least / more than",
    "upper-bound": "up to / fewer than",
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


@dataclass(frozen=True)
class Chart:
    """A drawn chart: file stem, SVG text, alt text and the rows behind it."""

    name: str
    title: str
    svg: str
    alt: str
    rows: tuple[ChartRow, ...]
    total: int = 0  # values behind the chart; more than len(rows) when aggregated

    @property
    def aggregated(self) -> bool:
        return self.total > len(self.rows)


class ChartCache:
    """SVGs on disk keyed by the sha256 of their data and STYLE_VERSION.

    `rendered` counts the charts actually drawn by this instance.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.rendered = 0

    def svg(self, key: str, draw: Callable[[], str]) -> str:
        """The cached SVG for `key`, drawing and storing it when missing."""
        path = self.directory / f"{key}.svg"
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            pass
        text = draw()
        self.rendered += 1
        self.directory.mkdir(parents=True, exist_ok=True)
        # Write then rename, so an interrupted build never leaves half an SVG.
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
        return text


# --- who said it ------------------------------------------------------------------


def name_of(entities: dict[str, Entity], entity_id: str | None) -> str:
    """An entity's display name; the id itself when it is not in the registry."""
    if entity_id is None:
        return ""
    entity = entities.get(entity_id)
    return entity.name if entity else entity_id


def claimant_id(ref: FigureRef) -> str | None:
    """Who states the figure: its claimant, else the brief's outlet, else None."""
    return ref.figure.claimed_by or ref.brief.outlet


def side_of(index: CorpusIndex, ref: FigureRef) -> Side:
    """The side whose number this is: the claimant's (or the outlet's), else unattributed."""
    entity = index.registry.entities.get(claimant_id(ref) or "")
    return index.corpus.vocabulary.side(entity.side if entity else None) or UNATTRIBUTED


def _dated(ref: FigureRef) -> str:
    """When a value speaks of, for a row label: its own date, else its article's."""
    if ref.figure.as_of is not None:
        return f"as of {ref.figure.as_of.display()}"
    return f"published {ref.brief.published.display()}"


def short_title(title: str, limit: int = 32) -> str:
    """A brief's title cut at a word to fit a chart label."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—-")
    return cut + "…"


# --- rows -----------------------------------------------------------------------


def _mark(qualifier: str, low: float | None, high: float | None) -> str:
    if qualifier in ("at-least", "more-than"):
        return "lower-bound"
    if qualifier in ("up-to", "fewer-than"):
        return "upper-bound"
    if low is not None and high is not None and low != high:
        return "range"
    return "approximate" if qualifier == "about" else "bar"


def chart_row(index: CorpusIndex, ref: FigureRef, panel: str, label_head: str,
              metric_label: str) -> ChartRow:
    """The row for one figure; `label_head` starts its label (subject or metric)."""
    entities = index.registry.entities
    r = index.reading_of(ref)
    claimant = name_of(entities, claimant_id(ref)) or "unattributed"
    side = side_of(index, ref)
    mark = _mark(ref.figure.qualifier, r.low, r.high)
    strict = (mark == "lower-bound" and not r.low_inclusive) or (
        mark == "upper-bound" and not r.high_inclusive)
    written = index.written(ref)  # already says "about" for approximate values
    as_of = ref.figure.as_of.iso() if ref.figure.as_of else ""
    return ChartRow(
        panel=panel,
        label=f"{label_head} — {claimant}, {short_title(ref.brief.title)}",
        metric=metric_label,
        subject=name_of(entities, ref.figure.subject),
        claimant=claimant,
        side=side.id,
        side_label=side.label,
        colour=side.colour,
        brief=ref.brief.id,
        figure=ref.figure.id,
        written=written,
        as_of=as_of,
        mark=mark,
        low=r.low,
        high=r.high if mark != "lower-bound" else None,
        strict=strict,
        approximate=r.approximate,
        unit=r.base_unit,
    )


def _drawable(index: CorpusIndex, refs: Iterable[FigureRef], family: str | None) -> list[FigureRef]:
    # A figure whose unit does not fit the family cannot share an axis.
    out = []
    for ref in refs:
        r = index.reading_of(ref)
        if r.family is not None and (family is None or r.family == family) and (
                r.low is not None or r.high is not None):
            out.append(ref)
    return out


def latest_per_source(index: CorpusIndex, refs: list[FigureRef], limit: int) -> list[FigureRef]:
    """At most `limit` figures: the latest value each source gave for each
    subject, from the subjects with the most values first.

    A metric with hundreds of values would draw an unreadable chart; the full
    data stays in the comparison pages and the CSV.
    """
    latest: dict[tuple[str, str], FigureRef] = {}
    for ref in refs:
        key = (ref.figure.subject, claimant_id(ref) or "")
        seen = latest.get(key)
        if seen is None or _when(ref) > _when(seen) or (
                _when(ref) == _when(seen) and ref.key > seen.key):
            latest[key] = ref
    counts: dict[str, int] = {}
    for ref in refs:
        counts[ref.figure.subject] = counts.get(ref.figure.subject, 0) + 1
    ranked = sorted(latest.values(), key=lambda r: (-counts[r.figure.subject], r.figure.subject,
                                                    _when(r), r.key))
    return ranked[:limit]


# --- the kinds of chart ---------------------------------------------------------------

# Rows a chart draws at most; beyond it, the latest value per source is drawn.
MAX_ROWS = 24


def _limited(index: CorpusIndex, refs: list[FigureRef]) -> tuple[list[FigureRef], int]:
    if len(refs) <= MAX_ROWS:
        return refs, len(refs)
    return latest_per_source(index, refs, MAX_ROWS), len(refs)


def comparison_chart(index: CorpusIndex, metric_id: str, cache: ChartCache) -> Chart | None:
    """The values of one metric across subjects and sources; None below two values."""
    metric = index.metric(metric_id)
    refs = index.by_metric.get(metric_id, [])
    family = metric.family or (index.reading_of(refs[0]).family if refs else None)
    entities = index.registry.entities
    title = _panel_title(metric.label, family)
    drawable, total = _limited(index, _drawable(index, refs, family))
    # Subjects together, by name, then in time order.
    drawable.sort(key=lambda r: (name_of(entities, r.figure.subject), _when(r), r.brief.id,
                                 r.figure.id))
    rows = [chart_row(index, ref, title, name_of(entities, ref.figure.subject), metric.label)
            for ref in drawable]
    if len(rows) < 2:
        return None
    return _chart(metric_id, metric.label, rows, cache, total)


def entity_chart(index: CorpusIndex, entity_id: str, cache: ChartCache) -> Chart | None:
    """One entity's figures, a panel per metric with two or more values: each
    axis holds one measure ("5 brigades" never sits beside "60,000 people")."""
    by_metric: dict[str, list[FigureRef]] = {}
    for ref in _drawable(index, index.by_subject.get(entity_id, []), None):
        by_metric.setdefault(ref.figure.metric, []).append(ref)
    rows: list[ChartRow] = []
    total = 0
    for metric_id in sorted(by_metric, key=lambda m: (index.metric(m).label, m)):
        refs = by_metric[metric_id]
        if len(refs) < 2 or len({index.reading_of(r).family for r in refs}) > 1:
            continue
        metric = index.metric(metric_id)
        panel = _panel_title(metric.label, index.reading_of(refs[0]).family)
        shown, count = _limited(index, refs)
        total += count
        for ref in sorted(shown, key=lambda r: (_when(r), r.brief.id, r.figure.id)):
            rows.append(chart_row(index, ref, panel, _dated(ref), metric.label))
    if not rows:
        return None
    title = f"Figures about {name_of(index.registry.entities, entity_id)}"
    return _chart(f"entity-{entity_id}", title, rows, cache, total)


# Panels on a brief's chart, and values per panel: a brief page shows its own
# figures among their peers; the comparison pages hold every value.
BRIEF_PANELS = 4
BRIEF_ROWS = 8


def brief_chart(index: CorpusIndex, brief: Brief, cache: ChartCache) -> Chart | None:
    """A brief's own figures beside what other sources say of the same thing: a
    panel per comparison it takes part in, for those with two or more values."""
    groups = []
    for figure in brief.figures:
        comparison = index.comparison_of(FigureRef(brief, figure))
        if comparison not in groups:
            groups.append(comparison)
    panels = []
    for comparison in groups:
        refs = _drawable(index, comparison.refs, None)
        if len(refs) >= 2 and len({index.reading_of(r).family for r in refs}) == 1:
            panels.append((comparison, refs))
    panels.sort(key=lambda item: -len(item[1]))
    rows: list[ChartRow] = []
    total = 0
    titles = []
    for comparison, refs in panels[:BRIEF_PANELS]:
        metric = index.metric(comparison.metric)
        subject = name_of(index.registry.entities, comparison.subject)
        panel = _panel_title(f"{metric.label}: {subject}", index.reading_of(refs[0]).family)
        titles.append(panel)
        own = [r for r in refs if r.brief.id == brief.id]
        others = [r for r in refs if r.brief.id != brief.id]
        shown = own + latest_per_source(index, others, max(BRIEF_ROWS - len(own), 1))
        total += len(refs)
        for ref in sorted(shown, key=lambda r: (r.brief.id != brief.id, _when(r), r.key)):
            head = "This brief" if ref.brief.id == brief.id else _dated(ref)
            rows.append(chart_row(index, ref, panel, head, metric.label))
    if not rows:
        return None
    # One panel draws no heading of its own, so the chart's title names the measure.
    title = titles[0] if len(titles) == 1 else "These figures beside other sources'"
    return _chart(f"brief-{brief.id}", title, rows, cache, total)


def claims_by_side_chart(index: CorpusIndex, cache: ChartCache) -> Chart | None:
    """Casualty and force figures grouped by whose numbers they are."""
    entities = index.registry.entities
    order = [s.id for s in index.corpus.vocabulary.sides] + [UNATTRIBUTED.id]
    rows: list[ChartRow] = []
    total = 0
    for metric_id in sorted(m for m in index.corpus.vocabulary.side_metrics if m in index.by_metric):
        metric = index.metric(metric_id)
        refs, count = _limited(index, _drawable(index, index.by_metric[metric_id],
                                                metric.family or None))
        total += count
        refs.sort(key=lambda r: (order.index(side_of(index, r).id),
                                 name_of(entities, r.figure.subject), _when(r),
                                 r.brief.id, r.figure.id))
        family = metric.family or (index.reading_of(refs[0]).family if refs else None)
        panel = _panel_title(metric.label, family)
        rows += [chart_row(index, ref, panel, name_of(entities, ref.figure.subject),
                           metric.label) for ref in refs]
    if not rows:
        return None
    return _chart("claims-by-side", "Claims by side", rows, cache, total)


def population_chart(index: CorpusIndex, cache: ChartCache) -> Chart | None:
    """Each place's pre-war population beside the civilians said to remain.

    One panel per metric, rows by place, so a reader sees how far each city
    emptied and how sure each source is (bounds stay bounds).
    """
    entities = index.registry.entities
    rows: list[ChartRow] = []
    total = 0
    for metric_id in index.corpus.vocabulary.population_metrics:
        if metric_id not in index.by_metric:
            continue
        metric = index.metric(metric_id)
        refs, count = _limited(index, _drawable(index, index.by_metric[metric_id],
                                                metric.family or None))
        total += count
        refs.sort(key=lambda r: (name_of(entities, r.figure.subject), _when(r), r.brief.id,
                                 r.figure.id))
        panel = _panel_title(metric.label, metric.family or None)
        rows += [chart_row(index, ref, panel, name_of(entities, ref.figure.subject), metric.label)
                 for ref in refs]
    if len(rows) < 2:
        return None
    return _chart("population", "Population: before the war and remaining", rows, cache, total)


def _when(ref: FigureRef) -> str:
    p = period(ref)
    return p[0].isoformat() if p else "9999"


def _panel_title(label: str, family: str | None) -> str:
    base = FAMILY_BASE.get(family or "", "")
    return f"{label} ({base})" if base else label


# --- alt text and assembly -----------------------------------------------------------


def alt_text(title: str, rows: Iterable[ChartRow]) -> str:
    """What the chart shows, in words: metric, subject, value, claimant, brief."""
    parts = []
    for row in rows:
        when = f", as of {row.as_of}" if row.as_of else ""
        parts.append(f"{row.metric}, {row.subject}: {row.written}, claimed by "
                     f"{row.claimant} ({row.side_label}), brief {row.brief}{when}")
    return f"{title}. One row per value. " + "; ".join(parts) + "."


def chart_key(name: str, title: str, rows: Iterable[ChartRow]) -> str:
    """The sha256 of a chart's data and STYLE_VERSION: its cache key and salt."""
    data = {"name": name, "title": title, "rows": [asdict(r) for r in rows],
            "style": STYLE_VERSION}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chart(name: str, title: str, rows: list[ChartRow], cache: ChartCache, total: int) -> Chart:
    key = chart_key(name, title, rows)
    svg = cache.svg(key, lambda: draw_svg(title, rows, salt=key[:16]))
    return Chart(name=name, title=title, svg=svg, alt=alt_text(title, rows), rows=tuple(rows),
                 total=max(total, len(rows)))


def _sides(rows: list[ChartRow]) -> list[tuple[str, str]]:
    """(label, colour) of each side the rows show, in the order they first appear."""
    return list(dict.fromkeys((r.side_label, r.colour) for r in rows))


# --- drawing (the only place matplotlib is imported) ------------------------------------
#
# Drawn for Material's 688 px content column and scaled by the browser to the
# width it has: every size is in points of a WIDTH-inch figure, so text keeps
# its size relative to the chart (about 16 px in the 688 px column, 8.5 px in
# a 358 px phone column, where the table beside the chart has the same words).
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

WIDTH = 6.4  # inches; the SVG scales by its viewBox
FONT = 11.0  # points: 42 ems across the figure
TICK_FONT = FONT * 0.9
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
    import textwrap  # here, so this change stays inside the drawing section

    per_line = max(12, int(width_inches * 72 / (font * EM_PER_CHAR)))
    return textwrap.wrap(_clean(text), per_line, break_on_hyphens=False) or [""]


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
    values = [v for r in rows for v in (r.low, r.high) if v is not None and v > 0]
    if not values:
        return False, 0.0, 1.0
    lo, hi = min(values), max(values)
    log = len(values) == len([v for r in rows for v in (r.low, r.high) if v]) and hi / lo >= 100
    scale = (lambda v: math.log10(v)) if log else (lambda v: v)
    left = math.floor(math.log10(lo / 2)) if log else 0.0  # start at a decade: a labelled tick
    # Each row's mark, plus its label of the value as written, must fit.
    width = 1e-9
    for r in rows:
        room = 0.98 - _text_fraction(r.written) - (ARROW if r.mark == "lower-bound" else 0)
        for v in (r.low, r.high):
            if v is not None and v > 0:
                width = max(width, (scale(v) - left) / max(room, 0.2))
    right = left + width
    if log:
        return True, 10 ** left, 10 ** right
    return False, left, right


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

    title: str
    rows: list[ChartRow]
    labels: list[list[str]]
    top: float  # where the panel (its title, if any) starts
    axes_top: float
    axes_height: float
    lines: float  # the axes' height in label lines: its y data range
    bottom: float  # below its tick labels (and unit label)


def _layout(title: str, rows: list[ChartRow]) -> tuple[list[str], float, list[_PanelLayout], float]:
    """(title lines, legend height, panels, figure height), all in inches."""
    panels = _panels(rows)
    titled = len(panels) > 1  # one panel needs no heading: the chart's title says it
    sides = _sides(rows)
    marks = [m for m in MARK_LABELS if any(r.mark == m for r in rows)]
    title_lines = _wrap(title, WIDTH - 2 * MARGIN, TITLE_FONT + 1)
    entries = max(len(sides), len(marks))
    legend = (len(title_lines) * 1.35 * (TITLE_FONT + 1) + entries * 1.45 * FONT + 0.8 * FONT) / 72
    axes_width = AXES_RIGHT - AXES_LEFT
    y = MARGIN + legend + 0.1
    out = []
    for panel, panel_rows in panels:
        top = y
        if titled:
            y += 1.6 * TITLE_FONT / 72
        labels = [_wrap(r.label, axes_width, FONT) for r in panel_rows]
        lines = 0.3 + sum(len(lab) + ROW_MARK + ROW_GAP for lab in labels)
        height = lines * LINE
        bottom = y + height + TICKS_HEIGHT + (0 if titled else 1.3 * TICK_FONT / 72)
        out.append(_PanelLayout(panel if titled else "", panel_rows, labels, top, y, height,
                                lines, bottom))
        y = bottom + PANEL_GAP
    return title_lines, legend, out, y - PANEL_GAP + MARGIN


def draw_svg(title: str, rows: list[ChartRow], *, salt: str) -> str:
    """Draw rows as SVG text; the same arguments always give the same bytes."""
    out = io.StringIO()
    _draw(title, rows, salt, out, "svg")
    # No fixed size: the viewBox lets the page scale the chart to its width.
    return re.sub(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", out.getvalue(),
                  count=1)


def inline_svg(draw: Callable[[IO[str]], None]) -> str:
    """A drawing as SVG to inline in a page, so that its marks can be links: no
    XML prolog, links that open where the reader is (matplotlib adds
    target="_blank" to each), and no fixed size (the viewBox scales it)."""
    out = io.StringIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        draw(out)
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):].replace(' target="_blank"', "")
    return re.sub(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", svg, count=1)


def draw_png(title: str, rows: list[ChartRow], path: Path) -> None:
    """Draw rows as a PNG file: for looking at a chart while developing."""
    with open(path, "wb") as out:
        _draw(title, rows, "png", out, "png")


def _draw(title: str, rows: list[ChartRow], salt: str, out: IO[Any], fmt: str) -> None:
    # A name in a script DejaVu Sans lacks draws as boxes; that is no reason to
    # fail a build, so matplotlib's missing-glyph warnings are silenced here.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        _draw_unguarded(title, rows, salt, out, fmt)


def _draw_unguarded(title: str, rows: list[ChartRow], salt: str, out: IO[Any], fmt: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.lines import Line2D

    title_lines, _legend_height, panels, total = _layout(title, rows)
    sides = _sides(rows)
    marks = [m for m in MARK_LABELS if any(r.mark == m for r in rows)]
    style: dict[str, Any] = {
        "svg.hashsalt": salt, "svg.fonttype": "none", "text.usetex": False,
        "text.parse_math": False, "font.family": "DejaVu Sans", "font.size": FONT,
        "text.color": INK, "axes.edgecolor": SPINE, "axes.labelcolor": INK,
        "xtick.color": INK, "xtick.labelcolor": INK, "xtick.labelsize": TICK_FONT,
        "axes.titlesize": TITLE_FONT, "axes.titleweight": "bold",
        "figure.facecolor": "none", "savefig.facecolor": "none", "savefig.transparent": True,
    }
    with matplotlib.rc_context(style):  # type: ignore[arg-type]
        fig = plt.figure(figsize=(WIDTH, total))
        try:
            for panel in panels:
                if panel.title:
                    fig.text(AXES_LEFT / WIDTH, 1 - (panel.top + 0.25 * TITLE_FONT / 72) / total,
                             _clean(panel.title), ha="left", va="top", fontsize=TITLE_FONT,
                             fontweight="bold")
                ax = fig.add_axes((AXES_LEFT / WIDTH,
                                   1 - (panel.axes_top + panel.axes_height) / total,
                                   (AXES_RIGHT - AXES_LEFT) / WIDTH, panel.axes_height / total))
                _draw_panel(ax, panel)
            # Sides in the first column, marks in the second (the legend fills columns first).
            depth = max(len(sides), len(marks))
            blank = [Line2D([], [], lw=0, label=" ")]
            handles = [Line2D([], [], color=colour, lw=8, label=label)
                       for label, colour in sides] + blank * (depth - len(sides))
            handles += [_mark_handle(Line2D, m) for m in marks] + blank * (depth - len(marks))
            fig.legend(handles=handles, loc="upper left",
                       bbox_to_anchor=(AXES_LEFT / WIDTH, 1 - MARGIN / total), ncol=2,
                       frameon=False, fontsize=FONT, handlelength=1.6, columnspacing=1.2,
                       title="\n".join(title_lines), title_fontproperties={
                           "size": TITLE_FONT + 1, "weight": "bold"},
                       alignment="left", borderaxespad=0, borderpad=0)
            metadata = {"Date": None, "Title": _clean(title)} if fmt == "svg" else {}
            fig.savefig(out, format=fmt, metadata=metadata, dpi=110)
        finally:
            plt.close(fig)


def _mark_handle(line2d: type, mark: str):  # type: ignore[no-untyped-def]
    label = MARK_LABELS[mark]
    if mark == "bar":
        return line2d([], [], color=INK, lw=6, label=label)
    if mark == "approximate":
        return line2d([], [], color=INK, marker="D", mfc="white", lw=0, ms=8, mew=1.8,
                      label=label)
    if mark == "range":
        return line2d([], [], color=INK, marker="|", ms=12, mew=2, lw=2, label=label)
    return line2d([], [], color=INK, marker=">" if mark == "lower-bound" else "<",
                  ms=7, lw=2, label=label + " (○ strict)")


def _draw_panel(ax, panel: _PanelLayout) -> None:  # type: ignore[no-untyped-def]
    rows = panel.rows
    log, left, right = _limits(rows)
    if log:
        ax.set_xscale("log")
    ax.set_xlim(left, right)
    ax.set_ylim(panel.lines, 0)  # y in label lines, downwards
    ax.set_yticks([])
    ax.patch.set_alpha(0)
    unit = rows[0].unit
    if unit and not panel.title:
        ax.set_xlabel(unit, fontsize=TICK_FONT, labelpad=2)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    _ticks(ax, log)
    label_y = ax.get_yaxis_transform()  # x in axes fraction, y in data
    y = 0.3
    for row, lines in zip(rows, panel.labels, strict=True):
        for line in lines:
            ax.text(0, y + 0.5, line, transform=label_y, va="center", ha="left", fontsize=FONT,
                    color=INK)
            y += 1
        mark_y = y + ROW_MARK / 2
        text_at = _draw_mark(ax, row, mark_y, row.colour, log, left, right)
        ax.annotate(_clean(row.written), (text_at, mark_y), xytext=(7, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=FONT,
                    color=INK, annotation_clip=False)
        y += ROW_MARK + ROW_GAP


def _draw_mark(ax, row: ChartRow, y: float, colour: str, log: bool,  # type: ignore[no-untyped-def]
               left: float, right: float) -> float:
    """Draw one row's mark; return the x where its value label starts."""
    hollow = {"mfc": "white", "mec": colour, "mew": 2}
    if row.mark == "bar":
        value = row.high if row.high is not None else 0.0
        ax.barh(y, value - left, left=left, height=0.75, color=colour)
        return value
    if row.mark == "approximate":
        value = row.low or 0.0
        ax.plot([value * (1 - APPROXIMATE_TOLERANCE), value * (1 + APPROXIMATE_TOLERANCE)],
                [y, y], color=colour, lw=1.5, ls=":")
        ax.plot([value], [y], marker="D", ms=9, color=colour, **hollow)
        return value * (1 + APPROXIMATE_TOLERANCE)
    if row.mark == "range":
        low, high = row.low or 0.0, row.high or 0.0
        ax.plot([low, high], [y, y], color=colour, lw=2.5, ls="--" if row.approximate else "-",
                marker="|", ms=14, mew=2.5)
        return high
    bound = (row.low if row.mark == "lower-bound" else row.high) or 0.0
    if row.mark == "lower-bound":
        end = _along(log, left, right, bound, ARROW)
        text_at = end
    else:  # up to / fewer than: everything from the axis start is allowed
        end = left if not log else left * 1.02
        text_at = bound
    ax.annotate("", xy=(end, y), xytext=(bound, y), annotation_clip=False,
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2.2,
                            "mutation_scale": 16, "shrinkA": 0, "shrinkB": 0})
    marker = hollow if row.strict else {"mfc": colour, "mec": colour, "mew": 2}
    ax.plot([bound], [y], marker="o", ms=8, color=colour, zorder=3, **marker)
    return text_at


def _ticks(ax, log: bool) -> None:  # type: ignore[no-untyped-def]
    """Few, short tick labels: decades on a log axis, 1-2-2.5-5 steps on a linear one."""
    from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

    if log:
        # At most five labelled decades (every other one on a wide axis), no minor ticks.
        ax.xaxis.set_major_locator(LogLocator(base=10, numticks=6))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(_short_number))


def _short_number(value: float, _pos: object = None) -> str:
    """A tick label: 0.5, 25, 2,500, 25k, 2.5M."""
    magnitude = abs(value)
    if value == 0:
        return "0"
    if magnitude >= 1e6:
        return f"{value / 1e6:g}M"
    if magnitude >= 1e4:
        return f"{value / 1e3:g}k"
    if magnitude >= 1:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{value:g}"
