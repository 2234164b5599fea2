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

import re
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


# Words that give away what an id names, in the id itself or in the role its
# brief gives it ("Commander of the army group", "Kharkiv's regional
# administration"). The first kind whose words appear wins, organisations
# first: "the ministry's spokesman" is listed as the ministry's.
_TELLING_WORDS: tuple[tuple[EntityKind, frozenset[str]], ...] = (
    ("organisation", frozenset((
        "administration agency army association authority bank battalion brigade bureau centre center "
        "command committee company corps council court department directorate division fund foundation "
        "forces government group guard institute kremlin ministry news newspaper office organisation "
        "organization parliament party police post presidency regiment service staff survey times "
        "tribunal union university unit").split())),
    ("place", frozenset((
        "airport bay border bridge city coast county dam district island lake mine mountain mountains "
        "oblast plant port province raion region river road sea settlement square station street "
        "territory town village").split())),
    ("person", frozenset((
        "adviser advisor analyst chief colonel commander correspondent director economist expert general "
        "governor he her his journalist leader major mayor minister officer president professor "
        "researcher scientist secretary she soldier spokesman spokesperson spokeswoman").split())),
)
# Fields whose entity speaks or acts: never a place.
_ACTOR_FIELD = re.compile(r"(?:\.speaker|\.by|\.claimed_by|\.via|\.actors\[\d+\])$")


def guessed_kind(entity_id: str, uses: Sequence[Use], roles: Sequence[str]) -> tuple[EntityKind, str] | None:
    """The kind an id's words and uses suggest, and why; None when nothing tells.

    Only a guess, for the entry to paste: the fields that allow one kind
    (authors, outlet, event places) are `inferred_kind`'s, which is certain.
    """
    acts = any(_ACTOR_FIELD.search(use.path) for use in uses)
    id_words = entity_id.split("-")
    role_words = [w for role in roles for w in re.findall(r"[a-z]+", role.lower())]
    for words, source in ((id_words, "its id"), (role_words, "its role")):
        for kind, telling in _TELLING_WORDS:
            if kind == "place" and acts:
                continue
            found = next((w for w in words if w in telling), None)
            if found is not None:
                return kind, f"{source} says `{found}`"
    if acts and len(id_words) in (2, 3) and all(w.isalpha() for w in id_words):
        return "person", "it speaks or acts and its id reads like a first name and a surname"
    return None


def unknown_id_problem(
    entity_id: str,
    uses: Sequence[Use],
    suggestion: str | None,
    files: Mapping[EntityKind, str],
    vocabulary: Vocabulary,
    roles: Sequence[str] = (),
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
        guess = guessed_kind(entity_id, uses, roles) if kind is None and suggestion is None else None
        lines += _entry_to_add(entity_id, kind, suggestion is not None, files, vocabulary, guess)
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
    guess: tuple[EntityKind, str] | None = None,
) -> list[str]:
    """Where a new entity goes, with an entry to paste unless it is a likely typo
    (a stub under every typo would bury the suggestion). When no field tells its
    kind, the entry is for the kind its words suggest, or for any of the three files."""
    if typo:
        if kind is None:
            return [f"  If it is new, it goes in {_one_of([files[k] for k in ENTITY_KINDS])}, by what it is."]
        return [f"  If it is a new {kind}, it goes in {files[kind]}."]
    if kind is None and guess is not None:
        guessed, why = guess
        others = _one_of([files[k] for k in ENTITY_KINDS if k != guessed])
        return [
            f"  Unless `briefgen find` knows it by another id, it looks like {A_KIND[guessed]} ({why}): "
            f"paste this in {files[guessed]} and fill it in (or, if it is not one, in {others}, "
            "with a kind that file allows):",
            *_entry(entity_id, _one_of(vocabulary.kinds_of(guessed))),
        ]
    if kind is None:
        where = _one_of([files[k] for k in ENTITY_KINDS])
        return [
            f"  Unless `briefgen find` knows it by another id, it goes in {where}, by what it is; "
            "paste this there and fill it in:",
            *_entry(entity_id, "a kind that file allows (`briefgen check` lists them)"),
        ]
    return [
        f"  Unless `briefgen find` knows it by another id, {A_KIND[kind]} goes in {files[kind]}; "
        "paste this there and fill it in:",
        *_entry(entity_id, _one_of(vocabulary.kinds_of(kind))),
    ]


def _entry(entity_id: str, kinds: str) -> list[str]:
    return [
        f"    {entity_id}:",
        f"      name: {placeholder('the name as the article spells it')}",
        f"      kind: {placeholder(kinds)}",
        f"      description: {placeholder('what it is, in one line of your own words')}",
    ]


def _one_of(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
