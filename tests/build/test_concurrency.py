"""Builds of one project side by side: they take turns (the lock under .cache/),
a build that waited too long refuses with a message, a killed build's lock is
free again, and no combination of build, serve and check ends in a traceback.
Every process here really runs at the same time as another."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from briefgen.build.buildlock import BuildBusy, BuildLock
from tests.build.test_serve import fetch, free_port, wait_for
from tests.conftest import MINI, copy_project, mkdocs_build

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
LIMIT = 180  # seconds any one process here may run


def _project(tmp_path: Path, lock_wait: int | None = None) -> Path:
    project = copy_project(MINI, tmp_path / "project")
    if lock_wait is not None:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "  - briefgen\n" in text
        config.write_text(text.replace("  - briefgen\n", f"  - briefgen:\n      lock_wait: {lock_wait}\n"),
                          encoding="utf-8")
    return project


def _build(project: Path, site: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project, env=ENV)


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=LIMIT)
    return process.returncode, out + err


def test_two_builds_at_once_take_turns_and_both_succeed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    site = tmp_path / "site"
    first, second = _build(project, site), _build(project, site)
    results = [_finish(first), _finish(second)]
    for code, output in results:
        assert code == 0, output
        assert "Traceback" not in output, output
    # They overlapped: one of them waited for the other.
    assert any("waiting for another build of this project" in output for _, output in results), results
    page = (site / "briefs" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "Alpha report on Pokrovsk" in page


def test_a_build_that_waited_too_long_refuses_and_leaves_the_site(tmp_path: Path) -> None:
    project = _project(tmp_path, lock_wait=1)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    lock = BuildLock(project / ".cache" / "briefgen")
    lock.acquire(0)
    try:
        result = mkdocs_build(project, site)
    finally:
        lock.release()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"another build of this project (process {os.getpid()}" in result.stderr, result.stderr
    assert "nothing was built" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_the_lock_of_a_killed_build_is_free_again(tmp_path: Path) -> None:
    project = _project(tmp_path, lock_wait=2)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from briefgen.build.buildlock import BuildLock; "
         f"lock = BuildLock({str(project / '.cache' / 'briefgen')!r}); lock.acquire(0); "
         "print('held', flush=True); "
         "time.sleep(600)"],
        stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with_holder = BuildLock(project / ".cache" / "briefgen")
        try:
            with_holder.acquire(0)
            raise AssertionError("the lock should be held by the other process")
        except BuildBusy as busy:
            assert f"process {holder.pid}" in str(busy)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    assert (project / ".cache" / "briefgen" / "build.lock").exists()  # the file stays; the lock does not
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_a_build_killed_mid_way_leaves_the_next_build_free_to_run(tmp_path: Path) -> None:
    project = _project(tmp_path, lock_wait=5)
    site = tmp_path / "site"
    killed = _build(project, site)
    lock_file = project / ".cache" / "briefgen" / "build.lock"
    wait_for(lambda: lock_file.exists() and str(killed.pid) in lock_file.read_text(), "the build to lock")
    killed.kill()
    killed.communicate(timeout=30)
    time.sleep(0.5)  # a forked generator of the killed build may still be finishing
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_check_beside_a_build_reports_nothing_and_neither_fails(tmp_path: Path) -> None:
    project = _project(tmp_path)
    build = _build(project, tmp_path / "site")
    checks = []
    briefgen = str(Path(sys.executable).parent / "briefgen")
    while build.poll() is None and len(checks) < 5:
        checks.append(subprocess.run([briefgen, "check"], capture_output=True, text=True, cwd=project,
                                     env=ENV, timeout=LIMIT))
    code, output = _finish(build)
    assert code == 0 and "Traceback" not in output, output
    assert checks
    for check in checks:
        assert (check.returncode, check.stdout, check.stderr) == (0, "", "")


def test_a_build_beside_mkdocs_serve_of_the_same_project(tmp_path: Path) -> None:
    project = _project(tmp_path)
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
             "-a", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, cwd=project, env=ENV)
    try:
        url = f"http://127.0.0.1:{port}/briefs/alpha/"
        wait_for(lambda: "Alpha report on Pokrovsk" in fetch(url), "the server's first build")
        alpha = project / "data" / "briefs" / "alpha.yml"
        build = _build(project, tmp_path / "site")
        # An edit while the build runs: the server's rebuild and the build take turns.
        revised = alpha.read_text(encoding="utf-8").replace("Alpha report on Pokrovsk", "Alpha, revised")
        alpha.write_text(revised, encoding="utf-8")
        code, output = _finish(build)
        assert code == 0 and "Traceback" not in output, output
        wait_for(lambda: "Alpha, revised" in fetch(url), "the server's rebuild")
        assert server.poll() is None
        assert "Traceback" not in log_path.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=20)
