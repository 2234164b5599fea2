"""Independent pieces of one build, run on every core the machine gives us.

A cold build of 1,000 briefs renders about 2,500 pages and draws about 1,200
charts, each a pure function of the corpus index. Forked workers inherit the
index as it stands in memory (nothing is pickled on the way in) and send back
only what they made: the text of pages, or finished charts.

Forking is used only where it is safe and pays:
- on a platform that can fork (not Windows; macOS is left serial too, since
  its system libraries are not fork-safe);
- from a process running a single thread: `mkdocs serve` runs a server
  thread, and a fork taken while another thread holds a lock can deadlock;
- for enough pieces of work to repay starting the workers.
`BRIEFGEN_WORKERS=1` keeps a build in one process (no workers, and no
process apart for generating: `run_apart` runs in place); `BRIEFGEN_WORKERS=N`
sets the number of processes (by default, one per core this process may run on).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import TypeVar, cast

T = TypeVar("T")

# Below this many pieces, starting the workers costs more than it saves.
MIN_TASKS = 16

# The work of the pool running now: workers are forked after it is set, so
# they read it from their copy of memory and receive only an index.
_tasks: Sequence[Callable[[], object]] = ()


def workers() -> int:
    """How many processes a build may use."""
    wanted = os.environ.get("BRIEFGEN_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


class Usage:
    """How many processes one build's work was shared between: the build log says it, and a
    test knows from it that the work really was shared. One per build, never shared between builds."""

    def __init__(self) -> None:
        self.processes = 1
        self.pools = 0


def run_all(tasks: Sequence[Callable[[], T]], usage: Usage | None = None) -> list[T]:
    """Each task's result, in the order of `tasks`, on as many processes as pay.

    An exception in a task is raised here, as it would be in one process.
    `usage`, when given, notes the processes that shared the work.
    """
    count = workers()
    if count < 2 or len(tasks) < MIN_TASKS or not can_fork():
        return [task() for task in tasks]
    global _tasks
    _tasks = tasks
    if usage is not None:
        usage.processes = max(usage.processes, count)
        usage.pools += 1
    # A worker touching an object copies the memory page it lies on, and a
    # garbage collection touches every object: frozen, the objects made so
    # far are left out of collections, so their pages stay shared.
    gc.freeze()
    try:
        # This process takes every count-th piece itself, so `count` cores are
        # busy with one process fewer (and its memory) than a pool of `count`.
        mine = range(0, len(tasks), count)
        theirs = [number for number in range(len(tasks)) if number % count]
        # An executor, not a multiprocessing.Pool: if a worker dies (killed, out
        # of memory), the build fails with BrokenProcessPool instead of waiting
        # forever for the work it held. With fork it starts its workers before
        # its own manager thread, so no thread is forked.
        with ProcessPoolExecutor(count - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = pool.map(_run, theirs, chunksize=max(1, len(theirs) // (count * 8)))
            done: dict[int, object] = {number: tasks[number]() for number in mine}
            done.update(zip(theirs, pending, strict=True))
        return [cast(T, done[number]) for number in range(len(tasks))]
    finally:
        _tasks = ()
        gc.unfreeze()


def _run(number: int) -> object:
    return _tasks[number]()


def run_apart(task: Callable[[], T]) -> T:
    """`task()` run in a forked process, so that every byte it allocated is
    returned to the system when it ends; here, when forking is not safe.

    A build generates its site this way: what MkDocs builds next then starts
    from the memory the build had before generating, not from a heap left
    fragmented by the corpus and its index. The result must be small (it is
    pickled back); an exception is raised here, as it would be in one process.
    """
    if workers() < 2 or not can_fork():
        return task()
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    # Not a Pool worker: those may not start pools of their own, and this one does.
    child = context.Process(target=_apart, args=(task, sending), name="briefgen-generate")
    child.start()
    sending.close()
    try:
        outcome = receiving.recv()
    except EOFError:  # it died without a word: killed, or out of memory
        outcome = None
    finally:
        receiving.close()
        child.join()
    if outcome is None:
        raise RuntimeError(f"the process generating the site ended early (exit code {child.exitcode})")
    succeeded, value = outcome
    if succeeded:
        return cast(T, value)
    raise cast(BaseException, value)


def _apart(task: Callable[[], object], sending: Connection) -> None:
    try:
        outcome: tuple[bool, object] = (True, task())
    except BaseException as error:  # noqa: BLE001 - every failure is reported to the parent
        outcome = (False, error)
    try:
        sending.send(outcome)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled: send its words
        failed = outcome[1]
        sending.send((False, RuntimeError(f"{type(failed).__name__}: {failed}")))
    finally:
        sending.close()
