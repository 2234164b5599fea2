"""/map/: the places with coordinates, drawn offline on vendored outlines, and those the map cannot show."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from briefgen.analyse.index import CorpusIndex
from briefgen.sitemap import MAP
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.map_chart import DARK, LIGHT, OUTLINES_NOTICE, Palette, map_chart, place_map
from briefgen.write.view import ChartJob, Made, PageSpec, Piece, Site


class MapView:
    section = MAP

    def __init__(self, index: CorpusIndex) -> None:
        # Found once: the drawing and the page list the same places.
        self.found = place_map(index)

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        # One drawing per scheme, each its own job: they draw in parallel.
        return [ChartJob(partial(self._chart, cache, LIGHT, "map", urls.MAP_SVG_PATH), slow=True),
                ChartJob(partial(self._chart, cache, DARK, "map-dark", urls.MAP_DARK_SVG_PATH), slow=True)]

    def _chart(self, cache: ChartCache, colours: Palette, key: str, path: str) -> list[Made]:
        return [(key, path, map_chart(self.found, cache, colours))]

    def pages(self, site: Site) -> list[Piece]:
        placed = site.charts.get("map")
        dark = site.charts.get("map-dark")
        return [lambda: [PageSpec(urls.MAP_PATH, "map.md.j2", MAP.nav_title, {
            "found": self.found, "notice": OUTLINES_NOTICE,
            "svg": Markup(placed.chart.svg.strip()) if placed else None,
            "dark_svg": Markup(dark.chart.svg.strip()) if dark else None,
            "alt": placed.chart.alt if placed else "",
        })]]
