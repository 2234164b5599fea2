"""The corpus index: built once per build, each relation computed once."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefgen.comparisons
import briefgen.figures
import briefgen.index
import briefgen.site
from briefgen.charts import ChartCache
from briefgen.index import CorpusIndex
from briefgen.load import load_corpus
from briefgen.site import generate_site
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "data", display_root=ROOT)


def counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str, counts: dict[str, int]) -> None:
    original = getattr(module, name)

    def counted(*args, **kwargs):
        counts[name] = counts.get(name, 0) + 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def test_one_build_builds_one_index_and_judges_each_group_once(
    corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: dict[str, int] = {}
    counting(monkeypatch, briefgen.site, "CorpusIndex", counts)
    counting(monkeypatch, briefgen.comparisons, "compare", counts)
    # A figure's reading is made once, wherever it is shown afterwards.
    for module in (briefgen.index, briefgen.comparisons, briefgen.figures):
        monkeypatch.setattr(module, "reading", _count_readings(counts))
    generate_site(corpus, ChartCache(tmp_path))
    figures = sum(len(b.figures) for b in corpus.briefs)
    groups = len({(f.metric, f.subject) for b in corpus.briefs for f in b.figures})
    assert counts == {"CorpusIndex": 1, "compare": groups, "reading": figures}


_REAL_READING = briefgen.figures.reading


def _count_readings(counts: dict[str, int]):
    def counted(figure):
        counts["reading"] = counts.get("reading", 0) + 1
        return _REAL_READING(figure)

    return counted


def test_index_relations_of_the_real_corpus(corpus) -> None:
    index = CorpusIndex(corpus)
    # The Washington Post piece states "about 2 years" for Pokrovsk's battle;
    # another brief counts 21 months from Avdiivka: one comparison holds all.
    duration = index.comparisons[("duration-of-battle", "pokrovsk")]
    assert duration.verdict == "conflicting" and len(duration.refs) == 3
    assert duration.conflict_pairs == len(duration.conflicts) >= 1
    pop = index.comparisons[("population-prewar", "pokrovsk")]
    assert pop.verdict == "corroborated"
    # Claims are linked both ways.
    for link in index.claim_links:
        assert link in index.contradicted_by[(link.other_brief.id, link.other.id)]
    # Events come in date order, each once.
    dates = [e.date.first_day() for _, e in index.registry.events_by_date]
    assert dates == sorted(dates)
    assert len(index.registry.events_by_date) == sum(len(b.events) for b in corpus.briefs)
