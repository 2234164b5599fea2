"""The figures section's pages: paths, links, escaping, CSV and HTML blocks."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import xml.etree.ElementTree as ET

import pytest

from briefgen.analyse.index import CorpusIndex
from briefgen.build.steps import generate_site
from briefgen.model import Metric
from briefgen.problems import InvalidSite
from briefgen.write.charts import ChartCache
from briefgen.write.downloads import csv_cell, metric_csv
from tests.corpus_factory import (
    DEFAULT_ENTITIES,
    DEFAULT_METRICS,
    brief,
    corpus,
    entity,
    figure,
    seed_corpus,
)


def section(outputs):
    return {f.path: f.content for f in outputs if f.path.startswith("figures/")}


@pytest.fixture
def files(tmp_path):
    return section(generate_site(seed_corpus(), ChartCache(tmp_path)))


def test_the_section_has_every_file(files):
    assert list(files) == sorted(files)
    assert set(files) == {
        "figures/index.md",
        "figures/discrepancies.md",
        "figures/contradictions.md",
        "figures/corroborated.md",
        "figures/civilians-remaining.md",
        "figures/civilians-remaining.csv",
        "figures/civilians-remaining/bakhmut.md",
        "figures/population-prewar.md",
        "figures/population-prewar.csv",
        "figures/population-prewar/pokrovsk.md",
        "figures/troops-committed.md",
        "figures/troops-committed.csv",
        "figures/troops-committed/pokrovsk.md",
        "figures/force-ratio.md",
        "figures/force-ratio.csv",
        "figures/charts/civilians-remaining.svg",
        "figures/charts/population-prewar.svg",
        "figures/charts/troops-committed.svg",
        "figures/charts/claims-by-side.svg",
        "figures/charts/population.svg",
    }


def test_pages_start_with_a_title_and_have_no_blank_line_in_html_blocks(files):
    for path, text in files.items():
        if not path.endswith(".md"):
            continue
        assert re.match(r'---\ntitle: "[^"\n]+"\n---\n', text), path
        for block in re.split(r"\n\s*\n", text):
            opened = len(re.findall(r"<(table|figure|details|ul)\b", block))
            closed = len(re.findall(r"</(table|figure|details|ul)>", block))
            assert opened == closed, (path, block[:80])


def test_metric_page_links_chart_csv_and_one_row_per_subject(files):
    page = files["figures/civilians-remaining.md"]
    assert '<img src="../charts/civilians-remaining.svg" alt="Civilians remaining.' in page
    assert '<a href="../../places/bakhmut/" title="Place · About bakhmut.">Bakhmut</a>' in page
    assert '<a href="../civilians-remaining.csv" download>' in page
    by_subject = page.split("## By subject")[1]
    assert by_subject.count('<tr id="subject-') == 2
    # Bakhmut's two values are compared on their own page; Pokrovsk's one is shown in place.
    assert '<a href="bakhmut/">2 values</a>' in by_subject
    assert ('<a href="../../briefs/pokrovsk-set-to-fall/#figure-civilians-left">'
            "fewer than 15,000 people</a>") in by_subject


def test_metric_with_one_value_has_no_chart(files):
    page = files["figures/force-ratio.md"]
    assert "<img" not in page and ">8:1</a>" in page


def test_comparison_page_lists_every_value_with_its_verdict(files):
    page = files["figures/troops-committed/pokrovsk.md"]
    assert '<strong class="bg-verdict bg-conflicting">Sources conflict</strong>' in page
    assert page.count('class="bg-discrepant"') == 2
    assert 'id="value-pokrovsk-like-bakhmut-russian-troops"' in page
    assert "<td>up to 100,000 troops</a>" not in page  # the value links to its brief
    assert ('<a href="../../../briefs/pokrovsk-like-bakhmut/#figure-russian-troops">up to 100,000 troops</a>'
            in page)
    assert ('Conflicts with <a href="./#value-pokrovsk-set-to-fall-russian-troops">'
            "about 170,000 troops") in page


def test_discrepancies_page_has_one_row_per_conflicting_comparison(files):
    page = files["figures/discrepancies.md"]
    conflicts = page.split("## Values that conflict")[1].split("## Corroborated")[0]
    assert conflicts.count("<tr id=") == 1
    assert '<a href="../troops-committed/pokrovsk/">Troops committed</a>' in conflicts
    assert "up to 100,000 troops</a>" in conflicts and "about 170,000 troops</a>" in conflicts
    # Both briefs give 60,000 in their own words, unattributed: consistent, not corroborated.
    corroborated = page.split("## Corroborated")[1]
    assert "Pre-war population" not in corroborated
    population = files["figures/population-prewar/pokrovsk.md"]
    assert '<strong class="bg-verdict bg-consistent">Consistent</strong>' in population
    assert "Both figures are unattributed: consistent, not corroborated." in population


def test_index_lists_metrics_and_side_chart(files):
    index = files["figures/index.md"]
    assert (
        '<a href="civilians-remaining/">Civilians remaining</a>'
        "<br><small>Civilians still living in a place at the time given.</small></td> "
        '<td data-label="Values">3</td> <td data-label="Sources">2</td> '
        '<td data-label="Disputed values">0</td>'
    ) in index
    assert '<tr><td data-label="Metric">Casualties<br>' in index  # listed, no page to link
    assert '<img src="charts/claims-by-side.svg"' in index
    assert ('<td data-label="Claimed by">TASS</td> '
            '<td data-label="Side">Russian officials and state media (belligerent)</td>') in index


def test_csv_is_deterministic_neutralises_formulas_and_gives_verdicts():
    assert [csv_cell(v) for v in ("=1+1", "+x", "-2", "@SUM", "plain", "")] == [
        "'=1+1",
        "'+x",
        "'-2",
        "'@SUM",
        "plain",
        "",
    ]
    evil = entity("evil", '=HYPERLINK("http://x")')
    c = corpus(
        brief("a", figure("x", "casualties", "evil", 10, unit="soldiers")),
        entities=DEFAULT_ENTITIES + (evil,),
    )
    text = metric_csv(CorpusIndex(c), "casualties")
    assert "\r" not in text and text.endswith("\n")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["subject_name"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["value_as_written"] == "10 soldiers"
    troops = list(csv.DictReader(io.StringIO(metric_csv(CorpusIndex(seed_corpus()), "troops-committed"))))
    assert [(r["brief"], r["discrepancies"], r["verdict"]) for r in troops] == [
        ("pokrovsk-like-bakhmut", "1", "conflicting"), ("pokrovsk-set-to-fall", "1", "conflicting")]


def test_hostile_text_is_escaped_everywhere(tmp_path):
    name = '<script>alert("x")</script>'
    evil = entity("evil", name, side="russia")
    metrics = DEFAULT_METRICS + (Metric("bad", '<b>Bad</b> "metric"\\', "count", "<i>d</i>"),)
    c = corpus(
        brief(
            "a",
            figure("x", "casualties", "evil", 10, unit="soldiers", claimed_by="evil", via="evil"),
            title="<img src=x onerror=alert(1)>",
        ),
        brief("b", figure("y", "casualties", "evil", 20, unit="soldiers")),
        brief("c", figure("z", "bad", "evil", 1)),
        entities=DEFAULT_ENTITIES + (evil,),
        metrics=metrics,
    )
    out = generate_site(c, ChartCache(tmp_path))
    for f in out:
        if f.path.endswith((".csv", ".css")):  # data, not HTML: kept as written
            continue
        assert isinstance(f.content, str)
        assert "<script>" not in f.content and "<img src=x" not in f.content, f.path
        assert "<b>Bad" not in f.content and "<i>d" not in f.content, f.path
        if f.path.endswith(".svg"):
            ET.fromstring(f.content.encode("utf-8"))
    pages = {f.path: f.content for f in out}
    assert "&lt;script&gt;" in pages["figures/casualties.md"]
    assert "&lt;script&gt;" in pages["figures/charts/casualties.svg"]
    assert pages["figures/bad.md"].startswith(
        '---\ntitle: "&lt;b&gt;Bad&lt;/b&gt; &quot;metric&quot;\\\\"\n---\n'
    )


def test_entity_chart_sits_beside_its_section(tmp_path):
    files = {f.path: f.content for f in generate_site(seed_corpus(), ChartCache(tmp_path))}
    assert "places/charts/pokrovsk.svg" in files
    assert '<img src="../charts/pokrovsk.svg"' in files["places/pokrovsk.md"]
    assert "places/charts/myrnohrad.svg" not in files


def test_warm_cache_renders_nothing(tmp_path):
    first = generate_site(seed_corpus(), cache := ChartCache(tmp_path))
    assert cache.rendered == 9  # three metric, side, population, two entity and two brief charts
    warm = ChartCache(tmp_path)
    assert generate_site(seed_corpus(), warm) == first and warm.rendered == 0


def test_a_path_clash_is_a_located_problem(tmp_path):
    clash = DEFAULT_METRICS + (Metric("index", "Index", "count", "", origin=_where("data/metrics.yml", 7)),)
    c = corpus(brief("a", figure("x", "index", "pokrovsk", 1)), metrics=clash)
    with pytest.raises(InvalidSite) as raised:
        generate_site(c, ChartCache(tmp_path))
    (problem,) = raised.value.problems
    assert str(problem) == (
        "data/metrics.yml:7:1: (path): two generated files share the path figures/index.md; rename the id")


def _where(file, line):
    from briefgen.model import Location

    return Location(file, line, 1)


def test_discrepancies_page_lists_contradicting_claims_side_by_side(tmp_path):
    from briefgen.model import Claim, ClaimRef
    from tests.corpus_factory import brief as make_brief
    from tests.corpus_factory import corpus as make_corpus

    first = make_brief("first", title="First <b>article</b>")
    second = make_brief("second")
    first = dataclasses.replace(first, claims=(Claim("falls", None, "The city will fall this week."),))
    second = dataclasses.replace(
        second,
        claims=(
            Claim(
                "holds",
                "volodymyr-zelensky",
                "The [[pokrovsk]] line holds.",
                contradicts=(ClaimRef("first", "falls"),),
            ),
        ),
    )
    files = {f.path: f.content for f in generate_site(make_corpus(first, second), ChartCache(tmp_path))}
    page = files["figures/discrepancies.md"]
    part = page.split("## Claims that contradict each other")[1]
    assert "The city will fall this week." in part
    assert '<a href="../../places/pokrovsk/"' in part
    assert "../../briefs/first/#claim-falls" in part
    assert "First &lt;b&gt;article&lt;/b&gt;" in part
    # Both ends of the link are marked on the brief pages.
    assert ('Contradicts <a href="../first/#claim-falls">the outlet in “First &lt;b&gt;article&lt;/b&gt;”</a>'
            in files["briefs/second.md"])
    assert ('Contradicted by <a href="../second/#claim-holds">Volodymyr Zelensky in “Article second”</a>'
            in files["briefs/first.md"])


def test_verdict_reasons_on_comparison_and_discrepancy_pages(tmp_path):
    # A brief quoting a number that disagrees with its own; the same claimant
    # repeated by two outlets; values counted from two references.
    metrics = tuple(
        dataclasses.replace(m, references={"from-avdiivka": "counted from the fall of Avdiivka",
                                           "on-the-axis": "counted from the fighting on the axis"})
        if m.id == "casualties" else m for m in DEFAULT_METRICS)
    c = corpus(
        brief("wp", figure("own", "civilians-remaining", "pokrovsk", 2000),
              figure("quoted", "civilians-remaining", "pokrovsk", 1000, claimed_by="michael-kofman")),
        brief("a", figure("x", "troops-committed", "pokrovsk", 500, claimed_by="isw"), outlet="tass"),
        brief("b", figure("y", "troops-committed", "pokrovsk", 500, claimed_by="isw"),
              outlet="kyiv-independent"),
        brief("c", figure("p", "casualties", "pokrovsk", 100, reference="from-avdiivka"),
              figure("q", "casualties", "pokrovsk", 900, reference="on-the-axis", claimed_by="isw")),
        metrics=metrics,
    )
    pages = section(generate_site(c, ChartCache(tmp_path)))
    discrepancies = pages["figures/discrepancies.md"]
    conflicts = discrepancies.split("## Values that conflict")[1].split("## Corroborated")[0]
    assert conflicts.count("<tr id=") == 1
    assert '<a href="../civilians-remaining/pokrovsk/">Civilians remaining</a>' in conflicts
    assert "2 from 1 brief;" in conflicts
    civilians = pages["figures/civilians-remaining/pokrovsk.md"]
    assert '<strong class="bg-verdict bg-conflicting">Sources conflict</strong>' in civilians
    assert "1,000 people (Michael Kofman, same brief)</a>" in civilians
    troops = pages["figures/troops-committed/pokrovsk.md"]
    # One claimant through two outlets: consistent, with the interval shown.
    assert '<strong class="bg-verdict bg-consistent">Consistent</strong>' in troops
    assert ("“500 troops” lies within “500 troops”" in troops or "all allow 500" in troops)
    assert "Only one identified source (Institute for the Study of War)" in troops
    # Different references: no comparison page joins them, and neither conflicts.
    assert "figures/casualties/pokrovsk.md" not in pages
    casualties = pages["figures/casualties.md"]
    assert 'id="subject-pokrovsk--from-avdiivka"' in casualties
    assert "(counted from the fighting on the axis)" in casualties
    assert "No discrepancies" not in discrepancies
