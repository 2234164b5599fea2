"""The site map: where every generated page and asset lives, and the links between them.

One place decides paths so that pages, charts, the plugin and tests agree; the
sections themselves (folder, nav title, reserved names) are the table in
`briefgen/sitemap.py`, and every path here is built from its rows. Paths are
MkDocs source paths (``briefs/x.md``); URLs are site-absolute with a trailing
slash, as MkDocs' directory URLs give them (the only kind briefgen writes:
`use_directory_urls: false` is refused at its line), and are made relative by
`relative`.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import Path

from briefgen import sitemap
from briefgen.model import EntityKind
from briefgen.sitemap import BRIEFS, CONNECTIONS, DATA, FIGURES, HOME, MAP, TIMELINE, TOPICS

# The folder of each kind's section: "people", "places", "organisations".
SECTION_OF_KIND: dict[EntityKind, str] = {kind: s.folder for kind, s in sitemap.SECTION_OF_KIND.items()}
HOME_PATH = HOME.index
BRIEFS_INDEX_PATH = BRIEFS.index


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
    return f"{BRIEFS.folder}/{brief_id}.md"


def entity_path(kind: EntityKind, entity_id: str) -> str:
    return f"{SECTION_OF_KIND[kind]}/{entity_id}.md"


def entity_index_path(kind: EntityKind) -> str:
    """The index page of a kind's section: "people/index.md"."""
    return sitemap.SECTION_OF_KIND[kind].index


def metric_path(metric_id: str) -> str:
    return f"{FIGURES.folder}/{metric_id}.md"


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

FIGURES_INDEX_PATH = FIGURES.index
DISCREPANCIES_PATH = f"{FIGURES.folder}/discrepancies.md"
CONTRADICTIONS_PATH = f"{FIGURES.folder}/contradictions.md"
CORROBORATED_PATH = f"{FIGURES.folder}/corroborated.md"
STYLESHEET = "stylesheets/briefgen.css"
SCHEMA_PATH = "schema/brief.json"  # the brief format as JSON Schema, for editors


def file_url(path: str) -> str:
    """The site-absolute URL of a non-page file (a chart, a CSV)."""
    return "/" + path


def chart_path(name: str) -> str:
    """Source path of a figures-section chart's SVG."""
    return f"{FIGURES.folder}/charts/{name}.svg"


def entity_chart_path(kind: EntityKind, entity_id: str) -> str:
    """Source path of an entity's small chart, beside its section's pages."""
    return f"{SECTION_OF_KIND[kind]}/charts/{entity_id}.svg"


def brief_chart_path(brief_id: str) -> str:
    """Source path of a brief's chart of its own figures among their peers."""
    return f"{BRIEFS.folder}/charts/{brief_id}.svg"


def csv_path(metric_id: str) -> str:
    """Source path of a metric's CSV table."""
    return f"{FIGURES.folder}/{metric_id}.csv"


def comparison_path(metric_id: str, subject: str, reference: str = "") -> str:
    """The page of one comparison: every value on a metric about one subject
    (measured from one reference, when the metric has references). Ids hold no
    "--", so `subject--reference` cannot be mistaken for another subject."""
    name = f"{subject}--{reference}" if reference else subject
    return f"{FIGURES.folder}/{metric_id}/{name}.md"


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

DATA_INDEX_PATH = DATA.index  # the page documenting the downloads
FEED_PATH = "feed.xml"
TOPICS_INDEX_PATH = TOPICS.index
TIMELINE_PATH = TIMELINE.index
TIMELINE_CHART_PATH = f"{TIMELINE.folder}/events-per-month.svg"
MAP_PATH = MAP.index
MAP_SVG_PATH = f"{MAP.folder}/places.svg"  # beside the page that inlines it: its links work from both
MAP_DARK_SVG_PATH = f"{MAP.folder}/places-dark.svg"  # the same map in the dark scheme's colours
CONNECTIONS_PATH = CONNECTIONS.index
# Beside the page that inlines it, so its relative links work from both.
CONNECTIONS_GRAPH_PATH = f"{CONNECTIONS.folder}/graph.svg"


def data_path(name: str) -> str:
    """Source path of a whole-corpus download such as `briefs.json`."""
    return f"{DATA.folder}/{name}"


def topic_path(topic_id: str) -> str:
    return f"{TOPICS.folder}/{topic_id}.md"


def topic_url(topic_id: str) -> str:
    return page_url(topic_path(topic_id))


def timeline_year_path(year: int) -> str:
    """Every event of one year; /timeline/ itself shows the latest months."""
    return f"{TIMELINE.folder}/{year:04d}.md"


def public_url(site_url: str, url: str) -> str:
    """A site-absolute URL as others should use it: absolute when the site's
    address is known, otherwise relative to the site's root (no leading slash)."""
    if site_url:
        return site_url.rstrip("/") + url
    return url.lstrip("/")


def section_index_path(path: str) -> str | None:
    """The index page of the section a generated source path belongs to: the
    nav entry to light while a detail page is shown (None outside a section)."""
    section = sitemap.section_of(path)
    return section.index if section is not None else None
