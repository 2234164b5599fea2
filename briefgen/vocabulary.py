"""data/vocabulary.yml → a checked `Vocabulary`: sides and their colours, qualifier words, chart metrics.

The file is optional: without it the defaults in `model.Vocabulary` apply. With
it, every problem is located like any other data file's, and the entities'
`side` values are checked against the sides it lists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from briefgen.convert import FileCheck, ReadMapping, check_id, convert_object
from briefgen.fields import CHART_FIELDS, QUALIFIER_WORD_FIELDS, SIDE_FIELDS
from briefgen.model import DEFAULT_VOCABULARY, Side, Vocabulary
from briefgen.suggest import did_you_mean
from briefgen.yamlsafe import BadValue, YMap, YNode

VOCABULARY_FILE = "vocabulary.yml"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SECTIONS = ("sides", "qualifiers", "charts")


def read_vocabulary(tree: YMap | None, chk: FileCheck) -> Vocabulary:
    """The vocabulary a file's tree describes, defaults for what it leaves out;
    problems go to `chk` (metric names are left in chk.metric_refs for crosscheck)."""
    if tree is None:
        return DEFAULT_VOCABULARY
    found: dict[str, YNode] = {}
    for key, node in tree.items:
        if key.text not in _SECTIONS:
            chk.add(key.where, key.text, f"unknown section `{key.text}`" + did_you_mean(key.text, _SECTIONS))
        else:
            found[key.text] = node
    sides = DEFAULT_VOCABULARY.sides
    if "sides" in found:
        sides = _sides(found["sides"], chk) or sides
    words = DEFAULT_VOCABULARY.qualifier_words
    if "qualifiers" in found:
        obj = convert_object(found["qualifiers"], QUALIFIER_WORD_FIELDS, "qualifiers", chk)
        if obj is not None:
            words = tuple((q, obj.values[q]) for q in QUALIFIER_WORD_FIELDS if obj.values.get(q))
    population, side_metrics = DEFAULT_VOCABULARY.population_metrics, DEFAULT_VOCABULARY.side_metrics
    if "charts" in found:
        obj = convert_object(found["charts"], CHART_FIELDS, "charts", chk)
        if obj is not None:
            population = _metrics(obj, "population", population)
            side_metrics = _metrics(obj, "claims-by-side", side_metrics)
    return Vocabulary(sides, words, population, side_metrics)


def _sides(node: YNode, chk: FileCheck) -> tuple[Side, ...]:
    if not isinstance(node, YMap):
        chk.add(node.where, "sides", "expected a mapping of side ids to a label and a colour")
        return ()
    sides = []
    for key, value in node.items:
        path = f"sides.{key.text}"
        try:
            check_id(key.text, "side id")
        except BadValue as err:
            chk.add(key.where, path, str(err))
            continue
        obj = convert_object(value, SIDE_FIELDS, path, chk)
        if obj is None or obj.values.get("label") is None or obj.values.get("colour") is None:
            continue
        colour = obj.values["colour"]
        if not _COLOUR.fullmatch(colour):
            chk.add(obj.at["colour"], f"{path}.colour", f"`{colour[:20]}` is not a colour; write #rrggbb")
            continue
        sides.append(Side(key.text, obj.values["label"], colour, origin=key.where))
    return tuple(sides)


def _metrics(obj: ReadMapping, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    listed = obj.values.get(key)
    return tuple(m for m in listed if m) if listed is not None else default


def check_sides(vocabulary: Vocabulary, entries: Mapping[str, tuple[ReadMapping | None, FileCheck]],
                ) -> None:
    """Each registry entry's `side` is one the vocabulary lists."""
    known = [s.id for s in vocabulary.sides]
    for entity_id, (obj, chk) in sorted(entries.items()):
        if obj is None:
            continue
        side = obj.values.get("side")
        if side is not None and side not in known:
            chk.add(obj.at["side"], f"{entity_id}.side",
                    f"unknown side `{side}`; the sides are {', '.join(known)} "
                    f"(data/{VOCABULARY_FILE})" + did_you_mean(side, known))

