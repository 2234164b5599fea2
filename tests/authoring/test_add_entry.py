"""`briefgen add` writes registry entries; `find` reads Ukrainian and Russian spellings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from briefgen.authoring.cli import main
from briefgen.authoring.translit import national_spellings
from briefgen.read.load import InvalidData, load_corpus

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def test_add_writes_an_entry_with_placeholders_that_check_reports(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "person", "Valerii Zaluzhnyi", "--alias", "Залужний", "--alias", "Zaluzhny"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added a person `valerii-zaluzhnyi` to data/people.yml")
    entry = yaml.safe_load((project / "data" / "people.yml").read_text("utf-8"))["valerii-zaluzhnyi"]
    assert entry["name"] == "Valerii Zaluzhnyi" and entry["aliases"] == ["Залужний", "Zaluzhny"]
    assert entry["kind"].startswith("TODO: analyst, civilian, commander")
    with pytest.raises(InvalidData) as caught:
        load_corpus(project / "data", display_root=project)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"valerii-zaluzhnyi.kind", "valerii-zaluzhnyi.description"}


def test_add_refuses_a_name_or_alias_the_registry_has(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (project / "data" / "places.yml").read_text("utf-8")
    assert main(["add", "place", "Kiev"]) == 1
    err = capsys.readouterr().err
    assert "`Kiev` is already in the registry" in err and "kyiv  place (city)" in err
    assert (project / "data" / "places.yml").read_text("utf-8") == before


def test_several_entities_are_added_one_after_another(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "person", "Valerii Zaluzhnyi"]) == 0
    # The first entry's placeholders do not stop the next look-up or addition...
    ministry = ["add", "organisation", "Russian Ministry of Defence", "--alias", "Russia's defence ministry"]
    assert main(ministry) == 0
    # ...and the name just added is refused in another script.
    assert main(["add", "person", "Валерій Залужний"]) == 1
    assert "`valerii-zaluzhnyi` is already in the registry" in capsys.readouterr().err
    assert main(["find", "Залужний"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("valerii-zaluzhnyi  person")


def test_a_cyrillic_name_gets_its_national_romanisation_as_its_id(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "person", "Юрій Ігнат"]) == 0
    assert "`yurii-ihnat`" in capsys.readouterr().out


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Сирський", "Syrskyi"), ("Київ", "Kyiv"), ("Запоріжжя", "Zaporizhzhia"), ("Юрій", "Yurii"),
    ("Сырский", "Syrsky"), ("Зеленский", "Zelensky"), ("Ёлкин", "Yolkin"),
])
def test_national_romanisation(cyrillic: str, latin: str) -> None:
    assert latin in national_spellings(cyrillic)


def test_find_in_ukrainian_and_russian_finds_the_entry(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The registry spells him only in Latin letters and in his own alphabets as aliases;
    # a query in either Cyrillic spelling finds him through the transliteration too.
    people = project / "data" / "people.yml"
    assert "oleksandr-syrskyi:" in people.read_text("utf-8")
    for query in ("Сирський", "Сырский", "Олександр Сирський", "Syrsky"):
        assert main(["find", query]) == 0, query
        assert "oleksandr-syrskyi  person" in capsys.readouterr().out, query


def test_find_offers_no_unrelated_person_for_a_city(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["find", "Munich"]) == 1
    assert "michael-kofman" not in capsys.readouterr().out
