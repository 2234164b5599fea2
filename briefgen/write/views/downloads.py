"""/data/: the page documenting the downloads, the corpus as JSON, a CSV per metric, and the Atom feed."""

from __future__ import annotations

from functools import partial

from briefgen.analyse.index import CorpusIndex
from briefgen.sitemap import DATA
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.downloads import json_download_jobs, metric_csvs
from briefgen.write.feed import atom_feed
from briefgen.write.urls import OutputFile
from briefgen.write.view import ChartJob, PageSpec, Piece, Site


class DownloadsView:
    section = DATA

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        return []

    def pages(self, site: Site) -> list[Piece]:
        index = self.index
        return [
            lambda: [self.data_page()],
            *json_download_jobs(index, site.site_url),
            partial(metric_csvs, index),
            lambda: [OutputFile(urls.FEED_PATH, atom_feed(index, site_name=site.site_name,
                                                          site_url=site.site_url))],
        ]

    def data_page(self) -> PageSpec:
        """The page documenting the JSON downloads and listing the CSVs."""
        index, corpus = self.index, self.index.corpus
        return PageSpec(urls.DATA_INDEX_PATH, "data_index.md.j2", DATA.nav_title, {
            "counts": {
                "briefs": len(corpus.briefs), "entities": len(corpus.entities),
                "figures": len(index.figure_refs),
                "events": len(index.registry.events_by_date),
                "claims": sum(len(b.claims) for b in corpus.briefs),
            },
            "csvs": [(m, urls.csv_path(m)) for m in index.by_metric],
        })
