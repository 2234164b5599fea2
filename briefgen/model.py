"""The validated model: frozen dataclasses that every later stage reads.

Nothing here parses YAML or knows about MkDocs. `load.py` builds these objects
from files and is the only place that reports input errors; everything after it
may assume the model is consistent (every id it holds resolves).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from briefgen.units import DEFAULT_FAMILIES, PLAIN, Family, family_named

EntityKind = Literal["person", "place", "organisation"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "place", "organisation")
# How messages name one of each: "an organisation".
A_KIND: dict[EntityKind, str] = {"person": "a person", "place": "a place", "organisation": "an organisation"}

# Which group a claimant's numbers fall into on the "claims by side" charts:
# the defaults, when data/vocabulary.yml does not say otherwise. They assume no
# topic: a corpus about a conflict names its parties there.
SIDES: dict[str, str] = {
    "official": "Governments and officials",
    "independent": "Independent sources",
    "media": "Journalists and media",
}

# What kind of statement a claim is. What each kind means for contradictions
# is code (analyse/claims.py); how each reads is vocabulary (`claim_kinds:`).
CLAIM_KINDS: dict[str, str] = {
    "report": "report",  # how things stand, as of a date
    "assessment": "assessment",  # a judgement
    "forecast": "forecast",  # what will happen
    "denial": "denial",  # that something said is not so
}

# The Admiralty code: a source's reliability (A-F) and a piece of
# information's credibility (1-6); the words are vocabulary (`grades:`).
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

ARTICLE_TYPES: dict[str, str] = {
    "news-report": "News report",
    "analysis": "Analysis",
    "feature": "Feature",
    "opinion": "Opinion",
    "explainer": "Explainer",
}

# How a figure's number relates to the truth it reports. Bounds are kept as
# bounds: "at least 200" is never turned into an exact 200. "about" and
# "nearly" are rounded numbers ("nearly" only from below); figures.tolerance
# says how far each reaches.
QUALIFIERS: dict[str, str] = {
    "exact": "",
    "about": "about",
    "nearly": "nearly",
    "at-least": "at least",
    "more-than": "more than",
    "up-to": "up to",
    "fewer-than": "fewer than",
}


MINUTES_A_DAY = 24 * 60


@dataclass(frozen=True, order=True)
class Location:
    """Where a value sits in its source file (1-based line and column)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year; a
    figure's or claim's `as_of` may also give the time of day (hour and minute,
    as the source states it: two tolls of one day, morning and evening)."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    @property
    def precision(self) -> Literal["minute", "day", "month", "year"]:
        if self.hour is not None:
            return "minute"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        day = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return day if self.hour is None else f"{day}T{self.hour:02d}:{self.minute or 0:02d}"

    def minutes(self) -> tuple[int, int]:
        """The first and last minute it covers, counted from the start of year 1:
        a whole day, month or year, or one minute when the time is given."""
        first = self.first_day().toordinal() * MINUTES_A_DAY
        if self.hour is not None:
            at = first + self.hour * 60 + (self.minute or 0)
            return at, at
        return first, self.last_day().toordinal() * MINUTES_A_DAY + MINUTES_A_DAY - 1

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def display(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return self.first_day().strftime("%B %Y")
        day = f"{self.day} {self.first_day().strftime('%B %Y')}"
        return day if self.hour is None else f"{day}, {self.hour:02d}:{self.minute or 0:02d}"

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Publication:
    """When an article came out, as far as the annotator can tell."""

    date: PartialDate | None  # None: unknown
    approximate: bool = False
    basis: str = ""  # why the annotator believes an approximate date

    def display(self) -> str:
        if self.date is None:
            return "date unknown"
        return ("about " if self.approximate else "") + self.date.display()


@dataclass(frozen=True)
class Entity:
    """A person, place or organisation in the registry."""

    id: str
    kind: EntityKind
    name: str
    category: str  # what sort: city, village, analyst, armed-unit, think-tank …
    description: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    side: str | None = None  # a key of SIDES, for people and organisations
    affiliation: str | None = None  # organisation id (a person's employer, a unit's army)
    latitude: float | None = None
    longitude: float | None = None
    region: str | None = None  # place id of the region a place lies in
    origin: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class Metric:
    """A measure that figures from different briefs can be compared on."""

    id: str
    label: str
    family: str  # unit family: count, distance, percent, ratio, daily-rate …
    description: str
    origin: Location = field(default=Location(""), compare=False)
    # What a figure may be measured from (id → words): the start of a
    # duration, say. Empty: the metric has no references; a distance metric may
    # also name a place (an entity id) as its reference.
    references: Mapping[str, str] = field(default_factory=dict, compare=False)
    fixed: bool = False  # does not change over time: values are compared whatever their dates
    # A running count (a death toll): a later, higher value is a series; a later lower one is flagged.
    cumulative: bool = False


@dataclass(frozen=True)
class Topic:
    """A theme briefs are filed under, from data/topics.yml."""

    id: str
    name: str
    description: str  # one line
    origin: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class Unit:
    """A unit as articles write it, from data/units.yml.

    `factor` converts a value in this unit to its family's base unit (see
    `kind`), so that "12 miles" and "19 km" share one axis.
    """

    name: str  # lowercase, as written: "miles", "per week"
    family: str
    factor: float  # multiply a value in this unit by this to get the base unit
    origin: Location = field(default=Location(""), compare=False)
    # Where the number goes, "${n}" or "{n}%" ({unit}: the unit as written); "" for "{n} {unit}".
    display: str = field(default="", compare=False)
    # The family itself (its base unit, how its numbers read), as data/units.yml gives it.
    kind: Family = field(default=PLAIN, compare=False)

    def __post_init__(self) -> None:
        # A unit made without its family (in code, not by the loader) reads as
        # briefgen's default family of that name.
        if self.kind is PLAIN:
            object.__setattr__(self, "kind", family_named(self.family))


@dataclass(frozen=True)
class Mention:
    """An entity a brief mentions, with its role in that article."""

    entity: str
    role: str


@dataclass(frozen=True)
class Figure:
    """One number from an article, with its provenance.

    Either `value` is set, or `low` and `high` are (a range such as 15-20).
    `unit` is the unit as the article wrote it; `known_unit` is the entry of
    data/units.yml it names (the loader always fills it in; None means the unit
    is not known). Normalisation lives in figures.py.
    """

    id: str
    metric: str
    subject: str  # entity id the number is about
    unit: str
    qualifier: str = "exact"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    as_of: PartialDate | None = None
    claimed_by: str | None = None  # entity id; None means the outlet itself
    via: str | None = None  # entity id of the channel it was reported through
    context: str = ""
    known_unit: Unit | None = None
    reference: str | None = None  # what it is measured from: an id its metric declares
    # Entity id of whoever first produced the number (YAML `origin:`: the
    # census office, a ministry): figures with one source count once, whoever relays them.
    source: str | None = None
    of: str | None = None  # entity id of whose people or things it counts (YAML `of:`)
    credibility: int | None = None  # Admiralty information credibility, 1-6
    origin: Location = field(default=Location(""), compare=False)

    @property
    def is_range(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: str  # entity id
    text: str  # at most 30 words
    context: str = ""
    via: str | None = None
    date: PartialDate | None = None
    origin: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    what: str
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    origin: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class ClaimRef:
    """A pointer to a claim in some brief (the loader always fills in `brief`)."""

    brief: str
    claim: str


@dataclass(frozen=True)
class Claim:
    id: str
    by: str | None  # entity id; None means the outlet itself
    text: str
    as_of: PartialDate | None = None
    via: str | None = None
    contradicts: tuple[ClaimRef, ...] = ()
    kind: str | None = None  # a key of CLAIM_KINDS; None: not said
    credibility: int | None = None  # Admiralty information credibility, 1-6
    origin: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class Brief:
    """One annotated article."""

    id: str
    title: str
    outlet: str | None  # organisation id; None when unknown
    authors: tuple[str, ...]  # person ids
    published: Publication
    article_type: str  # a key of ARTICLE_TYPES
    summary: str  # Markdown, may contain [[entity-id]] or [[entity-id|text]]
    credibility: str  # Markdown
    url: str | None = None
    key_points: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # topic ids, declared in data/topics.yml
    mentions: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    sources: tuple[str, ...] = ()  # organisation ids the article cites
    reliability: str | None = None  # Admiralty source reliability, A-F; None: not graded
    origin: Location = field(default=Location(""), compare=False)

    def role_of(self, entity_id: str) -> str | None:
        for mention in self.mentions:
            if mention.entity == entity_id:
                return mention.role
        return None


@dataclass(frozen=True)
class Side:
    """A side a person or organisation speaks for, as charts and pages name and colour it."""

    id: str
    label: str
    colour: str  # "#rrggbb"
    origin: Location = field(default=Location(""), compare=False)
    belligerent: bool = False  # a party to the war: its numbers are a belligerent's claims

    @property
    def marked_label(self) -> str:
        """The label, marked when the side is a belligerent: "… (belligerent)"."""
        return f"{self.label} (belligerent)" if self.belligerent else self.label


# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
_DEFAULT_COLOURS = {"official": "#0072B2", "independent": "#009E73", "media": "#CC79A7"}

# What sort of person, place or organisation an entry may be (its `kind:`),
# when data/vocabulary.yml does not say otherwise: words for any topic (a
# corpus on a war adds its commanders and armed units there).
ENTRY_KINDS: dict[EntityKind, tuple[str, ...]] = {
    "person": ("analyst", "civilian", "journalist", "official", "politician", "scientist", "spokesperson"),
    "place": ("building", "city", "country", "landform", "mine", "railway", "region", "road", "town",
              "village"),
    "organisation": (
        "agency", "company", "conference", "government-body", "international-organisation",
        "media-outlet", "news-agency", "non-profit", "research-group", "social-network", "think-tank",
    ),
}


@dataclass(frozen=True)
class ChartWords:
    """How the Figures page introduces one of its overview charts (data/vocabulary.yml `overview:`)."""

    heading: str  # the section's heading
    intro: str  # the sentence above the chart
    caption: str  # the chart's caption and link text
    title: str  # the title drawn in the chart


# The defaults assume no topic; a project names its own in data/vocabulary.yml.
DEFAULT_CHART_WORDS: dict[str, ChartWords] = {
    "population": ChartWords(
        "Subjects compared",
        "The chosen metrics, subject by subject; a bound is drawn as an arrow, never as a bar.",
        "The chosen metrics, subject by subject",
        "Subjects compared",
    ),
    "claims-by-side": ChartWords(
        "Claims by side",
        "Figures coloured by whose numbers they are: the claimant's side, or the outlet's when the "
        "article states the number itself.",
        "Figures by side",
        "Claims by side",
    ),
}


@dataclass(frozen=True)
class Vocabulary:
    """Words and colours an editor may change without touching code (data/vocabulary.yml).

    Which qualifiers exist, and what they mean for comparisons, stays code;
    how each reads before a number is vocabulary.
    """

    sides: tuple[Side, ...] = tuple(Side(k, v, _DEFAULT_COLOURS[k], belligerent=k in ("ukraine", "russia"))
                                    for k, v in SIDES.items())
    qualifier_words: tuple[tuple[str, str], ...] = tuple((k, v) for k, v in QUALIFIERS.items() if v)
    # The metrics of the Figures page's two overview charts: none unless data/vocabulary.yml names them.
    population_metrics: tuple[str, ...] = ()
    side_metrics: tuple[str, ...] = ()
    entry_kinds: tuple[tuple[EntityKind, tuple[str, ...]], ...] = tuple(ENTRY_KINDS.items())
    claim_kind_words: tuple[tuple[str, str], ...] = tuple(CLAIM_KINDS.items())
    reliability_words: tuple[tuple[str, str], ...] = tuple(RELIABILITY.items())
    credibility_words: tuple[tuple[int, str], ...] = tuple(CREDIBILITY.items())
    chart_words: tuple[tuple[str, ChartWords], ...] = tuple(DEFAULT_CHART_WORDS.items())

    def words_of_chart(self, name: str) -> ChartWords:
        """The heading, intro, caption and title of an overview chart."""
        return dict(self.chart_words).get(name, DEFAULT_CHART_WORDS[name])

    def side(self, side_id: str | None) -> Side | None:
        return next((s for s in self.sides if s.id == side_id), None)

    def kinds_of(self, kind: EntityKind) -> tuple[str, ...]:
        """The `kind:` values an entry of this type may take."""
        return dict(self.entry_kinds).get(kind, ())

    def claim_kind(self, kind: str | None) -> str:
        """How a claim's kind reads: "forecast"; "statement" when not said."""
        return dict(self.claim_kind_words).get(kind or "", "statement")

    def words(self, qualifier: str) -> str:
        """How a qualifier reads before a number: "more than"; "" for exact values."""
        return dict(self.qualifier_words).get(qualifier, "")


DEFAULT_VOCABULARY = Vocabulary()


@dataclass(frozen=True)
class Corpus:
    """Everything under data/, validated: the input to every later stage."""

    briefs: tuple[Brief, ...]
    entities: tuple[Entity, ...]
    metrics: tuple[Metric, ...]
    units: tuple[Unit, ...]
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    topics: tuple[Topic, ...] = ()
    # data/units.yml's families over briefgen's, by name (a corpus made in code: briefgen's).
    families: tuple[Family, ...] = tuple(DEFAULT_FAMILIES.values())

    def family(self, name: str | None) -> Family:
        """The family called `name`; an unnamed, plain one when it is not known."""
        return family_named(name, {family.name: family for family in self.families})
