"""Where every generated page and asset lives, and the links between them.

One place decides paths so that pages, charts and tests agree. Paths are
MkDocs source paths (``briefs/x.md``); URLs are site-absolute with a trailing
slash, as MkDocs' directory URLs give them, and are made relative by `relative`.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import Path

from briefgen.model import EntityKind
from briefgen.syntax import RESERVED_IDS  # noqa: F401  (re-exported: ids and paths agree)

SECTION_OF_KIND: dict[EntityKind, str] = {
    "person": "people",
    "place": "places",
    "organisation": "organisations",
}



@dataclass(frozen=True)
class OutputFile:
    """A generated file: its MkDocs source path and its content."""

    path: str
    content: str | bytes


def write_file(folder: Path, output: OutputFile) -> None:
    """Write `output` at its path under `folder`, as MkDocs would read it from docs/.

    Refuses a path that would leave `folder` (ValueError): callers check paths
    first and report them; this is the last guard before a byte is written.
    """
    if not stays_inside_site(output.path):
        raise ValueError(f"generated path {output.path!r} would leave {folder}")
    path = folder / output.path
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(output.content, bytes):
        path.write_bytes(output.content)
    else:
        path.write_text(output.content, encoding="utf-8", newline="\n")


def stays_inside_site(path: str) -> bool:
    """Whether a generated source path lands inside the site folder.

    The loader's id pattern already guarantees it; this is the last check before
    anything is handed to MkDocs, so a future id source cannot write elsewhere.
    """
    normal = posixpath.normpath(path)
    return (
        normal == path
        and not path.startswith(("/", "../"))
        and path != ".."
        and "\\" not in path
        and "\x00" not in path
    )


def brief_path(brief_id: str) -> str:
    return f"briefs/{brief_id}.md"


def entity_path(kind: EntityKind, entity_id: str) -> str:
    return f"{SECTION_OF_KIND[kind]}/{entity_id}.md"


def metric_path(metric_id: str) -> str:
    return f"figures/{metric_id}.md"


def page_url(path: str) -> str:
    """The site-absolute directory URL of a Markdown source path."""
    stem = path[: -len(".md")]
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        return "/" + stem[: -len("index")]
    return f"/{stem}/"


def relative(from_path: str, to_url: str) -> str:
    """A link from the page at source path `from_path` to a site-absolute URL.

    Relative links keep the site working from any folder or sub-path, and from
    the file system.
    """
    target, _, anchor = to_url.partition("#")
    return _relative_path(page_url(from_path), target) + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=1 << 16)
def _relative_path(here: str, target: str) -> str:
    """The path from the directory URL `here` to the site-absolute `target`.

    What posixpath.relpath gives for these already-normal URLs, without its
    normalising: pages make half a million links at 1,000 briefs.
    """
    from_parts = [part for part in here.split("/") if part]
    to_parts = [part for part in target.split("/") if part]
    shared = 0
    for mine, theirs in zip(from_parts, to_parts, strict=False):
        if mine != theirs:
            break
        shared += 1
    rel = "/".join([".."] * (len(from_parts) - shared) + to_parts[shared:])
    if not rel:
        return "./"
    return rel + "/" if target.endswith("/") else rel


def anchor(item: str, item_id: str) -> str:
    """The HTML id of a figure, quote, event or claim on its brief's page.

    Prefixed so that an item id can never collide with a heading's id.
    """
    return f"{item}-{item_id}"


def brief_url(brief_id: str) -> str:
    return page_url(brief_path(brief_id))


def entity_url(kind: EntityKind, entity_id: str) -> str:
    return page_url(entity_path(kind, entity_id))


def metric_url(metric_id: str) -> str:
    return page_url(metric_path(metric_id))


def is_detail_page(path: str) -> bool:
    """Whether a generated source path is a detail page, kept out of the nav.

    The nav lists sections only: the home page and each section's index. Every
    other page is reached from those, because a nav that embedded every page
    would be repeated in every page (quadratic in build time and site size).
    """
    if not path.endswith(".md"):
        return False
    parts = path.split("/")
    return not (parts[-1] == "index.md" and len(parts) <= 2)


# --- the figures section and paginated lists ------------------------------------

FIGURES_INDEX_PATH = "figures/index.md"
DISCREPANCIES_PATH = "figures/discrepancies.md"
CONTRADICTIONS_PATH = "figures/contradictions.md"
CORROBORATED_PATH = "figures/corroborated.md"
STYLESHEET = "stylesheets/briefgen.css"
SCHEMA_PATH = "schema/brief.json"  # the brief format as JSON Schema, for editors


def file_url(path: str) -> str:
    """The site-absolute URL of a non-page file (a chart, a CSV)."""
    return "/" + path


def chart_path(name: str) -> str:
    """Source path of a figures-section chart's SVG."""
    return f"figures/charts/{name}.svg"


def entity_chart_path(kind: EntityKind, entity_id: str) -> str:
    """Source path of an entity's small chart, beside its section's pages."""
    return f"{SECTION_OF_KIND[kind]}/charts/{entity_id}.svg"


def brief_chart_path(brief_id: str) -> str:
    """Source path of a brief's chart of its own figures among their peers."""
    return f"briefs/charts/{brief_id}.svg"


def csv_path(metric_id: str) -> str:
    """Source path of a metric's CSV table."""
    return f"figures/{metric_id}.csv"


def comparison_path(metric_id: str, subject: str, reference: str = "") -> str:
    """The page of one comparison: every value on a metric about one subject
    (measured from one reference, when the metric has references). Ids hold no
    "--", so `subject--reference` cannot be mistaken for another subject."""
    name = f"{subject}--{reference}" if reference else subject
    return f"figures/{metric_id}/{name}.md"


def comparison_url(metric_id: str, subject: str, reference: str = "") -> str:
    return page_url(comparison_path(metric_id, subject, reference))


def entity_list_path(kind: EntityKind, entity_id: str, listing: str) -> str:
    """The full list behind one section of an entity page ("briefs", "quotes" …)."""
    return f"{SECTION_OF_KIND[kind]}/{entity_id}/{listing}.md"


def paged_path(path: str, number: int) -> str:
    """Page `number` (1-based) of a paginated list whose first page is `path`.

    The first page keeps its own path, so a URL that exists today stays; later
    pages sit below it: `briefs/index.md` → `briefs/page/2.md`,
    `places/x/briefs.md` → `places/x/briefs/page/2.md`.
    """
    if number <= 1:
        return path
    folder = page_url(path).strip("/")  # the folder the first page is served from
    return f"{folder}/page/{number}.md".lstrip("/")


# --- the reader's views, downloads and feeds ---------------------------------------

DATA_INDEX_PATH = "data/index.md"  # the page documenting the downloads
FEED_PATH = "feed.xml"
TOPICS_INDEX_PATH = "topics/index.md"
TIMELINE_PATH = "timeline/index.md"
TIMELINE_CHART_PATH = "timeline/events-per-month.svg"
MAP_PATH = "map/index.md"
MAP_SVG_PATH = "map/places.svg"  # beside the page that inlines it: its links work from both
CONNECTIONS_PATH = "connections/index.md"
# Beside the page that inlines it, so its relative links work from both.
CONNECTIONS_GRAPH_PATH = "connections/graph.svg"


def data_path(name: str) -> str:
    """Source path of a whole-corpus download such as `briefs.json`."""
    return f"data/{name}"


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def topic_url(topic_id: str) -> str:
    return page_url(topic_path(topic_id))


def timeline_year_path(year: int) -> str:
    """Every event of one year; /timeline/ itself shows the latest months."""
    return f"timeline/{year:04d}.md"


def public_url(site_url: str, url: str) -> str:
    """A site-absolute URL as others should use it: absolute when the site's
    address is known, otherwise relative to the site's root (no leading slash)."""
    if site_url:
        return site_url.rstrip("/") + url
    return url.lstrip("/")
