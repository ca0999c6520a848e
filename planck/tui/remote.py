"""The review's side of its checks: they run in a check process (planck.tui.rounds) that the
review starts first thing, and in the workers that process starts (planck.tui.keeper). The
review gets a Summary as soon as a check is done, and asks for the reports and results of a
jurisdiction when the screen first shows one of them.

This module is imported before the check process is started, while the review is still small:
it imports nothing of the engine (the check process does, once, while the review starts its
screen).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planck.engine.job import Job
from planck.engine.pool import Worker
from planck.tui import rounds

if TYPE_CHECKING:
    from planck.model import CheckRun
    from planck.tui import view
    from planck.tui.watch import Snapshot


@dataclass(frozen=True)
class Pending:
    """A check under way. ``finish()`` waits for it (call it from a thread) and gives the state
    of the files when it started (for the watch: a change made during the check is seen by the
    next poll) and its Review."""

    finish: Callable[[], tuple[Snapshot, view.Review]]


class RemoteCheck:
    """One check of ``job`` after another, each becoming a Review. The check process starts
    at once, and ``begin`` starts the first check, so that the files are read while the screen
    starts up."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._process = Worker()
        self._process.submit(rounds.start, job)
        self._generation = 0
        self._first: Pending | None = None
        # Waits for each check's rounds one after another, whatever the screen is doing
        # (starting up, drawing), and makes the Review.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planck-check")

    def worker_pids(self) -> list[int]:
        """The process ids of the workers the check process started."""
        return self._process.submit(rounds.pids).result()

    def pids(self) -> list[int]:
        """The process ids of the check process and its workers."""
        return [self._process.pid(), *self.worker_pids()]

    def begin(self) -> None:
        """Start the first check now."""
        self._first = self.start()

    def take(self) -> Pending:
        """The check begun already, or a new one."""
        pending, self._first = self._first or self.start(), None
        return pending

    def start(self) -> Pending:
        """Start a check; ``finish()`` waits for its Review (call it from a thread)."""
        self._generation += 1
        generation, process = self._generation, self._process
        # Sent here, not from the check thread: the check process starts on it at once,
        # whatever this process does next.
        reading = process.submit(rounds.read, generation, self.job)

        def finish() -> tuple[Snapshot, view.Review]:
            from planck.tui import view

            reading.result()  # round 1 under way; round 2 then, asked for when 1 is done
            process.submit(rounds.judge, generation).result()
            answer = process.submit(rounds.answer, generation).result()

            def load(place: str, _indexes: list[int]) -> list[view.Detail]:
                return process.submit(rounds.details, generation, place).result()

            def fetch(part: Callable[[int], CheckRun]) -> Callable[[], CheckRun]:
                return lambda: process.submit(part, generation).result()

            review = view.Review(answer.summary, load, fetch(rounds.whole), fetch(rounds.latest))
            return answer.state, review

        return Pending(self._thread.submit(finish).result)

    def stop(self) -> None:
        """End the check process now, even in the middle of a check; its workers end with it."""
        self._process.stop()
        self._thread.shutdown(wait=True, cancel_futures=True)
