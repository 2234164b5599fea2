"""A commented brief template, generated from the field tables so it cannot drift from the format.

`briefgen new` writes it as is; `briefgen draft` fills some keys in and adds
comments. Every blank is a `TODO:` placeholder (see `placeholders`), which
`briefgen check` reports with its line until it is replaced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from briefgen.read.fields import BRIEF_FIELDS, MAX_QUOTE_WORDS, Field
from briefgen.read.load import BRIEF_SUFFIXES, METRICS_FILE, REGISTRY_FILES, TOPICS_FILE, UNITS_FILE
from briefgen.read.placeholders import MARKER, placeholder
from briefgen.sitemap import RESERVED_IDS
from briefgen.syntax import ID_PATTERN

# Where editors find the JSON Schema, relative to data/briefs/<id>.yml. A path
# rather than the published URL: it works offline, in forks, and always
# matches the checked-out version of the format.
SCHEMA_REF = "../../briefgen/schema.json"

# A few words per field that the tables cannot say; test_scaffold checks that
# every key named here (a top-level key, or list.key for an item's key) is
# still a field.
FIELD_NOTES: dict[str, str] = {
    "title": "the headline if it has fewer than ten words, else a short title of your own",
    "summary": "what the article reports, in your own words, never its sentences",
    "key_points": "one line per point, in your own words",
    "entities": "every person, place and organisation the brief refers to, with its role here",
    "figures": "every number that carries meaning, with who claims it",
    "sources": "organisations the article itself cites",
    "credibility": "how well sourced the article is, and what it leaves out",
    "figures.claimed_by": "who states the number; null when the outlet states it itself",
    "figures.via": "the outlet or channel that relayed the claim to this article (Kiselev via TASS)",
    "figures.context": "what exactly is counted or measured, from where, in your own words",
    "quotes.text": f"what the speaker said, word for word, at most {MAX_QUOTE_WORDS} words",
}

_PHRASES: dict[str, str] = {
    "text": "text",
    "markdown": "Markdown; [[id]] links an entity",
    "id": "an id: lowercase letters, digits and hyphens",
    "metric": f"a metric id from data/{METRICS_FILE}",
    "topic": f"a topic id from data/{TOPICS_FILE}",
    "unit": f"a unit as written, listed in data/{UNITS_FILE}",
    "date": "a date: 2025-11-06, 2025-11 or 2025",
    "moment": "a date: 2025-11-06, 2025-11 or 2025, or a day with its time: 2025-11-06T08:30",
    "number": "a plain number such as 60000 or 0.5",
    "flag": "true or false",
    "url": "an http(s) URL",
    "wikidata": "a Wikidata id such as Q160452",
    "claim-ref": "a claim id, or brief-id#claim-id",
    "published": "a date (2025-11-06, 2025-11 or 2025) or unknown",
}


class ScaffoldError(Exception):
    """The brief cannot be written: a bad id, or a file already there."""


def describe(spec: Field) -> str:
    """What a field holds, in a few words, from its table entry."""
    if spec.type == "entity" and len(spec.kinds) == 1:
        kind = spec.kinds[0]
        phrase = ("an " if kind[0] in "aeiou" else "a ") + f"{kind} id (data/{REGISTRY_FILES[kind]})"
    elif spec.type == "entity":
        files = ", ".join(f"data/{REGISTRY_FILES[kind]}" for kind in spec.kinds or tuple(REGISTRY_FILES))
        phrase = f"an entity id ({files})"
    elif spec.type == "choice":
        phrase = "one of " + " | ".join(spec.choices)
    elif spec.type == "list":
        assert spec.item is not None
        phrase = "a list" if spec.item.type == "object" else f"a list of: {describe(spec.item)}"
    elif spec.type == "object":
        phrase = "a mapping"
    else:
        phrase = _PHRASES[spec.type]
    if spec.max_words is not None:
        phrase += f", at most {spec.max_words} words"
    if spec.nullable:
        phrase += ", or null when unknown"
    return phrase


def _comment(name: str, spec: Field) -> str:
    need = "required" if spec.required else "optional"
    note = FIELD_NOTES.get(name)
    return f"# {name} ({need}): {describe(spec)}" + (f"; {note}" if note else "")


def _item_lines(list_name: str, fields: Mapping[str, Field], indent: str) -> list[str]:
    """An example list item, commented out: uncomment it and fill in the TODOs."""
    lines: list[str] = []
    for i, (name, spec) in enumerate(fields.items()):
        bullet = "- " if i == 0 else "  "
        note = FIELD_NOTES.get(f"{list_name}.{name}")
        if spec.required:
            lines.append(f"#{indent}{bullet}{name}: {placeholder(note or describe(spec))}")
        else:
            comment = describe(spec) + (f"; {note}" if note else "")
            lines.append(f"#{indent}{bullet}{name}: null  # optional: {comment}")
    return lines


def field_lines(name: str, spec: Field) -> list[str]:
    """The commented lines of one top-level key of a new brief."""
    lines = [_comment(name, spec)]
    if spec.type == "markdown" and spec.required:
        lines += [f"{name}: |", f"  {MARKER} {FIELD_NOTES.get(name, describe(spec))}"]
    elif spec.type == "list" and spec.required:
        assert spec.item is not None
        lines.append(f"{name}: [{placeholder(describe(spec.item))}]")
    elif spec.type == "published":
        assert spec.fields is not None
        lines.append(f"{name}: {placeholder(describe(spec))}")
        lines += ["# or, when the date is only inferred, the long form:", f"# {name}:"]
        lines += [f"#   {key}: {describe(sub)}" for key, sub in spec.fields.items()]
    elif spec.required:
        lines.append(f"{name}: {placeholder(FIELD_NOTES.get(name, describe(spec)))}")
    elif spec.type == "list":
        assert spec.item is not None
        lines.append(f"{name}: []")
        if spec.item.type == "object":
            assert spec.item.fields is not None
            lines += _item_lines(name, spec.item.fields, "   ")
    else:
        lines.append(f"# {name}: {describe(spec)}")
    return lines


def brief_template(
    brief_id: str,
    *,
    preamble: Sequence[str] = (),
    filled: Mapping[str, Sequence[str]] | None = None,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The text of a new brief `brief_id`, one commented block per field of BRIEF_FIELDS.

    `filled` replaces a key's generated lines by lines of its own (a draft's
    entities); `notes` adds comment lines after a key's block (its candidates);
    `preamble` adds comment lines at the top.
    """
    filled = filled or {}
    notes = notes or {}
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_REF}",
        f"# Brief `{brief_id}`: one article, in your own words. docs/writing-a-brief.md",
        f'# explains every field. Replace each "{MARKER} …" placeholder; `briefgen check`',
        "# lists those left, with their lines, and the brief is not published until none is.",
        *(f"# {line}".rstrip() for line in preamble),
    ]
    for name, spec in BRIEF_FIELDS.items():
        lines.append("")
        lines += list(filled[name]) if name in filled else field_lines(name, spec)
        lines += [f"# {line}".rstrip() for line in notes.get(name, ())]
    return "\n".join(lines) + "\n"


def check_new_id(brief_id: str) -> None:
    """Raise ScaffoldError unless `brief_id` may name a new brief."""
    if not ID_PATTERN.fullmatch(brief_id):
        raise ScaffoldError(
            f"`{brief_id[:70]}` is not a valid brief id: lowercase letters, digits and hyphens, "
            "starting with a letter or digit, at most 64 characters"
        )
    if brief_id in RESERVED_IDS:
        raise ScaffoldError(f"`{brief_id}` is a reserved name; choose another id")


def write_new_brief(data_dir: Path, brief_id: str, text: str) -> Path:
    """Write `text` as data_dir/briefs/<brief_id>.yml; never over an existing brief."""
    check_new_id(brief_id)
    if not data_dir.is_dir():
        raise ScaffoldError(f"no data directory at {data_dir}")
    briefs = data_dir / "briefs"
    for suffix in BRIEF_SUFFIXES:
        if (briefs / f"{brief_id}{suffix}").exists():
            raise ScaffoldError(f"{briefs / (brief_id + suffix)} already exists; it is left as it is")
    briefs.mkdir(exist_ok=True)
    path = briefs / f"{brief_id}.yml"
    try:
        with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite, even in a race
            stream.write(text)
    except FileExistsError as err:
        raise ScaffoldError(f"{path} already exists; it is left as it is") from err
    return path
