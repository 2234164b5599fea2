"""Limits on every input of the `briefgen` command: each refused quickly, with a
clear message and a usage code, never a traceback or a long wait."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from briefgen.authoring.cli import MAX_ARTICLE_BYTES, MAX_MATCHES, MAX_NAME_CHARACTERS, main
from tests.conftest import MINI, ROOT

ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "rail-junction.txt"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(MINI / "data", tmp_path / "data")
    return tmp_path / "data"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, float]:
    started = time.monotonic()
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err, time.monotonic() - started


def test_draft_refuses_an_article_over_the_limit_at_once(tmp_path: Path, data: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    text = ARTICLE.read_text(encoding="utf-8")
    big.write_text(text * (MAX_ARTICLE_BYTES // len(text.encode()) + 1), encoding="utf-8")
    code, out, err, seconds = _run(["draft", str(big), "--id", "big", "--data", str(data)], capsys)
    assert code == 1 and out == ""
    assert f"larger than {MAX_ARTICLE_BYTES // 1024:,} KB" in err
    assert seconds < 5 and not (data / "briefs" / "big.yml").exists()


def test_draft_refuses_an_endless_device_without_reading_it_all(data: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err, seconds = _run(["draft", "/dev/zero", "--id", "zero", "--data", str(data)], capsys)
    assert code == 1 and "larger than" in err and seconds < 5


def test_draft_of_an_article_just_under_the_limit_finishes(tmp_path: Path, data: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "long.txt"
    text = ARTICLE.read_text(encoding="utf-8") + "\n"
    article.write_text(text * (MAX_ARTICLE_BYTES // len(text.encode())), encoding="utf-8")
    assert article.stat().st_size <= MAX_ARTICLE_BYTES
    code, out, err, seconds = _run(["draft", str(article), "--id", "long", "--stdout", "--data", str(data)],
                                   capsys)
    assert code == 0, err
    assert out.startswith("# ") or "title:" in out
    assert seconds < 60


@pytest.mark.parametrize(("args", "message"), [
    (["draft", "{tmp}", "--id", "x"], "is a folder"),
    (["draft", "{tmp}/missing.txt", "--id", "x"], "cannot read"),
    (["draft", "{tmp}/latin1.txt", "--id", "x"], "cannot read"),
    (["draft", "{tmp}/ok.txt", "--id", "Not An Id"], "not a valid brief id"),
    (["draft", "{tmp}/ok.txt", "--id", "../escape"], "not a valid brief id"),
    (["draft", "{tmp}/ok.txt", "--id", "a" * 65], "not a valid brief id"),
    (["new", "a" * 5000], "at most 64 characters"),
    (["new", "../../etc/passwd"], "not a valid brief id"),
    (["new", "con\u200bsole"], "not a valid brief id"),
    (["new", "alpha"], "exists"),
    (["find", "a" * (MAX_NAME_CHARACTERS + 1)], f"at most {MAX_NAME_CHARACTERS} characters"),
    (["find", "   "], "give a name"),
    (["find", "pokrovsk", "--limit", "0"], f"from 1 to {MAX_MATCHES}"),
    (["find", "pokrovsk", "--limit", "-3"], f"from 1 to {MAX_MATCHES}"),
    (["find", "pokrovsk", "--limit", str(10**9)], f"from 1 to {MAX_MATCHES}"),
    (["find", "pokrovsk", "--limit", "many"], "invalid int value"),
    (["find", "pokrovsk", "--kind", "planet"], "invalid choice"),
    (["export", "{tmp}/out", "-f", "{tmp}/missing.yml"], "no such config file"),
    (["export", "{project}/" + "x" * 300, "-f", "{project}/mkdocs.yml"], "File name too long"),
    (["export", "/dev/null", "-f", "{project}/mkdocs.yml"], "is not a folder"),
    (["export", "{project}/docs", "-f", "{project}/mkdocs.yml"], "overlaps"),
    (["export", "{project}/data", "-f", "{project}/mkdocs.yml"], "overlaps"),
    (["export", "{project}", "-f", "{project}/mkdocs.yml"], "overlaps"),
    (["export", "{tmp}/full", "-f", "{project}/mkdocs.yml"], "is not empty"),
    (["check", "{tmp}/nowhere"], "no such file or directory"),
    (["frobnicate"], "invalid choice"),
])
def test_hostile_command_arguments_are_refused_with_a_message(tmp_path: Path, data: Path, args: list[str],
                                                            message: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    shutil.copy(MINI / "mkdocs.yml", data.parent / "mkdocs.yml")
    shutil.copytree(MINI / "docs", data.parent / "docs")
    (tmp_path / "latin1.txt").write_bytes("Pokrovsk \xe9t\xe9".encode("latin-1"))
    args = [a.replace("{tmp}", str(tmp_path)).replace("{project}", str(data.parent)) for a in args]
    if args[0] in ("new", "find", "draft"):
        args += ["--data", str(data)]
    code, out, err, seconds = _run(args, capsys)
    assert code in (1, 2), (out, err)
    assert message in err, err
    assert "Traceback" not in err and seconds < 10
    assert sorted(p.name for p in (data / "briefs").iterdir()) == ["alpha.yml", "beta.yml"]
    left = sorted(p.name for p in data.parent.iterdir())
    assert left == ["data", "docs", "full", "latin1.txt", "mkdocs.yml", "ok.txt"]
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]
