"""/connections/: the co-mention graph of the most mentioned entities, then the pairs, strongest first."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from briefgen.analyse.index import CorpusIndex
from briefgen.sitemap import CONNECTIONS
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.connections import (
    connections_chart,
    entity_href,
    everywhere,
    select_graph,
    strongest_ties,
)
from briefgen.write.view import ChartJob, Made, PageSpec, Piece, Site, paged

# Pairs listed under the graph: the strongest; weaker ones add nothing
# a reader can use once thousands share a single brief.
PAIRS_LISTED = 1000
# Shared briefs named beside each pair.
SHARED_SHOWN = 5


class ConnectionsView:
    section = CONNECTIONS

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index
        # Chosen once: the drawing and the page show the same graph.
        self.graph = select_graph(index, lambda e: entity_href(index, e))
        self.ties = strongest_ties(index)
        self.everywhere = everywhere(index)

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        return [ChartJob(partial(self._chart, cache), slow=True)]

    def _chart(self, cache: ChartCache) -> list[Made]:
        return [("connections", urls.CONNECTIONS_GRAPH_PATH, connections_chart(self.graph, cache))]

    def pages(self, site: Site) -> list[Piece]:
        return [partial(self._pages, site)]

    def _pages(self, site: Site) -> list[PageSpec]:
        edges = self.index.co_mention_edges
        listed = []
        for a, b, n in edges[:PAIRS_LISTED]:
            shared = self.index.shared_briefs(a, b)
            listed.append((a, b, n, shared[:SHARED_SHOWN], len(shared)))
        placed = site.charts.get("connections")
        return [*paged(
            "connections.md.j2", urls.CONNECTIONS_PATH, CONNECTIONS.nav_title, listed,
            graph=self.graph if placed else None, all_pairs=len(edges), ties=self.ties,
            everywhere=self.everywhere,
            svg=Markup(placed.chart.svg.strip()) if placed else None,
            alt=placed.chart.alt if placed else "",
        )]
