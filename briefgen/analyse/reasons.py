"""Why a comparison has its verdict, in one or two plain sentences.

Every verdict page says why: "21 months lies within “nearly 2 years” (18–24
months)"; "both figures are unattributed: consistent, not corroborated". The
sentences are built from the judged comparison (comparisons.py) and the names
of the registry, and read the way the article wrote each value.
"""

from __future__ import annotations

from collections.abc import Mapping

from briefgen.analyse.comparisons import Comparison, independent_sources, source_of, why_unidentified
from briefgen.analyse.figures import (
    FigureRef,
    Reading,
    as_written,
    converted,
    interval_text,
    period,
    same,
    widened,
)
from briefgen.model import DEFAULT_VOCABULARY, Vocabulary


class Reasons:
    """Reasons for a corpus's comparisons, reading names from `names`
    (entity id → name) and words from the vocabulary."""

    def __init__(self, names: Mapping[str, str], vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> None:
        self.names = names
        self.vocabulary = vocabulary

    # --- parts ---------------------------------------------------------------

    def written(self, ref: FigureRef) -> str:
        return f"“{as_written(ref.figure, self.vocabulary)}”"

    def who(self, ref: FigureRef) -> str:
        """Who gives the value: its claimant, else the outlet's own words, else "unattributed"."""
        f = ref.figure
        if f.claimed_by:
            name = self.names.get(f.claimed_by, f.claimed_by)
        elif ref.brief.outlet:
            name = f"{self.names.get(ref.brief.outlet, ref.brief.outlet)}, unattributed"
        else:
            name = "unattributed"
        if f.source and f.source != f.claimed_by:
            name += f", first given by {self.names.get(f.source, f.source)}"
        return name

    def when(self, ref: FigureRef) -> str:
        if ref.figure.as_of is not None:
            return f"as of {ref.figure.as_of.display()}"
        return f"article of {ref.brief.published.display()}"

    def value(self, ref: FigureRef) -> str:
        """A value with who gives it and when: "“21 months” (unattributed, article of 27 November 2025)"."""
        return f"{self.written(ref)} ({self.who(ref)}, {self.when(ref)})"

    # --- the reason ------------------------------------------------------------

    def of(self, comparison: Comparison) -> str:
        """One or two sentences saying why the comparison has its verdict."""
        verdict = comparison.verdict
        if verdict == "single":
            return "Only one value: there is nothing to compare it with."
        if verdict == "conflicting":
            return self._conflicting(comparison)
        if verdict == "series":
            return self._series(comparison)
        if verdict == "corroborated":
            return self._corroborated(comparison)
        return self._consistent(comparison)

    def _conflicting(self, c: Comparison) -> str:
        d = c.conflicts[0]
        more = (f" In all, {c.conflict_pairs} pairs of values conflict."
                if c.conflict_pairs > 1 else "")
        if d.falls:
            return (f"A running count cannot fall: {self.value(d.b)} is lower than "
                    f"{self.value(d.a)}, given for an earlier date.{more}")
        ra, rb = c.readings[d.a.key], c.readings[d.b.key]
        return (f"{self.value(d.a)} and {self.value(d.b)} speak of overlapping dates but cannot both be "
                f"true: the first allows {self._allowed(d.a, ra, d.b)}, the second "
                f"{self._allowed(d.b, rb, d.a)}.{more}")

    def _series(self, c: Comparison) -> str:
        dated = [ref for ref in c.refs if period(ref) is not None]  # c.refs is in date order
        span = f" (from {_date(dated[0])} to {_date(dated[-1])})" if len(dated) > 1 else ""
        if c.cumulative:
            return (f"A running count given for different dates{span}, rising as a count should: "
                    "a later, higher value is a series, never a conflict.")
        return (f"The values speak of different dates{span}, so they are read as a series: values whose "
                "dates do not overlap are never compared, and none whose dates overlap conflict.")

    def _corroborated(self, c: Comparison) -> str:
        agreement = c.agreements[0]
        sources = "; ".join(self.value(ref) for ref in agreement.sources)
        count = len(agreement.sources)
        return (f"{_number_word(count).capitalize()} identified, independent sources give the same value "
                f"within its stated precision: {sources}.")

    def _consistent(self, c: Comparison) -> str:
        return f"{self._why_compatible(c)} {self._why_not_corroborated(c)}"

    def _why_compatible(self, c: Comparison) -> str:
        known = [ref for ref in c.refs if c.readings[ref.key].family is not None]
        if len(known) < len(c.refs) and len(known) < 2:
            return "Values in units briefgen cannot convert are shown but not compared."
        if len(known) == 2:
            a, b = known
            ra, rb = c.readings[a.key], c.readings[b.key]
            for point, rp, wide, rw in ((a, ra, b, rb), (b, rb, a, ra)):
                if rp.is_point and not rp.approximate and not (rw.is_point and not rw.approximate):
                    return (f"{self.written(point)} lies within {self.written(wide)} "
                            f"({self._allowed(wide, rw, point)}), so both can be true.")
        if c.common is not None:
            return f"Every value can be true at once: all allow {interval_text(c.common)}."
        return "Every value can be true at once."

    def _why_not_corroborated(self, c: Comparison) -> str:
        sources = independent_sources(c.refs)
        unidentified = [ref for ref in c.refs if source_of(ref) is None]
        if not sources:
            reasons = sorted({why_unidentified(ref) for ref in unidentified})
            if len(c.refs) == 2 and len(reasons) == 1:
                return f"Both figures are {reasons[0]}: consistent, not corroborated."
            if len(c.refs) <= 3:
                each = "; ".join(f"{self.written(ref)} is {why_unidentified(ref)}" for ref in c.refs)
                return f"No figure has an identified source ({each}): consistent, not corroborated."
            return ("No figure has an identified source (each is unattributed or from a brief whose outlet "
                    "is unknown): consistent, not corroborated.")
        if len(sources) == 1:
            only = sources[0]
            name = self.names.get(source_of(only) or "", source_of(only) or "")
            others = [ref for ref in c.refs if ref.key != only.key]
            if len(others) <= 3:
                each = "; ".join(f"{self.written(ref)} {self._why_not_another(ref)}" for ref in others)
                return (f"Only one identified source ({name}) gives a value ({each}): consistent, "
                        "not corroborated.")
            return (f"Only one identified source ({name}) gives a value; the {len(others)} other values are "
                    "unattributed, from briefs whose outlet is unknown, or from the same source: consistent, "
                    "not corroborated.")
        return ("No two independent sources give the same value within its stated precision: "
                "consistent, not corroborated.")

    def _why_not_another(self, ref: FigureRef) -> str:
        why = why_unidentified(ref)
        if why:
            return f"is {why}"
        f = ref.figure
        relay = f" via {self.names.get(f.via, f.via)}" if f.via else ""
        return f"comes from the same source{relay}"

    def _allowed(self, ref: FigureRef, r: Reading, other: FigureRef) -> str:
        """The values a figure allows once its precision is counted, in the
        unit the other figure was written in when both are known ("18–24 months")."""
        w = widened(r)
        mine, theirs = ref.figure.known_unit, other.figure.known_unit
        # Beside an exact value, in that value's unit: "21 months" against 18–24 months.
        exact = other.figure.value is not None and other.figure.qualifier == "exact"
        unit = theirs if exact and theirs and mine and theirs.family == mine.family else mine
        if unit is None or w.family is None:
            return interval_text(w)
        return _in_unit(w, unit.factor, other.figure.unit if unit is theirs else ref.figure.unit)


def _in_unit(r: Reading, factor: float, unit: str) -> str:
    low = r.low / factor if r.low is not None and not (r.low == 0 and r.low_inclusive) else None
    high = r.high / factor if r.high is not None else None
    suffix = "%" if unit == "percent" else (":1" if unit == "ratio" else f" {unit}")
    if low is None and high is None:
        return "any value"
    if high is None:
        return ("at least " if r.low_inclusive else "more than ") + converted(low or 0.0, 3) + suffix
    if low is None:
        return ("up to " if r.high_inclusive else "less than ") + converted(high, 3) + suffix
    if same(low, high):
        return f"exactly {converted(low, 3)}{suffix}"
    return f"{converted(low, 3)}–{converted(high, 3)}{suffix}"


def _date(ref: FigureRef) -> str:
    when = ref.figure.as_of or ref.brief.published.date
    return when.display() if when else "an unknown date"


def _number_word(n: int) -> str:
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
    return words.get(n, str(n))
