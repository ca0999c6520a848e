"""Worker processes from the standard library: a ProcessPoolExecutor, or none at all.

Arguments and answers cross between processes by ordinary pickling. Workers are started by
forking where that is safe and cheap (Linux, from a process with no other thread running: the
command line), else by the multiprocessing default (a fork server on Linux, spawn elsewhere),
which the review uses as it loads in a thread beside Textual's own.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from typing import TypeVar

from planck.errors import PlanckError
from planck.i18n import msg

T = TypeVar("T")
R = TypeVar("R")


def _context() -> BaseContext:
    """Forking copies every lock as it is at that moment: only safe with one thread running."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if sys.platform == "linux":
        return _server_context()
    return multiprocessing.get_context()


def _server_context() -> BaseContext:
    context = multiprocessing.get_context("forkserver")
    # Workers forked from a server that has imported the engine start without importing it.
    context.set_forkserver_preload(["planck.engine.run"])
    return context


def start_server() -> None:
    """Start the fork server now (Linux), for workers started later from a thread. It passes
    its own standard error on, so it must start before an app redirects sys.stderr (as
    Textual does, to an object without a file descriptor)."""
    if sys.platform == "linux":
        from multiprocessing import forkserver

        _server_context()

        forkserver.ensure_running()


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group; the parent stops the run and says
    # so once, the workers end when it shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def workers(jobs: int) -> Iterator[Executor | None]:
    """``jobs`` worker processes for the block (None: one process will do); every worker has
    ended when the block does."""
    if jobs <= 1:
        yield None
        return
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_ignore_interrupts
    ) as pool:
        try:
            yield pool
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def run_all(pool: Executor | None, work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``work`` on each item, in ``pool`` if there is one; the answers in the items' order."""
    if pool is None or len(items) <= 1:
        return [work(item) for item in items]
    try:
        return list(pool.map(work, items))
    except BrokenProcessPool:  # a worker killed (out of memory?) before it could answer
        raise PlanckError(
            msg(
                "工作进程意外退出（内存不足？）；可用 --jobs 1 在单个进程中检查",
                "a worker process stopped unexpectedly (out of memory?); "
                "--jobs 1 checks in a single process",
            )
        ) from None
