"""The benchmark's corpora load cleanly: a benchmark that fails on its own data measures nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.read.load import load_corpus
from tests.benchmarks.synthetic import copies_project, synthetic_project


@pytest.mark.parametrize("make", [copies_project, synthetic_project], ids=["copies", "synthetic"])
def test_a_benchmark_corpus_loads_without_a_problem(make, tmp_path: Path) -> None:
    project = make(tmp_path / "p", 12)
    corpus = load_corpus(project / "data", display_root=project)
    assert len(corpus.briefs) == 12
    assert sum(len(b.figures) for b in corpus.briefs) > 12
