"""Chart rows, golden data, deterministic SVG and the disk cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import asdict
from pathlib import Path

import pytest

from briefgen.analyse.index import CorpusIndex
from briefgen.build.steps import draw_charts
from briefgen.write.charts import (
    ChartCache,
    claims_by_side_chart,
    comparison_chart,
    entity_chart,
)
from tests.corpus_factory import DEFAULT_ENTITIES, brief, corpus, entity, figure, seed_corpus

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parents[1] / "golden"


def test_seed_civilians_chart_rows(tmp_path):
    chart = comparison_chart(CorpusIndex(seed_corpus()), "civilians-remaining", ChartCache(tmp_path))
    assert chart is not None and chart.name == "civilians-remaining"
    rows = [(r.subject, r.written, r.mark, r.strict, r.approximate, r.low, r.high)
            for r in chart.rows]
    assert rows == [
        ("Bakhmut", "more than 70,000 people", "lower-bound", True, False, 70000, None),
        ("Bakhmut", "about 500 people", "approximate", False, True, 500, 500),
        ("Pokrovsk", "fewer than 15,000 people", "upper-bound", True, False, 0, 15000),
    ]
    # Claimant, as of when and the brief, whole: never cut with "…".
    assert chart.rows[0].label == (
        "Bakhmut — The Kyiv Independent, as of February 2022, in “Article pokrovsk-like-bakhmut”")
    for words in ("Civilians remaining", "Bakhmut", "more than 70,000 people",
                  "The Washington Post", "pokrovsk-set-to-fall"):
        assert words in chart.alt


def test_civilians_chart_matches_golden(tmp_path):
    chart = comparison_chart(CorpusIndex(seed_corpus()), "civilians-remaining", ChartCache(tmp_path))
    data = {"name": chart.name, "title": chart.title, "alt": chart.alt,
            "rows": [asdict(r) for r in chart.rows]}
    golden = GOLDEN / "chart-civilians-remaining.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert data == json.loads(golden.read_text("utf-8"))


def test_pokrovsk_prewar_chart_has_both_briefs(tmp_path):
    chart = comparison_chart(CorpusIndex(seed_corpus()), "population-prewar", ChartCache(tmp_path))
    assert [(r.brief, r.mark, r.low) for r in chart.rows] == [
        ("pokrovsk-like-bakhmut", "bar", 60000), ("pokrovsk-set-to-fall", "bar", 60000)]


def test_single_value_gets_no_chart(tmp_path):
    assert comparison_chart(CorpusIndex(seed_corpus()), "force-ratio", ChartCache(tmp_path)) is None


def test_range_and_unit_conversion_rows(tmp_path):
    c = corpus(
        brief("a", figure("x", "reinforcements-per-day", "pokrovsk", None, low=15, high=20,
                          unit="groups per day", claimed_by="valery-gerasimov")),
        brief("b", figure("y", "reinforcements-per-day", "pokrovsk", 70, unit="per week")),
        brief("c", figure("z", "reinforcements-per-day", "pokrovsk", 3, unit="km")),  # wrong family
    )
    chart = comparison_chart(CorpusIndex(c), "reinforcements-per-day", ChartCache(tmp_path))
    assert [(r.mark, r.side, r.unit) for r in chart.rows] == [
        ("range", "russia", "per day"), ("bar", "media", "per day")]
    assert chart.rows[1].high == pytest.approx(10)


def test_claims_by_side_groups_by_side(tmp_path):
    chart = claims_by_side_chart(CorpusIndex(seed_corpus()), ClaimsCache := ChartCache(tmp_path))
    assert ClaimsCache.rendered == 1
    assert [(r.metric, r.side, r.claimant) for r in chart.rows] == [
        ("Force ratio", "ukraine", "Volodymyr Zelensky"),
        ("Troops committed", "ukraine", "Volodymyr Zelensky"),
        ("Troops committed", "russia", "TASS"),
    ]


def test_entity_chart(tmp_path):
    cache = ChartCache(tmp_path)
    chart = entity_chart(CorpusIndex(seed_corpus()), "bakhmut", cache)
    assert chart.name == "entity-bakhmut" and len(chart.rows) == 2
    assert entity_chart(CorpusIndex(seed_corpus()), "myrnohrad", cache) is None


def test_every_svg_parses_and_scales(tmp_path):
    cache = ChartCache(tmp_path)
    charts = [placed.chart for placed in draw_charts(CorpusIndex(seed_corpus()), cache).values()]
    assert sorted(c.name for c in charts) == [
        "brief-pokrovsk-like-bakhmut", "brief-pokrovsk-set-to-fall",
        "civilians-remaining", "claims-by-side", "entity-bakhmut", "entity-pokrovsk",
        "population", "population-prewar", "troops-committed"]
    for chart in charts:
        root = ET.fromstring(chart.svg.encode("utf-8"))
        assert root.tag.endswith("svg") and "viewBox" in root.attrib
        assert "width" not in root.attrib and "height" not in root.attrib


def test_same_input_same_bytes_and_cache(tmp_path):
    first = comparison_chart(CorpusIndex(seed_corpus()), "civilians-remaining", ChartCache(tmp_path / "a"))
    cache = ChartCache(tmp_path / "b")
    second = comparison_chart(CorpusIndex(seed_corpus()), "civilians-remaining", cache)
    assert first.svg == second.svg and cache.rendered == 1
    third = comparison_chart(CorpusIndex(seed_corpus()), "civilians-remaining", cache)
    assert third.svg == first.svg and cache.rendered == 1


_SCRIPT = """
import json, sys
from pathlib import Path
from briefgen.write.charts import ChartCache
from briefgen.build.steps import generate_site
from tests.corpus_factory import seed_corpus
cache = ChartCache(Path(sys.argv[1]))
files = generate_site(seed_corpus(), cache)
svgs = {f.path: f.content for f in files if f.path.endswith(".svg")}
print(json.dumps({"rendered": cache.rendered, "matplotlib": "matplotlib" in sys.modules,
                  "svgs": svgs}))
"""


def _run(cache_dir: Path, seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", _SCRIPT, str(cache_dir)], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def test_fresh_processes_agree_and_warm_cache_skips_matplotlib(tmp_path):
    cold_a = _run(tmp_path / "a", "1")
    cold_b = _run(tmp_path / "b", "2")
    assert cold_a["rendered"] == 9 and cold_a["matplotlib"]
    assert cold_a["svgs"] == cold_b["svgs"]
    warm = _run(tmp_path / "a", "3")
    assert warm == {**cold_a, "rendered": 0, "matplotlib": False}


def test_hostile_names_are_escaped_in_svg(tmp_path):
    evil = entity("evil", "<script>alert(1)</script> & $x$", side="russia")
    c = corpus(
        brief("a", figure("x", "casualties", "evil", 10, unit="soldiers")),
        brief("b", figure("y", "casualties", "evil", 20, unit="soldiers")),
        entities=DEFAULT_ENTITIES + (evil,),
    )
    chart = comparison_chart(CorpusIndex(c), "casualties", ChartCache(tmp_path))
    assert "<script>" not in chart.svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; $x$" in chart.svg
    ET.fromstring(chart.svg.encode("utf-8"))


def test_population_chart_of_the_real_briefs_draws_bounds_honestly(tmp_path):
    from briefgen.read.load import load_corpus
    from briefgen.write.charts import population_chart

    chart = population_chart(CorpusIndex(load_corpus(ROOT / "data", display_root=ROOT)), ChartCache(tmp_path))
    assert chart is not None and chart.name == "population"
    rows = {(r.panel.split(" (")[0], r.subject, r.written, r.mark, r.strict) for r in chart.rows}
    assert ("Pre-war population", "Bakhmut", "more than 70,000 people", "lower-bound", True) in rows
    assert ("Civilians remaining", "Pokrovsk", "fewer than 15,000 people", "upper-bound", True) in rows
    assert ("Civilians remaining", "Bakhmut", "about 500 civilians", "approximate", False) in rows
    pokrovsk_prewar = [r for r in chart.rows if r.subject == "Pokrovsk" and r.metric == "Pre-war population"]
    assert sorted(r.low for r in pokrovsk_prewar) == [60000, 60000]
    assert len({r.brief for r in pokrovsk_prewar}) == 2
    ET.fromstring(chart.svg)


def test_an_entity_chart_gives_each_measure_its_own_axis(tmp_path):
    from briefgen.build.steps import draw_charts
    from briefgen.read.load import load_corpus

    index = CorpusIndex(load_corpus(ROOT / "data", display_root=ROOT))
    charts = draw_charts(index, ChartCache(tmp_path))
    entity_charts = [c.chart for name, c in charts.items() if name.startswith("entity/")]
    assert entity_charts
    for chart in entity_charts:
        panels: dict[str, set[str]] = {}
        for row in chart.rows:
            panels.setdefault(row.panel, set()).add(row.metric)
        assert all(len(metrics) == 1 for metrics in panels.values()), chart.name
    pokrovsk = charts["entity/pokrovsk"].chart
    assert {r.metric for r in pokrovsk.rows} >= {"Pre-war population", "Duration of the battle"}
    assert pokrovsk.rows[0].label.startswith(("as of ", "published "))


def test_a_brief_chart_shows_its_own_figures_beside_other_sources(tmp_path):
    from briefgen.write.charts import brief_chart

    index = CorpusIndex(seed_corpus())
    kyiv = next(b for b in index.corpus.briefs if b.id == "pokrovsk-like-bakhmut")
    chart = brief_chart(index, kyiv, ChartCache(tmp_path))
    assert chart is not None and chart.name == "brief-pokrovsk-like-bakhmut"
    panels = {r.panel.split(" (")[0] for r in chart.rows}
    assert panels == {"Pre-war population: Pokrovsk", "Troops committed: Pokrovsk",
                      "Civilians remaining: Bakhmut"}
    own = [r for r in chart.rows if r.label.startswith("This brief")]
    assert {r.figure for r in own} == {"pokrovsk-prewar", "russian-troops", "bakhmut-prewar",
                                       "bakhmut-june"}
    assert all(r.brief == "pokrovsk-like-bakhmut" for r in own)
    assert any(r.brief == "pokrovsk-set-to-fall" for r in chart.rows)


def test_a_chart_put_off_is_drawn_later_to_the_same_bytes(tmp_path):
    from briefgen.write.charts import draw_later

    now = comparison_chart(CorpusIndex(seed_corpus()), "civilians-remaining", ChartCache(tmp_path / "a"))
    cache = ChartCache(tmp_path / "b")
    cache.later = True
    put_off = comparison_chart(CorpusIndex(seed_corpus()), "civilians-remaining", cache)
    assert put_off.svg == "" and put_off.key == now.key and put_off.rows == now.rows
    assert cache.rendered == 0 and not (tmp_path / "b").exists()
    assert draw_later(cache, [put_off]) == [now.svg]
    # Stored where the next build looks, so it is not drawn again.
    again = comparison_chart(CorpusIndex(seed_corpus()), "civilians-remaining", cache)
    assert again.svg == now.svg
