"""The home page: what the site covers, its latest briefs, and who and where it mentions most."""

from __future__ import annotations

from briefgen.analyse.index import CorpusIndex
from briefgen.model import ENTITY_KINDS
from briefgen.sitemap import HOME
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.view import ChartJob, PageSpec, Piece, Site

LATEST = 5  # briefs listed
TOP = 8  # entities of each kind listed
CONFLICTS = 5  # open conflicts listed


class HomeView:
    section = HOME

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        return []

    def pages(self, site: Site) -> list[Piece]:
        return [lambda: [self.home(site)]]

    def home(self, site: Site) -> PageSpec:
        registry = self.index.registry
        return PageSpec(urls.HOME_PATH, "home.md.j2", site.site_name, {
            "about": site.about,
            "latest": registry.briefs_newest_first[:LATEST],
            "conflicts": [(c, self.index.metric(c.metric).label,
                           self.index.reference_words(c) if c.reference else "")
                          for c in self.index.conflicting()[:CONFLICTS]],
            "conflicts_total": len(self.index.conflicting()),
            "top": {kind: registry.most_mentioned(kind, TOP) for kind in ENTITY_KINDS},
            "counts": {
                "briefs": len(registry.briefs),
                **{kind: len(registry.entities_of_kind(kind)) for kind in ENTITY_KINDS},
                "figures": len(self.index.figure_refs),
            },
        })
