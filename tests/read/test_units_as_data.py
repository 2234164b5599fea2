"""Unit families and units are data: briefgen/defaults/units.yml under a project's data/units.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.analyse.figures import as_written, normalised_text, reading
from briefgen.model import Figure
from briefgen.read.load import InvalidData, load_corpus, load_units
from briefgen.units import unit_key

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def project(tmp_path: Path, units: str | None = None, metrics: str = "") -> Path:
    shutil.copytree(MINI / "data", tmp_path / "data")
    if units is not None:
        (tmp_path / "data" / "units.yml").write_text(units, encoding="utf-8")
    if metrics:
        with (tmp_path / "data" / "metrics.yml").open("a", encoding="utf-8") as out:
            out.write(metrics)
    return tmp_path / "data"


def set_figure(data: Path, metric: str, value: str, unit: str) -> None:
    path = data / "briefs" / "alpha.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    metric: population-prewar\n", f"    metric: {metric}\n", 1)
    text = text.replace("    value: 60000\n", f"    value: {value}\n", 1)
    text = text.replace("    unit: people\n", f"    unit: {unit}\n", 1)
    path.write_text(text, encoding="utf-8")


def only_figure(data: Path) -> Figure:
    corpus = load_corpus(data, display_root=data.parent)
    brief = next(b for b in corpus.briefs if b.id == "alpha")
    return brief.figures[0]


DAMAGE = """damage:
  label: Damage
  family: money-usd
  description: What the destruction is estimated to cost.
"""


def test_a_hundred_billion_dollars_is_accepted_and_written_in_words(tmp_path: Path) -> None:
    data = project(tmp_path, metrics=DAMAGE)
    set_figure(data, "damage", "103600000000", "USD")
    figure = only_figure(data)
    assert as_written(figure) == "$103.6 billion"
    assert normalised_text(figure) == "$103.6 billion"
    assert reading(figure).family == "money-usd" and reading(figure).base_unit == "USD"


@pytest.mark.parametrize(("unit", "shown"), [
    ("EUR", "€2.5 billion"), ("GBP", "£2.5 billion"), ("UAH", "₴2.5 billion"), ("RUB", "₽2.5 billion"),
    ("USD", "$2.5 billion"),
])
def test_every_default_currency_reads_with_its_sign(tmp_path: Path, unit: str, shown: str) -> None:
    units = {u.name: u for u in load_units(project(tmp_path))}
    figure = Figure("f", "m", "s", unit, value=2_500_000_000, known_unit=units[unit_key(unit)])
    assert as_written(figure) == shown


def test_amounts_in_two_currencies_are_two_families(tmp_path: Path) -> None:
    units = {u.name: u for u in load_units(project(tmp_path))}
    assert units["usd"].family != units["eur"].family


def test_a_rate_makes_a_currency_a_unit_of_another(tmp_path: Path) -> None:
    data = project(tmp_path, "units:\n  people: {family: count, factor: 1}\n"
                             "  eur: {family: money-usd, factor: 1.08, display: \"€{n}\"}\n", DAMAGE)
    set_figure(data, "damage", "1000000", "EUR")
    figure = only_figure(data)
    assert as_written(figure) == "€1 million"
    assert normalised_text(figure) == "$1.08 million"


def test_magnitude_is_a_scale_of_its_own_not_a_ratio(tmp_path: Path) -> None:
    metric = ("magnitude:\n  label: Magnitude\n  family: magnitude\n"
              "  description: How strong.\n  fixed: true\n")
    data = project(tmp_path, metrics=metric)
    set_figure(data, "magnitude", "7.8", "Mw")
    figure = only_figure(data)
    assert as_written(figure) == "7.8 Mw"
    assert normalised_text(figure) == "7.8 Mw"
    assert reading(figure).family == "magnitude" and reading(figure).base_unit == "Mw"


def test_a_magnitude_beyond_its_family_ceiling_is_refused(tmp_path: Path) -> None:
    metric = "magnitude:\n  label: Magnitude\n  family: magnitude\n  description: How strong.\n"
    data = project(tmp_path, metrics=metric)
    set_figure(data, "magnitude", "78", "Mw")
    with pytest.raises(InvalidData, match="is more than a moment magnitude can be: the limit is 11 Mw"):
        load_corpus(data, display_root=tmp_path)


def test_a_count_has_no_global_ceiling_but_a_metric_may_set_one(tmp_path: Path) -> None:
    data = project(tmp_path)
    set_figure(data, "population-prewar", "20000000000", "people")
    assert only_figure(data).value == 20_000_000_000
    capped = tmp_path / "capped"
    capped.mkdir()
    data = project(capped)
    metrics = data / "metrics.yml"
    text = metrics.read_text("utf-8").replace("  fixed: true\n", "  fixed: true\n  max: 9000000000\n", 1)
    metrics.write_text(text, encoding="utf-8")
    set_figure(data, "population-prewar", "20000000000", "people")
    with pytest.raises(InvalidData, match=r"the limit is 9,000,000,000 \(the metric's `max`\)"):
        load_corpus(data, display_root=capped)


def test_a_project_declares_a_family_of_its_own(tmp_path: Path) -> None:
    units = """families:
  intensity: {base: MMI, noun: an intensity, title: Intensities, max: 12, display: "MMI {n}"}
units:
  people: {family: count, factor: 1}
  mmi: {family: intensity, factor: 1, display: "MMI {n}"}
"""
    metric = "shaking:\n  label: Shaking\n  family: intensity\n  description: How hard the ground shook.\n"
    data = project(tmp_path, units, metric)
    set_figure(data, "shaking", "9", "MMI")
    figure = only_figure(data)
    assert as_written(figure) == "MMI 9"
    assert normalised_text(figure) == "MMI 9"
    corpus = load_corpus(data, display_root=data.parent)
    assert corpus.family("intensity").title == "Intensities"
    assert corpus.family("count") in corpus.families  # the defaults stay
    # Families are the corpus's, not the process's: another corpus loaded
    # meanwhile does not change how this one's figures read.
    other = project(tmp_path / "other")
    others = load_corpus(other, display_root=other.parent).families
    assert "intensity" not in {family.name for family in others}
    assert as_written(figure) == normalised_text(figure) == "MMI 9"


def test_an_unknown_family_names_the_file_and_lists_the_families(tmp_path: Path) -> None:
    units = "units:\n  people: {family: count, factor: 1}\n  mmi: {family: intensty, factor: 1}\n"
    data = project(tmp_path, units)
    with pytest.raises(InvalidData) as caught:
        load_corpus(data, display_root=tmp_path)
    message = str(caught.value)
    assert "data/units.yml:3" in message and "mmi.family: unknown family `intensty`" in message
    assert "declare it under `families:` in data/units.yml" in message and "money-usd" in message


def test_a_flat_units_file_with_a_unit_called_units_is_still_flat(tmp_path: Path) -> None:
    data = project(tmp_path, "people: {family: count, factor: 1}\nunits: {family: count, factor: 1}\n")
    assert {"people", "units", "usd"} <= {u.name for u in load_units(data)}


def test_a_default_unit_named_again_keeps_what_it_leaves_out(tmp_path: Path) -> None:
    units = {u.name: u for u in load_units(project(tmp_path, "percent: {family: percent, factor: 1}\n"))}
    assert units["percent"].display == "{n}%"
