"""`briefgen add person|place|organisation NAME`: a registry entry written for you.

The entry goes at the end of its registry file with `TODO:` placeholders for
what only the contributor knows (its kind and a description), which `briefgen
check` reports until they are filled in. `find` is asked first: a name or
alias the registry already has is refused, with the entry that has it, so one
entity never gets two ids.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefgen.authoring.find import EXACT, Match, RegistrySearch, entries_of, format_match, load_registry
from briefgen.authoring.textscan import fold
from briefgen.authoring.translit import national_spellings
from briefgen.model import A_KIND, EntityKind
from briefgen.read.crosscheck import REGISTRY_FILES
from briefgen.read.placeholders import placeholder
from briefgen.syntax import ID_PATTERN

# Near matches at or above this score are shown (not refused): a different entity may share a name.
SHOWN_CLOSE = 90.0


class AddError(Exception):
    """Why the entry was not written."""


@dataclass(frozen=True)
class Added:
    path: Path
    entity_id: str
    text: str
    close: tuple[Match, ...]  # near spellings the contributor should look at


def entry_id(name: str) -> str:
    """The id a name gets: its Latin spelling (national romanisation for Cyrillic), hyphenated."""
    latin = (national_spellings(name) or [name])[0]
    return "-".join(fold(latin).split())[:64].strip("-")


def _scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when it reads back the same, else double-quoted."""
    try:
        plain_ok = yaml.safe_load(f"key: {text}\n") == {"key": text}
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok and text.strip() == text else json.dumps(text, ensure_ascii=False)


def entry_text(entity_id: str, name: str, aliases: Sequence[str], kind_words: str) -> str:
    lines = [f"{entity_id}:", f"  name: {_scalar(name)}", f"  kind: {placeholder(kind_words)}"]
    if aliases:
        lines.append("  aliases: [" + ", ".join(_scalar(a) for a in aliases) + "]")
    lines.append(f"  description: {placeholder('what it is, in one line of your own words')}")
    return "\n".join(lines) + "\n"


def add_entry(data_dir: Path, kind: EntityKind, name: str, aliases: Sequence[str] = (),
              wanted_id: str | None = None) -> Added:
    """Append an entry for `name` to the registry file of `kind`; refuse one the registry has."""
    name = name.strip()
    if not name:
        raise AddError("give the name as the article spells it")
    corpus, _briefs_left_out = load_registry(data_dir)
    entity_id = wanted_id or entry_id(name)
    if not ID_PATTERN.fullmatch(entity_id):
        raise AddError(f"`{entity_id}` is not a valid id: give one with --id "
                       "(lowercase letters, digits and hyphens)")
    known = {e.id: e for e in corpus.entities}
    if entity_id in known:
        entity = known[entity_id]
        raise AddError(f"`{entity_id}` is already in the registry: {entity.name} ({entity.kind}); "
                       "use that id, or choose another with --id if it is a different entity")
    search = RegistrySearch(e for e in entries_of(corpus) if e.kind in REGISTRY_FILES)
    close: dict[str, Match] = {}
    for spelling in (name, *aliases):
        for match in search.find(spelling, limit=5, cutoff=SHOWN_CLOSE):
            if match.score == EXACT:
                raise AddError(f"`{spelling}` is already in the registry:\n  {format_match(match)}\n"
                               "use that id, or add the spelling there as an alias")
            close.setdefault(match.entry.id, match)
    path = data_dir / REGISTRY_FILES[kind]
    kinds = corpus.vocabulary.kinds_of(kind)
    kind_words = f"{', '.join(kinds[:-1])} or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
    text = entry_text(entity_id, name, aliases, kind_words)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if existing.strip() in ("", "{}"):
        existing = ""  # `{}` stands for an empty registry file
    elif not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + text, encoding="utf-8")
    return Added(path, entity_id, text, tuple(close.values()))


def describe(added: Added, kind: EntityKind) -> str:
    """What `briefgen add` prints: where the entry went, and names close to it, if any."""
    lines = [f"added {A_KIND[kind]} `{added.entity_id}` to {added.path}: fill in its TODO: placeholders", "",
             *("  " + line for line in added.text.splitlines())]
    if added.close:
        lines += ["", "close spellings the registry has (make sure none is the same entity):"]
        lines += ["  " + format_match(match) for match in added.close]
    return "\n".join(lines)
