"""data/vocabulary.yml → a checked `Vocabulary`: sides and their colours, qualifier words,
chart metrics and the kinds of registry entries.

The file is optional: without it the defaults in `model.Vocabulary` apply. With
it, every problem is located like any other data file's, and the entities'
`kind` and `side` values are checked against the kinds and sides it lists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from briefgen.model import A_KIND, DEFAULT_VOCABULARY, ENTITY_KINDS, ChartWords, EntityKind, Side, Vocabulary
from briefgen.problems import Problem
from briefgen.read.convert import FileCheck, ReadMapping, check_id, convert_object
from briefgen.read.crosscheck import EntityInfo
from briefgen.read.fields import (
    CHART_FIELDS,
    CLAIM_KIND_WORD_FIELDS,
    GRADE_FIELDS,
    KIND_FIELDS,
    OVERVIEW_FIELDS,
    QUALIFIER_WORD_FIELDS,
    SIDE_FIELDS,
)
from briefgen.read.suggest import NearMisses, did_you_mean
from briefgen.read.yamlsafe import BadValue, YMap, YNode

VOCABULARY_FILE = "vocabulary.yml"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SECTIONS = ("sides", "qualifiers", "charts", "overview", "kinds", "claim_kinds", "grades")


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
            # A qualifier left out keeps its default word, as the file's header promises.
            defaults = dict(words)
            words = tuple((q, obj.values.get(q) or defaults[q]) for q in QUALIFIER_WORD_FIELDS
                          if obj.values.get(q) or defaults.get(q))
    population, side_metrics = DEFAULT_VOCABULARY.population_metrics, DEFAULT_VOCABULARY.side_metrics
    if "charts" in found:
        obj = convert_object(found["charts"], CHART_FIELDS, "charts", chk)
        if obj is not None:
            population = _metrics(obj, "population", population)
            side_metrics = _metrics(obj, "claims-by-side", side_metrics)
    kinds = DEFAULT_VOCABULARY.entry_kinds
    if "kinds" in found:
        obj = convert_object(found["kinds"], KIND_FIELDS, "kinds", chk)
        if obj is not None:
            kinds = tuple((kind, _kinds(obj, kind, chk) or dict(kinds)[kind]) for kind in ENTITY_KINDS)
    claim_kinds = DEFAULT_VOCABULARY.claim_kind_words
    if "claim_kinds" in found:
        obj = convert_object(found["claim_kinds"], CLAIM_KIND_WORD_FIELDS, "claim_kinds", chk)
        if obj is not None:
            claim_kinds = tuple((k, obj.values.get(k) or dict(claim_kinds)[k])
                                for k in CLAIM_KIND_WORD_FIELDS)
    reliability, credibility = DEFAULT_VOCABULARY.reliability_words, DEFAULT_VOCABULARY.credibility_words
    if "grades" in found:
        obj = convert_object(found["grades"], GRADE_FIELDS, "grades", chk)
        if obj is not None:
            given = obj.values.get("reliability")
            if given is not None:
                reliability = tuple((g, given.values.get(g) or w) for g, w in reliability)
            given = obj.values.get("credibility")
            if given is not None:
                credibility = tuple((g, given.values.get(str(g)) or w) for g, w in credibility)
    chart_words = DEFAULT_VOCABULARY.chart_words
    if "overview" in found:
        obj = convert_object(found["overview"], OVERVIEW_FIELDS, "overview", chk)
        if obj is not None:
            chart_words = tuple((name, _chart_words(obj.values.get(name), default))
                                for name, default in chart_words)
    return Vocabulary(sides, words, population, side_metrics, kinds, claim_kind_words=claim_kinds,
                      reliability_words=reliability, credibility_words=credibility, chart_words=chart_words)


def _chart_words(obj: ReadMapping | None, default: ChartWords) -> ChartWords:
    """One chart's words; what the file leaves out keeps the default."""
    if obj is None:
        return default
    keys = ("heading", "intro", "caption", "title")
    return ChartWords(*(obj.get(key, getattr(default, key)) for key in keys))


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
            # The cause of every "unknown side" of the entries on this side, which
            # are therefore not reported: this problem comes first, and alone.
            chk.problems.append(Problem(obj.at["colour"], f"{path}.colour",
                                        f"`{colour[:20]}` is not a colour; write #rrggbb", root_cause=True))
            continue
        sides.append(Side(key.text, obj.values["label"], colour, origin=key.where,
                          belligerent=bool(obj.values.get("belligerent", False))))
    return tuple(sides)


def _kinds(obj: ReadMapping, kind: EntityKind, chk: FileCheck) -> tuple[str, ...]:
    """The kinds listed for one entity type, in order, each once; () when it lists none."""
    listed = obj.values.get(kind)
    if listed is None:
        return ()
    if not listed:
        chk.add(obj.at[kind], f"kinds.{kind}", f"list at least one kind for {A_KIND[kind]}, or leave "
                "the key out to keep the defaults")
        return ()
    kept: list[str] = []
    for index, (word, where) in enumerate(zip(listed, obj.items_at[kind], strict=True)):
        if word in kept:
            chk.add(where, f"kinds.{kind}[{index}]", f"`{word}` is listed twice")
        elif word is not None:
            kept.append(word)
    return tuple(kept)


def _metrics(obj: ReadMapping, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    listed = obj.values.get(key)
    return tuple(m for m in listed if m) if listed is not None else default


def check_entries(vocabulary: Vocabulary, entities: Mapping[str, EntityInfo],
                  checks: Mapping[str, FileCheck], vocabulary_check: FileCheck | None = None) -> None:
    """Each registry entry's `kind` is one its type lists, and its `side` one of the sides.

    A side vocabulary.yml declares with a problem (a bad colour, no label) is
    not reported again at every entry on it: that problem is their cause."""
    sides = [s.id for s in vocabulary.sides]
    broken = {p.field.split(".")[1] for p in (vocabulary_check.problems if vocabulary_check else ())
              if p.field.startswith("sides.") and p.field.count(".") >= 1}
    if vocabulary_check is not None and any(p.field == "sides" for p in vocabulary_check.problems):
        broken = {"*"}  # the whole section is unreadable: no side can be judged
    suggest = {kind: NearMisses(vocabulary.kinds_of(kind)) for kind in ENTITY_KINDS}
    for entity_id, info in sorted(entities.items()):
        obj, chk = info.obj, checks.get(info.file)
        if obj is None or chk is None:
            continue
        category, side = obj.values.get("kind"), obj.values.get("side")
        allowed = vocabulary.kinds_of(info.kind)
        if category is not None and category not in allowed:
            close = suggest[info.kind].of(category)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            chk.add(obj.at["kind"], f"{entity_id}.kind",
                    f"unknown kind `{category}` for {A_KIND[info.kind]}; the kinds are "
                    f"{', '.join(allowed)} (`kinds: {info.kind}:` in data/{VOCABULARY_FILE}, where a new "
                    f"one is added){hint}")
        if side is not None and side not in sides and side not in broken and "*" not in broken:
            chk.add(obj.at["side"], f"{entity_id}.side",
                    f"unknown side `{side}`; the sides are {', '.join(sides)} "
                    f"(data/{VOCABULARY_FILE})" + did_you_mean(side, sides))
