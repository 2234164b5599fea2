"""Benchmark: a briefgen build against plain MkDocs on its export, as the corpus grows.

Prints figures; asserts nothing. From the project root:

    .venv/bin/python -m tests.benchmarks.bench_build 100 1000
    .venv/bin/python -m tests.benchmarks.bench_build --copies 20 100

For each N it writes a corpus into a temporary folder (realistic synthetic
briefs from `tests/benchmarks/synthetic.py`, or with `--copies` the five real
briefs copied with nudged figures), then measures, each in a fresh process:

- the phases: loading, then generate_site's own phases (index, pages, charts,
  as far as it reports them in `timings`) with an empty chart cache;
- a cold `mkdocs build` (empty chart cache) and a warm one (cache kept);
- `briefgen export` of the same project, and plain MkDocs building that export;

and prints them as aligned text and one JSON line: times, warm/plain and
cold/plain, per-brief warm cost, page count, site size, the largest page, and
the peak RSS of each build's largest process and the peak memory (PSS) of all
its processes together, each with its ratio to plain MkDocs'. A step that runs
past `--timeout` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_reader import reader_side
from tests.benchmarks.synthetic import copies_project, synthetic_project

REPO = Path(__file__).resolve().parents[2]

# Runs a command and reports its wall time and peak memory. A fresh process per
# measurement, so RUSAGE_CHILDREN's maximum is that command's alone: the peak
# RSS of its largest process. A build may fork workers (briefgen/build/parallel.py),
# so the memory of all its processes together is sampled too, as PSS (pages
# shared between a parent and its forked workers counted once), every 0.5 s
# (reading smaps_rollup more often slows the build it measures).
MEASURE = """\
import json, os, resource, subprocess, sys, threading, time
me = os.getpid()

def tree_pss_kb():
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open(f"/proc/{name}/stat") as stat:
                session = int(stat.read().rsplit(")", 1)[1].split()[3])
            if session != me:
                continue
            with open(f"/proc/{name}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError, IndexError):
            pass
    return total

peak = [0]
done = threading.Event()
def sample():
    while not done.is_set():
        peak[0] = max(peak[0], tree_pss_kb())
        done.wait(0.5)
start = time.perf_counter()
sampler = threading.Thread(target=sample)
sampler.start()
finished = subprocess.run(sys.argv[1:], capture_output=True, text=True)
done.set()
sampler.join()
print(json.dumps({"seconds": time.perf_counter() - start, "returncode": finished.returncode,
                  "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "tree_pss_mb": peak[0] / 1024,
                  "stdout": finished.stdout[-4000:], "stderr": finished.stderr[-4000:]}))
"""


@dataclass(frozen=True)
class Measured:
    """One command's wall time and peak RSS, or why there are none."""

    seconds: float | None
    rss_mb: float | None
    failure: str = ""  # "timeout after 1800 s", or the command's last error lines
    stdout: str = ""
    tree_pss_mb: float | None = None  # all the command's processes together


def measure(command: list[str], *, cwd: Path, timeout: float) -> Measured:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-c", MEASURE, *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so a timeout stops the build it started too
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return Measured(None, None, f"timeout after {timeout:g} s")
    if process.returncode != 0:
        return Measured(None, None, f"measuring failed: {err.strip()[-500:]}")
    result = json.loads(out)
    if result["returncode"] != 0:
        tail = (result["stderr"] or result["stdout"]).strip().splitlines()[-5:]
        return Measured(None, result["rss_mb"], "failed: " + " / ".join(tail))
    return Measured(result["seconds"], result["rss_mb"], stdout=result["stdout"],
                    tree_pss_mb=result["tree_pss_mb"])


def phases(project: Path, cache: Path) -> dict[str, Any]:
    """Load and generate in this process (the child the benchmark starts with --phases)."""
    from briefgen.build.steps import generate_site
    from briefgen.read.load import load_corpus
    from briefgen.write.charts import ChartCache

    start = time.perf_counter()
    corpus = load_corpus(project / "data", display_root=project)
    try:  # as a one-off build does: the parsed files are not read again
        from briefgen.read.yamlsafe import forget_parsed
        forget_parsed()
    except ImportError:  # a briefgen from before it kept them
        pass
    loaded = time.perf_counter()
    timings: dict[str, float] = {}
    # generate_site reports its phases once it takes `timings` (issue 7's
    # corpus index); before that only the total is known.
    extra: dict[str, Any] = (
        {"timings": timings} if "timings" in inspect.signature(generate_site).parameters else {}
    )
    outputs = generate_site(corpus, ChartCache(cache), site_name="Benchmark", **extra)
    generated = time.perf_counter()
    return {
        "briefs": len(corpus.briefs),
        "entities": len(corpus.entities),
        "figures": sum(len(brief.figures) for brief in corpus.briefs),
        "claims": sum(len(brief.claims) for brief in corpus.briefs),
        "generated_files": len(outputs),
        "load_s": loaded - start,
        "generate_s": generated - loaded,
        **{f"{phase}_s": seconds for phase, seconds in sorted(timings.items())},
    }


def site_stats(site: Path) -> dict[str, Any]:
    pages = sorted(site.rglob("*.html"))
    largest = max(pages, key=lambda page: page.stat().st_size)
    return {
        "pages": len(pages),
        "site_mb": sum(path.stat().st_size for path in site.rglob("*") if path.is_file()) / 1e6,
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_page_kb": largest.stat().st_size / 1024,
    }


def run(briefs: int, *, copies: bool, timeout: float, seed: int, reader: bool = True,
        zensical: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
        project = Path(tmp) / "project"
        (copies_project if copies else synthetic_project)(project, briefs, seed=seed)
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
        steps: dict[str, Measured] = {}
        steps["phases"] = measure(
            [
                sys.executable,
                "-m",
                "tests.benchmarks.bench_build",
                "--phases",
                str(project),
                str(Path(tmp) / "cold"),
            ],
            cwd=REPO,
            timeout=timeout,
        )
        build = [*mkdocs, "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
        export = Path(tmp) / "export"
        to_export = [
            sys.executable,
            "-m",
            "briefgen",
            "export",
            str(export),
            "-f",
            str(project / "mkdocs.yml"),
        ]
        plain = [*mkdocs, "-f", str(export / "mkdocs.yml"), "-d", str(export / "site")]
        # Every later step generates the site too: when generating alone ran out
        # of time, so would they.
        skipped = Measured(None, None, "skipped: generating alone ran out of time")
        timed_out = steps["phases"].failure.startswith("timeout")
        steps["cold"] = skipped if timed_out else measure(build, cwd=project, timeout=timeout)
        steps["warm"] = (
            measure(build, cwd=project, timeout=timeout)
            if steps["cold"].seconds
            else Measured(None, None, "skipped: the cold build did not finish")
        )
        steps["export"] = skipped if timed_out else measure(to_export, cwd=project, timeout=timeout)
        steps["plain"] = (
            measure(plain, cwd=export, timeout=timeout)
            if steps["export"].seconds
            else Measured(None, None, "skipped: no export")
        )
        if zensical is not None:
            # Zensical on a copy of the same export: it writes where mkdocs.yml says (site/).
            beside = Path(tmp) / "export-zensical"
            if steps["export"].seconds:
                shutil.copytree(export, beside, ignore=shutil.ignore_patterns("site"))
            steps["zensical"] = (
                measure([str(zensical), "build", "-f", str(beside / "mkdocs.yml")], cwd=beside,
                        timeout=timeout)
                if steps["export"].seconds
                else Measured(None, None, "skipped: no export")
            )
        result: dict[str, Any] = {
            "briefs": briefs,
            "corpus": "copies" if copies else "synthetic",
            "seed": seed,
        }
        if steps["phases"].seconds:
            result.update(json.loads(steps["phases"].stdout))
        for name, step in steps.items():
            built = name in ("cold", "warm", "plain", "zensical")
            result[f"{name}_build" if built else name] = asdict(step) | {
                "stdout": None
            }
        _ratios(result, steps, briefs)
        for name, site in (("site", project / "site"), ("plain_site", export / "site"),
                           ("zensical_site", Path(tmp) / "export-zensical" / "site")):
            if (site / "index.html").is_file():
                result[name] = site_stats(site)
                if reader:
                    result[name]["reader"] = _reader(site)
        return result


def _reader(site: Path) -> dict[str, Any]:
    """The reader's side (bench_reader), or why it could not be measured."""
    try:
        return reader_side(site)
    except Exception as error:  # a missing browser or a search that never answered: say so, go on
        return {"failure": f"{type(error).__name__}: {error}"[:300]}


def _ratios(result: dict[str, Any], steps: dict[str, Measured], briefs: int) -> None:
    plain = steps["plain"]
    for name in ("cold", "warm", "zensical"):
        step = steps.get(name)
        if step is None:
            continue
        if step.seconds and plain.seconds:
            result[f"{name}_over_plain"] = step.seconds / plain.seconds
        if step.rss_mb and plain.rss_mb and step.seconds:
            result[f"{name}_rss_over_plain"] = step.rss_mb / plain.rss_mb
        if step.tree_pss_mb and plain.tree_pss_mb and step.seconds:
            result[f"{name}_memory_over_plain"] = step.tree_pss_mb / plain.tree_pss_mb
    if steps["warm"].seconds:
        result["warm_ms_per_brief"] = 1000 * steps["warm"].seconds / briefs


# --- Printing ------------------------------------------------------------------------


def report(result: dict[str, Any]) -> str:
    lines = [f"N = {result['briefs']} ({result['corpus']} corpus, seed {result['seed']})"]
    if "entities" in result:
        lines.append(
            f"  corpus: {result['entities']:,} entities, {result['figures']:,} figures, "
            f"{result['claims']:,} claims; {result['generated_files']:,} generated files"
        )
    phase_keys = [key for key in result if key.endswith("_s") and key not in ("load_s", "generate_s")]
    for key in ["load_s", *phase_keys, "generate_s"]:
        if key in result:
            label = {"load_s": "load", "generate_s": "generate, all phases (cold charts)"}.get(key, key[:-2])
            lines.append(f"  {label:<38}{result[key]:>9.2f} s")
    if "phases" in result and result["phases"]["failure"]:
        lines.append(f"  {'phases':<38}{result['phases']['failure']}")
    for key, label in (
        ("cold_build", "mkdocs build, cold"),
        ("warm_build", "mkdocs build, warm"),
        ("export", "briefgen export"),
        ("plain_build", "plain MkDocs on the export"),
        ("zensical_build", "Zensical on the export"),
    ):
        if key not in result:
            continue
        step = result[key]
        if step["seconds"] is None:
            lines.append(f"  {label:<38}{step['failure']}")
            continue
        ratio = result.get(f"{key.split('_')[0]}_over_plain")
        rss_ratio = result.get(f"{key.split('_')[0]}_rss_over_plain")
        memory_ratio = result.get(f"{key.split('_')[0]}_memory_over_plain")
        extra = f"   {ratio:.2f}x plain, RSS {rss_ratio:.2f}x plain" if ratio and rss_ratio else ""
        if memory_ratio:
            extra += f", all processes {memory_ratio:.2f}x plain"
        tree = step.get("tree_pss_mb")
        together = f", all processes {tree:>6.0f} MB" if tree else ""
        lines.append(f"  {label:<38}{step['seconds']:>9.2f} s   peak RSS {step['rss_mb']:>6.0f} MB"
                     f"{together}{extra}")
    if "warm_ms_per_brief" in result:
        lines.append(f"  {'warm build per brief':<38}{result['warm_ms_per_brief']:>9.1f} ms")
    sites = (("site", "plugin site"), ("plain_site", "plain site"), ("zensical_site", "Zensical site"))
    for key, label in sites:
        if key in result:
            site = result[key]
            lines.append(
                f"  {label:<38}{site['pages']:>9,} pages, {site['site_mb']:.1f} MB; largest page "
                f"{site['largest_page']} ({site['largest_page_kb']:,.0f} KB)"
            )
            for device, seen in site.get("reader", {}).items():
                if isinstance(seen, dict):
                    lines.append(
                        f"    {'reader, ' + device:<36}first result for {site['reader']['query']!r} in "
                        f"{seen['first_result_s']:.2f} s ({seen['first_result']}), "
                        f"{seen['requests']} requests, "
                        f"{seen['bytes_served_kb']:,.0f} KB ({seen['bytes_gzipped_kb']:,.0f} KB gzipped); "
                        f"largest page loads in {seen['largest_page_load_s']:.2f} s")
                elif device == "failure":
                    lines.append(f"    {'reader':<36}{seen}")
    return "\n".join(lines)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items() if item is not None}
    return value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_build", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000], metavar="N")
    parser.add_argument(
        "--copies", action="store_true", help="copies of the five real briefs, figures nudged"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a step is stopped")
    parser.add_argument("--seed", type=int, default=20251106)
    parser.add_argument("--no-reader", action="store_true",
                        help="skip the reader's side (search and page loads in Chromium)")
    parser.add_argument("--zensical", type=Path, metavar="EXECUTABLE",
                        help="also time this `zensical` on the export (installed apart, not a dependency)")
    parser.add_argument("--phases", nargs=2, type=Path, metavar=("PROJECT", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phases:
        print(json.dumps(phases(*args.phases)))
        return
    results = []
    for size in args.sizes:
        result = run(size, copies=args.copies, timeout=args.timeout, seed=args.seed,
                     reader=not args.no_reader, zensical=args.zensical)
        results.append(result)
        print(report(result))
        print(json.dumps(_rounded(result), sort_keys=True), flush=True)
    measured = [r for r in results if "warm_ms_per_brief" in r]
    if len(measured) >= 2:
        small, large = min(measured, key=lambda r: r["briefs"]), max(measured, key=lambda r: r["briefs"])
        growth = large["warm_ms_per_brief"] / small["warm_ms_per_brief"]
        print(f"per-brief warm cost, N={large['briefs']} over N={small['briefs']}: {growth:.2f}x")
        print(
            json.dumps(
                {"per_brief_warm_growth": round(growth, 3), "from": small["briefs"], "to": large["briefs"]}
            )
        )


if __name__ == "__main__":
    main()
