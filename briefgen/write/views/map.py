"""/map/: the places with coordinates, drawn offline on vendored outlines, and those the map cannot show."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from briefgen.analyse.index import CorpusIndex
from briefgen.sitemap import MAP
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.map_chart import OUTLINES_NOTICE, map_chart, place_map
from briefgen.write.view import ChartJob, Made, PageSpec, Piece, Site


class MapView:
    section = MAP

    def __init__(self, index: CorpusIndex) -> None:
        # Found once: the drawing and the page list the same places.
        self.found = place_map(index)

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        return [ChartJob(partial(self._chart, cache), slow=True)]

    def _chart(self, cache: ChartCache) -> list[Made]:
        return [("map", urls.MAP_SVG_PATH, map_chart(self.found, cache))]

    def pages(self, site: Site) -> list[Piece]:
        placed = site.charts.get("map")
        return [lambda: [PageSpec(urls.MAP_PATH, "map.md.j2", MAP.nav_title, {
            "found": self.found, "notice": OUTLINES_NOTICE,
            "svg": Markup(placed.chart.svg.strip()) if placed else None,
            "alt": placed.chart.alt if placed else "",
        })]]
