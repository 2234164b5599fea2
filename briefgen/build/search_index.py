"""The search index of a built site: Pagefind, run over its HTML.

Pagefind (pagefind-bin ships its binary in the wheel: no network) reads each
page's `data-pagefind-body` (theme/main.html), splits the index into pieces
by the words they hold, and writes them with its search library under
search/pagefind/. A reader's browser fetches only the pieces its query needs,
so what a first query costs stays about the same as the site grows (Material's
own index is one file of every page's text: 31.7 MB at 1,000 briefs).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefgen.write.search_files import PAGEFIND_DIR


class SearchIndexFailed(RuntimeError):
    """Pagefind could not index the site: its own words."""


@dataclass(frozen=True)
class Indexed:
    pages: int
    seconds: float
    reused: bool = False  # the last build's index, its pages being the same


def index_site(site_dir: Path, output: Path | None = None) -> Indexed:
    """Index the built site in `site_dir` into its search/pagefind/ folder (or into `output`)."""
    from pagefind_bin import get_executable  # the binary's location, found when needed

    started = time.perf_counter()
    into = ["--output-subdir", PAGEFIND_DIR] if output is None else ["--output-path", str(output)]
    finished = subprocess.run(
        [str(get_executable()), "--site", str(site_dir), *into,
         # One language for the whole site: its pages are English, and names in
         # Cyrillic are indexed as they are written.
         "--force-language", "en"],
        capture_output=True, text=True, check=False,
    )
    if finished.returncode != 0:
        raise SearchIndexFailed((finished.stderr or finished.stdout).strip())
    return Indexed(pages=_indexed_pages(finished.stdout), seconds=time.perf_counter() - started)


def index_site_kept(site_dir: Path, cache_dir: Path) -> Indexed:
    """`index_site`, reusing the index of the last build when its pages are the same.

    A warm build whose data did not change makes the same HTML: its index is
    the one kept in the cache, copied in (Pagefind takes about half as long
    as MkDocs' own build at 1,000 briefs). Only the latest index is kept.
    """
    started = time.perf_counter()
    digest = hashlib.blake2b(digest_size=16)
    for page in sorted(site_dir.rglob("*.html")):
        digest.update(page.relative_to(site_dir).as_posix().encode() + b"\0" + page.read_bytes() + b"\0")
    kept = cache_dir / f"search-index-{digest.hexdigest()}"
    target = site_dir / PAGEFIND_DIR
    if kept.is_dir():
        shutil.copytree(kept, target, dirs_exist_ok=True)
        pages = len(list((kept / "fragment").glob("*")))
        return Indexed(pages=pages, seconds=time.perf_counter() - started, reused=True)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError:  # a cache that cannot be written costs time, not the build
        return index_site(site_dir)
    making = cache_dir / f"{kept.name}.making"
    shutil.rmtree(making, ignore_errors=True)
    indexed = index_site(site_dir, making)
    for old in cache_dir.glob("search-index-*"):
        if old != making:
            shutil.rmtree(old, ignore_errors=True)
    making.rename(kept)
    shutil.copytree(kept, target, dirs_exist_ok=True)
    return Indexed(pages=indexed.pages, seconds=time.perf_counter() - started)


def _indexed_pages(log: str) -> int:
    for line in log.splitlines():
        words = line.split()
        if words[:1] == ["Indexed"] and words[2:3] == ["pages"]:
            return int(words[1].replace(",", ""))
    return 0


class IndexAfterEachEdit:
    """A server's search index: made in a thread after each build, so an edit
    shows without waiting for it (Pagefind takes seconds at 1,000 briefs and
    cannot add one page to an index).

    Each index is made into a folder of the cache, then copied into the site;
    the next build starts with the last one finished (`files`), so search keeps
    answering, from the index before the edit, until the new one is in place.
    An index started before a later build is thrown away.
    """

    def __init__(self, cache_dir: Path, report: Callable[[str], None]) -> None:
        self._cache_dir = cache_dir
        self._report = report
        self._lock = threading.Lock()
        self._generation = 0
        self._last: Path | None = None
        self.finished = threading.Event()  # set when the index of the latest build is in place

    def files(self) -> list[tuple[str, Path]]:
        """The last finished index: (path in the site, file), to start a build with."""
        with self._lock:
            last = self._last
        if last is None or not last.is_dir():
            return []
        return sorted((f"{PAGEFIND_DIR}/{path.relative_to(last).as_posix()}", path)
                      for path in last.rglob("*") if path.is_file())

    def start(self, site_dir: Path) -> None:
        with self._lock:
            self._generation += 1
            generation = self._generation
        self.finished.clear()
        threading.Thread(target=self._make, args=(site_dir, generation), daemon=True,
                         name="briefgen-search-index").start()

    def _make(self, site_dir: Path, generation: int) -> None:
        folder = self._cache_dir / f"search-index-{generation}"
        shutil.rmtree(folder, ignore_errors=True)
        try:
            try:
                self._cache_dir.mkdir(parents=True, exist_ok=True)
            except OSError:  # no cache: straight into the site, and none kept for the next build
                indexed = index_site(site_dir)
                self._report(f"search index of {indexed.pages:,} pages built in {indexed.seconds:.1f} s")
                self.finished.set()
                return
            indexed = index_site(site_dir, folder)
        except (OSError, SearchIndexFailed) as error:
            # The site was emptied by a later build as Pagefind read it: that build indexes again.
            self._report(f"search index not made ({error}); the next build makes it")
            shutil.rmtree(folder, ignore_errors=True)
            return
        with self._lock:
            if generation != self._generation:  # a later build has started: its index counts
                shutil.rmtree(folder, ignore_errors=True)
                return
            target = site_dir / PAGEFIND_DIR
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(folder, target)
            previous, self._last = self._last, folder
        if previous is not None and previous != folder:
            shutil.rmtree(previous, ignore_errors=True)
        self._report(f"search index of {indexed.pages:,} pages built in {indexed.seconds:.1f} s")
        self.finished.set()
