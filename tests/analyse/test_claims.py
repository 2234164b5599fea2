"""`contradicts:` links judged: a contradiction, or a divergence, with a reason."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.analyse.claims import claim_date, judge_link
from briefgen.model import Claim
from tests.corpus_factory import brief, date


def _claim(kind: str | None, as_of: str | None) -> Claim:
    return Claim("c", "isw", "Text.", as_of=date(as_of), kind=kind)


@pytest.mark.parametrize(("a", "b", "contradiction", "reason"), [
    (("report", "2025-10"), ("report", "2025-10"), True, "A report and a report about overlapping dates"),
    (("denial", "2025-10"), ("report", "2025-10-20"), True, "One denies what the other states"),
    (("assessment", None), ("assessment", None), True, "An assessment and an assessment"),
    (("assessment", None), ("report", "2025-12"), True, "overlapping dates"),
    ((None, "2025-10"), (None, "2025"), True, "The annotator marked them"),
    (("forecast", "2025-10"), ("report", "2025-10"), False, "A forecast and a report"),
    (("report", "2025-10"), ("forecast", "2025-10"), False, "A forecast and a report"),
    (("assessment", "2025"), ("forecast", "2025"), False, "A forecast and an assessment"),
    (("forecast", "2025-10"), ("forecast", "2025-10"), True, "A forecast and a forecast"),
    (("forecast", "2024"), ("forecast", "2025"), False, "different dates (2024; 2025)"),
    (("report", "2024-11"), ("report", "2025-11-03"), False,
     "different dates (November 2024; 3 November 2025)"),
    (("report", None), ("report", "2025-11-06"), True, "overlapping dates"),
    (("report", None), ("report", "2025-12"), False, "(6 November 2025 (the article's date); December 2025)"),
])
def test_a_link_is_judged(a, b, contradiction: bool, reason: str) -> None:
    one = brief("one", published="2025-11-06")
    other = brief("other", published="2025-11-20")
    judged = judge_link(one, _claim(*a), other, dataclasses.replace(_claim(*b), id="d"))
    assert judged.contradiction is contradiction
    assert reason in judged.reason, judged.reason


def test_a_claim_without_a_date_is_dated_by_its_article_and_marked_so() -> None:
    when = claim_date(brief("one", published="2025-11-06"), _claim("report", None))
    assert when.from_article and when.display() == "6 November 2025 (the article's date)"
    assert claim_date(brief("one"), _claim("report", "2024")).display() == "2024"
