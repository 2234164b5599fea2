"""Comparable figures judged together: one comparison per metric, subject and reference.

Every figure on the same metric about the same subject, measured from the same
reference (where the metric declares references), forms one group. Inside a
group, each pair whose periods overlap and whose readings cannot both be true
is a conflict, whether the two come from different briefs or from one (an
article can quote a figure that disagrees with its own). Each group gets one
verdict (`Comparison.verdict`):

- *conflicting*: some pair of values cannot both be true;
- *series*: no conflict, but some values speak of periods that do not overlap
  (values at different dates are a series, never compared with each other;
  on a `cumulative` metric, a running count, a later value lower than an
  earlier one is a conflict: the count cannot fall);
- *corroborated*: no conflict, and two or more identified, independent
  sources give the same value within its stated precision;
- *consistent*: every value can be true at once; `common` is the interval
  they all allow;
- *single*: one value.

A figure counts as a source only when it is identified: it names where its
number was first produced (`origin:`, `Figure.source`) or who claims it
(`claimed_by`), and its brief's outlet is known. An unattributed figure (the
outlet's own words) and any figure from a brief whose outlet is unknown may
repeat any other, so they never count. Figures sharing an origin, a claimant
or a channel they were relayed `via` count as one source, so relaying a
number through another outlet corroborates nothing.

Each group is judged once per build (`compare`); pages, flags and downloads
read the result. Readings are computed once per figure and reused for every pair.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from briefgen.analyse.figures import (
    FigureRef,
    Reading,
    compatible,
    moments,
    period,
    reading,
    same,
    widened,
)
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
    # True when the two are a running count that falls: the later value is
    # lower than the earlier (their periods do not overlap).
    falls: bool = False


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
    cumulative: bool = False  # the metric is a running count

    @property
    def digits(self) -> int:
        """The significant digits its converted values are shown to (0: as they are)."""
        return max((r.digits for r in self.readings.values()), default=0)

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
    start = moments(ref)
    return (
        start[0] if start else math.inf,
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
    start: int  # minutes of its period (PartialDate.minutes); unknown periods span everything
    end: int


def _prepare(ref: FigureRef, r: Reading, fixed: bool) -> _Value:
    w = widened(r)
    p = None if fixed else moments(ref)
    return _Value(
        ref, r.family,
        w.low if w.low is not None else -math.inf, w.low_inclusive,
        w.high if w.high is not None else math.inf, w.high_inclusive,
        p[0] if p else 0, p[1] if p else 10**15,
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
            reference: str = "", fixed: bool = False, cumulative: bool = False) -> Comparison:
    """Judge one group of figures (one metric, one subject, one reference).

    `fixed`: the metric does not change over time, so dates are not compared.
    `cumulative`: the metric is a running count, so a later value may not be
    lower than an earlier one. `known` holds readings already made (the
    index's), so none is made twice.
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
    if cumulative and not fixed:
        for earlier, later in _falls(values):
            pairs += 1
            for one, other in ((earlier, later), (later, earlier)):
                counts[one.ref.key] = counts.get(one.ref.key, 0) + 1
                named = partners.setdefault(one.ref.key, [])
                if len(named) < MAX_PARTNERS:
                    named.append(other.ref)
            if len(examples) < MAX_EXAMPLES:
                examples.append(Discrepancy(metric, subject, earlier.ref, later.ref, falls=True))
    examples.sort(key=lambda d: (d.a.key, d.b.key))
    disputes = {key: (counts[key], tuple(partners[key])) for key in sorted(counts)}
    # Periods on a line: some pair fails to overlap exactly when the latest
    # start comes after the earliest end.
    series = bool(values) and max(v.start for v in values) > min(v.end for v in values)
    digits = max((r.digits for r in readings.values()), default=0)
    common = None if pairs or series else _common_interval(values, digits)
    return Comparison(metric, subject, tuple(ordered), tuple(examples),
                      _agreements(metric, subject, ordered, readings, fixed), readings, pairs, disputes,
                      reference, series, common, cumulative)


def _falls(values: list[_Value]) -> list[tuple[_Value, _Value]]:
    """The pairs of a running count where a later value (its period wholly
    after the other's) is lower than the earlier, widened values apart."""
    found = []
    known = [v for v in values if v.family is not None]
    for i, earlier in enumerate(known):
        for later in known[i + 1:]:
            if later.start <= earlier.end or later.family != earlier.family:
                continue
            if later.high < earlier.low or (later.high == earlier.low
                                            and not (later.high_inclusive and earlier.low_inclusive)):
                found.append((earlier, later))
    return found


def _common_interval(values: list[_Value], digits: int) -> Reading | None:
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
                   low_inc, high_inc, False, known[0].family, digits=digits,
                   kind=known[0].ref.figure.known_unit.kind if known[0].ref.figure.known_unit else None)


def source_of(ref: FigureRef) -> str | None:
    """Where a figure's number comes from, when that is identified: its origin,
    else its claimant. None (it counts as no source) for an unattributed
    figure and for any figure from a brief whose outlet is unknown."""
    if ref.brief.outlet is None:
        return None
    return ref.figure.source or ref.figure.claimed_by


def why_unidentified(ref: FigureRef) -> str:
    """Why a figure counts as no source ("" when it counts)."""
    if source_of(ref) is not None:
        return ""
    if ref.brief.outlet is None and not (ref.figure.source or ref.figure.claimed_by):
        return "unattributed, in a brief whose outlet is unknown"
    if ref.brief.outlet is None:
        return "from a brief whose outlet is unknown"
    return "unattributed"


def independent_sources(refs: Iterable[FigureRef]) -> tuple[FigureRef, ...]:
    """One figure per identified, independent source, by key: figures that
    share an origin or a claimant, or were relayed via one channel, belong to
    one source; unidentified figures (see `source_of`) belong to none."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    ordered = sorted((ref for ref in refs if source_of(ref) is not None), key=lambda ref: ref.key)
    for ref in ordered:
        f = ref.figure
        names = [n for n in (f.source, f.claimed_by) if n] + ([f"via:{f.via}"] if f.via else [])
        first = root(names[0])
        for other in names[1:]:
            parent[root(other)] = first
    chosen: dict[str, FigureRef] = {}
    for ref in ordered:
        chosen.setdefault(root(source_of(ref) or ""), ref)
    return tuple(chosen.values())


def _agreements(metric: str, subject: str, ordered: list[FigureRef],
                readings: dict[tuple[str, str], Reading], fixed: bool) -> tuple[Corroboration, ...]:
    # Point values sorted by value; each run keeps adding values that agree
    # with every member so far, so a chain of near values never links two
    # values that disagree with each other. Two values agree when each lies
    # within the other's stated precision (exact, or within the tolerance of "about"/"nearly"): the run
    # tracks the part all its members' intervals share, which must hold every
    # member's value, and its stated dates' common part.
    points = [ref for ref in ordered if readings[ref.key].is_point and readings[ref.key].family]
    points.sort(key=lambda ref: _point_order(ref, readings[ref.key], fixed))
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


def _point_order(ref: FigureRef, r: Reading, fixed: bool) -> tuple:
    # By value, then by what a value says (its stated dates, precision and
    # source), never first by brief or file names: renaming a brief must not
    # change which values are found to agree.
    stated = moments(ref) if ref.figure.as_of is not None and not fixed else None
    f = ref.figure
    return (r.low, stated or (-1, -1), r.slack_low, r.slack_high, f.qualifier, f.source or "",
            f.claimed_by or "", f.via or "", ref.brief.outlet or "", ref.key)


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
    return Reading(low, high, True, True, False, b.family, digits=max(a.digits, b.digits), kind=b.kind)


def group_key(ref: FigureRef) -> tuple[str, str, str]:
    """The group a figure is judged in: metric, subject and reference ("" for none)."""
    return (ref.figure.metric, ref.figure.subject, ref.figure.reference or "")


def compare_all(refs: Iterable[FigureRef], known: dict[tuple[str, str], Reading] | None = None,
                fixed: frozenset[str] = frozenset(),
                cumulative: frozenset[str] = frozenset()) -> dict[tuple[str, str, str], Comparison]:
    """One comparison per (metric, subject, reference), keys sorted; `fixed`
    names the metrics that do not change over time, `cumulative` the running counts."""
    groups: dict[tuple[str, str, str], list[FigureRef]] = defaultdict(list)
    for ref in refs:
        groups[group_key(ref)].append(ref)
    return {key: compare(key[0], key[1], groups[key], known, key[2], key[0] in fixed, key[0] in cumulative)
            for key in sorted(groups)}


def fixed_metrics(corpus: Corpus) -> frozenset[str]:
    """The metrics that do not change over time."""
    return frozenset(m.id for m in corpus.metrics if m.fixed)


def cumulative_metrics(corpus: Corpus) -> frozenset[str]:
    """The metrics that are running counts."""
    return frozenset(m.id for m in corpus.metrics if m.cumulative)


def _compare_corpus(corpus: Corpus) -> dict[tuple[str, str, str], Comparison]:
    refs = [FigureRef(b, f) for b in corpus.briefs for f in b.figures]
    return compare_all(refs, fixed=fixed_metrics(corpus), cumulative=cumulative_metrics(corpus))


def discrepancies(corpus: Corpus) -> list[Discrepancy]:
    """Every conflicting pair in the corpus, by metric, subject and keys."""
    return [d for c in _compare_corpus(corpus).values() for d in c.conflicts]


def corroborations(corpus: Corpus) -> list[Corroboration]:
    """Every run of agreeing values given by two or more independent sources."""
    return [a for c in _compare_corpus(corpus).values() for a in c.agreements]
