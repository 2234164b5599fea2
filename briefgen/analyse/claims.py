"""Whether two claims an annotator linked with `contradicts:` really contradict.

Two statements contradict only when both can be about the same thing at the
same time. So a link is judged, not taken on trust:

- a forecast and a statement of another kind (a report of how things stand,
  an assessment, a denial) is a *divergence*: what someone expects to happen
  does not contradict how things stand today;
- two statements whose dates do not overlap are a *divergence*: things may
  have changed between them. A claim's date is its `as_of`, else its
  article's publication date (and it is shown marked so); an assessment
  without `as_of` is a judgement not tied to a day, so it meets any date;
- anything else is a *contradiction*.

The link is kept either way, and shown with both statements' dates and kinds
and a one-line reason: divergences apart from contradictions, never counted
as them. (Refusing such a link at load time would lose the annotator's
judgement that the two statements pull against each other.)
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model import DEFAULT_VOCABULARY, Brief, Claim, PartialDate, Vocabulary


@dataclass(frozen=True)
class ClaimDate:
    """When a claim speaks of: its own `as_of`, or (`from_article`) its article's date."""

    date: PartialDate | None
    from_article: bool

    def display(self) -> str:
        if self.date is None:
            return "date unknown"
        text = self.date.display()
        return f"{text} (the article's date)" if self.from_article else text

    def minutes(self) -> tuple[int, int] | None:
        if self.date is None:
            return None
        try:
            return self.date.minutes()
        except ValueError:
            return None


def claim_date(brief: Brief, claim: Claim) -> ClaimDate:
    """A claim's date, from its article when it has none of its own."""
    if claim.as_of is not None:
        return ClaimDate(claim.as_of, False)
    return ClaimDate(brief.published.date, True)


@dataclass(frozen=True)
class LinkJudgement:
    """What a `contradicts:` link is: a contradiction, or a divergence, and why."""

    contradiction: bool
    reason: str


def judge_link(brief: Brief, claim: Claim, other_brief: Brief, other: Claim,
               vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> LinkJudgement:
    """Judge one `contradicts:` link (see the module docstring)."""
    kind, other_kind = vocabulary.claim_kind(claim.kind), vocabulary.claim_kind(other.kind)
    forecasts = [c.kind == "forecast" for c in (claim, other)]
    if any(forecasts) and not all(forecasts):
        forecast, stated = (kind, other_kind) if forecasts[0] else (other_kind, kind)
        return LinkJudgement(False, f"{_a(forecast).capitalize()} and {_a(stated)}: what one expects to "
                                    "happen does not contradict what the other says of how things stand.")
    when, other_when = claim_date(brief, claim), claim_date(other_brief, other)
    days, other_days = _span(claim, when), _span(other, other_when)
    if days and other_days and (days[1] < other_days[0] or other_days[1] < days[0]):
        return LinkJudgement(False, f"They speak of different dates ({when.display()}; "
                                    f"{other_when.display()}): things may have changed between them.")
    if claim.kind == "denial" or other.kind == "denial":
        return LinkJudgement(True, "One denies what the other states, for overlapping dates.")
    if claim.kind is None or other.kind is None:
        return LinkJudgement(True, "The annotator marked them as contradicting each other, for "
                                   "overlapping dates.")
    return LinkJudgement(True, f"{_a(kind).capitalize()} and {_a(other_kind)} about overlapping dates that "
                               "cannot both hold.")


def _span(claim: Claim, when: ClaimDate) -> tuple[int, int] | None:
    # An undated assessment is a judgement, not a report of one day: it meets any date.
    if claim.kind == "assessment" and when.from_article:
        return None
    return when.minutes()


def _a(word: str) -> str:
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"
