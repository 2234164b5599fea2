"""/topics/: the topics briefs are filed under, and one paginated page per topic listing its briefs."""

from __future__ import annotations

from functools import partial

from briefgen.analyse.index import CorpusIndex
from briefgen.sitemap import TOPICS
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.metadata import front_matter_text
from briefgen.write.view import ChartJob, PageSpec, Piece, Site, paged


class TopicsView:
    section = TOPICS

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        return []

    def pages(self, site: Site) -> list[Piece]:
        return [partial(self._pages)]

    def _pages(self) -> list[PageSpec]:
        topics = list(self.index.topics.values())
        counted = [(topic, len(self.index.briefs_on_topic(topic.id))) for topic in topics]
        pages: list[PageSpec] = [*paged("topic_index.md.j2", urls.TOPICS_INDEX_PATH, TOPICS.nav_title,
                                              counted)]
        for topic in topics:
            pages += paged("topic.md.j2", urls.topic_path(topic.id), topic.name,
                           self.index.briefs_on_topic(topic.id), topic=topic,
                           meta_description=front_matter_text(topic.description))
        return pages
