"""The contradictions page: contradictions apart from divergences, each row with
both statements' claimants, sides, kinds and dates, and a reason."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

from briefgen.build.steps import generate_site
from briefgen.model import Claim, ClaimRef
from briefgen.write.charts import ChartCache
from tests.corpus_factory import brief, corpus, date


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_contradictions_and_divergences_are_shown_apart_with_their_reasons(tmp_path: Path) -> None:
    kremlin = dataclasses.replace(brief("tass-piece", outlet="tass", published="2025-10-20"), claims=(
        Claim("encircled", "valery-gerasimov", "The defenders are encircled.", as_of=date("2025-10"),
              kind="report"),
        Claim("will-fall", None, "The city will fall within days.", kind="forecast"),
    ))
    kyiv_brief = brief("kyiv-piece", outlet="kyiv-independent", published="2025-10-25")
    kyiv = dataclasses.replace(kyiv_brief, claims=(
        Claim("not-encircled", "volodymyr-zelensky", "There is no encirclement.", as_of=date("2025-10"),
              kind="denial", contradicts=(ClaimRef("tass-piece", "encircled"),)),
        Claim("holding", "volodymyr-zelensky", "The line holds.", kind="report",
              contradicts=(ClaimRef("tass-piece", "will-fall"),)),
        Claim("held-last-year", None, "The centre was held.", as_of=date("2024-11"), kind="report",
              contradicts=(ClaimRef("kyiv-piece", "not-encircled"),)),
    ))
    files = {f.path: str(f.content) for f in generate_site(corpus(kremlin, kyiv), ChartCache(tmp_path))}
    page = files["figures/contradictions.md"]
    contradictions, _, divergences = page.partition("## Divergences, not contradictions")
    text, apart = _text(contradictions), _text(divergences)
    assert "1 contradiction:" in text
    assert ("Volodymyr Zelensky · Ukrainian officials and forces (belligerent) · denial of October 2025: "
            "There is no encirclement.") in text
    assert ("Valery Gerasimov · Russian officials and state media (belligerent) · report of October 2025: "
            "The defenders are encircled.") in text
    assert "One denies what the other states, for overlapping dates." in text
    # A forecast against a report; a 2024 report against a 2025 denial.
    assert "Then 2 divergences" in text
    assert "A forecast and a report: what one expects to happen does not contradict" in apart
    assert "forecast of 20 October 2025 (the article's date)" in apart
    assert "They speak of different dates (November 2024; October 2025)" in apart
    assert "The Kyiv Independent (the outlet) · Journalists and media · report of November 2024" in apart
    # The brief page names each link for what it is.
    kyiv_page = _text(files["briefs/kyiv-piece.md"])
    assert "Diverges from (not a contradiction) the outlet in “Article tass-piece”" in kyiv_page
    assert "(denial)" in kyiv_page and "Contradicts Valery Gerasimov" in kyiv_page
    discrepancies = _text(files["figures/discrepancies.md"])
    assert "with 2 divergences (a forecast against a report, or different dates)" in discrepancies


def test_many_divergences_are_paged_with_the_contradictions(tmp_path: Path) -> None:
    from briefgen.write.view import PER_PAGE

    # Every brief's undated report links to the first brief's: each a day apart, so each a divergence.
    count = 2 * PER_PAGE + 5
    briefs = [dataclasses.replace(
        brief(f"b{n:03d}", outlet="tass", published=f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}"),
        claims=(Claim("c", None, "Text.", kind="report",
                      contradicts=(ClaimRef("b000", "c"),) if n else ()),))
        for n in range(count)]
    files = {f.path: str(f.content) for f in generate_site(corpus(*briefs), ChartCache(tmp_path))}
    pages = sorted(p for p in files if p.startswith("figures/contradictions"))
    assert len(pages) == 3
    rows = [files[p].count('<tr><td data-label="Statement">') for p in pages]
    assert sum(rows) == count - 1 and max(rows) <= PER_PAGE
    assert f"Then {count - 1} divergences" in _text(files["figures/contradictions.md"])
