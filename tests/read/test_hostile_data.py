"""More hostile inputs under data/: topics, vocabulary, coordinates, references,
duplicate ids, files beside the briefs. Same contract as test_hostile.py: each
case fails the load and `check` with the same problems, one located as given.
Then the cases that must be accepted, and the causes reported first and alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.read.load import InvalidData, check_paths, load_corpus
from tests.conftest import MINI
from tests.read.test_hostile import (
    ALPHA,
    Case,
    alpha,
    append,
    copy,
    make_dir,
    replace,
    write,
)

VOCABULARY = """sides:
  independent:
    label: Independent analysts
    colour: "#009E73"
  media:
    label: Journalists
    colour: "#CC79A7"
  russia:
    label: Russian officials
    colour: "#D55E00"
"""
POKROVSK_COORDS = "  latitude: 48.282\n  longitude: 37.176\n"
REFERENCES = """  references:
    - id: to-city
      description: measured to the city
"""


def vocabulary(text: str) -> tuple:
    return (write("vocabulary.yml", text),)


def places(old: str, new: str):
    return replace("places.yml", old, new)


# The mini registry in the words of briefgen's own defaults, which assume no topic.
NEUTRAL_REGISTRY = (replace("people.yml", "kind: commander", "kind: official"),
                    replace("people.yml", "side: russia", "side: official"))


def metric_references(text: str) -> tuple:
    return (replace("metrics.yml", "  description: Civilians still in a place at the time given.\n",
                    "  description: Civilians still in a place at the time given.\n" + text),)


DATA_CASES: list[Case] = [
    # --- vocabulary.yml
    Case("vocabulary-colour-a-word", vocabulary(VOCABULARY.replace('"#009E73"', "green")),
         "vocabulary.yml", 4, "sides.independent.colour", "is not a colour"),
    Case("vocabulary-colour-short-hex", vocabulary(VOCABULARY.replace('"#009E73"', '"#0E7"')),
         "vocabulary.yml", 4, "sides.independent.colour", "is not a colour"),
    Case("vocabulary-colour-with-css", vocabulary(VOCABULARY.replace('"#009E73"', '"#009E73;x:url(a)"')),
         "vocabulary.yml", 4, "sides.independent.colour", "is not a colour"),
    Case("vocabulary-colour-script", vocabulary(VOCABULARY.replace('"#009E73"', '"</style><script>"')),
         "vocabulary.yml", 4, "sides.independent.colour", "is not a colour"),
    Case("vocabulary-side-without-label", vocabulary(VOCABULARY.replace("    label: Journalists\n", "")),
         "vocabulary.yml", '    colour: "#CC79A7"', "sides.media.label", "missing required key"),
    Case("vocabulary-unknown-section", vocabulary("colours:\n  a: b\n"),
         "vocabulary.yml", 1, "colours", "unknown section"),
    Case("vocabulary-side-id-upper-case",
         vocabulary(VOCABULARY + "  Other:\n    label: X\n    colour: \"#000000\"\n"),
         "vocabulary.yml", "  Other:", "sides.Other", "side id"),
    Case("vocabulary-sides-a-list", vocabulary("sides: [independent, media]\n"),
         "vocabulary.yml", 1, "sides", "expected a mapping"),
    Case("vocabulary-kind-listed-twice", vocabulary("kinds:\n  person: [analyst, analyst]\n"),
         "vocabulary.yml", 2, "kinds.person[1]", "listed twice"),
    Case("vocabulary-kinds-empty-list", vocabulary("kinds:\n  person: []\n"),
         "vocabulary.yml", 2, "kinds.person", "list at least one kind"),
    Case("vocabulary-unknown-qualifier", vocabulary("qualifiers:\n  roughly: roughly\n"),
         "vocabulary.yml", 2, "qualifiers.roughly", "unknown"),
    Case("vocabulary-chart-unknown-metric", vocabulary("charts:\n  population: [no-such-metric]\n"),
         "vocabulary.yml", 2, "charts.population[0]", "no-such-metric"),
    Case("vocabulary-side-used-but-missing", vocabulary(VOCABULARY.replace(
        '  russia:\n    label: Russian officials\n    colour: "#D55E00"\n', "")),
         "people.yml", "  side: russia", "boris-ivanov.side", "unknown side `russia`"),
    Case("vocabulary-anchor-and-alias", vocabulary("sides: &s\n  a:\n    label: A\n    colour: \"#000000\"\n"
                                                   "kinds: *s\n"),
         "vocabulary.yml", 1, "sides", "anchor"),
    # --- metrics.yml references and other duplicate ids
    Case("metric-reference-id-twice", metric_references(REFERENCES + "    - id: to-city\n"
                                                        "      description: again\n"),
         "metrics.yml", "    - id: to-city\n      description: again", "civilians-remaining.references[1].id",
         "already used by `references[0]`"),
    Case("metric-reference-id-twice-with-others-between", metric_references(
        REFERENCES + "    - id: other\n      description: b\n    - id: to-city\n      description: c\n"),
         "metrics.yml", "    - id: to-city\n      description: c", "civilians-remaining.references[2].id",
         "already used"),
    Case("metric-reference-without-id", metric_references("  references:\n    - description: x\n"),
         "metrics.yml", "    - description: x", "civilians-remaining.references[0].id", "missing required"),
    Case("metric-reference-id-upper-case", metric_references("  references:\n    - id: To-City\n"
                                                             "      description: x\n"),
         "metrics.yml", "    - id: To-City", "civilians-remaining.references[0].id", "lowercase"),
    Case("figure-names-an-undeclared-reference",
         (alpha("    unit: people\n", "    unit: people\n    reference: nowhere\n"),),
         ALPHA, "    reference: nowhere", "figures[0].reference", "declares no references"),
    Case("metric-id-twice", (append("metrics.yml", "civilians-remaining:\n  label: X\n  family: count\n"
                                    "  description: x\n"),),
         "metrics.yml", "civilians-remaining:\n  label: X", "civilians-remaining", "duplicate"),
    Case("topic-id-twice", (append("topics.yml", "pokrovsk:\n  name: X\n  description: x\n"),),
         "topics.yml", "pokrovsk:\n  name: X", "pokrovsk", "duplicate"),
    Case("quote-id-twice", (alpha("    context: Speaking to the paper.\n",
                                  "    context: Speaking to the paper.\n  - id: fall\n"
                                  "    speaker: anna-kovalenko\n    text: \"Again.\"\n"
                                  "    context: Again.\n"),),
         ALPHA, "  - id: fall\n    speaker: anna-kovalenko\n    text: \"Again", "quotes[1].id",
         "already used"),
    Case("event-id-twice-across-kinds", (alpha("  - id: imminent\n", "  - id: incursion\n"),),
         ALPHA, "  - id: incursion\n    by:", "claims[0].id", "already used"),
    Case("unit-name-twice", (append("units.yml", "people: {family: count, factor: 1}\n"),),
         "units.yml", "people: {family: count, factor: 1}\n", "people", "duplicate"),
    # --- topics
    Case("topic-unknown-in-a-brief", (alpha("topics: [pokrovsk]", "topics: [pokrovsk, kharkiv]"),),
         ALPHA, "topics:", "topics[1]", "kharkiv"),
    Case("topic-id-reserved", (append("topics.yml", "index:\n  name: X\n  description: x\n"),),
         "topics.yml", "index:", "index", "reserved"),
    Case("topic-without-name", (append("topics.yml", "extra:\n  description: x\n"),),
         "topics.yml", "  description: x\n", "extra.name", "missing required"),
    Case("topic-name-script", (append("topics.yml", "extra:\n  name: 1\n  description: [a]\n"),),
         "topics.yml", "  description: [a]", "extra.description", "text"),
    Case("topic-id-with-slash", (append("topics.yml", "a/b:\n  name: X\n  description: x\n"),),
         "topics.yml", "a/b:", "a/b", "id"),
    # --- coordinates
    Case("longitude-beyond-180", (places(POKROVSK_COORDS, "  latitude: 48.282\n  longitude: 537.176\n"),),
         "places.yml", "  longitude: 537.176", "pokrovsk.longitude", ""),
    Case("latitude-a-word", (places(POKROVSK_COORDS, "  latitude: north\n  longitude: 37.176\n"),),
         "places.yml", "  latitude: north", "pokrovsk.latitude", "number"),
    Case("latitude-nan", (places(POKROVSK_COORDS, "  latitude: .nan\n  longitude: 37.176\n"),),
         "places.yml", "  latitude: .nan", "pokrovsk.latitude", ""),
    Case("longitude-without-latitude", (places(POKROVSK_COORDS, "  longitude: 37.176\n"),),
         "places.yml", "  longitude: 37.176", "pokrovsk.longitude", "latitude"),
    Case("coordinates-as-a-string-pair", (places(POKROVSK_COORDS, "  latitude: '48.282, 37.176'\n"
                                                                  "  longitude: 37.176\n"),),
         "places.yml", "  latitude: '48.282", "pokrovsk.latitude", "number"),
    Case("latitude-on-a-person", (replace("people.yml", "  side: independent\n",
                                          "  side: independent\n  latitude: 48.0\n"),),
         "people.yml", "  latitude: 48.0", "anna-kovalenko.latitude", "unknown"),
    # --- files beside the briefs: near misses of a brief keep their error
    Case("brief-saved-as-yml-txt", (copy(ALPHA, "briefs/gamma.yml.txt"),),
         "briefs/gamma.yml.txt", 1, "(file)", "not a brief"),
    Case("brief-saved-with-tilde", (copy(ALPHA, "briefs/gamma.yaml~"),),
         "briefs/gamma.yaml~", 1, "(file)", "not a brief"),
    Case("brief-saved-as-mixed-case-yml", (copy(ALPHA, "briefs/gamma.Yml"),),
         "briefs/gamma.Yml", 1, "(file)", "lowercase `.yml`"),
    Case("markdown-folder-in-briefs", (make_dir("briefs/notes.md"),),
         "briefs/notes.md", 1, "(file)", "folder inside data/briefs/"),
    Case("json-brief", (write("briefs/gamma.json", "{}"),),
         "briefs/gamma.json", 1, "(file)", "not a brief"),
]


def _line_of(project: Path, case: Case) -> int:
    if isinstance(case.line, int):
        return case.line
    text = (project / "data" / case.file).read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(case.line)) + 1


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(MINI / "data", project / "data")
    return project


@pytest.mark.parametrize("case", DATA_CASES, ids=[case.name for case in DATA_CASES])
def test_hostile_data_is_a_located_error_in_check_and_build(tmp_path: Path, case: Case) -> None:
    project = _project(tmp_path)
    for edit in case.edits:
        edit(project)
    with pytest.raises(InvalidData) as caught:
        load_corpus(project / "data", display_root=project)
    problems = list(caught.value.problems)
    shown = "\n".join(map(str, problems))
    file = "data/" + case.file
    line = _line_of(project, case)
    matching = [p for p in problems if (p.location.file, p.location.line, p.field) == (file, line, case.field)
                and case.message in p.message]
    assert matching, f"wanted {file}:{line}: {case.field}: …{case.message}…; got:\n{shown}"
    assert all(p.location.line >= 1 and p.location.column >= 1 for p in problems), shown
    assert check_paths([project / "data"], display_root=project) == problems


ACCEPTED = {
    "readme-in-briefs": (write("briefs/README.md", "# Briefs\n\nOne file per article.\n"),),
    "any-markdown-note-in-briefs": (write("briefs/conventions.md", "notes"),),
    "upper-case-markdown-note": (write("briefs/NOTES.MD", "notes"),),
    # briefgen's own defaults assume no topic: the registry keeps to their words.
    "vocabulary-every-key-left-out": (write("vocabulary.yml", "# nothing changed\n"), *NEUTRAL_REGISTRY),
    "vocabulary-some-qualifiers-left-out": (
        write("vocabulary.yml", "qualifiers:\n  at-least: no fewer than\n"), *NEUTRAL_REGISTRY),
    "vocabulary-only-sides": (write("vocabulary.yml", VOCABULARY),
                              replace("people.yml", "kind: commander", "kind: official")),
    "vocabulary-only-kinds-of-one-type": (
        write("vocabulary.yml", "kinds:\n  place: [city, region, town]\n"), *NEUTRAL_REGISTRY),
    "metric-with-distinct-references": metric_references(REFERENCES + "    - id: to-river\n"
                                                         "      description: measured to the river\n"),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_harmless_input_is_accepted(tmp_path: Path, name: str) -> None:
    project = _project(tmp_path)
    for edit in ACCEPTED[name]:
        edit(project)
    corpus = load_corpus(project / "data", display_root=project)
    assert [b.id for b in corpus.briefs] == ["alpha", "beta"]


def test_a_qualifier_left_out_keeps_its_default_word(tmp_path: Path) -> None:
    project = _project(tmp_path)
    write("vocabulary.yml", "qualifiers:\n  at-least: no fewer than\n")(project)
    for step in NEUTRAL_REGISTRY:
        step(project)
    words = load_corpus(project / "data", display_root=project).vocabulary
    assert words.words("at-least") == "no fewer than"
    assert words.words("about") == "about" and words.words("up-to") == "up to"


def test_a_bad_colour_is_reported_first_and_alone(tmp_path: Path) -> None:
    """Not followed by an "unknown side" at every entry on that side."""
    project = _project(tmp_path)
    write("vocabulary.yml", VOCABULARY.replace('"#009E73"', "green"))(project)
    NEUTRAL_REGISTRY[0](project)  # a kind briefgen's defaults know
    with pytest.raises(InvalidData) as caught:
        load_corpus(project / "data", display_root=project)
    assert [str(p) for p in caught.value.problems] == [
        "data/vocabulary.yml:4:13: sides.independent.colour: `green` is not a colour; write #rrggbb"]


def test_a_sides_section_that_cannot_be_read_is_the_only_problem(tmp_path: Path) -> None:
    project = _project(tmp_path)
    write("vocabulary.yml", "sides: [independent, media]\n")(project)
    NEUTRAL_REGISTRY[0](project)  # a kind briefgen's defaults know
    with pytest.raises(InvalidData) as caught:
        load_corpus(project / "data", display_root=project)
    assert [p.field for p in caught.value.problems] == ["sides"]
