"""Search as a reader types it: any spelling, any alphabet, one letter wrong; keys as in Material."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import PHONE

ANSWERED = "() => /matching/.test(document.querySelector('.md-search-result__meta').textContent)"


def _search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Paths of the search results for `query`, best first, typed in one input event
    (any alphabet: Playwright presses only keys a US keyboard has)."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    page.wait_for_function(
        "() => /matching|No matching/.test(document.querySelector('.md-search-result__meta').textContent)")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "links => links.map(a => new URL(a.href).pathname)")
    return list(dict.fromkeys(hrefs))


@pytest.mark.parametrize("query, first", [
    ("Pokrovsk", "/places/pokrovsk/"),
    ("Сирський", "/people/oleksandr-syrskyi/"),  # Ukrainian
    ("Сырский", "/people/oleksandr-syrskyi/"),  # Russian
    ("Pokrovks", "/places/pokrovsk/"),  # one letter out of place
    ("Pokrovk", "/places/pokrovsk/"),  # one letter missing
    ("Покровск", "/places/pokrovsk/"),  # Russian
    ("Syrskiy", "/people/oleksandr-syrskyi/"),  # a transliteration of the Russian
    ("Pokrovsk railway station", "/places/pokrovsk-railway-station/"),
])
def test_the_first_result_is_the_page_of_the_name_in_any_spelling(visit, query, first):
    seen = visit("/")
    results = _search(seen.page, query)
    assert results[:1] == [first], f"{query!r} gave {results[:5]}"
    assert seen.errors == []


def test_a_name_mended_says_what_was_searched_for(visit):
    page = visit("/").page
    _search(page, "Pokrovks")
    assert "pokrovsk" in page.inner_text(".md-search-result__meta")


def test_an_organisation_and_the_topic_named_after_it_have_distinct_titles(visit):
    page = visit("/").page
    results = _search(page, "Wagner Group")
    assert results[:2] == ["/organisations/wagner-group/", "/topics/wagner-group/"]
    titles = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link h1",
                                       "hs => hs.map(h => h.textContent)")[:2]
    assert titles == ["Wagner Group · Organisation", "Wagner Group · Topic"]


def test_keys_open_the_search_move_through_results_and_follow_one(visit):
    page = visit("/briefs/").page
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.is_checked("#__search")
    page.keyboard.type("Kofma")
    page.keyboard.press("n")
    page.wait_for_function(ANSWERED)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("new URL(document.activeElement.href).pathname")
    assert focused == "/people/michael-kofman/"
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.keyboard.press("s")
    page.keyboard.press("Enter")  # the query is still there: Enter follows the first result
    page.wait_for_url(lambda url: urlsplit(url).path == "/people/michael-kofman/")


def test_the_search_opens_from_the_header_button_on_a_phone(visit):
    page = visit("/", width=PHONE).page
    page.click("label.md-header__button[for=__search]")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("Бахмут")
    page.wait_for_function(ANSWERED)
    first = page.eval_on_selector(".md-search-result__item > .md-search-result__link",
                                  "a => new URL(a.href).pathname")
    assert first == "/places/bakhmut/"
    assert page.is_visible(".md-search-result__item")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_dialog_and_its_results_pass_axe(visit, scheme):
    from tests.browser.test_accessibility import findings

    page = visit("/", scheme=scheme).page
    _search(page, "Pokrovsk")
    assert page.get_attribute(".md-search", "aria-label") == "Search"
    found = [finding for finding in findings(page) if "md-search" in finding]
    assert found == [], "\n".join(found)
