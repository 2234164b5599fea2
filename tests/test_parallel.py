"""A build shared between forked workers makes exactly the files one process makes."""

from __future__ import annotations

import pytest

from briefgen import parallel
from briefgen.charts import ChartCache
from briefgen.site import generate_site
from tests.corpus_factory import seed_corpus


def _files(outputs):  # type: ignore[no-untyped-def]
    return [(o.path, o.content) for o in outputs]


def test_forked_workers_make_the_same_site_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    alone_cache = ChartCache(tmp_path / "alone")
    alone = generate_site(seed_corpus(), alone_cache)

    monkeypatch.setenv("BRIEFGEN_WORKERS", "2")
    monkeypatch.setattr(parallel, "MIN_TASKS", 1)  # share out even this small site
    assert parallel.can_fork(), "this test needs to fork: run it from a single-threaded process"
    pools = parallel.pools_started
    shared_cache = ChartCache(tmp_path / "shared")
    shared = generate_site(seed_corpus(), shared_cache)

    assert parallel.pools_started == pools + 2  # the charts, then the pages
    assert _files(shared) == _files(alone)
    # Charts drawn in workers are counted, and stored where the next build finds them.
    assert shared_cache.rendered == alone_cache.rendered > 0
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == sorted(
        p.name for p in (tmp_path / "alone").iterdir())


def _fails() -> int:
    raise ValueError("a page could not be rendered")


def test_a_failure_in_a_worker_is_raised_in_the_build(monkeypatch):
    monkeypatch.setenv("BRIEFGEN_WORKERS", "2")
    monkeypatch.setattr(parallel, "MIN_TASKS", 1)
    assert parallel.can_fork()
    with pytest.raises(ValueError, match="could not be rendered"):
        parallel.run_all([lambda: 1, _fails, lambda: 3])


def test_one_worker_or_little_work_stays_in_this_process(monkeypatch):
    pools = parallel.pools_started
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    assert parallel.run_all([lambda: 1] * 100) == [1] * 100
    monkeypatch.setenv("BRIEFGEN_WORKERS", "2")
    assert parallel.run_all([lambda: 2] * (parallel.MIN_TASKS - 1)) == [2] * (parallel.MIN_TASKS - 1)
    assert parallel.pools_started == pools
