"""A check on several cores: `planck check --format json`, and the first check of `planck review`.

Reading, evaluating and rendering thousands of reports is pure Python work, so one process uses
one core. Here the report files are shared among forked worker processes in rounds:

1. each worker parses a contiguous share of the files and sends back only what the parent needs
   to share out the work: every report's (jurisdiction, year), plus the input errors and
   warnings of its files;
2. the parent cuts the sorted jurisdictions into one contiguous range per worker, balanced by
   report count. Each worker keeps the reports of its range (re-reading the few files of its
   range that another worker parsed), accepts and evaluates them one jurisdiction at a time and
   hands each to a sink (JSON: the report blocks of the document, written to a scratch file;
   review: what its summary needs, then the details it shows), and sends back its diagnostics
   and what the sink made;
3. the sink may finish its output after that (the review's details), and the worker says when
   its scratch file is complete.

A few large spreadsheets cannot be shared out by file: then the parent parses them and the
workers, forked afterwards, inherit the parsed reports and do rounds 2 and 3 only.

Evaluation only ever looks at the reports of one jurisdiction (SPEC §3), the ranges follow the
sorted order, and every part is rendered by the same functions as in one process, so the output
is byte for byte that of ``--jobs 1``. What crosses between processes is small (keys, counters,
diagnostics); the parsed reports and results never do, which is what makes this pay.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from planck import sharing
from planck.check import (
    accept_reports,
    as_diagnostic,
    diag_key,
    exit_code_of,
)
from planck.errors import InputError, InputErrors, PlanckError
from planck.evaluate import evaluate
from planck.i18n import msg
from planck.model import SEVERITY_RANK, CheckRun, Diagnostic, Report, Result, RuleSet
from planck.render import RenderContext
from planck.render import json as json_render
from planck.runtime import few_collections
from planck.sources.discover import display_path
from planck.sources.reports import JurisdictionIndex, load_report_file

READ_CHUNK = 1 << 20


class WorkerFailed(RuntimeError):
    """A worker hit a bug; its traceback is the message. (A worker that dies gives a
    PlanckError: see _receive.)"""


@dataclass(slots=True)
class _Parsed:
    """Round 1's answer about one file."""

    index: int
    keys: list[tuple[str, int]]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]


@dataclass(slots=True)
class Part:
    """Round 2's answer: one worker's diagnostics and what its sink made of its reports (its
    output itself is in the worker's scratch file)."""

    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    made: Any


class Sink(Protocol):
    """What a worker does with each jurisdiction's reports once they are evaluated."""

    def add(self, group: list[Report], results: dict[int, list[Result]]) -> None: ...

    def close(self) -> Any:
        """What the parent needs besides the output (small: it is pickled)."""
        ...

    def finish(self) -> None:
        """Output that may be written after close()'s answer has gone to the parent."""
        ...


SinkFactory = Callable[[IO[bytes], list[RuleSet]], Sink]


@dataclass(slots=True)
class JsonMade:
    counts: dict[str, int]
    worst: int
    reports: int


class JsonSink:
    """The reports list of the JSON document, in report blocks."""

    def __init__(self, out: IO[bytes], lang: str) -> None:
        self.out = out
        self.ctx = RenderContext(run=CheckRun([], []), exit_code=0, lang=lang)  # type: ignore[arg-type]
        self.made = JsonMade(json_render.status_counts(), 0, 0)

    def add(self, group: list[Report], results: dict[int, list[Result]]) -> None:
        made = self.made
        for index, report in enumerate(group):
            own = results.get(index, [])
            for result in own:
                made.counts[result.status.value] += 1
                made.worst = max(made.worst, SEVERITY_RANK[result.severity])
            block = json_render.report_block(report, own, self.ctx)
            self.out.write((",\n" + block if made.reports else block).encode("utf-8"))
            made.reports += 1

    def close(self) -> JsonMade:
        return self.made

    def finish(self) -> None:
        pass


def _send(stream: IO[bytes], value: object) -> None:
    pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def _receive(stream: IO[bytes], pid: int) -> Any:
    try:
        answer = pickle.load(stream)
    except EOFError:  # killed (out of memory?) before it could answer
        raise PlanckError(
            msg(
                "工作进程 {pid} 意外退出（内存不足？）；可用 --jobs 1 在单个进程中检查",
                "worker process {pid} stopped unexpectedly (out of memory?); "
                "--jobs 1 checks in a single process",
                pid=pid,
            )
        ) from None
    if isinstance(answer, WorkerFailed):
        raise answer
    return answer


class _Job:
    """Everything a worker needs; it is forked, so none of this is ever pickled."""

    def __init__(
        self, rulesets: list[RuleSet], files: list[Path], max_bytes: int, sink: SinkFactory
    ) -> None:
        self.rulesets = rulesets
        self.files = files
        self.max_bytes = max_bytes
        self.sink = sink
        self.cwd = os.getcwd()
        self.index = JurisdictionIndex(rulesets)

    def parse(self, i: int, warnings: list[Diagnostic]) -> tuple[list[Report], list[Diagnostic]]:
        display = display_path(self.files[i], self.cwd)
        try:
            reports = load_report_file(self.files[i], display, self.index, warnings, self.max_bytes)
        except InputErrors as exc:
            return [], [as_diagnostic(e, display) for e in exc.errors]
        except InputError as exc:
            return [], [as_diagnostic(exc, display)]
        return reports, []

    def round_one(self, share: range) -> tuple[list[_Parsed], dict[int, list[Report]]]:
        answers: list[_Parsed] = []
        kept: dict[int, list[Report]] = {}
        for i in share:
            warnings: list[Diagnostic] = []
            reports, errors = self.parse(i, warnings)
            kept[i] = reports
            answers.append(
                _Parsed(i, [(r.jurisdiction, r.year) for r in reports], errors, warnings)
            )
        return answers, kept

    def round_two(
        self,
        kept: dict[int, list[Report]],
        mine: frozenset[str],
        extra: list[int],
        out: IO[bytes],
    ) -> tuple[Part, Sink]:
        loaded = [r for reports in kept.values() for r in reports if r.jurisdiction in mine]
        kept.clear()
        for i in extra:  # parsed by another worker, which reported its diagnostics
            reports, _ = self.parse(i, [])
            loaded.extend(r for r in reports if r.jurisdiction in mine)
        reports, errors = accept_reports(loaded, self.rulesets)
        del loaded
        sink = self.sink(out, self.rulesets)
        part = Part(errors, [], None)
        start = 0
        while start < len(reports):  # one jurisdiction at a time: its results are dropped after
            end = start
            while end < len(reports) and reports[end].jurisdiction == reports[start].jurisdiction:
                end += 1
            group = reports[start:end]
            results, warnings = evaluate(self.rulesets, group)
            part.warnings.extend(warnings)
            sink.add(group, results)
            start = end
        part.made = sink.close()
        out.flush()
        return part, sink


@dataclass(slots=True)
class _Worker:
    pid: int
    to_child: IO[bytes]
    from_child: IO[bytes]
    out: IO[bytes]
    finished: bool = False


def _serve(
    job: _Job,
    share: range,
    parsed: dict[int, list[Report]] | None,
    inbox: IO[bytes],
    outbox: IO[bytes],
    out: IO[bytes],
) -> None:
    """A worker's life: two rounds (the first is skipped when the parent has parsed every file
    already), then exit without running the parent's clean-ups."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    few_collections()
    try:
        answers, kept = job.round_one(share) if parsed is None else ([], parsed)
        _send(outbox, answers)
        order = pickle.load(inbox)
        part, sink = job.round_two(kept, order[0], order[1], out)
        _send(outbox, part)
        # What the sink left for after its part was sent (work the parent need not wait for
        # before using the part), then word that the scratch file is complete.
        sink.finish()
        out.flush()
        _send(outbox, True)
    except EOFError:  # the parent is gone
        pass
    except BaseException:  # noqa: BLE001 - any bug is passed to the parent, which raises it
        try:
            _send(outbox, WorkerFailed(traceback.format_exc()))
        except OSError:
            pass
    finally:
        os._exit(0)


def _scratch_file() -> IO[bytes]:
    """An unnamed file for a worker's part of the output: in memory where Linux offers it
    (no import of tempfile, nothing left behind), else an unlinked temporary file."""
    if hasattr(os, "memfd_create"):
        return os.fdopen(os.memfd_create("planck-part"), "w+b")
    import tempfile  # pragma: no cover - not Linux

    return tempfile.TemporaryFile("w+b")  # pragma: no cover


def _start(
    job: _Job, share: range, parsed: dict[int, list[Report]] | None, started: list[_Worker]
) -> _Worker:
    down_r, down_w = os.pipe()
    up_r, up_w = os.pipe()
    out = _scratch_file()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child; covered by the output tests
        os.close(down_w)
        os.close(up_r)
        for other in started:  # so that each worker sees its own pipe close when the parent goes
            other.to_child.close()
            other.from_child.close()
        _serve(job, share, parsed, os.fdopen(down_r, "rb"), os.fdopen(up_w, "wb"), out)
    os.close(down_r)
    os.close(up_w)
    return _Worker(pid, os.fdopen(down_w, "wb"), os.fdopen(up_r, "rb"), out)


def _stop(workers: list[_Worker]) -> None:
    for worker in workers:
        for stream in (worker.to_child, worker.from_child, worker.out):
            try:
                stream.close()
            except OSError:  # pragma: no cover
                pass
        try:
            os.kill(worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(worker.pid, 0)
        except ChildProcessError:  # pragma: no cover
            pass


def _ranges(counts: dict[str, int], jobs: int) -> list[frozenset[str]]:
    """Sorted jurisdictions cut into ``jobs`` contiguous groups of about equal report counts."""
    total = sum(counts.values())
    groups: list[set[str]] = [set() for _ in range(jobs)]
    running = 0
    for name in sorted(counts):
        slot = min(jobs - 1, running * jobs // total) if total else 0
        groups[slot].add(name)
        running += counts[name]
    return [frozenset(g) for g in groups]


@dataclass(slots=True)
class JsonRun:
    """What the parallel run hands back to the command line."""

    exit_code: int
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    chunks: Iterator[bytes]  # UTF-8


@dataclass(slots=True)
class Outcome:
    """The workers' parts in order and every diagnostic of the run, sorted. ``output(w)`` is
    worker w's scratch file, complete and read from the start."""

    parts: list[Part]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    workers: list[_Worker]

    def output(self, w: int) -> IO[bytes]:
        worker = self.workers[w]
        if not worker.finished:
            try:
                _receive(worker.from_child, worker.pid)
            except BaseException:
                _stop([other for other in self.workers if not other.finished])
                raise
            worker.finished = True
            os.waitpid(worker.pid, 0)
            worker.to_child.close()
            worker.from_child.close()
            worker.out.seek(0)
        return worker.out

    def close(self) -> None:
        """Stop what is still running, close the scratch files."""
        _stop([worker for worker in self.workers if not worker.finished])
        for worker in self.workers:
            worker.out.close()


def run_workers(
    rulesets: list[RuleSet],
    rule_errors: list[Diagnostic],
    files: list[Path],
    discover_errors: list[InputError],
    *,
    max_bytes: int,
    jobs: int,
    sink: SinkFactory,
    parse_here: bool = False,
) -> Outcome:
    """Check ``files`` in ``jobs`` workers, each giving its jurisdictions' evaluated reports to
    a ``sink`` of its own, in sorted order.

    With ``parse_here`` (a few large spreadsheets, which cannot be shared out by file), this
    process parses every file and the workers, forked afterwards, inherit the parsed reports
    and share out only the evaluation and what the sink does."""
    job = _Job(rulesets, files, max_bytes, sink)
    handed: list[dict[int, list[Report]] | None] = [None] * jobs
    if parse_here:
        own, parsed = job.round_one(range(len(files)))
        reports = sum(len(answer.keys) for answer in own)
        jobs = max(1, min(jobs, reports // sharing.MIN_REPORTS))
        shares = [range(0)] * jobs
        # Each worker is handed the reports of its own range only: a forked worker that so much
        # as looked at the others would copy their memory pages (reference counts live in them).
        counted: dict[str, int] = {}
        for answer in own:
            for jurisdiction, _ in answer.keys:
                counted[jurisdiction] = counted.get(jurisdiction, 0) + 1
        handed = [
            {0: [r for reports in parsed.values() for r in reports if r.jurisdiction in mine]}
            for mine in _ranges(counted, jobs)
        ]
        del parsed
    else:
        own = []
        jobs = max(1, min(jobs, len(files) // sharing.MIN_SHARE))
        bounds = [len(files) * w // jobs for w in range(jobs + 1)]
        shares = [range(bounds[w], bounds[w + 1]) for w in range(jobs)]
    workers: list[_Worker] = []
    gc.freeze()  # what the parent holds stays out of the workers' collections (and their pages shared)
    try:
        for share, given in zip(shares, handed, strict=False):
            workers.append(_start(job, share, given, workers))
        errors = list(rule_errors) + [as_diagnostic(e) for e in discover_errors]
        warnings: list[Diagnostic] = []
        where: dict[str, set[int]] = {}  # jurisdiction -> files holding its reports
        counts: dict[str, int] = {}
        parsed_by: list[int] = [0] * len(files)
        answers = [(-1, own)] + [
            (w, _receive(worker.from_child, worker.pid)) for w, worker in enumerate(workers)
        ]
        for w, answer in answers:
            for one in answer:
                parsed_by[one.index] = w
                errors.extend(one.errors)
                warnings.extend(one.warnings)
                for jurisdiction, _ in one.keys:
                    where.setdefault(jurisdiction, set()).add(one.index)
                    counts[jurisdiction] = counts.get(jurisdiction, 0) + 1
        ranges = _ranges(counts, len(workers))
        for w, worker in enumerate(workers):
            needed = {i for name in ranges[w] for i in where[name]}
            extra = [] if parse_here else sorted(i for i in needed if parsed_by[i] != w)
            _send(worker.to_child, (ranges[w], extra))
        parts: list[Part] = [_receive(worker.from_child, worker.pid) for worker in workers]
    except BaseException:
        _stop(workers)
        raise
    for part in parts:
        errors.extend(part.errors)
        warnings.extend(part.warnings)
    errors.sort(key=diag_key)
    warnings.sort(key=diag_key)
    return Outcome(parts, errors, warnings, workers)


def check_json(
    rulesets: list[RuleSet],
    rule_errors: list[Diagnostic],
    files: list[Path],
    discover_errors: list[InputError],
    *,
    max_bytes: int,
    jobs: int,
    lang: str,
    strict: bool,
    parse_here: bool = False,
) -> JsonRun:
    """The JSON document of a check of ``files`` computed by ``jobs`` workers. The chunks read the
    workers' scratch files as they are written out; iterate them once."""
    outcome = run_workers(
        rulesets,
        rule_errors,
        files,
        discover_errors,
        max_bytes=max_bytes,
        jobs=jobs,
        sink=lambda out, _rulesets: JsonSink(out, lang),
        parse_here=parse_here,
    )
    made: list[JsonMade] = [part.made for part in outcome.parts]
    summary = json_render.status_counts()
    for one in made:
        for status, n in one.counts.items():
            summary[status] += n
    worst = max((one.worst for one in made), default=0)
    code = int(exit_code_of(bool(outcome.errors), worst, strict))
    run = CheckRun([], [], errors=outcome.errors, warnings=outcome.warnings)
    ctx = RenderContext(run=run, exit_code=code, lang=lang, strict=strict)  # type: ignore[arg-type]

    def chunks() -> Iterator[bytes]:
        try:
            yield json_render.head(summary, code, strict).encode("utf-8")
            first = True
            for w, one in enumerate(made):
                out = outcome.output(w)
                if not one.reports:
                    continue
                yield b"\n" if first else b",\n"
                first = False
                while piece := out.read(READ_CHUNK):
                    yield piece
            yield "".join(json_render.tail(not first, ctx)).encode("utf-8")
        finally:
            outcome.close()

    return JsonRun(code, outcome.errors, outcome.warnings, chunks())
