"""The verdicts of the real corpus, as a reader gets them from a real build."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.conftest import read


def _text(page: str) -> str:
    """The page's text without tags, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _cells(row: str, label: str) -> list[str]:
    return [_text(c).strip() for c in re.findall(rf'<td data-label="{label}">(.*?)</td>', row, re.S)]


def test_the_battles_duration_is_no_longer_a_conflict(real_site: Path) -> None:
    page = read(real_site, "figures/duration-of-battle/pokrovsk--advance-on-city")
    text = _text(page)
    assert "Consistent" in text and "Sources conflict" not in text
    assert "“21 months” lies within “nearly 2 years” (18–24 months)" in text
    # Values as written, and normalised at the precision they were written to.
    assert "nearly 2 years" in text and "nearly 731 days" in text and "639 days" in text
    assert "730.5" not in text and "639.2" not in text


def test_pokrovsks_prewar_population_is_consistent_not_corroborated(real_site: Path) -> None:
    text = _text(read(real_site, "figures/population-prewar/pokrovsk"))
    assert "Consistent" in text and "Corroborated" not in text
    assert ("Both figures are unattributed, in a brief whose outlet is unknown: "
            "consistent, not corroborated.") in text
    corroborated = read(real_site, "figures/corroborated")
    assert "population-prewar/pokrovsk" not in corroborated
    # No page lists "unattributed" as an independent source.
    for url in ("figures/corroborated", "figures/discrepancies"):
        page = read(real_site, url)
        for cell in re.findall(r'<td data-label="Independent sources">(.*?)</td>', page, re.S):
            assert "unattributed" not in _text(cell).lower(), (url, cell)


def test_the_three_false_contradictions_are_not_contradictions(real_site: Path) -> None:
    page = read(real_site, "figures/contradictions")
    contradictions, _, divergences = page.partition('<h2 id="divergences-not-contradictions"')
    # Wagner valuing Bakhmut is the exception "almost all analysts" leave: both hold.
    assert "wagner-saw-value" not in page
    # A report against forecasts, and a 2024 report against a 2025 one: divergences.
    assert "claim-centre-firmly-ukrainian" not in contradictions
    for other in ("claim-capture-imminent", "claim-fall-may-be-inevitable", "claim-isw-russian-comfort"):
        assert other not in contradictions and other in divergences, other
    # The one true contradiction: a denial against the report it denies, same month.
    assert "claim-no-encirclement" in contradictions and "claim-russia-claims-encirclement" in contradictions
    text = _text(divergences)
    assert "A forecast and a report" in text
    assert "They speak of different dates (November 2024; 3 November 2025)" in text


def test_every_contradiction_and_comparison_row_shows_sides_dates_and_a_reason(real_site: Path) -> None:
    page = read(real_site, "figures/contradictions")
    rows = re.findall(r"<tr><td data-label=\"Statement\">.*?</tr>", page, re.S)
    assert len(rows) == 4
    for row in rows:
        assert _cells(row, "Why") and all(_cells(row, "Why")), row
        for cell in _cells(row, "Statement") + _cells(row, "Against"):
            # Who (with their side), what kind of statement, and of when.
            side = r" · (Ukrainian|Russian|Independent|Journalists|outlet not known)[^·]* · "
            assert re.search(side, cell), cell
            assert re.search(r"(report|assessment|forecast|denial|statement) of ", cell), cell
            assert re.search(r"\b(19|20)\d\d\b", cell), cell
    assert "(the article's date)" in _text(page)  # a claim without as_of, dated by its article
    assert "Russian officials and state media (belligerent)" in page
    comparison = read(real_site, "figures/population-prewar/pokrovsk")
    value_rows = re.findall(r'<tr id="value-.*?</tr>', comparison, re.S)
    assert value_rows
    for row in value_rows:
        assert all(_cells(row, "Side")) and all(_cells(row, "As of")), row
    assert '<p class="bg-reason"><strong>Why:</strong>' in comparison
