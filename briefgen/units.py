"""Unit families: the kinds of quantity that figures can be compared on.

Which units an article may write, and how each converts to its family's base
unit, is data (data/units.yml, read by `load.py`). The families stay code:
chart axes, the loader's checks and the schema depend on them.
"""

from __future__ import annotations

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

FAMILIES: tuple[str, ...] = tuple(sorted(FAMILY_BASE))


def unit_key(written: str) -> str:
    """The name data/units.yml lists a unit under, for a unit as a brief writes it."""
    return written.strip().lower()


# The largest value a figure may reach in its family's base unit: beyond these
# a number is a typo (or an attack on the chart axes), not a report. All
# families start at 0. docs/writing-a-brief.md lists the same limits.
FAMILY_MAX: dict[str, float] = {
    "count": 10_000_000_000,  # more people than live on Earth
    "distance": 100_000,  # km; two and a half times round the Earth
    "percent": 100,  # a share
    "ratio": 1_000_000,
    "daily-rate": 10_000_000_000,  # per day
    "duration": 365_250,  # days: a thousand years
    "mass-rate": 100_000_000_000,  # tonnes per year; world coal output is below 10 billion
}
