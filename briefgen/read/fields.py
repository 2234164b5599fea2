"""The field tables: what each YAML mapping may hold, and how each key is read.

`schema.json` mirrors these tables; `tests/test_schema.py` keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from briefgen.model import (
    ARTICLE_TYPES,
    CLAIM_KINDS,
    CREDIBILITY,
    ENTITY_KINDS,
    QUALIFIERS,
    RELIABILITY,
    EntityKind,
)

MAX_QUOTE_WORDS = 30
# A figure's number as written: never negative (every unit family measures a
# non-negative quantity), at most six decimals. Its size once converted to the
# family's base unit is bounded by its metric's or family's `max` (data/units.yml).
FIGURE_NUMBER_BOUNDS = (0.0, 999_999_999_999_999.0)
FIGURE_DECIMALS = 6
# A unit's factor: 1/7 needs 17 digits to round-trip; a billion is the largest
# multiplier articles use, a millimetre in km the smallest.
FACTOR_BOUNDS = (1e-9, 1e12)


@dataclass(frozen=True)
class Field:
    """How one YAML key is read.

    `type` is one of: text, markdown, id, entity, metric, topic, unit, date, moment
    (a date, or a day with its time), number,
    flag, url, choice, wikidata, claim-ref, published, list (of `item`) and
    object (with `fields`).
    """

    type: str
    required: bool = False
    nullable: bool = False  # required, but `null` is a meaningful answer
    choices: tuple[str, ...] = ()
    kinds: tuple[EntityKind, ...] = ()  # for entity references; () means any kind
    item: Field | None = None
    fields: Mapping[str, Field] | None = None
    bounds: tuple[float, float] | None = None
    positive: bool = False  # for numbers: greater than zero
    # For numbers: at most this many significant digits (a float keeps 15
    # exactly) and digits after the point (pages show at most six).
    digits: int = 15
    decimals: int | None = None
    max_words: int | None = None
    spelling: bool = False  # for text: a name or alias (NFC, nothing invisible)


def _obj(fields: Mapping[str, Field], *, required: bool = False) -> Field:
    return Field("object", required=required, fields=fields)


def _list(item: Field, *, required: bool = False) -> Field:
    return Field("list", required=required, item=item)


_ENTITY = Field("entity")
_PERSON = Field("entity", kinds=("person",))
_PLACE = Field("entity", kinds=("place",))
_ORGANISATION = Field("entity", kinds=("organisation",))

MENTION_FIELDS: dict[str, Field] = {
    "id": Field("entity", required=True),
    "role": Field("markdown", required=True),
}
FIGURE_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "metric": Field("metric", required=True),
    "subject": Field("entity", required=True),
    "value": Field("number", bounds=FIGURE_NUMBER_BOUNDS, decimals=FIGURE_DECIMALS),
    "low": Field("number", bounds=FIGURE_NUMBER_BOUNDS, decimals=FIGURE_DECIMALS),
    "high": Field("number", bounds=FIGURE_NUMBER_BOUNDS, decimals=FIGURE_DECIMALS),
    "qualifier": Field("choice", choices=tuple(QUALIFIERS)),
    "unit": Field("unit", required=True),
    "as_of": Field("moment"),  # a date, or a day with its time: 2025-11-06T08:30
    "claimed_by": _ENTITY,
    "via": _ENTITY,
    "reference": Field("id"),  # one of its metric's `references` (crosscheck)
    "origin": _ENTITY,  # who first produced the number: Figure.source
    "of": _ENTITY,  # whose people or things it counts
    "credibility": Field("choice", choices=tuple(str(g) for g in CREDIBILITY)),
    "context": Field("markdown"),
}
QUOTE_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "speaker": Field("entity", required=True),
    "text": Field("text", required=True, max_words=MAX_QUOTE_WORDS),
    "context": Field("markdown"),
    "via": _ENTITY,
    "date": Field("date"),
}
EVENT_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "date": Field("date", required=True),
    "what": Field("markdown", required=True),
    "places": _list(_PLACE),
    "actors": _list(_ENTITY),
}
CLAIM_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "by": _ENTITY,
    "text": Field("text", required=True),
    "as_of": Field("moment"),
    "via": _ENTITY,
    "kind": Field("choice", choices=tuple(CLAIM_KINDS)),
    "credibility": Field("choice", choices=tuple(str(g) for g in CREDIBILITY)),
    "contradicts": _list(Field("claim-ref")),
}
PUBLISHED_FIELDS: dict[str, Field] = {
    "date": Field("date", required=True),
    "approximate": Field("flag"),
    "basis": Field("text"),
}
BRIEF_FIELDS: dict[str, Field] = {
    "title": Field("text", required=True),
    "outlet": Field("entity", required=True, nullable=True, kinds=("organisation",)),
    "authors": _list(_PERSON, required=True),
    "published": Field("published", required=True, fields=PUBLISHED_FIELDS),
    "url": Field("url"),
    "type": Field("choice", required=True, choices=tuple(ARTICLE_TYPES)),
    "topics": _list(Field("topic")),
    "summary": Field("markdown", required=True),
    "key_points": _list(Field("markdown")),
    "entities": _list(_obj(MENTION_FIELDS)),
    "figures": _list(_obj(FIGURE_FIELDS)),
    "quotes": _list(_obj(QUOTE_FIELDS)),
    "events": _list(_obj(EVENT_FIELDS)),
    "claims": _list(_obj(CLAIM_FIELDS)),
    "sources": _list(_ORGANISATION),
    "reliability": Field("choice", choices=tuple(RELIABILITY)),
    "credibility": Field("markdown", required=True),
}

_ENTRY_COMMON: dict[str, Field] = {
    "name": Field("text", required=True, spelling=True),
    # One of the kinds data/vocabulary.yml lists for its file (checked by `vocabulary`); Entity.category.
    "kind": Field("id", required=True),
    "aliases": _list(Field("text", spelling=True)),
    "description": Field("text", required=True),
    "wikidata": Field("wikidata"),
}
_ACTOR_EXTRA: dict[str, Field] = {
    "side": Field("id"),  # one of the sides in data/vocabulary.yml (crosscheck)
    "affiliation": _ORGANISATION,
}
ENTRY_FIELDS: dict[EntityKind, dict[str, Field]] = {
    "person": {**_ENTRY_COMMON, **_ACTOR_EXTRA},
    "organisation": {**_ENTRY_COMMON, **_ACTOR_EXTRA},
    "place": {
        **_ENTRY_COMMON,
        "latitude": Field("number", bounds=(-90.0, 90.0)),
        "longitude": Field("number", bounds=(-180.0, 180.0)),
        "region": _PLACE,
    },
}
REFERENCE_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "description": Field("text", required=True),
}
METRIC_FIELDS: dict[str, Field] = {
    "label": Field("text", required=True),
    # One of the families of data/units.yml (or of briefgen/defaults/units.yml).
    "family": Field("id", required=True),
    "description": Field("text", required=True),
    # A quantity that does not change over time (a pre-war population): its
    # values are compared whatever their dates, never read as a series.
    "fixed": Field("flag"),
    # A running count (a death toll): a later lower value is flagged, never
    # read as part of a series. Only on count-like families (crosscheck).
    "cumulative": Field("flag"),
    # What figures on this metric are measured from; figures name one as `reference`.
    "references": _list(_obj(REFERENCE_FIELDS)),
    # The largest value a figure may reach, in the family's base unit: this
    # metric's own ceiling, in place of its family's.
    "max": Field("number", positive=True, digits=17),
}
SIDE_FIELDS: dict[str, Field] = {
    "label": Field("text", required=True),
    "colour": Field("text", required=True),  # "#rrggbb", checked by the loader
    # A party to the war: pages mark its people's numbers as a belligerent's claims.
    "belligerent": Field("flag"),
}
# data/vocabulary.yml `claim_kinds`: how each kind of claim reads.
CLAIM_KIND_WORD_FIELDS: dict[str, Field] = {k: Field("text", required=True) for k in CLAIM_KINDS}
# data/vocabulary.yml `grades`: the words of each Admiralty grade.
GRADE_FIELDS: dict[str, Field] = {
    "reliability": _obj({g: Field("text", required=True) for g in RELIABILITY}),
    "credibility": _obj({str(g): Field("text", required=True) for g in CREDIBILITY}),
}
# Each optional: a qualifier left out (a vocabulary written before `nearly`) keeps its default words.
QUALIFIER_WORD_FIELDS: dict[str, Field] = {q: Field("text") for q in QUALIFIERS if q != "exact"}
CHART_FIELDS: dict[str, Field] = {
    "population": _list(Field("metric")),
    "claims-by-side": _list(Field("metric")),
}
# data/vocabulary.yml `overview`: how the Figures page words each overview chart.
CHART_WORD_FIELDS: dict[str, Field] = {
    "heading": Field("text"),
    "intro": Field("text"),
    "caption": Field("text"),
    "title": Field("text"),
}
OVERVIEW_FIELDS: dict[str, Field] = {name: _obj(CHART_WORD_FIELDS) for name in CHART_FIELDS}
# data/vocabulary.yml `kinds`: the `kind:` values of each registry file's entries.
KIND_FIELDS: dict[str, Field] = {kind: _list(Field("id")) for kind in ENTITY_KINDS}
TOPIC_FIELDS: dict[str, Field] = {
    "name": Field("text", required=True),
    "description": Field("text", required=True),
}
UNIT_FIELDS: dict[str, Field] = {
    "family": Field("id", required=True),
    "factor": Field("number", required=True, positive=True, bounds=FACTOR_BOUNDS, digits=17),
    # Where the number goes: "${n}", "{n}%", "{n} {unit}" (the default).
    "display": Field("text"),
}
# data/units.yml `families:` (see briefgen/defaults/units.yml for what each key means).
FAMILY_FIELDS: dict[str, Field] = {
    "base": Field("text"),
    "noun": Field("text"),
    "title": Field("text"),
    "max": Field("number", positive=True, digits=17),
    "display": Field("text"),
    "in_words": Field("flag"),
    "scale": Field("flag"),
}
