"""The figures section's pages: paths, links, escaping, CSV and HTML blocks."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import xml.etree.ElementTree as ET

import pytest

from briefgen.charts import ChartCache
from briefgen.figure_pages import (
    chart_html,
    csv_cell,
    entity_chart_file,
    figure_pages,
    front_matter,
    metric_csv,
)
from briefgen.model import Metric
from tests.corpus_factory import (
    DEFAULT_ENTITIES,
    DEFAULT_METRICS,
    brief,
    corpus,
    entity,
    figure,
    seed_corpus,
)


@pytest.fixture
def files(tmp_path):
    return {f.path: f.content for f in figure_pages(seed_corpus(), ChartCache(tmp_path))}


def test_the_section_has_every_file(files):
    assert list(files) == sorted(files)
    assert set(files) == {
        "figures/index.md",
        "figures/discrepancies.md",
        "figures/civilians-remaining.md",
        "figures/civilians-remaining.csv",
        "figures/population-prewar.md",
        "figures/population-prewar.csv",
        "figures/troops-committed.md",
        "figures/troops-committed.csv",
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


def test_metric_page_links_and_chart(files):
    page = files["figures/civilians-remaining.md"]
    assert '<img src="../charts/civilians-remaining.svg" alt="Civilians remaining.' in page
    assert '<a href="../../places/bakhmut/">Bakhmut</a>' in page
    assert '<a href="../../briefs/pokrovsk-like-bakhmut/#figure-bakhmut-june">' in page
    assert '<a href="../civilians-remaining.csv" download>' in page
    assert "<td>more than 70,000 people</td><td>&gt; 70,000</td>" in page
    # One table row per value, plus one per chart row in the data table.
    assert page.count("<tr><td>") + page.count("<tr class=") == 6


def test_metric_with_one_value_has_no_chart(files):
    page = files["figures/force-ratio.md"]
    assert "<img" not in page and "<td>8:1</td><td>8:1</td>" in page


def test_discrepancies_are_flagged_and_listed(files):
    troops = files["figures/troops-committed.md"]
    assert troops.count('class="briefgen-discrepant"') == 2
    assert (
        '<a href="../discrepancies/#discrepancy-pokrovsk-like-bakhmut-russian-troops-'
        'pokrovsk-set-to-fall-russian-troops">conflicts with about 170,000 troops'
    ) in troops
    page = files["figures/discrepancies.md"]
    target = 'id="discrepancy-pokrovsk-like-bakhmut-russian-troops-pokrovsk-set-to-fall-russian-troops"'
    assert target in page
    assert "<td>up to 100,000 troops</td><td>about 170,000 troops</td>" in page
    assert "Pre-war population: Pokrovsk — 60,000" in page  # corroborated


def test_index_lists_metrics_and_side_chart(files):
    index = files["figures/index.md"]
    assert (
        '<a href="civilians-remaining/">Civilians remaining</a>'
        "<br><small>Civilians still living in a place at the time given.</small></td>"
        "<td>3</td><td>2</td>"
    ) in index
    assert "<tr><td>Casualties<br>" in index  # listed, no page to link
    assert '<img src="charts/claims-by-side.svg"' in index
    assert "<td>TASS</td><td>Russian officials and state media</td>" in index


def test_csv_is_deterministic_and_neutralises_formulas():
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
    text = metric_csv(c, "casualties")
    assert "\r" not in text and text.endswith("\n")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["subject_name"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["value_as_written"] == "10 soldiers"


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
    out = figure_pages(c, ChartCache(tmp_path))
    for f in out:
        if f.path.endswith(".csv"):  # data, not HTML: kept as written
            continue
        assert "<script>" not in f.content and "<img src=x" not in f.content
        assert "<b>Bad" not in f.content and "<i>d" not in f.content
        if f.path.endswith(".svg"):
            ET.fromstring(f.content.encode("utf-8"))
    pages = {f.path: f.content for f in out}
    assert "&lt;script&gt;" in pages["figures/casualties.md"]
    assert "&lt;script&gt;" in pages["figures/charts/casualties.svg"]
    assert pages["figures/bad.md"].startswith(
        '---\ntitle: "&lt;b&gt;Bad&lt;/b&gt; &quot;metric&quot;\\\\"\n---\n'
    )


def test_front_matter_is_yaml_safe():
    yaml = pytest.importorskip("yaml")
    for title in ['a "b" \\ c', "x: y # z", "line\nbreak", "<t>&", "'single'"]:
        meta = yaml.safe_load(front_matter(title).split("---\n")[1])
        assert meta["title"] == front_matter(title).split('"', 1)[1].rsplit('"', 1)[0].replace(
            '\\"', '"'
        ).replace("\\\\", "\\")
        assert "<" not in meta["title"] and "\n" not in meta["title"]


def test_entity_chart_file(tmp_path):
    cache = ChartCache(tmp_path)
    result = entity_chart_file(seed_corpus(), "pokrovsk", cache)
    assert result is not None
    svg, chart = result
    assert svg.path == "figures/charts/entity-pokrovsk.svg" and svg.content == chart.svg
    html = chart_html(chart, "places/pokrovsk.md")
    assert '<img src="../../figures/charts/entity-pokrovsk.svg"' in html
    assert "\n\n" not in html.strip()
    assert entity_chart_file(seed_corpus(), "myrnohrad", cache) is None


def test_warm_cache_renders_nothing(tmp_path):
    first = figure_pages(seed_corpus(), cache := ChartCache(tmp_path))
    assert cache.rendered == 5  # four metric and side charts, and the population chart
    warm = ChartCache(tmp_path)
    assert figure_pages(seed_corpus(), warm) == first and warm.rendered == 0


def test_metric_id_clash_is_refused(tmp_path):
    clash = DEFAULT_METRICS + (Metric("index", "Index", "count", ""),)
    c = corpus(brief("a", figure("x", "index", "pokrovsk", 1)), metrics=clash)
    with pytest.raises(ValueError, match="figures/index.md"):
        figure_pages(c, ChartCache(tmp_path))


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
    files = {f.path: f.content for f in figure_pages(make_corpus(first, second), ChartCache(tmp_path))}
    page = files["figures/discrepancies.md"]
    section = page.split("## Claims that contradict each other")[1]
    assert "The city will fall this week." in section
    assert '<a href="../../places/pokrovsk/"' in section
    assert "../../briefs/first/#claim-falls" in section
    assert "First &lt;b&gt;article&lt;/b&gt;" in section
