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

import os
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from planck.domain.evaluate import evaluate
from planck.engine import sharing
from planck.engine.check import (
    accept_reports,
    as_diagnostic,
    diag_key,
    load_all_rulesets,
    read_files,
)
from planck.engine.pool import Worker
from planck.engine.run import Job, cut
from planck.model import CheckRun, Diagnostic, Report, Result, RuleSet
from planck.sources.discover import discover, display_path
from planck.tui import view

KEPT = 2  # runs a worker keeps: the one shown and the one replacing it


# -- in a worker ----------------------------------------------------------------------------


@dataclass
class _Kept:
    """One run's part in a worker: the reports read in round 1 by jurisdiction, then each of
    its jurisdictions' accepted reports and their results."""

    read: dict[str, list[Report]]
    places: dict[str, list[view.Detail]] = field(default_factory=dict)


_runs: dict[int, _Kept] = {}


@dataclass
class _Found:
    """Round 1's answer: the files holding each jurisdiction's reports, the files' diagnostics."""

    files: dict[str, list[str]]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]


def _read(generation: int, rulesets: list[RuleSet], max_bytes: int, files: list[Path]) -> _Found:
    for old in sorted(_runs)[: max(0, len(_runs) - KEPT + 1)]:
        del _runs[old]  # freed before the next run is made
    loaded, errors, warnings = read_files(files, rulesets, max_bytes)
    read: dict[str, list[Report]] = {}
    for report in loaded:
        read.setdefault(report.jurisdiction, []).append(report)
    _runs[generation] = _Kept(read)
    where = {name: sorted({r.file for r in group}) for name, group in read.items()}
    return _Found(where, errors, warnings)


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


def _judge(generation: int, rulesets: list[RuleSet], max_bytes: int, orders: _Round) -> _Judged:
    kept = _runs[generation]
    mine = {name: group for name, group in kept.read.items() if name not in orders.shared}
    if orders.files:  # their files' diagnostics were said in round 1
        for report in read_files(orders.files, rulesets, max_bytes)[0]:
            if report.jurisdiction in orders.names:
                mine.setdefault(report.jurisdiction, []).append(report)
    kept.read = {}
    answer = _Judged({}, set(), [], [])
    samples: dict[tuple[object, ...], Result] = {}  # measured once, for all the places
    tallies: dict[str, view.Tally] = {}
    for name in sorted(mine):
        reports, refused = accept_reports(mine[name], rulesets)
        results, warnings = evaluate(rulesets, reports)
        details = [(report, results.get(i, [])) for i, report in enumerate(reports)]
        kept.places[name] = details
        tallies[name] = tally = view.Tally(samples)
        for report, own in details:
            tally.add(report, own)
        answer.shown.update(report.file for report in reports)
        answer.refused += refused
        answer.warnings += warnings
    widths = view.Tally(samples).widths()
    answer.tallies = {name: tally.done(widths) for name, tally in tallies.items()}
    return answer


def _details(generation: int, place: str) -> list[view.Detail]:
    return _runs[generation].places[place]


def _whole(generation: int) -> dict[str, list[view.Detail]]:
    return _runs[generation].places


# -- in the review --------------------------------------------------------------------------


@dataclass
class _Check:
    """One check under way: what the review holds while the workers work."""

    generation: int
    workers: list[Worker]
    rulesets: list[RuleSet]
    files: list[Path]
    errors: list[Diagnostic]
    max_bytes: int
    owner: dict[str, Worker] = field(default_factory=dict)  # jurisdiction -> who keeps it
    found: list[Future[_Found]] = field(default_factory=list)

    def begin(self) -> None:
        """Round 1, started (it runs while the caller goes on)."""
        bounds = [len(self.files) * w // len(self.workers) for w in range(len(self.workers) + 1)]
        self.found = [
            worker.submit(_read, self.generation, self.rulesets, self.max_bytes, self.files[a:b])
            for worker, a, b in zip(self.workers, bounds, bounds[1:], strict=False)
        ]

    def run(self) -> view.Review:
        """Round 1's answers, round 2 (blocking: call it from a thread), then the Review."""
        errors, warnings = list(self.errors), []
        seen: dict[str, list[str]] = {}  # jurisdiction -> its files, from every worker
        workers_of: dict[str, int] = {}
        for future in self.found:
            found = future.result()
            errors += found.errors
            warnings += found.warnings
            for name, files in found.files.items():
                seen.setdefault(name, []).extend(files)
                workers_of[name] = workers_of.get(name, 0) + 1
        shared = frozenset(name for name, n in workers_of.items() if n > 1)
        tallies = self._round_two(self._orders(shared, seen), errors, warnings)
        errors.sort(key=diag_key)
        warnings.sort(key=diag_key)
        parts = [tallies[name] for name in sorted(tallies)] or [view.Tally().done()]
        summary = view.summary_of(parts, self.rulesets, errors, warnings)
        return view.Review(summary, self._load, self._whole)

    def _round_two(
        self, orders: list[_Round], errors: list[Diagnostic], warnings: list[Diagnostic]
    ) -> dict[str, view.Tallied]:
        """Every jurisdiction judged where it is kept: their tallies; the reports refused added
        to ``errors``, the evaluation's warnings about accepted reports to ``warnings``."""
        judged = [
            worker.submit(_judge, self.generation, self.rulesets, self.max_bytes, order)
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

    def _orders(self, shared: frozenset[str], seen: dict[str, list[str]]) -> list[_Round]:
        """Each worker's orders for round 2: the shared jurisdictions cut among them."""
        cwd = os.getcwd()
        path_of = {display_path(file, cwd): file for file in self.files}
        groups = cut({name: len(seen[name]) for name in shared}, len(self.workers))
        groups += [frozenset()] * (len(self.workers) - len(groups))
        return [
            _Round(shared, sorted({path_of[f] for name in group for f in seen[name]}), group)
            for group in groups
        ]

    def _load(self, place: str, _indexes: list[int]) -> list[view.Detail]:
        return self.owner[place].submit(_details, self.generation, place).result()

    def _whole(self) -> CheckRun:
        places: dict[str, list[view.Detail]] = {}
        for worker in self.workers:
            places.update(worker.submit(_whole, self.generation).result())
        details = [detail for name in sorted(places) for detail in places[name]]
        run = CheckRun(self.rulesets, [report for report, _ in details])
        run.results = {i: results for i, (_, results) in enumerate(details)}
        return run


class RemoteCheck:
    """The review's side of the workers: one check after another, each becoming a Review.
    The workers are started at once, so that they read while the review starts up; as many as
    `check --format json` would use on the files found now."""

    def __init__(self, job: Job) -> None:
        files = discover(job.paths)[0]
        count = min(job.jobs, len(files) // sharing.MIN_SHARE)
        self.workers = [Worker() for _ in range(count if sharing.worth_it(files, count) else 1)]
        self._generation = 0

    def start(self, job: Job) -> Callable[[], view.Review]:
        """Start checking ``job``; the function returned waits for it (call it from a thread)
        and makes its Review."""
        self._generation += 1
        rulesets, rule_errors = load_all_rulesets(job.rules)
        files, discover_errors = discover(job.paths)
        errors = rule_errors + [as_diagnostic(e) for e in discover_errors]
        check = _Check(self._generation, self.workers, rulesets, files, errors, job.max_bytes)
        check.begin()
        return check.run

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
