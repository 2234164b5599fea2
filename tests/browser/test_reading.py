"""A reader's path through the real site: clicking, searching, loading cleanly."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import PAGE_TYPES


def _path(page) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"^https?://[^/]+", "", page.url).split("#")[0]


def _article_links(page, section: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Resolved paths of the article's links into a section such as 'briefs'."""
    hrefs = page.eval_on_selector_all(
        "article a[href]", "links => links.map(a => new URL(a.href).pathname)")
    pattern = re.compile(rf"^/{section}/[^/]+/$")
    return [h for h in hrefs if pattern.match(h)]


def test_click_home_brief_person_another_brief(visit):
    page = visit("/").page
    first_brief = _article_links(page, "briefs")[0]
    _click_link_to(page, first_brief)
    brief_title = page.inner_text("article h1")
    assert brief_title and page.title().startswith(brief_title[:20])

    # The first person on the brief who appears in another brief too.
    for person in dict.fromkeys(_article_links(page, "people")):
        _click_link_to(page, person)
        assert page.inner_text("article h1")
        others = [b for b in _article_links(page, "briefs") if b != first_brief]
        if others:
            break
        page.go_back()
        page.wait_for_url(lambda url: urlsplit(url).path == first_brief)
    else:
        pytest.fail(f"no person on {first_brief} links to another brief")
    _click_link_to(page, others[0])
    assert page.inner_text("article h1") not in ("", brief_title)


def _click_link_to(page, path: str) -> None:  # type: ignore[no-untyped-def]
    """Click the article's first link to `path` (relative hrefs, so match the resolved URL)."""
    index = page.eval_on_selector_all(
        "article a[href]", "(links, path) => links.findIndex(a => new URL(a.href).pathname === path)",
        path)
    assert index >= 0, f"no link to {path} on {page.url}"
    page.locator("article a[href]").nth(index).click()
    # Links from an entity page land on the mention's anchor: compare paths only.
    page.wait_for_url(lambda url: urlsplit(url).path == path)


def _search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Paths of Material's search results for `query`, best first."""
    box = page.locator(".md-search__input")
    box.click()
    # Material queries on each keyup and shows whichever answer came last, so
    # typing key by key can leave a partial word's results on screen when the
    # wait below is met. Fill all but the last key silently, then press it:
    # the one keyup that Material sees carries the whole query.
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function(
        "() => /matching|No matching/.test(document.querySelector('.md-search-result__meta').textContent)")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "links => links.map(a => new URL(a.href).pathname)")
    return list(dict.fromkeys(hrefs))  # a page's sections follow it as links to the same path


SPELLINGS = [  # (spelling, the page it must find); the first alias of each is the one that broke
    ("Krasnoarmeysk", "/places/pokrovsk/"),
    ("Artemivsk", "/places/bakhmut/"),
    ("Mirnograd", "/places/myrnohrad/"),
    ("Artyomovsk", "/places/bakhmut/"),
    ("Krasnoarmiisk", "/places/pokrovsk/"),
    ("Dymytrov", "/places/myrnohrad/"),
]


@pytest.mark.parametrize("spelling, page", SPELLINGS)
def test_search_finds_a_place_by_its_other_spellings(visit, spelling, page):
    results = _search(visit("/").page, spelling)
    assert page in results, f"{spelling!r} gave {results[:5]}"


@pytest.mark.parametrize("spelling, page", [
    ("Krasnoarmeysk", "/places/pokrovsk/"), ("Artemivsk", "/places/bakhmut/"),
    ("Krasnoarmiisk", "/places/pokrovsk/"),
])
def test_search_ranks_the_entity_page_first_for_any_spelling(visit, spelling, page):
    results = _search(visit("/").page, spelling)
    assert results[:1] == [page], f"{spelling!r} gave {results[:5]}"


def test_search_for_a_person_ranks_their_page_first(visit):
    results = _search(visit("/").page, "Kofman")
    assert results[:1] == [PAGE_TYPES["person"]], results[:5]


def test_search_for_a_person_ranks_their_briefs_next(visit):
    page = visit(PAGE_TYPES["person"]).page
    briefs = set(_article_links(page, "briefs"))
    results = _search(page, "Kofman")
    assert briefs and set(results[1:1 + len(briefs)]) == briefs, results[:8]


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_load_without_console_errors_or_failed_requests(visit, kind, scheme):
    seen = visit(PAGE_TYPES[kind], scheme=scheme)
    assert seen.page.inner_text("article h1")
    assert seen.errors == []
