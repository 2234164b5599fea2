"""The verdict on each group of comparable figures, case by case and as properties."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.analyse.comparisons import compare_all
from briefgen.analyse.figures import FigureRef
from tests.corpus_factory import brief, figure


@dataclass(frozen=True)
class V:
    """One value in a case: the figure, and where it comes from.

    Each value gets a brief and an outlet of its own unless `brief` or
    `outlet` says otherwise.
    """

    value: float | None = None
    q: str = "exact"
    low: float | None = None
    high: float | None = None
    unit: str = "people"
    as_of: str | None = None
    by: str | None = None
    via: str | None = None
    outlet: str | None = None
    brief: str | None = None
    reference: str | None = None


def refs_of(values: list[V], metric: str = "casualties") -> list[FigureRef]:
    by_brief: dict[str, list] = {}
    outlets: dict[str, str | None] = {}
    for n, v in enumerate(values):
        brief_id = v.brief or f"b{n}"
        by_brief.setdefault(brief_id, []).append(figure(
            f"f{n}", metric, "pokrovsk", v.value, unit=v.unit, qualifier=v.q, low=v.low, high=v.high,
            as_of=v.as_of, claimed_by=v.by, via=v.via, reference=v.reference))
        outlets.setdefault(brief_id, v.outlet if v.outlet is not None else f"outlet-{brief_id}")
    refs = []
    for brief_id, figures in by_brief.items():
        made = brief(brief_id, *figures, outlet=outlets[brief_id])
        refs += [FigureRef(made, f) for f in made.figures]
    return refs


def verdicts(values: list[V], metric: str = "casualties", fixed: bool = False) -> list[str]:
    """The verdict of every group the values form, by group key."""
    groups = compare_all(refs_of(values, metric), fixed=frozenset({metric}) if fixed else frozenset())
    return [c.verdict for c in groups.values()]


CASES: list[tuple[str, list[V], list[str]]] = [
    ("one value", [V(100)], ["single"]),
    ("two equal exact values", [V(100), V(100)], ["corroborated"]),
    ("two different exact values", [V(100), V(101)], ["conflicting"]),
    ("at least 100 allows exactly 100", [V(100, "at-least"), V(100)], ["consistent"]),
    ("more than 100 excludes exactly 100", [V(100, "more-than"), V(100)], ["conflicting"]),
    ("up to 100 allows exactly 100", [V(100, "up-to"), V(100)], ["consistent"]),
    ("fewer than 100 excludes exactly 100", [V(100, "fewer-than"), V(100)], ["conflicting"]),
    ("more than and fewer than one number", [V(100, "more-than"), V(100, "fewer-than")], ["conflicting"]),
    ("at least and up to one number meet", [V(100, "at-least"), V(100, "up-to")], ["consistent"]),
    ("more than and up to one number", [V(100, "more-than"), V(100, "up-to")], ["conflicting"]),
    ("at least and fewer than one number", [V(100, "at-least"), V(100, "fewer-than")], ["conflicting"]),
    ("two lower bounds", [V(100, "more-than"), V(500, "at-least")], ["consistent"]),
    ("a value inside a range", [V(low=15, high=20), V(18)], ["consistent"]),
    ("a value outside a range", [V(low=15, high=20), V(21)], ["conflicting"]),
    ("ranges that touch", [V(low=15, high=20), V(low=20, high=25)], ["consistent"]),
    ("ranges apart", [V(low=15, high=20), V(low=21, high=25)], ["conflicting"]),
    ("about 100 reaches 110", [V(100, "about"), V(110)], ["consistent"]),
    ("about 100 stops short of 111", [V(100, "about"), V(111)], ["conflicting"]),
    ("about 100 reaches 90", [V(100, "about"), V(90)], ["consistent"]),
    ("about 100 stops short of 89", [V(100, "about"), V(89)], ["conflicting"]),
    ("about 100 twice", [V(100, "about"), V(100, "about")], ["corroborated"]),
    ("about 100 and about 105 each within the other", [V(100, "about"), V(105, "about")], ["corroborated"]),
    ("about 100 and about 122 overlap but differ", [V(100, "about"), V(122, "about")], ["consistent"]),
    ("about 100 and about 123 are apart", [V(100, "about"), V(123, "about")], ["conflicting"]),
    ("miles and kilometres agree", [V(12, unit="miles"), V(19.312128, unit="km")], ["corroborated"]),
    ("miles and kilometres differ", [V(12, unit="miles"), V(19, unit="km")], ["conflicting"]),
    ("twelve months are a year", [V(12, unit="months"), V(1, unit="years")], ["corroborated"]),
    ("21 months against about two years",
     [V(21, unit="months"), V(2, "about", unit="years")], ["conflicting"]),
    ("different dates make a series",
     [V(70000, as_of="2022-02"), V(500, as_of="2023-06")], ["series"]),
    ("one month, two values", [V(700, as_of="2023-06"), V(500, as_of="2023-06")], ["conflicting"]),
    ("a year holds its months", [V(700, as_of="2023"), V(500, as_of="2023-06")], ["conflicting"]),
    ("a series whose dated values agree within a date",
     [V(100, as_of="2022-02"), V(100, as_of="2022-02"), V(500, as_of="2023-06")], ["series"]),
    ("a conflict at one date outweighs the series",
     [V(100, as_of="2022-02"), V(200, as_of="2022-02"), V(500, as_of="2023-06")], ["conflicting"]),
    ("one claimant through two outlets counts once",
     [V(100, by="isw"), V(100, by="isw")], ["consistent"]),
    ("two claimants relayed via one channel count once",
     [V(100, by="isw", via="tass"), V(100, by="michael-kofman", via="tass")], ["consistent"]),
    ("an outlet repeating its own figure", [V(100, outlet="tass"), V(100, outlet="tass")], ["consistent"]),
    ("the outlet and a claimant it quotes are two sources",
     [V(100, outlet="tass"), V(100, by="isw", outlet="tass")], ["corroborated"]),
    ("a repeated claimant and an independent source",
     [V(100, by="isw"), V(100, by="isw"), V(100, by="michael-kofman")], ["corroborated"]),
    ("different references are never judged together",
     [V(100, reference="a"), V(500, reference="b")], ["single", "single"]),
    ("a reference and none", [V(100, reference="a"), V(500)], ["single", "single"]),
    ("one reference, two values", [V(100, reference="a"), V(500, reference="a")], ["conflicting"]),
    ("a conflict inside one brief", [V(2, brief="wp"), V(1, brief="wp", by="isw")], ["conflicting"]),
    ("one brief repeating its own number", [V(100, brief="wp"), V(100, brief="wp")], ["consistent"]),
    ("an unknown unit is not compared", [V(100), V(5, unit="bananas")], ["consistent"]),
    ("one conflict among agreeing values", [V(100), V(100), V(300)], ["conflicting"]),
]


@pytest.mark.parametrize(("values", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_verdict(values: list[V], expected: list[str]) -> None:
    assert verdicts(values) == expected


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


def test_a_fixed_metric_compares_values_whatever_their_dates() -> None:
    dated = [V(70000, as_of="2022-02"), V(500, as_of="2023-06")]
    assert verdicts(dated, fixed=True) == ["conflicting"]
    same = [V(60000, as_of="2022-02"), V(60000, as_of="2025-11")]
    assert verdicts(same, fixed=True) == ["corroborated"]


def test_the_common_interval_of_consistent_values() -> None:
    refs = refs_of([V(100, "more-than"), V(low=90, high=150), V(120, "about")])
    (comparison,) = compare_all(refs).values()
    assert comparison.verdict == "consistent"
    common = comparison.common
    assert common is not None
    assert common.low == pytest.approx(108) and common.low_inclusive
    assert common.high == pytest.approx(132) and common.high_inclusive
    refs = refs_of([V(100, "more-than"), V(low=90, high=150)])
    (comparison,) = compare_all(refs).values()
    assert comparison.common is not None and comparison.common.low_inclusive is False


def test_corroboration_names_one_figure_per_independent_source() -> None:
    refs = refs_of([V(100, by="isw"), V(100, by="isw"), V(100, by="michael-kofman")])
    (comparison,) = compare_all(refs).values()
    (agreement,) = comparison.agreements
    assert len(agreement.refs) == 3
    assert sorted(r.figure.claimed_by for r in agreement.sources) == ["isw", "michael-kofman"]


# --- properties ------------------------------------------------------------------

QUALIFIERS = ("exact", "about", "at-least", "more-than", "up-to", "fewer-than")
values_strategy = st.builds(
    V,
    value=st.integers(1, 40).map(float),
    q=st.sampled_from(QUALIFIERS),
    as_of=st.sampled_from([None, "2025-10", "2025-11", "2025"]),
    by=st.sampled_from([None, "isw", "michael-kofman"]),
    via=st.sampled_from([None, "tass"]),
    outlet=st.sampled_from([None, "tass", "washington-post"]),
    brief=st.sampled_from([None, "shared"]),
)


def _verdict(refs: list[FigureRef]) -> str:
    (comparison,) = compare_all(refs).values()
    return comparison.verdict


@given(st.lists(values_strategy, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_the_verdict_does_not_depend_on_the_order_of_values(values: list[V], rnd) -> None:
    refs = refs_of(values)
    shuffled = list(refs)
    rnd.shuffle(shuffled)
    assert _verdict(shuffled) == _verdict(refs)


@given(st.lists(values_strategy, min_size=1, max_size=8), values_strategy)
def test_adding_a_value_never_turns_conflicting_into_consistent(values: list[V], extra: V) -> None:
    before = _verdict(refs_of(values))
    after = _verdict(refs_of([*values, extra]))
    if before == "conflicting":
        assert after == "conflicting"
    if after in ("consistent", "corroborated"):
        assert before != "conflicting"
