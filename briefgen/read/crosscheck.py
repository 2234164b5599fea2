"""Checks that span fields, files or the registry, on what was read of each file.

Within one brief: ids shared by figures, quotes, events and claims, figure
ranges, self-contradicting claims. Across files: entity and metric references
(one problem per unknown entity id, written by `unknown_ids`), entities used
but not listed, figure units against data/units.yml and their metric's
family, and claim links to other briefs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from briefgen.model import DEFAULT_VOCABULARY, ClaimRef, EntityKind, Location, Vocabulary
from briefgen.problems import WHOLE_FILE, Problem
from briefgen.read.convert import FileCheck, PendingRef, ReadMapping, items_of, join_path
from briefgen.read.suggest import UNIT_WORDS, NearMisses, did_you_mean
from briefgen.read.unknown_ids import Use, inferred_kind, unknown_id_problem
from briefgen.read.yamlsafe import spelling_key
from briefgen.units import DEFAULT_FAMILIES, Family, family_named, unit_key

# The registry: one file per kind of entity, in the data directory.
REGISTRY_FILES: dict[EntityKind, str] = {
    "person": "people.yml",
    "place": "places.yml",
    "organisation": "organisations.yml",
}

# Every entity a brief refers to (its outlet and authors too) must be listed
# under `entities`, which feeds the entity pages; the listing itself is exempt.
_NOT_MENTIONS = re.compile(r"entities\[\d+\]\.id")


# --- What was read of each file ----------------------------------------------


@dataclass
class EntityInfo:
    """What is known of a registry id before the model is built."""

    kind: EntityKind
    file: str
    where: Location
    obj: ReadMapping | None


@dataclass
class BriefInfo:
    id: str
    file: str
    chk: FileCheck
    obj: ReadMapping | None
    claim_ids: set[str]


@dataclass(frozen=True)
class RegistryFiles:
    """The registry's files as messages name them, and the kinds whose file could not be read."""

    files: Mapping[EntityKind, str] = field(
        default_factory=lambda: {kind: f"data/{name}" for kind, name in REGISTRY_FILES.items()}
    )
    # References that may be to these kinds are not checked: the file's own
    # problem says what to do, where a hundred unknown ids would hide it.
    unread: frozenset[EntityKind] = frozenset()


def missing_registry(kind: EntityKind, file: str) -> Problem:
    """The one problem for a registry file that is not there, which other checks defer to."""
    article = "an" if kind[0] in "aeiou" else "a"
    return Problem(
        Location(file, 1, 1),
        WHOLE_FILE,
        f"file is missing: every {kind} a brief names is registered here. Create it, a "
        f"mapping of {kind} ids to entries (`{{}}` while there are none; see \"The registry\" in "
        f"docs/writing-a-brief.md); until then, ids that may name {article} {kind} are not checked",
        root_cause=True,
    )


@dataclass
class Loaded:
    problems: list[Problem]
    entities: dict[str, EntityInfo]
    metrics: dict[str, tuple[ReadMapping | None, Location]]
    units: dict[str, tuple[ReadMapping | None, Location]]
    briefs: dict[str, BriefInfo]
    brief_files: frozenset[str]
    topics: Mapping[str, tuple[ReadMapping | None, Location]] = field(default_factory=dict)
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    registry: RegistryFiles = field(default_factory=RegistryFiles)
    # The defaults with data/units.yml's over them.
    families: Mapping[str, Family] = field(default_factory=lambda: DEFAULT_FAMILIES)

    def family(self, name: str | None) -> Family:
        """The family called `name`; an unnamed, plain one when it is not known."""
        return family_named(name, self.families)


# --- Checks that span fields, files or the registry ---------------------------


def check_brief(obj: ReadMapping, chk: FileCheck) -> None:
    """Rules within one brief that no single field can check."""
    seen: dict[str, str] = {}
    for key in ("figures", "quotes", "events", "claims"):
        for item in items_of(obj, key):
            item_id = item.values.get("id")
            if item_id is None:
                continue
            if item_id in seen:
                chk.add(
                    item.at["id"],
                    join_path(item.path, "id"),
                    f"id `{item_id}` is already used by {seen[item_id]}; "
                    "figures, quotes, events and claims share one set of ids",
                )
            else:
                seen[item_id] = f"`{item.path}` (line {item.at['id'].line})"
    listed: dict[str, str] = {}
    for mention in items_of(obj, "entities"):
        entity_id = mention.values.get("id")
        if entity_id in listed:
            chk.add(
                mention.at["id"],
                join_path(mention.path, "id"),
                f"`{entity_id}` is already listed at {listed[entity_id]}",
            )
        elif entity_id is not None:
            listed[entity_id] = f"`{mention.path}` (line {mention.at['id'].line})"
    for figure in items_of(obj, "figures"):
        _check_figure_numbers(figure, chk)
    for claim in items_of(obj, "claims"):
        itself = ClaimRef(chk.brief_id, claim.get("id", ""))
        links_at = claim.items_at.get("contradicts", ())
        for index, link in enumerate(claim.get("contradicts", [])):
            if link == itself:
                chk.add(
                    links_at[index] if index < len(links_at) else claim.at["contradicts"],
                    join_path(claim.path, f"contradicts[{index}]"),
                    "a claim cannot contradict itself",
                )


def _check_figure_numbers(figure: ReadMapping, chk: FileCheck) -> None:
    present = {key for key in ("value", "low", "high") if key in figure.at}
    where = figure.at
    if "value" in present and present & {"low", "high"}:
        chk.add(
            where["value"],
            join_path(figure.path, "value"),
            "give either `value` or `low` and `high`, not both",
        )
    elif not present:
        chk.add(
            figure.where, join_path(figure.path, "value"), "missing `value` (or `low` and `high` for a range)"
        )
    elif "value" not in present and len(present) == 1:
        (only,) = present
        other = "high" if only == "low" else "low"
        chk.add(where[only], join_path(figure.path, only), f"`{only}` needs `{other}` as well")
    low, high = figure.values.get("low"), figure.values.get("high")
    if low is not None and high is not None and low > high:
        chk.add(
            where["low"], join_path(figure.path, "low"), f"`low` ({low:g}) is greater than `high` ({high:g})"
        )


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class _Resolver:
    """Answers "is this entity id known?", and "which known id was meant?" only for a typo."""

    def __init__(self, entities: Mapping[str, EntityInfo]) -> None:
        self.entities = entities
        self._spellings: dict[EntityKind | None, dict[str, str]] | None = None
        self.near_misses: dict[EntityKind | None, NearMisses] = {}

    @property
    def spellings(self) -> dict[EntityKind | None, dict[str, str]]:
        """Candidate spellings → id: ids, and names and aliases slugified, so
        that `zelenskyy` finds `volodymyr-zelensky` through its alias. Made on
        the first unknown id: a clean corpus never needs them."""
        if self._spellings is None:
            self._spellings = {}
            for entity_id in sorted(self.entities):
                info = self.entities[entity_id]
                names = [info.obj.get("name", "")] + list(info.obj.get("aliases", [])) if info.obj else []
                for kind in (None, info.kind):
                    table = self._spellings.setdefault(kind, {})
                    table[entity_id] = entity_id
                    for name in names:
                        if isinstance(name, str) and _slug(name):
                            table.setdefault(_slug(name), entity_id)
        return self._spellings

    def wrong_kind(self, ref: PendingRef) -> str | None:
        """Why a known id does not fit where it is used, or None when it does."""
        info = self.entities[ref.entity]
        if not ref.kinds or info.kind in ref.kinds:
            return None
        wanted = ref.kinds[0]
        article = "an" if wanted[0] in "aeiou" else "a"
        return f"`{ref.entity}` is a {info.kind} ({info.file}), but {article} {wanted} is needed here"

    def meant(self, entity_id: str, kind: EntityKind | None) -> str | None:
        """The known id of that kind (any, for None) that `entity_id` is a typo or a spelling of."""
        table = self.spellings.get(kind, {})
        guess = table.get(entity_id)
        if guess is None:
            if kind not in self.near_misses:
                self.near_misses[kind] = NearMisses(table)
            close = self.near_misses[kind].of(entity_id)
            guess = table[close[0]] if close else None
        return guess


def check_references(loaded: Loaded, checks: Sequence[FileCheck]) -> None:
    """Entity, metric and topic references resolve; each unknown entity id is reported once."""
    resolver = _Resolver(loaded.entities)
    unread = loaded.registry.unread
    unknown: dict[str, list[tuple[Use, FileCheck]]] = {}
    for chk in checks:
        for ref in chk.refs:
            if ref.entity in loaded.entities:
                message = resolver.wrong_kind(ref)
                if message is not None:
                    chk.add(chk.place(ref), ref.path, message)
            else:
                unknown.setdefault(ref.entity, []).append((Use(chk.place(ref), ref.path, ref.kinds), chk))
        for metric_id, where, path in chk.metric_refs:
            if metric_id not in loaded.metrics:
                chk.add(where, path, f"unknown metric `{metric_id}`" + did_you_mean(metric_id, loaded.metrics)
                        + "; metrics are declared in data/metrics.yml, which has " + _listed(loaded.metrics))
        for name in chk.names:
            chk.add(name.where, name.path, _name_for_id(name.text, name.kinds, resolver))
        for topic_id, where, path in chk.topic_refs:
            if topic_id not in loaded.topics:
                chk.add(where, path, f"unknown topic `{topic_id}`: declare it in data/topics.yml"
                        + did_you_mean(topic_id, loaded.topics))
    roles = _roles_of(loaded, set(unknown)) if unknown else {}
    for entity_id, found in sorted(unknown.items()):
        found.sort(key=lambda use_in: use_in[0].where)
        uses = [use for use, _chk in found]
        kind, disagree = inferred_kind(uses)
        if not disagree and not unread.isdisjoint([kind] if kind else unread):
            continue  # it may be in a registry file that could not be read, which is reported
        meant = None if disagree else resolver.meant(entity_id, kind)
        problem = unknown_id_problem(entity_id, uses, meant, loaded.registry.files, loaded.vocabulary,
                                     roles.get(entity_id, ()))
        found[0][1].problems.append(problem)


def _listed(names: Iterable[str], limit: int = 15) -> str:
    """"`a`, `b` and 3 more": what a file declares, for a message."""
    ordered = sorted(names)
    if not ordered:
        return "none yet"
    shown = ", ".join(f"`{n}`" for n in ordered[:limit])
    return shown + (f" and {len(ordered) - limit} more" if len(ordered) > limit else "")


def _name_for_id(text: str, kinds: Sequence[EntityKind], resolver: _Resolver) -> str:
    """What to write instead of a name where an id belongs: the id the registry knows it by."""
    shown = text[:60]
    tables = [resolver.spellings.get(kind, {}) for kind in kinds] or [resolver.spellings.get(None, {})]
    known = next((table[_slug(text)] for table in tables if _slug(text) in table), None)
    if known is not None:
        return f"`{shown}` is a name; an id belongs here: write `{known}`"
    new_id = _slug(text)[:64].strip("-")
    return (f"`{shown}` is a name; an id belongs here (lowercase letters, digits and hyphens). "
            f"`briefgen find {shown}` looks it up; if it is new, `briefgen add` gives it an id"
            + (f" such as `{new_id}`" if new_id else ""))


def _roles_of(loaded: Loaded, ids: set[str]) -> dict[str, tuple[str, ...]]:
    """The roles the briefs give these ids under `entities`: what tells a new entity's kind."""
    roles: dict[str, list[str]] = {}
    for brief_id in sorted(loaded.briefs):
        obj = loaded.briefs[brief_id].obj
        for mention in items_of(obj, "entities") if obj is not None else ():
            entity_id, role = mention.values.get("id"), mention.values.get("role")
            if entity_id in ids and isinstance(role, str):
                roles.setdefault(entity_id, []).append(role)
    return {entity_id: tuple(found) for entity_id, found in roles.items()}


def check_mentions(brief: BriefInfo, loaded: Loaded) -> None:
    """Every entity a brief refers to must be listed under `entities`."""
    if brief.obj is None:
        return
    listed = {m.values.get("id") for m in items_of(brief.obj, "entities")}
    for ref in brief.chk.refs:
        if (
            ref.entity in loaded.entities
            and ref.entity not in listed
            and not _NOT_MENTIONS.fullmatch(ref.path)
        ):
            message = f"`{ref.entity}` is referred to but not listed under `entities`"
            brief.chk.add(brief.chk.place(ref), ref.path, message)


def check_figure_units(brief: BriefInfo, loaded: Loaded) -> None:
    """Each figure's unit is listed in data/units.yml, in its metric's family."""
    if brief.obj is None:
        return
    for figure in items_of(brief.obj, "figures"):
        unit_text, metric_id = figure.values.get("unit"), figure.values.get("metric")
        if unit_text is None:
            continue
        where, path, key = figure.at["unit"], join_path(figure.path, "unit"), unit_key(unit_text)
        metric = loaded.metrics.get(metric_id or "", (None, None))[0]
        family = metric.values.get("family") if metric is not None else None
        if key not in loaded.units:
            brief.chk.add(where, path, _unknown_unit(unit_text, key, metric_id, family, loaded))
            continue
        unit = loaded.units[key][0]
        unit_family = unit.values.get("family") if unit is not None else None
        if unit is not None and unit_family is not None:
            ceiling = metric.values.get("max") if metric is not None else None
            factor = unit.values.get("factor")
            _check_magnitude(figure, unit_text, loaded.family(unit_family), factor, brief.chk, ceiling)
        if unit_family is None or family is None or unit_family == family:
            continue
        if unit_family not in loaded.families or family not in loaded.families:
            continue  # the unknown family is reported where it is declared
        brief.chk.add(
            where,
            path,
            f"unit `{unit_text}` is {loaded.family(unit_family).noun or unit_family}, but metric "
            f"`{metric_id}` is {loaded.family(family).noun or family} (family {family})",
        )


def _unknown_unit(written: str, key: str, metric_id: str | None, family: str | None, loaded: Loaded) -> str:
    """What to do about a unit data/units.yml lacks: a typo of a unit of the metric's
    family, when there is one, and the line that would add it."""
    same_family = [
        name for name, (unit, _where) in loaded.units.items()
        if family is None or (unit is not None and unit.values.get("family") == family)
    ]
    close = NearMisses(same_family, shortest=UNIT_WORDS).of(key, limit=4)
    lead, add = f"unknown unit `{written[:40]}`", "; add it"
    if close:
        lead, add = lead + "; close: " + ", ".join(f"`{u}`" for u in close), "; or add it"
    if family is None:
        return f"{lead}{add} to data/units.yml with its family and factor"
    lead += f"; the units of family {family} are " + _listed(same_family, 12)
    base = f"`{loaded.family(family).base}`" if loaded.family(family).base else "a plain number"
    return (f"{lead}{add} to data/units.yml as `{key[:40]}: {{family: {family}, factor: …}}` "
            f"(metric `{metric_id}` is {loaded.family(family).noun or family}; "
            f"the factor converts the unit to {base})")


def check_figure_references(brief: BriefInfo, loaded: Loaded) -> None:
    """Each figure's `reference` is one its metric declares under `references`."""
    if brief.obj is None:
        return
    for figure in items_of(brief.obj, "figures"):
        reference, metric_id = figure.values.get("reference"), figure.values.get("metric")
        metric = loaded.metrics.get(metric_id or "", (None, None))[0]
        if reference is None or metric is None:
            continue  # no reference, or an unknown metric (reported on its own)
        declared = sorted(str(r.values["id"]) for r in items_of(metric, "references")
                          if r.values.get("id") is not None)
        if reference in declared:
            continue
        where, path = figure.at["reference"], join_path(figure.path, "reference")
        if not declared:
            brief.chk.add(where, path, f"metric `{metric_id}` declares no references; "
                          "remove `reference` or add it to the metric's `references` in metrics.yml")
        else:
            brief.chk.add(where, path, f"unknown reference `{reference}` for metric `{metric_id}`; "
                          "it declares " + ", ".join(f"`{r}`" for r in declared)
                          + " (its `references` in data/metrics.yml)")


def _check_magnitude(
    figure: ReadMapping, unit_text: str, family: Family, factor: float | None, chk: FileCheck,
    ceiling: float | None = None,
) -> None:
    """Each number, converted to its family's base unit, stays within its metric's
    `max`, else its family's (data/units.yml); a family without one has no ceiling."""
    if factor is None:
        return
    limit = ceiling if ceiling is not None else family.maximum
    base = family.base
    for key in ("value", "low", "high"):
        number = figure.values.get(key)
        if number is None:
            continue
        converted = number * factor
        if math.isfinite(converted) and (limit is None or converted <= limit):
            continue
        if limit is None:
            limit = math.inf
        unit = f" {base}" if base else ""
        in_base = f" ({_amount(converted)}{unit})" if factor != 1 else ""
        chk.add(
            figure.at[key],
            join_path(figure.path, key),
            f"{_amount(number)} {unit_text}{in_base} is more than {family.noun or family.name} "
            f"can be: the limit is {_amount(limit)}{unit}"
            + (" (the metric's `max`)" if ceiling is not None else ""),
        )


def _amount(number: float) -> str:
    # Whole numbers in full below 10^21; beyond that, or with a fraction, six digits say enough.
    return f"{number:,.0f}" if float(number).is_integer() and abs(number) < 1e21 else f"{number:,.6g}"


def check_claim_links(brief: BriefInfo, loaded: Loaded) -> None:
    for link in brief.chk.claim_links:
        target = loaded.briefs.get(link.target.brief)
        if target is None:
            brief.chk.add(
                link.where,
                link.path,
                f"unknown brief `{link.target.brief}`" + did_you_mean(link.target.brief, loaded.briefs),
            )
        elif target.obj is None:
            continue  # that file could not be read; its own problems say why
        elif link.target.claim not in target.claim_ids:
            brief.chk.add(
                link.where,
                link.path,
                f"brief `{target.id}` has no claim `{link.target.claim}`"
                + did_you_mean(link.target.claim, target.claim_ids),
            )


def check_spellings(loaded: Loaded) -> None:
    """No two entities share a name or alias: every spelling must lead to one page.

    Spellings that differ only by case, accents, invisible characters or spaces
    are the same spelling. The entry later in file order is blamed, at the line
    of the name or alias that repeats the earlier one.
    """
    owner: dict[str, tuple[str, str, Location]] = {}
    in_file_order = sorted(loaded.entities, key=lambda entity_id: loaded.entities[entity_id].where)
    for entity_id in in_file_order:
        info = loaded.entities[entity_id]
        if info.obj is None:
            continue
        spellings: list[tuple[str, str, Location]] = []
        if info.obj.values.get("name") is not None:
            spellings.append(("name", info.obj.values["name"], info.obj.at["name"]))
        aliases = info.obj.values.get("aliases") or []
        alias_lines = info.obj.items_at.get("aliases", ())
        for index, (alias, where) in enumerate(zip(aliases, alias_lines, strict=False)):
            if alias is not None:
                spellings.append((f"aliases[{index}]", alias, where))
        for key, spelling, where in spellings:
            first = owner.setdefault(spelling_key(spelling), (entity_id, spelling, where))
            other, other_spelling, other_where = first
            if other == entity_id:
                continue
            same = "" if other_spelling == spelling else f" (as `{other_spelling}`)"
            loaded.problems.append(
                Problem(
                    where,
                    f"{entity_id}.{key}",
                    f"`{spelling}` already names `{other}`{same} at {other_where}; "
                    "a spelling must lead to one page",
                )
            )
