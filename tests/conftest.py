"""Shared helpers: real MkDocs builds of real or fixture projects into tmp folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


def copy_project(source: Path, target: Path) -> Path:
    """Copy mkdocs.yml, docs/ and data/ of a project into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(source / "docs", target / "docs")
    shutil.copytree(source / "data", target / "data")
    return target


def mkdocs_build(
    project: Path, site: Path, *, strict: bool = True, env: dict[str, str] | None = None,
    quiet: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` as a user would, in a separate process."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    if strict:
        command.append("--strict")
    if quiet:
        command.append("-q")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=full_env, cwd=project, check=False)


def read(site: Path, url_path: str) -> str:
    """The HTML a reader gets at a directory URL such as `places/pokrovsk/`."""
    return (site / url_path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The real project's site, built once with --strict, and what the build printed."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("real"))
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr + result.stdout
    return site, result


@pytest.fixture(scope="session")
def real_site(real_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return real_build[0]


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(MINI, tmp_path_factory.mktemp("mini"))
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr + result.stdout
    return site
