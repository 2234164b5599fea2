"""Unit families: the kinds of quantity that figures can be compared on.

Families and units are data: briefgen/defaults/units.yml gives every project
the common ones (counts, distances, shares, money per currency, magnitudes,
areas, energy, masses, rates), and a project's data/units.yml may add or change
them (read and checked by `read/load.py`). This module holds the families in
families, and the loader gives each unit of a corpus its family
(`Unit.kind`), so every later stage reads a unit's family from the corpus it
is given: nothing here changes while a process runs, and two corpora in one
process (a server's rebuilds, the tests) never see each other's families.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files as package_files
from types import MappingProxyType
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
    # A scale, not an amount (a magnitude, an intensity): its zero is no
    # "none of it", so charts draw its values as dots on an axis fitted to
    # them, never as bars from 0.
    scale: bool = False

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
        scale=bool(values.get("scale", False)),
    )


def default_units_text() -> str:
    package, path = DEFAULTS_RESOURCE
    return package_files(package).joinpath(path).read_text(encoding="utf-8")


def _default_families() -> dict[str, Family]:
    data = yaml.safe_load(default_units_text())
    return {name: family_from_mapping(name, values) for name, values in data["families"].items()}


DEFAULT_FAMILIES: Mapping[str, Family] = MappingProxyType(_default_families())
PLAIN = Family("")  # what a value without a known unit is read in: a plain number


def family_named(name: str | None, families: Mapping[str, Family] = DEFAULT_FAMILIES) -> Family:
    """The family called `name` among `families`; an unnamed, plain one when it is not there."""
    return families.get(name or "") or Family(name or "")


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
