"""Read on a phone, understood at a glance: cards, chart text, previews, print (issue 21).

Each test measures what a reader sees in Chromium at 390 and 1280 px, in the
light and dark schemes where colour matters, and fails on the pages as they
were before: card labels running into the next line, chart text of 7 px, a
table wider than the desktop column, no preview on hover.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PAGE_TYPES, PHONE, SCREENSHOTS

# A card's label must fit inside its own cell: a label that wraps, or the
# label of an empty cell, used to hang below it over the next line. The label
# is a pseudo-element, so its height is measured on a copy with its styles.
_LABELS_OUTSIDE_THEIR_CELL = """() => {
  const bad = [];
  for (const td of document.querySelectorAll('article td[data-label]')) {
    const before = getComputedStyle(td, '::before');
    if (!td.getClientRects().length || before.content === 'none' || before.display === 'none') continue;
    const probe = document.createElement('div');
    probe.textContent = td.getAttribute('data-label');
    probe.style.cssText = `position:absolute;visibility:hidden;left:0;top:0;width:${before.width};`
      + `font:${before.font};line-height:${before.lineHeight};overflow-wrap:${before.overflowWrap}`;
    td.append(probe);
    const height = probe.getBoundingClientRect().height;
    probe.remove();
    const cell = td.getBoundingClientRect();
    const bottom = cell.top + parseFloat(getComputedStyle(td).paddingTop) + height;
    if (bottom > cell.bottom + 0.5) {
      bad.push(`${td.getAttribute('data-label')} (${td.textContent.trim().slice(0, 30) || 'empty'}): `
               + `${Math.round(bottom - cell.bottom)} px below its cell`);
    }
  }
  return bad;
}"""


def _site_pages(real_site: Path) -> list[str]:
    return sorted("/" + p.parent.relative_to(real_site).as_posix().removeprefix(".") + "/"
                  for p in real_site.rglob("index.html")
                  if "assets" not in p.parts and "search" not in p.parts)


def test_card_labels_never_leave_their_cell_on_any_page_at_phone_width(chromium, site_url, real_site):
    # Every page of the site, in one tab: the 40 pages of the issue included.
    context = chromium.new_context(viewport={"width": PHONE, "height": 844})
    page = context.new_page()
    found = {}
    cards = 0
    try:
        for path in _site_pages(real_site):
            page.goto(site_url + path, wait_until="load")
            cards += page.evaluate("() => document.querySelectorAll('article td[data-label]').length")
            bad = page.evaluate(_LABELS_OUTSIDE_THEIR_CELL)
            if bad:
                found[path] = bad
    finally:
        context.close()
    assert cards > 100  # the pages have cards to measure
    assert found == {}


def test_a_card_leaves_out_an_empty_cell(visit):
    page = visit(PAGE_TYPES["brief"], width=PHONE).page
    shown = page.evaluate("""() => [...document.querySelectorAll('article td[data-label]')]
        .filter(td => td.innerHTML === '').map(td => td.getClientRects().length)""")
    assert shown and set(shown) == {0}


# The smallest text of every drawing on a page, in CSS px as displayed: an
# <img> chart's font size times its displayed width over its viewBox width;
# an inline SVG's font size times its scale on screen.
_SMALLEST_TEXT = """async () => {
  const out = [];
  for (const img of document.querySelectorAll('article img[src$=".svg"]')) {
    const width = img.getBoundingClientRect().width;
    if (!width) continue;
    const text = await (await fetch(img.currentSrc || img.src)).text();
    const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    const box = svg.getAttribute('viewBox').split(/[ ,]+/).map(Number);
    const sizes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => parseFloat((t.getAttribute('style') || '').match(/font-size:\\s*([\\d.]+)/)?.[1]
                           || t.getAttribute('font-size')));
    out.push([img.getAttribute('src'), Math.min(...sizes) * width / box[2]]);
  }
  for (const svg of document.querySelectorAll('article svg')) {
    const texts = [...svg.querySelectorAll('text')]
      .filter(t => t.textContent.trim() && t.getClientRects().length);
    if (!texts.length) continue;
    const shown = texts.map(t => { const m = t.getScreenCTM();
      return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); });
    out.push(['inline drawing', Math.min(...shown)]);
  }
  return out;
}"""

CHARTED = ("brief", "place", "metric", "figures-index", "timeline")


def test_the_map_text_is_at_least_11_px_on_a_phone_and_says_it_scrolls(visit):
    page = visit(PAGE_TYPES["map"], width=PHONE).page
    sizes = page.evaluate(_SMALLEST_TEXT)
    assert sizes and min(size for _, size in sizes) >= 11, sizes
    hint = page.evaluate(
        "() => getComputedStyle(document.querySelector('figure.bg-graph'), '::after').content")
    assert "Swipe" in hint


@pytest.mark.parametrize("kind", CHARTED)
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_chart_text_is_at_least_11_px_as_displayed(visit, kind, width):
    page = visit(PAGE_TYPES[kind], width=width).page
    sizes = page.evaluate(_SMALLEST_TEXT)
    assert sizes, f"{kind}: no chart to measure"
    small = [(src, round(size, 1)) for src, size in sizes if size < 11]
    assert small == []


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_nothing_scrolls_sideways(visit, kind, width):
    page = visit(PAGE_TYPES[kind], width=width).page
    scrolled, window = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scrolled <= window
    # Nor inside the article, except the map, which is wider than a phone.
    wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
                && !e.closest('figure.bg-graph, pre, code') && e.clientWidth > 1)
        .map(e => e.tagName + '.' + e.className)""")
    assert wide == []


_DATA_TABLES = """() => {
  document.querySelectorAll('details.bg-chart-data').forEach(d => { d.open = true; });
  const column = document.querySelector('.md-content__inner').getBoundingClientRect().width;
  return [...document.querySelectorAll('details.bg-chart-data table')]
    .map(t => [t.scrollWidth, Math.round(t.getBoundingClientRect().right
               - document.querySelector('.md-content__inner').getBoundingClientRect().left), column]);
}"""


@pytest.mark.parametrize("kind", ["place", "figures-index", "brief"])
def test_the_data_behind_a_chart_fits_the_desktop_column(visit, kind):
    tables = visit(PAGE_TYPES[kind], width=DESKTOP).page.evaluate(_DATA_TABLES)
    assert tables
    assert [t for t in tables if t[0] > t[2] or t[1] > t[2]] == []


def test_the_connections_page_names_every_tie_and_fits_a_phone(visit):
    page = visit(PAGE_TYPES["connections"], width=PHONE).page
    cards = page.evaluate("""() => [...document.querySelectorAll('.bg-tie-card')].map(card => ({
        head: card.querySelector('.bg-tie-head a')?.textContent.trim(),
        ties: [...card.querySelectorAll('li')].map(li => li.querySelector('a')?.textContent.trim()),
        right: card.getBoundingClientRect().right}))""")
    assert len(cards) >= 5
    assert all(card["head"] and card["ties"] and all(card["ties"]) for card in cards)
    assert max(card["right"] for card in cards) <= PHONE
    text = page.evaluate("() => Math.min(...[...document.querySelectorAll('.bg-tie-card a')]"
                         ".map(a => parseFloat(getComputedStyle(a).fontSize)))")
    assert text >= 11


@pytest.mark.parametrize("path", ["/places/pokrovsk/", "/timeline/"])
def test_every_drawing_turns_dark_in_the_dark_scheme(visit, path):
    page = visit(path, scheme="dark").page
    filters = page.evaluate("""() => [...document.querySelectorAll('article figure img, article figure svg')]
        .map(e => getComputedStyle(e).filter)""")
    assert filters and all("invert" in f for f in filters)


_SHOWN_MAP = """() => [...document.querySelectorAll('article figure svg')]
    .filter(s => s.getClientRects().length).map(s => [s.parentElement.className, getComputedStyle(s).filter,
               getComputedStyle(s.querySelector('[id$="patch_1"] path')).fill])"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_shows_the_drawing_in_the_schemes_own_colours(visit, scheme):
    # Not inverted: the dark scheme shows the map drawn in dark colours, its sea dark.
    page = visit("/map/", scheme=scheme).page
    shown = page.evaluate(_SHOWN_MAP)
    expected = {"light": ["bg-map-light", "none", "rgb(219, 233, 244)"],
                "dark": ["bg-map-dark", "none", "rgb(23, 34, 48)"]}
    assert shown == [expected[scheme]]
    if scheme == "light":  # Material's toggle switches it as it does the page
        page.locator("label[for='__palette_1']").first.click()
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        assert page.evaluate(_SHOWN_MAP) == [expected["dark"]]


def test_a_preview_shows_on_hover_and_focus_without_moving_the_page(visit):
    page = visit(PAGE_TYPES["place"], width=DESKTOP).page
    link = page.locator("article a[href*='/briefs/'], article a[href^='../../briefs/']").first
    title = link.inner_text().strip()
    before = page.evaluate("() => document.querySelector('article').getBoundingClientRect().height")
    link.hover()
    preview = page.locator("#bg-preview")
    preview.wait_for(state="visible")
    text = preview.inner_text()
    assert title in text and "Brief" in text and "mention" in text
    assert link.get_attribute("aria-describedby") == "bg-preview"
    assert page.evaluate("() => document.querySelector('article').getBoundingClientRect().height") == before
    page.screenshot(path=str(SCREENSHOTS / "preview-hover-1280.png"))
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    # The keyboard reaches it too: focus on a person's link.
    person = page.locator("article a[href*='people/']").first
    person.focus()
    preview.wait_for(state="visible")
    assert person.inner_text().strip() in preview.inner_text() and "brief" in preview.inner_text()


def test_the_search_dialog_has_a_name(visit):
    page = visit("/").page
    assert page.evaluate("() => document.querySelector('[role=dialog]').getAttribute('aria-label')")


def test_the_404_page_links_its_feed_and_script_within_the_site(visit):
    page = visit("/404.html").page
    hrefs = page.evaluate("""() => [...document.querySelectorAll('link[href], script[src]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src'))""")
    assert any(h.endswith("feed.xml") for h in hrefs)
    assert [h for h in hrefs if h.startswith("//")] == []


_PRINT = """() => {
  const width = document.documentElement.clientWidth;
  return {
    page: document.scrollingElement.scrollWidth - width,
    headings: [...document.querySelectorAll('article h1, article h2, article h3')]
      .map(h => getComputedStyle(h).breakAfter),
    wide: [...document.querySelectorAll('article table, article figure, article img, article svg')]
      .filter(e => e.getBoundingClientRect().right > width + 1).map(e => e.tagName),
  };
}"""


@pytest.mark.parametrize("kind", ["brief", "place", "map", "timeline", "discrepancies", "connections"])
def test_printed_headings_keep_with_what_follows_and_nothing_is_wider_than_a4(visit, kind):
    # A4 at 96 dpi less Chromium's default margins: about 718 px of width.
    page = visit(PAGE_TYPES[kind], width=718).page
    page.emulate_media(media="print")
    printed = page.evaluate(_PRINT)
    assert printed["headings"] and set(printed["headings"]) == {"avoid"}
    assert printed["wide"] == [] and printed["page"] <= 0
