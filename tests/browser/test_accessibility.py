"""axe-core on every page type, at both widths and in both palettes: no serious or critical finding anywhere.

The whole page is checked, the theme's chrome included: the header, tabs and
footer take briefgen's AA palette (briefgen.css) and the search dialog its
name from briefgen.js, so nothing is set aside as the theme's.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PAGE_TYPES, PHONE

SEVERE = ("serious", "critical")


def findings(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Serious and critical axe findings anywhere on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    return [f"{violation['id']} ({violation['impact']}): {node['target'][-1]}: {node['html'][:160]}"
            for violation in results["violations"] if violation["impact"] in SEVERE
            for node in violation["nodes"]]


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_serious_accessibility_findings_anywhere_on_the_page(visit, kind, scheme, width):
    page = visit(PAGE_TYPES[kind], width=width, scheme=scheme).page
    found = findings(page)
    assert found == [], "\n".join(found)


def test_a_finding_in_the_page_is_reported(visit):
    # A contrast finding on our own markup must be reported: the check is live.
    page = visit(PAGE_TYPES["home"]).page
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.id = 'bg-probe';
        p.textContent = 'Grey on white';
        p.style.color = '#c8c8c8';
        document.querySelector('article').append(p);
    }""")
    assert any(line.startswith("color-contrast") and "bg-probe" in line for line in findings(page))
