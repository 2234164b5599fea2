"""Unknown entity ids → one problem each: every use, the registry file it belongs in, an entry to paste.

An id the registry lacks is usually used several times in a brief (listed
under `entities`, linked in the summary, quoted, claimed), so one problem per
id, located at its first use and listing the others, says what the reader has
to do once. What the id names is read from the fields that use it (authors
are people, an outlet is an organisation, event places are places: the
`kinds` of `fields.py`); when they agree, the problem names the registry file
and, unless the id looks like a typo, prints an entry for it whose
placeholders `briefgen check` reports until they are filled in. "Did you
mean" offers only a typo of a known id or spelling of the same kind
(`suggest.NearMisses`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefgen.model import A_KIND, ENTITY_KINDS, EntityKind, Location, Vocabulary
from briefgen.problems import Problem
from briefgen.read.placeholders import placeholder


@dataclass(frozen=True)
class Use:
    """One place an unknown id is written."""

    where: Location
    path: str
    kinds: tuple[EntityKind, ...]  # what the field allows; () for any entity


def inferred_kind(uses: Sequence[Use]) -> tuple[EntityKind | None, bool]:
    """The kind the uses' fields agree on (None when they allow more than one), and whether
    they disagree (an author, so a person, and an outlet, so an organisation)."""
    allowed = set(ENTITY_KINDS)
    for use in uses:
        if use.kinds:
            allowed &= set(use.kinds)
    if not allowed:
        return None, True
    return (min(allowed) if len(allowed) == 1 else None), False


def unknown_id_problem(
    entity_id: str,
    uses: Sequence[Use],
    suggestion: str | None,
    files: Mapping[EntityKind, str],
    vocabulary: Vocabulary,
) -> Problem:
    """The one problem for an unknown id, located at its first use; `uses` sorted."""
    kind, disagree = inferred_kind(uses)
    first = uses[0]
    if disagree:
        fields = {k: [use.path for use in uses if use.kinds == (k,)] for k in ENTITY_KINDS}
        roles = [f"{A_KIND[k]} ({', '.join(paths)})" for k, paths in fields.items() if paths]
        message = f"unknown id `{entity_id}`, used as {' and as '.join(roles)}: one id names one entity"
    else:
        hint = f"; did you mean `{suggestion}`?" if suggestion else ""
        message = f"unknown {kind or 'entity'} id `{entity_id}`{hint}"
    lines = [message + (f", used {len(uses)} times:" if len(uses) > 1 else "")]
    lines += _uses_by_file(uses) if len(uses) > 1 else []
    if not disagree:
        lines += _entry_to_add(entity_id, kind, suggestion is not None, files, vocabulary)
    return Problem(first.where, first.path, "\n".join(lines), uses=tuple((u.where, u.path) for u in uses))


def _uses_by_file(uses: Sequence[Use]) -> list[str]:
    by_file: dict[str, list[str]] = {}
    for use in uses:
        by_file.setdefault(use.where.file, []).append(f"{use.where.line}:{use.where.column} {use.path}")
    return [f"    {file}: {', '.join(places)}" for file, places in by_file.items()]


def _entry_to_add(
    entity_id: str,
    kind: EntityKind | None,
    typo: bool,
    files: Mapping[EntityKind, str],
    vocabulary: Vocabulary,
) -> list[str]:
    """Where a new entity goes, with an entry to paste when its kind is known and
    it is not a likely typo (a stub under every typo would bury the suggestion)."""
    if kind is None:
        where = _one_of([files[k] for k in ENTITY_KINDS])
        lead = "If it is new, it" if typo else "Unless `briefgen find` knows it by another id, it"
        return [f"  {lead} goes in {where}, by what it is."]
    if typo:
        return [f"  If it is a new {kind}, it goes in {files[kind]}."]
    return [
        f"  Unless `briefgen find` knows it by another id, {A_KIND[kind]} goes in {files[kind]}; "
        "paste this there and fill it in:",
        f"    {entity_id}:",
        f"      name: {placeholder('the name as the article spells it')}",
        f"      kind: {placeholder(_one_of(vocabulary.kinds_of(kind)))}",
        f"      description: {placeholder('what it is, in one line of your own words')}",
    ]


def _one_of(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
