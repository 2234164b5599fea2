"""The settings of mkdocs.yml that reach a page or that briefgen depends on, checked at their line.

MkDocs' templates do not escape (Material prints `site_name`, `site_description`,
`site_author`, `repo_name` and `page.canonical_url` as they are, and `copyright`
as HTML), so a value there is markup on every page. briefgen's own templates and
theme override escape what they print; what the theme prints as is must
therefore hold no markup, and is refused here, at its line, by `briefgen check`
and by the build before anything is generated or site/ is touched.

mkdocs.yml is read as plain YAML nodes: tags such as `!ENV` or
`!!python/name:` are not constructed, so reading it runs nothing. A value given
through a tag is MkDocs' to resolve and is not judged here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import nh3
import yaml

from briefgen.model import Location
from briefgen.problems import WHOLE_FILE, Problem

# Characters a URL may hold as written (RFC 3986's reserved and unreserved
# characters, and `%` for escapes): a quote, a space, `<` or `>` cannot end up
# inside an attribute that prints the address.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*\Z")
# Plain-text settings the theme prints unescaped, into text and attributes.
_PLAIN_TEXT = ("site_name", "site_description", "site_author", "repo_name")
_MARKUP = re.compile(r"[<>\"`]")
_URLS = ("site_url", "repo_url")
# What a copyright line may hold: the inline markup of a footer, links to the web.
_COPYRIGHT_TAGS = {"a", "b", "em", "i", "small", "span", "strong", "br"}
_COPYRIGHT_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}


@dataclass(frozen=True)
class _Setting:
    value: yaml.Node  # the node, not its value: a tag stays unresolved
    where: Location


def settings_problems(config_file: Path, *, display_root: Path | None = None) -> list[Problem]:
    """Every problem with the settings of `config_file` that reach a page or that
    briefgen depends on; empty when there are none (or no such file)."""
    shown = _shown(config_file, display_root)
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(Location(shown, 1, 1), WHOLE_FILE, f"cannot be read: {error}")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [Problem(Location(shown, line, column), WHOLE_FILE, f"is not valid YAML: {error.problem}")]
    except yaml.YAMLError as error:
        return [Problem(Location(shown, 1, 1), WHOLE_FILE, f"is not valid YAML: {error}")]
    if not isinstance(root, yaml.MappingNode):
        return [Problem(Location(shown, 1, 1), WHOLE_FILE, "must be a mapping of settings")]
    settings = {
        key.value: _Setting(value, Location(shown, value.start_mark.line + 1, value.start_mark.column + 1))
        for key, value in root.value
        if isinstance(key, yaml.ScalarNode)
    }
    problems: list[Problem] = []
    # A value given through a tag (`!ENV`) is MkDocs' to resolve, not judged here.
    settings = {name: setting for name, setting in settings.items()
                if setting.value.tag.startswith("tag:yaml.org,2002:")}
    for name in _URLS:
        if name in settings:
            problems += _url_problems(name, settings[name])
    for name in _PLAIN_TEXT:
        if name in settings:
            problems += _text_problems(name, settings[name])
    if "copyright" in settings:
        problems += _copyright_problems(settings["copyright"])
    if "plugins" in settings:
        problems += _plugin_problems(settings["plugins"].value, shown)
    directory_urls = settings.get("use_directory_urls")
    if directory_urls is not None and (_plain(directory_urls) or "").strip().lower() in _FALSE:
        problems.append(Problem(
            directory_urls.where, "use_directory_urls",
            "briefgen links every page by its directory URL (/briefs/x/), so `use_directory_urls: false` "
            "would break every link between generated pages; remove the setting or set it to true"))
    return sorted(problems)


# YAML 1.1's words for false, as MkDocs' loader reads them.
_FALSE = frozenset({"false", "no", "off", "n"})


def _shown(config_file: Path, display_root: Path | None) -> str:
    if display_root is not None:
        try:
            return Path(config_file).resolve().relative_to(Path(display_root).resolve()).as_posix()
        except ValueError:
            pass
    return Path(config_file).as_posix()


def _plain(setting: _Setting) -> str | None:
    """The setting's text when it is a plain string (None for a null, a tag MkDocs resolves)."""
    node = setting.value
    if not isinstance(node, yaml.ScalarNode) or node.tag not in (
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    ):
        return None
    if node.tag == "tag:yaml.org,2002:str" or node.style:
        return str(node.value)
    return None if node.value in ("", "~", "null", "Null", "NULL") else str(node.value)


def _url_problems(name: str, setting: _Setting) -> list[Problem]:
    if not isinstance(setting.value, yaml.ScalarNode):
        return [Problem(setting.where, name, "must be an address such as https://briefings.example.org/")]
    value = _plain(setting)
    if value is None or value == "":
        return []
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [Problem(
            setting.where, name,
            f"`{_shorten(value)}` is not an absolute http(s) address; write a full address, "
            "such as https://briefings.example.org/",
        )]
    if not _URL_CHARACTERS.match(value):
        bad = sorted({c for c in value if not _URL_CHARACTERS.match(c)})
        return [Problem(
            setting.where, name,
            f"`{_shorten(value)}` holds {_characters(bad)}, which an address cannot hold as written "
            "(every page prints it inside an attribute); percent-encode them or remove them",
        )]
    return []


def _text_problems(name: str, setting: _Setting) -> list[Problem]:
    node = setting.value
    if not isinstance(node, yaml.ScalarNode):
        return [Problem(setting.where, name, "must be plain text")]
    value = _plain(setting)
    if value and _MARKUP.search(value):
        bad = sorted(set(_MARKUP.findall(value)))
        return [Problem(
            setting.where, name,
            f"holds {_characters(bad)}: the theme prints it on every page as it is, so it would be "
            "markup; write it as plain text without them",
        )]
    if value is not None and any(ord(c) < 32 and c not in "\t\n" for c in value):
        return [Problem(setting.where, name, "holds a control character; write it as plain text")]
    return []


def _copyright_problems(setting: _Setting) -> list[Problem]:
    value = _plain(setting)
    if not value:
        return []
    cleaned = nh3.clean(value, tags=_COPYRIGHT_TAGS, attributes=_COPYRIGHT_ATTRIBUTES,
                        url_schemes={"http", "https", "mailto"}, link_rel=None)
    if html.unescape(cleaned) != html.unescape(value):
        return [Problem(
            setting.where, "copyright",
            "holds markup the theme would print as it is on every page (scripts, styles, event "
            "handlers or links other than http(s) and mailto); keep to text, links and emphasis",
        )]
    return []


def _plugin_problems(plugins: object, shown: str) -> list[Problem]:
    """The briefgen plugin's own folders must stay inside the project."""
    problems: list[Problem] = []
    entries: list[tuple[yaml.Node, yaml.Node]] = []
    if isinstance(plugins, yaml.MappingNode):
        entries = list(plugins.value)
    elif isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.MappingNode):
                entries += item.value
    for key, options in entries:
        if not (isinstance(key, yaml.ScalarNode) and key.value == "briefgen"):
            continue
        if not isinstance(options, yaml.MappingNode):
            continue
        for option, value in options.value:
            if not (isinstance(option, yaml.ScalarNode) and option.value in ("data_dir", "cache_dir")):
                continue
            where = Location(shown, value.start_mark.line + 1, value.start_mark.column + 1)
            field = f"plugins.briefgen.{option.value}"
            plain = isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str"
            if not plain or not value.value:
                problems.append(Problem(where, field, "must be a folder, relative to mkdocs.yml"))
                continue
            path = PurePosixPath(value.value.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or re.match(r"[A-Za-z]:", value.value):
                problems.append(Problem(
                    where, field,
                    f"`{_shorten(value.value)}` leaves the project; name a folder inside it, "
                    "relative to mkdocs.yml",
                ))
    return problems


def _characters(found: list[str]) -> str:
    return ", ".join(repr(c) if c.isprintable() else f"U+{ord(c):04X}" for c in found)


def _shorten(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
