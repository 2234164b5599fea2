"""The contributor workflow files: CI on GitHub, the pre-commit hook, the schema in the site."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from briefgen.write.schema_file import SCHEMA_PATH, schema_file

REPO = Path(__file__).resolve().parents[2]


def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def test_ci_checks_and_builds_every_pull_request_and_publishes_main() -> None:
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    check, publish = flow["jobs"]["check"], flow["jobs"]["publish"]
    commands = [step.get("run", "") for step in steps(check)]
    assert "briefgen check" in commands and "mkdocs build --strict" in commands
    assert commands.index("briefgen check") < commands.index("mkdocs build --strict")
    upload = next(s for s in steps(check) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"  # mkdocs.yml keeps the default site_dir
    assert "main" in upload["if"] and "pull_request" in upload["if"]
    assert publish["needs"] == "check" and publish["if"] == upload["if"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["permissions"] == {"contents": "read"}  # only the publishing job may write


def test_ci_uses_only_official_actions() -> None:
    used = [step["uses"] for job in workflow()["jobs"].values() for step in steps(job) if "uses" in step]
    assert used and all(re.fullmatch(r"actions/[a-z-]+@v\d+", action) for action in used), used


def run_hook(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the pre-commit hook's entry as pre-commit does for `language: system`."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "data/briefs/new-brief.yml")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        shlex.split(hook["entry"]), cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_pre_commit_hook_runs_briefgen_check(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    clean = run_hook(tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")
    (tmp_path / "data" / "briefs" / "bad.yml").write_text("title: x\n", "utf-8")
    failed = run_hook(tmp_path)
    assert failed.returncode == 1
    assert failed.stdout.startswith("data/briefs/bad.yml:1:1: authors: missing required key `authors`")


def test_schema_is_published_at_a_stable_path() -> None:
    output = schema_file()
    assert output.path == SCHEMA_PATH == "schema/brief.json"
    assert output.content == (REPO / "briefgen" / "schema.json").read_text("utf-8")
    assert isinstance(output.content, str)
    assert json.loads(output.content)["title"] == "briefgen brief"


def _step(name: str) -> dict[str, Any]:
    return next(s for s in steps(workflow()["jobs"]["check"]) if s.get("name") == name)


def test_ci_finds_a_browser_before_the_tests_run(tmp_path: Path) -> None:
    """GitHub sets CI=true, where a missing browser fails the browser tests: the
    workflow must hand them one. Its step runs here as GitHub runs it."""
    names = [s.get("name") for s in steps(workflow()["jobs"]["check"])]
    assert names.index("Find a browser for the browser tests") < names.index("Run the tests")
    script = _step("Find a browser for the browser tests")["run"]
    github_env = tmp_path / "github_env"
    result = subprocess.run(["bash", "-e", "-c", script], env={**os.environ, "GITHUB_ENV": str(github_env)},
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    (line,) = github_env.read_text("utf-8").splitlines()
    name, _, browser = line.partition("=")
    assert name == "BRIEFGEN_CHROMIUM" and os.access(browser, os.X_OK)
    # ... the variable the browser tests read.
    browser_tests = (REPO / "tests" / "browser" / "conftest.py").read_text("utf-8")
    assert 'os.environ.get("BRIEFGEN_CHROMIUM"' in browser_tests


def test_ci_runs_what_the_readme_tells_a_contributor_to_run() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    pyproject = (REPO / "pyproject.toml").read_text("utf-8")
    python = str(_step_with_python()["with"]["python-version"])
    assert f"Python {python}" in readme
    assert re.search(rf'requires-python = ">={re.escape(python)}"', pyproject)
    commands = [s.get("run", "") for s in steps(workflow()["jobs"]["check"])]
    install = next(c for c in commands if "pip install" in c)
    extras = re.search(r"-e '(\.\[[a-z,]+\])'", install)
    assert extras and f"pip install -e '{extras[1]}'" in readme
    for command in ("briefgen check", "mkdocs build --strict", "python -m pytest"):
        assert command in commands, command
        assert command in readme, command


def _step_with_python() -> dict[str, Any]:
    return next(s for s in steps(workflow()["jobs"]["check"])
                if s.get("uses", "").startswith("actions/setup-python@"))


def test_pre_commit_hook_runs_when_mkdocs_yml_changes(tmp_path: Path) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert re.search(hook["files"], "mkdocs.yml") and not re.search(hook["files"], "docs/index.md")
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: 'javascript:alert(1)'\n", "utf-8")
    failed = run_hook(tmp_path)
    assert failed.returncode == 1
    assert failed.stdout.startswith("mkdocs.yml:2:11: site_url:"), failed.stdout
