"""The figures section: the metric index with the site-wide charts, a page and chart per metric, a page per
comparison, and the discrepancies, corroborated values and contradicting claims."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from briefgen.analyse.grading import confidence
from briefgen.analyse.index import CorpusIndex
from briefgen.sitemap import FIGURES
from briefgen.write import urls
from briefgen.write.charts import Chart, ChartCache, claims_by_side_chart, comparison_chart, population_chart
from briefgen.write.sanitise import element_text
from briefgen.write.templating import INLINE
from briefgen.write.view import ChartJob, Made, PageSpec, Piece, Site, chart_briefs, paged

# The site-wide charts of the figures index, by their (reserved) names.
SITE_CHARTS: dict[str, Callable[[CorpusIndex, ChartCache], Chart | None]] = {
    "population": population_chart,
    "claims-by-side": claims_by_side_chart,
}


class FiguresView:
    section = FIGURES

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        jobs = [ChartJob(partial(self._site_chart, cache, name), slow=True) for name in SITE_CHARTS]
        jobs += [ChartJob(partial(self._metric_chart, cache, metric_id))
                 for metric_id in self.index.by_metric]
        return jobs

    def _site_chart(self, cache: ChartCache, name: str) -> list[Made]:
        return [(name, urls.chart_path(name), SITE_CHARTS[name](self.index, cache))]

    def _metric_chart(self, cache: ChartCache, metric_id: str) -> list[Made]:
        chart = comparison_chart(self.index, metric_id, cache)
        return [(f"metric/{metric_id}", urls.chart_path(metric_id), chart)]

    def pages(self, site: Site) -> list[Piece]:
        return [partial(self._pages, site)]

    def _pages(self, site: Site) -> list[PageSpec]:
        index = self.index
        registry = index.registry
        shown = {name: site.charts[name] for name in SITE_CHARTS if name in site.charts}
        pages = [PageSpec(urls.FIGURES_INDEX_PATH, "figures_index.md.j2", FIGURES.nav_title, {
            "rows": [self._metric_row(metric_id)
                     for metric_id in sorted({m for m in registry.metrics} | set(index.by_metric))],
            "charts": shown,
            "chart_words": {name: {key: element_text(value) for key, value in vars(words).items()}
                            for name, words in index.corpus.vocabulary.chart_words},
            "chart_briefs": chart_briefs(registry.briefs, *shown.values()),
        })]
        for metric_id, refs in index.by_metric.items():
            metric = index.metric(metric_id)
            chart = site.charts.get(f"metric/{metric_id}")
            pages.append(PageSpec(urls.metric_path(metric_id), "metric.md.j2", metric.label, {
                "metric": metric, "refs": refs, "comparisons": index.comparisons_of_metric(metric_id),
                "chart": chart, "chart_briefs": chart_briefs(registry.briefs, chart),
                "csv": urls.csv_path(metric_id),
            }))
        for comparison in index.comparisons.values():
            if len(comparison.refs) < 2:
                continue  # one value: its metric page shows it
            metric = index.metric(comparison.metric)
            subject = registry.entities[comparison.subject]
            words = index.reference_words(comparison)
            pages += paged(
                "comparison.md.j2",
                urls.comparison_path(comparison.metric, comparison.subject, comparison.reference),
                f"{metric.label}: {subject.name}" + (f", {words}" if comparison.reference else ""),
                comparison.refs, comparison=comparison, metric=metric, subject=subject,
                reason=index.reason(comparison), confidence=confidence(comparison),
                # How each value fares against the others: its comparison decides it.
                judged={ref.key: (*index.conflicts_of.get(ref.key, (0, ())), index.agreement_of.get(ref.key))
                        for ref in comparison.refs},
                others=index.alongside(comparison),
            )
        agreeing = [(c, a) for c in index.corroborated() for a in c.agreements]
        pages += paged("corroborated.md.j2", urls.CORROBORATED_PATH, "Corroborated values", agreeing)
        pages += paged("discrepancies.md.j2", urls.DISCREPANCIES_PATH, "Discrepancies", index.conflicting(),
                       corroborated=agreeing[:INLINE], corroborated_total=len(agreeing),
                       claim_links=index.contradictions()[:INLINE],
                       claim_links_total=len(index.contradictions()),
                       divergences_total=len(index.divergences()))
        # Contradictions first, then divergences, paged together: a page never
        # holds more rows than a page allows, however many links are divergences.
        contradictions, divergences = index.contradictions(), index.divergences()
        pages += paged("contradictions.md.j2", urls.CONTRADICTIONS_PATH, "Claims that contradict each other",
                       contradictions + divergences, contradictions_total=len(contradictions),
                       divergences_total=len(divergences))
        return pages

    def _metric_row(self, metric_id: str) -> tuple[Any, ...]:
        """A row of the metric index: the metric, its values, the briefs they come from, the disputed ones."""
        refs = self.index.by_metric.get(metric_id, [])
        return (self.index.metric(metric_id), len(refs), len({r.brief.id for r in refs}),
                sum(1 for r in refs if r.key in self.index.conflicts_of))
