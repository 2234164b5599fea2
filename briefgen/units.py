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
