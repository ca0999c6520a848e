"""The review's check process: one Worker started by the review as soon as it starts, while it
is still small. There the files are found, the engine imported and the rule sets loaded, once,
while the review starts its screen; then the workers are started from it, with all that in
them, and the reading and judging shared out among them (planck.tui.keeper).

The files are shared out as `check --format json` shares them (planck.engine.run), in two
rounds: each worker reads a contiguous share of the files and says which jurisdictions it found
reports of; a jurisdiction found by one worker only is judged there, the others are judged again
from all their files by one worker each. Evaluation only ever looks at one jurisdiction's reports
(SPEC §3) and the parts are joined in the sorted order of a check in one process, so the review
shows exactly what `planck check` says.

The review asks this process, not the workers, for a jurisdiction's details; it passes the
request on to the worker that keeps them. Every function here but the ones of _Rounds is called
in the check process by the review (planck.tui.remote).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planck.engine import sharing
from planck.engine.job import Job
from planck.engine.pool import Worker
from planck.tui import keeper

if TYPE_CHECKING:
    from planck.engine.check import Found
    from planck.model import CheckRun, Diagnostic, RuleSet
    from planck.tui import view
    from planck.tui.watch import Snapshot

_workers: list[Worker] = []  # started by start(), kept for every check
_first: tuple[Snapshot, Found] | None = None  # start()'s look at the files, for the first check
_checks: dict[int, _Rounds] = {}  # the newest keeper.KEPT checks, by generation


def start(job: Job) -> None:
    """Look at the files, load what the workers need and start them (as many as `check
    --format json` would use on these files)."""
    global _first
    _first = _look(job)
    keeper.load_first_rules(job)
    files = _first[1][0]
    count = min(job.jobs, len(files) // sharing.MIN_SHARE)
    worth = sharing.worth_it(files, count)
    _workers.extend(Worker() for _ in range(count if worth else 1))


def _look(job: Job) -> tuple[Snapshot, Found]:
    """The state of the files, then the files found: in that order, so that whatever changes
    after the state was taken is seen as changed by the next poll."""
    from planck.sources.discover import discover
    from planck.tui.watch import snapshot

    return snapshot(job.paths, job.rules), discover(job.paths)


def pids() -> list[int]:
    """The workers' process ids."""
    return [worker.pid() for worker in _workers]


@dataclass(frozen=True)
class Answer:
    """A check's outcome as the review gets it: the state of the files before they were read
    (for the watch: a change made during the check is seen by the next poll), the Summary."""

    state: Snapshot
    summary: view.Summary


# A check is three calls (read, judge, answer), each returning as soon as its round is under
# way or done: between them this process serves the review's requests for the details of the
# run on screen, so that a reload holds the screen up for one round at most, never the whole
# check.


def read(generation: int, job: Job) -> None:
    """Start a check of ``job``, its results to be kept by the workers under ``generation``:
    round 1 under way."""
    global _first
    from planck.engine.check import as_diagnostic

    (state, (files, problems)), _first = _first or _look(job), None
    keeper.make_room(_checks)
    errors = [as_diagnostic(e) for e in problems]
    _checks[generation] = _Rounds(generation, _workers, job, files, state, errors)
    _checks[generation].read()


def judge(generation: int) -> None:
    """Round 1's answers in; round 2 under way."""
    _checks[generation].judge()


def answer(generation: int) -> Answer:
    """Round 2's answers in: the check's outcome."""
    rounds = _checks[generation]
    return Answer(rounds.state, rounds.summary())


def details(generation: int, place: str) -> list[view.Detail]:
    return _checks[generation].owner[place].submit(keeper.details, generation, place).result()


def whole(generation: int) -> CheckRun:
    return _checks[generation].gather(keeper.whole)


def latest(generation: int) -> CheckRun:
    return _checks[generation].gather(keeper.latest)


@dataclass
class _Rounds:
    """One check: its two rounds among the workers, and who keeps each jurisdiction."""

    generation: int
    workers: list[Worker]
    job: Job
    files: list[Path]
    state: Snapshot
    errors: list[Diagnostic]
    warnings: list[Diagnostic] = field(default_factory=list)
    rulesets: list[RuleSet] = field(default_factory=list)
    owner: dict[str, Worker] = field(default_factory=dict)  # jurisdiction -> who keeps it
    round_one: list[Future[keeper.Found]] = field(default_factory=list)
    round_two: list[Future[keeper.Judged]] = field(default_factory=list)

    def read(self) -> None:
        """Round 1: each worker reads a contiguous share of the files."""
        from planck.engine.run import contiguous

        shares = contiguous(self.files, len(self.workers))
        self.round_one = [
            worker.submit(keeper.read, self.generation, self.job, share)
            for worker, share in zip(self.workers, shares, strict=True)
        ]

    def judge(self) -> None:
        """Round 1's answers; round 2: every jurisdiction judged where it is kept, those found
        by more than one worker read again and judged by one."""
        from planck.engine.run import regroup

        seen: dict[str, set[str]] = {}  # jurisdiction -> its files, from every worker
        workers_of: dict[str, int] = {}
        for index, future in enumerate(self.round_one):
            found = future.result()
            if index == 0:
                self.rulesets = found.rulesets
                self.errors += found.rule_errors
            self.errors += found.errors
            self.warnings += found.warnings
            for name, files in found.files.items():
                seen.setdefault(name, set()).update(files)
                workers_of[name] = workers_of.get(name, 0) + 1
        shared = frozenset(name for name, n in workers_of.items() if n > 1)
        groups = regroup({name: seen[name] for name in shared}, self.files, len(self.workers))
        groups += [([], frozenset())] * (len(self.workers) - len(groups))
        self.round_two = [
            worker.submit(
                keeper.judge, self.generation, self.job.max_bytes, keeper.Round(shared, *group)
            )
            for worker, group in zip(self.workers, groups, strict=True)
        ]

    def summary(self) -> view.Summary:
        """Round 2's answers: the tallies joined in the sorted order of a check in one process,
        the reports refused among the errors, the evaluation's warnings about accepted reports
        among the warnings."""
        from planck.engine.check import diag_key
        from planck.tui import view

        tallies: dict[str, view.Tallied] = {}
        shown: set[str] = set()
        evaluated: list[Diagnostic] = []
        for worker, future in zip(self.workers, self.round_two, strict=True):
            judged = future.result()
            tallies.update(judged.tallies)
            self.owner.update(dict.fromkeys(judged.tallies, worker))
            shown |= judged.shown
            self.errors += judged.refused
            evaluated += judged.warnings
        self.warnings += [w for w in evaluated if w.location.file in shown]
        self.round_one, self.round_two = [], []
        parts = [tallies[name] for name in sorted(tallies)] or [view.Tally().done()]
        return view.summary_of(
            parts,
            self.rulesets,
            sorted(self.errors, key=diag_key),
            sorted(self.warnings, key=diag_key),
        )

    def gather(self, part: Callable[[int], dict[str, list[view.Detail]]]) -> CheckRun:
        """A run made of what ``part`` gives of every jurisdiction, from every worker."""
        from planck.model import CheckRun

        places: dict[str, list[view.Detail]] = {}
        for worker in self.workers:
            places.update(worker.submit(part, self.generation).result())
        details = [detail for name in sorted(places) for detail in places[name]]
        run = CheckRun(self.rulesets, [report for report, _ in details])
        run.results = {i: results for i, (_, results) in enumerate(details)}
        return run
