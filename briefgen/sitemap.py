"""The site's sections: one table of where each page family lives, its nav title, and the ids it reserves.

Ground, not write: the loader must refuse an id that would collide with a
section before anything is generated, and `write/urls.py` builds every path
from the same rows, so the two cannot drift apart. A section's folder and the
names it keeps inside it (`reserved`) are ids no brief, entity, metric or topic
may take; `SITE_NAMES` are the names MkDocs, Material and the hand-written
pages already use.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model import EntityKind


@dataclass(frozen=True)
class Section:
    """One section of the site: a top-level folder with an index page in the nav."""

    folder: str  # "" for the home page
    nav_title: str
    reserved: frozenset[str] = frozenset()  # names inside the folder no id may take

    @property
    def index(self) -> str:
        """The MkDocs source path of the section's index page (its nav entry)."""
        return f"{self.folder}/index.md" if self.folder else "index.md"


HOME = Section("", "Home")
BRIEFS = Section("briefs", "Briefs")
PEOPLE = Section("people", "People")
PLACES = Section("places", "Places")
ORGANISATIONS = Section("organisations", "Organisations")
FIGURES = Section("figures", "Figures", frozenset(
    {"discrepancies", "contradictions", "corroborated", "charts", "population", "claims-by-side"}))
TIMELINE = Section("timeline", "Timeline")
TOPICS = Section("topics", "Topics")
CONNECTIONS = Section("connections", "Connections")
MAP = Section("map", "Map")
DATA = Section("data", "Data")

SECTIONS: tuple[Section, ...] = (HOME, BRIEFS, PEOPLE, PLACES, ORGANISATIONS, FIGURES, TIMELINE, TOPICS,
                                 CONNECTIONS, MAP, DATA)

SECTION_OF_KIND: dict[EntityKind, Section] = {"person": PEOPLE, "place": PLACES,
                                              "organisation": ORGANISATIONS}

# Names taken outside the sections: every list's pages (`page/`), every
# section's index, the files at the top of the site (the feed, the schema,
# the stylesheet), MkDocs' and Material's own, and the hand-written pages.
SITE_NAMES: frozenset[str] = frozenset(
    {"index", "page", "feed", "schema", "stylesheets", "assets", "search", "sitemap", "404", "javascripts",
     "img", "css", "js", "fonts", "writing-a-brief"}
)

# Top-level names a brief, entity or metric id may not take: they would
# collide with a section, an index page or MkDocs/Material assets.
RESERVED_IDS: frozenset[str] = SITE_NAMES.union(
    *({section.folder} | section.reserved for section in SECTIONS if section.folder))


def section_of(path: str) -> Section | None:
    """The section a generated source path belongs to (None for a file at the top)."""
    folder = path.split("/", 1)[0] if "/" in path else ""
    for section in SECTIONS:
        if section.folder == folder:
            return section if folder or path == HOME.index else None
    return None
