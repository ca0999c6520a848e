"""Worker processes from the standard library: a ProcessPoolExecutor, or none at all.

Arguments and answers cross between processes by ordinary pickling. On Linux the workers are
forked (they start at once, with every module already imported); elsewhere they are started the
platform's default way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.connection import wait
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from planck.errors import PlanckError
from planck.i18n import msg

T = TypeVar("T")
R = TypeVar("R")


def _context() -> BaseContext:
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


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


_KILL = getattr(signal, "SIGKILL", signal.SIGTERM)  # (Windows has no SIGKILL)


def _start_kept_worker() -> None:
    """A Worker's start: no Ctrl-C (see _ignore_interrupts), and an end with the process that
    started it. A pool's workers wait for their next call for as long as they live, so one
    whose caller was killed (or ended without stopping it) would wait for ever."""
    _ignore_interrupts()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(
            target=_end_with, args=(parent.sentinel,), name="planck-parent-watch", daemon=True
        ).start()


def _end_with(sentinel: int) -> None:
    wait([sentinel])  # ready once the parent process has ended
    os.kill(os.getpid(), _KILL)


class Worker:
    """One worker process for a caller that lives on (the review): its calls run one after
    another in the same process, so that a call may keep what it made for the next ones (see
    planck.tui.keeper). Started at once, so that it works while the caller starts up. It ends
    when stopped, or when the process that started it ends, whichever comes first; so do the
    workers it starts itself."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=_context(), initializer=_start_kept_worker
        )
        self._pid = self._pool.submit(os.getpid)  # the first call: which process to stop
        self._stopped = False

    def pid(self) -> int:
        """The worker's process id (waits until it has started)."""
        return self._pid.result()

    def submit(self, work: Callable[..., R], *args: Any) -> Future[R]:
        """``work(*args)`` in the worker, after the calls submitted before it."""
        return self._pool.submit(work, *args)

    def stop(self) -> None:
        """End the worker now, even in the middle of a call (a check of 20,000 reports need
        not finish for the review to close): what it was making is of no more use. Returns
        once the process is gone. Once only: its process id may be another process's after."""
        if self._stopped:
            return
        self._stopped = True
        if self._pid.done() and self._pid.exception() is None:
            try:
                os.kill(self._pid.result(), _KILL)
            except ProcessLookupError:  # it had ended already
                pass
        self._pool.shutdown(wait=True, cancel_futures=True)
