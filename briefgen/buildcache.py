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
_SUFFIX = ".files"


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
    """The generated files of the last successful build, one file in `directory`.

    The file is a JSON header (each file's path and length in bytes) on its
    first line, then every file's UTF-8 text back to back. At 1,000 briefs that
    is 160 MB, which a JSON list of strings takes 2.6 s to parse and this
    layout 0.3 s to slice: a warm build pays it every time.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def get(self, key: str) -> list[OutputFile] | None:
        path = self.directory / f"{_PREFIX}{key}{_SUFFIX}"
        try:
            data = path.read_bytes()
            end = data.index(b"\n")
            header = json.loads(data[:end])
            view = memoryview(data)  # slices without copying
            outputs = []
            at = end + 1
            for name, size in header:
                outputs.append(OutputFile(name, str(view[at:at + size], "utf-8")))
                at += size
        except (OSError, ValueError, TypeError):  # missing, or not what put() writes
            return None
        return outputs if at == len(data) else None

    def put(self, key: str, outputs: list[OutputFile]) -> bool:
        """Store `outputs` under `key`, replacing any earlier site; False when
        they are not all text (and so are not stored)."""
        texts = [o.content for o in outputs]
        if not all(isinstance(text, str) for text in texts):
            return False
        encoded = [str(text).encode("utf-8") for text in texts]
        header = json.dumps([[o.path, len(b)] for o, b in zip(outputs, encoded, strict=True)],
                            ensure_ascii=True)
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(header.encode("ascii") + b"\n")
            out.writelines(encoded)
        name = f"{_PREFIX}{key}{_SUFFIX}"
        os.replace(tmp, self.directory / name)
        for old in self.directory.glob(f"{_PREFIX}*"):
            if old.name != name:
                old.unlink(missing_ok=True)
        return True
