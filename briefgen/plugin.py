"""The MkDocs plugin: thin glue from MkDocs events to briefgen's stages.

on_config loads data/ and generates every page, chart and download in memory.
MkDocs empties the site folder only after on_pre_build, so anything that can
fail (a bad brief, a clash between generated paths, a bug in a template) fails
there, and the last good site stays on disk untouched. on_files then only hands
the finished files to MkDocs. Nothing is written into docs/.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from briefgen.build.generation import Report, Settings, generate
from briefgen.build.pagememo import PageMemo
from briefgen.build.rendered import RenderedPages, site_key
from briefgen.build.search_index import IndexAfterEachEdit, SearchIndexFailed, index_site_kept
from briefgen.build.steps import STYLESHEET, THEME_DIR
from briefgen.problems import InvalidSite, Problem
from briefgen.read.load import InvalidData
from briefgen.read.settings import settings_problems
from briefgen.write import urls
from briefgen.write.urls import OutputFile

log = get_plugin_logger(__name__)

THEME_OVERRIDES = str(THEME_DIR)


class BriefgenConfig(Config):
    data_dir = c.Type(str, default="data")
    """Folder holding briefs/, the registry files, metrics.yml and units.yml, relative to mkdocs.yml."""

    cache_dir = c.Type(str, default=".cache/briefgen")
    """Where rendered charts and read briefs are kept between builds, relative to mkdocs.yml."""

    search = c.Type(bool, default=True)
    """Search with Pagefind's index, fetched piece by piece, in Material's search box, in place
    of Material's own search (one index of every page's text, which a reader's browser
    downloads whole); `false` leaves Material's search as it is configured."""


class BriefgenPlugin(BasePlugin[BriefgenConfig]):
    def __init__(self) -> None:
        # What on_files hands to MkDocs: the paths of the files kept under
        # `kept_in`, or (when the cache cannot be written) the files themselves.
        self.kept_in = Path()
        self.paths: list[str] = []
        self.outputs: list[OutputFile] = []
        self._lit: Page | None = None
        self._serving = False
        self._dirty = False
        self._memo: PageMemo | None = None
        self._rendered: RenderedPages | None = None
        self._search_index: IndexAfterEachEdit | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps one plugin instance across `mkdocs serve`
        # rebuilds; per-build state is still reset in on_config.
        self._serving = command == "serve"
        # `mkdocs serve --dirty` builds only the pages whose files are newer
        # than its last build of them: unchanged generated files keep their times.
        self._dirty = dirty
        # A server keeps its rendered pages between rebuilds: an edit renders
        # again only the pages it changes. (A build renders every page.)
        self._memo = PageMemo() if self._serving else None
        # And MkDocs renders again only the detail pages whose Markdown changed
        # (a dirty server compares file times instead).
        self._rendered = RenderedPages() if self._serving and not dirty else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        data_dir = root / self.config.data_dir
        self.paths, self.outputs = [], []
        if str(data_dir) not in config.watch:
            config.watch.append(str(data_dir))
        if not config.use_directory_urls:
            self._refuse(settings_problems(Path(config.config_file_path or "mkdocs.yml"), display_root=root)
                         or "`use_directory_urls: false`: briefgen links pages by their directory URLs")
        settings = Settings(data_dir, root, root / self.config.cache_dir, config.site_name,
                            config.site_description or "", config.site_url or "")
        try:
            generated = generate(settings, memo=self._memo, serving=self._serving,
                                 carry_times=self._serving and self._dirty)
        except (InvalidData, InvalidSite) as invalid:
            self._refuse(invalid.problems)
        except OSError:
            raise  # the disk, not the data: MkDocs reports it
        except Exception as error:  # a bug, not bad data; still, the last site stays whole
            raise PluginError(
                f"briefgen: the site could not be generated, nothing was built "
                f"({type(error).__name__}: {error}); please report this with the data that caused it"
            ) from error
        if generated.folder is None:
            # Not a warning: `mkdocs build --strict` would fail the build for it.
            log.info("cannot keep the generated site in %s; generated it in memory", settings.cache_dir)
        self._log(generated.report)
        self.kept_in = generated.folder or Path()
        self.paths = generated.paths if generated.folder else []
        self.outputs = generated.outputs
        if self.config.search:
            _quiet_material_search(config)
            if self._serving and self._search_index is None:
                self._search_index = IndexAfterEachEdit(settings.cache_dir, log.info)
        if self._rendered is not None:
            custom = [config.theme.custom_dir] if config.theme.custom_dir else []
            self._rendered.start(site_key(Path(config.config_file_path or "mkdocs.yml"),
                                          [str(THEME_DIR), *custom]))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if THEME_OVERRIDES not in config.theme.dirs:
            # After the project's own custom_dir, so a project can still override main.html.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME_OVERRIDES)
        return config

    def _refuse(self, problems: Sequence[Problem] | str) -> NoReturn:
        """Stop the build before MkDocs touches the site folder, listing what to fix."""
        if isinstance(problems, str):
            raise PluginError(f"briefgen: {problems}; nothing was built")
        count = len(problems)
        listed = "\n".join(str(problem) for problem in problems)
        raise PluginError(
            f"briefgen: {count} problem{'s' if count != 1 else ''} in {self.config.data_dir}/, "
            f"nothing was built:\n{listed}"
        ) from None

    def _log(self, report: Report) -> None:
        if report.reused:
            log.info("nothing changed under %s/: %s generated files reused in %.1f s",
                     self.config.data_dir, f"{report.files:,}", report.generate_seconds)
            return
        log.info("%s briefs loaded in %.1f s", f"{report.briefs:,}", report.load_seconds)
        if report.pages_rendered is not None:
            rendered = report.pages_rendered
            log.info("%s page%s rendered, %s kept from the last build",
                     f"{rendered:,}", "" if rendered == 1 else "s", f"{report.pages_kept or 0:,}")
        # The processes the work was shared between: a build that stayed in one
        # on a machine with more cores (a thread was running, BRIEFGEN_WORKERS=1,
        # a server) shows here.
        processes, timings = report.processes, report.timings
        log.info(
            "%s files generated in %.1f s (index %.1f s, %d charts drawn in %.1f s, pages %.1f s) "
            "on %d process%s",
            f"{report.files:,}", report.generate_seconds, timings.get("index", 0),
            report.charts_drawn, timings.get("charts", 0), timings.get("pages", 0),
            processes, "" if processes == 1 else "es",
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.search:
            return
        if self._search_index is not None:
            self._search_index.start(Path(config.site_dir))  # a server does not wait for it
            return
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            indexed = index_site_kept(Path(config.site_dir), root / self.config.cache_dir)
        except (OSError, SearchIndexFailed) as error:
            raise PluginError(f"briefgen: the search index could not be built: {error}") from error
        log.info("search index of %s pages %s in %.1f s", f"{indexed.pages:,}",
                 "reused (the pages are unchanged)" if indexed.reused else "built", indexed.seconds)

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        # A detail page is in no nav entry, so Material would light no header
        # tab: light its section's, for as long as this page is rendered.
        self._lit = None
        if urls.is_detail_page(page.file.src_uri):
            section = page.file.src_uri.split("/", 1)[0] + "/index.md"
            for item in nav.items:
                if isinstance(item, Page) and item.file.src_uri == section:
                    item.active = True
                    self._lit = item
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._rendered is not None:
            self._rendered.keep(page.file.src_uri, page.file.dest_uri, output)
        if self._lit is not None:
            self._lit.active = False
            self._lit = None
        return output

    def _rendered_or(self, config: MkDocsConfig, path: str, content: str | bytes | None) -> File:
        """The generated file at `path` for MkDocs; under a server, an unchanged detail
        page as the HTML MkDocs made of it last time (build/rendered.py)."""
        if self._rendered is not None and path.endswith(".md") and urls.is_detail_page(path):
            source = (self.kept_in / path).read_bytes() if content is None else (
                content.encode() if isinstance(content, str) else content)
            kept = self._rendered.reusable(path, source)
            if kept is not None:
                return File.generated(config, kept.dest_uri, content=kept.html)
        if content is None:
            return File.generated(config, path, abs_src_path=str(self.kept_in / path))
        return File.generated(config, path, content=content)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # A kept file is read when MkDocs reaches it, as a page of docs/ would be.
        generated = [self._rendered_or(config, path, None) for path in self.paths]
        generated += [self._rendered_or(config, output.path, output.content) for output in self.outputs]
        if self._rendered is not None:
            self._rendered.forget_all_but({*self.paths, *(output.path for output in self.outputs)})
            log.info("%s detail pages unchanged: their last HTML kept, not rendered again",
                     f"{self._rendered.reused:,}")
        if self._search_index is not None:
            generated += [File.generated(config, path, abs_src_path=str(file))
                          for path, file in self._search_index.files()]
        for file in generated:
            path = file.src_uri
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"briefgen: docs/{path} collides with a generated page; rename or remove it"
                )
            if urls.is_detail_page(path):
                # The nav lists sections only; detail pages are reached from them.
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
        return files


def _quiet_material_search(config: MkDocsConfig) -> None:
    """Turn Material's search plugin off for this build: briefgen's search takes its place.

    Left on, it would write an index of every page's text (31.7 MB at 1,000
    briefs) that nothing reads. Its own `enabled` option, which each of its
    events checks; it stays listed in mkdocs.yml, so an export (which drops
    briefgen) keeps Material's search.
    """
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin.config, "enabled"):
            plugin.config.enabled = False
