"""Figures as data: normalised bounds, periods and how a figure reads.

A figure is read into a `Reading`: the interval of normalised values that the
article's wording allows. Bounds stay bounds ("more than 100,000" is the open
interval (100000, ∞)), nothing is rounded, and the value as written is always
kept beside it. Comparing figures across briefs is comparisons.py's job; no
matplotlib here: charts.py draws what these readings say.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from briefgen.model import DEFAULT_VOCABULARY, Brief, Figure, PartialDate, Vocabulary
from briefgen.units import base_of, family_of, in_words

# "about X" is taken to mean X ± 10 %. The tolerance widens an approximate
# reading only when two readings are compared; the stored bounds stay as written.
APPROXIMATE_TOLERANCE = 0.10

# Every unit family in units.py measures a non-negative quantity, so "up to 120"
# and "fewer than 15,000" are read as starting at 0 rather than at -∞.
FLOOR = 0.0

_LOWER_BOUNDS = {"at-least": True, "more-than": False}  # qualifier -> inclusive
_UPPER_BOUNDS = {"up-to": True, "fewer-than": False}


@dataclass(frozen=True)
class Reading:
    """The interval of normalised values a figure allows.

    `low`/`high` are in the family's base unit; None means unbounded on that
    side. `approximate` marks "about" figures, widened by APPROXIMATE_TOLERANCE
    when compared. `family` is None when the unit is not known.
    """

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    approximate: bool = False
    family: str | None = None

    @property
    def is_point(self) -> bool:
        """True for a single value (exact or approximate)."""
        return self.low is not None and self.high is not None and same(self.low, self.high)

    @property
    def base_unit(self) -> str:
        return base_of(self.family)


@dataclass(frozen=True)
class FigureRef:
    """A figure together with the brief it comes from."""

    brief: Brief
    figure: Figure

    @property
    def key(self) -> tuple[str, str]:
        return (self.brief.id, self.figure.id)


# --- numbers as written ---------------------------------------------------


def format_number(value: float) -> str:
    """A number with thousands separators, integral values without decimals.

    Non-integral values keep up to six decimals: display only, never data.
    """
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _with_unit(number: str, unit: str, display: str = "") -> str:
    # A unit's `display` in data/units.yml places the number ("{n}%", "${n}");
    # every other unit is printed as the article wrote it, after the number.
    unit = unit.strip()
    if display:
        return display.replace("{unit}", unit).replace("{n}", number)
    return f"{number} {unit}" if unit else number


def _number_as_written(value: float, figure: Figure) -> str:
    family = family_of(figure.known_unit.family if figure.known_unit else None)
    plain = format_number(value)
    return in_words(value, plain) if family.in_words else plain


def as_written(figure: Figure, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """The figure as the article put it: "more than 70,000 people", "15–20 groups per day"."""
    if figure.value is not None:
        number = _number_as_written(figure.value, figure)
    elif figure.low is not None and figure.high is not None:
        number = f"{_number_as_written(figure.low, figure)}–{_number_as_written(figure.high, figure)}"
    else:  # an invalid figure: say so rather than crash
        known = figure.low if figure.low is not None else figure.high
        number = format_number(known) if known is not None else "?"
    words = vocabulary.words(figure.qualifier)
    unit = figure.unit
    if figure.value == 1:
        unit = _singular(unit)
    text = _with_unit(number, unit, figure.known_unit.display if figure.known_unit else "")
    return f"{words} {text}" if words else text


def _singular(unit: str) -> str:
    # "1 years" → "1 year": the unit is written for the plural; only its first
    # word takes the number ("1 tonne per year").
    first, _, rest = unit.partition(" ")
    if first.endswith("s") and not first.endswith("ss") and len(first) > 2:
        first = first[:-1]
    return f"{first} {rest}" if rest else first




# --- readings and comparison ----------------------------------------------


def reading(figure: Figure) -> Reading:
    """Normalise a figure into the base unit of its family as an interval.

    A bound qualifier on a range uses the range's near end ("at least 15-20"
    means at least 15). An unknown unit keeps the numbers as they are, with
    family None, so callers can refuse to compare it.
    """
    unit = figure.known_unit
    factor = unit.factor if unit else 1.0
    family = unit.family if unit else None
    low: float | None
    high: float | None
    if figure.value is not None:
        low = high = figure.value * factor
    else:
        low = figure.low * factor if figure.low is not None else None
        high = figure.high * factor if figure.high is not None else None
        if low is not None and high is not None and low > high:
            low, high = high, low
    q = figure.qualifier
    if q in _LOWER_BOUNDS:
        start = low if low is not None else high
        return Reading(start, None, _LOWER_BOUNDS[q], False, False, family)
    if q in _UPPER_BOUNDS:
        end = high if high is not None else low
        return Reading(FLOOR, end, True, _UPPER_BOUNDS[q], False, family)
    return Reading(low, high, True, True, q == "about", family)


def same(x: float, y: float) -> bool:
    """Equal up to float noise (relative 1e-9)."""
    # Unit factors such as 1/7 leave float noise; equal means equal to 1e-9.
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def widened(r: Reading) -> Reading:
    """An "about" reading widened by APPROXIMATE_TOLERANCE; others as they are."""
    if not r.approximate:
        return r
    low = r.low * (1 - APPROXIMATE_TOLERANCE) if r.low is not None else None
    high = r.high * (1 + APPROXIMATE_TOLERANCE) if r.high is not None else None
    return Reading(low, high, True, True, False, r.family)


def compatible(a: Reading, b: Reading) -> bool:
    """Can both readings be true at once? (Do their intervals intersect?)

    Approximate readings are widened by APPROXIMATE_TOLERANCE first. At a shared
    boundary both sides must include it: "more than 100" and "exactly 100" are
    not compatible, "at least 100" and "exactly 100" are. Families are not
    checked here; compare readings of one family only.
    """
    a, b = widened(a), widened(b)
    # The intersection's lower end: the larger low, inclusive only if every
    # reading sitting at that value includes it.
    lows = [(x.low, x.low_inclusive) for x in (a, b) if x.low is not None]
    highs = [(x.high, x.high_inclusive) for x in (a, b) if x.high is not None]
    if not lows or not highs:
        return True
    low = max(v for v, _ in lows)
    high = min(v for v, _ in highs)
    if same(low, high):
        return all(inc for v, inc in lows + highs if same(v, low))
    return low < high


# --- periods ----------------------------------------------------------------


def period(ref: FigureRef) -> tuple[dt.date, dt.date] | None:
    """The days a figure speaks of: its as_of, else its brief's publication
    date, else None (unknown)."""
    when: PartialDate | None = ref.figure.as_of or ref.brief.published.date
    if when is None:
        return None
    try:
        return (when.first_day(), when.last_day())
    except ValueError:  # an impossible date in an invalid model
        return None


def periods_overlap(a: FigureRef, b: FigureRef) -> bool:
    """Could the two figures describe the same moment? Unknown periods could."""
    pa, pb = period(a), period(b)
    if pa is None or pb is None:
        return True
    return pa[0] <= pb[1] and pb[0] <= pa[1]


def converted(value: float) -> str:
    """A normalised value to four significant figures: "639.2", "60,000"."""
    # A converted value (months → days, miles → km) is shown to four significant
    # figures: the conversion factor is not more precise than that.
    if float(value).is_integer():
        return format_number(value)
    return format_number(float(f"{value:.4g}"))


def _in_base(value: float, r: Reading) -> str:
    family = family_of(r.family)
    plain = converted(value)
    return in_words(value, plain) if family.in_words else plain


def _with_base(prefix: str, numbers: list[str], r: Reading) -> str:
    """Numbers in the base unit with the family's unit: "≥ 200 km", "15–20%", "≈ $1.2–$1.5 billion".

    A unit that follows the number ("km", "%") is written once, after the last
    number; one that comes first ("$") goes before each.
    """
    family = family_of(r.family)
    if family.display and not family.display.startswith("{n}"):
        return prefix + "–".join(family.written(n) for n in numbers)
    return prefix + family.written("–".join(numbers))


def interval_text(r: Reading) -> str:
    """An interval of normalised values in words and symbols: "54,000–66,000",
    "> 100 and ≤ 120 km", "≥ 200", "60,000 people"."""
    low = r.low if r.low is not None and not (r.low == FLOOR and r.low_inclusive) else None
    if low is None and r.high is None:
        return "any value"
    if r.high is None:
        return _with_base("≥ " if r.low_inclusive else "> ", [_in_base(low or 0.0, r)], r)
    if low is None:
        return _with_base("≤ " if r.high_inclusive else "< ", [_in_base(r.high, r)], r)
    if same(low, r.high):
        return _with_base("", [_in_base(low, r)], r)
    if r.low_inclusive and r.high_inclusive:
        return _with_base("", [_in_base(low, r), _in_base(r.high, r)], r)
    lower = ("≥ " if r.low_inclusive else "> ") + _in_base(low, r)
    return lower + " and " + _with_base("≤ " if r.high_inclusive else "< ", [_in_base(r.high, r)], r)


def normalised_text(figure: Figure, r: Reading | None = None) -> str:
    """The figure in the family's base unit: "≥ 200", "> 100,000", "≈ 500", "15–20 km"."""
    r = r or reading(figure)  # pass the reading when it is at hand (the index has them all)

    def unit(prefix: str, *numbers: str) -> str:
        if r.family is None:
            return prefix + "–".join(numbers) + " (unit not known)"
        return _with_base(prefix, list(numbers), r)

    if figure.qualifier in _LOWER_BOUNDS and r.low is not None:
        return unit("≥ " if r.low_inclusive else "> ", _in_base(r.low, r))
    if figure.qualifier in _UPPER_BOUNDS and r.high is not None:
        return unit("≤ " if r.high_inclusive else "< ", _in_base(r.high, r))
    if r.low is None or r.high is None:
        return "?"
    approx = "≈ " if r.approximate else ""
    if r.is_point:
        return unit(approx, _in_base(r.low, r))
    return unit(approx, _in_base(r.low, r), _in_base(r.high, r))
