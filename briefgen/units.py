"""Unit families: the kinds of quantity that figures can be compared on.

Families and units are data: briefgen/defaults/units.yml gives every project
the common ones (counts, distances, shares, money per currency, magnitudes,
areas, energy, masses, rates), and a project's data/units.yml may add or change
them (read and checked by `read/load.py`). This module holds the families in
force for the corpus being built: the loader sets them with `use_families`
once data/units.yml is read, before anything is drawn or written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files as package_files
from typing import Any

import yaml

# Where the defaults live, for messages and for the loader.
DEFAULTS_RESOURCE = ("briefgen", "defaults/units.yml")

# Numbers of a million or more, written in words for families that ask for it.
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@dataclass(frozen=True)
class Family:
    """What one family of units is measured in and how its values read."""

    name: str
    base: str = ""  # the base unit: "" for a plain count
    noun: str = ""  # "a distance"
    title: str = ""  # heading of its overview charts
    maximum: float | None = None  # in the base unit; None: no ceiling
    display: str = ""  # "{n}%"; "" for the number, a space and the base
    in_words: bool = False  # "103.6 billion" rather than "103,600,000,000"

    def written(self, number: str) -> str:
        """A number in the base unit as pages write it: "12%", "8:1", "$103.6 billion", "15 km"."""
        if self.display:
            return self.display.replace("{n}", number)
        return f"{number} {self.base}" if self.base else number


def family_from_mapping(name: str, values: Mapping[str, Any]) -> Family:
    maximum = values.get("max")
    return Family(
        name,
        base=str(values.get("base") or ""),
        noun=str(values.get("noun") or f"a {name}"),
        title=str(values.get("title") or name.replace("-", " ").capitalize()),
        maximum=float(maximum) if maximum is not None else None,
        display=str(values.get("display") or ""),
        in_words=bool(values.get("in_words", False)),
    )


def default_units_text() -> str:
    package, path = DEFAULTS_RESOURCE
    return package_files(package).joinpath(path).read_text(encoding="utf-8")


def _default_families() -> dict[str, Family]:
    data = yaml.safe_load(default_units_text())
    return {name: family_from_mapping(name, values) for name, values in data["families"].items()}


DEFAULT_FAMILIES: Mapping[str, Family] = _default_families()
_in_force: dict[str, Family] = dict(DEFAULT_FAMILIES)


def use_families(families: Mapping[str, Family]) -> None:
    """Make these the families in force (the defaults plus a project's own)."""
    _in_force.clear()
    _in_force.update(families)


def families() -> Mapping[str, Family]:
    """The families in force, by name."""
    return _in_force


def family_of(name: str | None) -> Family:
    """The family called `name`; an unnamed, plain one when it is not known."""
    return _in_force.get(name or "") or Family(name or "")


def base_of(name: str | None) -> str:
    """The base unit of a family: "" for a count or an unknown family."""
    return family_of(name).base


def unit_key(written: str) -> str:
    """The name data/units.yml lists a unit under, for a unit as a brief writes it."""
    return written.strip().lower()


def in_words(value: float, plain: str) -> str:
    """`value` as "103.6 billion" when it is a million or more; else `plain`, the usual form."""
    if not math.isfinite(value):
        return plain
    for scale, word in _SCALE_WORDS:
        if abs(value) >= scale:
            scaled = round(value / scale, 6)
            number = f"{scaled:,.6f}".rstrip("0").rstrip(".")
            return f"{number} {word}"
    return plain
