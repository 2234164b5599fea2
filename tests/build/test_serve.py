"""`mkdocs serve` on a fixture project: edits under data/ rebuild, bad ones don't kill it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINI, copy_project

LIMIT = 60.0  # seconds any one step may take before the test fails


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_rebuilds_on_data_edits_and_survives_a_bad_one(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    alpha = project / "data" / "briefs" / "alpha.yml"
    port = free_port()
    log_path = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/briefs/alpha/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(project / "mkdocs.yml"),
                "-a",
                f"127.0.0.1:{port}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=project,
            env=env,
        )
    try:

        def log_text() -> str:
            return log_path.read_text(encoding="utf-8")

        wait_for(lambda: "Alpha report on Pokrovsk" in fetch(url), "the first build")
        assert log_text().count("Detected file changes") == 0

        alpha.write_text(alpha.read_text().replace("Alpha report on Pokrovsk", "Alpha report, revised"))
        wait_for(lambda: "Alpha report, revised" in fetch(url), "the rebuild after a good edit")
        time.sleep(2)  # let any second, spurious rebuild show itself
        assert log_text().count("Detected file changes") == 1

        good = alpha.read_text()
        alpha.write_text(good.replace("published: 2025-10-29", "published: 2025-02-30"))
        wait_for(lambda: "data/briefs/alpha.yml:" in log_text(), "the located error")
        assert "published" in log_text().split("data/briefs/alpha.yml:")[1].splitlines()[0]
        time.sleep(1)
        assert server.poll() is None, "the server stopped on a bad edit"
        # (The server keeps serving the last good site meanwhile, with the
        # problems above every page: tests/build/test_serve_problems.py.)

        alpha.write_text(good.replace("Alpha report, revised", "Alpha report, third"))
        wait_for(lambda: "Alpha report, third" in fetch(url), "the rebuild after the fix")
    finally:
        server.terminate()
        server.wait(timeout=20)


def _page_times(log: str) -> dict[str, int]:
    """The built HTML pages of the server's site folder (named in its -v log), with their times."""
    site = Path(re.search(r"Config value 'site_dir' = '([^']+)'", log).group(1))  # type: ignore[union-attr]
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def test_a_dirty_server_builds_again_only_the_pages_an_edit_changes(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    alpha = project / "data" / "briefs" / "alpha.yml"
    port = free_port()
    log_path = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/briefs/alpha/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-v", "-f", str(project / "mkdocs.yml"),
             "-a", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, cwd=project, env=env)
    try:
        def log_text() -> str:
            return log_path.read_text(encoding="utf-8")

        wait_for(lambda: "Alpha report on Pokrovsk" in fetch(url), "the first build")
        first = _page_times(log_text())
        assert "briefs/alpha/index.html" in first and len(first) > 20

        text = alpha.read_text(encoding="utf-8")
        assert "\nsummary: |\n  " in text
        alpha.write_text(text.replace("\nsummary: |\n  ", "\nsummary: |\n  A revised summary. ", 1),
                         encoding="utf-8")
        wait_for(lambda: "A revised summary." in fetch(url), "the rebuild after a summary edit")
        wait_for(lambda: "Reloading browsers" in log_text(), "the end of the rebuild")
        now = _page_times(log_text())
        rebuilt = {path for path, time in now.items() if first.get(path) != time}
        # The brief's own page (and the 404 page, which MkDocs always writes); the
        # pages that only list the brief show nothing of its summary.
        assert rebuilt == {"briefs/alpha/index.html", "404.html"}
        assert "A revised summary." not in fetch(f"http://127.0.0.1:{port}/briefs/")
    finally:
        server.terminate()
        server.wait(timeout=20)
