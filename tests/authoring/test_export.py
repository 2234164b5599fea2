"""`briefgen export`: a plain MkDocs project that builds into the same site as the plugin."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pathspec
import pytest
import yaml

from briefgen.authoring.cli import main
from briefgen.authoring.export import not_in_nav
from briefgen.write import urls
from tests.conftest import MINI, ROOT, copy_project, mkdocs_build
from tests.htmlread import links, resolve


class _ArticleText(HTMLParser):
    """The text of a page's <article> (Material's content column), whitespace collapsed."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += tag == "article"

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts)).strip()


def article_text(page: Path) -> str:
    return _ArticleText(page.read_text(encoding="utf-8")).text()


def site_files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def export(project: Path, target: Path, *extra: str) -> int:
    return main(["export", str(target), "-f", str(project / "mkdocs.yml"), *extra])


def build_export(target: Path) -> Path:
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "briefgen" not in str(config["plugins"]), "the export must build without the plugin"
    result = mkdocs_build(target, target / "site")
    assert result.returncode == 0, result.stderr + result.stdout
    return target / "site"


def _without_search_index(paths: set[str]) -> set[str]:
    # Each builds its own search index: briefgen Pagefind's, plain MkDocs Material's.
    return {path for path in paths
            if not path.startswith("search/pagefind/") and path != "search/search_index.json"}


def assert_same_site(plugin_site: Path, plain_site: Path) -> None:
    pages = sorted(p for p in site_files(plugin_site) if p.endswith("index.html"))
    assert _without_search_index(site_files(plain_site)) == _without_search_index(site_files(plugin_site))
    assert len(pages) > 5
    for page in pages:
        expected = article_text(plugin_site / page)
        assert expected, page
        assert article_text(plain_site / page) == expected, page


def test_mini_export_builds_the_plugin_site_with_plain_mkdocs(mini_site: Path, tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    assert export(project, tmp_path / "export") == 0
    exported = yaml.safe_load((tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert exported["plugins"] == ["search"]
    assert exported["docs_dir"] == "docs"
    assert exported["extra_css"] == ["stylesheets/briefgen.css"]
    assert (tmp_path / "export" / "docs" / "writing-a-brief.md").is_file()  # hand-written pages too
    assert_same_site(mini_site, build_export(tmp_path / "export"))


def test_real_export_builds_the_plugin_site_with_plain_mkdocs(real_site: Path, tmp_path: Path) -> None:
    def sources() -> list[tuple[str, int]]:  # what the export reads, and must leave as it was
        paths = [ROOT / "mkdocs.yml", *[p for d in ("data", "docs", ".cache") for p in (ROOT / d).rglob("*")]]
        return sorted((p.relative_to(ROOT).as_posix(), p.stat().st_mtime_ns) for p in paths)

    before = sources()
    assert export(ROOT, tmp_path / "export") == 0
    assert sources() == before
    assert_same_site(real_site, build_export(tmp_path / "export"))


def test_without_a_nav_the_plain_build_lists_sections_but_no_detail_page(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["nav"]  # MkDocs then makes the nav from every page not in `not_in_nav`
    config.pop("not_in_nav", None)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert export(project, tmp_path / "export") == 0
    site = build_export(tmp_path / "export")
    in_nav = {resolve("", href) for href, _ in links((site / "index.html").read_text(), "md-nav--primary")}
    assert {"briefs/", "people/", "places/", "figures/", "writing-a-brief/"} <= in_nav
    docs = tmp_path / "export" / "docs"
    handwritten = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md")}
    generated = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    detail = {f"{page[:-3]}/" for page in generated if urls.is_detail_page(page) and page not in handwritten}
    assert "briefs/alpha/" in detail
    assert not in_nav & detail


GENERATED = [
    "index.md",
    "briefs/index.md",
    "briefs/alpha.md",
    "briefs/beta.md",
    "briefs/gamma.md",
    "briefs/delta.md",
    "briefs/epsilon.md",
    "places/index.md",
    "places/pokrovsk.md",
    "places/bakhmut.md",
    "places/pokrovsk/briefs/2.md",
    "places/pokrovsk/briefs/3.md",
    "places/bakhmut/briefs/2.md",
    "figures/index.md",
    "figures/casualties.md",
    "figures/casualties.csv",
    "charts/casualties.svg",
    "stylesheets/briefgen.css",
]


def spec_of(lines: str) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(lines.splitlines())


def test_not_in_nav_keeps_exactly_the_detail_pages_out_compactly() -> None:
    handwritten = ["writing-a-brief.md", "briefs/how-we-choose.md", "guide/one.md", "guide/two.md"]
    lines = not_in_nav(GENERATED, handwritten)
    spec = spec_of(lines)
    for page in [p for p in GENERATED if p.endswith(".md")] + handwritten:
        assert spec.match_file(page) == (page in GENERATED and urls.is_detail_page(page)), page
    assert lines.splitlines() == [
        "/briefs/*.md",  # a pattern and its exceptions, where that is shorter than the list
        "!/briefs/how-we-choose.md",
        "!/briefs/index.md",
        "/figures/casualties.md",  # a lone detail page by its path
        "/places/**/*.md",  # nested pages (paginated lists) with their folder
        "!/places/index.md",
    ]


def test_not_in_nav_falls_back_to_exact_paths_and_keeps_the_projects_lines() -> None:
    generated = ["index.md", "odd/index.md", "odd/a.md", "odd/b.md", "odd/c.md", "odd/page[1].md"]
    handwritten = ["notes/draft.md", "odd/readme.md", "odd/more.md", "odd/again.md"]
    lines = not_in_nav(generated, handwritten, "/notes/*.md\n!/odd/c.md\n")
    spec = spec_of(lines)
    assert spec.match_file("notes/draft.md")  # the project's own line still decides its pages
    for page in ["odd/a.md", "odd/b.md", "odd/c.md", "odd/page[1].md"]:
        assert spec.match_file(page), page  # a detail page, even where the project's lines disagree
    for page in ["index.md", "odd/index.md", "odd/readme.md", "odd/more.md", "odd/again.md"]:
        assert not spec.match_file(page), page


def test_non_empty_folder_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(MINI, tmp_path / "project")
    target = tmp_path / "export"
    (target / "docs" / "briefs").mkdir(parents=True)
    (target / "docs" / "briefs" / "stale.md").write_text("# Stale\n")
    (target / "notes.txt").write_text("mine\n")
    assert export(project, target) == 1
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in target.rglob("*")) == ["briefs", "docs", "notes.txt", "stale.md"]
    assert export(project, target, "--force") == 0
    assert not (target / "docs" / "briefs" / "stale.md").exists()  # no stale page survives
    assert (target / "notes.txt").read_text() == "mine\n"  # what the export does not own is kept
    assert (target / "docs" / "briefs" / "alpha.md").is_file()


def test_forced_export_never_writes_through_a_symlink(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    outside = tmp_path / "outside.yml"
    outside.write_text("precious\n")
    target = tmp_path / "export"
    target.mkdir()
    (target / "mkdocs.yml").symlink_to(outside)
    (target / "docs").symlink_to(project / "docs")
    assert export(project, target, "--force") == 0
    assert outside.read_text() == "precious\n"
    assert sorted(p.name for p in (project / "docs").iterdir()) == ["writing-a-brief.md"]
    assert not (target / "mkdocs.yml").is_symlink() and not (target / "docs").is_symlink()


def test_bad_brief_prints_located_problems_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(MINI, tmp_path / "project")
    brief = project / "data" / "briefs" / "alpha.yml"
    brief.write_text(brief.read_text().replace("type: ", "type: opinon-", 1))
    assert export(project, tmp_path / "export") == 1
    err = capsys.readouterr().err
    assert re.search(r"^data/briefs/alpha\.yml:\d+:\d+: type: ", err, re.M), err
    assert "nothing was exported" in err
    assert not (tmp_path / "export").exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!ENV [SITE_NAME, Briefings]", "!ENV"),
        ("!!python/name:builtins.str", "tag:yaml.org,2002:python/name:builtins.str"),
    ],
)
def test_yaml_tags_mkdocs_alone_reads_are_refused_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, tag: str
) -> None:
    project = copy_project(MINI, tmp_path / "project")
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config.replace("site_name: Test briefings", f"site_name: {value}"))
    assert export(project, tmp_path / "export") == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml:1:12: the YAML tag `{tag}` needs MkDocs" in err
    assert not (tmp_path / "export").exists()


@pytest.mark.parametrize("where", [".", "docs", "docs/export", "data/export", ".."])
def test_a_folder_overlapping_the_sources_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    project = copy_project(MINI, tmp_path / "project")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    assert export(project, project / where, "--force") == 1
    assert "overlaps" in capsys.readouterr().err
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_a_project_without_the_plugin_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(MINI, tmp_path / "project")
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config.replace("  - briefgen\n", ""))
    assert export(project, tmp_path / "export") == 1
    assert "`briefgen` plugin is not listed" in capsys.readouterr().err


def test_plugin_options_and_a_mapping_of_plugins_are_understood(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    (project / "data").rename(project / "briefing-data")
    config = (project / "mkdocs.yml").read_text()
    config = config.replace(
        "plugins:\n  - search\n  - briefgen\n",
        "plugins:\n  search: {}\n  briefgen:\n    data_dir: briefing-data\n",
    )
    (project / "mkdocs.yml").write_text(config + "watch: [briefing-data]\nsite_dir: ../elsewhere\n")
    assert export(project, tmp_path / "export") == 0
    exported = yaml.safe_load((tmp_path / "export" / "mkdocs.yml").read_text())
    assert exported["plugins"] == {"search": {}}
    assert "watch" not in exported and "site_dir" not in exported  # both pointed outside the export
    assert (tmp_path / "export" / "docs" / "briefs" / "alpha.md").is_file()


def test_export_is_a_subcommand_of_the_installed_command(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "briefgen"), "export", "out"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "build with: mkdocs build -f out/mkdocs.yml" in result.stdout
    assert (project / "out" / "docs" / "index.md").is_file()


def test_theme_overrides_and_hooks_are_carried_into_the_export(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text('{% extends "base.html" %}\n')
    (project / "hooks.py").write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown\n")
    config = (project / "mkdocs.yml").read_text()
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    (project / "mkdocs.yml").write_text(config + "hooks: [hooks.py]\n")
    assert export(project, tmp_path / "export") == 0
    assert (tmp_path / "export" / "overrides" / "main.html").is_file()
    assert (tmp_path / "export" / "hooks.py").is_file()
    build_export(tmp_path / "export")


def test_theme_overrides_outside_the_project_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(MINI, tmp_path / "project")
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(
        config.replace("  name: material\n", "  name: material\n  custom_dir: ../x\n")
    )
    assert export(project, tmp_path / "export") == 1
    assert "theme.custom_dir: `../x` must be a path inside the project folder" in capsys.readouterr().err


def test_the_export_carries_the_head_tags_the_plugin_adds(tmp_path: Path) -> None:

    project = copy_project(MINI, tmp_path / "p")
    assert main(["export", str(tmp_path / "out"), "-f", str(project / "mkdocs.yml")]) == 0
    result = mkdocs_build(tmp_path / "out", tmp_path / "out" / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "site" / "briefs" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title"' in page and "application/ld+json" in page
