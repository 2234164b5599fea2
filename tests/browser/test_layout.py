"""Layout at a desktop and a phone width: charts fit the column, nothing scrolls sideways.

Also saves a screenshot of each page type at both widths in both palettes into
test-artifacts/screenshots/, kept after the run for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PAGE_TYPES, PHONE, SCREENSHOTS


def _load_images(page) -> None:  # type: ignore[no-untyped-def]
    # Charts below the fold are lazy: load them all before measuring or shooting.
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]')"
                  ".forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")


_CHART_FIT = """() => {
    const column = document.querySelector('.md-content__inner').getBoundingClientRect().width;
    return [...document.querySelectorAll('article figure.bg-chart, article figure.bg-chart img')]
        .map(e => [e.tagName.toLowerCase(), Math.round(e.getBoundingClientRect().width * 10) / 10, column]);
}"""


def test_charts_fit_the_content_column_at_desktop_width(visit):
    boxes = {}
    for kind, path in sorted(PAGE_TYPES.items()):
        page = visit(path, width=DESKTOP).page
        _load_images(page)
        boxes[kind] = page.evaluate(_CHART_FIT)
    charted = {kind: found for kind, found in boxes.items() if found}
    # The pages that must carry charts do, so this cannot pass on an empty page.
    assert {"place", "metric", "figures-index"} <= set(charted), boxes
    too_wide = {kind: [b for b in found if b[1] > b[2]] for kind, found in charted.items()}
    assert all(not wide for wide in too_wide.values()), too_wide


_DRAWING_FIT = """() => {
    const figure = document.querySelector('article figure.bg-graph');
    const svg = figure.querySelector('svg');
    return [Math.round(svg.getBoundingClientRect().width), figure.clientWidth, figure.scrollWidth];
}"""


@pytest.mark.parametrize("path", ["/map/"])
def test_the_map_fits_the_column_on_a_desktop_and_scrolls_inside_it_on_a_phone(visit, path):
    width, column, scrolled = visit(path, width=DESKTOP).page.evaluate(_DRAWING_FIT)
    assert width <= column and scrolled <= column, (width, column, scrolled)
    # On a phone the drawing keeps a legible width and scrolls within its figure.
    width, column, scrolled = visit(path, width=PHONE).page.evaluate(_DRAWING_FIT)
    assert width >= 576 and scrolled > column, (width, column, scrolled)


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_page_scrolls_sideways_at_phone_width(visit, kind):
    page = visit(PAGE_TYPES[kind], width=PHONE).page
    widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{kind}: content {widths[0]} px wide in a {widths[1]} px window"


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_of_each_page_type(visit, kind, width, scheme):
    page = visit(PAGE_TYPES[kind], width=width, scheme=scheme).page
    _load_images(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{kind}-{width}-{scheme}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a page, not a blank image


_TEXT_BOXES = """() => [...document.querySelectorAll('text')]
    .filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect();
                return [t.textContent.trim(), r.left, r.top, r.right, r.bottom]; })"""


def _overlapping(boxes: list[list]) -> list[tuple[str, str]]:
    slack = 0.5  # px: glyph boxes of neighbouring lines may touch
    found = []
    for i, (text_a, *a) in enumerate(boxes):
        for text_b, *b in boxes[i + 1:]:
            if (a[0] < b[2] - slack and b[0] < a[2] - slack
                    and a[1] < b[3] - slack and b[1] < a[3] - slack):
                found.append((text_a, text_b))
    return found


# The map and the connections graph place a label beside each point, among
# many other points: their placement is checked apart from the charts'.
LABELLED_DRAWINGS = ("map/", "connections/")


def _overlaps(visit, real_site, keep) -> dict:  # type: ignore[no-untyped-def]
    charts = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.svg")
                    if "assets" not in p.parts and keep(p.relative_to(real_site).as_posix()))
    assert charts, "the site has no such charts"
    overlaps = {}
    for chart in charts:
        page = visit("/" + chart).page  # the SVG as a document: its text can be measured
        found = _overlapping(page.evaluate(_TEXT_BOXES))
        if found:
            overlaps[chart] = found
    return overlaps


def test_chart_text_never_overlaps(visit, real_site, site_url):
    assert _overlaps(visit, real_site, lambda chart: not chart.startswith(LABELLED_DRAWINGS)) == {}


def test_map_and_graph_labels_never_overlap(visit, real_site, site_url):
    assert _overlaps(visit, real_site, lambda chart: chart.startswith(LABELLED_DRAWINGS)) == {}


_PRINTED = """() => {
    const shown = e => e !== null && e.getClientRects().length > 0;
    const external = document.querySelector('article a[href^="http"]');
    const details = [...document.querySelectorAll('article details')];
    return {
        chrome: ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer']
            .filter(s => shown(document.querySelector(s))),
        url: external && getComputedStyle(external, '::after').content,
        href: external && external.getAttribute('href'),
        details: details.length,
        hidden: details.flatMap(d => [...d.children].filter(c => c.tagName !== 'SUMMARY' && !shown(c)))
            .map(c => c.tagName),
        wide: [...document.querySelectorAll('figure.bg-chart img')]
            .filter(i => i.getBoundingClientRect().right > document.documentElement.clientWidth).length,
    };
}"""


def test_print_shows_the_article_only_with_link_targets_and_open_details(visit):
    page = visit(PAGE_TYPES["place"]).page
    page.emulate_media(media="print")
    printed = page.evaluate(_PRINTED)
    assert printed["chrome"] == []
    assert printed["href"] and printed["href"] in printed["url"]
    assert printed["details"] > 0 and printed["hidden"] == []
    assert printed["wide"] == 0
    page.pdf(path=str(SCREENSHOTS / "place-print.pdf"))


_TABLE_FITS = """() => {
    const column = document.querySelector('.md-content__inner').getBoundingClientRect().width;
    return [...document.querySelectorAll('article table')]
        .map(t => [Math.round(t.getBoundingClientRect().width), Math.round(column)]);
}"""

_STACK_FIRST_TABLE = """() => {
    // What a template does: a wrapper with class bg-stack, and each cell labelled by its column.
    const table = document.querySelector('article table');
    const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    table.querySelectorAll('tbody tr').forEach(tr =>
        [...tr.children].forEach((td, i) => td.setAttribute('data-label', heads[i])));
    const outer = table.closest('.md-typeset__scrollwrap') || table;
    const wrapper = document.createElement('div');
    wrapper.className = 'bg-stack';
    outer.replaceWith(wrapper);
    wrapper.append(outer);
    const first = table.querySelector('tbody td');
    return getComputedStyle(first, '::before').content;
}"""


def test_a_stacked_table_fits_a_phone(visit):
    # The stylesheet's bg-stack on the brief's six-column figures table.
    page = visit(PAGE_TYPES["brief"], width=PHONE).page
    label = page.evaluate(_STACK_FIRST_TABLE)
    assert label == '"Value"'
    width, column = page.evaluate(_TABLE_FITS)[0]
    assert width <= column
    page.screenshot(path=str(SCREENSHOTS / "brief-390-stacked-table.png"), full_page=True)


@pytest.mark.parametrize("kind", ["brief", "place", "metric"])
def test_tables_fit_the_column_at_phone_width(visit, kind):
    page = visit(PAGE_TYPES[kind], width=PHONE).page
    tables = page.evaluate(_TABLE_FITS)
    assert tables and all(width <= column for width, column in tables), tables
