"""Events per month by place → a deterministic SVG bar chart heading the timeline.

The counts are computed from the corpus index without matplotlib; matplotlib is
imported only when the chart is missing from the ChartCache, which is keyed by
the sha256 of the counts. The most frequent places get their own colour, the
rest share one bar segment, so the legend stays readable at any corpus size.
It covers the latest CHART_MONTHS months that have events (a war's story may
reach back to 1945 in one event; the year pages of the timeline hold those).
"""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any

from briefgen.analyse.index import CorpusIndex
from briefgen.write.chart_drawing import FONT, INK, WIDTH, _clean
from briefgen.write.charts import STYLE_VERSION, Chart, ChartCache

# Bump when the drawing code changes, so cached SVGs are redrawn.
DRAWING_VERSION = "5"
# Places drawn in their own colour; the others are summed.
TOP_PLACES = 6
# Months on the axis, ending with the latest month that has events.
CHART_MONTHS = 24
OTHER = "Other places"
NOWHERE = "No place given"
# Okabe-Ito, then greys for the shared segments.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
OTHER_COLOUR = "#999999"
NOWHERE_COLOUR = "#dddddd"


@dataclass(frozen=True)
class EventCounts:
    """Events per period (month or year) and place: what the chart draws."""

    periods: tuple[str, ...]  # "2025-11"
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (place name, count per period)

    @property
    def total(self) -> int:
        return sum(sum(counts) for _, counts in self.series)


def event_counts(index: CorpusIndex) -> EventCounts:
    """Events with a known month in the chart's window, each counted once, at its
    first place (or none)."""
    pairs = [(b, e) for b, e in index.registry.events_by_date if e.date.month is not None]
    if not pairs:
        return EventCounts((), ())
    last = max(e.date.year * 12 + (e.date.month or 1) - 1 for _, e in pairs)
    first = max(last - CHART_MONTHS + 1, min(e.date.year * 12 + (e.date.month or 1) - 1 for _, e in pairs))
    periods = [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(first, last + 1)]
    window = set(periods)
    names = index.registry.entities
    per_place: Counter[str] = Counter()
    cells: Counter[tuple[str, str]] = Counter()
    for _, event in pairs:
        date = event.date
        period = f"{date.year:04d}-{date.month or 1:02d}"
        if period not in window:
            continue
        place = names[event.places[0]].name if event.places else NOWHERE
        per_place[place] += 1
        cells[(period, place)] += 1
    ranked = sorted((p for p in per_place if p != NOWHERE), key=lambda p: (-per_place[p], p))
    shown = ranked[:TOP_PLACES]
    rest = set(ranked[TOP_PLACES:])
    series: list[tuple[str, tuple[int, ...]]] = [
        (place, tuple(cells[(period, place)] for period in periods)) for place in shown
    ]
    if rest:
        series.append((OTHER, tuple(sum(cells[(period, p)] for p in sorted(rest)) for period in periods)))
    if per_place[NOWHERE]:
        series.append((NOWHERE, tuple(cells[(period, NOWHERE)] for period in periods)))
    return EventCounts(tuple(periods), tuple(series))


def alt_text(counts: EventCounts) -> str:
    busiest = max(range(len(counts.periods)),
                  key=lambda i: (sum(c[i] for _, c in counts.series), -i))
    events = f"{counts.total} event" + ("s" if counts.total != 1 else "")
    return (f"Bar chart of {events} per month from {counts.periods[0]} to "
            f"{counts.periods[-1]}, stacked by place ({', '.join(n for n, _ in counts.series)}); "
            f"the most in {counts.periods[busiest]}.")


def event_chart(index: CorpusIndex, cache: ChartCache) -> Chart | None:
    """The timeline's chart, or None when no brief has events."""
    counts = event_counts(index)
    if not counts.periods:
        return None
    title = f"Events per month by place, {counts.periods[0]} to {counts.periods[-1]}"
    data = json.dumps({"periods": counts.periods, "series": counts.series, "title": title,
                       "style": STYLE_VERSION, "drawing": DRAWING_VERSION, "chart": "events"},
                      ensure_ascii=False)
    key = hashlib.sha256(data.encode("utf-8")).hexdigest()
    svg = cache.svg(key, lambda: draw_event_svg(title, counts, salt=key[:16]))
    return Chart(name="timeline", title=title, svg=svg, alt=alt_text(counts), rows=(),
                 total=counts.total)


def draw_event_svg(title: str, counts: EventCounts, *, salt: str) -> str:
    """Stacked bars as SVG text; the same counts always give the same bytes."""
    import re

    out = io.StringIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        _draw(title, counts, salt, out)
    return re.sub(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", out.getvalue(), count=1)


def _colour(name: str, position: int) -> str:
    if name == OTHER:
        return OTHER_COLOUR
    if name == NOWHERE:
        return NOWHERE_COLOUR
    return PALETTE[position % len(PALETTE)]


def _draw(title: str, counts: EventCounts, salt: str, out: io.StringIO) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    style: dict[str, Any] = {
        "svg.hashsalt": salt, "svg.fonttype": "none", "text.usetex": False,
        "text.parse_math": False, "font.family": "DejaVu Sans", "font.size": FONT,
        "text.color": INK, "axes.edgecolor": "#888888", "axes.labelcolor": INK,
        "xtick.color": INK, "ytick.color": INK, "axes.titlesize": FONT + 2,
        "axes.titleweight": "bold", "axes.titlelocation": "left",
    }
    n = len(counts.periods)
    with matplotlib.rc_context(style):  # type: ignore[arg-type]
        # Drawn for a phone's column, as the figure charts are (chart_drawing.WIDTH):
        # no text under FONT points, so none under 11 px at 390 px.
        rows_of_legend = (len(counts.series) - 1) // 2 + 1
        fig, ax = plt.subplots(figsize=(WIDTH, 3.4 + 0.22 * rows_of_legend))
        try:
            fig.patch.set_facecolor("white")
            bottom = [0] * n
            bars: list[Any] = []
            for position, (name, values) in enumerate(counts.series):
                bars.append(ax.bar(range(n), values, bottom=bottom, color=_colour(name, position),
                                   width=0.8))
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]
            # At most four labels, level: tilted ones read worse and their
            # boxes overlap however far apart their letters are.
            step = max(1, -(-n // 4))
            ax.set_xticks(range(0, n, step))
            ax.set_xticklabels([counts.periods[i] for i in range(0, n, step)], rotation=0,
                               ha="center", fontsize=FONT)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_ylabel("events")
            ax.set_title("\n".join(textwrap.wrap(_clean(title), 40)))
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            # Below the axes, so long place names never push the bars narrower.
            # Labels passed as they are: matplotlib would skip a name starting with "_".
            fig.legend(handles=bars, labels=[_clean(name) or "?" for name, _ in counts.series],
                       loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=2, frameon=False,
                       fontsize=FONT)
            # Fixed margins, not tight_layout (which gives up, with a warning, on
            # very long place names); bbox_inches="tight" keeps every label.
            fig.subplots_adjust(left=0.13, right=0.98, top=0.86,
                                bottom=0.2 + 0.07 * (rows_of_legend - 1))
            fig.savefig(out, format="svg", metadata={"Date": None, "Title": _clean(title)},
                        bbox_inches="tight", pad_inches=0.1)
        finally:
            plt.close(fig)
