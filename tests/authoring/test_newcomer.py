"""A newcomer adds a brief that names seven entities the registry lacks, and
writes no registry entry by hand: `briefgen check` prints an entry to paste for
each unknown id, whatever field uses it, and `briefgen add` writes the rest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from briefgen.authoring.cli import main
from briefgen.read.load import InvalidData, load_corpus

QUAKE = Path(__file__).resolve().parents[1] / "fixtures" / "quake"
REGISTRY = {"person": "people.yml", "place": "places.yml", "organisation": "organisations.yml"}

# Seven ids the quake registry lacks, each first used in a different field.
NEW_BRIEF = """\
title: Rescuers in Iskenderun
outlet: harbour-gazette
authors: [deniz-arslan]
published: 2023-02-08
type: news-report
topics: [death-toll]
summary: |
  Teams from the [[turkish-red-crescent]] searched collapsed buildings in
  [[iskenderun]], where a fire burned in the port.
entities:
  - id: harbour-gazette
    role: Publisher.
  - id: deniz-arslan
    role: Reporter.
  - id: turkish-red-crescent
    role: Relief society whose teams searched the rubble.
  - id: iskenderun
    role: Port city where the fire burned.
  - id: selin-kaya
    role: Mayor who spoke to the paper.
  - id: hatay-province
    role: The province the city belongs to.
  - id: port-authority
    role: Authority running the harbour.
figures:
  - id: rescued
    metric: deaths
    subject: iskenderun
    value: 100
    qualifier: more-than
    unit: people
    as_of: 2023-02-08
    claimed_by: selin-kaya
    context: Dead counted in the city.
events:
  - id: port-fire
    date: 2023-02-07
    what: A fire burns in the port of [[iskenderun]].
    places: [iskenderun, hatay-province]
    actors: [port-authority]
sources: [turkish-red-crescent]
credibility: One local paper; the mayor's figure is early.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(QUAKE / "data", tmp_path / "data")
    (tmp_path / "data" / "briefs" / "rescuers-in-iskenderun.yml").write_text(NEW_BRIEF, "utf-8")
    return tmp_path


def test_every_unknown_id_gets_an_entry_to_paste_that_loads_once_filled_in(project: Path) -> None:
    with pytest.raises(InvalidData) as caught:
        load_corpus(project / "data", display_root=project)
    unknown = [p for p in caught.value.problems if "unknown" in p.message and " id `" in p.message]
    assert len(unknown) == 7, [str(p) for p in caught.value.problems]
    for problem in unknown:
        lines = problem.message.splitlines()
        paste = next(i for i, line in enumerate(lines) if "paste this" in line)
        file = re.findall(r"data/(\w+\.yml)", lines[paste])[0]  # the file it names first
        entry = "\n".join(line[4:] for line in lines[paste + 1:])
        filled = yaml.safe_load(entry)
        (entity_id, fields), = filled.items()
        # What the newcomer fills in: the name, the first kind offered, a line of description.
        fields["name"] = entity_id.replace("-", " ").title()
        fields["kind"] = fields["kind"].removeprefix("TODO: ").split(",")[0].split(" or ")[0]
        fields["description"] = "Added by the newcomer test."
        with (project / "data" / file).open("a", encoding="utf-8") as out:
            out.write(yaml.safe_dump({entity_id: fields}, allow_unicode=True, sort_keys=False))
    corpus = load_corpus(project / "data", display_root=project)
    kinds = {e.id: e.kind for e in corpus.entities}
    assert kinds["deniz-arslan"] == "person" and kinds["harbour-gazette"] == "organisation"
    assert kinds["iskenderun"] == "place" and kinds["hatay-province"] == "place"
    assert kinds["selin-kaya"] == "person" and kinds["port-authority"] == "organisation"
    assert kinds["turkish-red-crescent"] == "organisation"


def test_briefgen_add_writes_them_one_after_another(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind, name in [("person", "Deniz Arslan"), ("organisation", "Harbour Gazette"),
                       ("organisation", "Turkish Red Crescent"), ("place", "Iskenderun"),
                       ("person", "Selin Kaya"), ("place", "Hatay Province"),
                       ("organisation", "Port Authority")]:
        assert main(["add", kind, name]) == 0, capsys.readouterr().err
    with pytest.raises(InvalidData) as caught:
        load_corpus(project / "data", display_root=project)
    # Only the placeholders are left: two per entry, its kind and its description.
    assert all("placeholder" in p.message for p in caught.value.problems)
    assert len(caught.value.problems) == 14
