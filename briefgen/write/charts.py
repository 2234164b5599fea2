"""Figures → deterministic SVG charts, cached on disk by the hash of their data.

The rows behind a chart are computed here without matplotlib; `chart_drawing`
turns rows into SVG, and is called only when a chart is missing from the cache,
so a warm rebuild never loads matplotlib. The same rows always give
byte-identical SVG (nothing drawn carries an id or a date).

Scale: a panel uses a log axis when all its values are positive and span a
factor of 100 or more (500 civilians beside 70,000 would otherwise vanish);
otherwise a linear axis from 0. Exact values are bars, ranges whiskers, bounds
arrows from the bound towards the open side (hollow circle: strict bound),
"about" and "nearly" values hollow diamonds with a line as far as they reach and a "~" in their label.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen.analyse.claimants import UNATTRIBUTED, claimant_id, name_of, side_of
from briefgen.analyse.comparisons import Comparison
from briefgen.analyse.figures import APPROXIMATE_QUALIFIERS, FigureRef, period
from briefgen.analyse.index import CorpusIndex
from briefgen.model import Brief, Metric
from briefgen.provenance import drawing_digest
from briefgen.units import Family
from briefgen.write.chart_drawing import MARK_LABELS, ChartRow, draw_svg

# Part of every chart's data key, and so of its SVG's hash salt: changing it
# changes every id in every SVG. Never needs bumping: the cache's file names
# also cover the drawing code and its libraries (provenance.drawing_digest).
STYLE_VERSION = "6"


__all__ = ["MARK_LABELS", "Chart", "ChartCache", "ChartRow"]


@dataclass(frozen=True)
class Chart:
    """A drawn chart: file stem, SVG text, alt text and the rows behind it."""

    name: str
    title: str
    svg: str
    alt: str
    rows: tuple[ChartRow, ...]
    total: int = 0  # values behind the chart; more than len(rows) when aggregated
    key: str = ""  # its cache key; its svg is "" while the drawing is put off (ChartCache.later)

    @property
    def aggregated(self) -> bool:
        return self.total > len(self.rows)


class ChartCache:
    """SVGs on disk, each under the sha256 of its data key and of the drawing code
    and libraries that drew it (`provenance.drawing_digest`): a chart drawn by
    other code, or another matplotlib, is never found again.

    Each file begins with a line holding the sha256 of the SVG that follows,
    checked when it is read: a chart damaged on disk is drawn again, never
    inlined in a page, and counted in `damaged`. `rendered` counts the charts
    actually drawn by this instance.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.rendered = 0
        # Charts found on disk with other bytes than were stored: drawn again.
        self.damaged = 0
        # The files this build looked up or stored: what `prune` keeps.
        self.used: set[str] = set()
        # While True, a chart missing from the cache is returned undrawn (svg ""),
        # to be drawn later by `draw_later`: pages need only its rows, so a
        # build draws beside rendering the pages.
        self.later = False

    def svg(self, key: str, draw: Callable[[], str]) -> str:
        """The cached SVG for `key`, drawing and storing it when missing."""
        cached = self.cached(key)
        if cached is not None:
            return cached
        text = draw()
        self.rendered += 1
        self.store(key, text)
        return text

    def file_name(self, key: str) -> str:
        """The file stem of the chart with data key `key`, as drawn by this code and these libraries."""
        return hashlib.sha256(f"{key}\0{drawing_digest()}".encode()).hexdigest()

    def cached(self, key: str) -> str | None:
        name = self.file_name(key)
        self.used.add(name)
        try:
            stored = (self.directory / f"{name}.svg").read_text(encoding="utf-8")
        except OSError:  # not drawn yet, or the cache is not a readable folder
            return None
        except UnicodeDecodeError:
            self.damaged += 1
            return None
        digest, _, text = stored.partition("\n")
        if digest != _stamp(text):
            self.damaged += 1
            return None
        return text

    def store(self, key: str, text: str) -> None:
        name = self.file_name(key)
        self.used.add(name)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Write then rename, so an interrupted build never leaves half an SVG.
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                out.write(_stamp(text) + "\n" + text)
            os.replace(tmp, self.directory / f"{name}.svg")
        except OSError:
            pass  # a cache that cannot be written costs the next build time, not this one

    def prune(self) -> int:
        """Remove the charts this build did not use (drawn for data since
        changed); how many. Called after a build that succeeded, so that the
        cache holds one site's charts, not every edit's."""
        removed = 0
        try:
            for path in self.directory.glob("*.svg"):
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)
                    removed += 1
        except OSError:
            pass  # a cache that cannot be read or written is only slower
        return removed


def _stamp(svg: str) -> str:
    """The first line of a cached chart: the sha256 of the SVG below it."""
    return "sha256:" + hashlib.sha256(svg.encode("utf-8", "surrogatepass")).hexdigest()


def draw_later(cache: ChartCache, charts: Iterable[Chart]) -> list[str]:
    """The SVG of each chart left undrawn while `cache.later` was set, drawn and
    stored now. The caller counts them: this may run in a forked worker."""
    drawn = []
    for chart in charts:
        text = draw_svg(chart.title, list(chart.rows))
        cache.store(chart.key, text)
        drawn.append(text)
    return drawn


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


def _mark(qualifier: str, low: float | None, high: float | None, on_scale: bool = False) -> str:
    if qualifier in ("at-least", "more-than"):
        return "lower-bound"
    if qualifier in ("up-to", "fewer-than"):
        return "upper-bound"
    if low is not None and high is not None and low != high:
        return "range"
    if qualifier in APPROXIMATE_QUALIFIERS:
        return "approximate"
    return "point" if on_scale else "bar"  # a bar's length from 0 says how much: a scale has no such 0


def chart_row(index: CorpusIndex, ref: FigureRef, panel: str, label_head: str,
              metric_label: str) -> ChartRow:
    """The row for one figure; `label_head` starts its label (subject or metric)."""
    entities = index.registry.entities
    r = index.reading_of(ref)
    claimant = name_of(entities, claimant_id(ref)) or "unattributed"
    side = side_of(index, ref)
    on_scale = bool(r.kind and r.kind.scale)
    mark = _mark(ref.figure.qualifier, r.low, r.high, on_scale)
    strict = (mark == "lower-bound" and not r.low_inclusive) or (
        mark == "upper-bound" and not r.high_inclusive)
    written = index.written(ref)  # already says "about" for approximate values
    as_of = ref.figure.as_of.iso() if ref.figure.as_of else ""
    return ChartRow(
        panel=panel,
        label=_row_label(ref, label_head, claimant),
        metric=metric_label,
        subject=name_of(entities, ref.figure.subject),
        claimant=claimant,
        side=side.id,
        side_label=side.marked_label,
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
        reach_below=r.slack_low if mark == "approximate" else 0.0,
        reach_above=r.slack_high if mark == "approximate" else 0.0,
        on_scale=on_scale,
    )


def _row_label(ref: FigureRef, head: str, claimant: str) -> str:
    """What a row says of its value: its head (subject, date or "This brief"),
    who claimed it, as of when, and in which brief, whole: the drawing wraps
    it at spaces, never inside a word."""
    dated = _dated(ref)
    parts = [f"{head} — {claimant}"]
    if dated != head:
        parts.append(dated)
    if head != THIS_BRIEF:
        parts.append(f"in “{ref.brief.title}”")
    return ", ".join(parts)


THIS_BRIEF = "This brief"


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
    when = {ref.key: _when(ref) for ref in refs}  # each ref's date, worked out once
    latest: dict[tuple[str, str], FigureRef] = {}
    for ref in refs:
        key = (ref.figure.subject, claimant_id(ref) or "")
        seen = latest.get(key)
        if seen is None or (when[ref.key], ref.key) > (when[seen.key], seen.key):
            latest[key] = ref
    counts: dict[str, int] = {}
    for ref in refs:
        counts[ref.figure.subject] = counts.get(ref.figure.subject, 0) + 1
    ranked = sorted(latest.values(), key=lambda r: (-counts[r.figure.subject], r.figure.subject,
                                                    when[r.key], r.key))
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
    title = _panel_title(metric.label, index.corpus.family(family))
    drawable, total = _limited(index, _drawable(index, refs, family))
    # A panel per reference (brigades apart from regiments), subjects together
    # by name, then in time order.
    drawable.sort(key=lambda r: (r.figure.reference or "", name_of(entities, r.figure.subject),
                                 _when(r), r.brief.id, r.figure.id))
    rows = [chart_row(index, ref, _panel_title(_measured(metric, ref.figure.reference or ""),
                                                    index.corpus.family(family))
                      if ref.figure.reference else title,
                      name_of(entities, ref.figure.subject), metric.label)
            for ref in drawable]
    if len(rows) < 2:
        return None
    return _chart(metric_id, metric.label, rows, cache, total)


def entity_chart(index: CorpusIndex, entity_id: str, cache: ChartCache) -> Chart | None:
    """One entity's figures, a panel per metric with two or more values: each
    axis holds one measure ("5 brigades" never sits beside "60,000 people")."""
    by_metric: dict[tuple[str, str], list[FigureRef]] = {}
    for ref in _drawable(index, index.by_subject.get(entity_id, []), None):
        by_metric.setdefault((ref.figure.metric, ref.figure.reference or ""), []).append(ref)
    rows: list[ChartRow] = []
    total = 0
    for metric_id, reference in sorted(by_metric, key=lambda m: (index.metric(m[0]).label, m)):
        refs = by_metric[metric_id, reference]
        if len(refs) < 2 or len({index.reading_of(r).family for r in refs}) > 1:
            continue
        metric = index.metric(metric_id)
        family = index.corpus.family(index.reading_of(refs[0]).family)
        panel = _panel_title(_measured(metric, reference), family)
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


class BriefPanels:
    """What a brief chart draws of each comparison, worked out once per
    comparison rather than once per brief that takes part in it: a popular
    comparison has hundreds of values and as many briefs."""

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index
        self._known: dict[int, _Panel | None] = {}

    def of(self, comparison: Comparison) -> _Panel | None:
        """Its drawable values, or None when it cannot make a panel (under two
        values, or mixed measures)."""
        known = id(comparison)
        if known not in self._known:
            refs = _drawable(self.index, comparison.refs, None)
            drawable = len(refs) >= 2 and len({self.index.reading_of(r).family for r in refs}) == 1
            self._known[known] = _Panel(self.index, refs) if drawable else None
        return self._known[known]


class _Panel:
    """One comparison's drawable values, as a brief chart's panel draws them."""

    def __init__(self, index: CorpusIndex, refs: list[FigureRef]) -> None:
        self.refs = refs
        self.ranked = latest_per_source(index, refs, len(refs))  # the latest of each source
        self.by_brief: dict[str, list[FigureRef]] = {}
        for ref in refs:
            self.by_brief.setdefault(ref.brief.id, []).append(ref)


def brief_chart(index: CorpusIndex, brief: Brief, cache: ChartCache,
                panels_of: BriefPanels | None = None) -> Chart | None:
    """A brief's own figures beside what other sources say of the same thing: a
    panel per comparison it takes part in, for those with two or more values.

    Beside its own values a panel draws the latest value of each other
    source; a source whose latest value is this brief's is not drawn twice.
    """
    panels_of = panels_of or BriefPanels(index)
    groups = []
    for figure in brief.figures:
        comparison = index.comparison_of(FigureRef(brief, figure))
        if comparison not in groups:
            groups.append(comparison)
    panels = []
    for comparison in groups:
        found = panels_of.of(comparison)
        if found is not None:
            panels.append((comparison, found))
    panels.sort(key=lambda item: -len(item[1].refs))
    rows: list[ChartRow] = []
    total = 0
    titles = []
    for comparison, found in panels[:BRIEF_PANELS]:
        refs = found.refs
        metric = index.metric(comparison.metric)
        subject = name_of(index.registry.entities, comparison.subject)
        panel = _panel_title(f"{_measured(metric, comparison.reference)}: {subject}",
                             index.corpus.family(index.reading_of(refs[0]).family))
        titles.append(panel)
        own = found.by_brief.get(brief.id, [])
        wanted = max(BRIEF_ROWS - len(own), 1)
        others: list[FigureRef] = []
        for ref in found.ranked:
            if len(others) == wanted:
                break
            if ref.brief.id != brief.id:
                others.append(ref)
        total += len(refs)
        for ref in sorted(own + others, key=lambda r: (r.brief.id != brief.id, _when(r), r.key)):
            head = THIS_BRIEF if ref.brief.id == brief.id else _dated(ref)
            rows.append(chart_row(index, ref, panel, head, metric.label))
    if not rows:
        return None
    # One panel draws no heading of its own, so the chart's title names the measure.
    title = titles[0] if len(titles) == 1 else "These figures beside other sources'"
    return _chart(f"brief-{brief.id}", title, rows, cache, total)


def claims_by_side_chart(index: CorpusIndex, cache: ChartCache) -> Chart | None:
    """The figures of the vocabulary's `claims-by-side` metrics grouped by whose numbers they are."""
    entities = index.registry.entities
    order = [s.id for s in index.corpus.vocabulary.sides] + [UNATTRIBUTED.id]
    rows: list[ChartRow] = []
    total = 0
    for metric_id in sorted(m for m in index.corpus.vocabulary.side_metrics if m in index.by_metric):
        metric = index.metric(metric_id)
        refs, count = _limited(index, _drawable(index, index.by_metric[metric_id],
                                                metric.family or None))
        total += count
        # A panel per reference: brigades are never drawn on the axis of regiments.
        refs.sort(key=lambda r: (r.figure.reference or "", order.index(side_of(index, r).id),
                                 name_of(entities, r.figure.subject), _when(r),
                                 r.brief.id, r.figure.id))
        family = metric.family or (index.reading_of(refs[0]).family if refs else None)
        rows += [chart_row(index, ref, _panel_title(_measured(metric, ref.figure.reference or ""),
                                                    index.corpus.family(family)),
                           name_of(entities, ref.figure.subject), metric.label) for ref in refs]
    if not rows:
        return None
    title = index.corpus.vocabulary.words_of_chart("claims-by-side").title
    return _chart("claims-by-side", title, rows, cache, total)


def population_chart(index: CorpusIndex, cache: ChartCache) -> Chart | None:
    """The vocabulary's `population` metrics, one panel per metric, rows by subject.

    In the war corpus: each place's pre-war population beside the civilians
    said to remain, so a reader sees how far each city emptied and how sure each
    source is (bounds stay bounds).
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
        refs.sort(key=lambda r: (r.figure.reference or "", name_of(entities, r.figure.subject),
                                 _when(r), r.brief.id, r.figure.id))
        rows += [chart_row(index, ref, _panel_title(_measured(metric, ref.figure.reference or ""),
                                                    index.corpus.family(metric.family)),
                           name_of(entities, ref.figure.subject), metric.label)
                 for ref in refs]
    if len(rows) < 2:
        return None
    title = index.corpus.vocabulary.words_of_chart("population").title
    return _chart("population", title, rows, cache, total)


def _when(ref: FigureRef) -> str:
    p = period(ref)
    return p[0].isoformat() if p else "9999"


def _panel_title(label: str, family: Family) -> str:
    base = family.base
    # "Reinforcements per day" needs no "(per day)" after it.
    return f"{label} ({base})" if base and base.casefold() not in label.casefold() else label


def _measured(metric: Metric, reference: str) -> str:
    """A metric's label, with what its values are measured from or count when
    it declares references ("Units in the fight, counting brigades only"):
    values of two references are never drawn on one axis."""
    if not reference:
        return metric.label
    return f"{metric.label}, {metric.references.get(reference, reference)}"


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
    # A row's fields are plain values: its __dict__ is what asdict() would copy, less the copying.
    data = {"name": name, "title": title, "rows": [vars(r) for r in rows],
            "style": STYLE_VERSION}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chart(name: str, title: str, rows: list[ChartRow], cache: ChartCache, total: int) -> Chart:
    key = chart_key(name, title, rows)
    if cache.later:
        svg = cache.cached(key) or ""
    else:
        svg = cache.svg(key, lambda: draw_svg(title, rows))
    return Chart(name=name, title=title, svg=svg, alt=alt_text(title, rows), rows=tuple(rows), key=key,
                 total=max(total, len(rows)))
