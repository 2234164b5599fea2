"""Untrusted brief text → safe HTML.

Brief fields come from contributors' pull requests, so Markdown is rendered by
a restricted Python-Markdown (no raw HTML, no extensions that add attributes or
include files) and the result is cleaned again by nh3 with an allow-list of
tags, attributes and URL schemes. Two layers, because Python-Markdown keeps
`javascript:` links (Python-Markdown#976) and a single missed path would be XSS.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

import markdown
import nh3
from markupsafe import Markup

from briefgen.syntax import (  # noqa: F401  (entity_ids_in re-exported)
    ENTITY_LINK,
    entity_ids_in,
    leaves_site_without_scheme,
)

ALLOWED_TAGS = {
    "p", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote",
    "br", "hr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}}
URL_SCHEMES = {"http", "https", "mailto"}

# nh3 writes every surviving link as `<a href="…"`, so this finds the external ones.
EXTERNAL_LINK = re.compile(r'<a href="((?:https?|mailto):)')
# What every link that leaves the site carries: the page it opens gets no
# handle on ours (noopener) and is not told where the reader came from
# (noreferrer); and a contributor's link is not an endorsement (nofollow).
EXTERNAL_REL = "nofollow noopener noreferrer"

# Resolves an entity id to (display name, URL relative to the page, a short
# description shown on hover and focus), or None.
LinkResolver = Callable[[str], "tuple[str, str, str] | None"]

# A blank line: where one paragraph of a Markdown field ends and the next begins.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _restricted_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    # Raw HTML is shown as text, never passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _escape_link_text(text: str) -> str:
    # Markdown's own specials only: raw HTML is off, so < > & are shown as text anyway.
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text) if text else text


def render_markdown(source: str, resolve: LinkResolver, *, inline: bool = False) -> Markup:
    """Render a brief's Markdown field to sanitised HTML.

    `inline` strips the wrapping paragraph, for table cells and list items.
    An entity is linked at its first mention in each paragraph only: a page
    that links "Zelensky" thirteen times reads as a wall of links.
    """
    fast = _plain_paragraph(source, resolve, inline)
    return Markup(fast) if fast is not None else _through_markdown(source, resolve, inline)


# One paragraph of words and [[links]], with nothing Markdown would read as
# markup: most roles, contexts and key points. Python-Markdown and nh3 cost
# about half a millisecond a field; such text is escaped and linked directly,
# to the same HTML (a test holds the two paths to the same output).
_MARKUP = re.compile(r"[*_`\[\]<>&\\!#\x00-\x1f\x7f-\xa0]|[^\S ]")
_BLOCK_START = re.compile(r"(?:[-+*>]|\d+[.)]|=+|-+)(?:\s|$)")
_ATTRIBUTE_UNSAFE = re.compile(r"[&<>\"'\xa0]")


def _plain_paragraph(source: str, resolve: LinkResolver, inline: bool) -> str | None:
    text = source.strip("\n")  # as Markdown: trailing spaces stay
    if text.startswith(" ") or _MARKUP.search(ENTITY_LINK.sub("", text)) or _BLOCK_START.match(text):
        return None
    linked: set[str] = set()
    pieces: list[str] = []
    start = 0
    for match in ENTITY_LINK.finditer(text):
        pieces.append(html.escape(text[start:match.start()], quote=False))
        start = match.end()
        target = resolve(match.group(1))
        shown = match.group(2)
        words = shown or (target[0] if target else match.group(1))
        if "\xa0" in words or not words.strip():
            return None
        if target is None or match.group(1) in linked:
            pieces.append(html.escape(words, quote=False))
            continue
        linked.add(match.group(1))
        _, url, about = target
        title = " ".join(re.sub(r'["\\]', " ", about).split())
        if _ATTRIBUTE_UNSAFE.search(url + title) or " " in url:
            return None
        attributes = f'href="{url}"' + (f' title="{title}"' if title else "")
        pieces.append(f"<a {attributes}>{html.escape(words, quote=False)}</a>")
    pieces.append(html.escape(text[start:], quote=False))
    body = "".join(pieces)
    if not body:
        return None
    return body if inline else f"<p>{body}</p>"


def _through_markdown(source: str, resolve: LinkResolver, inline: bool) -> Markup:
    linked: set[str] = set()

    def link(match: re.Match[str]) -> str:
        target = resolve(match.group(1))
        shown = match.group(2)
        if target is None or match.group(1) in linked:  # unknown ids are reported by the loader
            return _escape_link_text(shown or (target[0] if target else match.group(1)))
        linked.add(match.group(1))
        name, url, about = target
        title = " ".join(re.sub(r'["\\]', " ", about).split())
        return f'[{_escape_link_text(shown or name)}](<{url}> "{title}")' if title else (
            f"[{_escape_link_text(shown or name)}](<{url}>)")

    # NUL is dropped: browsers and parsers disagree about it.
    parts = []
    for paragraph in _PARAGRAPH_BREAK.split(source.replace("\x00", "")):
        linked.clear()
        parts.append(ENTITY_LINK.sub(link, paragraph))
    text = "\n\n".join(parts)
    return Markup(_rendered(text, inline))


@functools.lru_cache(maxsize=1 << 16)
def _rendered(text: str, inline: bool) -> str:
    # Links are already resolved relative to the page, so the same text on
    # pages in one folder (a role on an entity page and its list pages, a
    # repeated context) is rendered once.
    md = _markdown_instance()
    md.reset()
    rendered = md.convert(text)
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_only_safe_hrefs,
    )
    cleaned = EXTERNAL_LINK.sub(rf'<a rel="{EXTERNAL_REL}" href="\1', cleaned)
    if inline:
        cleaned = re.sub(r"^<p>(.*)</p>$", r"\1", cleaned.strip(), flags=re.S)
    return cleaned


@functools.cache
def _markdown_instance() -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a paragraph;
    # one is kept and reset between conversions (builds are single-threaded).
    return _restricted_markdown()


def _only_safe_hrefs(element: str, attribute: str, value: str) -> str | None:
    # Only absolute http(s) and mailto URLs may leave the site (nh3 checks the
    # scheme); a scheme-relative one is dropped, leaving the words unlinked.
    if attribute == "href" and leaves_site_without_scheme(value):
        return None
    return value


def plain(text: str) -> Markup:
    """Escape plain text for HTML (quotes included, for attributes)."""
    return Markup(html.escape(text, quote=True))


def element_text(text: str) -> Markup:
    """Escape plain text for an element's content: `<`, `>` and `&`; quotes stay as written."""
    return Markup(html.escape(text, quote=False))
