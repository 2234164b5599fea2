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

def entity_ids_in(text: str) -> list[str]:
    """The entity ids a Markdown field links with [[…]], in order."""
    return [m.group(1) for m in ENTITY_LINK.finditer(text)]


# Browsers drop tabs and newlines inside a URL and read `\` as `/`, so after
# that `//host`, `/\host` or `\\host` is a link to another site without a scheme.
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_SCHEME_RELATIVE = re.compile(r"[\x00-\x20]*[/\\]{2}")

# The target of a Markdown link, `[words](target)`, or of a reference
# definition, `[label]: target`.
MARKDOWN_LINK_TARGET = re.compile(r"\]\([ \t]*<?([^)\s>]*)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S*)", re.M)


def leaves_site_without_scheme(url: str) -> bool:
    """Would a browser read this href as another site's address without a scheme?

    Only absolute http(s) and mailto URLs may leave the site, so such a link is
    refused by the loader and dropped by the renderer.
    """
    return _SCHEME_RELATIVE.match(_IGNORED_IN_URLS.sub("", url)) is not None
