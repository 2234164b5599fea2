"""briefgen/schema.json stays in step with the loader's field tables."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from briefgen.read.load import (
    BRIEF_FIELDS,
    CLAIM_FIELDS,
    ENTRY_FIELDS,
    EVENT_FIELDS,
    FIGURE_FIELDS,
    MENTION_FIELDS,
    METRIC_FIELDS,
    PUBLISHED_FIELDS,
    QUOTE_FIELDS,
    REFERENCE_FIELDS,
    TOPIC_FIELDS,
    UNIT_FIELDS,
    Field,
)

SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "briefgen" / "schema.json").read_text("utf-8")
)

TABLES: dict[str, Mapping[str, Field]] = {
    "": BRIEF_FIELDS,
    "published": PUBLISHED_FIELDS,
    "mention": MENTION_FIELDS,
    "figure": FIGURE_FIELDS,
    "quote": QUOTE_FIELDS,
    "event": EVENT_FIELDS,
    "claim": CLAIM_FIELDS,
    "person": ENTRY_FIELDS["person"],
    "place": ENTRY_FIELDS["place"],
    "organisation": ENTRY_FIELDS["organisation"],
    "metric": METRIC_FIELDS,
    "reference": REFERENCE_FIELDS,
    "unit": UNIT_FIELDS,
    "topic": TOPIC_FIELDS,
}


def definition(name: str) -> dict[str, Any]:
    return SCHEMA if name == "" else SCHEMA["$defs"][name]


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def without_null(node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema of a property and whether it also allows null."""
    options = node.get("anyOf")
    if options and {"type": "null"} in options and len(options) == 2:
        return next(o for o in options if o != {"type": "null"}), True
    return node, False


def test_schema_is_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", list(TABLES), ids=[n or "brief" for n in TABLES])
def test_keys_and_required_keys_match_the_table(name: str) -> None:
    table, schema = TABLES[name], definition(name)
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert list(schema["properties"]) == list(table)
    assert schema["required"] == [key for key, spec in table.items() if spec.required]


@pytest.mark.parametrize("name", list(TABLES), ids=[n or "brief" for n in TABLES])
def test_each_property_has_the_tables_type_enum_and_nullability(name: str) -> None:
    for key, spec in TABLES[name].items():
        prop, nullable = without_null(definition(name)["properties"][key])
        assert nullable == (not spec.required or spec.nullable), (name, key)
        check_property(prop, spec, f"{name}.{key}")


def check_property(prop: dict[str, Any], spec: Field, where: str) -> None:
    if spec.type == "choice":
        # A grade written 1-6 is a YAML integer; the loader reads it as the word "1"-"6".
        assert [str(word) for word in prop["enum"]] == list(spec.choices), where
    elif spec.type == "unit":
        # Units are data (data/units.yml, described by $defs/unit), not an enum.
        assert prop["type"] == "string" and "enum" not in prop, where
    elif spec.type == "list":
        assert prop["type"] == "array", where
        assert spec.item is not None
        check_property(prop["items"], spec.item, f"{where}[]")
    elif spec.type == "object":
        target = prop["$ref"].removeprefix("#/$defs/")
        assert TABLES[target] is spec.fields, where
    elif spec.type in ("id", "entity", "metric", "topic"):
        assert resolve(prop)["pattern"] == "^[a-z0-9][a-z0-9-]{0,63}$", where
    elif spec.type == "date":
        assert resolve(prop)["pattern"].startswith("^[0-9]{4}"), where
    elif spec.type == "moment":
        assert prop["$ref"] == "#/$defs/moment" and "[T ][0-9]{2}:[0-9]{2}" in resolve(prop)["pattern"], where
    elif spec.type == "published":
        refs = [option.get("$ref") for option in prop["anyOf"]]
        assert "#/$defs/published" in refs and {"const": "unknown"} in prop["anyOf"], where
    elif spec.type == "number":
        assert prop["type"] == "number", where
        if spec.bounds:
            assert (prop["minimum"], prop["maximum"]) == spec.bounds, where
        assert prop.get("exclusiveMinimum") == (0 if spec.positive else None), where
    else:
        expected = {
            "text": "string",
            "markdown": "string",
            "flag": "boolean",
            "url": "string",
            "wikidata": "string",
            "claim-ref": "string",
        }[spec.type]
        assert prop["type"] == expected, where


def test_units_file_is_described_by_a_definition() -> None:
    assert "data/units.yml" in SCHEMA["$defs"]["unit"]["description"]


def test_every_definition_is_covered() -> None:
    assert set(SCHEMA["$defs"]) == {n for n in TABLES if n} | {"id", "date", "moment"}
