"""People, places and organisations: an index per kind, a page and a chart per entity, and the full
lists behind an entity page's capped sections."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from typing import Any

from markupsafe import Markup

from briefgen.analyse.index import CorpusIndex
from briefgen.model import ENTITY_KINDS, Entity, EntityKind
from briefgen.sitemap import PEOPLE, SECTION_OF_KIND
from briefgen.write import urls
from briefgen.write.charts import ChartCache, entity_chart
from briefgen.write.metadata import StructuredData, first_sentence, front_matter_json, front_matter_text
from briefgen.write.sanitise import plain
from briefgen.write.spellings import search_spellings
from briefgen.write.templating import INLINE, KIND_TITLES
from briefgen.write.view import (
    CHARTS_PER_JOB,
    PAGES_PER_JOB,
    ChartJob,
    Made,
    PageSpec,
    Piece,
    Site,
    also_reported,
    chart_briefs,
    chunks,
    paged,
)

# Co-mentioned entities shown on a page.
RELATED = 10


class EntitiesView:
    # Three sections, one per kind (sitemap.SECTION_OF_KIND); the first stands for them.
    section = PEOPLE
    sections = tuple(SECTION_OF_KIND.values())

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index
        self.registry = index.registry

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        entities = [self.registry.entities[e] for e in sorted(self.index.by_subject)
                    if e in self.registry.entities]
        return [ChartJob(partial(self._charts, cache, chunk)) for chunk in chunks(entities, CHARTS_PER_JOB)]

    def _charts(self, cache: ChartCache, entities: Sequence[Entity]) -> list[Made]:
        return [(f"entity/{e.id}", urls.entity_chart_path(e.kind, e.id),
                 entity_chart(self.index, e.id, cache)) for e in entities]

    def pages(self, site: Site) -> list[Piece]:
        pieces: list[Piece] = []
        for kind in ENTITY_KINDS:
            pieces.append(partial(self.kind_index, kind))
            entities = self.registry.entities_of_kind(kind)
            pieces += [partial(self._pages, site, chunk) for chunk in chunks(entities, PAGES_PER_JOB)]
        return pieces

    def kind_index(self, kind: EntityKind) -> list[PageSpec]:
        counted = [(e, self.registry.mention_count(e.id)) for e in self.registry.entities_of_kind(kind)]
        return [*paged("entity_index.md.j2", urls.entity_index_path(kind), KIND_TITLES[kind], counted,
                       kind=kind)]

    def _pages(self, site: Site, entities: Sequence[Entity]) -> list[PageSpec]:
        pages: list[PageSpec] = []
        for entity in entities:
            listings = self._listings(entity)  # worked out once, for the page and its full lists
            pages.append(self.page(site, entity, listings))
            pages += self.full_lists(entity, listings)
        return pages

    def _listings(self, entity: Entity) -> dict[str, tuple[str, list[Any]]]:
        """The sections of an entity page that can grow without bound: title and items."""
        r = self.registry
        return {
            "briefs": (f"Briefs mentioning {entity.name}", r.appearances(entity.id)),
            "published": (f"Briefs published by {entity.name}", r.briefs_by_outlet(entity.id)),
            "quotes": (f"Quotes by {entity.name}", r.quotes_by(entity.id)),
            "claimed": (f"Figures claimed or reported by {entity.name}", r.figures_claimed_by(entity.id)),
            "events": (f"Events involving {entity.name}", r.events_involving(entity.id)),
        }

    def page(self, site: Site, entity: Entity, listings: dict[str, tuple[str, list[Any]]]) -> PageSpec:
        path = urls.entity_path(entity.kind, entity.id)
        full = {name: urls.entity_list_path(entity.kind, entity.id, name)
                for name, (_, items) in listings.items() if len(items) > INLINE}
        index, registry = self.index, self.registry
        chart = site.charts.get(f"entity/{entity.id}")

        def derived() -> dict[str, Any]:
            structured = StructuredData(registry.entities, site.site_url, index.topics, path)
            return {"meta_description": front_matter_text(first_sentence(entity.description)),
                    "jsonld": front_matter_json(structured.entity(entity))}

        return PageSpec(path, "entity.md.j2", entity.name, {
            "entity": entity,
            "spellings": Markup(json.dumps([str(plain(n)) for n in search_spellings(entity)])),
            "search_terms": search_spellings(entity),
            "chart": chart,
            "chart_briefs": chart_briefs(registry.briefs, chart),
            "listings": {name: items for name, (_, items) in listings.items()},
            "also": also_reported(registry, listings["events"][1]),
            "full": full,
            "comparisons": index.comparisons_about(entity.id),
            "co_mentioned": registry.co_mentioned(entity.id, RELATED),
            "region": registry.entities.get(entity.region) if entity.region else None,
            "affiliation": registry.entities.get(entity.affiliation) if entity.affiliation else None,
        }, derived=derived)

    def full_lists(self, entity: Entity, listings: dict[str, tuple[str, list[Any]]]) -> list[PageSpec]:
        """The paginated full lists behind an entity page's capped sections."""
        pages = []
        for name, (title, items) in listings.items():
            if len(items) > INLINE:
                first = urls.entity_list_path(entity.kind, entity.id, name)
                pages += paged("entity_list.md.j2", first, title, items, entity=entity, listing=name,
                               also=also_reported(self.registry, items) if name == "events" else {})
        return pages
