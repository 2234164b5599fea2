"""Syntax shared by the input and output sides: the [[link]] pattern and id rules.

The loader checks text against these and the page writer renders with them, so
both import them from here and neither imports the other.
"""

from __future__ import annotations

import re

# [[entity-id]] or [[entity-id|words to show]]
ENTITY_LINK = re.compile(r"\[\[([a-z0-9][a-z0-9-]{0,63})(?:\|([^\]\n]*))?\]\]")

# Ids of briefs, entities, metrics and items: lowercase letters, digits and hyphens.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

# Top-level names a brief, entity or metric id may not take: they would
# collide with a section, an index page or MkDocs/Material assets.
RESERVED_IDS: frozenset[str] = frozenset(
    {"index", "assets", "search", "briefs", "people", "places", "organisations",
     "figures", "discrepancies", "charts", "data", "sitemap", "404", "stylesheets",
     "javascripts", "img", "css", "js", "fonts", "writing-a-brief", "page",
     "timeline", "map", "connections", "topics", "feed", "contradictions", "schema",
     # chart names of the figures section
     "population", "claims-by-side"}
)


def entity_ids_in(text: str) -> list[str]:
    """The entity ids a Markdown field links with [[…]], in order."""
    return [m.group(1) for m in ENTITY_LINK.finditer(text)]
