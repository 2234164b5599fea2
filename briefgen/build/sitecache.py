"""The last generated site, kept on disk under the hash of everything it was made from.

A warm `mkdocs build` with nothing changed under data/ reuses the files the last
build generated instead of loading, indexing and rendering again: the build
then costs what plain MkDocs costs on the same pages. The key covers every file
under data/, briefgen's own code and templates, the versions of every library
briefgen requires (read from its installed metadata), the site's name and description, and today's date
(publication dates are checked against it). Only a generation that succeeded
is stored, so a cached site is always one that passed every check.

The list of a kept site holds the sha256 of each file as it was generated, and
every file is hashed again when the site is reused: a file truncated, edited or
removed since (a full disk, a stray editor, a copy half made) is found, the site
is generated again, and `damaged` names what differed. At 1,000 briefs the check
reads and hashes every generated file in well under a second (see README).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from briefgen.provenance import runtime_dependencies
from briefgen.write.urls import stays_inside_site

_PACKAGE = Path(__file__).resolve().parents[1]  # all of briefgen, not only build/
_PREFIX = "site-"
_SUFFIX = ".json"
_NEW = ".new-"


def inputs_key(data_dir: Path, settings: Iterable[str]) -> str:
    """The sha256 of the data files, briefgen itself, library versions and `settings`."""
    digest = hashlib.sha256()

    def add(label: str, content: bytes) -> None:
        digest.update(label.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(len(content).to_bytes(8, "big") + content)

    for root, folder in (("data", Path(data_dir)), ("briefgen", _PACKAGE)):
        for path in sorted(_files_below(folder)):
            if "__pycache__" in path.parts:
                continue
            try:
                content = path.read_bytes()
            except OSError:
                content = b"(unreadable)"
            add(f"{root}/{path.relative_to(folder).as_posix()}", content)
    # Every library briefgen requires, as installed: derived from its own
    # metadata, so a new dependency is covered the day it is added.
    for library, version in runtime_dependencies():
        add(library, version.encode())
    for setting in settings:
        add("setting", setting.encode("utf-8", "surrogatepass"))
    add("today", dt.date.today().isoformat().encode())
    return digest.hexdigest()


def _files_below(folder: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        found += [Path(dirpath) / name for name in filenames]
    return found


class SiteCache:
    """The generated files of the last successful build, kept as files.

    They lie under `directory/site-<key>/` at their site paths, as an export's
    docs/ holds them, and `directory/site-<key>.json` lists them. MkDocs reads
    them from there as it reads docs/, page by page, so a build holds no more of
    the site in memory than plain MkDocs does; a warm build reads only the list.

    A build generates into a fresh folder (`start`); `keep` then moves it into
    place and writes the list last, so a list always names a complete site.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        # The kept files the last `get` found changed or missing: why it found nothing.
        self.damaged: list[str] = []

    def folder(self, key: str) -> Path:
        return self.directory / f"{_PREFIX}{key}"

    def get(self, key: str) -> list[str] | None:
        """The site paths kept for `key`; None when there are none, or when a file is
        missing or holds other bytes than were kept (then listed in `damaged`)."""
        self.damaged = []
        try:
            listing = json.loads((self.directory / f"{_PREFIX}{key}{_SUFFIX}").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        digests = listing.get("files") if isinstance(listing, dict) else None
        if not isinstance(digests, dict) or not all(
            isinstance(p, str) and stays_inside_site(p) and isinstance(d, str) for p, d in digests.items()
        ):
            return None
        folder = self.folder(key)
        for path, digest in digests.items():
            try:
                content = (folder / path).read_bytes()
            except OSError:
                self.damaged.append(path)
                continue
            if _digest(content) != digest:
                self.damaged.append(path)
        self.damaged.sort()
        return None if self.damaged else sorted(digests)

    def any_kept(self) -> tuple[Path, list[str]] | None:
        """The folder and paths of a site kept here and still whole, whatever its key."""
        for listing in sorted(self.directory.glob(f"{_PREFIX}*{_SUFFIX}")):
            key = listing.name[len(_PREFIX):-len(_SUFFIX)]
            paths = self.get(key)
            if paths is not None:
                return self.folder(key), paths
        return None

    def start(self) -> Path:
        """A new empty folder to generate into; OSError when none can be made."""
        self.directory.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=self.directory, prefix=_NEW))

    def keep(self, key: str, folder: Path, paths: list[str], *, carry_times: bool = False) -> None:
        """Make `folder`, holding `paths`, the site kept for `key`; every other site
        kept here is removed. OSError when that cannot be done.

        With `carry_times`, a file the site kept before holds with the same
        bytes keeps that file's modification time: `mkdocs serve --dirty`
        then builds again only the pages whose text changed.
        """
        if carry_times:
            for before in self.directory.glob(f"{_PREFIX}*"):
                if before.is_dir() and before != self.folder(key):
                    _carry_times(before, folder, paths)
        # Hashed as generated, before anything else can touch the files.
        digests = {path: _digest((folder / path).read_bytes()) for path in paths}
        listing = self.directory / f"{_PREFIX}{key}{_SUFFIX}"
        listing.unlink(missing_ok=True)
        target = self.folder(key)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(folder, target)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=_NEW, suffix=_SUFFIX)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"files": digests}, out, ensure_ascii=True, sort_keys=True)
        os.replace(tmp, listing)
        for old in self.directory.glob(f"{_PREFIX}*"):
            if old not in (target, listing):
                discard(old)
        # What a build that was killed left behind; a day old, so no build still writes it.
        for left in self.directory.glob(f"{_NEW}*"):
            with contextlib.suppress(OSError):
                if time.time() - left.stat().st_mtime > 86400:
                    discard(left)


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _carry_times(before: Path, now: Path, paths: list[str]) -> None:
    """Give each file under `now` that is unchanged from `before` the older modification time."""
    for path in paths:
        old, new = before / path, now / path
        try:
            kept = old.stat()
            if kept.st_size != new.stat().st_size or old.read_bytes() != new.read_bytes():
                continue
            os.utime(new, ns=(kept.st_atime_ns, kept.st_mtime_ns))
        except OSError:  # not there before (a new page), or unreadable: left as new
            continue


def discard(path: Path) -> None:
    """Remove a file or a folder, whatever it holds; nothing when it is gone."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
