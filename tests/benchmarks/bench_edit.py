"""Benchmark: how long an author waits, under `mkdocs serve`, to see an edit.

    .venv/bin/python -m tests.benchmarks.bench_edit 1000 [--copies]

Writes a corpus of N briefs (synthetic, or copies of the real ones), builds it
as `mkdocs serve` does (one plugin for the life of the server, rendering in
its own process), then edits one brief's summary and times the rebuild that
follows: what MkDocs takes before the page shows (briefgen's generation and
MkDocs' rendering), and apart from it the search index, which a server makes
in a thread after the page shows. `--dirty` times `mkdocs serve --dirty`
instead; `--kept` starts the server on a site an earlier `mkdocs build`
kept (its first build reuses it); `--all-pages` turns off the reuse of unchanged pages' HTML, which
is how a server built before. Prints one JSON line; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import yaml

from tests.benchmarks.synthetic import copies_project, synthetic_project


def run(briefs: int, *, copies: bool, dirty: bool, all_pages: bool, kept: bool = False) -> dict[str, Any]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["BRIEFGEN_WORKERS"] = "1"
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("mkdocs.plugins.briefgen").setLevel(logging.INFO)  # its timings, per build
    with tempfile.TemporaryDirectory(prefix="briefgen-edit-") as tmp:
        project = (copies_project if copies else synthetic_project)(Path(tmp) / "project", briefs)
        if kept:  # a site kept by an earlier `mkdocs build`, which the server's first build reuses
            build(load_config(str(project / "mkdocs.yml"), site_dir=str(Path(tmp) / "built")))
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(Path(tmp) / "site"))
        config.plugins.on_startup(command="serve", dirty=dirty)
        plugin = config.plugins["briefgen"]
        if all_pages:
            plugin._rendered = None
        started = time.perf_counter()
        build(config, dirty=dirty)
        first = time.perf_counter() - started
        if plugin._search_index is not None:
            plugin._search_index.finished.wait(1800)
        if plugin._memo is not None:
            plugin._memo.finished()  # filled from the kept site while the author reads it
        brief = sorted((project / "data" / "briefs").glob("*.yml"))[len(list(
            (project / "data" / "briefs").glob("*.yml"))) // 2]
        brief.write_text(_summary_grown(brief.read_text(encoding="utf-8")), encoding="utf-8")
        started = time.perf_counter()
        build(config, dirty=dirty)
        shown = time.perf_counter() - started
        searchable = None
        if plugin._search_index is not None:
            plugin._search_index.finished.wait(1800)
            searchable = time.perf_counter() - started
        return {"briefs": briefs, "corpus": "copies" if copies else "synthetic", "dirty": dirty, "kept": kept,
                "all_pages": all_pages, "first_build_s": round(first, 1), "edit_shown_s": round(shown, 2),
                "edit_searchable_s": None if searchable is None else round(searchable, 1),
                "pages_kept": None if plugin._rendered is None else plugin._rendered.reused}


def _summary_grown(text: str) -> str:
    """The brief with a sentence added to its summary, as an author types it: in
    the text, the summary rewrapped (so the lines below it move), the rest as it was."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("summary:"))
    end = next(n for n in range(start + 1, len(lines)) if lines[n][:1].isalpha())  # the next key
    summary = yaml.safe_load("\n".join(lines[start:end]))["summary"] + " One more sentence."
    wrapped = textwrap.wrap(summary, 60, break_on_hyphens=False, break_long_words=False)
    return "\n".join([*lines[:start], "summary: >-", *("  " + line for line in wrapped), *lines[end:]]) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("briefs", type=int)
    parser.add_argument("--copies", action="store_true")
    parser.add_argument("--dirty", action="store_true")
    parser.add_argument("--all-pages", action="store_true")
    parser.add_argument("--kept", action="store_true",
                        help="serve a project an earlier build kept a site for")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.briefs, copies=args.copies, dirty=args.dirty, all_pages=args.all_pages,
                                 kept=args.kept)))


if __name__ == "__main__":
    main()
