"""The MkDocs plugin: thin glue from MkDocs events to briefgen's stages.

on_config loads data/ and generates every page, chart and download in memory.
MkDocs empties the site folder only after on_pre_build, so anything that can
fail (a bad brief, a clash between generated paths, a bug in a template) fails
there, and the last good site stays on disk untouched. on_files then only hands
the finished files to MkDocs. Nothing is written into docs/.
"""

from __future__ import annotations

import gc
import html
import time
from pathlib import Path
from typing import Any, overload

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from briefgen.build import parallel
from briefgen.build.buildlock import BuildBusy, BuildLock
from briefgen.build.pagememo import PageMemo
from briefgen.build.parallel import can_fork, run_apart
from briefgen.build.sitecache import SiteCache, discard, inputs_key
from briefgen.build.steps import STYLESHEET, THEME_DIR, generate_site, write_site
from briefgen.problems import InvalidSite
from briefgen.read.load import InvalidData, collections_paused, load_corpus
from briefgen.read.settings import settings_problems
from briefgen.read.yamlsafe import forget_parsed
from briefgen.write import urls
from briefgen.write.charts import ChartCache
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


class _DataRefused(PluginError):
    """The data has problems (`problems`, one located line each): nothing was generated."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)  # args: the message alone, so that it pickles (run_apart)
        self.problems = problems


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
        cache_dir = root / self.config.cache_dir
        self._hold_lock(cache_dir)
        try:
            self._make_site(config, root, data_dir, cache_dir)
        except _DataRefused as refused:
            last_good = self._last_good or _kept_before(cache_dir)
            if not self._serving or last_good is None:
                raise
            # A server keeps the last good site and shows why in every page (see
            # on_page_content), instead of failing the rebuild: a failed rebuild
            # holds every request until the next good one.
            log.error("%s\nThe server shows the last good site until they are fixed.", refused)
            self._problems = refused.problems
            self.kept_in, self.paths, self.outputs = last_good
        else:
            self._problems = ()
            self._last_good = (self.kept_in, list(self.paths), list(self.outputs))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if THEME_OVERRIDES not in config.theme.dirs:
            # After the project's own custom_dir, so a project can still override main.html.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME_OVERRIDES)
        return config

    def _make_site(self, config: MkDocsConfig, root: Path, data_dir: Path, cache_dir: Path) -> None:
        """Reuse or generate the site: `kept_in` and `paths`, or `outputs` held in memory."""
        started = time.perf_counter()
        about = config.site_description or ""
        site_url = config.site_url or ""
        key = inputs_key(data_dir, (config.site_name, about, site_url))
        kept = SiteCache(cache_dir)
        paths = kept.get(key)
        if kept.damaged:
            log.info("the generated site kept in %s differs from what was kept (%s file%s changed or "
                     "missing, such as %s): generating it again", self.config.cache_dir,
                     f"{len(kept.damaged):,}", "" if len(kept.damaged) == 1 else "s", kept.damaged[0])
        if paths is not None:
            log.info("nothing changed under %s/: %s generated files reused in %.1f s",
                     self.config.data_dir, f"{len(paths):,}", time.perf_counter() - started)
        else:
            def generate_and_keep() -> list[str] | None:
                return self._generate_into(kept, key, data_dir, root, cache_dir, config.site_name,
                                           about, site_url)

            if not self._serving and can_fork():
                # Generated in a process of its own, which leaves the files in the
                # cache: MkDocs then builds from the memory this process had
                # before, not beside the corpus, its index and their leftovers.
                # (A server generates here: it keeps the parsed files for the next edit.)
                paths = run_apart(generate_and_keep)
            else:
                paths = generate_and_keep()
        if paths is not None:
            self.kept_in, self.paths = kept.folder(key), paths
        else:  # the cache cannot be written: generated again, and held in memory
            self.outputs = self._generate(data_dir, root, cache_dir, config.site_name, about, site_url)

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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._release_lock()

    def on_build_error(self, *, error: Exception) -> None:
        self._release_lock()

    def on_shutdown(self) -> None:
        self._release_lock()

    def _generate_into(self, kept: SiteCache, key: str, data_dir: Path, root: Path, cache_dir: Path,
                       site_name: str, about: str, site_url: str) -> list[str] | None:
        """Generate the site into the cache and keep it there: its paths; None
        when the cache cannot be written."""
        try:
            folder = kept.start()
            try:
                paths = self._generate(data_dir, root, cache_dir, site_name, about, site_url, folder)
                kept.keep(key, folder, paths, carry_times=self._serving and self._dirty)
            finally:
                discard(folder)  # gone already once kept
        except OSError as error:
            # Not a warning: `mkdocs build --strict` would fail the build for it.
            log.info("cannot keep the generated site in %s (%s); generating it in memory",
                     cache_dir, error.strerror or error)
            return None
        return paths

    @overload
    def _generate(self, data_dir: Path, root: Path, cache_dir: Path, site_name: str, about: str,
                  site_url: str) -> list[OutputFile]: ...

    @overload
    def _generate(self, data_dir: Path, root: Path, cache_dir: Path, site_name: str, about: str,
                  site_url: str, folder: Path) -> list[str]: ...

    def _generate(self, data_dir: Path, root: Path, cache_dir: Path, site_name: str, about: str,
                  site_url: str, folder: Path | None = None) -> list[OutputFile] | list[str]:
        """Every generated file, in memory; or, given `folder`, written there (their paths)."""
        started = time.perf_counter()
        try:
            with collections_paused():
                corpus = load_corpus(data_dir, display_root=root)
                if not self._serving:
                    # Only a server reads the files again (and re-parses just the changed ones).
                    forget_parsed()
                    # The corpus lives as long as this build, so garbage collections
                    # need never scan it: frozen before collections resume, which
                    # would otherwise begin by scanning every object the load made,
                    # 2 s at 1,000 briefs. (A server drops its corpus at the next edit.)
                    gc.freeze()
            loaded = time.perf_counter()
            log.info("%s briefs loaded in %.1f s", f"{len(corpus.briefs):,}", loaded - started)
            charts = ChartCache(cache_dir)
            timings: dict[str, float] = {}
            pools = parallel.pools_started
            made = (generate_site(corpus, charts, site_name=site_name, about=about, site_url=site_url,
                                  timings=timings, memo=self._memo) if folder is None
                    else write_site(corpus, charts, folder, site_name=site_name, about=about,
                                    site_url=site_url, timings=timings, memo=self._memo))
        except (InvalidData, InvalidSite) as invalid:
            count = len(invalid.problems)
            raise _DataRefused(
                f"briefgen: {count} problem{'s' if count != 1 else ''} in {self.config.data_dir}/, "
                f"nothing was built:\n{invalid}", tuple(str(problem) for problem in invalid.problems)
            ) from None
        except OSError:
            raise  # the disk, not the data: the caller decides
        except Exception as error:  # a bug, not bad data; still, the last site stays whole
            raise PluginError(
                f"briefgen: the site could not be generated, nothing was built "
                f"({type(error).__name__}: {error}); please report this with the data that caused it"
            ) from error
        charts.prune()
        if charts.damaged:
            log.info("%s cached chart%s in %s differed from what was stored: drawn again",
                     f"{charts.damaged:,}", "" if charts.damaged == 1 else "s", self.config.cache_dir)
        if self._memo is not None:
            rendered = self._memo.rendered
            log.info("%s page%s rendered, %s kept from the last build",
                     f"{rendered:,}", "" if rendered == 1 else "s", f"{self._memo.reused:,}")
            if self._memo.damaged:
                log.info("%s kept page%s differed from what was kept: rendered again",
                         f"{self._memo.damaged:,}", "" if self._memo.damaged == 1 else "s")
        # The processes the work was shared between: a build that stayed in one
        # on a machine with more cores (a thread was running, BRIEFGEN_WORKERS=1,
        # a server) shows here.
        processes = parallel.workers() if parallel.pools_started > pools else 1
        log.info(
            "%s files generated in %.1f s (index %.1f s, %d charts drawn in %.1f s, pages %.1f s) "
            "on %d process%s",
            f"{len(made):,}", time.perf_counter() - loaded, timings.get("index", 0),
            charts.rendered, timings.get("charts", 0), timings.get("pages", 0),
            processes, "" if processes == 1 else "es",
        )
        return made

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
            section = page.file.src_uri.split("/", 1)[0] + "/index.md"
            for item in nav.items:
                if isinstance(item, Page) and item.file.src_uri == section:
                    item.active = True
                    self._lit = item
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._lit is not None:
            self._lit.active = False
            self._lit = None
        return output

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # A kept file is read when MkDocs reaches it, as a page of docs/ would be.
        generated = [File.generated(config, path, abs_src_path=str(self.kept_in / path))
                     for path in self.paths]
        generated += [File.generated(config, output.path, content=output.content) for output in self.outputs]
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
