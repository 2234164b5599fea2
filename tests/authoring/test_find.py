"""`briefgen find`: the real registry searched by case, accents, transliteration and script."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.authoring.cli import main
from briefgen.authoring.find import RegistrySearch, entries_of, load_registry
from briefgen.authoring.textscan import fold
from briefgen.read.load import load_corpus

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def search() -> RegistrySearch:
    return RegistrySearch(entries_of(load_corpus(REPO / "data", display_root=REPO)))


# (what a contributor types, the id it must find first)
SPELLINGS = [
    ("Zelenskyy", "volodymyr-zelensky"),
    ("zelensky", "volodymyr-zelensky"),
    ("ZELENSKIY", "volodymyr-zelensky"),
    ("Зеленський", "volodymyr-zelensky"),  # Ukrainian Cyrillic
    ("Avdeevka", "avdiivka"),  # a transliteration the registry does not list
    ("Авдіївка", "avdiivka"),
    ("Kiev", "kyiv"),
    ("Київ", "kyiv"),
    ("Киев", "kyiv"),  # Russian Cyrillic
    ("krasnoarmeysk", "pokrovsk"),  # a former name
    ("Покровськ", "pokrovsk"),
    ("Siobhan O'Grady", "siobhan-ogrady"),  # without the accent
    ("siobhán o’grady", "siobhan-ogrady"),  # typographic apostrophe
    ("isw", "institute-for-the-study-of-war"),
    ("Artemovsk", "bakhmut"),
    ("Bachmut", "bakhmut"),  # German spelling
    ("Мирноград", "myrnohrad"),
    ("Prigojine", "yevgeny-prigozhin"),  # French spelling
    ("Kharkov Oblast", "kharkiv-oblast"),
    ("Zaporozhye", "zaporizhzhia"),  # the city before the oblast
    ("kilometers", "kilometres"),  # a unit
    ("pre-war population", "population-prewar"),  # a metric, by its label
    ("Washington Post", "washington-post"),
]


@pytest.mark.parametrize(("query", "expected"), SPELLINGS)
def test_any_spelling_finds_the_entry_first(search: RegistrySearch, query: str, expected: str) -> None:
    matches = search.find(query)
    assert matches, query
    assert matches[0].entry.id == expected


def test_a_short_name_inside_the_query_is_not_a_match(search: RegistrySearch) -> None:
    # `US` is an alias of the United States, `m` a unit: neither is the US Congress or Bakhmut
    assert "united-states" not in {m.entry.id for m in search.find("US Congress")}
    assert "m" not in {m.entry.id for m in search.find("Bachmut")}
    assert "zaporizhzhia" not in {m.entry.id for m in search.find("AP")}  # initials are not a fragment


def test_nothing_close_finds_nothing(search: RegistrySearch) -> None:
    assert search.find("Xqzvbrt Plorgh") == []


def test_kind_filter_and_exact_ranking(search: RegistrySearch) -> None:
    assert {m.entry.kind for m in search.find("Donetsk", kinds=("place",))} == {"place"}
    pokrovsk = search.find("Pokrovsk")
    assert pokrovsk[0].entry.id == "pokrovsk" and pokrovsk[0].score > 100  # exact beats partial matches


def test_folding_keeps_names_apart_and_possessives_off() -> None:
    assert fold("Siobhán O’Grady") == fold("siobhan ogrady") == "siobhan ogrady"
    assert fold("Kyiv’s") == "kyiv s"
    assert fold("Donetsk People's Republic") == fold("Donetsk People’s Republic")


def test_cli_prints_id_kind_and_description(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data")
    # Avdeevka is how Авдеевка (an alias) reads in Latin letters: an exact match.
    assert main(["find", "Avdeevka"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("avdiivka  place (city)  Avdiivka: ") and "exact, matched `Авдеевка`" in out[0]
    # A misspelling is offered with a warning that it may be another place.
    assert main(["find", "Avdeyevkka"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("no entry is spelled `Avdeyevkka`")
    assert out[1].startswith("avdiivka  place (city)  Avdiivka: ") and "matched `Avdeyevka`" in out[1]
    assert main(["find", "Donetsk", "Oblast"]) == 0  # several words are one name
    assert capsys.readouterr().out.startswith("donetsk-oblast  place (region)")
    assert main(["find", "Xqzvbrt"]) == 1
    assert "no entry is close to `Xqzvbrt`" in capsys.readouterr().out


def test_a_broken_brief_does_not_stop_a_look_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "data" / "briefs" / "half-written.yml").write_text("title: [unclosed\n", "utf-8")
    corpus, briefs_left_out = load_registry(tmp_path / "data")
    assert briefs_left_out and corpus.briefs == ()
    assert main(["find", "Kiev"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("kyiv  place (city)")
    assert "searched the registry alone" in captured.err


def test_a_broken_registry_is_reported_with_locations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data")
    people = tmp_path / "data" / "people.yml"
    people.write_text(people.read_text("utf-8") + "new-person:\n  name: New Person\n", "utf-8")
    assert main(["find", "Kiev"]) == 1
    err = capsys.readouterr().err
    assert "the registry has problems" in err
    assert "data/people.yml:" in err and "missing required key `description`" in err
