"""The cross-linked corpus: who is mentioned where, with whom, and saying what.

Built once per build from a validated Corpus, in one pass over the briefs:
every look-up afterwards is a dictionary read, so pages cost the same whether
they are written first or last. Every list it returns is sorted, so pages come
out the same whatever order the files were read in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from briefgen.analyse.event_groups import group_events
from briefgen.model import Brief, Corpus, Entity, EntityKind, Event, Figure, Quote

# An entity in more briefs than this is too common to say two briefs are
# related ("both mention Ukraine"); it still counts once they are found.
RELATED_VIA_AT_MOST = 50


def newest_first_key(brief: Brief) -> tuple[int, int, str]:
    """Sort key: dated briefs newest first, then undated ones, ties by id."""
    date = brief.published.date
    if date is None:
        return (1, 0, brief.id)
    # A negated ordinal puts later dates first while ids stay ascending.
    return (0, -date.first_day().toordinal(), brief.id)


def event_order(brief: Brief, event: Event) -> tuple:
    """Sort key for events: by date, then brief and event id."""
    return (event.date.first_day(), event.date.last_day(), brief.id, event.id)


@dataclass(frozen=True)
class Appearance:
    """An entity's appearance in one brief, with the role it plays there."""

    brief: Brief
    role: str


class Registry:
    """Look-ups across briefs and entities, all computed when it is built."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.entities: dict[str, Entity] = {e.id: e for e in corpus.entities}
        self.briefs: dict[str, Brief] = {b.id: b for b in corpus.briefs}
        self.metrics = {m.id: m for m in corpus.metrics}
        self.briefs_newest_first: list[Brief] = sorted(corpus.briefs, key=newest_first_key)
        self._rank = {b.id: i for i, b in enumerate(self.briefs_newest_first)}

        self._appearances: dict[str, list[Appearance]] = defaultdict(list)
        self._quotes: dict[str, list[tuple[Brief, Quote]]] = defaultdict(list)
        self._about: dict[str, list[tuple[Brief, Figure]]] = defaultdict(list)
        self._claimed: dict[str, list[tuple[Brief, Figure]]] = defaultdict(list)
        self._events: dict[str, list[tuple[Brief, Event]]] = defaultdict(list)
        self._by_outlet: dict[str, list[Brief]] = defaultdict(list)
        for brief in self.briefs_newest_first:
            for mention in brief.mentions:
                self._appearances[mention.entity].append(Appearance(brief, mention.role))
            for quote in brief.quotes:
                self._quotes[quote.speaker].append((brief, quote))
            for figure in brief.figures:
                self._about[figure.subject].append((brief, figure))
                for who in sorted({w for w in (figure.claimed_by, figure.via) if w}):
                    self._claimed[who].append((brief, figure))
            if brief.outlet:
                self._by_outlet[brief.outlet].append(brief)
        # Events several briefs report are one (event_groups.py): listed once,
        # under every place and actor any of the briefs names.
        self.event_groups = group_events((b, e) for b in corpus.briefs for e in b.events)
        for brief in corpus.briefs:
            for event in brief.events:
                if not self.event_groups.stands(brief, event):
                    continue
                members = [(brief, event), *self.event_groups.others(brief, event)]
                involved = {entity_id for _b, e in members for entity_id in (*e.places, *e.actors)}
                for entity_id in sorted(involved):
                    self._events[entity_id].append((brief, event))
        for found in self._events.values():
            found.sort(key=lambda item: event_order(*item))
        self.events_by_date: list[tuple[Brief, Event]] = sorted(
            ((b, e) for b in corpus.briefs for e in b.events if self.event_groups.stands(b, e)),
            key=lambda item: event_order(*item),
        )

        self._of_kind: dict[EntityKind, list[Entity]] = defaultdict(list)
        by_mentions = sorted(corpus.entities,
                             key=lambda e: (-self.mention_count(e.id), e.name.casefold(), e.id))
        for entity in by_mentions:
            self._of_kind[entity.kind].append(entity)

        self._aliases: dict[str, str] = {}
        for entity in corpus.entities:
            for spelling in (entity.name, *entity.aliases):
                self._aliases.setdefault(spelling.casefold(), entity.id)
        self._co_mentioned = self._count_co_mentions()
        self._related = {b.id: self._rank_related(b) for b in corpus.briefs}

    # --- entities -------------------------------------------------------------

    def entity(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def entities_of_kind(self, kind: EntityKind) -> list[Entity]:
        """Entities of a kind, most mentioned first, then by name."""
        return list(self._of_kind.get(kind, ()))

    def resolve(self, spelling: str) -> Entity | None:
        """The entity a name or alias refers to, whatever its case."""
        entity_id = self._aliases.get(spelling.casefold())
        return self.entities.get(entity_id) if entity_id else None

    def appearances(self, entity_id: str) -> list[Appearance]:
        """Every brief that mentions the entity, newest first."""
        return list(self._appearances.get(entity_id, ()))

    def mention_count(self, entity_id: str) -> int:
        return len(self._appearances.get(entity_id, ()))

    def most_mentioned(self, kind: EntityKind, limit: int) -> list[tuple[Entity, int]]:
        ranked = self.entities_of_kind(kind)
        return [(e, self.mention_count(e.id)) for e in ranked[:limit] if self.mention_count(e.id)]

    # --- relations ------------------------------------------------------------

    def _count_co_mentions(self) -> dict[str, list[tuple[str, int]]]:
        # One pass over the briefs: each pair of entities in a brief counts once.
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for brief in self.corpus.briefs:
            ids = sorted({m.entity for m in brief.mentions})
            for entity_id in ids:
                counts[entity_id].update(ids)
        ranked: dict[str, list[tuple[str, int]]] = {}
        for entity_id, counter in counts.items():
            del counter[entity_id]
            ranked[entity_id] = sorted(
                counter.items(), key=lambda item: (-item[1], self.entities[item[0]].name, item[0])
            )
        return ranked

    def co_mentioned(self, entity_id: str, limit: int = 10) -> list[tuple[Entity, int]]:
        """Entities most often mentioned in the same briefs as this one."""
        return [(self.entities[other], n) for other, n in self._co_mentioned.get(entity_id, [])[:limit]]

    def co_mention_pairs(self) -> dict[str, list[tuple[str, int]]]:
        """Every entity's co-mentioned entities with counts, strongest first."""
        return self._co_mentioned

    def _rank_related(self, brief: Brief, limit: int = 5) -> list[tuple[Brief, list[Entity]]]:
        # Candidates come through the entities the two briefs share, skipping
        # the ubiquitous ones, so the cost stays linear in the corpus.
        mine = {m.entity for m in brief.mentions}
        shared_count: Counter[str] = Counter()
        for entity_id in mine:
            found = self._appearances.get(entity_id, [])
            if len(found) > RELATED_VIA_AT_MOST:
                continue
            shared_count.update(a.brief.id for a in found if a.brief.id != brief.id)
        best = sorted(shared_count, key=lambda other: (-shared_count[other], self._rank[other]))[:limit]
        result = []
        for other_id in best:
            other = self.briefs[other_id]
            shared = sorted(mine & {m.entity for m in other.mentions})
            result.append((other, [self.entities[e] for e in shared]))
        result.sort(key=lambda item: (-len(item[1]), self._rank[item[0].id]))
        return result

    def related_briefs(self, brief: Brief, limit: int = 5) -> list[tuple[Brief, list[Entity]]]:
        """Other briefs ranked by how many entities they share with this one."""
        return self._related.get(brief.id, [])[:limit]

    def quotes_by(self, entity_id: str) -> list[tuple[Brief, Quote]]:
        """The entity's quotes, newest brief first."""
        return list(self._quotes.get(entity_id, ()))

    def figures_about(self, entity_id: str) -> list[tuple[Brief, Figure]]:
        """Figures whose subject is the entity, newest brief first."""
        return list(self._about.get(entity_id, ()))

    def figures_claimed_by(self, entity_id: str) -> list[tuple[Brief, Figure]]:
        """Figures the entity claimed or relayed (`via`), newest brief first."""
        return list(self._claimed.get(entity_id, ()))

    def events_involving(self, entity_id: str) -> list[tuple[Brief, Event]]:
        """Events at the place or with the actor, in date order."""
        return list(self._events.get(entity_id, ()))

    def briefs_by_outlet(self, entity_id: str) -> list[Brief]:
        return list(self._by_outlet.get(entity_id, ()))
