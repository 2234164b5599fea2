"""Build model objects for tests without YAML: small, readable fixtures.

`entity`, `figure`, `brief` and `corpus` fill in dull defaults; `seed_corpus()`
is the Pokrovsk/Bakhmut example the figures section must get right. Figures
resolve their unit against the project's own data/units.yml, as the loader does.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.model import (
    Brief,
    Corpus,
    Entity,
    Figure,
    Metric,
    PartialDate,
    Publication,
    Unit,
    Vocabulary,
)
from briefgen.read.convert import FileCheck
from briefgen.read.load import load_units
from briefgen.read.vocabulary import read_vocabulary
from briefgen.read.yamlsafe import read_yaml
from briefgen.units import unit_key

_DATA = Path(__file__).resolve().parent.parent / "data"
UNITS: tuple[Unit, ...] = load_units(_DATA)
# The war corpus's own words (its sides, overview charts and kinds): briefgen's
# defaults assume no topic, and these fixtures are about the war.
WAR_VOCABULARY: Vocabulary = read_vocabulary(
    read_yaml((_DATA / "vocabulary.yml").read_bytes(), "data/vocabulary.yml")[0],
    FileCheck("data/vocabulary.yml"),
)
_UNIT_NAMED = {u.name: u for u in UNITS}


def date(text: str | None) -> PartialDate | None:
    """"2025-11-06", "2025-11", "2025" or "2025-11-06T08:30" → PartialDate; None stays None."""
    if text is None:
        return None
    day, _, time = text.partition("T")
    parts = [int(p) for p in day.split("-")] + ([int(p) for p in time.split(":")] if time else [])
    return PartialDate(*parts)


def entity(id: str, name: str | None = None, kind: str = "place", *,
           side: str | None = None, category: str = "", description: str = "") -> Entity:
    """A registry entity; the name defaults to the id, title-cased."""
    return Entity(id=id, kind=kind, name=name or id.replace("-", " ").title(),  # type: ignore[arg-type]
                  category=category or kind, description=description or f"About {id}.",
                  side=side)


def figure(id: str, metric: str, subject: str, value: float | None = None, *,
           unit: str = "people", qualifier: str = "exact", low: float | None = None,
           high: float | None = None, as_of: str | None = None,
           claimed_by: str | None = None, via: str | None = None, context: str = "",
           reference: str | None = None, source: str | None = None, of: str | None = None) -> Figure:
    """A figure; give `value`, or `low` and `high` for a range.

    A unit data/units.yml does not list (`bananas`) is left unknown.
    """
    return Figure(id=id, metric=metric, subject=subject, unit=unit, qualifier=qualifier,
                  value=value, low=low, high=high, as_of=date(as_of),
                  claimed_by=claimed_by, via=via, context=context, reference=reference,
                  source=source, of=of, known_unit=_UNIT_NAMED.get(unit_key(unit)))


def brief(id: str, *figures: Figure, published: str | None = "2025-11-06",
          outlet: str | None = "washington-post", title: str | None = None) -> Brief:
    """A brief holding `figures`, with placeholder text everywhere else."""
    return Brief(id=id, title=title or f"Article {id}", outlet=outlet, authors=(),
                 published=Publication(date(published)), article_type="news-report",
                 summary="Summary.", credibility="Fine.", figures=tuple(figures))


DEFAULT_METRICS: tuple[Metric, ...] = (
    Metric("population-prewar", "Pre-war population", "count",
           "People living in a place before the full-scale invasion of February 2022.", fixed=True),
    Metric("civilians-remaining", "Civilians remaining", "count",
           "Civilians still living in a place at the time given."),
    Metric("troops-committed", "Troops committed", "count",
           "Soldiers one side has massed around or sent into an area."),
    Metric("casualties", "Casualties", "count",
           "Soldiers killed or wounded, as one side or observer counts them."),
    Metric("reinforcements-per-day", "Reinforcements per day", "daily-rate",
           "Soldiers sent forward each day to replace losses."),
    Metric("infiltrating-troops", "Infiltrating troops", "count",
           "Enemy soldiers reported operating inside a city's districts."),
    Metric("distance-to-city", "Distance to the city", "distance",
           "How far a front line, settlement or unit is from a city."),
    Metric("force-ratio", "Force ratio", "ratio", "Attackers per defender in a sector."),
)

DEFAULT_ENTITIES: tuple[Entity, ...] = (
    entity("pokrovsk", "Pokrovsk"),
    entity("bakhmut", "Bakhmut"),
    entity("myrnohrad", "Myrnohrad"),
    entity("washington-post", "The Washington Post", "organisation", side="media"),
    entity("kyiv-independent", "The Kyiv Independent", "organisation", side="media"),
    entity("tass", "TASS", "organisation", side="russia"),
    entity("isw", "Institute for the Study of War", "organisation", side="independent"),
    entity("volodymyr-zelensky", "Volodymyr Zelensky", "person", side="ukraine"),
    entity("valery-gerasimov", "Valery Gerasimov", "person", side="russia"),
    entity("michael-kofman", "Michael Kofman", "person", side="independent"),
)


def corpus(*briefs: Brief, entities: tuple[Entity, ...] = DEFAULT_ENTITIES,
           metrics: tuple[Metric, ...] = DEFAULT_METRICS) -> Corpus:
    """A corpus of `briefs` over the default registry, metrics and units."""
    return Corpus(briefs=tuple(briefs), entities=entities, metrics=metrics, units=UNITS,
                  vocabulary=WAR_VOCABULARY)


def seed_corpus() -> Corpus:
    """The seed example: Pokrovsk's pre-war 60,000 in two briefs; civilians
    remaining "fewer than 15,000" in Pokrovsk beside Bakhmut's "more than
    70,000" before the war and "about 500" by June 2023; and one contradiction
    on troops committed."""
    wapo = brief(
        "pokrovsk-set-to-fall",
        figure("prewar-population", "population-prewar", "pokrovsk", 60000),
        figure("civilians-left", "civilians-remaining", "pokrovsk", 15000,
               qualifier="fewer-than", as_of="2025-11"),
        figure("russian-troops", "troops-committed", "pokrovsk", 170000,
               unit="troops", qualifier="about", as_of="2025-11",
               claimed_by="volodymyr-zelensky"),
        figure("force-ratio", "force-ratio", "pokrovsk", 8, unit="ratio", as_of="2025-10",
               claimed_by="volodymyr-zelensky"),
        published="2025-11-06", outlet="washington-post",
    )
    kyiv = brief(
        "pokrovsk-like-bakhmut",
        figure("pokrovsk-prewar", "population-prewar", "pokrovsk", 60000, as_of="2022-02"),
        figure("bakhmut-prewar", "civilians-remaining", "bakhmut", 70000,
               qualifier="more-than", as_of="2022-02"),
        figure("bakhmut-june", "civilians-remaining", "bakhmut", 500,
               qualifier="about", as_of="2023-06"),
        figure("russian-troops", "troops-committed", "pokrovsk", 100000,
               unit="troops", qualifier="up-to", as_of="2025-11", claimed_by="tass"),
        published="2025-11-10", outlet="kyiv-independent",
    )
    return corpus(wapo, kyiv)
