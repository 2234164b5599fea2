"""YAML nodes → checked values by their `Field`, one file at a time.

Each file gets a `FileCheck` that collects its problems and the references
(entities, metrics, claims) it uses, left for `crosscheck` to resolve once
every file is read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from briefgen.model import ClaimRef, EntityKind, Location, PartialDate, Publication
from briefgen.read.fields import Field
from briefgen.read.placeholders import is_placeholder, placeholder_message
from briefgen.read.positions import SourceText
from briefgen.read.suggest import did_you_mean
from briefgen.read.yamlsafe import (
    WHOLE_FILE,
    BadValue,
    Problem,
    YList,
    YMap,
    YNode,
    YRefused,
    YScalar,
    check_spelling,
    check_text,
    check_url,
    count_words,
    describe,
    is_invisible,
    parse_date,
    parse_flag,
    parse_number,
)
from briefgen.syntax import (
    ENTITY_LINK,
    ID_PATTERN,
    MARKDOWN_LINK_TARGET,
    leaves_site_without_scheme,
)

WIKIDATA_PATTERN = re.compile(r"Q[1-9][0-9]*")
# Anything written like a link, to catch `[[Kofman]]` that ENTITY_LINK skips.
_LINK_LIKE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
# Double brackets left once every well-formed link is taken out: nested,
# unclosed or stray, they would reach the page as literal brackets.
_STRAY_BRACKETS = re.compile(r"\[\[|\]\]")
# A person's or place's name as prose writes it: letters, spaces, hyphens, apostrophes, dots.
_NAME_LIKE = re.compile(r"[^\W\d_][\w .'’-]{0,79}")
_NUMBER_PARTS = re.compile(r"-?0*([0-9]*)(?:\.([0-9]+))?")

_WANTED: dict[str, str] = {
    "text": "text",
    "markdown": "text",
    "id": "an id",
    "entity": "an entity id",
    "metric": "a metric id",
    "topic": "a topic id",
    "unit": "a unit",
    "date": "a date",
    "moment": "a date, optionally with the time of day",
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
    where: Location  # of the value; of the whole text for a [[link]]: see FileCheck.place
    path: str
    # A [[link]]: the text it is in and where in it, located only when reported.
    text: YScalar | None = None
    offset: int = 0


@dataclass(frozen=True)
class PendingName:
    """A name written where an entity id belongs (`claimed_by: Oleksandr Syrskyi`), reported
    by crosscheck with the id the registry knows it by."""

    text: str
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
    # Where each item of a list value is, by key: an alias's own line.
    items_at: dict[str, tuple[Location, ...]] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value


@dataclass
class FileCheck:
    file: str
    problems: list[Problem] = field(default_factory=list)
    refs: list[PendingRef] = field(default_factory=list)
    metric_refs: list[tuple[str, Location, str]] = field(default_factory=list)
    topic_refs: list[tuple[str, Location, str]] = field(default_factory=list)
    claim_links: list[ClaimLink] = field(default_factory=list)
    names: list[PendingName] = field(default_factory=list)
    brief_id: str = ""
    # The file's text, to locate a [[link]] inside a folded or quoted scalar.
    source: SourceText | None = None
    # A `TODO:` placeholder is read as no value rather than reported (see load_corpus).
    pending_ok: bool = False

    def add(self, where: Location, path: str, message: str) -> None:
        self.problems.append(Problem(where, path or WHOLE_FILE, message))

    def locate(self, node: YScalar, offset: int) -> Location:
        """Where the character at `offset` of a scalar's value is written in this file."""
        return self.source.locate(node, offset) if self.source is not None else node.at_offset(offset)

    def place(self, ref: PendingRef) -> Location:
        """Where a reference is written: a [[link]] at its own line and column."""
        return ref.where if ref.text is None else self.locate(ref.text, ref.offset)


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
    if isinstance(node, YScalar) and is_placeholder(node.text):
        if not chk.pending_ok:
            chk.add(node.where, path, placeholder_message(node.text))
        return None
    if spec.type == "object":
        assert spec.fields is not None
        return convert_object(node, spec.fields, path, chk)
    if spec.type == "list":
        return _convert_list(node, spec, path, chk)
    if spec.type == "published":
        return _convert_published(node, spec, path, chk)
    if not isinstance(node, YScalar) or node.is_null:
        hint = ""
        if spec.type in ("text", "markdown") and isinstance(node, YList):
            hint = ("; a value that starts with `[[` or `[` is read as a list: put the whole value in "
                    "double quotes (`- \"[[id]] says …\"`)")
        elif spec.type in ("text", "markdown") and isinstance(node, YMap) and len(node.items) == 1:
            key, value = node.items[0]
            if isinstance(value, YScalar):
                fixed = json.dumps(f"{key.text}: {value.text}", ensure_ascii=False)
                hint = f"; a value holding `: ` is read as a mapping: quote it: `{fixed}`"
        chk.add(node.where, path, f"expected {_WANTED[spec.type]}, got {describe(node)}{hint}")
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
        if isinstance(value, YList):
            obj.items_at[key.text] = tuple(item.where for item in value.items)
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
        try:
            _not_in_the_future(obj.values["date"])
        except BadValue as err:
            chk.add(obj.at["date"], join_path(path, "date"), str(err))
            return None
        return Publication(obj.values["date"], approximate, basis)
    if isinstance(node, YScalar) and not node.is_null and node.text == "unknown":
        return Publication(None)
    if isinstance(node, YScalar) and not node.is_null:
        try:
            date = _date(node, spec, path, chk)
        except BadValue as err:
            chk.add(node.where, path, f"{err}, or `unknown`")
            return None
        try:
            return Publication(_not_in_the_future(date))
        except BadValue as err:
            chk.add(node.where, path, str(err))
            return None
    chk.add(node.where, path, f"expected {_WANTED['published']}, got {describe(node)}")
    return None


def today() -> dt.date:
    """Today in UTC: what "in the future" is measured from."""
    return dt.datetime.now(dt.UTC).date()


def _not_in_the_future(date: PartialDate) -> PartialDate:
    # A day of slack: an article dated tomorrow in its time zone is fine.
    if date.first_day() > today() + dt.timedelta(days=1):
        raise BadValue(f"{date.iso()} is in the future (today is {today().isoformat()})")
    return date


def _text(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    text = check_spelling(node.text) if spec.spelling else check_text(node.text)
    # Stops at the first visible character, almost always the first one.
    if not any(not char.isspace() and not is_invisible(char) for char in text):
        raise BadValue("must not be empty")
    if spec.max_words is not None and count_words(text) > spec.max_words:
        raise BadValue(f"{count_words(text)} words; a quote holds at most {spec.max_words}")
    return text


def _markdown(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    text = _text(node, spec, path, chk)
    malformed = False
    for match in _LINK_LIKE.finditer(text):
        if not ENTITY_LINK.fullmatch(match.group(0)):
            malformed = True
            chk.add(
                chk.locate(node, match.start()),
                path,
                f"malformed link `{match.group(0)[:80]}`: write [[entity-id]] or [[entity-id|words]]",
            )
    if not malformed:
        _check_stray_brackets(node, path, chk)
    for target in MARKDOWN_LINK_TARGET.finditer(text):
        url = target.group(1) if target.group(1) is not None else target.group(2)
        if leaves_site_without_scheme(url):
            chk.add(
                chk.locate(node, target.start()),
                path,
                f"link to `{url[:60]}` has no scheme but leaves the site: "
                "write the full address, https://…",
            )
    for link in ENTITY_LINK.finditer(text):
        chk.refs.append(PendingRef(link.group(1), (), node.where, path, node, link.start()))
    return text


def _check_stray_brackets(node: YScalar, path: str, chk: FileCheck) -> None:
    """Report the first `[[` or `]]` that is not part of a well-formed link."""
    links = [match.span() for match in ENTITY_LINK.finditer(node.text)]
    for stray in _STRAY_BRACKETS.finditer(node.text):
        if any(start <= stray.start() < end for start, end in links):
            continue
        chk.add(
            chk.locate(node, stray.start()),
            path,
            f"`{stray.group()}` without its other half (links cannot nest or span lines): "
            "write [[entity-id]] or [[entity-id|words]]",
        )
        return


def _id(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    return check_id(node.text, "id")


def _entity(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str | None:
    if not ID_PATTERN.fullmatch(node.text) and _NAME_LIKE.fullmatch(node.text):
        chk.names.append(PendingName(node.text, spec.kinds, node.where, path))
        return None
    entity_id = check_id(node.text, "entity id")
    chk.refs.append(PendingRef(entity_id, spec.kinds, node.where, path))
    return entity_id


def _metric(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    metric_id = check_id(node.text, "metric id")
    chk.metric_refs.append((metric_id, node.where, path))
    return metric_id


def _topic(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    topic_id = check_id(node.text, "topic id")
    chk.topic_refs.append((topic_id, node.where, path))
    return topic_id


def _unit(node: YScalar, spec: Field, path: str, chk: FileCheck) -> str:
    # Whether data/units.yml knows it is for `crosscheck`, once that file is read.
    return check_text(node.text)


def _date(node: YScalar, spec: Field, path: str, chk: FileCheck) -> PartialDate:
    return PartialDate(*parse_date(node.text))


# A date, optionally with the time of day: 2025-11-06T08:30 (or a space for the T).
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?")


def _moment(node: YScalar, spec: Field, path: str, chk: FileCheck) -> PartialDate:
    """A date to the year, month or day, or a day with its time (hours and
    minutes, as the source gives them; seconds are dropped)."""
    match = _MOMENT.fullmatch(node.text.strip())
    if match is None:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ].*", node.text.strip()):
            raise BadValue(f"expected a date with a time of day such as 2025-11-06T08:30 (hours and "
                           f"minutes, no time zone), got `{node.text[:40]}`")
        return PartialDate(*parse_date(node.text))
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59 or int(match.group(4) or 0) > 59:
        raise BadValue(f"`{node.text[:40]}` is not a time of day (00:00 to 23:59)")
    return PartialDate(*parse_date(match.group(1)), hour, minute)


def _number(node: YScalar, spec: Field, path: str, chk: FileCheck) -> float:
    number = parse_number(node)
    parts = _NUMBER_PARTS.fullmatch(node.text)
    assert parts is not None  # parse_number accepted the text
    whole, fraction = parts.group(1), parts.group(2) or ""
    digits = len((whole + fraction).lstrip("0"))  # the regex already dropped the whole part's leading zeros
    if digits > spec.digits:
        raise BadValue(f"{digits} significant digits; at most {spec.digits} are kept exactly")
    if spec.decimals is not None and len(fraction) > spec.decimals:
        raise BadValue(f"{len(fraction)} digits after the point; at most {spec.decimals} are shown")
    if spec.positive and number <= 0:
        raise BadValue(f"{node.text} is not a positive number; it must be greater than 0")
    if spec.bounds is not None and spec.bounds[0] == 0 and number < 0:
        raise BadValue(f"{node.text} is negative; what figures count or measure is never below 0")
    if spec.bounds is not None and not spec.bounds[0] <= number <= spec.bounds[1]:
        raise BadValue(f"{node.text} is out of range ({spec.bounds[0]:,g} to {spec.bounds[1]:,g})")
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
    "topic": _topic,
    "unit": _unit,
    "date": _date,
    "moment": _moment,
    "number": _number,
    "flag": _flag,
    "url": _url,
    "choice": _choice,
    "wikidata": _wikidata,
    "claim-ref": _claim_ref,
}
