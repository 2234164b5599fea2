"""axe-core on every page type, in both palettes: no serious or critical findings in our markup.

The theme's own findings are told apart node by node (which rule, inside which
part of Material's chrome), never by switching a rule off: the same rule on the
project's own markup still fails the test.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGE_TYPES

# (rule, Material's element it fires on): measured on a bare Material page.
THEME_FINDINGS: dict[str, tuple[str, ...]] = {
    "color-contrast": (".md-tabs", ".md-footer"),  # header tabs and footer text on the theme colour
}
SEVERE = ("serious", "critical")

_IS_THEMES = """([selector, containers]) => {
    const node = document.querySelector(selector);
    return node !== null && containers.some(c => node.closest(c) !== null);
}"""


def own_findings(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Serious and critical axe findings on the project's own markup, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in SEVERE:
            continue
        for node in violation["nodes"]:
            selector = node["target"][-1]
            containers = list(THEME_FINDINGS.get(violation["id"], ()))
            if containers and page.evaluate(_IS_THEMES, [selector, containers]):
                continue
            found.append(f"{violation['id']} ({violation['impact']}): {selector}: "
                         f"{node['html'][:160]}")
    return found


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_findings_in_own_markup(visit, kind, scheme):
    page = visit(PAGE_TYPES[kind], scheme=scheme).page
    found = own_findings(page)
    assert found == [], "\n".join(found)


def test_theme_findings_are_told_apart_not_dropped(visit):
    # A contrast finding on our own markup must still be reported.
    page = visit(PAGE_TYPES["home"]).page
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.id = 'bg-probe';
        p.textContent = 'Grey on white';
        p.style.color = '#c8c8c8';
        document.querySelector('article').append(p);
    }""")
    assert any(line.startswith("color-contrast") and "bg-probe" in line for line in own_findings(page))
