"""An Atom feed of the newest briefs, written with xml.etree so every text is escaped.

Entries come newest first by publication date; a brief with no known date has
no place in a dated feed and is left out. An approximate date is said so in the
entry's summary. Links are absolute when the site's address is known (feed
readers need that); otherwise relative to the feed, which sits at the root.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from briefgen.analyse.index import CorpusIndex
from briefgen.model import Brief
from briefgen.write import urls
from briefgen.write.metadata import first_sentence, plain_text
from briefgen.write.sanitise import render_markdown

ATOM = "http://www.w3.org/2005/Atom"
# The feed is for what is new: at 1,000 briefs it stays a small download.
FEED_ENTRIES = 50


def _timestamp(brief: Brief) -> str:
    date = brief.published.date
    assert date is not None
    return date.first_day().isoformat() + "T00:00:00Z"


def _summary(index: CorpusIndex, brief: Brief) -> str:
    names = index.registry.entities

    def resolve(entity_id: str) -> tuple[str, str, str] | None:
        entity = names.get(entity_id)
        return (entity.name, "#", "") if entity else None

    text = first_sentence(plain_text(render_markdown(brief.summary, resolve)), limit=400)
    published = brief.published
    if published.approximate:
        when = f"Published {published.display()} (approximate date"
        when += f": {published.basis.rstrip('.')})" if published.basis else ")"
        return f"{when}. {text}"
    return text


def atom_feed(index: CorpusIndex, *, site_name: str, site_url: str = "") -> str:
    """The feed's XML text: the FEED_ENTRIES newest dated briefs."""
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    def link(url: str) -> str:
        return urls.public_url(site_url, url)

    dated = [b for b in index.registry.briefs_newest_first if b.published.date is not None]
    entries = dated[:FEED_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed")
    add(feed, "title", site_name)
    add(feed, "id", link("/") if site_url else f"urn:briefgen:{site_name}")
    add(feed, "link", rel="self", href=link("/" + urls.FEED_PATH))
    add(feed, "link", rel="alternate", type="text/html", href=link("/") or "./")
    add(feed, "updated", _timestamp(entries[0]) if entries else "1970-01-01T00:00:00Z")
    add(add(feed, "author"), "name", site_name)
    add(feed, "generator", "briefgen")
    names = index.registry.entities
    for brief in entries:
        entry = add(feed, "entry")
        add(entry, "title", brief.title)
        page = link(urls.brief_url(brief.id))
        add(entry, "id", page if site_url else f"urn:briefgen:brief:{brief.id}")
        add(entry, "link", rel="alternate", type="text/html", href=page)
        add(entry, "published", _timestamp(brief))
        add(entry, "updated", _timestamp(brief))
        for author in brief.authors:
            add(add(entry, "author"), "name", names[author].name)
        if not brief.authors and brief.outlet:
            add(add(entry, "author"), "name", names[brief.outlet].name)
        for topic_id in brief.topics:
            topic = index.topics.get(topic_id)
            add(entry, "category", term=topic_id, label=topic.name if topic else topic_id)
        add(entry, "summary", _summary(index, brief))
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
