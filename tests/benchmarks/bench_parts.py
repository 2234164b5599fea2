"""Benchmark: what each part of the build machinery buys, on a synthetic corpus of N briefs.

Prints figures; asserts nothing. From the project root:

    .venv/bin/python -m tests.benchmarks.bench_parts 1000

Each part is measured against the build without it, the two in turn, `--rounds`
times, each in a fresh process (the ratios are per round, so a machine that
slows down mid-run slows both sides):

- workers (build/parallel.py): generating the site (charts drawn, pages
  rendered, files written; the chart cache empty) on every core, against
  `BRIEFGEN_WORKERS=1`;
- the kept site (build/sitecache.py): a warm `mkdocs build` that reuses the kept
  site, against one whose kept site was removed (charts still cached), which
  loads and generates again;
- the page memo (build/pagememo.py): what a server's rebuild costs after a
  one-brief edit (load, index, charts, pages, in one process as under
  `mkdocs serve`), with the pages kept from the last build against without.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.synthetic import synthetic_project

REPO = Path(__file__).resolve().parents[2]


def _run(command: list[str], *, env: dict[str, str] | None = None, cwd: Path = REPO) -> float:
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **(env or {})}
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def generate_once(project: Path, cache: Path) -> None:
    """The child of the workers measure: load and generate into a fresh folder."""
    from briefgen.build.steps import write_site
    from briefgen.read.load import load_corpus
    from briefgen.write.charts import ChartCache

    corpus = load_corpus(project / "data", display_root=project)
    with tempfile.TemporaryDirectory() as out:
        write_site(corpus, ChartCache(cache), Path(out), site_name="Benchmark")


def serve_edit(project: Path, cache: Path) -> dict[str, float]:
    """The child of the memo measure: a server's first build, a one-brief edit, then the
    rebuild with the pages kept and the same rebuild without them."""
    from briefgen.build.pagememo import PageMemo
    from briefgen.build.steps import generate_site
    from briefgen.read.load import load_corpus
    from briefgen.write.charts import ChartCache

    def rebuild(memo: PageMemo | None) -> float:
        started = time.perf_counter()
        corpus = load_corpus(project / "data", display_root=project)
        generate_site(corpus, ChartCache(cache), site_name="Benchmark", memo=memo)
        return time.perf_counter() - started

    memo = PageMemo()
    rebuild(memo)
    brief = sorted((project / "data" / "briefs").glob("*.yml"))[len(list((project / "data" / "briefs")
                                                                        .glob("*.yml"))) // 2]
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")
    try:
        kept = rebuild(memo)
        rendered = memo.rendered
        without = rebuild(None)
    finally:
        brief.write_text(text, encoding="utf-8")
    return {"with_memo_s": kept, "without_memo_s": without, "pages_rendered_with_memo": rendered}


def run(briefs: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="briefgen-parts-") as tmp:
        project = synthetic_project(Path(tmp) / "project", briefs)
        me = [sys.executable, "-m", "tests.benchmarks.bench_parts"]
        workers: list[tuple[float, float]] = []
        for round_ in range(rounds):
            shared = _run([*me, "--generate", str(project), str(Path(tmp) / f"c{round_}a")])
            alone = _run([*me, "--generate", str(project), str(Path(tmp) / f"c{round_}b")],
                         env={"BRIEFGEN_WORKERS": "1"})
            workers.append((shared, alone))
        build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                 "-d", str(project / "site")]
        _run(build, cwd=project)  # cold: fills both caches
        kept: list[tuple[float, float]] = []
        for _ in range(rounds):
            reused = _run(build, cwd=project)
            for listing in (project / ".cache" / "briefgen").glob("site-*"):
                shutil.rmtree(listing) if listing.is_dir() else listing.unlink()
            generated = _run(build, cwd=project)
            kept.append((reused, generated))
        memo = []
        for _ in range(rounds):
            out = subprocess.run([*me, "--serve-edit", str(project), str(project / ".cache" / "briefgen")],
                                 cwd=REPO, capture_output=True, text=True, check=True,
                                 env={**os.environ, "BRIEFGEN_WORKERS": "1", "PYTHONPATH": str(REPO)})
            memo.append(json.loads(out.stdout))
    return {
        "briefs": briefs,
        "generate_on_all_cores_s": min(s for s, _ in workers),
        "generate_in_one_process_s": min(a for _, a in workers),
        "workers_ratio": statistics.median(s / a for s, a in workers),
        "warm_build_reusing_kept_site_s": min(r for r, _ in kept),
        "warm_build_generating_again_s": min(g for _, g in kept),
        "kept_site_ratio": statistics.median(r / g for r, g in kept),
        "serve_edit_with_memo_s": min(m["with_memo_s"] for m in memo),
        "serve_edit_without_memo_s": min(m["without_memo_s"] for m in memo),
        "memo_ratio": statistics.median(m["with_memo_s"] / m["without_memo_s"] for m in memo),
        "pages_rendered_with_memo": memo[0]["pages_rendered_with_memo"],
        "cores": len(os.sched_getaffinity(0)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("briefs", nargs="*", type=int, default=[1000])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--generate", nargs=2, metavar=("PROJECT", "CACHE"), help=argparse.SUPPRESS)
    parser.add_argument("--serve-edit", nargs=2, metavar=("PROJECT", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate_once(Path(args.generate[0]), Path(args.generate[1]))
        return
    if args.serve_edit:
        print(json.dumps(serve_edit(Path(args.serve_edit[0]), Path(args.serve_edit[1]))))
        return
    for briefs in args.briefs:
        figures = run(briefs, args.rounds)
        print(f"{briefs:,} briefs on {figures['cores']} cores:")
        print(f"  workers:   generate {figures['generate_on_all_cores_s']:.1f} s on every core, "
              f"{figures['generate_in_one_process_s']:.1f} s in one ({figures['workers_ratio']:.2f}x)")
        print(f"  kept site: warm build {figures['warm_build_reusing_kept_site_s']:.1f} s reusing it, "
              f"{figures['warm_build_generating_again_s']:.1f} s generating again "
              f"({figures['kept_site_ratio']:.2f}x)")
        print(f"  page memo: a server's rebuild after a one-brief edit "
              f"{figures['serve_edit_with_memo_s']:.1f} s "
              f"with kept pages ({figures['pages_rendered_with_memo']} rendered), "
              f"{figures['serve_edit_without_memo_s']:.1f} s without ({figures['memo_ratio']:.2f}x)")
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
