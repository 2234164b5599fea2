"""The last generated site, kept on disk under the hash of everything it was made from.

A warm `mkdocs build` with nothing changed under data/ reuses the files the last
build generated instead of loading, indexing and rendering again: the build
then costs what plain MkDocs costs on the same pages. The key covers every file
under data/, briefgen's own code and templates, the versions of the libraries
that shape the output, the site's name and description, and today's date
(publication dates are checked against it). Only a generation that succeeded
is stored, so a cached site is always one that passed every check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from briefgen.urls import OutputFile

_PACKAGE = Path(__file__).resolve().parent
_LIBRARIES = ("jinja2", "markdown", "matplotlib", "nh3", "pyyaml")
_PREFIX = "site-"


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
    for library in _LIBRARIES:
        try:
            add(library, metadata.version(library).encode())
        except metadata.PackageNotFoundError:
            add(library, b"(missing)")
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


class OutputCache:
    """The generated files of the last successful build, one JSON file in `directory`."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def get(self, key: str) -> list[OutputFile] | None:
        path = self.directory / f"{_PREFIX}{key}.json"
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entries, list):
            return None
        return [OutputFile(e["path"], e["content"]) for e in entries]

    def put(self, key: str, outputs: list[OutputFile]) -> bool:
        """Store `outputs` under `key`, replacing any earlier site; False when
        they are not all text (and so are not stored)."""
        if not all(isinstance(o.content, str) for o in outputs):
            return False
        self.directory.mkdir(parents=True, exist_ok=True)
        entries = [{"path": o.path, "content": o.content} for o in outputs]
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(entries, out, ensure_ascii=False)
        os.replace(tmp, self.directory / f"{_PREFIX}{key}.json")
        for old in self.directory.glob(f"{_PREFIX}*.json"):
            if old.name != f"{_PREFIX}{key}.json":
                old.unlink(missing_ok=True)
        return True
