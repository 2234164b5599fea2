"""A project on another topic (tests/fixtures/quake: the February 2023 earthquakes)
builds with --strict, with its money and magnitudes, charts, a verdict and a map,
and no page speaks of the war the first corpus covers."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, mkdocs_build, read

QUAKE = ROOT / "tests" / "fixtures" / "quake"
# Words of the first corpus that a page on another topic must not carry.
WAR_WORDS = re.compile(
    r"\bwar\b|pre-war|invasion|ukrain|russia|casualt|troops|soldier|\bfront\b|military|commander|"
    r"armed|donetsk|pokrovsk|bakhmut|kyiv|beyond the map",
    re.IGNORECASE,
)


def text_of(page: str) -> str:
    """The words a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def quake_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(QUAKE, tmp_path_factory.mktemp("quake"))
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr + result.stdout
    return site


def test_money_and_magnitudes_are_shown_with_their_units(quake_site: Path) -> None:
    cost = text_of(read(quake_site, "briefs/government-cost-estimate/"))
    assert "$103.6 billion" in cost
    magnitude = text_of(read(quake_site, "figures/magnitude/"))
    assert "7.8 Mw" in magnitude and "7.7 Mw" in magnitude and ":1" not in magnitude
    axis = (quake_site / "figures" / "charts" / "magnitude.svg").read_text("utf-8")
    assert "Mw" in axis and ":1" not in axis


def test_magnitudes_are_dots_on_a_scale_axis_not_bars_from_zero(quake_site: Path) -> None:
    # A magnitude of 0 is not "no earthquake": 7.7 and 7.8 Mw drawn as bars
    # from 0 look the same; on an axis fitted to them they are apart.
    svg = (quake_site / "figures" / "charts" / "magnitude.svg").read_text("utf-8")
    ticks = [float(t) for t in re.findall(r">(-?[0-9]+(?:\.[0-9]+)?)</text>", svg)]
    assert ticks and 6.5 <= min(ticks) < 7.5 and max(ticks) >= 7.8
    assert "a scale: the axis does not start at 0" in svg
    counts = (quake_site / "figures" / "charts" / "deaths.svg").read_text("utf-8")
    assert ">0</text>" in counts and "a scale" not in counts  # an amount's axis starts at 0


def test_the_overview_charts_are_the_projects_own(quake_site: Path) -> None:
    figures = text_of(read(quake_site, "figures/"))
    assert "Deaths by country" in figures and "Measurements and estimates by source" in figures
    for chart in ("population", "claims-by-side", "deaths", "damage"):
        assert (quake_site / "figures" / "charts" / f"{chart}.svg").is_file(), chart


def test_two_agencies_magnitudes_are_a_verdict(quake_site: Path) -> None:
    discrepancies = text_of(read(quake_site, "figures/discrepancies/"))
    assert "Magnitude" in discrepancies and "Pazarcık" in discrepancies


def test_every_place_with_coordinates_is_on_the_map(quake_site: Path) -> None:
    page = read(quake_site, "map/")
    for place in ("Pazarcık", "Antakya", "Aleppo", "Gaziantep"):
        assert place in page, place
    assert "Far from the others" not in page


def test_an_event_three_briefs_report_is_one_entry_with_each_wording(quake_site: Path) -> None:
    timeline = text_of(read(quake_site, "timeline/"))
    assert timeline.count("strikes near Pazarcık") == 3  # one row: its wording, then the two others'
    assert "4 events from every brief" in timeline
    assert "As Turkey's disaster agency gives its own magnitude and a rising toll puts it:" in timeline
    assert "Pazarcık , Kahramanmaraş , Syria" in timeline  # every brief's places, once each
    place = text_of(read(quake_site, "places/pazarcik/"))
    assert place.count("A magnitude 7.8 earthquake strikes near Pazarcık") == 1


def test_no_page_speaks_of_war(quake_site: Path) -> None:
    found = {}
    for path in sorted(quake_site.rglob("*")):
        if path.suffix not in (".html", ".svg", ".xml", ".csv", ".json") or "assets" in path.parts:
            continue
        if path.name == "search_index.json":
            continue  # the same words as the pages
        hits = WAR_WORDS.findall(path.read_text("utf-8"))
        if hits:
            found[str(path.relative_to(quake_site))] = sorted(set(hits))
    assert not found
