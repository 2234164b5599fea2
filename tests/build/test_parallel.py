"""A build shared between forked workers makes exactly the files one process makes.

Each check runs in a fresh interpreter: forking is only done from a
single-threaded process, and the test process may hold threads (a browser
test's server) by the time these tests run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from briefgen.build import parallel
from tests.conftest import MINI, copy_project

ROOT = Path(__file__).resolve().parents[2]

_SAME_SITE = """
import hashlib, json, os, sys
from pathlib import Path
from briefgen.build import parallel
from briefgen.write.charts import ChartCache
from briefgen.build.steps import generate_site, write_site
from tests.corpus_factory import seed_corpus

def build(folder):
    cache = ChartCache(Path(sys.argv[1]) / folder)
    files = generate_site(seed_corpus(), cache, usage=usage)
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.path.encode() + b"\\0")
        digest.update(f.content.encode() if isinstance(f.content, str) else f.content)
    return {"files": len(files), "digest": digest.hexdigest(), "drawn": cache.rendered,
            "cached": sorted(p.name for p in (Path(sys.argv[1]) / folder).iterdir())}

usage = parallel.Usage()
os.environ["BRIEFGEN_WORKERS"] = "1"
alone = build("alone")
os.environ["BRIEFGEN_WORKERS"] = "2"
parallel.MIN_TASKS = 1  # share out even this small site
could_fork = parallel.can_fork()
shared = build("shared")
# Written to disk by the workers that made them: the same files, the same bytes.
written = Path(sys.argv[1]) / "written"
written.mkdir()
paths = write_site(seed_corpus(), ChartCache(Path(sys.argv[1]) / "shared"), written, usage=usage)
digest = hashlib.sha256()
for path in paths:
    digest.update(path.encode() + b"\\0")
    digest.update((written / path).read_bytes())
on_disk = sorted(p.relative_to(written).as_posix() for p in written.rglob("*") if p.is_file())
shared["written"] = {"digest": digest.hexdigest(), "files": len(paths), "only_those": on_disk == paths}
print(json.dumps({"alone": alone, "shared": shared, "could_fork": could_fork,
                  "pools": usage.pools, "processes": usage.processes}))
"""


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_forked_workers_make_the_same_site_as_one_process(tmp_path):
    done = _python(_SAME_SITE, str(tmp_path))
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["could_fork"]
    assert found["pools"] == 4  # charts then pages, held and written: the work really was shared
    assert found["processes"] == 2
    alone, shared = found["alone"], found["shared"]
    assert shared["files"] == alone["files"] > 20
    assert shared["digest"] == alone["digest"]  # same paths, same bytes
    assert shared["written"] == {"digest": alone["digest"], "files": alone["files"], "only_those": True}
    # Charts drawn in workers are counted, and stored where the next build finds them.
    assert shared["drawn"] == alone["drawn"] > 0
    assert shared["cached"] == alone["cached"]


_FAILING = """
import os
from briefgen.build import parallel
os.environ["BRIEFGEN_WORKERS"] = "2"
parallel.MIN_TASKS = 1
def fails():
    raise ValueError("a page could not be rendered")
usage = parallel.Usage()
try:
    parallel.run_all([lambda: 1, fails, lambda: 3], usage)
except ValueError as error:
    print("raised:", error, usage.pools)
"""


def test_a_failure_in_a_worker_is_raised_in_the_build():
    done = _python(_FAILING)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "raised: a page could not be rendered 1"


def test_one_worker_or_little_work_stays_in_this_process(monkeypatch):
    usage = parallel.Usage()
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    assert parallel.run_all([lambda: 1] * 100, usage) == [1] * 100
    # One worker means one process: generating apart stays here too.
    assert parallel.run_apart(os.getpid) == os.getpid()
    monkeypatch.setenv("BRIEFGEN_WORKERS", "2")
    few = parallel.MIN_TASKS - 1
    assert parallel.run_all([lambda: 2] * few, usage) == [2] * few
    assert (usage.pools, usage.processes) == (0, 1)


_DYING = """
import os
from concurrent.futures.process import BrokenProcessPool
from briefgen.build import parallel
os.environ["BRIEFGEN_WORKERS"] = "2"
parallel.MIN_TASKS = 1
def dies():
    os._exit(9)  # as a worker the system kills for want of memory
try:
    parallel.run_all([lambda: 1, dies, lambda: 3, lambda: 4])
except BrokenProcessPool:
    print("the build failed")
"""


def test_a_worker_that_dies_fails_the_build_instead_of_hanging_it():
    done = _python(_DYING)  # times out (and fails) if the build waits forever
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "the build failed"


_SERVER_FIRST_BUILD = """
import json, os, sys
from pathlib import Path
from briefgen.write.views import briefs, entities
from briefgen.build import parallel
from briefgen.write.charts import ChartCache
from briefgen.build.pagememo import PageMemo
from briefgen.build.steps import generate_site, write_site
from tests.corpus_factory import seed_corpus

parallel.MIN_TASKS = 1
# A piece of work per page: the workers render kept pages too.
briefs.PAGES_PER_JOB = entities.PAGES_PER_JOB = 1
cache = ChartCache(Path(sys.argv[1]) / "charts")
found = {}
for way in ("held", "written"):
    os.environ["BRIEFGEN_WORKERS"] = "1"
    alone = PageMemo()
    generate_site(seed_corpus(), cache, memo=alone)
    # A server's first build, shared among workers; then an unchanged rebuild in one process.
    os.environ["BRIEFGEN_WORKERS"] = "2"
    memo, usage = PageMemo(), parallel.Usage()
    if way == "held":
        first = {o.path: o.content for o in generate_site(seed_corpus(), cache, memo=memo, usage=usage)}
    else:
        folder = Path(sys.argv[1]) / "written"
        first = {path: (folder / path).read_text(encoding="utf-8")
                 for path in write_site(seed_corpus(), cache, folder, memo=memo, usage=usage)
                 if path in memo.pages}
    shared = usage.pools > 0
    counted = (memo.rendered, memo.reused, sorted(memo.pages))
    os.environ["BRIEFGEN_WORKERS"] = "1"
    again = {o.path: o.content for o in generate_site(seed_corpus(), cache, memo=memo)}
    found[way] = {"shared": shared, "alone": [alone.rendered, sorted(alone.pages)],
                  "first": counted[:2], "kept": counted[2], "again": [memo.rendered, memo.reused],
                  "same": all(again[path] == text for path, text in first.items())}
print(json.dumps(found))
"""


def test_a_servers_first_build_keeps_the_pages_its_workers_rendered(tmp_path):
    done = _python(_SERVER_FIRST_BUILD, str(tmp_path))
    assert done.returncode == 0, done.stderr
    for way, found in json.loads(done.stdout).items():
        rendered, kept = found["alone"]
        assert found["shared"] and rendered > 10, way
        # Every page a worker rendered is kept, and counted, as in one process.
        assert found["kept"] == kept and found["first"] == [rendered, 0], way
        # So a rebuild with nothing changed renders none of them again.
        assert found["again"] == [0, rendered] and found["same"], way


_MKDOCS_BESIDE_A_THREAD = """
import threading, time
from mkdocs.__main__ import cli
# A thread left running, as a library's progress-bar monitor once was.
threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
cli()
"""


def test_the_build_log_says_how_many_processes_shared_the_work(tmp_path):
    # A build that quietly stayed in one process would take twice as long on
    # two cores: the log says so.
    for name, code, said in (("alone", "from mkdocs.__main__ import cli; cli()", "on 2 processes"),
                             ("beside-a-thread", _MKDOCS_BESIDE_A_THREAD, "on 1 process")):
        project = copy_project(MINI, tmp_path / name)
        done = subprocess.run(
            [sys.executable, "-c", code, "build", "-f", str(project / "mkdocs.yml"),
             "-d", str(project / "site")],
            capture_output=True, text=True, cwd=project, timeout=300,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFGEN_WORKERS": "2"})
        assert done.returncode == 0, done.stderr
        generated = [line for line in done.stderr.splitlines() if "files generated in" in line]
        assert len(generated) == 1 and generated[0].endswith(said), done.stderr
