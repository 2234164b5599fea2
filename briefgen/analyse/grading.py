"""A confidence word for each comparison, from independence and the Admiralty grades.

Briefs may grade their source's reliability (A–F) and figures their
information's credibility (1–6); both are optional. The rule, also in
docs/writing-a-brief.md:

- **high**: corroborated, at least two of the independent sources come from
  briefs graded A or B, and no agreeing value is graded 5 or 6;
- **moderate**: corroborated otherwise; or consistent or a series with at
  least one identified source from a brief graded A to C whose value is graded
  1 to 3 (or not graded);
- **low**: everything else: sources that conflict, a single value, values
  with no identified source, and consistent values no good grade vouches for.

An ungraded brief is one whose reliability "cannot be judged" (F): grades
can only raise confidence, never replace independence.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.analyse.comparisons import Comparison, independent_sources
from briefgen.analyse.figures import FigureRef

_GOOD_SOURCES = frozenset("AB")
_FAIR_SOURCES = frozenset("ABC")


@dataclass(frozen=True)
class Confidence:
    word: str  # "high", "moderate" or "low"
    reason: str  # one line


def _credible(ref: FigureRef, worst: int) -> bool:
    grade = ref.figure.credibility
    return grade is None or grade <= worst


def confidence(comparison: Comparison) -> Confidence:
    """How far a reader may rely on what the comparison's values say together."""
    verdict = comparison.verdict
    if verdict == "conflicting":
        return Confidence("low", "the sources conflict")
    if verdict == "single":
        return Confidence("low", "one value, nothing confirms it")
    sources = independent_sources(comparison.refs)
    if verdict == "corroborated":
        agreement = comparison.agreements[0]
        good = [ref for ref in agreement.sources if ref.brief.reliability in _GOOD_SOURCES]
        if len(good) >= 2 and all(_credible(ref, 4) for ref in agreement.refs):
            return Confidence("high", "corroborated by independent sources graded A or B")
        return Confidence("moderate", "corroborated, but not by two sources graded A or B")
    vouched = [ref for ref in sources if ref.brief.reliability in _FAIR_SOURCES and _credible(ref, 3)]
    if vouched:
        return Confidence("moderate", "not corroborated, but an identified source graded A to C vouches")
    if not sources:
        return Confidence("low", "no value has an identified source")
    return Confidence("low", "not corroborated, and no source graded A to C")
