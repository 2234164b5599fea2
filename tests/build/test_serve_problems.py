"""`mkdocs serve` after a bad save: the last good site stays served, every page
lists the problems with file:line, the next good save clears them, and no
request hangs (each is given 5 seconds)."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.build.test_serve import free_port, wait_for
from tests.conftest import MINI, copy_project


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def test_a_bad_save_keeps_the_last_good_site_and_shows_the_problems_on_every_page(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    alpha = project / "data" / "briefs" / "alpha.yml"
    port = free_port()
    log_path = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
             "-a", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, cwd=project, env=env)
    try:
        wait_for(lambda: "Alpha report on Pokrovsk" in fetch(f"{base}/briefs/alpha/"), "the first build")
        good = alpha.read_text(encoding="utf-8")
        bad = good.replace("published: 2025-10-29", "published: 2025-02-30").replace(
            "Alpha report on Pokrovsk", "Alpha <script>alert(1)</script>")
        alpha.write_text(bad, encoding="utf-8")
        line = bad[: bad.index("published:")].count("\n") + 1
        wait_for(lambda: "problem" in fetch(f"{base}/"), "the problems in the browser")
        for page in ("/", "/briefs/alpha/", "/places/pokrovsk/", "/writing-a-brief/"):
            html = fetch(base + page)
            assert f"data/briefs/alpha.yml:{line}:" in html and "published" in html, page
            assert 'role="alert"' in html
            assert "<script>alert(1)" not in html
        # The last good site: the brief's page as it was before the bad save.
        assert "Alpha report on Pokrovsk" in fetch(f"{base}/briefs/alpha/")
        assert "data/briefs/alpha.yml:" in log_path.read_text(encoding="utf-8")  # the terminal, as before
        assert server.poll() is None

        alpha.write_text(good.replace("Alpha report on Pokrovsk", "Alpha report, fixed"), encoding="utf-8")
        wait_for(lambda: "Alpha report, fixed" in fetch(f"{base}/briefs/alpha/"), "the good save")
        for page in ("/", "/briefs/alpha/"):
            assert 'role="alert"' not in fetch(base + page)
        assert "Traceback" not in log_path.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_server_started_on_bad_data_shows_the_site_an_earlier_build_kept(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
                           cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                           text=True, timeout=180)
    assert built.returncode == 0, built.stderr
    alpha = project / "data" / "briefs" / "alpha.yml"
    bad = alpha.read_text(encoding="utf-8").replace("published: 2025-10-29", "published: 2025-02-30")
    alpha.write_text(bad, encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(tmp_path / "serve.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
             "-a", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        wait_for(lambda: "Alpha report on Pokrovsk" in fetch(f"{base}/briefs/alpha/"), "the kept site")
        assert "data/briefs/alpha.yml:" in fetch(f"{base}/")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_notice_prints_each_problem_as_text() -> None:
    """A problem's message quotes what the author wrote, markup included."""
    from briefgen.plugin import problems_banner
    notice = problems_banner(("data/briefs/a.yml:3:8: type: unknown type `<img src=x onerror=alert(1)>`",
                              "data/people.yml:1:1: (file): \"quoted\" & more"), "data")
    assert "<img" not in notice and "&lt;img src=x onerror=alert(1)&gt;" in notice
    assert "2 problems in data/" in notice and notice.count("<li>") == 2
