"""Who states a figure, by what name, and for which side: what pages, charts and downloads say of a source."""

from __future__ import annotations

from collections.abc import Mapping

from briefgen.analyse.figures import FigureRef
from briefgen.analyse.index import CorpusIndex
from briefgen.model import Entity, Side, Vocabulary

# Numbers whose claimant has no side (or whose side the vocabulary does not
# list); the sides themselves, their labels and colours are data/vocabulary.yml.
UNATTRIBUTED = Side("unattributed", "Unattributed", "#555555")


def name_of(entities: Mapping[str, Entity], entity_id: str | None) -> str:
    """An entity's display name; the id itself when it is not in the registry."""
    if entity_id is None:
        return ""
    entity = entities.get(entity_id)
    return entity.name if entity else entity_id


def claimant_id(ref: FigureRef) -> str | None:
    """Who states the figure: its claimant, else the brief's outlet, else None."""
    return ref.figure.claimed_by or ref.brief.outlet


def side_of(index: CorpusIndex, ref: FigureRef) -> Side:
    """The side whose number this is: the claimant's (or the outlet's), else unattributed."""
    return side_of_names(index.registry.entities, index.corpus.vocabulary, ref)


def side_of_names(entities: Mapping[str, Entity], vocabulary: Vocabulary, ref: FigureRef) -> Side:
    """`side_of`, from the registry's entities and the vocabulary alone."""
    who = claimant_id(ref)
    entity = entities.get(who or "")
    # A country named for its government ("Russia says…") speaks for the side of that name.
    return vocabulary.side(entity.side if entity and entity.side else who) or UNATTRIBUTED
