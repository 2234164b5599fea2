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

from briefgen.figures import FigureRef, Reading, compatible, period, reading
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
    """Every figure on one metric about one subject, and what they say together."""

    metric: str
    subject: str
    refs: tuple[FigureRef, ...]  # sorted by period, value, brief and figure id
    conflicts: tuple[Discrepancy, ...]
    agreements: tuple[Corroboration, ...]
    readings: dict[tuple[str, str], Reading] = field(compare=False, repr=False)

    @property
    def verdict(self) -> Verdict:
        if self.conflicts:
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


def _sort_key(ref: FigureRef, r: Reading) -> tuple:
    start = period(ref)
    return (
        start[0] if start else dt.date.max,
        r.low if r.low is not None else -math.inf,
        ref.brief.id,
        ref.figure.id,
    )


def _stated_periods_overlap(a: FigureRef, b: FigureRef) -> bool:
    # Only an explicit as_of separates repeats: "60,000 before the war" quoted
    # by articles published a year apart is still the same value.
    if a.figure.as_of is None or b.figure.as_of is None:
        return True
    return _overlap(period(a), period(b))


def _overlap(pa: tuple[dt.date, dt.date] | None, pb: tuple[dt.date, dt.date] | None) -> bool:
    if pa is None or pb is None:
        return True
    return pa[0] <= pb[1] and pb[0] <= pa[1]


def _comparable(a: Reading, b: Reading) -> bool:
    return a.family is not None and a.family == b.family


def compare(metric: str, subject: str, refs: Iterable[FigureRef]) -> Comparison:
    """Judge one group of figures (one metric, one subject)."""
    readings = {ref.key: reading(ref.figure) for ref in refs}
    ordered = sorted(refs, key=lambda ref: _sort_key(ref, readings[ref.key]))
    periods = {ref.key: period(ref) for ref in ordered}
    conflicts = []
    for i, a in enumerate(ordered):
        ra, pa = readings[a.key], periods[a.key]
        for b in ordered[i + 1:]:
            if a.brief.id == b.brief.id or not _overlap(pa, periods[b.key]):
                continue
            rb = readings[b.key]
            if _comparable(ra, rb) and not compatible(ra, rb):
                first, second = sorted((a, b), key=lambda ref: ref.key)
                conflicts.append(Discrepancy(metric, subject, first, second))
    conflicts.sort(key=lambda d: (d.a.key, d.b.key))
    return Comparison(metric, subject, tuple(ordered), tuple(conflicts),
                      _agreements(metric, subject, ordered, readings), readings)


def _agreements(metric: str, subject: str, ordered: list[FigureRef],
                readings: dict[tuple[str, str], Reading]) -> tuple[Corroboration, ...]:
    # Point values sorted by value; each run keeps adding values that agree
    # with every member so far, so a chain of near values never links two
    # values that disagree with each other.
    points = [ref for ref in ordered if readings[ref.key].is_point and readings[ref.key].family]
    points.sort(key=lambda ref: (readings[ref.key].low, ref.key))
    found: list[Corroboration] = []
    run: list[FigureRef] = []

    def close() -> None:
        if len({m.brief.id for m in run}) >= 2:
            found.append(Corroboration(metric, subject, tuple(sorted(run, key=lambda m: m.key))))

    for ref in points:
        r = readings[ref.key]
        fits = all(_comparable(readings[m.key], r) and compatible(readings[m.key], r)
                   and _stated_periods_overlap(m, ref) for m in run)
        if run and not fits:
            close()
            run = []
        run.append(ref)
    close()
    return tuple(found)


def compare_all(refs: Iterable[FigureRef]) -> dict[tuple[str, str], Comparison]:
    """One comparison per (metric, subject), keys sorted."""
    groups: dict[tuple[str, str], list[FigureRef]] = defaultdict(list)
    for ref in refs:
        groups[(ref.figure.metric, ref.figure.subject)].append(ref)
    return {key: compare(*key, groups[key]) for key in sorted(groups)}


def _all_refs(corpus: Corpus) -> list[FigureRef]:
    return [FigureRef(b, f) for b in corpus.briefs for f in b.figures]


def discrepancies(corpus: Corpus) -> list[Discrepancy]:
    """Every conflicting pair in the corpus, by metric, subject and keys."""
    return [d for c in compare_all(_all_refs(corpus)).values() for d in c.conflicts]


def corroborations(corpus: Corpus) -> list[Corroboration]:
    """Every run of agreeing values repeated by two or more briefs."""
    return [a for c in compare_all(_all_refs(corpus)).values() for a in c.agreements]
