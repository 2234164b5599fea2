"""Every file the site is made of, from one validated corpus.

The single entry point that the MkDocs plugin, `briefgen check` and
`briefgen export` call. The steps run in order, each reading what the one
before it made: the corpus index (built once), the charts, the pages, the
downloads; then every path is checked before anything is handed on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.resources import files as package_files
from pathlib import Path
from typing import TypeVar

from briefgen.analyse.index import CorpusIndex
from briefgen.build.pagememo import Kept, PageMemo
from briefgen.build.parallel import Usage, run_all
from briefgen.model import Corpus, Location
from briefgen.problems import InvalidSite, Problem
from briefgen.write import urls
from briefgen.write.charts import ChartCache, draw_later
from briefgen.write.previews import PREVIEWS_PATH, SCRIPT_PATH, previews_json
from briefgen.write.schema_file import schema_file
from briefgen.write.search_files import search_files
from briefgen.write.templating import Renderer, Tables
from briefgen.write.urls import OutputFile
from briefgen.write.view import CHARTS_PER_JOB, PageSpec, Piece, PlacedChart, Site, View, ViewClass, chunks
from briefgen.write.views import VIEWS

T = TypeVar("T")
R = TypeVar("R")

STYLESHEET = urls.STYLESHEET
# Theme overrides that add Open Graph tags, the feed's link and JSON-LD to
# each page's <head>: the plugin puts them on the theme's search path, and an
# export copies them beside its mkdocs.yml.
THEME_DIR = Path(__file__).resolve().parents[1] / "write" / "theme"


def generate_site(
    corpus: Corpus,
    cache: ChartCache,
    *,
    site_name: str = "Research briefings",
    about: str = "",
    site_url: str = "",
    timings: dict[str, float] | None = None,
    memo: PageMemo | None = None,
    views: Sequence[ViewClass] = VIEWS,
    usage: Usage | None = None,
) -> list[OutputFile]:
    """All generated files, sorted by path; no two share a path.

    `site_name` and `about` (what the site covers, in a sentence) head the home
    page; `site_url` (the published address, may be empty) makes the links
    of the feed, the downloads and the structured data absolute. When `timings`
    is given it is filled with seconds per step ("index", "charts": their rows
    and the site-wide drawings, and "pages", which includes the downloads and
    drawing the other charts). A `memo` (a server's) keeps pages between
    rebuilds and renders again only those whose inputs changed. `views` are
    the page families made (write/views/: every one, unless a test says
    otherwise); `usage` notes how many processes shared the work. Raises
    InvalidSite, with located problems, when two files would share a path or
    a path would leave the site.
    """
    clock = _Clock(timings)
    jobs = _jobs(corpus, cache, site_name, about, site_url, clock, memo, views, usage)
    made = [output for part in _run_all(jobs, memo, usage) for output in part]
    clock.lap("pages")
    by_path = {output.path: output for output in made}
    return [by_path[path] for path in _checked(corpus, [output.path for output in made])]


def write_site(
    corpus: Corpus,
    cache: ChartCache,
    folder: Path,
    *,
    site_name: str = "Research briefings",
    about: str = "",
    site_url: str = "",
    timings: dict[str, float] | None = None,
    memo: PageMemo | None = None,
    views: Sequence[ViewClass] = VIEWS,
    usage: Usage | None = None,
) -> list[str]:
    """`generate_site`, with each file written under `folder` by the process
    that made it, as soon as it is made; returns the paths, sorted.

    No process then holds the whole site: at 1,000 briefs its text is 160 MB,
    which workers would otherwise send back and the build would keep. A path
    that would leave `folder` is never written; it and any clash raise
    InvalidSite as in `generate_site` (what was written is the caller's to discard).
    """
    clock = _Clock(timings)
    jobs = _jobs(corpus, cache, site_name, about, site_url, clock, memo, views, usage)
    written = _run_all([partial(_write, folder, job) for job in jobs], memo, usage)
    clock.lap("pages")
    return _checked(corpus, [path for paths in written for path in paths])


# A piece of the site's work: the files it makes.
Job = Callable[[], list[OutputFile]]


def _write(folder: Path, job: Job) -> list[str]:
    paths = []
    for output in job():
        if urls.stays_inside_site(output.path):  # the others are reported by _checked
            urls.write_file(folder, output)
        paths.append(output.path)
    return paths


def _run_all(tasks: Sequence[Callable[[], T]], memo: PageMemo | None, usage: Usage | None) -> list[T]:
    """`run_all`, with what forked workers kept filed in the server's `memo`."""
    if memo is None:
        return run_all(tasks, usage)
    memo.taken()  # counted from here
    done = run_all([partial(_keeping, memo, task) for task in tasks], usage)
    for _, kept in done:
        memo.absorb(kept)
    return [value for value, _ in done]


def _keeping(memo: PageMemo, task: Callable[[], T]) -> tuple[T, Kept]:
    memo.taken()  # a forked worker's memo starts as a copy of the server's
    return task(), memo.taken()


def _jobs(corpus: Corpus, cache: ChartCache, site_name: str, about: str, site_url: str,
          clock: _Clock, memo: PageMemo | None, views: Sequence[ViewClass], usage: Usage | None) -> list[Job]:
    """The index, the views, the charts' plans and the site-wide charts, made
    here; then the rest of the site as pieces of work for `run_all`."""
    index, made_views, charts = _planned(corpus, cache, clock, views, usage)
    undrawn = [placed for placed in charts.values() if not placed.chart.svg]
    # Counted now: drawn in a worker, they would be counted only there.
    cache.rendered += len(undrawn)
    if memo is not None:
        memo.start(corpus, (site_name, about, site_url))
    site = Site(index, charts, site_name=site_name, about=about, site_url=site_url)
    renderer = Renderer(Tables(index), site_url)
    drawn = [OutputFile(placed.path, placed.chart.svg) for placed in charts.values() if placed.chart.svg]
    return [
        lambda: [OutputFile(STYLESHEET, _stylesheet()), schema_file(), *search_files(index), *drawn],
        partial(_previews, index),
        *[partial(_drawn_now, cache, chunk) for chunk in chunks(undrawn, CHARTS_PER_JOB)],
        *[partial(_rendered, renderer, memo, piece) for view in made_views for piece in view.pages(site)],
    ]


def _planned(corpus: Corpus, cache: ChartCache, clock: _Clock, views: Sequence[ViewClass],
             usage: Usage | None) -> tuple[CorpusIndex, list[View], dict[str, PlacedChart]]:
    """The index, the views and every chart planned: drawn when the site-wide
    drawings, else drawn later by the workers that make the pages."""
    index = CorpusIndex(corpus)
    made_views = [view(index) for view in views]
    clock.lap("index")
    # Charts are planned now (their rows are what the pages show) and drawn
    # by the same workers as the pages, side by side.
    cache.later = True
    try:
        charts = _draw_charts(made_views, cache, usage)
    finally:
        cache.later = False
    clock.lap("charts")
    return index, made_views, charts


def fill_memo(corpus: Corpus, cache: ChartCache, folder: Path, memo: PageMemo, *,
              site_name: str = "Research briefings", about: str = "", site_url: str = "",
              views: Sequence[ViewClass] = VIEWS) -> int:
    """File in a server's `memo` every page of the site kept in `folder`, which was
    generated from this corpus and these settings: each page's fingerprint, with
    the text kept for it. Nothing is rendered; returns the pages filed.

    A server whose first build reused a kept site has rendered no page: without
    this its first edit renders all of them (most of two minutes at 1,000 briefs).
    """
    index, made_views, charts = _planned(corpus, cache, _Clock(None), views, None)
    memo.start(corpus, (site_name, about, site_url))
    site = Site(index, charts, site_name=site_name, about=about, site_url=site_url)
    filed = 0
    for view in made_views:
        for piece in view.pages(site):
            for spec in piece():
                if isinstance(spec, PageSpec):
                    key = _page_key(memo, spec)
                    memo.file(spec.path, key, (folder / spec.path).read_text(encoding="utf-8"))
                    filed += 1
    return filed


def _rendered(renderer: Renderer, memo: PageMemo | None, piece: Piece) -> list[OutputFile]:
    """A piece of a view's work, its pages rendered (or, under a server, kept from the last build)."""
    return [made if isinstance(made, OutputFile) else _page(renderer, memo, made) for made in piece()]


def _page(renderer: Renderer, memo: PageMemo | None, spec: PageSpec) -> OutputFile:
    if memo is None:
        return renderer.render(spec)
    # A template sees its context and the corpus-wide tables only, so the two
    # decide the page: kept under their fingerprint (see pagememo.py).
    key = _page_key(memo, spec)
    kept = memo.get(spec.path, key)
    if kept is not None:
        return OutputFile(spec.path, kept)
    page = renderer.render(spec)
    memo.put(spec.path, key, str(page.content))
    return page


def _page_key(memo: PageMemo, spec: PageSpec) -> int | None:
    """A page's fingerprint: what its template is given (pagememo.py)."""
    return memo.page_key(spec.template, spec.path, {"title": spec.title, **spec.context}, own=spec.own)


def draw_charts(index: CorpusIndex, cache: ChartCache,
                views: Sequence[ViewClass] = VIEWS) -> dict[str, PlacedChart]:
    """Every chart of the site's views, with the path of its SVG (see `_draw_charts`)."""
    return _draw_charts([view(index) for view in views], cache)


def _draw_charts(views: Sequence[View], cache: ChartCache,
                 usage: Usage | None = None) -> dict[str, PlacedChart]:
    """Every chart of the views, with the path of its SVG.

    Keyed `metric/<id>`, `entity/<id>` and `brief/<id>`, so no id can stand
    for another's chart; the site-wide charts by their own (reserved) names:
    `population`, `claims-by-side`, `timeline`, `connections`, `map`.
    Drawn on every core when there are many (see parallel.py); the result
    does not depend on how many.
    """
    jobs = [job for view in views for job in view.charts(cache)]
    # The site-wide drawings first: the slowest, they should not be left for last.
    jobs = [job for job in jobs if job.slow] + [job for job in jobs if not job.slow]
    before, damaged = cache.rendered, cache.damaged
    done = run_all([_counting(cache, job.make) for job in jobs], usage)
    # Forked workers counted their own drawings; in one process they are counted twice here.
    cache.rendered = before + sum(count.drawn for _, count in done)
    cache.damaged = damaged + sum(count.damaged for _, count in done)
    cache.used.update(*(count.used for _, count in done))
    return {key: PlacedChart(chart, path)
            for made, _ in done for key, path, chart in made if chart is not None}


def _drawn_now(cache: ChartCache, placed: Sequence[PlacedChart]) -> list[OutputFile]:
    drawn = draw_later(cache, [p.chart for p in placed])
    return [OutputFile(p.path, svg) for p, svg in zip(placed, drawn, strict=True)]


@dataclass(frozen=True)
class _ChartCount:
    """What one piece of chart work did to the cache: drawn, found damaged, keys used."""

    drawn: int
    damaged: int
    used: set[str]


def _counting(cache: ChartCache, make: Callable[[], R]) -> Callable[[], tuple[R, _ChartCount]]:
    """`make`, also returning how many charts it drew, how many it found damaged
    and the cache keys it used (what a forked worker counts stays in the worker)."""
    def run() -> tuple[R, _ChartCount]:
        before, damaged, seen = cache.rendered, cache.damaged, set(cache.used)
        made = make()
        return made, _ChartCount(cache.rendered - before, cache.damaged - damaged, cache.used - seen)
    return run


def _checked(corpus: Corpus, paths: list[str]) -> list[str]:
    """`paths` sorted, when no two are the same and none would leave the site."""
    seen: set[str] = set()
    problems: list[Problem] = []
    for path in paths:
        if not urls.stays_inside_site(path):
            problems.append(Problem(_origin_of(corpus, path), "(path)",
                                    f"generated path {path!r} would leave the site folder"))
        elif path in seen:
            problems.append(Problem(_origin_of(corpus, path), "(path)",
                                    f"two generated files share the path {path}; rename the id"))
        seen.add(path)
    if problems:
        raise InvalidSite(problems)
    return sorted(seen)


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


def _previews(index: CorpusIndex) -> list[OutputFile]:
    """The script of the site's pages, and the previews it shows beside links."""
    script = package_files("briefgen.write").joinpath("briefgen.js").read_text(encoding="utf-8")
    return [OutputFile(SCRIPT_PATH, script), OutputFile(PREVIEWS_PATH, previews_json(index))]


def _stylesheet() -> str:
    return package_files("briefgen.write").joinpath("briefgen.css").read_text(encoding="utf-8")


class _Clock:
    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[step] = self.timings.get(step, 0.0) + now - self.last
        self.last = now
