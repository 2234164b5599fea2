"""Checks that span fields, files or the registry, on what was read of each file.

Within one brief: ids shared by figures, quotes, events and claims, figure
ranges, self-contradicting claims. Across files: entity and metric references,
entities used but not listed, figure units against data/units.yml and their
metric's family, and claim links to other briefs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefgen.convert import FileCheck, PendingRef, ReadMapping, items_of, join_path
from briefgen.model import ClaimRef, EntityKind, Location
from briefgen.problems import Problem
from briefgen.suggest import Suggester, did_you_mean
from briefgen.units import FAMILY_BASE, FAMILY_MAX, unit_key
from briefgen.yamlsafe import spelling_key

# How a unit family reads in a sentence ("unit `miles` is a distance").
FAMILY_NOUNS: dict[str, str] = {
    "count": "a count",
    "distance": "a distance",
    "percent": "a percentage",
    "ratio": "a ratio",
    "daily-rate": "a daily rate",
    "duration": "a duration",
    "mass-rate": "a mass rate",
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


@dataclass
class Loaded:
    problems: list[Problem]
    entities: dict[str, EntityInfo]
    metrics: dict[str, tuple[ReadMapping | None, Location]]
    units: dict[str, tuple[ReadMapping | None, Location]]
    briefs: dict[str, BriefInfo]
    brief_files: frozenset[str]
    topics: Mapping[str, tuple[ReadMapping | None, Location]] = field(default_factory=dict)


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
    """Answers "is this entity id known?" with a helpful suggestion when not."""

    def __init__(self, entities: Mapping[str, EntityInfo]) -> None:
        self.entities = entities
        # Candidate spellings → id: ids, and names and aliases slugified, so
        # that `zelenskyy` finds `volodymyr-zelensky` through its alias.
        self.spellings: dict[EntityKind | None, dict[str, str]] = {}
        self.suggesters: dict[EntityKind | None, Suggester] = {}
        for entity_id in sorted(entities):
            info = entities[entity_id]
            names = [info.obj.get("name", "")] + list(info.obj.get("aliases", [])) if info.obj else []
            for kind in (None, info.kind):
                table = self.spellings.setdefault(kind, {})
                table[entity_id] = entity_id
                for name in names:
                    if isinstance(name, str) and _slug(name):
                        table.setdefault(_slug(name), entity_id)

    def problem(self, ref: PendingRef) -> str | None:
        info = self.entities.get(ref.entity)
        wanted = ref.kinds[0] if len(ref.kinds) == 1 else None
        if info is None:
            table = self.spellings.get(wanted, {})
            guess = table.get(ref.entity)
            if guess is None:
                if wanted not in self.suggesters:
                    self.suggesters[wanted] = Suggester(table)
                close = self.suggesters[wanted].closest(ref.entity)
                guess = table[close[0]] if close else None
            hint = f"; did you mean `{guess}`?" if guess else ""
            return f"unknown {wanted or 'entity'} id `{ref.entity}`{hint}"
        if ref.kinds and info.kind not in ref.kinds:
            article = "an" if (wanted or "")[0:1] in "aeiou" else "a"
            return f"`{ref.entity}` is a {info.kind} ({info.file}), but {article} {wanted} is needed here"
        return None


def check_references(loaded: Loaded, checks: Sequence[FileCheck]) -> None:
    resolver = _Resolver(loaded.entities)
    for chk in checks:
        for ref in chk.refs:
            message = resolver.problem(ref)
            if message is not None:
                chk.add(ref.where, ref.path, message)
        for metric_id, where, path in chk.metric_refs:
            if metric_id not in loaded.metrics:
                chk.add(
                    where, path, f"unknown metric `{metric_id}`" + did_you_mean(metric_id, loaded.metrics)
                )
        for topic_id, where, path in chk.topic_refs:
            if topic_id not in loaded.topics:
                chk.add(where, path, f"unknown topic `{topic_id}`: declare it in data/topics.yml"
                        + did_you_mean(topic_id, loaded.topics))


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
            brief.chk.add(
                ref.where, ref.path, f"`{ref.entity}` is referred to but not listed under `entities`"
            )


def check_figure_units(brief: BriefInfo, loaded: Loaded) -> None:
    """Each figure's unit is listed in data/units.yml, in its metric's family."""
    if brief.obj is None:
        return
    for figure in items_of(brief.obj, "figures"):
        unit_text, metric_id = figure.values.get("unit"), figure.values.get("metric")
        if unit_text is None:
            continue
        where, path, key = figure.at["unit"], join_path(figure.path, "unit"), unit_key(unit_text)
        if key not in loaded.units:
            close = Suggester(loaded.units, cutoff=50).closest(key, limit=4)
            hint = "; close: " + ", ".join(f"`{u}`" for u in close) if close else ""
            brief.chk.add(where, path, f"unknown unit `{unit_text[:40]}`{hint}")
            continue
        unit = loaded.units[key][0]
        unit_family = unit.values.get("family") if unit is not None else None
        metric = loaded.metrics.get(metric_id or "", (None, None))[0]
        family = metric.values.get("family") if metric is not None else None
        if unit is not None and unit_family is not None:
            _check_magnitude(figure, unit_text, unit_family, unit.values.get("factor"), brief.chk)
        if unit_family is None or family is None or unit_family == family:
            continue
        brief.chk.add(
            where,
            path,
            f"unit `{unit_text}` is {FAMILY_NOUNS.get(unit_family, unit_family)}, but metric "
            f"`{metric_id}` is {FAMILY_NOUNS.get(family, family)} (family {family})",
        )


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
                          "it declares " + ", ".join(f"`{r}`" for r in declared))


def _check_magnitude(
    figure: ReadMapping, unit_text: str, family: str, factor: float | None, chk: FileCheck
) -> None:
    """Each number, converted to its family's base unit, stays within FAMILY_MAX."""
    if factor is None:
        return
    limit = FAMILY_MAX[family]
    base = FAMILY_BASE[family]
    for key in ("value", "low", "high"):
        number = figure.values.get(key)
        if number is None:
            continue
        converted = number * factor
        if math.isfinite(converted) and converted <= limit:
            continue
        unit = f" {base}" if base else ""
        in_base = f" ({_amount(converted)}{unit})" if factor != 1 else ""
        chk.add(
            figure.at[key],
            join_path(figure.path, key),
            f"{_amount(number)} {unit_text}{in_base} is more than {FAMILY_NOUNS[family]} can be: "
            f"the limit is {_amount(limit)}{unit}",
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
