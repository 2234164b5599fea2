"""Comparable figures judged together: one comparison per metric, subject and reference.

Every figure on the same metric about the same subject, measured from the same
reference (where the metric declares references), forms one group. Inside a
group, each pair whose periods overlap and whose readings cannot both be true
is a conflict, whether the two come from different briefs or from one (an
article can quote a figure that disagrees with its own). Each group gets one
verdict (`Comparison.verdict`):

- *conflicting*: some pair of values cannot both be true;
- *series*: no conflict, but some values speak of periods that do not overlap
  (values at different dates are a series, never compared with each other);
- *corroborated*: no conflict, and two or more independent sources give the
  same value within its stated precision;
- *consistent*: every value can be true at once; `common` is the interval
  they all allow;
- *single*: one value.

Sources are independent when they share neither claimant nor channel: a
figure's claimant is its `claimed_by`, else its brief's outlet (else the
brief itself); figures sharing a claimant or relayed `via` one channel count
as one source, so an outlet repeating its own figure corroborates nothing.

Each group is judged once per build (`compare`); pages, flags and downloads
read the result. Readings are computed once per figure and reused for every pair.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from briefgen.analyse.figures import FigureRef, Reading, compatible, period, reading, same, widened
from briefgen.model import Corpus

Verdict = str  # "conflicting", "series", "corroborated", "consistent" or "single"

VERDICT_WORDS: dict[str, str] = {
    "conflicting": "Sources conflict",
    "series": "A series over time",
    "corroborated": "Corroborated",
    "consistent": "Consistent",
    "single": "One value",
}


@dataclass(frozen=True)
class Discrepancy:
    """Two figures on one metric and subject (and reference), for overlapping
    periods, whose values cannot both be true. `a` sorts before `b`; both may
    come from one brief."""

    metric: str
    subject: str
    a: FigureRef
    b: FigureRef


@dataclass(frozen=True)
class Corroboration:
    """One value given, within each one's stated precision, by two or more
    independent sources. `sources` names one figure per independent source."""

    metric: str
    subject: str
    refs: tuple[FigureRef, ...]
    sources: tuple[FigureRef, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """Every figure on one metric about one subject, and what they say together.

    `conflicts` lists conflicting pairs, at most MAX_EXAMPLES of them (a group of
    hundreds of values can hold tens of thousands); `conflict_pairs` counts them
    all, and `disputes` gives each disputed value its count and a few partners.
    """

    metric: str
    subject: str
    refs: tuple[FigureRef, ...]  # sorted by period, value, brief and figure id
    conflicts: tuple[Discrepancy, ...]
    agreements: tuple[Corroboration, ...]
    readings: dict[tuple[str, str], Reading] = field(compare=False, repr=False)
    conflict_pairs: int = 0
    disputes: dict[tuple[str, str], tuple[int, tuple[FigureRef, ...]]] = field(
        default_factory=dict, compare=False, repr=False)
    reference: str = ""  # what the figures are measured from; "" when the metric has none
    # True when some values speak of periods that do not overlap.
    is_series: bool = False
    # The interval every value allows (widened for "about"); None when there is
    # none: a conflict, a series, or no value of a known unit.
    common: Reading | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.metric, self.subject, self.reference)

    @property
    def verdict(self) -> Verdict:
        if self.conflict_pairs:
            return "conflicting"
        if len(self.refs) < 2:
            return "single"
        if self.is_series:
            return "series"
        if self.agreements:
            return "corroborated"
        return "consistent"

    @property
    def briefs(self) -> int:
        """How many briefs give a value in this group."""
        return len({r.brief.id for r in self.refs})

    def span(self) -> tuple[float | None, float | None]:
        """The lowest low and highest high of the group's readings (None: unbounded or none)."""
        lows = [r.low for r in self.readings.values() if r.family is not None and r.low is not None]
        highs = [r.high for r in self.readings.values() if r.family is not None]
        low = min(lows) if lows else None
        high = None if not highs or any(h is None for h in highs) else max(h for h in highs if h is not None)
        return low, high


# Conflicting pairs kept per comparison, and partners named per disputed value.
MAX_EXAMPLES = 100
MAX_PARTNERS = 3


def _sort_key(ref: FigureRef, r: Reading) -> tuple:
    start = period(ref)
    return (
        start[0] if start else dt.date.max,
        r.low if r.low is not None else -math.inf,
        ref.brief.id,
        ref.figure.id,
    )


@dataclass(frozen=True)
class _Value:
    """One figure prepared for comparing: plain numbers, so a pair costs a few comparisons."""

    ref: FigureRef
    family: str | None
    low: float  # widened for "about"; -inf/inf when unbounded
    low_inclusive: bool
    high: float
    high_inclusive: bool
    start: int  # ordinal days of its period; unknown periods span everything
    end: int


def _prepare(ref: FigureRef, r: Reading, fixed: bool) -> _Value:
    w = widened(r)
    p = None if fixed else period(ref)
    return _Value(
        ref, r.family,
        w.low if w.low is not None else -math.inf, w.low_inclusive,
        w.high if w.high is not None else math.inf, w.high_inclusive,
        p[0].toordinal() if p else 0, p[1].toordinal() if p else 10**9,
    )


def _disjoint(a: _Value, b: _Value) -> bool:
    """True when the two (widened) intervals have no value in common; the same
    rule as figures.compatible, on plain numbers."""
    low, low_inc = (a.low, a.low_inclusive) if a.low > b.low else (b.low, b.low_inclusive)
    if a.low == b.low:
        low_inc = a.low_inclusive and b.low_inclusive
    high, high_inc = (a.high, a.high_inclusive) if a.high < b.high else (b.high, b.high_inclusive)
    if a.high == b.high:
        high_inc = a.high_inclusive and b.high_inclusive
    if math.isinf(low) or math.isinf(high):
        return low > high
    if same(low, high):
        return not (low_inc and high_inc)
    return low > high


def compare(metric: str, subject: str, refs: Iterable[FigureRef],
            known: dict[tuple[str, str], Reading] | None = None,
            reference: str = "", fixed: bool = False) -> Comparison:
    """Judge one group of figures (one metric, one subject, one reference).

    `fixed`: the metric does not change over time, so dates are not compared.
    `known` holds readings already made (the index's), so none is made twice.
    """
    refs = list(refs)
    readings = {ref.key: known[ref.key] if known and ref.key in known else reading(ref.figure)
                for ref in refs}
    ordered = sorted(refs, key=lambda ref: _sort_key(ref, readings[ref.key]))
    values = sorted((_prepare(ref, readings[ref.key], fixed) for ref in ordered), key=lambda v: v.start)
    # A sweep in period order: only values whose periods overlap are paired,
    # so dated figures far apart in time cost nothing.
    counts: dict[tuple[str, str], int] = {}
    partners: dict[tuple[str, str], list[FigureRef]] = {}
    examples: list[Discrepancy] = []
    pairs = 0
    for i, a in enumerate(values):
        if a.family is None:
            continue
        for b in values[i + 1:]:
            if b.start > a.end:
                break
            if b.family != a.family or b.end < a.start:
                continue
            if _disjoint(a, b):
                pairs += 1
                for one, other in ((a, b), (b, a)):
                    counts[one.ref.key] = counts.get(one.ref.key, 0) + 1
                    named = partners.setdefault(one.ref.key, [])
                    if len(named) < MAX_PARTNERS:
                        named.append(other.ref)
                if len(examples) < MAX_EXAMPLES:
                    first, second = sorted((a.ref, b.ref), key=lambda ref: ref.key)
                    examples.append(Discrepancy(metric, subject, first, second))
    examples.sort(key=lambda d: (d.a.key, d.b.key))
    disputes = {key: (counts[key], tuple(partners[key])) for key in sorted(counts)}
    # Periods on a line: some pair fails to overlap exactly when the latest
    # start comes after the earliest end.
    series = bool(values) and max(v.start for v in values) > min(v.end for v in values)
    common = None if pairs or series else _common_interval(values)
    return Comparison(metric, subject, tuple(ordered), tuple(examples),
                      _agreements(metric, subject, ordered, readings, fixed), readings, pairs, disputes,
                      reference, series, common)


def _common_interval(values: list[_Value]) -> Reading | None:
    """The interval every value of a known unit allows (values pairwise
    compatible on a line share one part)."""
    known = [v for v in values if v.family is not None]
    if not known:
        return None
    low = max(v.low for v in known)
    high = min(v.high for v in known)
    low_inc = all(v.low_inclusive for v in known if v.low == low)
    high_inc = all(v.high_inclusive for v in known if v.high == high)
    return Reading(None if math.isinf(low) else low, None if math.isinf(high) else high,
                   low_inc, high_inc, False, known[0].family)


def source_of(ref: FigureRef) -> str:
    """Who a figure's number comes from: its claimant, else its brief's outlet,
    else (no outlet known) the brief itself."""
    return ref.figure.claimed_by or ref.brief.outlet or f"brief:{ref.brief.id}"


def independent_sources(refs: Iterable[FigureRef]) -> tuple[FigureRef, ...]:
    """One figure per independent source, by key: figures that share a
    claimant, or were relayed via one channel, belong to one source."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    ordered = sorted(refs, key=lambda ref: ref.key)
    for ref in ordered:
        names = [source_of(ref)] + ([f"via:{ref.figure.via}"] if ref.figure.via else [])
        first = root(names[0])
        for other in names[1:]:
            parent[root(other)] = first
    chosen: dict[str, FigureRef] = {}
    for ref in ordered:
        chosen.setdefault(root(source_of(ref)), ref)
    return tuple(chosen.values())


def _agreements(metric: str, subject: str, ordered: list[FigureRef],
                readings: dict[tuple[str, str], Reading], fixed: bool) -> tuple[Corroboration, ...]:
    # Point values sorted by value; each run keeps adding values that agree
    # with every member so far, so a chain of near values never links two
    # values that disagree with each other. Two values agree when each lies
    # within the other's stated precision (exact, or "about" ±10 %): the run
    # tracks the part all its members' intervals share, which must hold every
    # member's value, and its stated dates' common part.
    points = [ref for ref in ordered if readings[ref.key].is_point and readings[ref.key].family]
    points.sort(key=lambda ref: (readings[ref.key].low, ref.key))
    found: list[Corroboration] = []
    run: list[FigureRef] = []
    shared = Reading(None, None)
    dates: tuple[dt.date, dt.date] | None = None

    def close() -> None:
        sources = independent_sources(run)
        if len(sources) >= 2:
            found.append(Corroboration(metric, subject, tuple(sorted(run, key=lambda m: m.key)), sources))

    for ref in points:
        r = readings[ref.key]
        stated = period(ref) if ref.figure.as_of is not None and not fixed else None
        common = _common(shared, r) if run and r.family == readings[run[0].key].family else None
        if common is not None and not _holds_all(common, [readings[m.key] for m in (run[0], ref)]):
            common = None
        common_dates = dates if stated is None else (
            stated if dates is None else (max(dates[0], stated[0]), min(dates[1], stated[1])))
        fits = common is not None and (common_dates is None or common_dates[0] <= common_dates[1])
        if run and not fits:
            close()
            run, common, common_dates = [], None, stated
        run.append(ref)
        shared = common if common is not None else widened(r)
        dates = common_dates
    close()
    return tuple(found)


def _holds_all(shared: Reading, members: list[Reading]) -> bool:
    """Does the shared interval hold each member's value? (Members sorted by
    value: the smallest and largest stand for all.)"""
    for m in members:
        value = m.low
        if value is None:
            return False
        if shared.low is not None and value < shared.low and not same(value, shared.low):
            return False
        if shared.high is not None and value > shared.high and not same(value, shared.high):
            return False
    return True


def _common(a: Reading, b: Reading) -> Reading | None:
    """The part two point-like readings share, widened for "about"; None when disjoint."""
    if not compatible(a, b):
        return None
    w = widened(b)
    low = max(x for x in (a.low, w.low) if x is not None) if (a.low, w.low) != (None, None) else None
    high = min(x for x in (a.high, w.high) if x is not None) if (a.high, w.high) != (None, None) else None
    return Reading(low, high, True, True, False, b.family)


def group_key(ref: FigureRef) -> tuple[str, str, str]:
    """The group a figure is judged in: metric, subject and reference ("" for none)."""
    return (ref.figure.metric, ref.figure.subject, ref.figure.reference or "")


def compare_all(refs: Iterable[FigureRef], known: dict[tuple[str, str], Reading] | None = None,
                fixed: frozenset[str] = frozenset()) -> dict[tuple[str, str, str], Comparison]:
    """One comparison per (metric, subject, reference), keys sorted; `fixed`
    names the metrics that do not change over time."""
    groups: dict[tuple[str, str, str], list[FigureRef]] = defaultdict(list)
    for ref in refs:
        groups[group_key(ref)].append(ref)
    return {key: compare(key[0], key[1], groups[key], known, key[2], key[0] in fixed)
            for key in sorted(groups)}


def fixed_metrics(corpus: Corpus) -> frozenset[str]:
    """The metrics that do not change over time."""
    return frozenset(m.id for m in corpus.metrics if m.fixed)


def _compare_corpus(corpus: Corpus) -> dict[tuple[str, str, str], Comparison]:
    refs = [FigureRef(b, f) for b in corpus.briefs for f in b.figures]
    return compare_all(refs, fixed=fixed_metrics(corpus))


def discrepancies(corpus: Corpus) -> list[Discrepancy]:
    """Every conflicting pair in the corpus, by metric, subject and keys."""
    return [d for c in _compare_corpus(corpus).values() for d in c.conflicts]


def corroborations(corpus: Corpus) -> list[Corroboration]:
    """Every run of agreeing values given by two or more independent sources."""
    return [a for c in _compare_corpus(corpus).values() for a in c.agreements]
