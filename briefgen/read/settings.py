"""mkdocs.yml, read for the settings briefgen depends on: each one it cannot honour is a located problem.

Read as YAML nodes, without MkDocs (so `briefgen check` can run it) and without
constructing anything: a tag such as `!ENV` is only noted, and its value is
left to MkDocs.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from briefgen.model import Location
from briefgen.problems import Problem

# YAML 1.1's words for false, as MkDocs' loader reads them.
_FALSE = frozenset({"false", "no", "off", "n"})


def settings_problems(config_file: Path, *, display_root: Path | None = None) -> list[Problem]:
    """What in `config_file` briefgen refuses, at its line; nothing when the file cannot be read
    (MkDocs itself reports that)."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    shown = _shown(config_file, display_root)
    problems = []
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            continue
        if key.value == "use_directory_urls" and value.value.strip().lower() in _FALSE:
            mark = value.start_mark
            problems.append(Problem(
                Location(shown, mark.line + 1, mark.column + 1), "use_directory_urls",
                "briefgen links every page by its directory URL (/briefs/x/), so `use_directory_urls: false` "
                "would break every link between generated pages; remove the setting or set it to true"))
    return problems


def _shown(config_file: Path, display_root: Path | None) -> str:
    try:
        return config_file.resolve().relative_to((display_root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(config_file)
