"""`briefgen check`: output, exit codes and the `python -m briefgen` entry."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.authoring.cli import main
from tests.read.test_load import GOOD_BRIEF, make_data

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_clean_data_prints_nothing_and_returns_0(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_data(in_tmp)
    assert main(["check"]) == 0
    assert capsys.readouterr() == ("", "")


def test_problems_are_printed_sorted_one_per_line_and_return_1(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = GOOD_BRIEF.replace("type: analysis", "type: opinon").replace("    unit: ratio", "    unit: miles")
    make_data(in_tmp, {"briefs/good.yml": bad, "briefs/empty.yml": ""})
    assert main(["check", "data"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3  # sorted by file, then line and column as numbers
    assert lines[0] == "data/briefs/empty.yml:1:1: (file): file is empty (or holds only comments)"
    assert lines[1].startswith("data/briefs/good.yml:6:7: type: `opinon` is not one of")
    assert lines[2].startswith("data/briefs/good.yml:31:11: figures[0].unit: unit `miles` is a distance")


def test_single_brief_files_are_checked_against_their_data_dir(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_data(in_tmp, {"briefs/other.yml": "- not a brief\n"})
    assert main(["check", "data/briefs/good.yml"]) == 0
    assert main(["check", "data/briefs/other.yml", "data/briefs/good.yml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/briefs/other.yml:1:1: (file): expected a mapping of keys to values at the top, got a list"
    ]


def test_usage_errors_return_2(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["check", "no-such-dir"]) == 2
    assert "no such file or directory: no-such-dir" in capsys.readouterr().err


def test_python_dash_m_briefgen_checks_the_real_data() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0 if not result.stdout else 1, "")
    assert all(line.startswith("data/") for line in result.stdout.splitlines())


def test_the_real_data_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "check"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_generates_the_site_so_what_passes_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    import briefgen.build.generation
    from briefgen.model import Location
    from briefgen.problems import InvalidSite, Problem

    shutil.copytree(REPO / "tests" / "fixtures" / "mini", tmp_path / "mini")
    monkeypatch.chdir(tmp_path / "mini")
    assert main(["check"]) == 0
    # The site was generated: its charts are in the project's cache for the build.
    assert list((tmp_path / "mini" / ".cache" / "briefgen").glob("*.svg"))
    clash = Problem(Location("data/metrics.yml", 3, 1), "(path)", "two generated files share the path x")

    def refuse(*args: object, **kwargs: object) -> None:
        raise InvalidSite([clash])

    # A second check of unchanged data finds the site it kept: nothing generated again.
    monkeypatch.setattr(briefgen.build.generation, "write_site", refuse)
    assert main(["check"]) == 0
    # Changed data is generated again, and what the generator refuses is reported.
    beta = tmp_path / "mini" / "data" / "briefs" / "beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert main(["check"]) == 1
    assert capsys.readouterr().out == str(clash) + "\n"
