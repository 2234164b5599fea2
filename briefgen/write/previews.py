"""What a link's preview shows: one small record per brief and entity page, made at build time.

The site's script (`briefgen.js`) fetches this file the first time a reader
hovers or focuses a link to a brief or an entity, and shows the record beside
the link: title, kind, a one-line description and counts. Keys are site paths
as `urls` gives them ("/briefs/<id>/"), so the script looks a link up by its
resolved path, wherever the page it sits on is.
"""

from __future__ import annotations

from briefgen.analyse.index import CorpusIndex
from briefgen.model import Brief, Entity
from briefgen.syntax import ENTITY_LINK
from briefgen.write import urls
from briefgen.write.metadata import first_sentence, script_json

PREVIEWS_PATH = "javascripts/previews.json"
SCRIPT_PATH = "javascripts/briefgen.js"
# A preview is a glance, not a page: descriptions are cut at a word past this.
PREVIEW_LIMIT = 160

KIND_WORDS = {"person": "Person", "place": "Place", "organisation": "Organisation"}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _plain(index: CorpusIndex, text: str) -> str:
    """Markdown of a summary as one line of words: [[links]] become their names."""
    def name(match: object) -> str:
        entity_id, shown = match.group(1), match.group(2)  # type: ignore[attr-defined]
        entity = index.registry.entities.get(entity_id)
        return shown or (entity.name if entity else entity_id)

    words = ENTITY_LINK.sub(name, text)
    for mark in ("**", "__", "*", "`"):
        words = words.replace(mark, "")
    return " ".join(words.split())


def brief_preview(index: CorpusIndex, brief: Brief) -> dict[str, str]:
    outlet = index.registry.entities.get(brief.outlet or "")
    kind = f"Brief · {outlet.name + ', ' if outlet else ''}{brief.published.display()}"
    counts = [_plural(len(brief.mentions), "mention"), _plural(len(brief.figures), "figure")]
    if brief.claims:
        counts.append(_plural(len(brief.claims), "claim"))
    return {"title": brief.title, "kind": kind,
            "text": first_sentence(_plain(index, brief.summary), PREVIEW_LIMIT),
            "counts": " · ".join(counts)}


def entity_preview(index: CorpusIndex, entity: Entity) -> dict[str, str]:
    registry = index.registry
    kind = KIND_WORDS.get(entity.kind, entity.kind.capitalize())
    if entity.category:
        kind += f" · {entity.category.replace('-', ' ')}"
    counts = [f"in {_plural(registry.mention_count(entity.id), 'brief')}"]
    figures = len(registry.figures_about(entity.id))
    if figures:
        counts.append(_plural(figures, "figure"))
    return {"title": entity.name, "kind": kind,
            "text": first_sentence(entity.description, PREVIEW_LIMIT),
            "counts": " · ".join(counts)}


def previews_json(index: CorpusIndex) -> str:
    """Every brief's and entity's preview, by page path, as compact sorted JSON."""
    found: dict[str, dict[str, str]] = {}
    for brief in index.corpus.briefs:
        found[urls.brief_url(brief.id)] = brief_preview(index, brief)
    for entity in index.registry.entities.values():
        found[urls.entity_url(entity.kind, entity.id)] = entity_preview(index, entity)
    # <, > and & as \u escapes: the same data, and no markup for anything that
    # reads the file as text (the script sets it as text, never as HTML).
    return script_json(found) + "\n"
