"""`briefgen export`: the site as a plain MkDocs project that builds without briefgen.

The export is a folder holding its own `mkdocs.yml` (the project's, minus the
briefgen plugin) and `docs/` (every generated page, chart, CSV and the
stylesheet, beside the hand-written pages). `mkdocs build` there gives the same
site as the plugin build. It is the baseline the benchmark compares against, and
the way to another engine: Zensical reads `mkdocs.yml` but no third-party plugin.

mkdocs.yml is read as plain YAML, without MkDocs: a tag that only MkDocs (or
Python) can construct, such as `!ENV` or `!!python/name:`, is refused with its
location rather than guessed at. Everything is read, validated and generated
before the target folder is touched, and nothing is written outside it.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pathspec
import yaml

from briefgen.build.steps import STYLESHEET, THEME_DIR, generate_site
from briefgen.model import Corpus
from briefgen.read.load import load_corpus
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.urls import OutputFile

PLUGIN = "briefgen"
EXPORT_DOCS = "docs"
EXPORT_THEME = "briefgen-theme"  # the theme overrides the plugin would add
# The suffixes MkDocs treats as pages (mkdocs.utils.markdown_extensions).
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Options whose paths point into the source project and mean nothing in the export.
DROPPED_OPTIONS = ("watch",)
_TAG_IN_PROBLEM = re.compile(r"tag '([^']*)'")
_GITIGNORE_SPECIAL = re.compile(r"([*?\[\]\\])")


class ExportError(Exception):
    """A problem the user must fix before anything is exported; the message says what."""


@dataclass(frozen=True)
class Project:
    """What the export reads from a project's mkdocs.yml."""

    config_file: Path
    config: dict[str, Any]  # mkdocs.yml as read, untouched
    docs_dir: Path
    data_dir: Path
    cache_dir: Path
    carried: tuple[str, ...]  # other folders and files the config refers to, relative to the config


def export_project(config_file: Path, target: Path, *, force: bool = False) -> list[str]:
    """Write the plain MkDocs project for `config_file` into `target`.

    Returns the paths written, relative to `target`, sorted. Raises ExportError
    for a config, target or page clash the user must fix, InvalidData for bad
    briefs and InvalidSite for what the generator refuses; in every case
    `target` is left as it was.
    """
    project = read_project(config_file)
    target = target.resolve()
    _check_target(target, project, force=force)
    corpus = load_corpus(project.data_dir, display_root=project.config_file.parent)
    generated = _generate(project, corpus)
    handwritten = _handwritten_pages(project.docs_dir)
    clashes = sorted({output.path for output in generated} & set(handwritten))
    if clashes:
        raise ExportError(
            f"{project.docs_dir.name}/{clashes[0]} collides with a generated page; rename or remove it"
        )
    config_text = exported_config(project.config, [o.path for o in generated], handwritten)
    return _write(target, project, config_text, generated)


# --- Reading the project ------------------------------------------------------------


def read_project(config_file: Path) -> Project:
    """Read mkdocs.yml as plain YAML and find the folders the export needs."""
    config_file = config_file.resolve()
    config = _read_yaml(config_file)
    if "INHERIT" in config:
        raise ExportError(
            f"{config_file.name}: `INHERIT` is not followed by briefgen export; "
            "merge the parent config into this one first"
        )
    root = config_file.parent
    options = _plugin_options(config, config_file.name)
    where = f"{config_file.name}: plugins: {PLUGIN}"
    docs_dir = root / _path_option(config, "docs_dir", "docs", config_file.name)
    if not docs_dir.is_dir():
        raise ExportError(f"{config_file.name}: docs_dir `{docs_dir}` is not a folder")
    return Project(
        config_file=config_file,
        config=config,
        docs_dir=docs_dir.resolve(),
        data_dir=(root / _path_option(options, "data_dir", "data", where)).resolve(),
        cache_dir=(root / _path_option(options, "cache_dir", ".cache/briefgen", where)).resolve(),
        carried=_carried_paths(config, root, config_file.name),
    )


def _read_yaml(config_file: Path) -> dict[str, Any]:
    name = config_file.name
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as error:
        raise ExportError(f"{name}: cannot be read ({error.strerror or error})") from None
    try:
        config = yaml.safe_load(text)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        found = _TAG_IN_PROBLEM.search(error.problem or "")
        tag = found.group(1) if found else "?"
        raise ExportError(
            f"{where}: the YAML tag `{tag}` needs MkDocs (or Python) to read, and briefgen export "
            "reads mkdocs.yml as plain YAML; write a plain value there to export this project"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise ExportError(f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    if not isinstance(config, dict):
        raise ExportError(f"{name}: expected a mapping of MkDocs options")
    return config


def _plugin_options(config: dict[str, Any], where: str) -> dict[str, Any]:
    for name, options in _plugin_entries(config.get("plugins")):
        if name == PLUGIN:
            if options is None:
                return {}
            if not isinstance(options, dict):
                raise ExportError(f"{where}: plugins: {PLUGIN}: expected a mapping of options")
            return options
    raise ExportError(f"{where}: the `{PLUGIN}` plugin is not listed under `plugins`; nothing to export")


def _plugin_entries(plugins: Any) -> list[tuple[str, Any]]:
    """(name, options) of each plugin; MkDocs allows a list or a mapping."""
    if isinstance(plugins, dict):
        return [(str(name), options) for name, options in plugins.items()]
    entries: list[tuple[str, Any]] = []
    for entry in plugins or []:
        if isinstance(entry, dict) and len(entry) == 1:
            ((name, options),) = entry.items()
            entries.append((str(name), options))
        else:
            entries.append((str(entry), None))
    return entries


def _path_option(options: dict[str, Any], key: str, default: str, where: str) -> str:
    value = options.get(key, default)
    if not isinstance(value, str) or not value:
        raise ExportError(f"{where}: `{key}` must be a folder path")
    return value


def _carried_paths(config: dict[str, Any], config_dir: Path, where: str) -> tuple[str, ...]:
    """Theme overrides and hooks: files the plain build needs, copied beside mkdocs.yml."""
    found: list[tuple[str, str]] = []
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir") is not None:
        found.append(("theme.custom_dir", theme["custom_dir"]))
    found += [("hooks", hook) for hook in config.get("hooks") or []]
    for option, path in found:
        parts = PurePosixPath(str(path)).parts
        if (
            not isinstance(path, str)
            or not parts
            or PurePosixPath(path).is_absolute()
            or ".." in parts
            or parts[0] in (EXPORT_DOCS, "mkdocs.yml")
        ):
            raise ExportError(
                f"{where}: {option}: `{path}` must be a path inside the project folder "
                f"(and not under `{EXPORT_DOCS}/`) to be carried into the export"
            )
        if not (config_dir / path).exists():
            raise ExportError(f"{where}: {option}: `{path}` does not exist")
    return tuple(sorted({path for _, path in found}))


# --- Checking the target -----------------------------------------------------------


def _check_target(target: Path, project: Project, *, force: bool) -> None:
    root = project.config_file.parent
    sources = [project.config_file, project.docs_dir, project.data_dir]
    sources += [(root / path).resolve() for path in project.carried]
    for source in sources:
        if target == source or target.is_relative_to(source) or source.is_relative_to(target):
            raise ExportError(
                f"cannot export into {target}: it overlaps {source}, which the export reads; "
                "choose a folder outside the project's sources (a new folder such as `export/` is fine)"
            )
    if target.exists() and not target.is_dir():
        raise ExportError(f"cannot export into {target}: it is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise ExportError(
            f"{target} is not empty; choose an empty folder, or pass --force to replace "
            f"its mkdocs.yml and {EXPORT_DOCS}/"
        )


# --- Generating --------------------------------------------------------------------


def _generate(project: Project, corpus: Corpus) -> list[OutputFile]:
    # The export writes nothing outside its target, so the project's chart cache
    # is copied into a scratch folder: its charts are reused, never rewritten.
    with tempfile.TemporaryDirectory(prefix="briefgen-export-") as scratch:
        cache_dir = Path(scratch) / "charts"
        if project.cache_dir.is_dir():
            shutil.copytree(project.cache_dir, cache_dir)
        # The same heading as the plugin gives the home page.
        site_name = str(project.config.get("site_name") or "")
        about = str(project.config.get("site_description") or "")
        site_url = str(project.config.get("site_url") or "")
        return generate_site(corpus, ChartCache(cache_dir), site_name=site_name, about=about,
                             site_url=site_url)


def _handwritten_pages(docs_dir: Path) -> list[str]:
    """Every file under docs_dir, as POSIX paths relative to it, sorted."""
    return sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file())


# --- The exported mkdocs.yml ---------------------------------------------------------


def exported_config(config: dict[str, Any], generated: Sequence[str], handwritten: Sequence[str]) -> str:
    """The export's mkdocs.yml: the project's, without the plugin, over docs/."""
    exported = {key: value for key, value in config.items() if key not in DROPPED_OPTIONS}
    exported["docs_dir"] = EXPORT_DOCS
    # briefgen's <head> additions, under the project's own overrides as the plugin puts them.
    theme = dict(config["theme"]) if isinstance(config.get("theme"), dict) else {"name": config.get("theme")}
    theme["custom_dir"] = EXPORT_THEME
    exported["theme"] = theme
    exported["plugins"] = _without_plugin(config.get("plugins"))
    extra_css = list(config.get("extra_css") or [])
    if STYLESHEET not in extra_css:  # as the plugin adds it, at the end
        extra_css.append(STYLESHEET)
    exported["extra_css"] = extra_css
    site_dir = PurePosixPath(str(config.get("site_dir", "site")))
    if site_dir.is_absolute() or ".." in site_dir.parts:
        del exported["site_dir"]  # it names a folder outside the export; build into the export instead
    original = config.get("not_in_nav")
    original_lines = original if isinstance(original, str) else ""
    exported["not_in_nav"] = _Block(not_in_nav(generated, handwritten, original_lines))
    header = (
        "# Written by `briefgen export`: a plain MkDocs project, no briefgen plugin needed.\n"
        "# docs/ holds the generated pages beside the hand-written ones; regenerate rather than edit.\n"
    )
    return header + yaml.dump(exported, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _without_plugin(plugins: Any) -> Any:
    """The plugins option without briefgen, in the shape it was written (list or mapping)."""
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name != PLUGIN}
    return [entry for entry in plugins or [] if _plugin_entries([entry])[0][0] != PLUGIN]


def not_in_nav(generated: Iterable[str], handwritten: Iterable[str], original: str = "") -> str:
    """gitignore-style lines that keep exactly the generated detail pages out of the nav.

    Compact patterns per folder (`/briefs/*.md` with `!/briefs/index.md`, or
    `/places/pokrovsk/**/*.md` for a folder of detail pages only); the project's
    own `not_in_nav` lines follow, still deciding for every other page. Checked
    with pathspec, the library MkDocs reads these lines with; any page the
    patterns get wrong is then set right by its exact path (the last match wins).
    """
    generated_pages = {path for path in generated if path.endswith(PAGE_SUFFIXES)}
    detail = {path for path in generated_pages if urls.is_detail_page(path)}
    pages = sorted(generated_pages | {path for path in handwritten if path.endswith(PAGE_SUFFIXES)})
    original_lines = [line for line in original.splitlines() if line.strip()]
    kept_by_project = pathspec.GitIgnoreSpec.from_lines(original_lines)
    wanted = {page: page in detail or kept_by_project.match_file(page) for page in pages}
    if all(kept_by_project.match_file(page) == wanted[page] for page in pages):
        return "".join(line + "\n" for line in original_lines)  # the project's lines already do it
    lines = _folder_patterns("", pages, detail) + original_lines
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    for page in pages:
        if spec.match_file(page) != wanted[page]:
            lines.append(("" if wanted[page] else "!") + "/" + _escape(page))
    return "".join(line + "\n" for line in lines)


def _folder_patterns(folder: str, pages: list[str], detail: set[str]) -> list[str]:
    """The fewest lines (per folder, greedily) matching the detail pages under `folder`."""
    direct = [page for page in pages if posixpath.dirname(page) == folder]
    direct_detail = [page for page in direct if page in detail]
    direct_other = [page for page in direct if page not in detail]
    lines: list[str] = []
    if direct_detail:
        if len(direct_other) + 1 < len(direct_detail):
            lines.append(f"/{folder}/*.md" if folder else "/*.md")
            lines += [f"!/{_escape(page)}" for page in direct_other]
        else:
            lines += [f"/{_escape(page)}" for page in direct_detail]
    depth = len(folder.split("/")) if folder else 0
    subfolders = sorted({"/".join(page.split("/")[: depth + 1]) for page in pages if page not in direct})
    for sub in subfolders:
        inside = [page for page in pages if page.startswith(sub + "/")]
        others = [page for page in inside if page not in detail]
        nested = _folder_patterns(sub, inside, detail)
        whole = [f"/{_escape(sub)}/**/*.md"] + [f"!/{_escape(page)}" for page in others]
        has_detail = len(others) < len(inside)
        lines += whole if has_detail and len(whole) < len(nested) else nested
    return lines


def _escape(path: str) -> str:
    """A path as a gitignore pattern that matches only itself."""
    escaped = _GITIGNORE_SPECIAL.sub(r"\\\1", path)
    return escaped[:-1] + "\\ " if escaped.endswith(" ") else escaped


class _Block(str):
    """A string written as a YAML literal block, one pattern a line."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Block, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|")
)


# --- Writing ------------------------------------------------------------------------


def _write(target: Path, project: Project, config_text: str, generated: list[OutputFile]) -> list[str]:
    root = project.config_file.parent
    written: list[str] = []
    target.mkdir(parents=True, exist_ok=True)
    # Entries the export owns are removed first, so that a symlink left in the
    # target can never redirect a write outside it, and no stale page survives.
    owned = ["mkdocs.yml", EXPORT_DOCS, EXPORT_THEME]
    for entry in [*owned, *sorted({PurePosixPath(p).parts[0] for p in project.carried})]:
        _remove(target / entry)
    (target / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    written.append("mkdocs.yml")
    docs = target / EXPORT_DOCS
    shutil.copytree(project.docs_dir, docs)  # symlinks are followed: the export holds their content
    written += [f"{EXPORT_DOCS}/{page}" for page in _handwritten_pages(docs)]
    for output in generated:
        if not urls.stays_inside_site(output.path):
            raise ExportError(f"generated path {output.path!r} would leave the export folder")
        urls.write_file(docs, output)
        written.append(f"{EXPORT_DOCS}/{output.path}")
    for carried in project.carried:
        source, copy = root / carried, target / carried
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, copy)
        else:
            shutil.copyfile(source, copy)
        written.append(carried)
    shutil.copytree(THEME_DIR, target / EXPORT_THEME)
    theme = project.config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], target / EXPORT_THEME, dirs_exist_ok=True)
    written += [f"{EXPORT_THEME}/{p.relative_to(target / EXPORT_THEME).as_posix()}"
                for p in sorted((target / EXPORT_THEME).rglob("*")) if p.is_file()]
    return sorted(written)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
