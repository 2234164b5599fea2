"""YAML nodes → checked values by their `Field`, one file at a time.

Each file gets a `FileCheck` that collects its problems and the references
(entities, metrics, claims) it uses, left for `crosscheck` to resolve once
every file is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from briefgen.fields import Field
from briefgen.model import ClaimRef, EntityKind, Location, PartialDate, Publication
from briefgen.suggest import did_you_mean
from briefgen.syntax import ENTITY_LINK, ID_PATTERN, entity_ids_in
from briefgen.yamlsafe import (
    WHOLE_FILE,
    BadValue,
    Problem,
    YList,
    YMap,
    YNode,
    YRefused,
    YScalar,
    check_text,
    check_url,
    describe,
    parse_date,
    parse_flag,
    parse_number,
)

WIKIDATA_PATTERN = re.compile(r"Q[1-9][0-9]*")
# Anything written like a link, to catch `[[Kofman]]` that ENTITY_LINK skips.
_LINK_LIKE = re.compile(r"\[\[([^\[\]\n]*)\]\]")

_WANTED: dict[str, str] = {
    "text": "text",
    "markdown": "text",
    "id": "an id",
    "entity": "an entity id",
    "metric": "a metric id",
    "unit": "a unit",
    "date": "a date",
    "number": "a number",
    "flag": "true or false",
    "url": "a URL",
    "choice": "one of the allowed words",
    "wikidata": "a Wikidata id such as Q160452",
    "claim-ref": "a claim id",
    "published": "a date, `unknown` or a mapping",
    "list": "a list",
    "object": "a mapping",
}


# --- One file's check: problems and the references left to resolve ----------


@dataclass(frozen=True)
class PendingRef:
    """An entity id used somewhere, resolved once every registry file is read."""

    entity: str
    kinds: tuple[EntityKind, ...]
    where: Location
    path: str


@dataclass(frozen=True)
class ClaimLink:
    target: ClaimRef
    where: Location
    path: str


@dataclass
class ReadMapping:
    """A mapping's converted values (None where invalid), with locations."""

    values: dict[str, Any]
    where: Location
    at: dict[str, Location]
    path: str

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value


@dataclass
class FileCheck:
    file: str
    problems: list[Problem] = field(default_factory=list)
    refs: list[PendingRef] = field(default_factory=list)
    metric_refs: list[tuple[str, Location, str]] = field(default_factory=list)
    claim_links: list[ClaimLink] = field(default_factory=list)
    brief_id: str = ""

    def add(self, where: Location, path: str, message: str) -> None:
        self.problems.append(Problem(where, path or WHOLE_FILE, message))


def items_of(obj: ReadMapping, key: str) -> list[ReadMapping]:
    return [item for item in obj.get(key, []) if item is not None]


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def check_id(text: str, what: str) -> str:
    if not ID_PATTERN.fullmatch(text):
        raise BadValue(
            f"`{text[:70]}` is not a valid {what}: lowercase letters, digits and hyphens, "
            "starting with a letter or digit, at most 64 characters"
        )
    return text


# --- Converting nodes by their field spec ------------------------------------


def _convert(node: YNode, spec: Field, path: str, chk: FileCheck) -> Any:
    """The value of one node per its spec, or None after reporting why not."""
    if isinstance(node, YRefused):
        return None  # an alias, reported already
    if spec.type == "object":
        assert spec.fields is not None
        return convert_object(node, spec.fields, path, chk)
    if spec.type == "list":
        return _convert_list(node, spec, path, chk)
    if spec.type == "published":
        return _convert_published(node, spec, path, chk)
    if not isinstance(node, YScalar) or node.is_null:
        chk.add(node.where, path, f"expected {_WANTED[spec.type]}, got {describe(node)}")
        return None
    try:
        return _SCALARS[spec.type](node, spec, path, chk)
    except BadValue as err:
        chk.add(node.where, path, str(err))
        return None


def convert_object(node: YNode, fields: Mapping[str, Field], path: str, chk: FileCheck) -> ReadMapping | None:
    if not isinstance(node, YMap):
        chk.add(node.where, path, f"expected a mapping, got {describe(node)}")
        return None
    obj = ReadMapping({}, node.where, {}, path)
    for key, value in node.items:
        key_path = join_path(path, key.text)
        spec = fields.get(key.text)
        if spec is None:
            chk.add(key.where, key_path, f"unknown key `{key.text}`" + did_you_mean(key.text, fields))
            continue
        obj.at[key.text] = value.where
        if isinstance(value, YScalar) and value.is_null:
            if spec.required and not spec.nullable:
                chk.add(value.where, key_path, f"`{key.text}` needs a value")
            obj.values[key.text] = None
            continue
        obj.values[key.text] = _convert(value, spec, key_path, chk)
    for name, spec in fields.items():
        if spec.required and name not in obj.at:
            chk.add(node.where, join_path(path, name), f"missing required key `{name}`")
    return obj


def _convert_list(node: YNode, spec: Field, path: str, chk: FileCheck) -> list[Any] | None:
    assert spec.item is not None
    if not isinstance(node, YList):
        chk.add(node.where, path, f"expected a list, got {describe(node)}")
        return None
    return [_convert(item, spec.item, f"{path}[{i}]", chk) for i, item in enumerate(node.items)]


def _convert_published(node: YNode, spec: Field, path: str, chk: FileCheck) -> Publication | None:
    if isinstance(node, YMap):
        assert spec.fields is not None
        obj = convert_object(node, spec.fields, path, chk)
        if obj is None or obj.values.get("date") is None:
            return None
        approximate = bool(obj.get("approximate", False))
        basis = obj.get("basis", "")
        if approximate and not basis:
            where = obj.at.get("basis", obj.where)
            chk.add(
                where, join_path(path, "basis"), "an approximate date needs a `basis`: why you believe it"
            )
            return None
        return Publication(obj.values["date"], approximate, basis)
    if isinstance(node, YScalar) and not node.is_null and node.text == "unknown":
        return Publication(None)
    if isinstance(node, YScalar) and not node.is_null:
        try:
            return Publication(_date(node, spec, path, chk))
        except BadValue as err:
            chk.add(node.where, path, f"{err}, or `unknown`")
            return None
    chk.add(node.where, path, f"expected {_WANTED['published']}, got {describe(node)}")
    return None


def _text(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    text = check_text(node.text)
    if not text.strip():
        raise BadValue("must not be empty")
    if spec.max_words is not None and len(text.split()) > spec.max_words:
        raise BadValue(f"{len(text.split())} words; a quote holds at most {spec.max_words}")
    return text


def _markdown(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    text = _text(node, spec, path, chk)
    for match in _LINK_LIKE.finditer(text):
        if not ENTITY_LINK.fullmatch(match.group(0)):
            chk.add(
                node.where,
                path,
                f"malformed link `{match.group(0)[:80]}`: write [[entity-id]] or [[entity-id|words]]",
            )
    for entity_id in entity_ids_in(text):
        chk.refs.append(PendingRef(entity_id, (), node.where, path))
    return text


def _id(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    return check_id(node.text, "id")


def _entity(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    entity_id = check_id(node.text, "entity id")
    chk.refs.append(PendingRef(entity_id, spec.kinds, node.where, path))
    return entity_id


def _metric(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    metric_id = check_id(node.text, "metric id")
    chk.metric_refs.append((metric_id, node.where, path))
    return metric_id


def _unit(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    # Whether data/units.yml knows it is for `crosscheck`, once that file is read.
    return check_text(node.text)


def _date(node: YScalar, spec: Field, path: str, chk: FileCheck) -> PartialDate:
    return PartialDate(*parse_date(node.text))


def _number(node: YScalar, spec: Field, path: str, chk: FileCheck) -> float:
    number = parse_number(node)
    if spec.bounds is not None and not spec.bounds[0] <= number <= spec.bounds[1]:
        raise BadValue(f"{node.text} is out of range ({spec.bounds[0]:g} to {spec.bounds[1]:g})")
    if spec.positive and number <= 0:
        raise BadValue(f"{node.text} is not a positive number; it must be greater than 0")
    return number


def _flag(node: YScalar, spec: Field, path: str, chk: FileCheck) -> bool:
    return parse_flag(node)


def _url(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    return check_url(node.text)


def _choice(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    if node.text not in spec.choices:
        options = ", ".join(spec.choices)
        raise BadValue(f"`{node.text[:40]}` is not one of {options}" + did_you_mean(node.text, spec.choices))
    return node.text


def _wikidata(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    if not WIKIDATA_PATTERN.fullmatch(node.text):
        raise BadValue(f"expected a Wikidata id such as Q160452, got {describe(node)}")
    return node.text


def _claim_ref(node: YScalar, spec: Field, path: str, chk: FileCheck) -> ClaimRef:
    brief, _, claim = node.text.rpartition("#")
    target = ClaimRef(check_id(brief, "brief id") if brief else chk.brief_id, check_id(claim, "claim id"))
    chk.claim_links.append(ClaimLink(target, node.where, path))
    return target


_SCALARS = {
    "text": _text,
    "markdown": _markdown,
    "id": _id,
    "entity": _entity,
    "metric": _metric,
    "unit": _unit,
    "date": _date,
    "number": _number,
    "flag": _flag,
    "url": _url,
    "choice": _choice,
    "wikidata": _wikidata,
    "claim-ref": _claim_ref,
}
