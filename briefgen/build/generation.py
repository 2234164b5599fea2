"""One policy for making the generated site: reuse the kept one, or load, generate and keep it.

The plugin (every `mkdocs build` and `mkdocs serve` rebuild) and `briefgen check`
both come here, so a check followed by a build in CI generates the site once:
the check leaves it in the site cache under the key of its inputs, and the
build finds it there.

- Nothing changed under data/ (and in briefgen, its libraries, the site's
  settings, the date): the kept site is reused as it is (sitecache.py).
- Otherwise the corpus is loaded and the site generated into a new folder of
  the cache, which becomes the kept site once all of it is made. A one-off
  build does this in a forked process (`run_apart`), so that what MkDocs does
  next starts from the memory it had before; a server does it in process (it
  keeps the parsed files and its page memo for the next edit), and so does a
  build with `BRIEFGEN_WORKERS=1`.
- A cache that cannot be written costs time, not the build: the files are
  then generated again and held in memory.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefgen.build.pagememo import PageMemo
from briefgen.build.parallel import Usage, can_fork, run_apart
from briefgen.build.sitecache import SiteCache, discard, inputs_key
from briefgen.build.steps import fill_memo, generate_site, write_site
from briefgen.model import Corpus
from briefgen.read.load import collections_paused, load_corpus
from briefgen.read.yamlsafe import forget_parsed
from briefgen.write.charts import ChartCache
from briefgen.write.urls import OutputFile


@dataclass(frozen=True)
class Settings:
    """Where a project's data, cache and pages are, and the settings that reach its pages."""

    data_dir: Path
    root: Path  # the project folder: locations in problems are shown relative to it
    cache_dir: Path
    site_name: str = "Research briefings"
    about: str = ""
    site_url: str = ""

    @property
    def key_settings(self) -> tuple[str, ...]:
        return (self.site_name, self.about, self.site_url)


@dataclass
class Report:
    """What one generation did, for the build log."""

    reused: bool = False
    briefs: int = 0
    files: int = 0
    load_seconds: float = 0.0
    generate_seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    charts_drawn: int = 0
    processes: int = 1
    pages_rendered: int | None = None  # under a server: rendered and kept from the last build
    pages_kept: int | None = None
    # What a cache held that differed from what it was given: generated, drawn or rendered again.
    kept_damaged: list[str] = field(default_factory=list)  # files of the kept site
    charts_damaged: int = 0
    pages_damaged: int = 0


@dataclass(frozen=True)
class Generated:
    """The generated site: kept on disk under `folder` (its `paths`), or, when the
    cache cannot be written, the files themselves."""

    folder: Path | None
    paths: list[str]
    outputs: list[OutputFile]
    report: Report


def generate(settings: Settings, *, memo: PageMemo | None = None, serving: bool = False,
             carry_times: bool = False) -> Generated:
    """The site for `settings`, reused when its inputs are unchanged.

    Raises InvalidData or InvalidSite (located problems) when the data or the
    generated paths are refused; OSError only for a disk that fails after the
    cache was found writable.
    """
    started = time.perf_counter()
    if memo is not None:
        memo.finished()
    key = inputs_key(settings.data_dir, settings.key_settings)
    kept = SiteCache(settings.cache_dir)
    paths = kept.get(key)
    damaged = list(kept.damaged)
    if paths is not None:
        if memo is not None and not memo.pages:
            # A server starting on a kept site: its pages are filed in the memo
            # once the site shows, so that the first edit renders only its own.
            memo.fill_later(partial(_fill_memo, settings, key, kept.folder(key), memo))
        report = Report(reused=True, files=len(paths), generate_seconds=time.perf_counter() - started)
        return Generated(kept.folder(key), paths, [], report)

    def generate_and_keep() -> tuple[list[str], Report] | None:
        return _generate_into(kept, key, settings, memo, serving, carry_times)

    if not serving and can_fork():
        # Generated in a process of its own, which leaves the files in the
        # cache: MkDocs then builds from the memory this process had before.
        done = run_apart(generate_and_keep)
    else:
        done = generate_and_keep()
    if done is not None:
        paths, report = done
        report.kept_damaged = damaged
        return Generated(kept.folder(key), paths, [], report)
    # The cache cannot be written: generated again, and held in memory.
    outputs, report = _generate_in_memory(settings, memo, serving)
    report.kept_damaged = damaged
    return Generated(None, [o.path for o in outputs], outputs, report)


def _fill_memo(settings: Settings, key: str, folder: Path, memo: PageMemo) -> None:
    # The data must be what the kept site was made from: an author may save a
    # file while this runs, and pages filed under the fingerprint of an edit
    # they do not show would be served as if they did.
    corpus = load_corpus(settings.data_dir, display_root=settings.root)  # its parsed files kept for the edit
    if inputs_key(settings.data_dir, settings.key_settings) != key:
        return
    fill_memo(corpus, ChartCache(settings.cache_dir), folder, memo, site_name=settings.site_name,
              about=settings.about, site_url=settings.site_url)


def _generate_into(kept: SiteCache, key: str, settings: Settings, memo: PageMemo | None, serving: bool,
                   carry_times: bool) -> tuple[list[str], Report] | None:
    """Generate the site into the cache and keep it there; None when the cache cannot be written."""
    try:
        folder = kept.start()
        try:
            paths, report = _generate_on_disk(settings, memo, serving, folder)
            kept.keep(key, folder, paths, carry_times=carry_times)
        finally:
            discard(folder)  # gone already once kept
    except OSError:
        return None
    return paths, report


def _generate_on_disk(settings: Settings, memo: PageMemo | None, serving: bool,
                      folder: Path) -> tuple[list[str], Report]:
    """The site written into `folder`: its paths."""
    corpus, report, loaded = _load(settings, serving)
    charts, usage = ChartCache(settings.cache_dir), Usage()
    paths = write_site(corpus, charts, folder, site_name=settings.site_name, about=settings.about,
                       site_url=settings.site_url, timings=report.timings, memo=memo, usage=usage)
    _finish(report, charts, usage, memo, len(paths), loaded)
    return paths, report


def _generate_in_memory(settings: Settings, memo: PageMemo | None,
                        serving: bool) -> tuple[list[OutputFile], Report]:
    """The site's files, held in memory."""
    corpus, report, loaded = _load(settings, serving)
    charts, usage = ChartCache(settings.cache_dir), Usage()
    outputs = generate_site(corpus, charts, site_name=settings.site_name, about=settings.about,
                            site_url=settings.site_url, timings=report.timings, memo=memo, usage=usage)
    _finish(report, charts, usage, memo, len(outputs), loaded)
    return outputs, report


def _load(settings: Settings, serving: bool) -> tuple[Corpus, Report, float]:
    started = time.perf_counter()
    with collections_paused():
        corpus = load_corpus(settings.data_dir, display_root=settings.root)
        if not serving:
            # Only a server reads the files again (and re-parses just the changed ones).
            forget_parsed()
            # The corpus lives as long as this build, so garbage collections need
            # never scan it: frozen before collections resume, which would
            # otherwise begin by scanning every object the load made.
            gc.freeze()
    loaded = time.perf_counter()
    return corpus, Report(briefs=len(corpus.briefs), load_seconds=loaded - started), loaded


def _finish(report: Report, charts: ChartCache, usage: Usage, memo: PageMemo | None, files: int,
            loaded: float) -> None:
    charts.prune()
    report.files = files
    report.generate_seconds = time.perf_counter() - loaded
    report.charts_drawn = charts.rendered
    report.charts_damaged = charts.damaged
    report.processes = usage.processes
    if memo is not None:
        report.pages_rendered, report.pages_kept = memo.rendered, memo.reused
        report.pages_damaged = memo.damaged
