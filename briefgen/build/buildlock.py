"""One build at a time per project: a lock file under the cache folder.

Two builds of one project share its cache (the kept site, the charts) and
usually its site/ folder, which MkDocs empties before writing: side by side,
one deletes what the other reads. So a build holds this lock from the moment
it starts generating until MkDocs has written the site; a second build (a
`mkdocs build`, or a rebuild of `mkdocs serve`) waits for it, for a bounded
time, and then refuses with a message naming the build it waited for.

The lock is an advisory `flock` on `build.lock`: the system releases it when
the process holding it ends, however it ends, so a build that was killed
leaves no stale lock behind (the file stays, naming the process that last held
it, which is only read for the message). Where `fcntl` does not exist (Windows)
builds are not serialised.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "build.lock"


class BuildBusy(Exception):
    """Another build of the project held the lock for longer than we would wait."""


class BuildLock:
    """The project's build lock, under `cache_dir`."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = Path(cache_dir) / LOCK_NAME
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self, wait: float, on_wait: object = None) -> None:
        """Take the lock, waiting up to `wait` seconds for another build to finish;
        BuildBusy (naming it) when it does not. `on_wait(holder)` is called once
        when the lock is busy. OSError when the cache folder cannot be made."""
        if self._file is not None or fcntl is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stream = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and callable(on_wait):
                    on_wait(_holder(self.path))
                    told = True
                if time.monotonic() >= deadline:
                    holder = _holder(self.path)
                    stream.close()
                    raise BuildBusy(
                        f"another build of this project ({holder}) is still running after {wait:g} s "
                        f"of waiting; let it finish and build again (the lock is {self.path})"
                    ) from None
                time.sleep(0.1)
        stream.seek(0)
        stream.truncate()
        stream.write(f"process {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        stream.flush()
        self._file = stream

    def release(self) -> None:
        """Let the next build in; nothing when the lock is not held."""
        stream, self._file = self._file, None
        if stream is None:
            return
        with contextlib.suppress(OSError):
            if fcntl is not None:
                fcntl.flock(stream.fileno(), fcntl.LOCK_UN)
        stream.close()


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "a process that has not said which"
