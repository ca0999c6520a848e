"""A check, in this process or shared among worker processes; the same output either way.

With many report files (or large spreadsheets) the work is shared out in two steps:

1. parse: contiguous shares of the files are read in the workers (a few large spreadsheets,
   which cannot be shared out by file, are read here);
2. evaluate: this process sorts the reports and refuses those it must (planck.check's
   accept_reports), cuts the sorted reports into contiguous shares at jurisdiction boundaries,
   and the workers evaluate each share, then render it (JSON) or hand back its results.

Evaluation only ever looks at the reports of one jurisdiction (SPEC §3), the shares follow the
sorted order, and every piece is made by the same functions as in one process, so the output is
byte for byte that of ``--jobs 1``. Reports, results and rule sets cross between processes by
ordinary pickling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from planck import sharing
from planck.check import (
    Extras,
    Found,
    accept_reports,
    as_diagnostic,
    diag_key,
    exit_code_of,
    load_all_rulesets,
    read_files,
)
from planck.check import run_check as run_here
from planck.evaluate import evaluate
from planck.i18n import Lang
from planck.model import SEVERITY_RANK, CheckRun, Diagnostic, Report, Result, RuleSet
from planck.render import RenderContext
from planck.sources.discover import discover

if TYPE_CHECKING:
    from concurrent.futures import Executor


@dataclass(frozen=True)
class Job:
    """What one check reads, and how many processes it may use."""

    paths: list[str]
    rules: list[str]
    max_bytes: int
    jobs: int


def default_jobs() -> int:
    return sharing.default_jobs()


# -- the two steps, as run in a worker (or here) --------------------------------------------


_Read = tuple[list[Report], list[Diagnostic], list[Diagnostic]]


def _parse(rulesets: list[RuleSet], max_bytes: int, files: list[Path]) -> _Read:
    return read_files(files, rulesets, max_bytes)


@dataclass(slots=True)
class _Evaluated:
    results: list[list[Result]]  # by report, in the share's order
    warnings: list[Diagnostic]


def _evaluate(rulesets: list[RuleSet], reports: list[Report]) -> _Evaluated:
    results, warnings = evaluate(rulesets, reports)
    return _Evaluated([results.get(i, []) for i in range(len(reports))], warnings)


@dataclass(slots=True)
class _JsonPart:
    blocks: str  # the share's report blocks, separated as in the document
    counts: dict[str, int]
    worst: int
    warnings: list[Diagnostic]


def _render_json(lang: Lang, rulesets: list[RuleSet], reports: list[Report]) -> _JsonPart:
    from planck.render import json as json_render

    results, warnings = evaluate(rulesets, reports)
    ctx = RenderContext(run=CheckRun([], []), exit_code=0, lang=lang)
    counts = json_render.status_counts()
    worst = 0
    blocks = []
    for index, report in enumerate(reports):
        own = results.get(index, [])
        for result in own:
            counts[result.status.value] += 1
            worst = max(worst, SEVERITY_RANK[result.severity])
        blocks.append(json_render.report_block(report, own, ctx))
    return _JsonPart(",\n".join(blocks), counts, worst, warnings)


# -- sharing out ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Accepted:
    """The reports of a run, sorted and accepted, cut into shares; every input error and the
    warnings of reading."""

    rulesets: list[RuleSet]
    shares: list[list[Report]]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]


def _cut(reports: list[Report], parts: int) -> list[list[Report]]:
    """Sorted reports in ``parts`` contiguous shares of about equal size, never splitting a
    jurisdiction's reports."""
    shares: list[list[Report]] = []
    start = 0
    for part in range(1, parts + 1):
        end = max(start, len(reports) * part // parts)
        while 0 < end < len(reports) and reports[end].jurisdiction == reports[end - 1].jurisdiction:
            end += 1
        if end > start:
            shares.append(reports[start:end])
        start = end
    return shares


def _accepted(pool: Executor | None, job: Job, found: Found, shares: int) -> _Accepted:
    """Step 1: the files read in ``shares`` contiguous shares (in ``pool``, if given), then the
    reports sorted, accepted and cut into shares for step 2."""
    from planck.engine.pool import run_all

    rulesets, errors = load_all_rulesets(job.rules)
    files, discover_errors = found
    errors += [as_diagnostic(e) for e in discover_errors]
    chunks = [
        files[len(files) * w // shares : len(files) * (w + 1) // shares] for w in range(shares)
    ]
    loaded: list[Report] = []
    warnings: list[Diagnostic] = []
    for reports, read_errors, read_warnings in run_all(
        pool, partial(_parse, rulesets, job.max_bytes), chunks
    ):
        loaded += reports
        errors += read_errors
        warnings += read_warnings
    reports, refused = accept_reports(loaded, rulesets)
    if pool is None:  # read here: as many shares of step 2 as there are reports for
        shares = max(1, min(job.jobs, len(reports) // sharing.MIN_REPORTS))
    return _Accepted(rulesets, _cut(reports, shares), errors + refused, warnings)


P = TypeVar("P")


def _shared(
    job: Job, found: Found, by_file: bool, step: Callable[[list[RuleSet], list[Report]], P]
) -> tuple[_Accepted, list[P]]:
    """Both steps, ``step`` being the second; its answers in the shares' order. Files are read
    in the workers when there are many (``by_file``), else here (a few large spreadsheets)."""
    from planck.engine.pool import run_all, workers

    if by_file:
        count = max(1, min(job.jobs, len(found[0]) // sharing.MIN_SHARE))
        with workers(count) as pool:
            accepted = _accepted(pool, job, found, count)
            return accepted, run_all(pool, partial(step, accepted.rulesets), accepted.shares)
    accepted = _accepted(None, job, found, 1)
    with workers(len(accepted.shares)) as pool:
        return accepted, run_all(pool, partial(step, accepted.rulesets), accepted.shares)


def _how(job: Job, found: Found, extras: Extras) -> bool | None:
    """True: share out the files; False: read them here and share out the evaluation; None:
    one process will do (also for the reports of stdin and --with-series, which are few)."""
    if extras.names or extras.series:
        return None
    return sharing.sharing(found[0], job.jobs)


def run_check(
    job: Job,
    found: Found | None = None,
    extras: Extras = Extras(),  # noqa: B008 - frozen, so one shared default is safe
) -> CheckRun:
    """The CheckRun of ``job``: what every output but the streamed JSON document is made of."""
    found = found if found is not None else discover(job.paths)
    how = _how(job, found, extras)
    if how is None:
        return run_here(job.paths, job.rules, job.max_bytes, found, extras)
    accepted, evaluated = _shared(job, found, how, _evaluate)
    reports = [report for share in accepted.shares for report in share]
    results = [own for part in evaluated for own in part.results]
    run = CheckRun(
        rulesets=accepted.rulesets,
        reports=reports,
        results=dict(enumerate(results)),
    )
    run.errors = sorted(accepted.errors, key=diag_key)
    warnings = accepted.warnings + [w for part in evaluated for w in part.warnings]
    run.warnings = sorted(warnings, key=diag_key)
    return run


# -- the JSON document, streamed --------------------------------------------------------------


@dataclass(slots=True)
class JsonRun:
    exit_code: int
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    chunks: Iterator[str]


def check_json(job: Job, found: Found, *, lang: Lang, strict: bool) -> JsonRun | None:
    """`check --format json` shared among workers; None when one process will do (then the
    caller renders a CheckRun as usual)."""
    from planck.render import json as json_render

    how = _how(job, found, Extras())
    if how is None:
        return None
    accepted, parts = _shared(job, found, how, partial(_render_json, lang))
    summary = json_render.status_counts()
    for part in parts:
        for status, n in part.counts.items():
            summary[status] += n
    errors = sorted(accepted.errors, key=diag_key)
    warnings = accepted.warnings + [w for part in parts for w in part.warnings]
    warnings.sort(key=diag_key)
    code = int(exit_code_of(bool(errors), max((p.worst for p in parts), default=0), strict))
    run = CheckRun([], [], errors=errors, warnings=warnings)
    ctx = RenderContext(run=run, exit_code=code, lang=lang, strict=strict)

    def chunks() -> Iterator[str]:
        yield json_render.head(summary, code, strict)
        for index, part in enumerate(parts):
            yield ("\n" if index == 0 else ",\n") + part.blocks
            part.blocks = ""  # written: its memory may go
        yield from json_render.tail(bool(parts), ctx)

    return JsonRun(code, errors, warnings, chunks())
