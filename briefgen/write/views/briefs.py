"""The briefs: their paginated index, a page per brief, and each brief's chart of its figures among peers."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from briefgen.analyse.figures import FigureRef
from briefgen.analyse.index import CorpusIndex
from briefgen.model import ENTITY_KINDS, Brief
from briefgen.sitemap import BRIEFS
from briefgen.write import urls
from briefgen.write.charts import BriefPanels, ChartCache, brief_chart
from briefgen.write.metadata import (
    StructuredData,
    first_sentence,
    front_matter_json,
    front_matter_text,
    plain_text,
)
from briefgen.write.templating import INLINE, PageLinks, Tables
from briefgen.write.view import (
    CHARTS_PER_JOB,
    PAGES_PER_JOB,
    PER_PAGE,
    ChartJob,
    Made,
    PageSpec,
    Piece,
    Site,
    chart_briefs,
    chunks,
    paged,
)


class BriefsView:
    section = BRIEFS

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index
        self.registry = index.registry

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        panels = BriefPanels(self.index)
        return [ChartJob(partial(self._charts, cache, panels, chunk))
                for chunk in chunks(self.registry.briefs_newest_first, CHARTS_PER_JOB)]

    def _charts(self, cache: ChartCache, panels: BriefPanels, briefs: Sequence[Brief]) -> list[Made]:
        return [(f"brief/{b.id}", urls.brief_chart_path(b.id), brief_chart(self.index, b, cache, panels))
                for b in briefs]

    def pages(self, site: Site) -> list[Piece]:
        briefs = self.registry.briefs_newest_first
        tables = Tables(self.index)
        return [partial(paged, "brief_index.md.j2", urls.BRIEFS_INDEX_PATH, BRIEFS.nav_title, briefs),
                *[partial(self._pages, site, tables, chunk) for chunk in chunks(briefs, PAGES_PER_JOB)]]

    def _pages(self, site: Site, tables: Tables, briefs: Sequence[Brief]) -> list[PageSpec]:
        return [self.page(site, tables, brief) for brief in briefs]

    def page(self, site: Site, tables: Tables, brief: Brief) -> PageSpec:
        index, registry = self.index, self.registry
        grouped = {
            kind: sorted(
                ((registry.entity(m.entity), m.role) for m in brief.mentions
                 if registry.entity(m.entity).kind == kind),
                key=lambda pair: (pair[0].name.casefold(), pair[0].id),
            )
            for kind in ENTITY_KINDS
        }
        refs = {f.id: FigureRef(brief, f) for f in brief.figures}
        path = urls.brief_path(brief.id)
        chart = site.charts.get(f"brief/{brief.id}")

        def derived() -> dict[str, Any]:
            # The summary is rendered once: for the page and for its description.
            summary = PageLinks(tables, path).md(brief.summary)
            description = first_sentence(plain_text(summary))
            structured = StructuredData(registry.entities, site.site_url, index.topics, path)
            return {"summary_html": summary, "meta_description": front_matter_text(description),
                    "jsonld": front_matter_json(structured.brief(brief, description))}

        return PageSpec(path, "brief.md.j2", brief.title, {
            "brief": brief,
            "grouped": grouped,
            "refs": refs,
            "comparisons": {fid: index.comparison_of(ref) for fid, ref in refs.items()},
            "conflicts": {fid: index.conflicts_of.get(ref.key, (0, ()))[0] for fid, ref in refs.items()},
            "agreed": {fid: ref.key in index.agreement_of for fid, ref in refs.items()},
            # What contradicts a claim grows with the corpus: the first few here,
            # all of them on the contradictions page.
            "contradicted_by": {c.id: index.contradicted_by.get((brief.id, c.id), [])[:INLINE]
                                for c in brief.claims},
            "contradicted_more": {c.id: self._all_contradicting(brief.id, c.id) for c in brief.claims
                                  if len(index.contradicted_by.get((brief.id, c.id), [])) > INLINE},
            # The claims this brief's claims contradict (or diverge from), with their briefs.
            "contradicts": {c.id: [(link.other_brief, link.other, link.contradiction)
                                   for link in index.links_from.get((brief.id, c.id), [])]
                            for c in brief.claims},
            "events": sorted(brief.events, key=lambda e: (e.date.first_day(), e.id)),
            "related": registry.related_briefs(brief),
            "chart": chart,
            "chart_briefs": chart_briefs(registry.briefs, chart),
        }, own=brief, derived=derived)

    def _all_contradicting(self, brief_id: str, claim_id: str) -> tuple[int, str]:
        """How many claims contradict this one, and the page of the contradictions list where they start."""
        page = self.index.first_contradiction_at(brief_id, claim_id) // PER_PAGE + 1
        return (len(self.index.contradicted_by[(brief_id, claim_id)]),
                urls.paged_path(urls.CONTRADICTIONS_PATH, page))
