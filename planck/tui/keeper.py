"""What the review's workers do (planck.engine.pool.Worker processes, started by the check
process of planck.tui.rounds): read their share of the report files, judge the jurisdictions
they are given, and keep what they made, so that the review can fetch one jurisdiction's
reports and results when the screen first shows them. Pickling every result back would cost
more than the check itself.

A worker keeps its runs by generation, the newest two: a screen still showing the run before a
reload gets that run's details, never the next run's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planck.engine.job import Job

if TYPE_CHECKING:
    from planck.model import Diagnostic, Report, RuleSet
    from planck.tui import view

KEPT = 2  # runs a worker keeps: the one shown and the one replacing it


@dataclass
class _Kept:
    """One run's part in a worker: the reports read in round 1 by jurisdiction, then each of
    its jurisdictions' accepted reports and their results."""

    rulesets: list[RuleSet]
    read: dict[str, list[Report]]
    places: dict[str, list[view.Detail]] = field(default_factory=dict)


_runs: dict[int, _Kept] = {}


def make_room(kept: dict[int, Any]) -> None:
    """Forget all but the newest KEPT - 1 generations of ``kept``, before the next is made
    (so that what they held is freed first)."""
    for old in sorted(kept)[: max(0, len(kept) - KEPT + 1)]:
        del kept[old]


# The rule sets of the first check, loaded by the check process before it started the workers
# (see load_first_rules): (rules, rule sets, their errors). Later checks load them again, as
# the files may have changed.
_first_rules: tuple[list[str], list[RuleSet], list[Diagnostic]] | None = None


def load_first_rules(job: Job) -> None:
    """In the check process, before it starts the workers: everything they will need imported,
    and the first check's rule sets loaded once there rather than once in every worker."""
    global _first_rules
    from planck.domain import evaluate  # noqa: F401
    from planck.engine.check import load_all_rulesets
    from planck.tui import view  # noqa: F401

    _first_rules = (list(job.rules), *load_all_rulesets(job.rules))


def _rulesets(generation: int, job: Job) -> tuple[list[RuleSet], list[Diagnostic]]:
    from planck.engine.check import load_all_rulesets

    if generation == 1 and _first_rules is not None and _first_rules[0] == list(job.rules):
        return _first_rules[1], _first_rules[2]
    return load_all_rulesets(job.rules)


@dataclass
class Found:
    """Round 1's answer: the files holding each jurisdiction's reports, the files' diagnostics."""

    files: dict[str, list[str]]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    rulesets: list[RuleSet]  # as loaded by the worker: every worker loads the same
    rule_errors: list[Diagnostic]


def read(generation: int, job: Job, files: list[Path]) -> Found:
    """Round 1: read ``files`` and keep their reports by jurisdiction."""
    from planck.engine.check import read_files

    make_room(_runs)
    rulesets, rule_errors = _rulesets(generation, job)
    loaded, errors, warnings = read_files(files, rulesets, job.max_bytes)
    by_place: dict[str, list[Report]] = {}
    for report in loaded:
        by_place.setdefault(report.jurisdiction, []).append(report)
    _runs[generation] = _Kept(rulesets, by_place)
    where = {name: sorted({r.file for r in group}) for name, group in by_place.items()}
    return Found(where, errors, warnings, rulesets, rule_errors)


@dataclass(frozen=True)
class Round:
    """Round 2's orders to one worker: leave out the jurisdictions in ``shared`` (found by more
    than one worker), and judge those in ``names``, read again from ``files``."""

    shared: frozenset[str]
    files: list[Path]
    names: frozenset[str]


@dataclass
class Judged:
    """Round 2's answer: each jurisdiction's tally, the reports refused, evaluation warnings."""

    tallies: dict[str, view.Tallied]
    shown: set[str]  # files of the accepted reports
    refused: list[Diagnostic]
    warnings: list[Diagnostic]


def judge(generation: int, max_bytes: int, orders: Round) -> Judged:
    """Round 2: judge the jurisdictions this worker keeps, and tally them for the Summary."""
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
    answer = Judged({}, set(), [], [])
    # All at once, as a check in one process does: evaluation looks at each jurisdiction's
    # reports alone (SPEC §3), and the accepted reports come sorted by jurisdiction.
    reports, answer.refused = accept_reports([r for g in mine.values() for r in g], rulesets)
    results, answer.warnings = evaluate(rulesets, reports)
    run = view.Tally()  # the widths measured once, for all the places
    tallies: dict[str, view.Tally] = {}
    for index, report in enumerate(reports):
        own = results.get(index, [])
        kept.places.setdefault(report.jurisdiction, []).append((report, own))
        if report.jurisdiction not in tallies:
            tallies[report.jurisdiction] = view.Tally(run)
        tallies[report.jurisdiction].add(report, own)
        answer.shown.add(report.file)
    widths = run.widths()
    answer.tallies = {name: tally.done(widths) for name, tally in tallies.items()}
    return answer


def details(generation: int, place: str) -> list[view.Detail]:
    return _runs[generation].places[place]


def whole(generation: int) -> dict[str, list[view.Detail]]:
    return _runs[generation].places


def latest(generation: int) -> dict[str, list[view.Detail]]:
    """Each jurisdiction's latest report that has results (all the overview of all places
    reads): a fifth of the whole run with five years of reports."""
    out = {}
    for place, kept in _runs[generation].places.items():
        judged = [detail for detail in kept if detail[1]]
        if judged:
            out[place] = [max(judged, key=lambda detail: detail[0].year)]
    return out
