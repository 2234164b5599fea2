"""`briefgen new`: the template follows the field tables, and `check` refuses it until it is filled in."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefgen.authoring.cli import main
from briefgen.authoring.scaffold import FIELD_NOTES, SCHEMA_REF, brief_template
from briefgen.read.fields import BRIEF_FIELDS
from briefgen.read.load import check_paths
from briefgen.read.placeholders import MARKER
from tests.read.test_load import GOOD_BRIEF, make_data

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real data directory, with the current directory above it."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path / "data"


def placeholder_positions(text: str) -> set[tuple[int, int]]:
    """Where the loader must report each placeholder: the quoted scalar, or a block's `|`."""
    lines = text.splitlines()
    positions: set[tuple[int, int]] = set()
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("#") or MARKER not in line:
            continue
        if line.lstrip().startswith(MARKER):  # the body of a `key: |` block
            positions.add((number - 1, lines[number - 2].index("|") + 1))
        else:
            positions.add((number, line.index(f'"{MARKER}') + 1))
    return positions


def fill(text: str) -> str:
    """The template with every placeholder replaced, as a contributor would."""
    values = {
        "title": '"Pokrovsk under pressure"',
        "outlet": "washington-post",
        "authors": "[david-l-stern]",
        "published": "2025-11-06",
        "type": "news-report",
    }
    for key, value in values.items():
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    text = text.replace(f"  {MARKER} what the article reports", "  [[pokrovsk]] is under pressure; what the")
    text = text.replace(f"  {MARKER} how well sourced", "  Named sources throughout; how well sourced")
    return text.replace(
        "entities: []\n",
        "entities:\n"
        "  - id: washington-post\n    role: The outlet.\n"
        "  - id: david-l-stern\n    role: Reporter.\n"
        "  - id: pokrovsk\n    role: The city under pressure.\n",
    )


def test_untouched_scaffold_fails_with_every_placeholder_located(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "pokrovsk-under-pressure"]) == 0
    assert "wrote data/briefs/pokrovsk-under-pressure.yml" in capsys.readouterr().out
    path = data / "briefs" / "pokrovsk-under-pressure.yml"
    text = path.read_text("utf-8")
    problems = check_paths([data])
    assert problems, "an untouched scaffold must not pass"
    assert all(p.location.file == "data/briefs/pokrovsk-under-pressure.yml" for p in problems)
    assert all(
        p.message.startswith(f'placeholder "{MARKER}') and p.message.endswith("replace it") for p in problems
    )
    assert {(p.location.line, p.location.column) for p in problems} == placeholder_positions(text)
    required = {name for name, spec in BRIEF_FIELDS.items() if spec.required}
    assert {p.field.split("[")[0] for p in problems} == required
    assert main(["check"]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("data/briefs/pokrovsk-under-pressure.yml:7:8: title: placeholder")


def test_a_filled_scaffold_passes(data: Path) -> None:
    assert main(["new", "pokrovsk-under-pressure"]) == 0
    path = data / "briefs" / "pokrovsk-under-pressure.yml"
    path.write_text(fill(path.read_text("utf-8")), "utf-8")
    assert check_paths([data]) == []


def test_an_uncommented_example_item_is_reported_too(data: Path) -> None:
    assert main(["new", "pokrovsk-under-pressure"]) == 0
    path = data / "briefs" / "pokrovsk-under-pressure.yml"
    text = fill(path.read_text("utf-8"))
    start = text.index("figures: []\n")
    block = text[start:].split("\n\n")[0].splitlines()
    uncommented = ["figures:", *(line[1:] for line in block[1:])]
    path.write_text(text.replace("\n".join(block), "\n".join(uncommented)), "utf-8")
    problems = check_paths([data])
    placeholders = {p.field for p in problems if p.message.startswith(f'placeholder "{MARKER}')}
    assert placeholders == {"figures[0].id", "figures[0].metric", "figures[0].subject", "figures[0].unit"}


def test_new_never_overwrites_and_refuses_bad_ids(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = data / "briefs" / "pokrovsk-logistics-hub.yml"
    before = existing.read_bytes()
    assert main(["new", "pokrovsk-logistics-hub"]) == 1
    assert existing.read_bytes() == before
    assert "already exists" in capsys.readouterr().err
    (data / "briefs" / "other.yaml").write_text("title: x\n", "utf-8")
    assert main(["new", "other"]) == 1  # the .yaml twin counts as existing
    assert main(["new", "Bad_Id"]) == 1
    assert main(["new", "index"]) == 1  # reserved
    err = capsys.readouterr().err
    assert "not a valid brief id" in err and "`index` is a reserved name" in err
    assert not (data / "briefs" / "other.yml").exists() and not (data / "briefs" / "index.yml").exists()
    assert main(["new", "x", "--data", "no-such-dir"]) == 1


def test_template_is_generated_from_the_field_tables() -> None:
    text = brief_template("x")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_REF}"
    schema = (REPO / "data" / "briefs" / SCHEMA_REF).resolve()
    assert schema == (REPO / "briefgen" / "schema.json").resolve() and schema.is_file()
    for name, spec in BRIEF_FIELDS.items():
        written = re.search(rf"^(# )?{name}:", text, flags=re.MULTILINE)
        assert written is not None, name
        if spec.type == "list" and spec.item is not None and spec.item.fields:
            for key in spec.item.fields:
                assert re.search(rf"^#\s+(- )?{key}:", text, flags=re.MULTILINE), f"{name}.{key}"
    for note in FIELD_NOTES:
        top, _, key = note.partition(".")
        assert top in BRIEF_FIELDS, note
        item = BRIEF_FIELDS[top].item
        assert not key or (item is not None and item.fields is not None and key in item.fields), note


def test_a_placeholder_is_reported_whatever_the_field_type(tmp_path: Path) -> None:
    brief = GOOD_BRIEF.replace("    value: 8\n", '    value: "TODO: the number"\n')
    assert brief != GOOD_BRIEF
    data = make_data(tmp_path, {"briefs/good.yml": brief})
    problems = check_paths([data], display_root=tmp_path)
    assert [(p.field, p.message) for p in problems] == [
        ("figures[0].value", 'placeholder "TODO: the number" left from the template; replace it')
    ]
