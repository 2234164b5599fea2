"""Benchmark: how load, page generation and a full `mkdocs build` scale.

Prints figures; asserts nothing. Run from the project root:

    .venv/bin/python -m tests.benchmarks.bench_build 100 500

Each size N makes a synthetic corpus of N briefs mentioning N/2 entities
(five figures each, on three metrics) in a temporary folder, then times the
stages and reports the build's peak memory (max RSS of the child process).
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from briefgen.charts import ChartCache
from briefgen.load import load_corpus
from briefgen.site import generate_site
from tests.conftest import MINI, mkdocs_build


def synthetic_project(root: Path, briefs: int) -> Path:
    shutil.copy(MINI / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(MINI / "docs", root / "docs")
    data = root / "data"
    (data / "briefs").mkdir(parents=True)
    shutil.copy(MINI / "data" / "metrics.yml", data / "metrics.yml")
    shutil.copy(MINI / "data" / "units.yml", data / "units.yml")
    shutil.copy(MINI / "data" / "organisations.yml", data / "organisations.yml")
    shutil.copy(MINI / "data" / "people.yml", data / "people.yml")
    places = max(2, briefs // 2)
    lines = [f"place-{i}:\n  name: Place {i}\n  kind: town\n  description: Synthetic town {i}.\n"
             for i in range(places)]
    (data / "places.yml").write_text("".join(lines))
    for n in range(briefs):
        mentioned = sorted({n % places, (n * 7 + 1) % places, (n * 13 + 2) % places})
        entities = "".join(f"  - id: place-{p}\n    role: Synthetic mention.\n" for p in mentioned)
        figures = "".join(
            f"  - id: f{k}\n    metric: {('population-prewar', 'civilians-remaining')[k % 2]}\n"
            f"    subject: place-{mentioned[0]}\n    value: {1000 + 37 * ((n + k) % 50)}\n"
            f"    qualifier: {('exact', 'about', 'at-least')[k % 3]}\n    unit: people\n"
            f"    context: Synthetic figure.\n"
            for k in range(5)
        )
        (data / "briefs" / f"brief-{n:05d}.yml").write_text(
            f"title: Synthetic brief {n}\noutlet: null\nauthors: []\n"
            f"published: 2025-{1 + n % 12:02d}-{1 + n % 28:02d}\ntype: news-report\n"
            f"summary: About [[place-{mentioned[0]}]].\nentities:\n{entities}figures:\n{figures}"
            f"credibility: Synthetic.\n"
        )
    return root


def measure(briefs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        project = synthetic_project(Path(tmp), briefs)
        start = time.perf_counter()
        corpus = load_corpus(project / "data", display_root=project)
        loaded = time.perf_counter()
        files = generate_site(corpus, ChartCache(project / ".cache" / "briefgen"))
        generated = time.perf_counter()
        result = mkdocs_build(project, project / "site")
        built = time.perf_counter()
        assert result.returncode == 0, result.stderr
        size = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
        return {
            "briefs": briefs,
            "load_s": round(loaded - start, 2),
            "generate_s_cold_charts": round(generated - loaded, 2),
            "files": len(files),
            "mkdocs_build_s_warm_charts": round(built - generated, 2),
            "site_mb": round(size / 1e6, 1),
            "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        }


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [50, 200]:
        print(json.dumps(measure(size)))
