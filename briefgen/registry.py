"""The cross-linked corpus: who is mentioned where, and with whom.

Built once per build from a validated Corpus. Every list it returns is sorted,
so pages come out the same whatever order the files were read in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from briefgen.model import Brief, Corpus, Entity, EntityKind, Event, Figure, Quote


def newest_first_key(brief: Brief) -> tuple[int, int, str]:
    """Sort key: dated briefs newest first, then undated ones, ties by id."""
    date = brief.published.date
    if date is None:
        return (1, 0, brief.id)
    # A negated ordinal puts later dates first while ids stay ascending.
    return (0, -date.first_day().toordinal(), brief.id)


@dataclass(frozen=True)
class Appearance:
    """An entity's appearance in one brief, with the role it plays there."""

    brief: Brief
    role: str


class Registry:
    """Look-ups across briefs and entities."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.entities: dict[str, Entity] = {e.id: e for e in corpus.entities}
        self.briefs: dict[str, Brief] = {b.id: b for b in corpus.briefs}
        self.metrics = {m.id: m for m in corpus.metrics}
        self.briefs_newest_first: list[Brief] = sorted(corpus.briefs, key=newest_first_key)
        self._appearances: dict[str, list[Appearance]] = {}
        for brief in self.briefs_newest_first:
            for mention in brief.mentions:
                self._appearances.setdefault(mention.entity, []).append(
                    Appearance(brief, mention.role)
                )
        self._aliases: dict[str, str] = {}
        for entity in corpus.entities:
            for spelling in (entity.name, *entity.aliases):
                self._aliases.setdefault(spelling.casefold(), entity.id)

    def entity(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def entities_of_kind(self, kind: EntityKind) -> list[Entity]:
        """Entities of a kind, most mentioned first, then by name."""
        found = [e for e in self.corpus.entities if e.kind == kind]
        return sorted(found, key=lambda e: (-self.mention_count(e.id), e.name.casefold(), e.id))

    def resolve(self, spelling: str) -> Entity | None:
        """The entity a name or alias refers to, whatever its case."""
        entity_id = self._aliases.get(spelling.casefold())
        return self.entities.get(entity_id) if entity_id else None

    def appearances(self, entity_id: str) -> list[Appearance]:
        """Every brief that mentions the entity, newest first."""
        return list(self._appearances.get(entity_id, ()))

    def mention_count(self, entity_id: str) -> int:
        return len(self._appearances.get(entity_id, ()))

    def co_mentioned(self, entity_id: str, limit: int = 10) -> list[tuple[Entity, int]]:
        """Entities most often mentioned in the same briefs as this one."""
        counts: Counter[str] = Counter()
        for appearance in self.appearances(entity_id):
            for mention in appearance.brief.mentions:
                if mention.entity != entity_id:
                    counts[mention.entity] += 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], self.entities[item[0]].name, item[0]))
        return [(self.entities[other], n) for other, n in ranked[:limit]]

    def related_briefs(self, brief: Brief, limit: int = 5) -> list[tuple[Brief, list[Entity]]]:
        """Other briefs ranked by how many entities they share with this one."""
        mine = {m.entity for m in brief.mentions}
        scored = []
        for other in self.briefs_newest_first:
            if other.id == brief.id:
                continue
            shared = sorted(mine & {m.entity for m in other.mentions})
            if shared:
                scored.append((other, [self.entities[e] for e in shared]))
        scored.sort(key=lambda item: (-len(item[1]), newest_first_key(item[0])))
        return scored[:limit]

    def quotes_by(self, entity_id: str) -> list[tuple[Brief, Quote]]:
        return [
            (b, q) for b in self.briefs_newest_first for q in b.quotes if q.speaker == entity_id
        ]

    def figures_about(self, entity_id: str) -> list[tuple[Brief, Figure]]:
        return [
            (b, f) for b in self.briefs_newest_first for f in b.figures if f.subject == entity_id
        ]

    def figures_claimed_by(self, entity_id: str) -> list[tuple[Brief, Figure]]:
        return [
            (b, f)
            for b in self.briefs_newest_first
            for f in b.figures
            if entity_id in (f.claimed_by, f.via)
        ]

    def events_involving(self, entity_id: str) -> list[tuple[Brief, Event]]:
        found = [
            (b, e)
            for b in self.corpus.briefs
            for e in b.events
            if entity_id in e.places or entity_id in e.actors
        ]
        return sorted(found, key=lambda item: (item[1].date.first_day(), item[0].id, item[1].id))

    def briefs_by_outlet(self, entity_id: str) -> list[Brief]:
        return [b for b in self.briefs_newest_first if b.outlet == entity_id]

    def most_mentioned(self, kind: EntityKind, limit: int) -> list[tuple[Entity, int]]:
        ranked = self.entities_of_kind(kind)
        return [(e, self.mention_count(e.id)) for e in ranked[:limit] if self.mention_count(e.id)]
