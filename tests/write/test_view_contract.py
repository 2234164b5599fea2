"""The views' contract: every page family has a section in the site map, a nav entry, a golden
page and a browser test; and a new page family is one module, one template and one line.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from briefgen import sitemap
from briefgen.analyse.registry import Registry
from briefgen.read.load import load_corpus
from briefgen.sitemap import RESERVED_IDS, SECTIONS
from briefgen.write import urls
from briefgen.write.views import VIEWS
from tests.browser.conftest import PAGE_TYPES
from tests.conftest import MINI, ROOT, copy_project
from tests.write.test_pages import PAGES

PACKAGE = ROOT / "briefgen"


def _sections() -> list[sitemap.Section]:
    """Every section a view fills (the entities view fills one per kind)."""
    found = []
    for view in VIEWS:
        found += list(getattr(view, "sections", (view.section,)))
    return found


def _nav_paths(nav: object) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_nav_paths(item) for item in nav))
    if isinstance(nav, dict):
        return set().union(*(_nav_paths(item) for item in nav.values()))
    return set()


def test_every_section_belongs_to_exactly_one_view() -> None:
    filled = _sections()
    assert sorted(s.folder for s in filled) == sorted(s.folder for s in SECTIONS)


def test_every_view_section_is_reserved_in_the_nav_golden_and_browser_tested() -> None:
    nav = _nav_paths(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"])
    browsed = set(PAGE_TYPES.values())
    for section in _sections():
        if section.folder:
            assert section.folder in RESERVED_IDS, section
        assert section.index in nav, f"{section.index} is not in mkdocs.yml's nav"
        assert section.index in PAGES, f"{section.index} has no golden page"
        assert urls.page_url(section.index) in browsed, f"{section.index} is in no browser test"


def test_the_nav_titles_are_the_site_maps() -> None:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    titles = {path: title for entry in nav for title, path in entry.items()}
    for section in SECTIONS:
        assert titles[section.index] == section.nav_title


NEW_VIEW = '''"""/digest/: a throwaway page family, added by a test."""

from __future__ import annotations

from briefgen.analyse.index import CorpusIndex
from briefgen.sitemap import Section
from briefgen.write.charts import ChartCache
from briefgen.write.view import ChartJob, PageSpec, Piece, Site

DIGEST = Section("digest", "Digest")


class DigestView:
    section = DIGEST

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        return []

    def pages(self, site: Site) -> list[Piece]:
        newest = self.index.registry.briefs_newest_first[:3]
        return [lambda: [PageSpec(DIGEST.index, "digest.md.j2", "Digest", {"briefs": newest})]]
'''

NEW_TEMPLATE = '''---
title: {{ meta_title }}
---
<h1>Digest</h1>
<ul class="digest">
{% for brief in briefs %}
<li><a href="{{ links.brief(brief) }}">{{ brief.title }}</a> ({{ links.entity(brief.outlet) }})</li>
{% endfor %}
</ul>
'''


def test_a_new_page_family_is_a_view_module_a_template_and_a_line_in_the_view_list(tmp_path: Path) -> None:
    package = tmp_path / "code" / "briefgen"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "write" / "views" / "digest.py").write_text(NEW_VIEW, encoding="utf-8")
    (package / "write" / "templates" / "digest.md.j2").write_text(NEW_TEMPLATE, encoding="utf-8")
    listing = package / "write" / "views" / "__init__.py"
    text = listing.read_text(encoding="utf-8")
    text = text.replace("from briefgen.write.views.downloads import DownloadsView\n",
                        "from briefgen.write.views.digest import DigestView\n"
                        "from briefgen.write.views.downloads import DownloadsView\n")
    text = text.replace("    DownloadsView,\n)", "    DownloadsView, DigestView,\n)")
    listing.write_text(text, encoding="utf-8")

    # Nothing else of the package changed: the three touches are the whole change.
    changed = _changed_files(PACKAGE, package)
    assert changed == {"write/views/digest.py", "write/templates/digest.md.j2", "write/views/__init__.py"}

    project = copy_project(MINI, tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(package.parent), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(project / "site")], capture_output=True, text=True, env=env, cwd=project, check=False)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "digest" / "index.html").read_text(encoding="utf-8")
    newest = Registry(load_corpus(project / "data")).briefs_newest_first[:3]
    assert '<ul class="digest">' in html
    assert html.count("<li><a href=") >= len(newest) > 0
    for brief in newest:
        assert f'href="../briefs/{brief.id}/">{brief.title}</a>' in html


def _changed_files(old: Path, new: Path) -> set[str]:
    changed = set()
    for path in new.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(new)
            if not (old / rel).exists() or not filecmp.cmp(old / rel, path, shallow=False):
                changed.add(rel.as_posix())
    return changed


FORBIDDEN = {"index", "registry", "corpus"}


def test_no_template_reads_the_index_or_the_registry() -> None:
    from jinja2 import meta

    from briefgen.analyse.index import CorpusIndex
    from briefgen.write.templating import Renderer, Tables

    renderer = Renderer(Tables(CorpusIndex(load_corpus(MINI / "data", display_root=MINI))))
    env = renderer.env
    assert not FORBIDDEN & set(env.globals)
    assert env.loader is not None
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]
        used = meta.find_undeclared_variables(env.parse(source))
        assert not used & FORBIDDEN, f"{name} reads {sorted(used & FORBIDDEN)}"


def test_every_page_is_given_its_context_and_no_index(monkeypatch, tmp_path: Path) -> None:
    from briefgen.analyse.index import CorpusIndex
    from briefgen.analyse.registry import Registry as RegistryType
    from briefgen.build.steps import generate_site
    from briefgen.model import Corpus
    from briefgen.write.charts import ChartCache
    from briefgen.write.templating import Renderer

    seen = []
    render = Renderer.render

    def spying(self, spec):  # type: ignore[no-untyped-def]
        seen.append(spec)
        return render(self, spec)

    monkeypatch.setattr(Renderer, "render", spying)
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    corpus = load_corpus(MINI / "data", display_root=MINI)
    outputs = generate_site(corpus, ChartCache(tmp_path), site_name="Test")
    pages = [o.path for o in outputs if o.path.endswith(".md")]
    assert sorted(spec.path for spec in seen) == sorted(pages)
    for spec in seen:
        for name, value in spec.context.items():
            assert not isinstance(value, (CorpusIndex, RegistryType, Corpus)), (spec.path, name)
