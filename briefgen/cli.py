"""The `briefgen` command line: `briefgen check [PATH ...]` lists every problem."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefgen.load import check_paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefgen", description="Briefs of news articles → a MkDocs site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check data directories or brief files",
        description="Print every problem as file:line:column: field: message; nothing when all is well.",
    )
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="a data directory or brief files (default: data)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns 0 when clean, 1 on problems, 2 on usage errors."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits; a return code is kinder to callers and tests
        return exit_.code if isinstance(exit_.code, int) else 2
    paths: list[Path] = args.paths or [Path("data")]
    missing = [path for path in paths if not path.exists()]
    if missing:
        for path in missing:
            print(f"briefgen: error: no such file or directory: {path}", file=sys.stderr)
        return 2
    problems = check_paths(paths)
    for problem in problems:
        print(problem)
    return 1 if problems else 0
