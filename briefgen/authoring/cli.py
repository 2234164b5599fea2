"""The `briefgen` command line: check the data, start a brief, look a name up, draft from an article; export.

`briefgen check [PATH ...]` lists every problem; `new ID` writes a commented
brief template; `find NAME` searches the registry by any spelling; `add KIND
NAME` appends a registry entry unless the registry has the name; `draft
ARTICLE --id ID` writes a brief pre-filled from an article's text; `export DIR`
writes the site as a plain MkDocs project.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefgen.authoring.add_entry import AddError, add_entry, describe
from briefgen.authoring.draft import read_article, render_draft
from briefgen.authoring.export import ExportError, export_project, read_project
from briefgen.authoring.find import KINDS, RegistrySearch, entries_of, format_match, load_registry
from briefgen.authoring.scaffold import ScaffoldError, brief_template, check_new_id, write_new_brief
from briefgen.build.generation import Settings, generate
from briefgen.build.steps import generate_site
from briefgen.model import Corpus, EntityKind
from briefgen.problems import InvalidSite, Problem
from briefgen.read.load import InvalidData, check_paths, load_corpus
from briefgen.read.settings import settings_problems
from briefgen.write.charts import ChartCache

# Limits on what the commands read. An article is a few thousand words (the
# longest read here is under 10 KB); drafting takes seconds at 256 KB and grows
# faster than the text (82 s at 1 MB), so 256 KB, as for a brief file.
MAX_ARTICLE_BYTES = 256 * 1024
MAX_NAME_CHARACTERS = 200
MAX_MATCHES = 50


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
    new = commands.add_parser(
        "new",
        help="start a brief from the commented template",
        description="Write DATA/briefs/ID.yml from a template whose TODO: placeholders `check` reports "
        "until they are replaced. An existing file is never overwritten.",
    )
    new.add_argument("id", metavar="ID", help="the brief's id: lowercase letters, digits and hyphens")
    find = commands.add_parser(
        "find",
        help="look a name up in the registry, by any spelling",
        description="Print the registry entries (people, places, organisations, metrics, units) whose "
        "name or alias is closest to NAME, whatever its case, accents or alphabet.",
    )
    find.add_argument(
        "name", nargs="+", metavar="NAME", help="a name in any spelling; several words are one name"
    )
    find.add_argument("--kind", choices=KINDS, action="append", help="only this kind (may be repeated)")
    find.add_argument("--limit", type=int, default=5,
                      help=f"at most this many matches, 1 to {MAX_MATCHES} (default: 5)")
    draft = commands.add_parser(
        "draft",
        help="draft a brief from an article's plain text",
        description="Write DATA/briefs/ID.yml with the entities the registry knows already listed, and "
        "candidate names, figures and events in comments. An existing file is never overwritten.",
    )
    draft.add_argument("article", type=Path, metavar="ARTICLE",
                       help=f"the article as a UTF-8 text file, at most {MAX_ARTICLE_BYTES // 1024:,} KB")
    draft.add_argument("--id", required=True, dest="brief_id", metavar="ID", help="the new brief's id")
    draft.add_argument("--stdout", action="store_true", help="print the draft instead of writing the file")
    add = commands.add_parser(
        "add",
        help="add a person, place or organisation to the registry",
        description="Append an entry for NAME to data/people.yml, places.yml or organisations.yml, with "
        "TODO: placeholders for its kind and description. A name or alias the registry already has is "
        "refused, with the entry that has it.",
    )
    add.add_argument("kind", choices=("person", "place", "organisation"), metavar="KIND",
                     help="person, place or organisation")
    add.add_argument("name", nargs="+", metavar="NAME", help="the name as the article spells it")
    add.add_argument("--alias", action="append", default=[], help="another spelling (may be repeated)")
    add.add_argument("--id", dest="entity_id", metavar="ID", help="the id (default: from the name)")
    for command in (new, find, draft, add):
        command.add_argument(
            "--data",
            type=Path,
            default=Path("data"),
            metavar="DIR",
            help="the data directory (default: data)",
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


def _error(message: str) -> None:
    print(f"briefgen: error: {message}", file=sys.stderr)


def _check(paths: list[Path]) -> int:
    missing = [path for path in paths if not path.exists()]
    if missing:
        for path in missing:
            _error(f"no such file or directory: {path}")
        return 2
    problems = _settings_problems(paths) + check_paths(paths)
    if not problems:
        problems = _generation_problems(paths)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def _settings_problems(paths: list[Path]) -> list[Problem]:
    """The problems of the mkdocs.yml beside each data directory checked (the
    settings that reach a page or that briefgen depends on), as the build reports them."""
    found: list[Problem] = []
    for data_dir in sorted({(p if p.is_dir() else p.parent.parent).resolve() for p in paths}):
        found += settings_problems(data_dir.parent / "mkdocs.yml", display_root=Path.cwd())
    return sorted(set(found))


def _generation_problems(paths: list[Path]) -> list[Problem]:
    """What the generator refuses in data that loads cleanly, such as two ids whose
    pages would share a path: `check` passing means the site builds. With the
    project's mkdocs.yml beside the data, the site is generated as a build would
    make it and kept in the project's cache, where the next build finds it (so a
    check followed by a build generates once); without it, in memory."""
    found: set[Problem] = set()
    data_dirs = {(p if p.is_dir() else p.parent.parent).resolve() for p in paths}
    for data_dir in sorted(data_dirs):
        settings = _settings_of(data_dir)
        if settings is None:
            found.update(_generated_in_memory(data_dir))
            continue
        try:
            generate(settings)
        except InvalidData:
            continue  # only single briefs were asked about, and another brief has problems
        except InvalidSite as invalid:
            found.update(invalid.problems)
    return sorted(found)


def _settings_of(data_dir: Path) -> Settings | None:
    """The build settings of the project whose mkdocs.yml sits beside `data_dir` and reads it;
    None when there is none (or it cannot be read as plain YAML: the build will say why)."""
    config_file = data_dir.parent / "mkdocs.yml"
    if not config_file.is_file():
        return None
    try:
        project = read_project(config_file)
    except ExportError:
        return None
    if project.data_dir != data_dir:
        return None
    config = project.config

    def text(key: str) -> str:
        value = config.get(key)
        return value if isinstance(value, str) else ""

    site_url = text("site_url")
    if site_url and not site_url.endswith("/"):
        site_url += "/"  # as MkDocs reads it
    return Settings(data_dir, Path.cwd(), project.cache_dir, text("site_name"), text("site_description"),
                    site_url)


def _generated_in_memory(data_dir: Path) -> list[Problem]:
    try:
        corpus = load_corpus(data_dir, display_root=Path.cwd())
    except InvalidData:
        return []  # only single briefs were asked about, and another brief has problems
    try:
        generate_site(corpus, ChartCache(data_dir.parent / ".cache" / "briefgen"))
    except InvalidSite as invalid:
        return list(invalid.problems)
    return []


def _new(data_dir: Path, brief_id: str) -> int:
    try:
        path = write_new_brief(data_dir, brief_id, brief_template(brief_id))
    except ScaffoldError as err:
        _error(str(err))
        return 1
    print(f"wrote {path}: replace its TODO: placeholders, then run `briefgen check`")
    return 0


def _registry(data_dir: Path) -> Corpus | None:
    """The registry to search, with a note when broken briefs were left out."""
    try:
        corpus, briefs_left_out = load_registry(data_dir)
    except InvalidData as err:
        _error("the registry has problems; fix these first:")
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return None
    if briefs_left_out:
        print(
            "briefgen: note: some briefs have problems (see `briefgen check`); searched the registry alone",
            file=sys.stderr,
        )
    return corpus


def _find(data_dir: Path, name: str, kinds: Sequence[str], limit: int) -> int:
    if not name.strip():
        _error("give a name to look up")
        return 2
    if len(name) > MAX_NAME_CHARACTERS:
        _error(f"a name is at most {MAX_NAME_CHARACTERS} characters; this one has {len(name):,}")
        return 2
    if not 1 <= limit <= MAX_MATCHES:
        _error(f"--limit is a number from 1 to {MAX_MATCHES}, not {limit}")
        return 2
    corpus = _registry(data_dir)
    if corpus is None:
        return 1
    matches = RegistrySearch(entries_of(corpus)).find(name, limit=limit, kinds=kinds)
    if not matches:
        print(
            f"no entry is close to `{name}`. If it is new, add it to data/people.yml, places.yml or "
            "organisations.yml (or metrics.yml, units.yml) with its other spellings as aliases."
        )
        return 1
    if matches[0].score < 100:
        print(
            f"no entry is spelled `{name}`; the closest below may be a different entity: "
            "read the description before using its id."
        )
    for match in matches:
        print(format_match(match))
    return 0


def _draft(data_dir: Path, article: Path, brief_id: str, to_stdout: bool) -> int:
    try:
        check_new_id(brief_id)
        text = _read_article(article)
    except ScaffoldError as err:
        _error(str(err))
        return 1
    except (OSError, UnicodeDecodeError) as err:
        _error(f"cannot read {article}: {err}")
        return 1
    corpus = _registry(data_dir)
    if corpus is None:
        return 1
    brief = render_draft(brief_id, read_article(text, corpus), corpus, article.name)
    if to_stdout:
        print(brief, end="")
        return 0
    try:
        path = write_new_brief(data_dir, brief_id, brief)
    except ScaffoldError as err:
        _error(str(err))
        return 1
    print(f"wrote {path}: fill in its TODO: placeholders and uncomment the candidates you keep")
    return 0


def _add(data_dir: Path, kind: EntityKind, name: str, aliases: Sequence[str], entity_id: str | None) -> int:
    try:
        added = add_entry(data_dir, kind, name, aliases, entity_id)
    except AddError as err:
        _error(str(err))
        return 1
    except InvalidData as err:
        _error("the registry has problems; fix these first:")
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    print(describe(added, kind))
    return 0


def _read_article(article: Path) -> str:
    """The article's text; ScaffoldError when it is larger than an article can be.

    Read up to the limit and no further, so that a device or a file still
    growing (`/dev/zero`, a log) is refused as quickly as a large file."""
    if article.is_dir():
        raise ScaffoldError(f"{article} is a folder; give the article's text file")
    with article.open("rb") as stream:
        data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise ScaffoldError(
            f"{article} is larger than {MAX_ARTICLE_BYTES // 1024:,} KB, more than any article: give the "
            "article's plain text alone (copy it from the page), not a whole site, book or data file"
        )
    return data.decode("utf-8-sig")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns 0 on success, 1 on problems, 2 on usage errors."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits; a return code is kinder to callers and tests
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.command == "export":
        return _export(args.config_file, args.directory, force=args.force)
    if args.command == "new":
        return _new(args.data, args.id)
    if args.command == "find":
        return _find(args.data, " ".join(args.name), args.kind or KINDS, args.limit)
    if args.command == "draft":
        return _draft(args.data, args.article, args.brief_id, args.stdout)
    if args.command == "add":
        return _add(args.data, args.kind, " ".join(args.name), args.alias, args.entity_id)
    return _check(args.paths or [Path("data")])


def _export(config_file: Path, directory: Path, *, force: bool) -> int:
    if not config_file.is_file():
        print(f"briefgen: error: no such config file: {config_file}", file=sys.stderr)
        return 2
    try:
        written = export_project(config_file, directory, force=force)
    except (InvalidData, InvalidSite) as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        count = len(invalid.problems)
        print(f"briefgen: {count} problem{'s' if count != 1 else ''}, nothing was exported", file=sys.stderr)
        return 1
    except ExportError as error:
        print(f"briefgen: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the destination, not the data: a name too long, a full disk
        print(f"briefgen: error: cannot export into {directory}: {error.strerror or error}", file=sys.stderr)
        return 1
    pages = sum(1 for path in written if path.endswith(".md"))
    print(
        f"briefgen: wrote {len(written)} files ({pages} pages) to {directory}; build with: "
        f"mkdocs build -f {directory / 'mkdocs.yml'}"
    )
    return 0
