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
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from briefgen.model import DEFAULT_VOCABULARY, Brief, Figure, PartialDate, Vocabulary
from briefgen.units import PLAIN, Family, family_named, in_words

# How far "about X" and "nearly X" reach from X (see `tolerance`): half a step
# of the number's last significant digit ("about 2 years" was rounded from
# somewhere between 1.5 and 2.5), never less than APPROXIMATE_TOLERANCE of X
# (the floor: "about 32,000" still reaches 3,200 either way) and never more
# than APPROXIMATE_CAP of X ("about 100" is not 50 to 150). "About" reaches
# both ways, "nearly" only below. The tolerance widens a reading only when two
# readings are compared; the stored bounds stay as written.
APPROXIMATE_TOLERANCE = 0.10
APPROXIMATE_CAP = 0.25
# Qualifiers whose number is rounded: "≈" on pages, widened when compared.
APPROXIMATE_QUALIFIERS = frozenset({"about", "nearly"})
# A converted value (months → days, miles → km) is shown to the significant
# digits of the number as written, at least this many: "2 years" is "731 days",
# "120 miles" is "193 km", never "730.5 days" or "193.1 km".
MIN_SHOWN_DIGITS = 3

# Every unit family in units.py measures a non-negative quantity, so "up to 120"
# and "fewer than 15,000" are read as starting at 0 rather than at -∞.
FLOOR = 0.0

_LOWER_BOUNDS = {"at-least": True, "more-than": False}  # qualifier -> inclusive
_UPPER_BOUNDS = {"up-to": True, "fewer-than": False}


@dataclass(frozen=True)
class Reading:
    """The interval of normalised values a figure allows.

    `low`/`high` are in the family's base unit; None means unbounded on that
    side. `approximate` marks "about" and "nearly" figures, widened by
    `slack_low` below and `slack_high` above (base units, see `tolerance`)
    when compared. `family` is None when the unit is not known. `digits`: the
    significant digits a converted value is shown to (0: as it is).
    """

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    approximate: bool = False
    family: str | None = None
    slack_low: float = 0.0
    slack_high: float = 0.0
    digits: int = 0
    # The family itself, from the unit (its base unit, how its numbers read):
    # what `family` names, carried so that nothing looks families up elsewhere.
    kind: Family | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # A reading made in code with a family's name only reads as briefgen's default of that name.
        if self.kind is None and self.family is not None:
            object.__setattr__(self, "kind", family_named(self.family))

    @property
    def is_point(self) -> bool:
        """True for a single value (exact or approximate)."""
        return self.low is not None and self.high is not None and same(self.low, self.high)

    @property
    def base_unit(self) -> str:
        return self.kind.base if self.kind else ""


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
    plain = format_number(value)
    return in_words(value, plain) if figure.known_unit and figure.known_unit.kind.in_words else plain


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
    family, kind = (unit.family, unit.kind) if unit else (None, None)
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
    digits = shown_digits(figure) if factor != 1 else 0
    if q in _LOWER_BOUNDS:
        start = low if low is not None else high
        return Reading(start, None, _LOWER_BOUNDS[q], False, False, family, digits=digits, kind=kind)
    if q in _UPPER_BOUNDS:
        end = high if high is not None else low
        return Reading(FLOOR, end, True, _UPPER_BOUNDS[q], False, family, digits=digits, kind=kind)
    if q not in APPROXIMATE_QUALIFIERS or low is None or high is None:
        return Reading(low, high, True, True, False, family, digits=digits, kind=kind)
    below = tolerance(low / factor) * factor
    above = tolerance(high / factor) * factor if q == "about" else 0.0
    return Reading(low, high, True, True, True, family, below, above, digits, kind)


def rounding_step(number: float) -> float:
    """The place value of a number's last significant digit: 1 for 2 and 21,
    1,000 for 32,000, 0.5 for 2.5 (the step of its first decimal is 0.1)."""
    number = abs(number)
    if number == 0 or not math.isfinite(number):
        return 0.0
    text = f"{number:.6f}".rstrip("0")
    if not text.endswith("."):
        return 10.0 ** -len(text.split(".")[1])
    whole = text[:-1]
    return 10.0 ** (len(whole) - len(whole.rstrip("0")))


def tolerance(number: float) -> float:
    """How far "about `number`" reaches either way, in the unit it was written in.

    Half a step of its last significant digit, between APPROXIMATE_TOLERANCE
    and APPROXIMATE_CAP of the number: "about 2 years" reaches 0.5 years,
    "about 32,000" 3,200, "about 100" 25.
    """
    number = abs(number)
    return min(max(rounding_step(number) / 2, APPROXIMATE_TOLERANCE * number), APPROXIMATE_CAP * number)


def shown_digits(figure: Figure) -> int:
    """The significant digits a figure's converted value is shown to: as many as
    the number as written has, at least MIN_SHOWN_DIGITS."""
    numbers = [n for n in (figure.value, figure.low, figure.high) if n is not None]
    return max([MIN_SHOWN_DIGITS, *(significant_digits(n) for n in numbers)])


def significant_digits(number: float) -> int:
    """2 for 21 and 120, 1 for 60,000, 3 for 2.25."""
    text = f"{abs(number):.6f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    if decimals:
        return len((whole + decimals).lstrip("0"))
    return max(1, len(whole.strip("0")))


def same(x: float, y: float) -> bool:
    """Equal up to float noise (relative 1e-9)."""
    # Unit factors such as 1/7 leave float noise; equal means equal to 1e-9.
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def widened(r: Reading) -> Reading:
    """An "about" or "nearly" reading widened by its tolerance; others as they are."""
    if not r.approximate:
        return r
    low = max(FLOOR, r.low - r.slack_low) if r.low is not None else None
    high = r.high + r.slack_high if r.high is not None else None
    return Reading(low, high, True, True, False, r.family, digits=r.digits, kind=r.kind)


def compatible(a: Reading, b: Reading) -> bool:
    """Can both readings be true at once? (Do their intervals intersect?)

    Approximate readings are widened by their tolerance first. At a shared
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


def moments(ref: FigureRef) -> tuple[int, int] | None:
    """The minutes a figure speaks of (see PartialDate.minutes): its as_of,
    else its brief's publication date, else None. Finer than `period` when
    the as_of gives the time of day: a morning and an evening toll of one day
    do not overlap."""
    when: PartialDate | None = ref.figure.as_of or ref.brief.published.date
    if when is None:
        return None
    try:
        return when.minutes()
    except ValueError:  # an impossible date in an invalid model
        return None


def periods_overlap(a: FigureRef, b: FigureRef) -> bool:
    """Could the two figures describe the same moment? Unknown periods could."""
    pa, pb = moments(a), moments(b)
    if pa is None or pb is None:
        return True
    return pa[0] <= pb[1] and pb[0] <= pa[1]


def converted(value: float, digits: int = 4) -> str:
    """A normalised value to `digits` significant figures (0: as it is):
    "639", "60,000"."""
    # A converted value (months → days, miles → km) is no more precise than the
    # number it came from (see MIN_SHOWN_DIGITS); integral values stay whole.
    if digits <= 0 or (float(value).is_integer() and abs(value) < 10 ** digits) or value == 0:
        return format_number(value)
    # Half up, as a reader rounds: 730.5 days is "731", not "730".
    exact = Decimal(repr(float(value)))
    rounded = float(exact.quantize(Decimal(1).scaleb(exact.adjusted() - digits + 1), ROUND_HALF_UP))
    return format_number(round(rounded) if abs(rounded) >= 10 ** (digits - 1) else rounded)


def _in_base(value: float, r: Reading) -> str:
    """A value in the base unit at the precision it was written to; "103.6 billion"
    for a family written in words."""
    plain = converted(value, r.digits)
    return in_words(value, plain) if r.kind and r.kind.in_words else plain


def _with_base(prefix: str, numbers: list[str], r: Reading, unit_words: str = "") -> str:
    """Numbers in the base unit with the family's unit: "≥ 200 km", "15–20%", "≈ $1.2–$1.5 billion";
    a count, which has no base unit, with what it counts (`unit_words`): "60,000 people".

    A unit that follows the number ("km", "%") is written once, after the last
    number; one that comes first ("$") goes before each.
    """
    family = r.kind or PLAIN
    if family.display and not family.display.startswith("{n}"):
        return prefix + "–".join(family.written(n) for n in numbers)
    text = prefix + family.written("–".join(numbers))
    return f"{text} {unit_words}" if unit_words and not (family.base or family.display) else text


def interval_text(r: Reading, unit_words: str = "") -> str:
    """An interval of normalised values in words and symbols: "54,000–66,000",
    "> 100 and ≤ 120 km", "≥ 200", "60,000 people" (`unit_words` names a
    count's things, which have no base unit)."""
    low = r.low if r.low is not None and not (r.low == FLOOR and r.low_inclusive) else None
    if low is None and r.high is None:
        return "any value"
    if r.high is None:
        return _with_base("≥ " if r.low_inclusive else "> ", [_in_base(low or 0.0, r)], r, unit_words)
    if low is None:
        return _with_base("≤ " if r.high_inclusive else "< ", [_in_base(r.high, r)], r, unit_words)
    if same(low, r.high):
        return _with_base("", [_in_base(low, r)], r, unit_words)
    if r.low_inclusive and r.high_inclusive:
        return _with_base("", [_in_base(low, r), _in_base(r.high, r)], r, unit_words)
    lower = ("≥ " if r.low_inclusive else "> ") + _in_base(low, r)
    return lower + " and " + _with_base("≤ " if r.high_inclusive else "< ", [_in_base(r.high, r)], r,
                                        unit_words)


def count_words(figure: Figure) -> str:
    """What a count counts, from its unit as written: "people" for "thousand
    people"; "" for other families (their base unit says it)."""
    unit = figure.known_unit
    if unit is None or unit.family != "count":
        return ""
    words = figure.unit.strip().split(" ")
    while len(words) > 1 and words[0].lower() in _MULTIPLIER_WORDS:
        words = words[1:]
    return " ".join(words)


_MULTIPLIER_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million",
                               "millions", "billion", "billions"})


def normalised_text(figure: Figure, r: Reading | None = None) -> str:
    """The figure in the family's base unit, at the precision it was written
    to: "≥ 200 troops", "> 100,000 people", "≈ 500 civilians", "15–20 km",
    "nearly 731 days"."""
    r = r or reading(figure)  # pass the reading when it is at hand (the index has them all)
    words = count_words(figure)

    def unit(prefix: str, *numbers: str) -> str:
        if r.family is None:
            return prefix + "–".join(numbers) + " (unit not known)"
        return _with_base(prefix, list(numbers), r, words)

    if figure.qualifier in _LOWER_BOUNDS and r.low is not None:
        return unit("≥ " if r.low_inclusive else "> ", _in_base(r.low, r))
    if figure.qualifier in _UPPER_BOUNDS and r.high is not None:
        return unit("≤ " if r.high_inclusive else "< ", _in_base(r.high, r))
    if r.low is None or r.high is None:
        return "?"
    approx = ("nearly " if figure.qualifier == "nearly" else "≈ ") if r.approximate else ""
    if r.is_point:
        return unit(approx, _in_base(r.low, r))
    return unit(approx, _in_base(r.low, r), _in_base(r.high, r))
