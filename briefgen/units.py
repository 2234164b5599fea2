"""Units as articles write them, grouped into families that can be compared.

Each unit maps to its family and the factor that converts it to the family's
base unit, so "12 miles" and "19 km" land on one axis. The value as written is
always kept beside the normalised one; this table only serves comparison.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    name: str
    family: str
    factor: float  # multiply a value in this unit by this to get the base unit


# The base unit of each family, shown on chart axes.
FAMILY_BASE: dict[str, str] = {
    "count": "",
    "distance": "km",
    "percent": "%",
    "ratio": ":1",
    "daily-rate": "per day",
    "duration": "days",
    "mass-rate": "tonnes per year",
}

_COUNT_NOUNS = (
    "people", "troops", "soldiers", "civilians", "residents", "casualties",
    "brigades", "regiments", "units", "groups", "vehicles", "drones", "attacks",
    "assaults", "settlements", "items",
)

UNITS: dict[str, Unit] = {}


def _add(name: str, family: str, factor: float = 1.0) -> None:
    UNITS[name] = Unit(name, family, factor)


for _noun in _COUNT_NOUNS:
    _add(_noun, "count")
    _add(f"thousand {_noun}", "count", 1_000)
_add("km", "distance")
_add("kilometres", "distance")
_add("m", "distance", 0.001)
_add("miles", "distance", 1.609344)
_add("percent", "percent")
_add("ratio", "ratio")
_add("per day", "daily-rate")
_add("people per day", "daily-rate")
_add("troops per day", "daily-rate")
_add("groups per day", "daily-rate")
_add("per week", "daily-rate", 1 / 7)
_add("per month", "daily-rate", 1 / 30.4375)
_add("days", "duration")
_add("weeks", "duration", 7)
_add("months", "duration", 30.4375)
_add("years", "duration", 365.25)
_add("tonnes per year", "mass-rate")
_add("million tonnes per year", "mass-rate", 1_000_000)

FAMILIES: tuple[str, ...] = tuple(sorted(FAMILY_BASE))


def unit_named(name: str) -> Unit | None:
    """The unit an article's wording names, or None when it is not known."""
    return UNITS.get(name.strip().lower())
