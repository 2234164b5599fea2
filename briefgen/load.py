"""Files under data/ → a validated `Corpus`, with every problem located.

Every YAML file is treated as untrusted input from a pull request. The files
are read into located trees by `yamlsafe`, checked field by field against the
tables below (which `schema.json` mirrors), then cross-checked: references,
claim links and id clashes between files. All problems from all files are
collected in one pass; the model is only built when there are none.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.model import (
    ARTICLE_TYPES,
    QUALIFIERS,
    SIDES,
    Brief,
    Claim,
    ClaimRef,
    Corpus,
    Entity,
    EntityKind,
    Event,
    Figure,
    Location,
    Mention,
    Metric,
    PartialDate,
    Publication,
    Quote,
)
from briefgen.render import ENTITY_LINK, entity_ids_in
from briefgen.units import FAMILY_BASE, UNITS, unit_named
from briefgen.urls import RESERVED_IDS
from briefgen.yamlsafe import (
    MAX_FILE_BYTES,
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
    read_yaml,
)

__all__ = [
    "BRIEF_FIELDS",
    "ENTRY_FIELDS",
    "METRIC_FIELDS",
    "Field",
    "InvalidData",
    "Problem",
    "check_paths",
    "load_corpus",
]

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
WIKIDATA_PATTERN = re.compile(r"Q[1-9][0-9]*")
MAX_QUOTE_WORDS = 30
BRIEF_SUFFIXES = (".yaml", ".yml")
REGISTRY_FILES: dict[EntityKind, str] = {
    "person": "people.yml",
    "place": "places.yml",
    "organisation": "organisations.yml",
}
METRICS_FILE = "metrics.yml"

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


class InvalidData(Exception):
    """The data directory has problems; `.problems` lists them all, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


# --- Field tables: what each mapping may hold --------------------------------


@dataclass(frozen=True)
class Field:
    """How one YAML key is read.

    `type` is one of: text, markdown, id, entity, metric, unit, date, number,
    flag, url, choice, wikidata, claim-ref, published, list (of `item`) and
    object (with `fields`).
    """

    type: str
    required: bool = False
    nullable: bool = False  # required, but `null` is a meaningful answer
    choices: tuple[str, ...] = ()
    kinds: tuple[EntityKind, ...] = ()  # for entity references; () means any kind
    item: Field | None = None
    fields: Mapping[str, Field] | None = None
    bounds: tuple[float, float] | None = None
    max_words: int | None = None


def _obj(fields: Mapping[str, Field], *, required: bool = False) -> Field:
    return Field("object", required=required, fields=fields)


def _list(item: Field, *, required: bool = False) -> Field:
    return Field("list", required=required, item=item)


_ENTITY = Field("entity")
_PERSON = Field("entity", kinds=("person",))
_PLACE = Field("entity", kinds=("place",))
_ORGANISATION = Field("entity", kinds=("organisation",))

MENTION_FIELDS: dict[str, Field] = {
    "id": Field("entity", required=True),
    "role": Field("markdown", required=True),
}
FIGURE_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "metric": Field("metric", required=True),
    "subject": Field("entity", required=True),
    "value": Field("number"),
    "low": Field("number"),
    "high": Field("number"),
    "qualifier": Field("choice", choices=tuple(QUALIFIERS)),
    "unit": Field("unit", required=True),
    "as_of": Field("date"),
    "claimed_by": _ENTITY,
    "via": _ENTITY,
    "context": Field("markdown"),
}
QUOTE_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "speaker": Field("entity", required=True),
    "text": Field("text", required=True, max_words=MAX_QUOTE_WORDS),
    "context": Field("markdown"),
    "via": _ENTITY,
    "date": Field("date"),
}
EVENT_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "date": Field("date", required=True),
    "what": Field("markdown", required=True),
    "places": _list(_PLACE),
    "actors": _list(_ENTITY),
}
CLAIM_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "by": _ENTITY,
    "text": Field("text", required=True),
    "as_of": Field("date"),
    "via": _ENTITY,
    "contradicts": _list(Field("claim-ref")),
}
PUBLISHED_FIELDS: dict[str, Field] = {
    "date": Field("date", required=True),
    "approximate": Field("flag"),
    "basis": Field("text"),
}
BRIEF_FIELDS: dict[str, Field] = {
    "title": Field("text", required=True),
    "outlet": Field("entity", required=True, nullable=True, kinds=("organisation",)),
    "authors": _list(_PERSON, required=True),
    "published": Field("published", required=True, fields=PUBLISHED_FIELDS),
    "url": Field("url"),
    "type": Field("choice", required=True, choices=tuple(ARTICLE_TYPES)),
    "topics": _list(Field("id")),
    "summary": Field("markdown", required=True),
    "key_points": _list(Field("markdown")),
    "entities": _list(_obj(MENTION_FIELDS)),
    "figures": _list(_obj(FIGURE_FIELDS)),
    "quotes": _list(_obj(QUOTE_FIELDS)),
    "events": _list(_obj(EVENT_FIELDS)),
    "claims": _list(_obj(CLAIM_FIELDS)),
    "sources": _list(_ORGANISATION),
    "credibility": Field("markdown", required=True),
}

_ENTRY_COMMON: dict[str, Field] = {
    "name": Field("text", required=True),
    "kind": Field("id", required=True),  # fills Entity.category
    "aliases": _list(Field("text")),
    "description": Field("text", required=True),
    "wikidata": Field("wikidata"),
}
_ACTOR_EXTRA: dict[str, Field] = {
    "side": Field("choice", choices=tuple(SIDES)),
    "affiliation": _ORGANISATION,
}
ENTRY_FIELDS: dict[EntityKind, dict[str, Field]] = {
    "person": {**_ENTRY_COMMON, **_ACTOR_EXTRA},
    "organisation": {**_ENTRY_COMMON, **_ACTOR_EXTRA},
    "place": {
        **_ENTRY_COMMON,
        "latitude": Field("number", bounds=(-90.0, 90.0)),
        "longitude": Field("number", bounds=(-180.0, 180.0)),
        "region": _PLACE,
    },
}
METRIC_FIELDS: dict[str, Field] = {
    "label": Field("text", required=True),
    "family": Field("choice", required=True, choices=tuple(FAMILY_BASE)),
    "description": Field("text", required=True),
}

# Every entity a brief refers to (its outlet and authors too) must be listed
# under `entities`, which feeds the entity pages; the listing itself is exempt.
_NOT_MENTIONS = re.compile(r"entities\[\d+\]\.id")
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
class _Ref:
    """An entity id used somewhere, resolved once every registry file is read."""

    entity: str
    kinds: tuple[EntityKind, ...]
    where: Location
    path: str


@dataclass(frozen=True)
class _ClaimLink:
    target: ClaimRef
    where: Location
    path: str


@dataclass
class _Obj:
    """A mapping's converted values (None where invalid), with locations."""

    values: dict[str, Any]
    where: Location
    at: dict[str, Location]
    path: str

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value


@dataclass
class _FileCheck:
    file: str
    problems: list[Problem] = field(default_factory=list)
    refs: list[_Ref] = field(default_factory=list)
    metric_refs: list[tuple[str, Location, str]] = field(default_factory=list)
    claim_links: list[_ClaimLink] = field(default_factory=list)
    brief_id: str = ""

    def add(self, where: Location, path: str, message: str) -> None:
        self.problems.append(Problem(where, path or WHOLE_FILE, message))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(set(options)), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _check_id(text: str, what: str) -> str:
    if not ID_PATTERN.fullmatch(text):
        raise BadValue(
            f"`{text[:70]}` is not a valid {what}: lowercase letters, digits and hyphens, "
            "starting with a letter or digit, at most 64 characters"
        )
    return text


# --- Converting nodes by their field spec ------------------------------------


def _convert(node: YNode, spec: Field, path: str, chk: _FileCheck) -> Any:
    """The value of one node per its spec, or None after reporting why not."""
    if isinstance(node, YRefused):
        return None  # an alias, reported already
    if spec.type == "object":
        assert spec.fields is not None
        return _convert_object(node, spec.fields, path, chk)
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


def _convert_object(node: YNode, fields: Mapping[str, Field], path: str, chk: _FileCheck) -> _Obj | None:
    if not isinstance(node, YMap):
        chk.add(node.where, path, f"expected a mapping, got {describe(node)}")
        return None
    obj = _Obj({}, node.where, {}, path)
    for key, value in node.items:
        key_path = _join(path, key.text)
        spec = fields.get(key.text)
        if spec is None:
            chk.add(key.where, key_path, f"unknown key `{key.text}`" + _did_you_mean(key.text, fields))
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
            chk.add(node.where, _join(path, name), f"missing required key `{name}`")
    return obj


def _convert_list(node: YNode, spec: Field, path: str, chk: _FileCheck) -> list[Any] | None:
    assert spec.item is not None
    if not isinstance(node, YList):
        chk.add(node.where, path, f"expected a list, got {describe(node)}")
        return None
    return [_convert(item, spec.item, f"{path}[{i}]", chk) for i, item in enumerate(node.items)]


def _convert_published(node: YNode, spec: Field, path: str, chk: _FileCheck) -> Publication | None:
    if isinstance(node, YMap):
        assert spec.fields is not None
        obj = _convert_object(node, spec.fields, path, chk)
        if obj is None or obj.values.get("date") is None:
            return None
        approximate = bool(obj.get("approximate", False))
        basis = obj.get("basis", "")
        if approximate and not basis:
            where = obj.at.get("basis", obj.where)
            chk.add(where, _join(path, "basis"), "an approximate date needs a `basis`: why you believe it")
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


def _text(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    text = check_text(node.text)
    if not text.strip():
        raise BadValue("must not be empty")
    if spec.max_words is not None and len(text.split()) > spec.max_words:
        raise BadValue(f"{len(text.split())} words; a quote holds at most {spec.max_words}")
    return text


def _markdown(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    text = _text(node, spec, path, chk)
    for match in _LINK_LIKE.finditer(text):
        if not ENTITY_LINK.fullmatch(match.group(0)):
            chk.add(
                node.where,
                path,
                f"malformed link `{match.group(0)[:80]}`: write [[entity-id]] or [[entity-id|words]]",
            )
    for entity_id in entity_ids_in(text):
        chk.refs.append(_Ref(entity_id, (), node.where, path))
    return text


def _id(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    return _check_id(node.text, "id")


def _entity(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    entity_id = _check_id(node.text, "entity id")
    chk.refs.append(_Ref(entity_id, spec.kinds, node.where, path))
    return entity_id


def _metric(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    metric_id = _check_id(node.text, "metric id")
    chk.metric_refs.append((metric_id, node.where, path))
    return metric_id


def _unit(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    text = check_text(node.text)
    if unit_named(text) is None:
        close = difflib.get_close_matches(text.strip().lower(), sorted(UNITS), n=4, cutoff=0.5)
        hint = "; close: " + ", ".join(f"`{u}`" for u in close) if close else ""
        raise BadValue(f"unknown unit `{text[:40]}`{hint}")
    return text


def _date(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> PartialDate:
    return PartialDate(*parse_date(node.text))


def _number(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> float:
    number = parse_number(node)
    if spec.bounds is not None and not spec.bounds[0] <= number <= spec.bounds[1]:
        raise BadValue(f"{node.text} is out of range ({spec.bounds[0]:g} to {spec.bounds[1]:g})")
    return number


def _flag(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> bool:
    return parse_flag(node)


def _url(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    return check_url(node.text)


def _choice(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    if node.text not in spec.choices:
        options = ", ".join(spec.choices)
        raise BadValue(f"`{node.text[:40]}` is not one of {options}" + _did_you_mean(node.text, spec.choices))
    return node.text


def _wikidata(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> str:
    if not WIKIDATA_PATTERN.fullmatch(node.text):
        raise BadValue(f"expected a Wikidata id such as Q160452, got {describe(node)}")
    return node.text


def _claim_ref(node: YScalar, spec: Field, path: str, chk: _FileCheck) -> ClaimRef:
    brief, _, claim = node.text.rpartition("#")
    target = ClaimRef(_check_id(brief, "brief id") if brief else chk.brief_id, _check_id(claim, "claim id"))
    chk.claim_links.append(_ClaimLink(target, node.where, path))
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


# --- Reading files -----------------------------------------------------------


def _display(path: Path, root: Path) -> str:
    """`path` relative to `root`, with POSIX separators, for messages."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return rel.replace(os.sep, "/")


def _read(path: Path, file: str) -> tuple[YMap | None, list[Problem]]:
    start = Location(file, 1, 1)
    try:
        if path.is_symlink():
            return None, [Problem(start, WHOLE_FILE, "symbolic links are not allowed")]
        if not path.is_file():
            return None, [Problem(start, WHOLE_FILE, "file is missing (or not a regular file)")]
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(start, WHOLE_FILE, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")
            ]
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return None, [Problem(start, WHOLE_FILE, f"cannot read the file: {err.strerror}")]
    return read_yaml(data, file)


@dataclass
class _EntityInfo:
    """What is known of a registry id before the model is built."""

    kind: EntityKind
    file: str
    where: Location
    obj: _Obj | None


@dataclass
class _BriefInfo:
    id: str
    file: str
    chk: _FileCheck
    obj: _Obj | None
    claim_ids: set[str]


@dataclass
class _Loaded:
    problems: list[Problem]
    entities: dict[str, _EntityInfo]
    metrics: dict[str, tuple[_Obj | None, Location]]
    briefs: dict[str, _BriefInfo]
    brief_files: frozenset[str]


def _load_registry(
    data_dir: Path, root: Path, problems: list[Problem]
) -> tuple[dict[str, _EntityInfo], list[_FileCheck]]:
    entities: dict[str, _EntityInfo] = {}
    checks: list[_FileCheck] = []
    for kind, name in sorted(REGISTRY_FILES.items(), key=lambda item: item[1]):
        file = _display(data_dir / name, root)
        tree, found = _read(data_dir / name, file)
        problems.extend(found)
        chk = _FileCheck(file)
        checks.append(chk)
        for key, node in tree.items if tree else ():
            try:
                _check_id(key.text, "entity id")
                if key.text in RESERVED_IDS:
                    raise BadValue(f"`{key.text}` is a reserved name; choose another id")
            except BadValue as err:
                chk.add(key.where, key.text, str(err))
                continue
            obj = (
                _convert_object(node, ENTRY_FIELDS[kind], key.text, chk)
                if not isinstance(node, YRefused)
                else None
            )
            if obj is not None and ("latitude" in obj.at) != ("longitude" in obj.at):
                chk.add(obj.where, key.text, "give both `latitude` and `longitude`, or neither")
            first = entities.get(key.text)
            if first is not None:
                chk.add(key.where, key.text, f"entity id `{key.text}` is also defined in {first.where}")
                problems.append(
                    Problem(first.where, key.text, f"entity id `{key.text}` is also defined in {key.where}")
                )
                continue
            entities[key.text] = _EntityInfo(kind, file, key.where, obj)
    return entities, checks


def _load_metrics(
    data_dir: Path, root: Path, problems: list[Problem]
) -> dict[str, tuple[_Obj | None, Location]]:
    file = _display(data_dir / METRICS_FILE, root)
    tree, found = _read(data_dir / METRICS_FILE, file)
    problems.extend(found)
    chk = _FileCheck(file)
    metrics: dict[str, tuple[_Obj | None, Location]] = {}
    for key, node in tree.items if tree else ():
        try:
            _check_id(key.text, "metric id")
            if key.text in RESERVED_IDS:
                raise BadValue(f"`{key.text}` is a reserved name; choose another id")
        except BadValue as err:
            chk.add(key.where, key.text, str(err))
            continue
        obj = _convert_object(node, METRIC_FIELDS, key.text, chk) if not isinstance(node, YRefused) else None
        metrics[key.text] = (obj, key.where)
    problems.extend(chk.problems)
    return metrics


def _brief_files(briefs_dir: Path) -> list[Path]:
    if not briefs_dir.is_dir():
        return []
    names = [p for p in briefs_dir.iterdir() if p.suffix in BRIEF_SUFFIXES and not p.name.startswith(".")]
    return sorted(names, key=lambda p: p.name)


def _load_brief(path: Path, root: Path, problems: list[Problem]) -> _BriefInfo:
    file = _display(path, root)
    chk = _FileCheck(file, brief_id=path.stem)
    try:
        _check_id(path.stem, "brief id (the file name)")
        if path.stem in RESERVED_IDS:
            raise BadValue(f"`{path.stem}` is a reserved name; rename the file")
    except BadValue as err:
        chk.add(Location(file, 1, 1), WHOLE_FILE, str(err))
    tree, found = _read(path, file)
    problems.extend(found)
    obj = _convert_object(tree, BRIEF_FIELDS, "", chk) if tree is not None else None
    claim_ids: set[str] = set()
    if obj is not None:
        _check_brief(obj, chk)
        claim_ids = {c.values["id"] for c in obj.get("claims", []) if c is not None and c.values.get("id")}
    return _BriefInfo(path.stem, file, chk, obj if tree is not None else None, claim_ids)


# --- Checks that span fields, files or the registry ---------------------------


def _items(obj: _Obj, key: str) -> list[_Obj]:
    return [item for item in obj.get(key, []) if item is not None]


def _check_brief(obj: _Obj, chk: _FileCheck) -> None:
    """Rules within one brief that no single field can check."""
    seen: dict[str, str] = {}
    for key in ("figures", "quotes", "events", "claims"):
        for item in _items(obj, key):
            item_id = item.values.get("id")
            if item_id is None:
                continue
            if item_id in seen:
                chk.add(
                    item.at["id"],
                    _join(item.path, "id"),
                    f"id `{item_id}` is already used by {seen[item_id]}; "
                    "figures, quotes, events and claims share one set of ids",
                )
            else:
                seen[item_id] = f"`{item.path}` (line {item.at['id'].line})"
    listed: dict[str, str] = {}
    for mention in _items(obj, "entities"):
        entity_id = mention.values.get("id")
        if entity_id in listed:
            chk.add(
                mention.at["id"],
                _join(mention.path, "id"),
                f"`{entity_id}` is already listed at {listed[entity_id]}",
            )
        elif entity_id is not None:
            listed[entity_id] = f"`{mention.path}` (line {mention.at['id'].line})"
    for figure in _items(obj, "figures"):
        _check_figure_numbers(figure, chk)
    for claim in _items(obj, "claims"):
        itself = ClaimRef(chk.brief_id, claim.get("id", ""))
        for link in claim.get("contradicts", []):
            if link == itself:
                chk.add(
                    claim.at["contradicts"],
                    _join(claim.path, "contradicts"),
                    "a claim cannot contradict itself",
                )


def _check_figure_numbers(figure: _Obj, chk: _FileCheck) -> None:
    present = {key for key in ("value", "low", "high") if key in figure.at}
    where = figure.at
    if "value" in present and present & {"low", "high"}:
        chk.add(
            where["value"], _join(figure.path, "value"), "give either `value` or `low` and `high`, not both"
        )
    elif not present:
        chk.add(
            figure.where, _join(figure.path, "value"), "missing `value` (or `low` and `high` for a range)"
        )
    elif "value" not in present and len(present) == 1:
        (only,) = present
        other = "high" if only == "low" else "low"
        chk.add(where[only], _join(figure.path, only), f"`{only}` needs `{other}` as well")
    low, high = figure.values.get("low"), figure.values.get("high")
    if low is not None and high is not None and low > high:
        chk.add(where["low"], _join(figure.path, "low"), f"`low` ({low:g}) is greater than `high` ({high:g})")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class _Resolver:
    """Answers "is this entity id known?" with a helpful suggestion when not."""

    def __init__(self, entities: Mapping[str, _EntityInfo]) -> None:
        self.entities = entities
        # Candidate spellings → id: ids, and names and aliases slugified, so
        # that `zelenskyy` finds `volodymyr-zelensky` through its alias.
        self.spellings: dict[EntityKind | None, dict[str, str]] = {}
        for entity_id in sorted(entities):
            info = entities[entity_id]
            names = [info.obj.get("name", "")] + list(info.obj.get("aliases", [])) if info.obj else []
            for kind in (None, info.kind):
                table = self.spellings.setdefault(kind, {})
                table[entity_id] = entity_id
                for name in names:
                    if isinstance(name, str) and _slug(name):
                        table.setdefault(_slug(name), entity_id)

    def problem(self, ref: _Ref) -> str | None:
        info = self.entities.get(ref.entity)
        wanted = ref.kinds[0] if len(ref.kinds) == 1 else None
        if info is None:
            table = self.spellings.get(wanted, {})
            guess = table.get(ref.entity)
            if guess is None:
                close = difflib.get_close_matches(ref.entity, sorted(table), n=1, cutoff=0.6)
                guess = table[close[0]] if close else None
            hint = f"; did you mean `{guess}`?" if guess else ""
            return f"unknown {wanted or 'entity'} id `{ref.entity}`{hint}"
        if ref.kinds and info.kind not in ref.kinds:
            article = "an" if (wanted or "")[0:1] in "aeiou" else "a"
            return f"`{ref.entity}` is a {info.kind} ({info.file}), but {article} {wanted} is needed here"
        return None


def _check_references(loaded: _Loaded, checks: Sequence[_FileCheck]) -> None:
    resolver = _Resolver(loaded.entities)
    for chk in checks:
        for ref in chk.refs:
            message = resolver.problem(ref)
            if message is not None:
                chk.add(ref.where, ref.path, message)
        for metric_id, where, path in chk.metric_refs:
            if metric_id not in loaded.metrics:
                chk.add(
                    where, path, f"unknown metric `{metric_id}`" + _did_you_mean(metric_id, loaded.metrics)
                )


def _check_mentions(brief: _BriefInfo, loaded: _Loaded) -> None:
    """Every entity a brief refers to must be listed under `entities`."""
    if brief.obj is None:
        return
    listed = {m.values.get("id") for m in _items(brief.obj, "entities")}
    for ref in brief.chk.refs:
        if (
            ref.entity in loaded.entities
            and ref.entity not in listed
            and not _NOT_MENTIONS.fullmatch(ref.path)
        ):
            brief.chk.add(
                ref.where, ref.path, f"`{ref.entity}` is referred to but not listed under `entities`"
            )


def _check_figure_units(brief: _BriefInfo, loaded: _Loaded) -> None:
    if brief.obj is None:
        return
    for figure in _items(brief.obj, "figures"):
        unit_text, metric_id = figure.values.get("unit"), figure.values.get("metric")
        unit = unit_named(unit_text) if unit_text else None
        metric = loaded.metrics.get(metric_id or "", (None, None))[0]
        family = metric.values.get("family") if metric is not None else None
        if unit is None or family is None or unit.family == family:
            continue
        chk_path = _join(figure.path, "unit")
        brief.chk.add(
            figure.at["unit"],
            chk_path,
            f"unit `{unit_text}` is {FAMILY_NOUNS.get(unit.family, unit.family)}, but metric "
            f"`{metric_id}` is {FAMILY_NOUNS.get(family, family)} (family {family})",
        )


def _check_claim_links(brief: _BriefInfo, loaded: _Loaded) -> None:
    for link in brief.chk.claim_links:
        target = loaded.briefs.get(link.target.brief)
        if target is None:
            brief.chk.add(
                link.where,
                link.path,
                f"unknown brief `{link.target.brief}`" + _did_you_mean(link.target.brief, loaded.briefs),
            )
        elif target.obj is None:
            continue  # that file could not be read; its own problems say why
        elif link.target.claim not in target.claim_ids:
            brief.chk.add(
                link.where,
                link.path,
                f"brief `{target.id}` has no claim `{link.target.claim}`"
                + _did_you_mean(link.target.claim, target.claim_ids),
            )


# --- Building the model once everything is valid ------------------------------


def _build_entity(entity_id: str, info: _EntityInfo) -> Entity:
    assert info.obj is not None
    o = info.obj
    return Entity(
        id=entity_id,
        kind=info.kind,
        name=o.values["name"],
        category=o.values["kind"],
        description=o.values["description"],
        aliases=tuple(o.get("aliases", [])),
        wikidata=o.get("wikidata"),
        side=o.get("side"),
        affiliation=o.get("affiliation"),
        latitude=o.get("latitude"),
        longitude=o.get("longitude"),
        region=o.get("region"),
        origin=info.where,
    )


def _build_brief(brief: _BriefInfo) -> Brief:
    assert brief.obj is not None
    o = brief.obj
    return Brief(
        id=brief.id,
        title=o.values["title"],
        outlet=o.get("outlet"),
        authors=tuple(o.get("authors", [])),
        published=o.values["published"],
        article_type=o.values["type"],
        summary=o.values["summary"],
        credibility=o.values["credibility"],
        url=o.get("url"),
        key_points=tuple(o.get("key_points", [])),
        topics=tuple(o.get("topics", [])),
        mentions=tuple(Mention(m.values["id"], m.values["role"]) for m in _items(o, "entities")),
        figures=tuple(
            Figure(
                id=f.values["id"],
                metric=f.values["metric"],
                subject=f.values["subject"],
                unit=f.values["unit"],
                qualifier=f.get("qualifier", "exact"),
                value=f.get("value"),
                low=f.get("low"),
                high=f.get("high"),
                as_of=f.get("as_of"),
                claimed_by=f.get("claimed_by"),
                via=f.get("via"),
                context=f.get("context", ""),
                origin=f.where,
            )
            for f in _items(o, "figures")
        ),
        quotes=tuple(
            Quote(
                id=q.values["id"],
                speaker=q.values["speaker"],
                text=q.values["text"],
                context=q.get("context", ""),
                via=q.get("via"),
                date=q.get("date"),
                origin=q.where,
            )
            for q in _items(o, "quotes")
        ),
        events=tuple(
            Event(
                id=e.values["id"],
                date=e.values["date"],
                what=e.values["what"],
                places=tuple(e.get("places", [])),
                actors=tuple(e.get("actors", [])),
                origin=e.where,
            )
            for e in _items(o, "events")
        ),
        claims=tuple(
            Claim(
                id=c.values["id"],
                by=c.get("by"),
                text=c.values["text"],
                as_of=c.get("as_of"),
                via=c.get("via"),
                contradicts=tuple(c.get("contradicts", [])),
                origin=c.where,
            )
            for c in _items(o, "claims")
        ),
        sources=tuple(o.get("sources", [])),
        origin=o.where,
    )


# --- Public API ---------------------------------------------------------------


def _load(data_dir: Path, root: Path) -> tuple[Corpus | None, _Loaded]:
    """Read and check everything under `data_dir`; the corpus only when clean."""
    problems: list[Problem] = []
    if not data_dir.is_dir():
        where = Location(_display(data_dir, root), 1, 1)
        problems.append(Problem(where, WHOLE_FILE, "data directory not found"))
        return None, _Loaded(problems, {}, {}, {}, frozenset())
    entities, registry_checks = _load_registry(data_dir, root, problems)
    metrics = _load_metrics(data_dir, root, problems)
    briefs: dict[str, _BriefInfo] = {}
    brief_files: set[str] = set()
    for path in _brief_files(data_dir / "briefs"):
        info = _load_brief(path, root, problems)
        brief_files.add(info.file)
        first = briefs.get(info.id)
        if first is not None:
            message = f"brief id `{info.id}` is used by both {first.file} and {info.file}; keep one"
            first.chk.add(Location(first.file, 1, 1), WHOLE_FILE, message)
            info.chk.add(Location(info.file, 1, 1), WHOLE_FILE, message)
            problems.extend(info.chk.problems)
            continue
        briefs[info.id] = info
    loaded = _Loaded(problems, entities, metrics, briefs, frozenset(brief_files))
    brief_checks = [b.chk for b in briefs.values()]
    _check_references(loaded, [*registry_checks, *brief_checks])
    for brief in briefs.values():
        _check_mentions(brief, loaded)
        _check_figure_units(brief, loaded)
        _check_claim_links(brief, loaded)
    for chk in [*registry_checks, *brief_checks]:
        problems.extend(chk.problems)
    if problems:
        return None, loaded
    corpus = Corpus(
        briefs=tuple(_build_brief(briefs[b]) for b in sorted(briefs)),
        entities=tuple(_build_entity(e, entities[e]) for e in sorted(entities)),
        metrics=tuple(
            Metric(m, obj.values["label"], obj.values["family"], obj.values["description"], origin=where)
            for m, (obj, where) in sorted(metrics.items())
            if obj is not None
        ),
    )
    return corpus, loaded


def load_corpus(data_dir: Path, *, display_root: Path | None = None) -> Corpus:
    """Read and validate everything under `data_dir`.

    Raises InvalidData listing every problem in every file; locations are
    shown relative to `display_root` (default: the current directory).
    """
    corpus, loaded = _load(Path(data_dir), Path(display_root) if display_root else Path.cwd())
    if corpus is None:
        raise InvalidData(loaded.problems)
    return corpus


def check_paths(paths: Sequence[Path], *, display_root: Path | None = None) -> list[Problem]:
    """Problems in data directories or single brief files, sorted and unique.

    A brief file is checked against the registry of the data directory it
    sits in (the parent of its `briefs/` folder); problems in other briefs are
    left out, problems in the registry and metrics are kept.
    """
    root = Path(display_root) if display_root else Path.cwd()
    found: set[Problem] = set()
    cache: dict[str, _Loaded] = {}
    for path in map(Path, paths):
        file = _display(path, root)
        if path.is_dir():
            data_dir, only = path, None
        elif not path.exists():
            found.add(Problem(Location(file, 1, 1), WHOLE_FILE, "no such file or directory"))
            continue
        elif path.suffix not in BRIEF_SUFFIXES or path.parent.name != "briefs":
            found.add(
                Problem(
                    Location(file, 1, 1),
                    WHOLE_FILE,
                    "a brief must be a .yml or .yaml file in the `briefs/` folder of a data directory",
                )
            )
            continue
        else:
            data_dir, only = path.parent.parent, file
        key = os.path.abspath(data_dir)
        if key not in cache:
            cache[key] = _load(data_dir, root)[1]
        loaded = cache[key]
        found.update(
            p
            for p in loaded.problems
            if only is None or p.location.file == only or p.location.file not in loaded.brief_files
        )
    return sorted(found)
