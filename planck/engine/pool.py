"""Worker processes from the standard library: a ProcessPoolExecutor, or none at all.

Arguments and answers cross between processes by ordinary pickling. On Linux the workers are
forked (they start at once, with every module already imported); elsewhere they are started the
platform's default way.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
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
