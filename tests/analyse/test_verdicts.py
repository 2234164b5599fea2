"""The verdict on each group of comparable figures, case by case and as properties.

The cases are a table in verdict_cases.yml: a few values each, the verdict and
a part of the reason the page gives.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from briefgen.analyse.comparisons import compare_all
from briefgen.analyse.figures import FigureRef
from briefgen.analyse.reasons import Reasons
from tests.corpus_factory import DEFAULT_ENTITIES, brief, figure


@dataclass(frozen=True)
class V:
    """One value in a case: the figure, and where it comes from.

    Each value gets a brief, an outlet and an identified claimant of its own
    unless `brief`, `outlet` or `by` says otherwise: `by=""` is an unattributed
    value, `outlet=""` a brief whose outlet is unknown.
    """

    value: float | None = None
    q: str = "exact"
    low: float | None = None
    high: float | None = None
    unit: str = "people"
    as_of: str | None = None
    by: str | None = None
    origin: str | None = None
    via: str | None = None
    outlet: str | None = None
    brief: str | None = None
    reference: str | None = None


NAMES = {e.id: e.name for e in DEFAULT_ENTITIES}


def refs_of(values: list[V], metric: str = "casualties",
            names: dict[str, str] | None = None) -> list[FigureRef]:
    """The values as figures in briefs; `names` renames each brief (file names)."""
    by_brief: dict[str, list] = {}
    outlets: dict[str, str | None] = {}
    for n, v in enumerate(values):
        brief_id = v.brief or f"b{n}"
        claimant = f"src{n}" if v.by is None else (v.by or None)
        by_brief.setdefault(brief_id, []).append(figure(
            f"f{n}", metric, "pokrovsk", v.value, unit=v.unit, qualifier=v.q, low=v.low, high=v.high,
            as_of=v.as_of, claimed_by=claimant, via=v.via, reference=v.reference, source=v.origin))
        outlet = f"outlet-{brief_id}" if v.outlet is None else (v.outlet or None)
        outlets.setdefault(brief_id, outlet)
    refs = []
    for brief_id, figures in by_brief.items():
        made = brief((names or {}).get(brief_id, brief_id), *figures, outlet=outlets[brief_id])
        refs += [FigureRef(made, f) for f in made.figures]
    return refs


def judged(refs: list[FigureRef], metric: str = "casualties", fixed: bool = False):
    is_running = metric == "running"
    return compare_all(refs, fixed=frozenset({metric}) if fixed else frozenset(),
                       cumulative=frozenset({metric}) if is_running else frozenset())


def verdicts(values: list[V], metric: str = "casualties", fixed: bool = False) -> list[str]:
    """The verdict of every group the values form, by group key."""
    return [c.verdict for c in judged(refs_of(values, metric), metric, fixed).values()]


CASES: list[dict] = yaml.safe_load((Path(__file__).parent / "verdict_cases.yml").read_text(encoding="utf-8"))


def _values(case: dict) -> list[V]:
    return [V(**{k: (str(v) if k in ("as_of", "by", "outlet", "origin") and v is not None else v)
                 for k, v in value.items()}) for value in case["values"]]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_verdict(case: dict) -> None:
    metric = case.get("metric", "casualties")
    groups = judged(refs_of(_values(case), metric), metric, case.get("fixed", False))
    if "verdicts" in case:
        assert [c.verdict for c in groups.values()] == case["verdicts"]
        return
    (comparison,) = groups.values()
    assert comparison.verdict == case["verdict"]
    reason = Reasons(NAMES).of(comparison)
    assert case["reason"] in reason, reason


def test_there_are_at_least_seventy_cases() -> None:
    assert len(CASES) >= 70
    assert len({c["case"] for c in CASES}) == len(CASES)


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


def test_no_reason_names_unattributed_as_an_independent_source() -> None:
    refs = refs_of([V(100, by=""), V(100, by=""), V(100, by="isw")])
    (comparison,) = compare_all(refs).values()
    assert comparison.verdict == "consistent"
    assert comparison.agreements == ()
    assert "unattributed" not in Reasons(NAMES).of(comparison).split("Only one identified source")[0]


# --- properties ------------------------------------------------------------------

QUALIFIERS = ("exact", "about", "nearly", "at-least", "more-than", "up-to", "fewer-than")
values_strategy = st.builds(
    V,
    value=st.integers(1, 40).map(float),
    q=st.sampled_from(QUALIFIERS),
    as_of=st.sampled_from([None, "2025-10", "2025-11", "2025"]),
    by=st.sampled_from([None, "", "isw", "michael-kofman"]),
    origin=st.sampled_from([None, None, "tass"]),
    via=st.sampled_from([None, "tass"]),
    outlet=st.sampled_from([None, "", "tass", "washington-post"]),
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


@given(st.lists(values_strategy, min_size=1, max_size=8),
       st.lists(st.text("abcxyz-", min_size=1, max_size=6), min_size=9, max_size=9, unique=True),
       st.randoms(use_true_random=False))
def test_the_verdict_does_not_depend_on_brief_order_or_file_names(values: list[V], ids: list[str],
                                                                   rnd) -> None:
    before = compare_all(refs_of(values))
    names = {f"b{n}": f"{ids[n]}-{n}" for n in range(len(values))} | {"shared": ids[8] + "-s"}
    refs = refs_of(values, names=names)
    rnd.shuffle(refs)
    after = compare_all(refs)
    assert [(c.verdict, c.conflict_pairs, len(c.agreements)) for c in after.values()] == [
        (c.verdict, c.conflict_pairs, len(c.agreements)) for c in before.values()]


def _relayed(original: V, outlet: str, via_outlet: bool) -> V:
    """The same figure repeated by another outlet: same claimant and origin;
    an outlet's own figure relayed names that outlet as its claimant."""
    claimant = original.by
    if claimant is None:
        claimant = "src-relayed"  # an identified claimant the original's value gets below
    return replace(original, brief=None, outlet=outlet, by=claimant,
                   via=original.via or (original.outlet if via_outlet and original.outlet else None))


@given(st.lists(values_strategy, min_size=1, max_size=6), st.data(),
       st.sampled_from(["washington-post", "kyiv-independent", ""]), st.booleans())
def test_relaying_a_figure_never_turns_consistent_into_corroborated(values: list[V], data, outlet: str,
                                                                    via_outlet: bool) -> None:
    n = data.draw(st.integers(0, len(values) - 1))
    # Give the original a named claimant when the strategy left it to its own.
    values = [replace(v, by="src-relayed") if i == n and v.by is None else v for i, v in enumerate(values)]
    before = _verdict(refs_of(values))
    after = _verdict(refs_of([*values, _relayed(values[n], outlet, via_outlet)]))
    if before == "consistent":
        assert after != "corroborated"
