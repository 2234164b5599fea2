"""A server renders again only the detail pages an edit changes, and serves the
site a fresh build makes: every page's HTML the same, the search index too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.benchmarks.synthetic import synthetic_project
from tests.build.test_pagememo import EDITS
from tests.conftest import mkdocs_build


def _pages(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def _indexed(site: Path) -> int:
    entry = json.loads((site / "search" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return int(entry["languages"]["en"]["page_count"])


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A project, and a function that rebuilds it as `mkdocs serve` does (one plugin
    for the life of the server) and returns the site and the briefgen plugin."""
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")  # a server renders in its own process
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = synthetic_project(tmp_path / "project", 24)
    site = tmp_path / "served"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)

    def rebuild():  # type: ignore[no-untyped-def]
        build(config)
        plugin = config.plugins["briefgen"]
        assert plugin._search_index.finished.wait(120), "the search index was not made"
        return site, plugin

    return project, rebuild


def test_after_each_edit_a_server_serves_what_a_fresh_build_makes(served, tmp_path: Path):
    project, rebuild = served
    site, plugin = rebuild()
    assert plugin._rendered.reused == 0
    site, plugin = rebuild()  # nothing changed: no detail page rendered again
    assert plugin._rendered.reused > 100 and not plugin._rendered.waiting
    for name, edit in EDITS.items():
        edit(project / "data")
        site, plugin = rebuild()
        fresh = tmp_path / f"fresh-{name.replace(' ', '-')}"
        result = mkdocs_build(project, fresh, strict=False)
        assert result.returncode == 0, result.stderr
        assert _pages(site) == _pages(fresh), name
        assert _indexed(site) == _indexed(fresh), name
        if name != "entity name":  # a registry change reaches every page
            assert plugin._rendered.reused > 100, name


def test_an_edit_to_one_summary_renders_that_brief_page_alone(served):
    project, rebuild = served
    _, plugin = rebuild()
    pages = len(plugin._rendered.pages)
    EDITS["summary"](project / "data")
    _, plugin = rebuild()
    assert plugin._rendered.reused == pages - 1
