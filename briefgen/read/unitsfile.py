"""data/units.yml: the project's unit families and units over briefgen's defaults.

The file has a `families:` and a `units:` section (see
briefgen/defaults/units.yml, which every project starts from); a file that is
one flat mapping of units, as projects wrote before families were data, is
read as its `units:` section. An entry that names a default again changes only
the keys it gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from briefgen.model import Location
from briefgen.read.convert import FileCheck, ReadMapping, check_id, convert_object
from briefgen.read.fields import FAMILY_FIELDS, UNIT_FIELDS, Field
from briefgen.read.suggest import did_you_mean
from briefgen.read.yamlsafe import BadValue, Problem, YMap, YRefused, read_yaml
from briefgen.units import DEFAULTS_RESOURCE, Family, default_units_text, family_from_mapping

Table = dict[str, tuple[ReadMapping | None, Location]]
SECTIONS = ("families", "units")
DEFAULTS_FILE = f"{DEFAULTS_RESOURCE[0]}/{DEFAULTS_RESOURCE[1]}"


@dataclass
class UnitsFile:
    """The units and families in force: the defaults with the project's over them."""

    units: Table
    families: dict[str, Family]
    family_where: dict[str, Location]


def _is_sectioned(tree: YMap) -> bool:
    # A flat file maps unit names to {family, factor}; a sectioned one maps
    # `families`/`units` to mappings of entries. A flat unit called `units` has
    # a `family` key of its own, which a section never has.
    keys = {key.text: value for key, value in tree.items}
    if not keys or not set(keys) <= set(SECTIONS):
        return False
    return all(
        isinstance(value, YMap) and not any(k.text == "family" for k, _ in value.items)
        for value in keys.values()
    )


def _section(tree: YMap | None, name: str) -> YMap | None:
    if tree is None:
        return None
    if not _is_sectioned(tree):
        return tree if name == "units" else None
    for key, value in tree.items:
        if key.text == name and isinstance(value, YMap):
            return value
    return None


def table_of(
    node: YMap | None, fields: Mapping[str, Field], check_key: Callable[[str], None], chk: FileCheck
) -> Table:
    table: Table = {}
    for key, value in node.items if node else ():
        try:
            check_key(key.text)
        except BadValue as err:
            chk.add(key.where, key.text, str(err))
            continue
        obj = convert_object(value, fields, key.text, chk) if not isinstance(value, YRefused) else None
        table[key.text] = (obj, key.where)
    return table


def _over(defaults: Table, project: Table) -> Table:
    """The project's entries over the defaults; keys an entry leaves out keep the default's values."""
    merged = dict(defaults)
    for name, (obj, where) in project.items():
        base = defaults.get(name, (None, where))[0]
        if obj is not None and base is not None:
            values = {**{k: v for k, v in base.values.items() if k not in obj.at}, **obj.values}
            obj = ReadMapping(values, obj.where, {**obj.at}, obj.path, obj.items_at)
        merged[name] = (obj, where)
    return merged


def _family_name(key: str) -> None:
    check_id(key, "family name")


def read_units(
    tree: YMap | None, file: str, check_unit: Callable[[str], None], problems: list[Problem]
) -> UnitsFile:
    """The project's data/units.yml (`tree`, None when unreadable) over the defaults."""
    default_tree, found = read_yaml(default_units_text().encode("utf-8"), DEFAULTS_FILE)
    assert not found, found  # the package's own file; tests/read/test_unitsfile.py reads it
    defaults = FileCheck(DEFAULTS_FILE)
    chk = FileCheck(file)
    families = _over(
        table_of(_section(default_tree, "families"), FAMILY_FIELDS, _family_name, defaults),
        table_of(_section(tree, "families"), FAMILY_FIELDS, _family_name, chk),
    )
    units = _over(
        table_of(_section(default_tree, "units"), UNIT_FIELDS, check_unit, defaults),
        table_of(_section(tree, "units"), UNIT_FIELDS, check_unit, chk),
    )
    known = {name: family_from_mapping(name, obj.values) for name, (obj, _) in families.items() if obj}
    for name, (obj, _where) in sorted(units.items()):
        family = obj.values.get("family") if obj is not None else None
        if family is not None and family not in known:
            chk.add(obj.at["family"] if obj else _where, f"{name}.family", unknown_family(family, known))
    problems.extend(defaults.problems)
    problems.extend(chk.problems)
    return UnitsFile(units, known, {name: where for name, (_, where) in families.items()})


def unknown_family(name: str, known: Mapping[str, Family]) -> str:
    """What to do about a family no units file declares."""
    listed = ", ".join(sorted(known))
    return (f"unknown family `{name[:40]}`" + did_you_mean(name, sorted(known))
            + f"; declare it under `families:` in data/units.yml, or use one of: {listed}")
