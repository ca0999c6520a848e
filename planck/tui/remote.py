"""The review's check, run in worker processes (planck.engine.pool.Worker), which keep what
they made: the review gets a Summary as soon as the check is done and fetches the reports and
results of a jurisdiction from the worker holding them when the screen first shows one of them.
Pickling every result back would cost more than the check itself.

The report files are shared out as `check --format json` shares them (planck.engine.run), in two
rounds: each worker reads a contiguous share of the files and says which jurisdictions it found
reports of; a jurisdiction found by one worker only is judged there, the others are judged again
from all their files by one worker each. Evaluation only ever looks at one jurisdiction's reports
(SPEC §3) and the parts are joined in the sorted order of a check in one process, so the review
shows exactly what `planck check` says.

A worker keeps its runs by generation, the newest two: a screen still showing the run before a
reload gets that run's details, never the next run's.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planck.engine import sharing
from planck.engine.job import Job
from planck.engine.pool import Worker
from planck.sources.discover import discover
from planck.tui.watch import Snapshot, snapshot

if TYPE_CHECKING:
    from planck.engine.check import Found
    from planck.model import CheckRun, Diagnostic, Report, Result, RuleSet
    from planck.tui import view

# What the workers need is imported, and the rule sets are loaded, in the review's own process
# before it forks them (see _prepare): done once there rather than once in every worker, which
# measured faster to the first screen, the workers having nothing left to do but read and judge.

KEPT = 2  # runs a worker keeps: the one shown and the one replacing it


# -- in a worker ----------------------------------------------------------------------------


@dataclass
class _Kept:
    """One run's part in a worker: the reports read in round 1 by jurisdiction, then each of
    its jurisdictions' accepted reports and their results."""

    rulesets: list[RuleSet]
    read: dict[str, list[Report]]
    places: dict[str, list[view.Detail]] = field(default_factory=dict)


_runs: dict[int, _Kept] = {}

# The rule sets of the first check, loaded before the workers were forked: (rules, rule sets,
# their errors). Later checks load them again, as the files may have changed.
_first_rules: tuple[list[str], list[RuleSet], list[Diagnostic]] | None = None


def _prepare(job: Job) -> None:
    """In the review's process, before the workers are forked: what they will need."""
    global _first_rules
    from planck.domain import evaluate  # noqa: F401
    from planck.engine.check import load_all_rulesets
    from planck.tui import view  # noqa: F401

    rulesets, errors = load_all_rulesets(job.rules)
    _first_rules = (list(job.rules), rulesets, errors)


def _rulesets(generation: int, job: Job) -> tuple[list[RuleSet], list[Diagnostic]]:
    from planck.engine.check import load_all_rulesets

    if generation == 1 and _first_rules is not None and _first_rules[0] == list(job.rules):
        return _first_rules[1], _first_rules[2]
    return load_all_rulesets(job.rules)


@dataclass
class _Found:
    """Round 1's answer: the files holding each jurisdiction's reports, the files' diagnostics."""

    files: dict[str, list[str]]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    rulesets: list[RuleSet]  # as loaded by the worker: every worker loads the same
    rule_errors: list[Diagnostic]


def _read(generation: int, job: Job, files: list[Path]) -> _Found:
    from planck.engine.check import read_files

    for old in sorted(_runs)[: max(0, len(_runs) - KEPT + 1)]:
        del _runs[old]  # freed before the next run is made
    rulesets, rule_errors = _rulesets(generation, job)
    loaded, errors, warnings = read_files(files, rulesets, job.max_bytes)
    read: dict[str, list[Report]] = {}
    for report in loaded:
        read.setdefault(report.jurisdiction, []).append(report)
    _runs[generation] = _Kept(rulesets, read)
    where = {name: sorted({r.file for r in group}) for name, group in read.items()}
    return _Found(where, errors, warnings, rulesets, rule_errors)


@dataclass(frozen=True)
class _Round:
    """Round 2's orders to one worker: leave out the jurisdictions in ``shared`` (found by more
    than one worker), and judge those in ``names``, read again from ``files``."""

    shared: frozenset[str]
    files: list[Path]
    names: frozenset[str]


@dataclass
class _Judged:
    """Round 2's answer: each jurisdiction's tally, the reports refused, evaluation warnings."""

    tallies: dict[str, view.Tallied]
    shown: set[str]  # files of the accepted reports
    refused: list[Diagnostic]
    warnings: list[Diagnostic]


def _judge(generation: int, max_bytes: int, orders: _Round) -> _Judged:
    from planck.domain.evaluate import evaluate
    from planck.engine.check import accept_reports, read_files
    from planck.tui import view

    kept = _runs[generation]
    rulesets = kept.rulesets
    mine = {name: group for name, group in kept.read.items() if name not in orders.shared}
    if orders.files:  # their files' diagnostics were said in round 1
        for report in read_files(orders.files, rulesets, max_bytes)[0]:
            if report.jurisdiction in orders.names:
                mine.setdefault(report.jurisdiction, []).append(report)
    kept.read = {}
    answer = _Judged({}, set(), [], [])
    # All at once, as a check in one process does: evaluation looks at each jurisdiction's
    # reports alone (SPEC §3), and the accepted reports come sorted by jurisdiction.
    reports, answer.refused = accept_reports([r for g in mine.values() for r in g], rulesets)
    results, answer.warnings = evaluate(rulesets, reports)
    samples: dict[tuple[object, ...], Result] = {}  # measured once, for all the places
    tallies: dict[str, view.Tally] = {}
    for index, report in enumerate(reports):
        own = results.get(index, [])
        kept.places.setdefault(report.jurisdiction, []).append((report, own))
        if report.jurisdiction not in tallies:
            tallies[report.jurisdiction] = view.Tally(samples)
        tallies[report.jurisdiction].add(report, own)
        answer.shown.add(report.file)
    widths = view.Tally(samples).widths()
    answer.tallies = {name: tally.done(widths) for name, tally in tallies.items()}
    return answer


def _details(generation: int, place: str) -> list[view.Detail]:
    return _runs[generation].places[place]


def _whole(generation: int) -> dict[str, list[view.Detail]]:
    return _runs[generation].places


def _latest(generation: int) -> dict[str, list[view.Detail]]:
    """Each jurisdiction's latest report that has results (all the overview of all places
    reads): a fifth of the whole run with five years of reports."""
    out = {}
    for place, details in _runs[generation].places.items():
        judged = [detail for detail in details if detail[1]]
        if judged:
            out[place] = [max(judged, key=lambda detail: detail[0].year)]
    return out


# -- in the review --------------------------------------------------------------------------


@dataclass
class _Check:
    """One check under way, run by the review's check thread."""

    generation: int
    workers: list[Worker]
    job: Job
    files: list[Path]
    errors: list[Diagnostic] = field(default_factory=list)
    rulesets: list[RuleSet] = field(default_factory=list)
    owner: dict[str, Worker] = field(default_factory=dict)  # jurisdiction -> who keeps it
    round_one: list[Future[_Found]] = field(default_factory=list)

    def begin(self) -> None:
        """Round 1, sent to the workers (they read while the caller goes on)."""
        from planck.engine.run import contiguous

        shares = contiguous(self.files, len(self.workers))
        self.round_one = [
            worker.submit(_read, self.generation, self.job, share)
            for worker, share in zip(self.workers, shares, strict=True)
        ]

    def run(self) -> view.Review:
        """Round 1's answers, round 2 (blocking: the check thread runs it), then the Review."""
        from planck.engine.check import diag_key
        from planck.tui import view

        errors, warnings = list(self.errors), []
        seen: dict[str, set[str]] = {}  # jurisdiction -> its files, from every worker
        workers_of: dict[str, int] = {}
        for index, future in enumerate(self.round_one):
            found = future.result()
            if index == 0:
                self.rulesets = found.rulesets
                errors += found.rule_errors
            errors += found.errors
            warnings += found.warnings
            for name, files in found.files.items():
                seen.setdefault(name, set()).update(files)
                workers_of[name] = workers_of.get(name, 0) + 1
        shared = frozenset(name for name, n in workers_of.items() if n > 1)
        tallies = self._round_two(self._orders(shared, seen), errors, warnings)
        errors.sort(key=diag_key)
        warnings.sort(key=diag_key)
        parts = [tallies[name] for name in sorted(tallies)] or [view.Tally().done()]
        summary = view.summary_of(parts, self.rulesets, errors, warnings)
        return view.Review(summary, self._load, self._whole, self._latest)

    def _round_two(
        self, orders: list[_Round], errors: list[Diagnostic], warnings: list[Diagnostic]
    ) -> dict[str, view.Tallied]:
        """Every jurisdiction judged where it is kept: their tallies; the reports refused added
        to ``errors``, the evaluation's warnings about accepted reports to ``warnings``."""
        judged = [
            worker.submit(_judge, self.generation, self.job.max_bytes, order)
            for worker, order in zip(self.workers, orders, strict=True)
        ]
        tallies: dict[str, view.Tallied] = {}
        shown: set[str] = set()
        evaluated: list[Diagnostic] = []
        for worker, future in zip(self.workers, judged, strict=True):
            answer = future.result()
            tallies.update(answer.tallies)
            self.owner.update(dict.fromkeys(answer.tallies, worker))
            shown |= answer.shown
            errors += answer.refused
            evaluated += answer.warnings
        warnings += [w for w in evaluated if w.location.file in shown]
        return tallies

    def _orders(self, shared: frozenset[str], seen: dict[str, set[str]]) -> list[_Round]:
        """Each worker's orders for round 2: the shared jurisdictions cut among them."""
        from planck.engine.run import regroup

        groups = regroup({name: seen[name] for name in shared}, self.files, len(self.workers))
        groups += [([], frozenset())] * (len(self.workers) - len(groups))
        return [_Round(shared, files, names) for files, names in groups]

    def _load(self, place: str, _indexes: list[int]) -> list[view.Detail]:
        return self.owner[place].submit(_details, self.generation, place).result()

    def _whole(self) -> CheckRun:
        return self._gather(_whole)

    def _latest(self) -> CheckRun:
        return self._gather(_latest)

    def _gather(self, part: Callable[[int], dict[str, list[view.Detail]]]) -> CheckRun:
        """A run made of what ``part`` gives of every jurisdiction, from every worker."""
        from planck.model import CheckRun

        places: dict[str, list[view.Detail]] = {}
        for worker in self.workers:
            places.update(worker.submit(part, self.generation).result())
        details = [detail for name in sorted(places) for detail in places[name]]
        run = CheckRun(self.rulesets, [report for report, _ in details])
        run.results = {i: results for i, (_, results) in enumerate(details)}
        return run


@dataclass(frozen=True)
class Pending:
    """A check under way. ``finish()`` waits for it (call it from a thread) and gives the state
    of the files when it started (for the watch: a change made during the check is seen by the
    next poll) and its Review."""

    finish: Callable[[], tuple[Snapshot, view.Review]]


class RemoteCheck:
    """The review's side of the workers: one check of ``job`` after another, each becoming a
    Review. The workers are as many as `check --format json` would use on the files found now;
    ``begin`` starts the first check at once, so that the workers read while the screen starts
    up."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._found: Found | None = discover(job.paths)  # for the first check
        files = self._found[0]
        count = min(job.jobs, len(files) // sharing.MIN_SHARE)
        worth = sharing.worth_it(files, count)
        _prepare(job)
        self.workers = [Worker() for _ in range(count if worth else 1)]
        self._generation = 0
        self._first: Pending | None = None
        # Runs each check's rounds one after another, whatever the screen is doing (starting
        # up, drawing), and makes the Review.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planck-check")

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
        found, self._found = self._found, None
        # Here, not in the check thread: the workers start at once, whatever this process
        # does next (the screen's start-up holds the interpreter for long stretches).
        state = snapshot(self.job.paths, self.job.rules)  # before reading: see Pending
        files, problems = found if found is not None else discover(self.job.paths)
        check = _Check(self._generation, self.workers, self.job, files)
        check.begin()

        def finish() -> tuple[Snapshot, view.Review]:
            from planck.engine.check import as_diagnostic

            check.errors = [as_diagnostic(e) for e in problems]
            return state, check.run()

        return Pending(self._thread.submit(finish).result)

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()  # a round under way ends with an error nobody waits for
        self._thread.shutdown(wait=True, cancel_futures=True)
