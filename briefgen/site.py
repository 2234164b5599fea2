"""Every file the site is made of, from one validated corpus.

The single entry point that the MkDocs plugin, `briefgen check` and
`briefgen export` call. The steps run in order, each reading what the one
before it made: the corpus index (built once), the charts, the pages, the
downloads; then every path is checked before anything is handed on.
"""

from __future__ import annotations

import time
from importlib.resources import files as package_files
from pathlib import Path

from briefgen import urls
from briefgen.charts import (
    BriefPanels,
    Chart,
    ChartCache,
    brief_chart,
    claims_by_side_chart,
    comparison_chart,
    entity_chart,
    population_chart,
)
from briefgen.connections import connections_chart
from briefgen.downloads import json_downloads, metric_csvs
from briefgen.event_chart import event_chart
from briefgen.feed import atom_feed
from briefgen.index import CorpusIndex
from briefgen.map_chart import map_chart
from briefgen.model import Corpus, Location
from briefgen.pages import PageWriter, PlacedChart
from briefgen.problems import InvalidSite, Problem
from briefgen.schema_file import schema_file
from briefgen.urls import OutputFile

STYLESHEET = urls.STYLESHEET
# Theme overrides that add Open Graph tags, the feed's link and JSON-LD to
# each page's <head>: the plugin puts them on the theme's search path, and an
# export copies them beside its mkdocs.yml.
THEME_DIR = Path(__file__).resolve().parent / "theme"


def generate_site(
    corpus: Corpus,
    cache: ChartCache,
    *,
    site_name: str = "Research briefings",
    about: str = "",
    site_url: str = "",
    timings: dict[str, float] | None = None,
) -> list[OutputFile]:
    """All generated files, sorted by path; no two share a path.

    `site_name` and `about` (what the site covers, in a sentence) head the home
    page; `site_url` (the published address, may be empty) makes the links
    of the feed, the downloads and the structured data absolute. When `timings`
    is given it is filled with seconds per step ("index", "charts", "pages",
    "downloads"). Raises InvalidSite, with located problems,
    when two files would share a path or a path would leave the site.
    """
    clock = _Clock(timings)
    index = CorpusIndex(corpus)
    clock.lap("index")
    charts = draw_charts(index, cache)
    clock.lap("charts")
    pages = PageWriter(index, charts, site_name=site_name, about=about,
                       site_url=site_url).all_pages()
    clock.lap("pages")
    downloads = metric_csvs(index) + json_downloads(index, site_url)
    downloads.append(OutputFile(urls.FEED_PATH,
                                atom_feed(index, site_name=site_name, site_url=site_url)))
    clock.lap("downloads")
    outputs = [OutputFile(STYLESHEET, _stylesheet()), schema_file(), *pages, *downloads]
    outputs += [OutputFile(placed.path, placed.chart.svg) for placed in charts.values()]
    return _checked(corpus, outputs)


def draw_charts(index: CorpusIndex, cache: ChartCache) -> dict[str, PlacedChart]:
    """Every chart of the site, with the path of its SVG.

    Keyed `metric/<id>`, `entity/<id>` and `brief/<id>`, so no id can stand
    for another's chart; the site-wide charts by their own (reserved) names:
    `population`, `claims-by-side`, `timeline`, `connections`, `map`.
    """
    placed: dict[str, PlacedChart] = {}

    def keep(chart: Chart | None, path: str, key: str = "") -> None:
        if chart is not None:
            placed[key or chart.name] = PlacedChart(chart, path)

    for metric_id in index.by_metric:
        keep(comparison_chart(index, metric_id, cache), urls.chart_path(metric_id), f"metric/{metric_id}")
    for entity_id in sorted(index.by_subject):
        entity = index.registry.entities.get(entity_id)
        if entity is not None:
            keep(entity_chart(index, entity_id, cache), urls.entity_chart_path(entity.kind, entity_id),
                 f"entity/{entity_id}")
    panels = BriefPanels(index)
    for brief in index.registry.briefs_newest_first:
        keep(brief_chart(index, brief, cache, panels), urls.brief_chart_path(brief.id),
             f"brief/{brief.id}")
    keep(population_chart(index, cache), urls.chart_path("population"))
    keep(claims_by_side_chart(index, cache), urls.chart_path("claims-by-side"))
    keep(event_chart(index, cache), urls.TIMELINE_CHART_PATH)
    keep(connections_chart(index, cache), urls.CONNECTIONS_GRAPH_PATH)
    keep(map_chart(index, cache), urls.MAP_SVG_PATH)
    return placed


def _checked(corpus: Corpus, outputs: list[OutputFile]) -> list[OutputFile]:
    by_path: dict[str, OutputFile] = {}
    problems: list[Problem] = []
    for output in outputs:
        if not urls.stays_inside_site(output.path):
            problems.append(Problem(_origin_of(corpus, output.path), "(path)",
                                    f"generated path {output.path!r} would leave the site folder"))
        elif output.path in by_path:
            problems.append(Problem(_origin_of(corpus, output.path), "(path)",
                                    f"two generated files share the path {output.path}; rename the id"))
        by_path[output.path] = output
    if problems:
        raise InvalidSite(problems)
    return [by_path[path] for path in sorted(by_path)]


def _origin_of(corpus: Corpus, path: str) -> Location:
    """Where the id behind a generated path is defined: the line to blame for a clash."""
    origins: dict[str, Location] = {}
    for things in (corpus.briefs, corpus.entities, corpus.metrics):
        for thing in things:
            origins.setdefault(thing.id, thing.origin)
    parts = path.rsplit(".", 1)[0].replace("/", " ").split()
    for part in reversed(parts):
        if part in origins and origins[part].file:
            return origins[part]
    return Location("(generated)", 1, 1)


def _stylesheet() -> str:
    return package_files("briefgen").joinpath("briefgen.css").read_text(encoding="utf-8")


class _Clock:
    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[step] = self.timings.get(step, 0.0) + now - self.last
        self.last = now
