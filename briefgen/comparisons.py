"""Comparable figures judged together: one comparison per metric and subject.

Every figure on the same metric about the same subject forms one group. Inside
a group, each pair from different briefs whose periods overlap and whose
readings cannot both be true is a conflict; runs of point values (exact or
"about") from two or more briefs that all agree are corroborations. Each group
is judged once per build (`compare`); pages, flags and downloads read the
result. Readings are computed once per figure and reused for every pair.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from briefgen.figures import FigureRef, Reading, compatible, period, reading, same, widened
from briefgen.model import Corpus

Verdict = str  # "conflicting", "corroborated", "consistent" or "single"

VERDICT_WORDS: dict[str, str] = {
    "conflicting": "Sources conflict",
    "corroborated": "Corroborated",
    "consistent": "Consistent",
    "single": "One value",
}


@dataclass(frozen=True)
class Discrepancy:
    """Two figures on one metric and subject, from different briefs, for
    overlapping periods, whose values cannot both be true. `a` sorts before `b`."""

    metric: str
    subject: str
    a: FigureRef
    b: FigureRef


@dataclass(frozen=True)
class Corroboration:
    """One value repeated consistently by two or more different briefs."""

    metric: str
    subject: str
    refs: tuple[FigureRef, ...]


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

    @property
    def verdict(self) -> Verdict:
        if self.conflict_pairs:
            return "conflicting"
        if self.agreements:
            return "corroborated"
        return "consistent" if len(self.refs) > 1 else "single"

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


def _prepare(ref: FigureRef, r: Reading) -> _Value:
    w = widened(r)
    p = period(ref)
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
            known: dict[tuple[str, str], Reading] | None = None) -> Comparison:
    """Judge one group of figures (one metric, one subject).

    `known` holds readings already made (the index's), so none is made twice.
    """
    refs = list(refs)
    readings = {ref.key: known[ref.key] if known and ref.key in known else reading(ref.figure)
                for ref in refs}
    ordered = sorted(refs, key=lambda ref: _sort_key(ref, readings[ref.key]))
    values = sorted((_prepare(ref, readings[ref.key]) for ref in ordered), key=lambda v: v.start)
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
            if b.family != a.family or b.ref.brief.id == a.ref.brief.id or b.end < a.start:
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
    return Comparison(metric, subject, tuple(ordered), tuple(examples),
                      _agreements(metric, subject, ordered, readings), readings, pairs, disputes)


def _agreements(metric: str, subject: str, ordered: list[FigureRef],
                readings: dict[tuple[str, str], Reading]) -> tuple[Corroboration, ...]:
    # Point values sorted by value; each run keeps adding values that agree
    # with every member so far, so a chain of near values never links two
    # values that disagree with each other. On a line, intervals that meet
    # pairwise share a common part, so a run only tracks the part all its
    # members share: its values' and its stated dates'.
    points = [ref for ref in ordered if readings[ref.key].is_point and readings[ref.key].family]
    points.sort(key=lambda ref: (readings[ref.key].low, ref.key))
    found: list[Corroboration] = []
    run: list[FigureRef] = []
    shared = Reading(None, None)
    dates: tuple[dt.date, dt.date] | None = None

    def close() -> None:
        if len({m.brief.id for m in run}) >= 2:
            found.append(Corroboration(metric, subject, tuple(sorted(run, key=lambda m: m.key))))

    for ref in points:
        r = readings[ref.key]
        stated = period(ref) if ref.figure.as_of is not None else None
        common = _common(shared, r) if run and r.family == readings[run[0].key].family else None
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


def _common(a: Reading, b: Reading) -> Reading | None:
    """The part two point-like readings share, widened for "about"; None when disjoint."""
    if not compatible(a, b):
        return None
    w = widened(b)
    low = max(x for x in (a.low, w.low) if x is not None) if (a.low, w.low) != (None, None) else None
    high = min(x for x in (a.high, w.high) if x is not None) if (a.high, w.high) != (None, None) else None
    return Reading(low, high, True, True, False, b.family)


def compare_all(refs: Iterable[FigureRef],
                known: dict[tuple[str, str], Reading] | None = None) -> dict[tuple[str, str], Comparison]:
    """One comparison per (metric, subject), keys sorted."""
    groups: dict[tuple[str, str], list[FigureRef]] = defaultdict(list)
    for ref in refs:
        groups[(ref.figure.metric, ref.figure.subject)].append(ref)
    return {key: compare(*key, groups[key], known) for key in sorted(groups)}


def _all_refs(corpus: Corpus) -> list[FigureRef]:
    return [FigureRef(b, f) for b in corpus.briefs for f in b.figures]


def discrepancies(corpus: Corpus) -> list[Discrepancy]:
    """Every conflicting pair in the corpus, by metric, subject and keys."""
    return [d for c in compare_all(_all_refs(corpus)).values() for d in c.conflicts]


def corroborations(corpus: Corpus) -> list[Corroboration]:
    """Every run of agreeing values repeated by two or more briefs."""
    return [a for c in compare_all(_all_refs(corpus)).values() for a in c.agreements]
