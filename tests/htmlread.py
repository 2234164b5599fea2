"""Small readers of built HTML for the tests: links and sections of a page."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Links(HTMLParser):
    def __init__(self, within_class: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.within_class = within_class
        self.depth = 0  # >0 while inside the element with within_class
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:  # no end tag follows, so they must not count as depth
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += 1
        elif self.within_class is None or self.within_class in classes:
            self.depth = 1
        if tag == "a" and self.depth:
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def links(html: str, within_class: str | None = None) -> list[tuple[str, str]]:
    """(href, text) of every link, optionally only inside elements of a class."""
    parser = _Links(within_class)
    parser.feed(html)
    return parser.links


def resolve(page_url: str, href: str) -> str:
    """The site path a relative link on the page at `page_url` (e.g. `briefs/x/`) leads to."""
    target = href.split("#")[0]
    joined = posixpath.normpath(posixpath.join(page_url, target))
    return "" if joined == "." else joined.rstrip("/") + "/"


def page_exists(site: Path, url_path: str) -> bool:
    return (site / url_path / "index.html").is_file()


UNSAFE_SCHEME = re.compile(r"\s*(javascript|data|vbscript):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class ActiveContent(HTMLParser):
    """What in a page could run code: elements, script bodies, handlers, link targets."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.scripts: list[str] = []
        # <script type="application/ld+json">: data for search engines, never run.
        self.json_ld: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self._in_script = False
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in URL_ATTRIBUTES and value:
                self.urls.append((tag, name, value))
        self._in_script = tag == "script"
        self._in_json_ld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
        elif self._in_script:
            self.scripts.append(data)

    def unsafe_urls(self) -> list[str]:
        return [f"{tag}[{name}={value}]" for tag, name, value in self.urls if UNSAFE_SCHEME.match(value)]
