"""Every file the site is made of, from one validated corpus.

The single entry point that the MkDocs plugin (or any other engine) calls:
pages, figure pages, charts and the stylesheet, sorted by path.
"""

from __future__ import annotations

from importlib.resources import files as package_files

from markupsafe import Markup

from briefgen import urls
from briefgen.charts import ChartCache
from briefgen.figure_pages import chart_html, entity_chart_file, figure_pages
from briefgen.model import Corpus
from briefgen.pages import PageWriter
from briefgen.registry import Registry
from briefgen.urls import OutputFile

STYLESHEET = "stylesheets/briefgen.css"


def generate_site(
    corpus: Corpus, cache: ChartCache, *, site_name: str = "Research briefings", about: str = ""
) -> list[OutputFile]:
    """All generated files, sorted by path; no two share a path.

    `site_name` and `about` (what the site covers, in a sentence) head the home page.
    """
    outputs: list[OutputFile] = [OutputFile(STYLESHEET, _stylesheet())]
    chart_files: list[OutputFile] = []

    def entity_chart(entity_id: str, page_path: str) -> Markup:
        found = entity_chart_file(corpus, entity_id, cache)
        if found is None:
            return Markup("")
        svg_file, chart = found
        chart_files.append(svg_file)
        return Markup(chart_html(chart, page_path))

    outputs += PageWriter(Registry(corpus), entity_chart, site_name=site_name, about=about).all_pages()
    outputs += chart_files
    outputs += figure_pages(corpus, cache)
    by_path: dict[str, OutputFile] = {}
    for output in outputs:
        if not urls.stays_inside_site(output.path):
            raise ValueError(f"generated path {output.path!r} would leave the site folder")
        if output.path in by_path:
            raise ValueError(f"two generated files share the path {output.path}")
        by_path[output.path] = output
    return [by_path[path] for path in sorted(by_path)]


def _stylesheet() -> str:
    return package_files("briefgen").joinpath("briefgen.css").read_text(encoding="utf-8")
