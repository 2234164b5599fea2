"""A build that fails at any stage of generation leaves the last good site byte-identical.

MkDocs empties the site folder after on_pre_build; briefgen generates every
file in on_config, before that, so a failure anywhere in loading, indexing,
charts, pages, downloads or the path check must stop the build first.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import briefgen.build.generation
import briefgen.build.steps
import briefgen.plugin
import briefgen.write.views.downloads
from briefgen.write.templating import Renderer
from briefgen.write.views.briefs import BriefsView
from tests.conftest import MINI, copy_project, mkdocs_build


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("injected failure")


STAGES = {
    "load": (briefgen.build.generation, "load_corpus"),
    "index": (briefgen.build.steps, "CorpusIndex"),
    "charts": (briefgen.build.steps, "_draw_charts"),
    "pages": (BriefsView, "page"),
    "rendering": (Renderer, "render"),
    "downloads": (briefgen.write.views.downloads, "metric_csvs"),
    "path check": (briefgen.build.steps, "_checked"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = copy_project(MINI, tmp_path_factory.mktemp("failing"))
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project, snapshot(project / "site")


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_failure_in_any_stage_leaves_the_last_site_untouched(
    built: tuple[Path, dict[str, str]], stage: str, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    project, before = built
    assert len(before) > 20
    # A changed brief, so the build cannot reuse the last generation.
    brief = project / "data" / "briefs" / "alpha.yml"
    original = brief.read_text(encoding="utf-8")
    brief.write_text(original.replace("credibility:", f"# edited for {stage}\ncredibility:", 1),
                     encoding="utf-8")
    owner, name = STAGES[stage]
    monkeypatch.setattr(owner, name, boom)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    try:
        with pytest.raises(Abort):
            build(config)
    finally:
        brief.write_text(original, encoding="utf-8")
    assert "nothing was built (RuntimeError: injected failure)" in caplog.text
    assert snapshot(project / "site") == before
    # The generation kept for the next build is the last good one, and the
    # failed one left nothing half-made beside it.
    cache = project / ".cache" / "briefgen"
    assert [p.name for p in cache.glob(".new-*")] == []
    (listing,) = cache.glob("site-*.json")
    kept = cache / listing.stem
    assert sorted(json.loads(listing.read_text())["files"]) == sorted(
        p.relative_to(kept).as_posix() for p in kept.rglob("*") if p.is_file())
