"""A damaged cache is never published: the site kept by the last build, a cached
chart and a page kept by a server are each checked against the hash of what
was kept, and generated again when they differ, with a line saying so."""

from __future__ import annotations

import os
import time
from pathlib import Path

from briefgen.build.pagememo import PageMemo
from briefgen.build.sitecache import SiteCache
from briefgen.write.charts import ChartCache
from briefgen.write.urls import OutputFile, write_file
from tests.conftest import MINI, copy_project, mkdocs_build


def _kept_site(project: Path) -> Path:
    [folder] = [p for p in (project / ".cache" / "briefgen").glob("site-*") if p.is_dir()]
    return folder


def test_a_truncated_kept_page_is_generated_again_not_published(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    whole = (site / "briefs" / "alpha" / "index.html").read_text(encoding="utf-8")
    kept = _kept_site(project) / "briefs" / "alpha.md"
    kept.write_bytes(kept.read_bytes()[:40])
    result = mkdocs_build(project, site, quiet=False)
    assert result.returncode == 0, result.stderr
    assert "differs from what was kept" in result.stderr and "briefs/alpha.md" in result.stderr
    assert "generated files reused" not in result.stderr
    assert (site / "briefs" / "alpha" / "index.html").read_text(encoding="utf-8") == whole
    # And the next build trusts the site generated again.
    again = mkdocs_build(project, site, quiet=False)
    assert "generated files reused" in again.stderr and "differs" not in again.stderr


def test_a_damaged_cached_chart_is_drawn_again(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    drawn = []

    def draw() -> str:
        drawn.append(1)
        return "<svg>chart</svg>"

    assert cache.svg("k", draw) == "<svg>chart</svg>"
    assert cache.svg("k", draw) == "<svg>chart</svg>" and len(drawn) == 1
    stored = tmp_path / f"{cache.file_name('k')}.svg"
    stored.write_text(stored.read_text(encoding="utf-8").replace("chart", "chArt"), encoding="utf-8")
    assert cache.svg("k", draw) == "<svg>chart</svg>"
    assert len(drawn) == 2 and cache.damaged == 1
    stored.write_bytes(b"\xff\xfe not text")
    assert cache.svg("k", draw) == "<svg>chart</svg>" and cache.damaged == 2
    stored.write_text("<svg>chart</svg>", encoding="utf-8")  # an SVG without its hash line
    assert cache.cached("k") is None


def test_a_charts_damage_found_in_a_real_build_is_said(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    charts = sorted((project / ".cache" / "briefgen").glob("*.svg"))
    assert charts
    for chart in charts:
        chart.write_text(chart.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    (project / "data" / "briefs" / "alpha.yml").write_text(
        (project / "data" / "briefs" / "alpha.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = mkdocs_build(project, site, quiet=False)
    assert result.returncode == 0, result.stderr
    assert f"{len(charts)} cached charts in .cache/briefgen differed" in result.stderr, result.stderr
    for svg in site.rglob("*.svg"):
        assert svg.read_text(encoding="utf-8").rstrip().endswith("</svg>"), svg


def test_a_kept_page_that_changed_in_memory_is_rendered_again() -> None:
    memo = PageMemo()
    memo.put("a.md", 1, "# A\n")
    assert memo.get("a.md", 1) == "# A\n"
    key, text, digest = memo.pages["a.md"]
    memo.pages["a.md"] = (key, text[:2], digest)
    assert memo.get("a.md", 1) is None and memo.damaged == 1
    assert "a.md" not in memo.pages


def test_checking_a_kept_site_of_1000_briefs_takes_under_a_second(tmp_path: Path) -> None:
    """As many files and bytes as the generated site of the 1,000-brief benchmark
    corpus (measured: 3,751 files, 155 MB), all read and hashed again on reuse.
    Timed in CPU seconds: wall time on a shared machine measures its other users."""
    cache = SiteCache(tmp_path)
    folder = cache.start()
    paths = []
    block = os.urandom(41_300)
    for number in range(3751):
        path = f"section-{number % 12}/page-{number}.md"
        write_file(folder, OutputFile(path, block))
        paths.append(path)
    cache.keep("k", folder, sorted(paths))
    started = time.process_time()
    assert cache.get("k") == sorted(paths)
    assert time.process_time() - started < 1.0
