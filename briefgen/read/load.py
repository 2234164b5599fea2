"""Files under data/ → a validated `Corpus`, with every problem located.

Every YAML file is treated as untrusted input from a pull request. The files
are read into located trees by `yamlsafe`, checked field by field against the
tables in `fields` by `convert`, then cross-checked by `crosscheck`: references,
claim links and id clashes between files. All problems from all files are
collected in one pass; the model is only built when there are none.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from briefgen.model import (
    DEFAULT_VOCABULARY,
    ENTITY_KINDS,
    Brief,
    Claim,
    Corpus,
    Entity,
    EntityKind,
    Event,
    Figure,
    Location,
    Mention,
    Metric,
    Quote,
    Topic,
    Unit,
    Vocabulary,
)
from briefgen.problems import in_report_order
from briefgen.read.convert import FileCheck, ReadMapping, check_id, convert_object, items_of
from briefgen.read.crosscheck import (
    REGISTRY_FILES,
    BriefInfo,
    EntityInfo,
    Loaded,
    RegistryFiles,
    check_brief,
    check_claim_links,
    check_figure_references,
    check_figure_units,
    check_mentions,
    check_references,
    check_spellings,
    missing_registry,
)
from briefgen.read.fields import (
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
from briefgen.read.positions import SourceText
from briefgen.read.unitsfile import UnitsFile, read_units, unknown_family
from briefgen.read.vocabulary import VOCABULARY_FILE, check_entries, read_vocabulary
from briefgen.read.yamlsafe import (
    EMPTY_FILE,
    MAX_FILE_BYTES,
    WHOLE_FILE,
    BadValue,
    Problem,
    YMap,
    YRefused,
    check_spelling,
    read_yaml,
)
from briefgen.sitemap import RESERVED_IDS
from briefgen.units import Family, family_named, unit_key

__all__ = [
    "BRIEF_FIELDS",
    "CLAIM_FIELDS",
    "ENTRY_FIELDS",
    "EVENT_FIELDS",
    "FIGURE_FIELDS",
    "MENTION_FIELDS",
    "METRIC_FIELDS",
    "PUBLISHED_FIELDS",
    "QUOTE_FIELDS",
    "REFERENCE_FIELDS",
    "TOPIC_FIELDS",
    "UNIT_FIELDS",
    "Field",
    "InvalidData",
    "Problem",
    "check_paths",
    "load_corpus",
    "load_units",
]

BRIEF_SUFFIXES = (".yaml", ".yml")
METRICS_FILE = "metrics.yml"
UNITS_FILE = "units.yml"
# Optional: a project without it declares no topics, and its briefs may name none.
TOPICS_FILE = "topics.yml"


class InvalidData(Exception):
    """The data directory has problems; `.problems` lists them all, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = in_report_order(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __reduce__(self) -> tuple[type[InvalidData], tuple[tuple[Problem, ...]]]:
        # Raised in the process that generates apart, and raised again in the build.
        return type(self), (self.problems,)


# --- Reading files -----------------------------------------------------------


def _display(path: Path, root: Path) -> str:
    """`path` relative to `root`, with POSIX separators, for messages."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return rel.replace(os.sep, "/")


def _read(path: Path, file: str) -> tuple[YMap | None, list[Problem]]:
    data, problems = _read_bytes(path, file)
    return (None, problems) if data is None else read_yaml(data, file)


def _read_bytes(path: Path, file: str) -> tuple[bytes | None, list[Problem]]:
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
            return stream.read(MAX_FILE_BYTES + 1), []
    except OSError as err:
        return None, [Problem(start, WHOLE_FILE, f"cannot read the file: {err.strerror}")]


def _load_registry(
    data_dir: Path, root: Path, problems: list[Problem], pending: bool = False
) -> tuple[dict[str, EntityInfo], list[FileCheck], RegistryFiles]:
    entities: dict[str, EntityInfo] = {}
    checks: list[FileCheck] = []
    files = {kind: _display(data_dir / REGISTRY_FILES[kind], root) for kind in ENTITY_KINDS}
    unread: set[EntityKind] = set()
    for kind, name in sorted(REGISTRY_FILES.items(), key=lambda item: item[1]):
        file = files[kind]
        if not os.path.lexists(data_dir / name):
            tree, found = None, [missing_registry(kind, file)]
        else:
            tree, found = _read(data_dir / name, file)
        if tree is None:
            unread.add(kind)
            found = [replace(problem, root_cause=True) for problem in found]
        problems.extend(found)
        chk = FileCheck(file, pending_ok=pending)
        checks.append(chk)
        for key, node in tree.items if tree else ():
            try:
                check_id(key.text, "entity id")
                if key.text in RESERVED_IDS:
                    raise BadValue(f"`{key.text}` is a reserved name; choose another id")
            except BadValue as err:
                chk.add(key.where, key.text, str(err))
                continue
            obj = (
                convert_object(node, ENTRY_FIELDS[kind], key.text, chk)
                if not isinstance(node, YRefused)
                else None
            )
            if obj is not None and ("latitude" in obj.at) != ("longitude" in obj.at):
                given = "latitude" if "latitude" in obj.at else "longitude"
                missing = "longitude" if given == "latitude" else "latitude"
                chk.add(
                    obj.at[given],
                    f"{key.text}.{given}",
                    f"`{given}` needs `{missing}` too: give both `latitude` and `longitude`, or neither",
                )
            first = entities.get(key.text)
            if first is not None:
                chk.add(key.where, key.text, f"entity id `{key.text}` is also defined in {first.where}")
                problems.append(
                    Problem(first.where, key.text, f"entity id `{key.text}` is also defined in {key.where}")
                )
                continue
            entities[key.text] = EntityInfo(kind, file, key.where, obj)
    return entities, checks, RegistryFiles(files, frozenset(unread))


def _load_vocabulary(data_dir: Path, root: Path, problems: list[Problem]) -> tuple[Vocabulary, FileCheck]:
    """data/vocabulary.yml when it is there; the defaults when it is not."""
    path = data_dir / VOCABULARY_FILE
    file = _display(path, root)
    chk = FileCheck(file)
    if not path.exists() and not path.is_symlink():
        return DEFAULT_VOCABULARY, chk
    tree, found = _read(path, file)
    if tree is None and [p.message for p in found] == [EMPTY_FILE]:
        return DEFAULT_VOCABULARY, chk  # every key is optional: a file of comments only changes nothing
    # Kept with the file's own problems: a section that cannot be read is the
    # cause of the "unknown side" problems that would follow (see check_entries).
    chk.problems.extend(found)
    return read_vocabulary(tree, chk), chk


def _duplicate_reference_ids(metrics: Mapping[str, tuple[ReadMapping | None, Location]]) -> list[Problem]:
    """A metric's `references` each have an id of their own: a second use is located
    at the duplicate, in metrics.yml (not later, as an unknown reference in a brief)."""
    found = []
    for metric_id, (obj, _) in sorted(metrics.items()):
        if obj is None:
            continue
        seen: dict[str, int] = {}
        for index, reference in enumerate(obj.get("references") or []):
            if reference is None or reference.values.get("id") is None:
                continue
            ref_id = str(reference.values["id"])
            if ref_id in seen:
                found.append(Problem(
                    reference.at["id"], f"{metric_id}.references[{index}].id",
                    f"reference id `{ref_id}` is already used by `references[{seen[ref_id]}]` of this "
                    "metric; give each reference its own id",
                ))
            else:
                seen[ref_id] = index
    return found


def _check_metric_id(key: str) -> None:
    check_id(key, "metric id")
    if key in RESERVED_IDS:
        raise BadValue(f"`{key}` is a reserved name; choose another id")


# A running count counts things: only count-like families may be cumulative.
CUMULATIVE_FAMILIES = ("count",)


def _check_cumulative(metrics: Mapping[str, tuple[ReadMapping | None, Location]]) -> list[Problem]:
    """`cumulative: true` only on a count-like metric that changes over time."""
    found = []
    for metric_id, (obj, _) in sorted(metrics.items()):
        if obj is None or not obj.get("cumulative"):
            continue
        family, where = obj.get("family"), obj.at["cumulative"]
        if family is not None and family not in CUMULATIVE_FAMILIES:
            found.append(Problem(where, f"{metric_id}.cumulative",
                                 f"only a count can be a running count; `{metric_id}` is a {family} "
                                 f"(cumulative is allowed on: {', '.join(CUMULATIVE_FAMILIES)})"))
        elif obj.get("fixed"):
            found.append(Problem(where, f"{metric_id}.cumulative",
                                 "a metric cannot be both `fixed` (never changes) and `cumulative` "
                                 "(a running count)"))
    return found


def _check_topic_id(key: str) -> None:
    check_id(key, "topic id")
    if key in RESERVED_IDS:
        raise BadValue(f"`{key}` is a reserved name; choose another id")


def _check_unit_name(key: str) -> None:
    check_spelling(key)
    if not key.strip():
        raise BadValue("a unit name must not be empty")
    if key != unit_key(key):
        raise BadValue(f"`{key[:40]}`: write unit names in lowercase, without spaces around them")


def _load_table(
    data_dir: Path,
    root: Path,
    name: str,
    fields: Mapping[str, Field],
    check_key: Callable[[str], None],
    problems: list[Problem],
) -> dict[str, tuple[ReadMapping | None, Location]]:
    """A file mapping names to entries of `fields`, such as metrics.yml or units.yml."""
    file = _display(data_dir / name, root)
    tree, found = _read(data_dir / name, file)
    problems.extend(found)
    chk = FileCheck(file)
    table: dict[str, tuple[ReadMapping | None, Location]] = {}
    for key, node in tree.items if tree else ():
        try:
            check_key(key.text)
        except BadValue as err:
            chk.add(key.where, key.text, str(err))
            continue
        obj = convert_object(node, fields, key.text, chk) if not isinstance(node, YRefused) else None
        table[key.text] = (obj, key.where)
    problems.extend(chk.problems)
    return table


def _outside(path: Path, project: Path) -> bool:
    """Does `path`, symbolic links followed, lead out of `project`?"""
    real, top = os.path.realpath(path), os.path.realpath(project)
    return os.path.commonpath([real, top]) != top


# Notes for contributors beside the briefs, never read as briefs.
DOCUMENTATION_SUFFIXES = (".md",)


def _brief_files(briefs_dir: Path, root: Path, project: Path, problems: list[Problem]) -> list[Path]:
    """The brief files in `briefs_dir`, sorted; anything else there is reported.

    Files whose names start with `.` (editor swap files, .gitkeep) are ignored,
    and so are Markdown files (a README.md for contributors): documentation,
    not a brief mistyped. A name that looks like a brief's (`.yml.txt`,
    `.yaml~`, `.YML`) keeps its error.
    """
    where = Location(_display(briefs_dir, root), 1, 1)
    if not briefs_dir.is_dir():
        what = "is not a folder" if briefs_dir.exists() else "is missing"
        message = f"the briefs folder {what}: briefs go in data/briefs/<id>.yml"
        problems.append(Problem(where, WHOLE_FILE, message))
        return []
    if _outside(briefs_dir, project):
        message = f"resolves outside the project, to {briefs_dir.resolve()}"
        problems.append(Problem(where, WHOLE_FILE, message))
        return []
    briefs: list[Path] = []
    for path in sorted(briefs_dir.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        if path.suffix.lower() in DOCUMENTATION_SUFFIXES and path.is_file():
            continue
        if path.suffix in BRIEF_SUFFIXES:
            briefs.append(path)
            continue
        start = Location(_display(path, root), 1, 1)
        if path.suffix.lower() in BRIEF_SUFFIXES:
            lower = path.suffix.lower()
            message = f"brief files end in lowercase `{lower}`: rename it to `{path.stem}{lower}`"
        elif path.is_dir() and not path.is_symlink():
            message = "a folder inside data/briefs/ is not read: put briefs directly in data/briefs/"
        else:
            message = (
                "not a brief, and not read: data/briefs/ holds only .yml and .yaml files "
                "(names starting with `.` and Markdown notes such as README.md are ignored); "
                "move or delete it"
            )
        problems.append(Problem(start, WHOLE_FILE, message))
    return briefs


def _load_brief(path: Path, root: Path, problems: list[Problem]) -> BriefInfo:
    file = _display(path, root)
    chk = FileCheck(file, brief_id=path.stem)
    try:
        check_id(path.stem, "brief id (the file name)")
        if path.stem in RESERVED_IDS:
            raise BadValue(f"`{path.stem}` is a reserved name; rename the file")
    except BadValue as err:
        chk.add(Location(file, 1, 1), WHOLE_FILE, str(err))
    data, found = _read_bytes(path, file)
    tree = None
    if data is not None:
        tree, found = read_yaml(data, file)
        chk.source = SourceText.of_bytes(data)
    problems.extend(found)
    obj = convert_object(tree, BRIEF_FIELDS, "", chk) if tree is not None else None
    claim_ids: set[str] = set()
    if obj is not None:
        check_brief(obj, chk)
        claim_ids = {c.values["id"] for c in obj.get("claims", []) if c is not None and c.values.get("id")}
    return BriefInfo(path.stem, file, chk, obj if tree is not None else None, claim_ids)


# --- Building the model once everything is valid ------------------------------


def _build_entity(entity_id: str, info: EntityInfo) -> Entity:
    assert info.obj is not None
    o = info.obj
    return Entity(
        id=entity_id,
        kind=info.kind,
        name=o.values["name"],
        category=o.values["kind"] or "",  # "" only for an entry still pending (load_corpus)
        description=o.values["description"] or "",
        aliases=tuple(o.get("aliases", [])),
        wikidata=o.get("wikidata"),
        side=o.get("side"),
        affiliation=o.get("affiliation"),
        latitude=o.get("latitude"),
        longitude=o.get("longitude"),
        region=o.get("region"),
        origin=info.where,
    )


def _load_units(data_dir: Path, root: Path, problems: list[Problem]) -> UnitsFile:
    """data/units.yml over briefgen's defaults: the units and families of this corpus."""
    file = _display(data_dir / UNITS_FILE, root)
    tree, found = _read(data_dir / UNITS_FILE, file)
    problems.extend(found)
    return read_units(tree, file, _check_unit_name, problems)


def _check_metric_families(metrics: Mapping[str, tuple[ReadMapping | None, Location]], units: UnitsFile,
                           problems: list[Problem]) -> None:
    """Each metric's family is one data/units.yml or the defaults declare."""
    for name, (obj, _where) in sorted(metrics.items()):
        family = obj.values.get("family") if obj is not None else None
        if obj is not None and family is not None and family not in units.families:
            message = unknown_family(family, units.families)
            problems.append(Problem(obj.at["family"], f"{name}.family", message))


def _build_units(table: Mapping[str, tuple[ReadMapping | None, Location]],
                 families: Mapping[str, Family]) -> dict[str, Unit]:
    return {
        name: Unit(name, obj.values["family"], obj.values["factor"], origin=where,
                   display=obj.values.get("display") or "",
                   kind=family_named(obj.values["family"], families))
        for name, (obj, where) in sorted(table.items())
        if obj is not None
    }


def _build_brief(brief: BriefInfo, units: Mapping[str, Unit]) -> Brief:
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
        mentions=tuple(Mention(m.values["id"], m.values["role"]) for m in items_of(o, "entities")),
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
                reference=f.get("reference"),
                source=f.get("origin"),
                of=f.get("of"),
                credibility=_grade(f.get("credibility")),
                context=f.get("context", ""),
                known_unit=units[unit_key(f.values["unit"])],
                origin=f.where,
            )
            for f in items_of(o, "figures")
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
            for q in items_of(o, "quotes")
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
            for e in items_of(o, "events")
        ),
        claims=tuple(
            Claim(
                id=c.values["id"],
                by=c.get("by"),
                text=c.values["text"],
                as_of=c.get("as_of"),
                via=c.get("via"),
                contradicts=tuple(c.get("contradicts", [])),
                kind=c.get("kind"),
                credibility=_grade(c.get("credibility")),
                origin=c.where,
            )
            for c in items_of(o, "claims")
        ),
        sources=tuple(o.get("sources", [])),
        reliability=o.get("reliability"),
        origin=o.where,
    )


def _grade(written: str | None) -> int | None:
    # An information credibility is read as a choice of "1"-"6" (so a wrong one
    # lists the allowed grades) and kept as its number.
    return int(written) if written is not None else None


# --- Public API ---------------------------------------------------------------


def _load(data_dir: Path, root: Path, pending: bool = False) -> tuple[Corpus | None, Loaded]:
    """Read and check everything under `data_dir`; the corpus only when clean."""
    problems: list[Problem] = []
    where = Location(_display(data_dir, root), 1, 1)
    if not data_dir.is_dir():
        problems.append(Problem(where, WHOLE_FILE, "data directory not found"))
        return None, Loaded(problems, {}, {}, {}, {}, frozenset())
    # The project is the display root when the data lies in it, else the data's
    # parent: a symbolic link must not lead the build out of it.
    data_abs = Path(os.path.abspath(data_dir))
    project = Path(os.path.abspath(root))
    if os.path.commonpath([data_abs, project]) != str(project):
        project = data_abs.parent
    if _outside(data_dir, project):
        message = f"resolves outside the project, to {data_dir.resolve()}"
        problems.append(Problem(where, WHOLE_FILE, message))
        return None, Loaded(problems, {}, {}, {}, {}, frozenset())
    entities, registry_checks, registry = _load_registry(data_dir, root, problems, pending)
    metrics = _load_table(data_dir, root, METRICS_FILE, METRIC_FIELDS, _check_metric_id, problems)
    problems.extend(_check_cumulative(metrics))
    units_file = _load_units(data_dir, root, problems)
    units = units_file.units
    _check_metric_families(metrics, units_file, problems)
    vocabulary, vocabulary_check = _load_vocabulary(data_dir, root, problems)
    check_entries(vocabulary, entities, {chk.file: chk for chk in registry_checks}, vocabulary_check)
    problems += _duplicate_reference_ids(metrics)
    topics = (
        _load_table(data_dir, root, TOPICS_FILE, TOPIC_FIELDS, _check_topic_id, problems)
        if os.path.lexists(data_dir / TOPICS_FILE)
        else {}
    )
    briefs: dict[str, BriefInfo] = {}
    brief_files: set[str] = set()
    for path in _brief_files(data_dir / "briefs", root, project, problems):
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
    # Problems with other files of data/briefs/ are left out, as other briefs'
    # are, when one brief is checked alone.
    brief_files |= {p.location.file for p in problems if p.location.file.startswith(f"{where.file}/briefs/")}
    loaded = Loaded(problems, entities, metrics, units, briefs, frozenset(brief_files), topics, vocabulary,
                    registry, units_file.families)
    brief_checks = [b.chk for b in briefs.values()]
    check_references(loaded, [*registry_checks, vocabulary_check, *brief_checks])
    check_spellings(loaded)
    for brief in briefs.values():
        check_mentions(brief, loaded)
        check_figure_units(brief, loaded)
        check_figure_references(brief, loaded)
        check_claim_links(brief, loaded)
    for chk in [*registry_checks, vocabulary_check, *brief_checks]:
        problems.extend(chk.problems)
    if problems:
        return None, loaded
    known_units = _build_units(units, units_file.families)
    corpus = Corpus(
        briefs=tuple(_build_brief(briefs[b], known_units) for b in sorted(briefs)),
        entities=tuple(_build_entity(e, entities[e]) for e in sorted(entities)),
        metrics=tuple(
            Metric(m, obj.values["label"], obj.values["family"], obj.values["description"], origin=where,
                   references={r.values["id"]: r.values["description"] for r in items_of(obj, "references")},
                   fixed=bool(obj.get("fixed", False)), cumulative=bool(obj.get("cumulative", False)))
            for m, (obj, where) in sorted(metrics.items())
            if obj is not None
        ),
        units=tuple(known_units.values()),
        families=tuple(family for _, family in sorted(units_file.families.items())),
        vocabulary=vocabulary,
        topics=tuple(
            Topic(t, obj.values["name"], obj.values["description"], origin=where)
            for t, (obj, where) in sorted(topics.items())
            if obj is not None
        ),
    )
    return corpus, loaded


def load_corpus(data_dir: Path, *, display_root: Path | None = None, pending_entries: bool = False) -> Corpus:
    """Read and validate everything under `data_dir`.

    Raises InvalidData listing every problem in every file; locations are
    shown relative to `display_root` (default: the current directory).
    `pending_entries`: registry entries may keep `TODO:` placeholders (read as
    empty), for `find` and `add` while a contributor adds several entities.
    """
    with collections_paused():
        corpus, loaded = _load(Path(data_dir), Path(display_root) if display_root else Path.cwd(),
                               pending_entries)
    if corpus is None:
        raise InvalidData(loaded.problems)
    return corpus


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off for the duration.

    Loading allocates millions of objects that all outlive it (parsed files,
    locations, the model), and a collection rescans every one of them: at
    1,000 briefs the collector took 4.8 s of a 6.2 s load. The loader makes
    no reference cycles worth reclaiming early; collections resume after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_units(data_dir: Path, *, display_root: Path | None = None) -> tuple[Unit, ...]:
    """Only the units table, data/units.yml, of `data_dir`, sorted by name.

    Raises InvalidData as `load_corpus` does, for problems in that file only.
    """
    root = Path(display_root) if display_root else Path.cwd()
    problems: list[Problem] = []
    units = _load_units(Path(data_dir), root, problems)
    if problems:
        raise InvalidData(problems)
    return tuple(_build_units(units.units, units.families).values())


def check_paths(paths: Sequence[Path], *, display_root: Path | None = None) -> list[Problem]:
    """Problems in data directories or single brief files, sorted and unique.

    A brief file is checked against the registry of the data directory it
    sits in (the parent of its `briefs/` folder); problems in other briefs are
    left out, problems in the registry, metrics and units are kept.
    """
    root = Path(display_root) if display_root else Path.cwd()
    found: set[Problem] = set()
    cache: dict[str, Loaded] = {}
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
        for problem in loaded.problems:
            # Another brief's problem is left out, unless it also concerns this
            # one (an unknown id both use): then it is shown at this one's use.
            shown = problem if only is None or problem.location.file not in loaded.brief_files else (
                problem.seen_from(only))
            if shown is not None:
                found.add(shown)
    return list(in_report_order(found))
