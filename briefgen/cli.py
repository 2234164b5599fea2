"""The `briefgen` command line: `check` lists every problem; `export` writes a plain MkDocs project."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefgen.export import ExportError, export_project
from briefgen.load import InvalidData, check_paths


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
    export = commands.add_parser(
        "export",
        help="write the site as a plain MkDocs project",
        description="Write DIR/mkdocs.yml (without the briefgen plugin) and DIR/docs/ (every generated "
        "and hand-written page) so that a plain `mkdocs build` in DIR gives the same site.",
    )
    export.add_argument("directory", type=Path, metavar="DIR", help="the folder to write (empty or new)")
    export.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the project's config (default: mkdocs.yml)",
    )
    export.add_argument(
        "--force", action="store_true", help="replace DIR/mkdocs.yml and DIR/docs/ if present"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns 0 when clean, 1 on problems, 2 on usage errors."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits; a return code is kinder to callers and tests
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.command == "export":
        return _export(args.config_file, args.directory, force=args.force)
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


def _export(config_file: Path, directory: Path, *, force: bool) -> int:
    if not config_file.is_file():
        print(f"briefgen: error: no such config file: {config_file}", file=sys.stderr)
        return 2
    try:
        written = export_project(config_file, directory, force=force)
    except InvalidData as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        count = len(invalid.problems)
        print(f"briefgen: {count} problem{'s' if count != 1 else ''}, nothing was exported", file=sys.stderr)
        return 1
    except ExportError as error:
        print(f"briefgen: error: {error}", file=sys.stderr)
        return 1
    pages = sum(1 for path in written if path.endswith(".md"))
    print(
        f"briefgen: wrote {len(written)} files ({pages} pages) to {directory}; build with: "
        f"mkdocs build -f {directory / 'mkdocs.yml'}"
    )
    return 0
