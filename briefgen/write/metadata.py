"""What pages tell machines: meta descriptions and schema.org JSON-LD.

Both end up in a page's front matter and are printed into `<head>` by the theme
override (templates, which MkDocs does not autoescape), so both are made safe
here: a description is HTML-escaped and JSON-quoted like `templating.meta_title`;
JSON-LD has `<`, `>` and `&` written as JSON escapes, so no text from a brief
can close the script element or open a comment, and it still parses to the same
data.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from briefgen.model import Brief, Entity, Topic
from briefgen.syntax import entity_ids_in
from briefgen.write import urls

# Search engines show about this many characters of a description.
DESCRIPTION_LIMIT = 200
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9А-ЯІЇЄҐ])")

# schema.org's NewsArticle subtypes for each article type of model.ARTICLE_TYPES.
ARTICLE_SCHEMA_TYPES: dict[str, str] = {
    "news-report": "NewsArticle",
    "analysis": "AnalysisNewsArticle",
    "feature": "NewsArticle",
    "opinion": "OpinionNewsArticle",
    "explainer": "BackgroundNewsArticle",
}
ENTITY_SCHEMA_TYPES = {"person": "Person", "place": "Place", "organisation": "Organization"}
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def plain_text(html_text: str) -> str:
    """Rendered HTML as one line of plain text (tags dropped, entities decoded)."""
    return Markup(html_text).striptags()


def first_sentence(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The first sentence of plain text, cut at a word with "…" past `limit`."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"


def front_matter_text(text: str) -> Markup:
    """A YAML scalar holding `text` HTML-escaped: safe printed unescaped in `<head>`."""
    # Every non-ASCII character escaped: YAML refuses raw DEL and C1 controls.
    return Markup(json.dumps(html.escape(text, quote=True)))


def html_safe_json(text: str) -> str:
    """JSON text with <, > and & written as \\u escapes: the same data, and no markup."""
    return re.sub(r"[<>&]", lambda m: _SCRIPT_SAFE[m.group(0)], text)


def script_json(data: Any) -> str:
    """JSON for a `<script type="application/ld+json">`: sorted, with <, > and & escaped."""
    return html_safe_json(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")))


def front_matter_json(data: Any) -> Markup:
    """JSON-LD as a YAML scalar for the front matter (a JSON-quoted string)."""
    return Markup(json.dumps(script_json(data), ensure_ascii=True))


class StructuredData:
    """schema.org descriptions of briefs and entities, for the page at `here`.

    Links are absolute when the site's address is known, else relative to the
    page (JSON-LD resolves them against it, like any link on the page).
    """

    def __init__(self, entities: Mapping[str, Entity], site_url: str, topics: Mapping[str, Topic],
                 here: str) -> None:
        self.entities = entities
        self.site_url = site_url
        self.topics = topics
        self.here = here

    def _url(self, url: str) -> str:
        if self.site_url:
            return urls.public_url(self.site_url, url)
        return urls.relative(self.here, url)

    def entity_ref(self, entity: Entity) -> dict[str, Any]:
        """A short reference to an entity: type, name, its page and Wikidata."""
        ref: dict[str, Any] = {
            "@type": ENTITY_SCHEMA_TYPES[entity.kind],
            "name": entity.name,
            "url": self._url(urls.entity_url(entity.kind, entity.id)),
        }
        if entity.wikidata:
            ref["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
        return ref

    def brief(self, brief: Brief, description: str) -> dict[str, Any]:
        entities = self.entities
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": ARTICLE_SCHEMA_TYPES.get(brief.article_type, "NewsArticle"),
            "headline": brief.title,
            "description": description,
            "mainEntityOfPage": self._url(urls.brief_url(brief.id)),
        }
        if brief.authors:
            data["author"] = [self.entity_ref(entities[a]) for a in brief.authors]
        if brief.published.date:
            data["datePublished"] = brief.published.date.iso()
        if brief.outlet:
            data["publisher"] = self.entity_ref(entities[brief.outlet])
        if brief.url:
            data["url"] = brief.url
        if brief.topics:
            data["keywords"] = [self.topics[t].name if t in self.topics else t for t in brief.topics]
        # What the summary links is what the article is about; the rest it mentions.
        about = sorted(set(entity_ids_in(brief.summary)) & set(entities))
        others = sorted({m.entity for m in brief.mentions} - set(about))
        if about:
            data["about"] = [self.entity_ref(entities[e]) for e in about]
        if others:
            data["mentions"] = [self.entity_ref(entities[e]) for e in others]
        return data

    def entity(self, entity: Entity) -> dict[str, Any]:
        data = {"@context": "https://schema.org", **self.entity_ref(entity),
                "description": entity.description}
        if entity.aliases:
            data["alternateName"] = list(entity.aliases)
        if entity.latitude is not None and entity.longitude is not None:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": entity.latitude,
                           "longitude": entity.longitude}
        region = self.entities.get(entity.region or "")
        if region is not None:
            data["containedInPlace"] = self.entity_ref(region)
        affiliation = self.entities.get(entity.affiliation or "")
        if affiliation is not None:
            key = "affiliation" if entity.kind == "person" else "parentOrganization"
            data[key] = self.entity_ref(affiliation)
        return data
