"""Registry → Markdown pages (with HTML blocks) via the Jinja templates in templates/.

Templates autoescape: every plain-text field from a brief is escaped where it
lands, and Markdown fields pass through render.render_markdown, which sanitises.
Every link is made relative to the page it sits on, so the site works from any
sub-path and from the file system.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from briefgen import urls
from briefgen.figures import as_written, corroborations, discrepancy_flags
from briefgen.model import ARTICLE_TYPES, ENTITY_KINDS, QUALIFIERS, SIDES, Brief, Entity
from briefgen.registry import Registry
from briefgen.render import plain, render_markdown
from briefgen.urls import OutputFile

KIND_TITLES = {"person": "People", "place": "Places", "organisation": "Organisations"}
KIND_SINGULAR = {"person": "Person", "place": "Place", "organisation": "Organisation"}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("briefgen", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def meta_title(title: str) -> str:
    """A YAML front-matter title that is safe in MkDocs' unescaped `<title>`.

    MkDocs templates print page titles as they are, so the title is HTML-escaped
    here; JSON quoting makes it a valid YAML scalar whatever it contains.
    """
    return json.dumps(str(plain(title)), ensure_ascii=False)


class PageLinks:
    """Link helpers bound to the page being rendered."""

    def __init__(self, registry: Registry, path: str) -> None:
        self.registry = registry
        self.path = path

    def to(self, url: str) -> str:
        return urls.relative(self.path, url)

    def brief(self, brief: Brief) -> str:
        return self.to(urls.brief_url(brief.id))

    def entity_url(self, entity_id: str) -> str:
        entity = self.registry.entity(entity_id)
        return self.to(urls.entity_url(entity.kind, entity.id))

    def entity(self, entity_id: str | None, missing: str = "—") -> Markup:
        """An HTML link to an entity page, or `missing` for no entity."""
        if entity_id is None:
            return plain(missing)
        name = self.registry.entity(entity_id).name
        return Markup('<a href="{}">{}</a>').format(self.entity_url(entity_id), name)

    def md(self, text: str, inline: bool = False) -> Markup:
        def resolve(entity_id: str) -> tuple[str, str] | None:
            if entity_id not in self.registry.entities:
                return None
            return self.registry.entity(entity_id).name, self.entity_url(entity_id)

        return render_markdown(text, resolve, inline=inline)


class PageWriter:
    """Renders every core page of the site from one registry."""

    def __init__(
        self,
        registry: Registry,
        entity_charts: Callable[[str, str], Markup] | None = None,
        *,
        site_name: str = "Research briefings",
        about: str = "",
    ) -> None:
        self.registry = registry
        self.site_name = site_name
        self.about = about
        self.env = _environment()
        self.flags = discrepancy_flags(registry.corpus)
        # (brief id, figure id) → the corroboration's anchor on the discrepancies page
        self.corroborated = {
            ref.key: found.id for found in corroborations(registry.corpus) for ref in found.refs
        }
        # Given an entity id and the page path, the HTML of its small chart (or "").
        self.entity_charts = entity_charts or (lambda entity_id, path: Markup(""))

    def _render(self, template: str, path: str, title: str, **context: Any) -> OutputFile:
        links = PageLinks(self.registry, path)
        text = self.env.get_template(template).render(
            title=title,
            meta_title=Markup(meta_title(title)),
            links=links,
            registry=self.registry,
            urls=urls,
            as_written=as_written,
            article_types=ARTICLE_TYPES,
            qualifiers=QUALIFIERS,
            sides=SIDES,
            kind_titles=KIND_TITLES,
            kind_singular=KIND_SINGULAR,
            **context,
        )
        return OutputFile(path, text)

    def all_pages(self) -> list[OutputFile]:
        pages = [self.home(), self.brief_index()]
        pages += [self.brief_page(b) for b in self.registry.briefs_newest_first]
        for kind in ENTITY_KINDS:
            pages.append(self.entity_index(kind))
            pages += [self.entity_page(e) for e in self.registry.entities_of_kind(kind)]
        return sorted(pages, key=lambda page: page.path)

    def home(self) -> OutputFile:
        return self._render(
            "home.md.j2",
            "index.md",
            self.site_name,
            about=self.about,
            latest=self.registry.briefs_newest_first[:5],
            top={kind: self.registry.most_mentioned(kind, 8) for kind in ENTITY_KINDS},
            counts={
                "briefs": len(self.registry.briefs),
                **{kind: len(self.registry.entities_of_kind(kind)) for kind in ENTITY_KINDS},
                "figures": sum(len(b.figures) for b in self.registry.briefs.values()),
            },
        )

    def brief_index(self) -> OutputFile:
        return self._render(
            "brief_index.md.j2", "briefs/index.md", "Briefs", briefs=self.registry.briefs_newest_first
        )

    def brief_page(self, brief: Brief) -> OutputFile:
        grouped = {
            kind: sorted(
                (
                    (self.registry.entity(m.entity), m.role)
                    for m in brief.mentions
                    if self.registry.entity(m.entity).kind == kind
                ),
                key=lambda pair: (pair[0].name.casefold(), pair[0].id),
            )
            for kind in ENTITY_KINDS
        }
        flags = {fid: found for (bid, fid), found in self.flags.items() if bid == brief.id}
        corroborated = {fid: key for (bid, fid), key in self.corroborated.items() if bid == brief.id}
        return self._render(
            "brief.md.j2",
            urls.brief_path(brief.id),
            brief.title,
            brief=brief,
            grouped=grouped,
            flags=flags,
            corroborated=corroborated,
            events=sorted(brief.events, key=lambda e: (e.date.first_day(), e.id)),
            related=self.registry.related_briefs(brief),
        )

    def entity_index(self, kind: str) -> OutputFile:
        section = urls.SECTION_OF_KIND[kind]  # type: ignore[index]
        return self._render(
            "entity_index.md.j2",
            f"{section}/index.md",
            KIND_TITLES[kind],
            kind=kind,
            entities=self.registry.entities_of_kind(kind),  # type: ignore[arg-type]
        )

    def entity_page(self, entity: Entity) -> OutputFile:
        path = urls.entity_path(entity.kind, entity.id)
        return self._render(
            "entity.md.j2",
            path,
            entity.name,
            entity=entity,
            chart=self.entity_charts(entity.id, path),
            appearances=self.registry.appearances(entity.id),
            quotes=self.registry.quotes_by(entity.id),
            figures_about=self.registry.figures_about(entity.id),
            figures_claimed=self.registry.figures_claimed_by(entity.id),
            events=self.registry.events_involving(entity.id),
            co_mentioned=self.registry.co_mentioned(entity.id),
            outlet_briefs=self.registry.briefs_by_outlet(entity.id),
            region=self.registry.entities.get(entity.region) if entity.region else None,
            affiliation=self.registry.entities.get(entity.affiliation) if entity.affiliation else None,
        )
