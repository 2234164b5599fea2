"""Normalisation, bounds, periods, discrepancies and corroborations."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.analyse.comparisons import corroborations, discrepancies
from briefgen.analyse.figures import (
    FigureRef,
    Reading,
    as_written,
    compatible,
    periods_overlap,
    reading,
)
from briefgen.analyse.index import CorpusIndex
from tests.corpus_factory import brief, corpus, figure, seed_corpus


def fig(value=None, qualifier="exact", unit="people", **kw):
    return figure("f", "population-prewar", "pokrovsk", value, unit=unit,
                  qualifier=qualifier, **kw)


def read(*args, **kw) -> Reading:
    return reading(fig(*args, **kw))


# --- as written ---------------------------------------------------------------

@pytest.mark.parametrize("f, text", [
    (fig(70000, "more-than"), "more than 70,000 people"),
    (fig(None, low=15, high=20, unit="groups per day"), "15–20 groups per day"),
    (fig(170000, "about", unit="troops"), "about 170,000 troops"),
    (fig(8, unit="ratio"), "8:1"),
    (fig(40, unit="percent"), "40%"),
    (fig(2.5, "up-to", unit="km"), "up to 2.5 km"),
    (fig(1, "about", unit="years"), "about 1 year"),
    (fig(1, unit="tonnes per year"), "1 tonne per year"),
    (fig(1, "at-least", unit="brigades"), "at least 1 brigade"),
    (fig(2, unit="years"), "2 years"),
])
def test_as_written(f, text):
    assert as_written(f) == text


# --- readings -------------------------------------------------------------------

def test_exact_value_is_a_closed_point():
    assert read(60000) == Reading(60000, 60000, True, True, False, "count")


@pytest.mark.parametrize("qualifier, expected", [
    ("at-least", Reading(200, None, True, False, False, "count")),
    ("more-than", Reading(200, None, False, False, False, "count")),
    ("up-to", Reading(0, 200, True, True, False, "count")),
    ("fewer-than", Reading(0, 200, True, False, False, "count")),
    ("about", Reading(200, 200, True, True, True, "count", 50, 50)),
    ("nearly", Reading(200, 200, True, True, True, "count", 50, 0)),
])
def test_bounds_are_kept_as_bounds(qualifier, expected):
    assert read(200, qualifier) == expected


def test_range():
    assert read(None, low=15, high=20) == Reading(15, 20, True, True, False, "count")


def test_thousand_is_normalised_to_units():
    assert read(60, unit="thousand people").low == 60000


def test_miles_to_km():
    r = read(12, unit="miles")
    assert r.family == "distance" and r.base_unit == "km"
    assert r.low == pytest.approx(19.312128)
    assert compatible(r, read(19.312128, unit="km"))
    assert not compatible(r, read(19, unit="km"))


def test_per_week_to_per_day():
    r = read(70, unit="per week")
    assert r.family == "daily-rate" and r.base_unit == "per day"
    assert r.low == pytest.approx(10)
    assert compatible(r, read(10, unit="per day"))  # float noise from 1/7 is equal


def test_unknown_unit_does_not_crash():
    r = read(5, unit="bananas")
    assert r.family is None and r.low == 5


def test_invalid_figure_does_not_crash():
    r = reading(fig(None))
    assert r.low is None and r.high is None
    assert as_written(fig(None)) == "? people"


# --- compatibility ------------------------------------------------------------------

@pytest.mark.parametrize("a, b, ok", [
    ((60000,), (60000,), True),
    ((60000,), (65000,), False),
    ((200, "at-least"), (250,), True),
    ((200, "at-least"), (150,), False),
    ((100000, "more-than"), (120000,), True),
    ((15000, "fewer-than"), (70000,), False),
    ((120, "up-to"), (50,), True),
    ((200, "at-least"), (120, "up-to"), False),
    ((100, "more-than"), (500, "fewer-than"), True),
])
def test_open_bounds_against_values(a, b, ok):
    assert compatible(read(*a), read(*b)) is ok
    assert compatible(read(*b), read(*a)) is ok


def test_strict_bound_at_the_boundary():
    assert not compatible(read(100, "more-than"), read(100))
    assert compatible(read(100, "at-least"), read(100))
    assert not compatible(read(100, "fewer-than"), read(100))
    assert compatible(read(100, "up-to"), read(100))
    assert not compatible(read(100, "more-than"), read(100, "up-to"))
    assert compatible(read(100, "at-least"), read(100, "up-to"))


def test_ranges_overlapping_or_not():
    r = read(None, low=15, high=20)
    assert compatible(r, read(None, low=18, high=30))
    assert compatible(r, read(None, low=20, high=30))  # touch at an inclusive end
    assert not compatible(r, read(None, low=21, high=30))
    assert compatible(r, read(17))
    assert not compatible(r, read(21))


def test_approximate_values_have_ten_percent_tolerance():
    assert compatible(read(500, "about"), read(540))
    assert compatible(read(500, "about"), read(455))
    assert not compatible(read(500, "about"), read(560))
    assert compatible(read(170000, "about"), read(180000, "about"))
    assert not compatible(read(170000, "about"), read(200000, "more-than"))


@given(st.floats(0, 1e9), st.floats(0, 1e9))
def test_compatibility_is_symmetric(x, y):
    for q in ("exact", "about", "at-least", "more-than", "up-to", "fewer-than"):
        a, b = read(x, q), read(y)
        assert compatible(a, b) == compatible(b, a)
    assert compatible(read(x), read(x))


# --- periods ----------------------------------------------------------------------

def test_period_falls_back_to_publication_then_unknown():
    a = FigureRef(brief("a", published="2025-11"), fig(1))
    b = FigureRef(brief("b", published="2025-11-20"), fig(1))
    c = FigureRef(brief("c", published="2024"), fig(1))
    d = FigureRef(brief("d", published=None), fig(1))
    assert periods_overlap(a, b)
    assert not periods_overlap(a, c)
    assert periods_overlap(c, d)
    assert periods_overlap(FigureRef(brief("e", published="2024"), fig(1, as_of="2025-11")), a)


# --- the corpus ------------------------------------------------------------------

def test_figures_by_metric_is_sorted():
    groups = CorpusIndex(seed_corpus()).by_metric
    assert list(groups) == sorted(groups)
    civilians = [(r.figure.subject, r.figure.id) for r in groups["civilians-remaining"]]
    assert civilians == [("bakhmut", "bakhmut-prewar"), ("bakhmut", "bakhmut-june"),
                         ("pokrovsk", "civilians-left")]


def test_seed_discrepancy_and_corroboration():
    c = seed_corpus()
    found = discrepancies(c)
    assert [(d.metric, d.subject, d.a.key, d.b.key) for d in found] == [
        ("troops-committed", "pokrovsk", ("pokrovsk-like-bakhmut", "russian-troops"),
         ("pokrovsk-set-to-fall", "russian-troops")),
    ]
    # Both briefs give 60,000 in their own words, unattributed: they agree,
    # but unattributed figures are never independent sources.
    assert corroborations(c) == []
    flags = CorpusIndex(c).conflicts_of
    assert sorted(flags) == [("pokrovsk-like-bakhmut", "russian-troops"),
                           ("pokrovsk-set-to-fall", "russian-troops")]


def test_non_overlapping_periods_are_not_a_discrepancy():
    c = corpus(
        brief("a", figure("x", "civilians-remaining", "bakhmut", 70000, as_of="2022-02")),
        brief("b", figure("y", "civilians-remaining", "bakhmut", 500, as_of="2023-06")),
    )
    assert discrepancies(c) == []
    c2 = corpus(
        brief("a", figure("x", "civilians-remaining", "bakhmut", 70000, as_of="2023")),
        brief("b", figure("y", "civilians-remaining", "bakhmut", 500, as_of="2023-06")),
    )
    assert len(discrepancies(c2)) == 1


def test_same_brief_values_are_compared_but_other_subjects_are_not():
    # An article can quote a number that contradicts its own.
    c = corpus(
        brief("a", figure("x", "civilians-remaining", "bakhmut", 1),
              figure("y", "civilians-remaining", "bakhmut", 2)),
        brief("b", figure("z", "civilians-remaining", "pokrovsk", 3)),
    )
    assert [(d.a.key, d.b.key) for d in discrepancies(c)] == [(("a", "x"), ("a", "y"))]
    assert corroborations(c) == []


def test_mismatched_units_are_not_compared_and_do_not_crash():
    c = corpus(
        brief("a", figure("x", "distance-to-city", "pokrovsk", 5, unit="km")),
        brief("b", figure("y", "distance-to-city", "pokrovsk", 50, unit="percent")),
        brief("c", figure("z", "distance-to-city", "pokrovsk", 9, unit="bananas")),
    )
    assert discrepancies(c) == []


def test_approximate_repeat_is_corroborated_but_not_a_loose_chain():
    # 1,000 and 1,080 each lie within the other's tolerance (750–1,250 and
    # 972–1,188); 1,190 lies within 1,000's but 1,000 is outside 1,190's
    # (1,071–1,309), so the
    # run stops: a chain of near values never links values that disagree.
    c = corpus(
        brief("a", figure("x", "casualties", "pokrovsk", 1000, qualifier="about", claimed_by="isw")),
        brief("b", figure("y", "casualties", "pokrovsk", 1080, qualifier="about",
                          claimed_by="michael-kofman"),
              outlet="kyiv-independent"),
        brief("d", figure("w", "casualties", "pokrovsk", 1190, qualifier="about", claimed_by="tass"),
              outlet="tass"),
        brief("c", figure("z", "casualties", "pokrovsk", 2000)),
    )
    found = corroborations(c)
    assert [[r.key for r in k.refs] for k in found] == [[("a", "x"), ("b", "y")]]
    assert [(d.a.key, d.b.key) for d in discrepancies(c)] == [
        (("a", "x"), ("c", "z")), (("b", "y"), ("c", "z")), (("c", "z"), ("d", "w"))]


def test_an_exact_value_is_not_corroborated_by_a_rounder_one():
    # "about 1,000" allows 1,050, but does not say 1,050: consistent, not corroborated.
    c = corpus(
        brief("a", figure("x", "casualties", "pokrovsk", 1000, qualifier="about")),
        brief("b", figure("y", "casualties", "pokrovsk", 1050)),
    )
    assert corroborations(c) == [] and discrepancies(c) == []
    assert math.isfinite(reading(c.briefs[0].figures[0]).low)


def test_converted_values_are_shown_at_the_precision_of_the_input():
    from briefgen.analyse.figures import normalised_text
    from tests.corpus_factory import figure as make

    assert normalised_text(make("a", "distance-to-city", "pokrovsk", 12, unit="miles")) == "19.3 km"
    assert normalised_text(make("a", "distance-to-city", "pokrovsk", 120, unit="miles")) == "193 km"
    assert normalised_text(make("a", "distance-to-city", "pokrovsk", 12.25, unit="miles")) == "19.71 km"
    assert normalised_text(make("b", "duration-of-battle", "pokrovsk", 21, unit="months")) == "639 days"
    assert normalised_text(make("b", "duration-of-battle", "pokrovsk", 2, unit="years")) == "731 days"
    assert normalised_text(make("b", "duration-of-battle", "pokrovsk", 2, unit="years",
                                qualifier="nearly")) == "nearly 731 days"
    assert normalised_text(make("c", "population-prewar", "pokrovsk", 60000)) == "60,000 people"
    assert normalised_text(make("c", "troops-committed", "pokrovsk", 170, unit="thousand troops",
                                qualifier="about")) == "≈ 170,000 troops"
    assert normalised_text(make("c", "population-prewar", "pokrovsk", 60000.5)) == "60,000.5 people"
