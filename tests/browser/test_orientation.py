"""Where am I: the header tab of a page's section, breadcrumbs, and links that say where they lead."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGE_TYPES

SECTION_TABS = [
    ("brief-index", "Briefs"),
    ("figures-index", "Figures"),
    ("brief", "Briefs"),
    ("person", "People"),
    ("place", "Places"),
    ("organisation", "Organisations"),
    ("metric", "Figures"),
    ("discrepancies", "Figures"),
]


@pytest.mark.parametrize("kind, tab", SECTION_TABS)
def test_the_header_tab_of_the_page_section_is_active(visit, kind, tab):
    page = visit(PAGE_TYPES[kind]).page
    active = page.eval_on_selector_all(".md-tabs__item--active", "tabs => tabs.map(t => t.innerText.trim())")
    assert active == [tab]


@pytest.mark.parametrize("kind, section", [("brief", "/briefs/"), ("person", "/people/"),
                                           ("metric", "/figures/")])
def test_detail_pages_show_a_breadcrumb_to_their_section(visit, kind, section):
    page = visit(PAGE_TYPES[kind]).page
    crumbs = page.eval_on_selector_all(
        "nav.md-path a, nav[aria-label='Breadcrumb'] a", "links => links.map(a => new URL(a.href).pathname)")
    assert section in crumbs


def test_entity_pages_link_to_where_each_brief_mentions_them(visit):
    page = visit(PAGE_TYPES["person"]).page
    links = page.eval_on_selector_all(
        "article a[href]", "links => links.map(a => new URL(a.href))"
        ".filter(u => /^\\/briefs\\/[^/]+\\/$/.test(u.pathname)).map(u => u.pathname + u.hash)")
    assert links and all("#" in link for link in links), links
    # Each anchor exists on its brief.
    for link in sorted(set(links)):
        path, anchor = link.split("#", 1)
        target = visit(path).page
        assert target.locator(f"[id='{anchor}']").count() == 1, link


def test_entity_links_say_who_the_entity_is(visit):
    page = visit(PAGE_TYPES["brief"]).page
    bare = page.eval_on_selector_all(
        "article a[href]", """links => links
            .filter(a => /^\\/(people|places|organisations)\\/[^/]+\\/$/.test(new URL(a.href).pathname))
            .filter(a => !(a.title || a.dataset.mdTooltip || '').trim())
            .map(a => a.textContent)""")
    assert bare == []


def test_an_entity_is_linked_at_most_once_per_paragraph_on_every_brief(visit):
    index = visit("/briefs/").page
    briefs = sorted(set(index.eval_on_selector_all(
        "article a[href]", "links => links.map(a => new URL(a.href).pathname)"
        ".filter(p => /^\\/briefs\\/[^/]+\\/$/.test(p))")))
    assert briefs
    repeated = {}
    for brief in briefs:
        page = visit(brief).page
        found = page.eval_on_selector_all("article :is(p, li, td)", """blocks => blocks.flatMap(b => {
            const seen = {};
            return [...b.querySelectorAll('a[href]')]
                .map(a => new URL(a.href).pathname)
                .filter(p => /^\\/(people|places|organisations)\\//.test(p))
                .filter(p => (seen[p] = (seen[p] || 0) + 1) === 2);
        })""")
        if found:
            repeated[brief] = found
    assert repeated == {}
