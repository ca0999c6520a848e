"""A check, in this process or (`check --format json` over many files) shared among workers.

The JSON document of many report files is made in two steps, both in worker processes:

1. scan: each worker reads a contiguous share of the files and answers where each report is
   (file, jurisdiction) with the files' input errors and warnings;
2. render: the sorted jurisdictions are cut into contiguous shares of about equal report
   counts; each worker reads the files holding its share's reports again, keeps those, accepts
   them (planck.engine.check.accept_reports), evaluates and renders them, and answers with the text of
   its report blocks, status counts and diagnostics.

Evaluation only ever looks at the reports of one jurisdiction (SPEC §3), the shares follow the
sorted order, and every piece is made by the same functions as in one process, so the output is
byte for byte that of ``--jobs 1``. Only file names, keys, diagnostics and text cross between
processes (by ordinary pickling): pickling the parsed reports or their results costs more than
reading and evaluating them again, which is also why every other output is made in one process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from planck.domain.evaluate import evaluate
from planck.engine import sharing
from planck.engine.check import (
    Extras,
    Found,
    accept_reports,
    as_diagnostic,
    diag_key,
    load_all_rulesets,
    read_files,
)
from planck.engine.check import run_check as run_here
from planck.engine.job import Job
from planck.exit_codes import exit_code_of
from planck.i18n import Lang
from planck.model import SEVERITY_RANK, CheckRun, Diagnostic, Report, RuleSet
from planck.render import RenderContext
from planck.sources.discover import discover, display_path

# -- the work of a worker -------------------------------------------------------------------


@dataclass(slots=True)
class _Place:
    """One jurisdiction's part of the document, from the reports one worker read of it."""

    files: set[str]  # as shown: the files its reports came from
    blocks: str  # its report blocks, separated as in the document ("" if none was accepted)
    counts: dict[str, int]
    worst: int
    errors: list[Diagnostic]  # reports refused (a second report for a year, a year outside)
    warnings: list[Diagnostic]


def _render_place(lang: Lang, rulesets: list[RuleSet], group: list[Report]) -> _Place:
    from planck.render import json as json_render

    reports, refused = accept_reports(group, rulesets)
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
    files = {report.file for report in group}
    return _Place(files, ",\n".join(blocks), counts, worst, refused, warnings)


@dataclass(slots=True)
class _Part:
    """A worker's answer: each jurisdiction it read reports of, and the files' diagnostics."""

    places: dict[str, _Place]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]


@dataclass(frozen=True)
class _Share:
    files: list[Path]
    places: frozenset[str] | None  # only these jurisdictions (None: all it finds)


def _work(lang: Lang, job: Job, rulesets: list[RuleSet], share: _Share) -> _Part:
    """Read the share's files, then render each jurisdiction's reports among them."""
    loaded, errors, warnings = read_files(share.files, rulesets, job.max_bytes)
    groups: dict[str, list[Report]] = {}
    for report in loaded:
        if share.places is None or report.jurisdiction in share.places:
            groups.setdefault(report.jurisdiction, []).append(report)
    places = {name: _render_place(lang, rulesets, group) for name, group in groups.items()}
    return _Part(places, errors, warnings)


def contiguous(files: list[Path], parts: int) -> list[list[Path]]:
    """Round 1's shares: ``files`` in ``parts`` contiguous runs of about equal length."""
    bounds = [len(files) * w // parts for w in range(parts + 1)]
    return [files[bounds[w] : bounds[w + 1]] for w in range(parts)]


def regroup(
    split: dict[str, set[str]], files: list[Path], parts: int
) -> list[tuple[list[Path], frozenset[str]]]:
    """Round 2's shares: the jurisdictions whose reports round 1 found in more than one share
    (``split``: each one's files, as shown), cut into at most ``parts`` groups of contiguous
    sorted names, each with the files holding their reports, in order."""
    cwd = os.getcwd()
    path_of = {display_path(file, cwd): file for file in files}
    groups = cut({name: len(split[name]) for name in split}, parts)
    return [
        (sorted({path_of[f] for name in group for f in split[name]}), group) for group in groups
    ]


def cut(counts: dict[str, int], parts: int) -> list[frozenset[str]]:
    """Sorted jurisdictions in ``parts`` contiguous groups of about equal counts."""
    total = sum(counts.values()) or 1
    groups: list[set[str]] = [set() for _ in range(parts)]
    running = 0
    for name in sorted(counts):
        groups[min(parts - 1, running * parts // total)].add(name)
        running += counts[name]
    return [frozenset(group) for group in groups if group]


def _worth_workers(job: Job, found: Found) -> bool:
    """Many report files, more than one process allowed. (A few large spreadsheets are checked
    in one process: they cannot be shared out by file.)"""
    return sharing.worth_it(found[0], job.jobs)


def run_check(
    job: Job,
    found: Found | None = None,
    extras: Extras = Extras(),  # noqa: B008 - frozen, so one shared default is safe
) -> CheckRun:
    """The CheckRun of ``job``, in this process: the outputs made of a whole run (text, SARIF,
    HTML, the review) need every report and result here, and carrying them over from workers
    would cost more (pickling them) than computing them."""
    found = found if found is not None else discover(job.paths)
    return run_here(job.paths, job.rules, job.max_bytes, found, extras)


# -- the JSON document, streamed --------------------------------------------------------------


@dataclass(slots=True)
class JsonRun:
    exit_code: int
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    chunks: Iterator[str]


def _shared(
    job: Job,
    found: Found,
    work: Callable[[_Share], _Part],
    errors: list[Diagnostic],
    warnings: list[Diagnostic],
) -> dict[str, _Place]:
    """Every jurisdiction's part, made in workers; the files' diagnostics added to ``errors``
    and ``warnings``. Contiguous shares of the files first: a jurisdiction whose reports were
    all read by one worker is done; the others are done again, in shares of the sorted
    jurisdictions, from all the files holding their reports (with files laid out by
    jurisdiction, only those on the borders of the shares)."""
    from planck.engine.pool import run_all, workers

    files = found[0]
    count = max(1, min(job.jobs, len(files) // sharing.MIN_SHARE))
    with workers(count) as pool:
        seen: dict[str, list[_Place]] = {}
        for part in run_all(
            pool, work, [_Share(share, None) for share in contiguous(files, count)]
        ):
            errors += part.errors
            warnings += part.warnings
            for name, place in part.places.items():
                seen.setdefault(name, []).append(place)
        done = {name: places[0] for name, places in seen.items() if len(places) == 1}
        split = {
            name: {f for place in places for f in place.files}
            for name, places in seen.items()
            if len(places) > 1
        }
        again = [_Share(share, group) for share, group in regroup(split, files, count)]
        for part in run_all(pool, work, again):
            done.update(part.places)
    return done


def check_json(job: Job, found: Found, *, lang: Lang, strict: bool) -> JsonRun | None:
    """`check --format json` shared among workers; None when one process will do (then the
    caller renders a CheckRun as usual). Its blocks are made in the workers: what comes back is
    text and counts."""
    if not _worth_workers(job, found):
        return None
    from planck.render import json as json_render

    files, discover_errors = found
    rulesets, errors = load_all_rulesets(job.rules)
    errors += [as_diagnostic(e) for e in discover_errors]
    warnings: list[Diagnostic] = []
    done = _shared(job, found, partial(_work, lang, job, rulesets), errors, warnings)
    places = [done[name] for name in sorted(done)]
    summary = json_render.status_counts()
    for place in places:
        errors += place.errors
        warnings += place.warnings
        for status, n in place.counts.items():
            summary[status] += n
    errors.sort(key=diag_key)
    warnings.sort(key=diag_key)
    code = int(exit_code_of(bool(errors), max((p.worst for p in places), default=0), strict))
    run = CheckRun([], [], errors=errors, warnings=warnings)
    ctx = RenderContext(run=run, exit_code=code, lang=lang, strict=strict)
    written = [place for place in places if place.blocks]

    def chunks_out() -> Iterator[str]:
        yield json_render.head(summary, code, strict)
        for index, part in enumerate(written):
            yield ("\n" if index == 0 else ",\n") + part.blocks
            part.blocks = ""  # written: its memory may go
        yield from json_render.tail(bool(written), ctx)

    return JsonRun(code, errors, warnings, chunks_out())
