"""data/vocabulary.yml: sides, colours, qualifier words and chart metrics as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.build.steps import generate_site
from briefgen.model import DEFAULT_VOCABULARY
from briefgen.read.load import InvalidData, load_corpus
from briefgen.write.charts import ChartCache
from tests.conftest import MINI, ROOT, copy_project


def project_with(tmp_path: Path, vocabulary: str | None) -> Path:
    project = copy_project(MINI, tmp_path / "p")
    path = project / "data" / "vocabulary.yml"
    if vocabulary is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(vocabulary, encoding="utf-8")
    return project


def problems(project: Path) -> list[str]:
    with pytest.raises(InvalidData) as raised:
        load_corpus(project / "data", display_root=project)
    return [str(p) for p in raised.value.problems]


def test_the_real_vocabulary_declares_the_wars_words() -> None:
    vocabulary = load_corpus(ROOT / "data", display_root=ROOT).vocabulary
    assert [s.label for s in vocabulary.sides][:2] == ["Ukrainian officials and forces",
                                                       "Russian officials and state media"]
    assert vocabulary.words_of_chart("population").title == "Population: before the war and remaining"
    assert vocabulary.population_metrics == ("population-prewar", "civilians-remaining")


WAR_WORDS = ("war", "invasion", "ukrain", "russia", "casualt", "troops", "soldier", "front", "military",
             "commander", "armed")


def test_the_defaults_speak_of_no_war() -> None:
    text = repr(DEFAULT_VOCABULARY).lower()
    assert not [word for word in WAR_WORDS if word in text]


def test_without_the_file_the_defaults_apply(tmp_path: Path) -> None:
    project = project_with(tmp_path, None)
    for path in (project / "data").glob("*.yml"):  # the mini registry's war sides and kinds
        text = path.read_text("utf-8").replace("side: russia", "side: official")
        path.write_text(text.replace("kind: commander", "kind: official"), encoding="utf-8")
    assert load_corpus(project / "data", display_root=project).vocabulary == DEFAULT_VOCABULARY


def test_an_editor_renames_recolours_and_rewords_without_code(tmp_path: Path) -> None:
    project = project_with(tmp_path, (
        "sides:\n"
        "  ukraine: {label: Kyiv's side, colour: '#112233'}\n"
        "  russia: {label: Moscow's side, colour: '#445566'}\n"
        "  independent: {label: Outside analysts, colour: '#778899'}\n"
        "  media: {label: The press, colour: '#AABBCC'}\n"
        "qualifiers: {about: roughly, at-least: no fewer than, more-than: over, up-to: as many as,"
        " fewer-than: under}\n"
        "charts: {population: [population-prewar], claims-by-side: []}\n"
        "overview: {population: {heading: Head count, title: People in each place}}\n"
        "kinds: {person: [analyst, commander]}\n"
    ))
    corpus = load_corpus(project / "data", display_root=project)
    files = {f.path: str(f.content) for f in generate_site(corpus, ChartCache(tmp_path / "c"))}
    assert "roughly 60,000 people" in files["figures/population-prewar/pokrovsk.md"]
    assert "Outside analysts" in files["people/anna-kovalenko.md"]
    population = files["figures/charts/population.svg"]
    assert "#778899" in population and "Outside analysts" in population
    assert "figures/charts/claims-by-side.svg" not in files
    assert "## Head count" in files["figures/index.md"] and "People in each place" in population
    assert "The chosen metrics, subject by subject" in files["figures/index.md"]  # left out: the default


@pytest.mark.parametrize("text, expected", [
    ("sidez: {}\n", "data/vocabulary.yml:1:1: sidez: unknown section `sidez`; did you mean `sides`?"),
    ("sides:\n  ukraine: {label: Kyiv, colour: blue}\n",
     "data/vocabulary.yml:2:34: sides.ukraine.colour: `blue` is not a colour; write #rrggbb"),
    ("sides:\n  Ukraine: {label: Kyiv, colour: '#000000'}\n",
     "data/vocabulary.yml:2:3: sides.Ukraine: `Ukraine` is not a valid side id"),
    ("qualifiers: {about: roughly, oops: x}\n",
     "data/vocabulary.yml:1:30: qualifiers.oops: unknown key `oops`"),
    ("charts: {population: [population-pre-war]}\n",
     "data/vocabulary.yml:1:23: charts.population[0]: unknown metric `population-pre-war`"),
])
def test_a_bad_vocabulary_is_a_located_error(tmp_path: Path, text: str, expected: str) -> None:
    found = problems(project_with(tmp_path, text))
    assert any(p.startswith(expected) for p in found), found


def test_a_side_the_vocabulary_does_not_list_is_refused_where_it_is_used(tmp_path: Path) -> None:
    project = project_with(tmp_path, "sides:\n  ukraine: {label: Kyiv, colour: '#000000'}\n")
    found = problems(project)
    assert any(p.startswith("data/people.yml:") and ".side: unknown side `independent`; the sides are ukraine"
               in p for p in found), found
