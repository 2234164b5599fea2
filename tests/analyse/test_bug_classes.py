"""Readings the earlier tests left open (found by a mutation audit): ranges in a
unit whose factor is not 1, bounds on a range, and the words of an interval."""

from __future__ import annotations

import pytest

from briefgen.analyse.figures import FLOOR, Reading, interval_text, normalised_text, reading
from tests.corpus_factory import figure


def _range(qualifier: str = "exact", low: float = 15, high: float = 20, unit: str = "thousand troops"):
    return figure("f", "troops-committed", "pokrovsk", None, low=low, high=high, unit=unit,
                  qualifier=qualifier)


def test_a_range_in_a_unit_of_a_thousand_is_read_in_the_base_unit() -> None:
    r = reading(_range())
    assert (r.low, r.high, r.low_inclusive, r.high_inclusive) == (15_000, 20_000, True, True)
    assert normalised_text(_range()) == "15,000–20,000 troops"  # a count says what it counts


def test_a_range_written_high_first_is_read_low_first_after_conversion() -> None:
    r = reading(_range(low=20, high=15))
    assert (r.low, r.high) == (15_000, 20_000)


@pytest.mark.parametrize(("qualifier", "low", "high", "low_in", "high_in"), [
    ("at-least", 15_000, None, True, False),
    ("more-than", 15_000, None, False, False),
    ("up-to", FLOOR, 20_000, True, True),
    ("fewer-than", FLOOR, 20_000, True, False),
])
def test_a_bound_on_a_range_uses_the_ranges_near_end(qualifier: str, low: float | None, high: float | None,
                                                     low_in: bool, high_in: bool) -> None:
    """"at least 15–20 thousand" means at least 15,000; "up to 15–20 thousand", at most 20,000."""
    r = reading(_range(qualifier))
    assert (r.low, r.high, r.low_inclusive, r.high_inclusive) == (low, high, low_in, high_in)


@pytest.mark.parametrize(("r", "text"), [
    (Reading(100.0, None, True, False, False, "count"), "≥ 100"),
    (Reading(100.0, None, False, False, False, "count"), "> 100"),
    (Reading(FLOOR, 120.0, True, True, False, "distance"), "≤ 120 km"),
    (Reading(FLOOR, 120.0, True, False, False, "distance"), "< 120 km"),
    (Reading(100.0, 120.0, False, True, False, "distance"), "> 100 and ≤ 120 km"),
    (Reading(100.0, 120.0, True, False, False, "distance"), "≥ 100 and < 120 km"),
    (Reading(100.0, 120.0, True, True, False, "distance"), "100–120 km"),
    (Reading(100.0, 100.0, True, True, False, "count"), "100"),
    (Reading(None, None, True, True, False, "count"), "any value"),
])
def test_the_words_of_what_all_values_allow(r: Reading, text: str) -> None:
    assert interval_text(r) == text
