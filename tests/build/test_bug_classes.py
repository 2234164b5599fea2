"""Build machinery the earlier tests left open (found by a mutation audit): the
settings in the build cache's key, the server memo's fingerprint of the
corpus-wide tables, the order of results from forked workers and the chart
cache after a parallel build; and `find`'s relative floor."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from briefgen.authoring.find import RELATIVE_CUTOFF, RegistrySearch, entries_of
from briefgen.build import parallel
from briefgen.build.pagememo import PageMemo
from briefgen.build.steps import write_site
from briefgen.model import Side, Topic, Unit
from briefgen.write.charts import ChartCache
from tests.conftest import MINI, copy_project, mkdocs_build
from tests.corpus_factory import seed_corpus


def test_a_changed_site_url_moves_the_feed_to_the_new_host(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    assert "https://briefings.example.org/briefs/" in (site / "feed.xml").read_text(encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "https://briefings.example.org/", "https://moved.example.net/"), encoding="utf-8")
    assert mkdocs_build(project, site).returncode == 0
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "https://moved.example.net/briefs/" in feed and "briefings.example.org" not in feed
    data = (site / "data" / "briefs.json").read_text(encoding="utf-8")
    assert "https://moved.example.net/briefs/" in data


def _changed(table: str) -> object:
    corpus = seed_corpus()
    if table == "metrics":
        return dataclasses.replace(corpus, metrics=(dataclasses.replace(corpus.metrics[0], label="Other"),
                                                    *corpus.metrics[1:]))
    if table == "units":
        return dataclasses.replace(corpus, units=(*corpus.units, Unit("furlongs", "distance", 0.201)))
    if table == "vocabulary":
        sides = (*corpus.vocabulary.sides, Side("neutral", "Neutral observers", "#777777"))
        return dataclasses.replace(corpus, vocabulary=dataclasses.replace(corpus.vocabulary, sides=sides))
    if table == "topics":
        return dataclasses.replace(corpus, topics=(Topic("new", "New", "A new topic."),))
    return dataclasses.replace(corpus, entities=(dataclasses.replace(corpus.entities[0], description="Else."),
                                                 *corpus.entities[1:]))


@pytest.mark.parametrize("table", ["metrics", "units", "vocabulary", "topics", "entities"])
def test_a_change_to_a_corpus_wide_table_renders_every_kept_page_again(table: str) -> None:
    memo = PageMemo()
    memo.start(seed_corpus(), ("Briefs", "", ""))
    before = memo.page_key("brief.md.j2", "briefs/x.md", {"n": 1})
    memo.start(seed_corpus(), ("Briefs", "", ""))
    assert memo.page_key("brief.md.j2", "briefs/x.md", {"n": 1}) == before  # nothing changed: kept
    memo.start(_changed(table), ("Briefs", "", ""))  # type: ignore[arg-type]
    assert memo.page_key("brief.md.j2", "briefs/x.md", {"n": 1}) != before


@pytest.mark.parametrize("setting", [0, 1, 2])
def test_a_changed_setting_renders_every_kept_page_again(setting: int) -> None:
    memo = PageMemo()
    settings = ["Briefs", "About", "https://e.example/"]
    memo.start(seed_corpus(), tuple(settings))
    before = memo.page_key("home.md.j2", "index.md", {})
    settings[setting] += "x"
    memo.start(seed_corpus(), tuple(settings))
    assert memo.page_key("home.md.j2", "index.md", {}) != before


def _slow_then_fast(number: int) -> int:
    time.sleep(0.05 if number < 4 else 0)  # the first tasks finish last
    return number * number


def test_results_from_forked_workers_come_back_in_task_order(monkeypatch: pytest.MonkeyPatch) -> None:
    if not parallel.can_fork():
        pytest.skip("forking is not possible in this process (a thread is running)")
    monkeypatch.setenv("BRIEFGEN_WORKERS", "2")
    usage = parallel.Usage()
    tasks = [lambda n=n: _slow_then_fast(n) for n in range(parallel.MIN_TASKS + 8)]
    assert parallel.run_all(tasks, usage) == [n * n for n in range(parallel.MIN_TASKS + 8)]
    assert usage.pools == 1  # really shared between processes


def test_a_parallel_build_leaves_every_chart_cached_for_the_next(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if not parallel.can_fork():
        pytest.skip("forking is not possible in this process (a thread is running)")
    monkeypatch.setenv("BRIEFGEN_WORKERS", "2")
    cache = ChartCache(tmp_path / "charts")
    write_site(seed_corpus(), cache, tmp_path / "first")
    assert cache.rendered > 0
    cache.prune()  # what a successful build does: keeps what this build used
    drawn = sorted(p.name for p in (tmp_path / "charts").glob("*.svg"))
    again = ChartCache(tmp_path / "charts")
    write_site(seed_corpus(), again, tmp_path / "second")
    assert again.rendered == 0 and again.damaged == 0
    assert sorted(p.name for p in (tmp_path / "charts").glob("*.svg")) == drawn
    first, second = ({p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.svg")}
                     for folder in (tmp_path / "first", tmp_path / "second"))
    assert first and first == second


def test_find_keeps_only_matches_near_the_best() -> None:
    from briefgen.read.load import load_corpus
    root = Path(__file__).resolve().parents[2]
    search = RegistrySearch(entries_of(load_corpus(root / "data", display_root=root)))
    matches = search.find("Pokrovsk", limit=50, cutoff=0)
    assert matches and matches[0].entry.id == "pokrovsk"
    best = min(matches[0].score, 100.0)
    assert all(m.score >= best - RELATIVE_CUTOFF for m in matches)
    # A floor that moves with the best: a weak query still finds its few best.
    weak = search.find("Pokrovsky district", limit=50, cutoff=0)
    assert weak and all(m.score >= weak[0].score - RELATIVE_CUTOFF for m in weak)
