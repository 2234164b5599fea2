"""What a view is: a page family that says which pages it makes, from what, and which charts it needs.

A view (one module under `write/views/`, one class in it) is made once per
build from the corpus index; what its charts and its pages share is worked out
then, once, in the build's own process, before any work is shared out between
workers. It then offers:

- `charts(cache)`: pieces of work that each plan or draw some of its charts,
  keyed so that no id stands for another's chart;
- `pages(site)`: pieces of work that each return page specs (path, template,
  title, the context the template is given) and plain files (downloads).

Templates are given their context and nothing else of the corpus (the tables
every page may read, in `templating.Tables`, aside): what a page shows follows
from its spec, so a server keeps a page under a fingerprint of its spec alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from briefgen.model import Brief, Event
from briefgen.sitemap import Section
from briefgen.write import urls
from briefgen.write.urls import OutputFile

if TYPE_CHECKING:
    from briefgen.analyse.index import CorpusIndex
    from briefgen.analyse.registry import Registry
    from briefgen.write.charts import Chart, ChartCache

T = TypeVar("T")

# Rows on one page of a paginated list.
PER_PAGE = 100
# Briefs or entities whose pages one piece of work renders: enough pieces to share out evenly.
PAGES_PER_JOB = 10
# Charts one piece of work draws: small enough to share the work evenly between cores.
CHARTS_PER_JOB = 8


@dataclass(frozen=True)
class PageSpec:
    """One page: where it goes, the template that writes it, and all the template is given.

    `own` is the brief the page is about (a server fingerprints it whole; any
    other brief in `context` by what a listing shows of it). `derived` adds to
    the context what follows from it alone (a description, structured data, a
    rendered summary): asked for only when the page is rendered, not when a
    server finds it kept.
    """

    path: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)
    own: Brief | None = None
    derived: Callable[[], dict[str, Any]] | None = None


@dataclass(frozen=True)
class PlacedChart:
    """A drawn chart and the source path of its SVG file."""

    chart: Chart
    path: str


# What a chart job makes: the chart's key, the path of its SVG, the chart (None: nothing to draw).
Made = tuple[str, str, "Chart | None"]


@dataclass(frozen=True)
class ChartJob:
    """A piece of chart work; `slow` ones (the site-wide drawings) are started first."""

    make: Callable[[], list[Made]]
    slow: bool = False


# A piece of page work: the pages (as specs) and plain files it makes.
Piece = Callable[[], "Sequence[PageSpec | OutputFile]"]


@dataclass(frozen=True)
class Site:
    """What every view's pages may read: the index, the planned charts and the site's settings."""

    index: CorpusIndex
    charts: Mapping[str, PlacedChart]
    site_name: str = "Research briefings"
    about: str = ""
    site_url: str = ""


class View(Protocol):
    """A page family. Made once per build: `__init__(index)` works out what charts and pages share."""

    @property
    def section(self) -> Section | None:
        """The section of the site map it fills (None: files outside any)."""

    def charts(self, cache: ChartCache) -> list[ChartJob]: ...

    def pages(self, site: Site) -> list[Piece]: ...


ViewClass = Callable[["CorpusIndex"], View]


@dataclass(frozen=True)
class Pager:
    """Where one page of a paginated list sits among its siblings."""

    number: int  # 1-based
    count: int
    first_path: str

    def path(self, number: int) -> str:
        return urls.paged_path(self.first_path, number)

    def numbers(self) -> list[int | None]:
        """Page numbers to link, None for a gap: the first, the last and the neighbours."""
        near = range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)
        wanted = sorted({1, self.count, *near})
        shown: list[int | None] = []
        for n in wanted:
            if shown and n - (shown[-1] or 0) > 1:
                shown.append(None)
            shown.append(n)
        return shown


def paginate(first_path: str, items: Sequence[Any],
             per_page: int = PER_PAGE) -> list[tuple[str, Sequence[Any], Pager]]:
    """(path, items on that page, pager) for every page of a list; one page at least."""
    count = max(1, -(-len(items) // per_page))
    return [
        (urls.paged_path(first_path, n), items[(n - 1) * per_page : n * per_page],
         Pager(n, count, first_path))
        for n in range(1, count + 1)
    ]


def paged(template: str, first_path: str, title: str, items: Sequence[Any],
          **context: Any) -> list[PageSpec]:
    """A paginated list as page specs: "Title (page 2 of 5)" from the second page on."""
    pages = []
    for path, chunk, pager in paginate(first_path, items):
        shown = title if pager.number == 1 else f"{title} (page {pager.number} of {pager.count})"
        pages.append(PageSpec(path, template, shown,
                              {"items": chunk, "pager": pager, "total": len(items), **context}))
    return pages


def chart_briefs(briefs: Mapping[str, Brief], *placed: PlacedChart | None) -> dict[str, Brief]:
    """The briefs behind the rows of charts a page shows, by id: the table under a chart names them."""
    return {row.brief: briefs[row.brief] for p in placed if p is not None for row in p.chart.rows}


def also_reported(registry: Registry, pairs: Iterable[tuple[Brief, Event]]) -> dict[str, tuple[Any, ...]]:
    """Other briefs' reports of these events (analyse/event_groups.py), by "brief#event"."""
    groups = registry.event_groups
    return {f"{brief.id}#{event.id}": groups.others(brief, event)
            for brief, event in pairs if groups.others(brief, event)}


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[start:start + size] for start in range(0, len(items), size)]
