"""The MkDocs plugin: thin glue from MkDocs events to briefgen's stages.

on_config loads data/ and generates every page, chart and download in memory.
MkDocs empties the site folder only after on_pre_build, so anything that can
fail (a bad brief, a clash between generated paths, a bug in a template) fails
there, and the last good site stays on disk untouched. on_files then only hands
the finished files to MkDocs. Nothing is written into docs/.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from briefgen.build.buildlock import BuildBusy, BuildLock
from briefgen.build.generation import Report, Settings, generate
from briefgen.build.pagememo import PageMemo
from briefgen.build.rendered import RenderedPages, site_key
from briefgen.build.search_index import IndexAfterEachEdit, SearchIndexFailed, index_site_kept
from briefgen.build.sitecache import SiteCache
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

    lock_wait = c.Type(int, default=600)
    """Seconds a build waits for another build of the project to finish before it refuses."""

    search = c.Type(bool, default=True)
    """Search with Pagefind's index, fetched piece by piece, in Material's search box, in place
    of Material's own search (one index of every page's text, which a reader's browser
    downloads whole); `false` leaves Material's search as it is configured."""


def _kept_before(cache_dir: Path) -> tuple[Path, list[str], list[OutputFile]] | None:
    """The site an earlier build kept, whole, when there is one: what a server
    shows when its first build finds problems."""
    kept = SiteCache(cache_dir).any_kept()
    return None if kept is None else (kept[0], kept[1], [])


def problems_banner(problems: tuple[str, ...], data_dir: str) -> str:
    """The notice a server puts above every page while the data has problems."""
    count, where = len(problems), html.escape(data_dir)
    items = "\n".join(f"<li><code>{html.escape(problem)}</code></li>" for problem in problems)
    return (
        '<div class="admonition failure bg-problems" role="alert">\n'
        f'<p class="admonition-title">{count} problem{"s" if count != 1 else ""} in {where}/: '
        "this preview shows the last good site until they are fixed</p>\n"
        f"<ul>\n{items}\n</ul>\n</div>\n"
    )


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
        self._lock: BuildLock | None = None
        # A server's last good site (kept_in, paths, outputs), served again while
        # the data has problems, which every page then lists.
        self._last_good: tuple[Path, list[str], list[OutputFile]] | None = None
        self._problems: tuple[str, ...] = ()

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

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None
                    ) -> tuple[ConfigErrors, ConfigWarnings]:
        # mkdocs.yml is judged here, while MkDocs validates it: a setting that
        # would put markup on every page (or that MkDocs refuses without a line,
        # such as a relative site_url) stops the build at its line, before
        # anything is generated or site/ is touched.
        errors, warnings = super().load_config(options, config_file_path)
        if config_file_path:
            config_file = Path(config_file_path)
            problems = settings_problems(config_file, display_root=config_file.parent)
            if problems:
                count = len(problems)
                report = "\n".join(str(problem) for problem in problems)
                errors.append(("settings", ValidationError(
                    f"{count} problem{'s' if count != 1 else ''} in {config_file.name}, nothing was built:\n"
                    f"{report}")))
        return errors, warnings

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
        self._hold_lock(settings.cache_dir)
        try:
            generated = generate(settings, memo=self._memo, serving=self._serving,
                                 carry_times=self._serving and self._dirty)
        except (InvalidData, InvalidSite) as invalid:
            last_good = self._last_good or _kept_before(settings.cache_dir)
            if not self._serving or last_good is None:
                self._refuse(invalid.problems)
            # A server keeps the last good site and shows why on every page (see
            # on_page_content), instead of failing the rebuild: a failed rebuild
            # holds every request until the next good one.
            self._problems = tuple(str(problem) for problem in invalid.problems)
            log.error("briefgen: %s problem%s in %s/:\n%s\nThe server shows the last good site until they "
                      "are fixed.", len(self._problems), "" if len(self._problems) == 1 else "s",
                      self.config.data_dir, "\n".join(self._problems))
            self.kept_in, self.paths, self.outputs = last_good
            self._finish_config(config, settings)
            return config
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
        self._problems = ()
        self._last_good = (self.kept_in, list(self.paths), list(self.outputs))
        self._finish_config(config, settings)
        return config

    def _finish_config(self, config: MkDocsConfig, settings: Settings) -> None:
        if self.config.search:
            _quiet_material_search(config)
            if self._serving and self._search_index is None:
                self._search_index = IndexAfterEachEdit(settings.cache_dir, log.info)
        if self._rendered is not None:
            custom = [config.theme.custom_dir] if config.theme.custom_dir else []
            # The notice of problems is on every page: pages kept with it, or
            # without it, are not the pages of the other state.
            self._rendered.start(site_key(Path(config.config_file_path or "mkdocs.yml"),
                                          [str(THEME_DIR), *custom]) + "\0" + "\n".join(self._problems))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if THEME_OVERRIDES not in config.theme.dirs:
            # After the project's own custom_dir, so a project can still override main.html.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME_OVERRIDES)

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

    def _hold_lock(self, cache_dir: Path) -> None:
        """Wait for any other build of this project to finish, then hold the lock
        until MkDocs has written this site (on_post_build, on_build_error)."""
        self._release_lock()
        lock = BuildLock(cache_dir)
        try:
            lock.acquire(self.config.lock_wait, on_wait=lambda holder: log.info(
                "waiting for another build of this project to finish (%s)", holder))
        except BuildBusy as busy:
            raise PluginError(f"briefgen: nothing was built: {busy}") from None
        except OSError as error:  # no cache folder can be made: nothing to share, nothing to guard
            log.info("cannot lock %s (%s); building without the lock", lock.path, error.strerror or error)
            return
        self._lock = lock

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _log(self, report: Report) -> None:
        if report.kept_damaged:
            log.info("the generated site kept in %s differs from what was kept (%s file%s changed or "
                     "missing, such as %s): generating it again", self.config.cache_dir,
                     f"{len(report.kept_damaged):,}", "" if len(report.kept_damaged) == 1 else "s",
                     report.kept_damaged[0])
        if report.charts_damaged:
            log.info("%s cached chart%s in %s differed from what was stored: drawn again",
                     f"{report.charts_damaged:,}", "" if report.charts_damaged == 1 else "s",
                     self.config.cache_dir)
        if report.pages_damaged:
            log.info("%s kept page%s differed from what was kept: rendered again",
                     f"{report.pages_damaged:,}", "" if report.pages_damaged == 1 else "s")
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
        # The lock is held until the search index is in the site: another build
        # of the project would empty site/ while the index is copied into it.
        try:
            self._post_build(config)
        finally:
            self._release_lock()

    def _post_build(self, config: MkDocsConfig) -> None:
        if self._memo is not None:
            self._memo.fill_now()  # a server that started on a kept site: its pages, filed in a thread
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

    def on_build_error(self, *, error: Exception) -> None:
        self._release_lock()

    def on_shutdown(self) -> None:
        self._release_lock()

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self._problems:
            return html
        return problems_banner(self._problems, self.config.data_dir) + html

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        # A detail page is in no nav entry, so Material would light no header
        # tab: light its section's, for as long as this page is rendered.
        self._lit = None
        if urls.is_detail_page(page.file.src_uri):
            section = urls.section_index_path(page.file.src_uri)
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
