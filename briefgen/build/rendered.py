"""The HTML MkDocs made of each generated detail page under a server, handed
back to MkDocs as a finished file while the page's Markdown is unchanged.

`mkdocs serve` builds every page at each edit: at 1,000 briefs most of a
minute, though an edit changes a handful. A detail page's HTML depends only
on its own Markdown and on what is the same for every page of one server
(mkdocs.yml with its nav of sections, the theme's templates): detail pages
are in no nav entry, so no other page's title or order reaches them, and
briefgen's links are directory URLs, which MkDocs passes through without
looking the target up. So the HTML of an unchanged page is the HTML MkDocs
made of it last time, given to MkDocs as a static file at the page's address:
MkDocs copies it into the site as it is and renders only the changed pages.

What differs from a fresh build: the sitemap lists only the pages rendered
at that edit (a server's sitemap is read by no one), and MkDocs' own page
hooks (`on_page_*`) run only for them. `mkdocs build` never uses this.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Rendered:
    source_digest: str
    dest_uri: str
    html: str


@dataclass
class RenderedPages:
    """Kept by the plugin for the life of one server."""

    site_key: str = ""
    pages: dict[str, Rendered] = field(default_factory=dict)
    waiting: dict[str, str] = field(default_factory=dict)  # src_uri → digest, to be rendered now
    reused: int = 0

    def start(self, site_key: str) -> None:
        """A new build: what was kept for another configuration or theme is dropped."""
        if site_key != self.site_key:
            self.pages.clear()
            self.site_key = site_key
        self.waiting.clear()
        self.reused = 0

    def reusable(self, src_uri: str, source: bytes) -> Rendered | None:
        """The kept HTML of this page if its Markdown is unchanged; else None (and it is
        noted for `keep` once MkDocs has rendered it)."""
        digest = hashlib.blake2b(source, digest_size=16).hexdigest()
        kept = self.pages.get(src_uri)
        if kept is not None and kept.source_digest == digest:
            self.reused += 1
            return kept
        self.waiting[src_uri] = digest
        return None

    def keep(self, src_uri: str, dest_uri: str, html: str) -> None:
        digest = self.waiting.pop(src_uri, None)
        if digest is not None:
            self.pages[src_uri] = Rendered(digest, dest_uri, html)

    def forget_all_but(self, src_uris: set[str]) -> None:
        """Drop the pages the site no longer has (a removed brief's)."""
        for gone in self.pages.keys() - src_uris:
            del self.pages[gone]


def site_key(config_file: Path, theme_dirs: list[str]) -> str:
    """What every page's HTML depends on besides its own Markdown: mkdocs.yml and the
    theme's files, by their modification times (a server reloads both when they change)."""
    stamps = [f"{config_file}:{_mtime(config_file)}"]
    for folder in theme_dirs:
        root = Path(folder)
        if root.is_dir():
            stamps += sorted(f"{path}:{_mtime(path)}" for path in root.rglob("*") if path.is_file())
    return hashlib.blake2b("\n".join(stamps).encode(), digest_size=16).hexdigest()


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
