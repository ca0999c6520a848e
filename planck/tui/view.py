"""A finished check arranged for the review: its Summary (what the overview needs first, small
enough to hand over from the loading process), and the Review that fetches the reports and
results of one jurisdiction at a time.

Plain functions with no Textual in them, so that they can be tested (and reused) without an
app. They judge nothing: statuses, ratios and messages all come from the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rich.cells import cell_len

from planck.exit_codes import ExitCode, exit_code_of
from planck.i18n import LANGS, Lang, label
from planck.model import (
    SEVERITY_RANK,
    CheckRun,
    Diagnostic,
    Jurisdiction,
    Report,
    Result,
    RuleSet,
    Severity,
    Status,
)
from planck.render.common import (
    nothing_assessed,
    status_phrase,
    target_text,
    value_text,
)
from planck.render.overview import badness
from planck.textsafe import clean

ReportKey = tuple[str, int]  # (jurisdiction, year): what a report is across reloads
PlaceOrder = Literal["name", "worst"]  # how the review's tree orders the places


@dataclass(frozen=True, slots=True)
class Worst:
    """A report's worst result, in brief: its status and severity, how bad it is
    (render.overview.badness, the order of the reports' overview) and how many of the report's
    results are problems (warnings and errors)."""

    status: Status
    severity: Severity
    rank: tuple[int, int]
    problems: int


def worst_of(results: list[Result]) -> Worst | None:
    """The worst result of a report in brief; None when it has no result."""
    if not results:
        return None
    worst = max(results, key=badness)
    problems = sum(is_problem(r) for r in results)
    return Worst(worst.status, worst.severity, badness(worst), problems)


def rule_key(result: Result) -> str:
    return f"{result.ruleset.id}/{result.rule.id}"


def report_key(report: Report) -> ReportKey:
    return (report.jurisdiction, report.year)


def is_problem(result: Result) -> bool:
    return result.severity is not Severity.INFO


def matches(result: Result, query: str) -> bool:
    """Search by rule id or indicator name (either language), case-insensitively."""
    needle = query.strip().casefold()
    if not needle:
        return True
    haystack = (result.rule.id, result.rule.name, result.rule.name_en, result.ruleset.id)
    return any(needle in text.casefold() for text in haystack)


def visible(results: list[Result], problems_only: bool, query: str) -> list[Result]:
    return [r for r in results if (not problems_only or is_problem(r)) and matches(r, query)]


def worst_severity(results: list[Result]) -> Severity:
    return max((r.severity for r in results), key=SEVERITY_RANK.__getitem__, default=Severity.INFO)


@dataclass(frozen=True)
class Summary:
    """What the overview needs of a finished CheckRun: everything but the reports and their
    results, which are looked up one jurisdiction at a time. Worked out where the run is (the
    loading thread) and small enough to hand over."""

    rulesets: list[RuleSet]
    code: ExitCode
    keys: list[ReportKey]  # by report index, in the run's order
    files: list[str]
    worst: list[Severity]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    results: int  # how many results in all
    error_results: int
    warning_results: int
    # Column widths measured over every result, so that they stay put from report to report.
    widths: dict[str, tuple[int, int, int]]
    # by report index: nothing in the report could be assessed (common.nothing_assessed)
    not_assessed: list[bool] = field(default_factory=list)
    # by report index: its worst result in brief (None: no result)
    worst_results: list[Worst | None] = field(default_factory=list)


@dataclass(slots=True)
class Tallied:
    """The per-report part of a Summary, for some of a run's reports (in a worker process, its
    jurisdictions); parts are joined in order by summary_of."""

    keys: list[ReportKey]
    files: list[str]
    worst: list[Severity]
    results: int
    error_results: int
    warning_results: int
    widths: dict[str, tuple[int, int, int]]
    not_assessed: list[bool] = field(default_factory=list)
    worst_results: list[Worst | None] = field(default_factory=list)


class Tally:
    """Counts reports and their results for a Summary as they are added, one report at a time,
    so that none need be kept for it."""

    def __init__(self, run: Tally | None = None) -> None:
        """A tally of its own, or (``run``) of a part of the run ``run`` tallies, sharing its
        samples and briefs."""
        self.part = Tallied([], [], [], 0, 0, 0, {})
        # One result for each distinct cell the column widths depend on (see measure), to
        # measure them once (see widths).
        self.samples: dict[tuple[object, ...], Result] = {} if run is None else run.samples
        # Equal briefs as one object: thousands of reports share a few dozen, and pickling a
        # Summary writes each object once.
        self.briefs: dict[Worst, Worst] = {} if run is None else run.briefs

    def add(self, report: Report, results: list[Result]) -> None:
        part, samples = self.part, self.samples
        part.keys.append(report_key(report))
        part.files.append(report.file)
        part.worst.append(worst_severity(results))
        part.not_assessed.append(nothing_assessed(results))
        worst = worst_of(results)
        part.worst_results.append(None if worst is None else self.briefs.setdefault(worst, worst))
        part.results += len(results)
        for r in results:
            if r.severity is Severity.ERROR:
                part.error_results += 1
            elif r.severity is Severity.WARNING:
                part.warning_results += 1
            samples.setdefault(("s", r.status), r)
            samples.setdefault(("v", *value_cell(r)), r)
            samples.setdefault(("t", id(r.rule), r.compared_with), r)

    def done(self, widths: dict[str, tuple[int, int, int]] | None = None) -> Tallied:
        """The tally, with its column widths measured (or ``widths``, measured already)."""
        self.part.widths = self.widths() if widths is None else widths
        return self.part

    def widths(self) -> dict[str, tuple[int, int, int]]:
        samples = list(self.samples.values())
        widest = value_width(samples)
        return {lang: measure(samples, lang, widest) for lang in LANGS}


def summary_of(
    parts: list[Tallied],
    rulesets: list[RuleSet],
    errors: list[Diagnostic],
    warnings: list[Diagnostic],
) -> Summary:
    """The Summary of a run whose reports were tallied in ``parts`` (one or more), in order."""
    worst = [severity for part in parts for severity in part.worst]
    return Summary(
        rulesets=rulesets,
        code=exit_code_of(bool(errors), max(map(SEVERITY_RANK.__getitem__, worst), default=0)),
        keys=[key for part in parts for key in part.keys],
        files=[file for part in parts for file in part.files],
        worst=worst,
        errors=errors,
        warnings=warnings,
        results=sum(part.results for part in parts),
        error_results=sum(part.error_results for part in parts),
        warning_results=sum(part.warning_results for part in parts),
        widths={lang: _widest([part.widths[lang] for part in parts]) for lang in LANGS},
        not_assessed=[flag for part in parts for flag in part.not_assessed],
        worst_results=[worst for part in parts for worst in part.worst_results],
    )


def _widest(widths: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    """Column by column, the widest of several (status, value, target) widths."""
    status, value, target = zip(*widths, strict=True)
    return max(status), max(value), max(target)


def summarise(run: CheckRun) -> Summary:
    tally = Tally()
    for index, report in enumerate(run.reports):
        tally.add(report, run.results.get(index, []))
    return summary_of([tally.done()], run.rulesets, run.errors, run.warnings)


Detail = tuple[Report, list[Result]]
# A jurisdiction's reports and their results, given the jurisdiction and its report indexes.
DetailLoader = Callable[[str, list[int]], list[Detail]]


class Review:
    """A check's outcome arranged for browsing: reports grouped by jurisdiction, names resolved.
    The reports themselves and their results are fetched a jurisdiction at a time, when the
    screen first shows one of its reports."""

    def __init__(
        self,
        summary: Summary,
        load: DetailLoader,
        whole: Callable[[], CheckRun] | None = None,
        latest: Callable[[], CheckRun] | None = None,
    ) -> None:
        self.summary = summary
        self.code = summary.code
        self.errors = summary.errors
        self.warnings = summary.warnings
        self.keys = summary.keys
        self.files = summary.files
        self.places: dict[str, Jurisdiction] = {}
        for ruleset in sorted(summary.rulesets, key=lambda rs: rs.id):
            for j in ruleset.jurisdictions:
                self.places.setdefault(j.id, j)
        self.by_place: dict[str, list[int]] = {}  # jurisdiction -> report indexes
        self.index_of: dict[ReportKey, int] = {}
        for index, key in enumerate(summary.keys):
            self.by_place.setdefault(key[0], []).append(index)
            self.index_of[key] = index
        self._load = load
        self._whole = whole
        self._latest = latest
        self._latest_run: CheckRun | None = None
        self._details: dict[int, Detail] = {}
        self._warnings: dict[str, list[Diagnostic]] | None = None
        self._run: CheckRun | None = None

    @classmethod
    def build(cls, run: CheckRun) -> Review:
        """A review of a run at hand (in this process)."""

        def load(_place: str, indexes: list[int]) -> list[Detail]:
            return [(run.reports[i], run.results.get(i, [])) for i in indexes]

        return cls(summarise(run), load, lambda: run)

    def __len__(self) -> int:
        return len(self.keys)

    def measure(self, lang: Lang) -> tuple[int, int, int]:
        return self.summary.widths[lang]

    def worst(self, index: int) -> Severity:
        return self.summary.worst[index]

    def not_assessed(self, index: int) -> bool:
        """Nothing in the report could be assessed: it has passed nothing."""
        return self.summary.not_assessed[index]

    def _detail(self, index: int) -> Detail:
        if index not in self._details:
            place = self.keys[index][0]
            indexes = self.by_place[place]
            self._details.update(zip(indexes, self._load(place, indexes), strict=True))
        return self._details[index]

    def report(self, index: int) -> Report:
        return self._detail(index)[0]

    def results(self, index: int) -> list[Result]:
        return self._detail(index)[1]

    def worst_result(self, index: int) -> Worst | None:
        """The report's worst result in brief (None: the report has no result)."""
        worst = self.summary.worst_results
        return worst[index] if index < len(worst) else None

    def has_problems(self, index: int) -> bool:
        """The report has a result with a warning or an error."""
        return self.summary.worst[index] is not Severity.INFO

    def latest(self, place: str) -> int:
        """The index of the place's latest report that has results (as the reports' overview
        takes it), else of its latest report."""
        indexes = self.by_place[place]
        judged = [i for i in indexes if self.worst_result(i) is not None] or indexes
        return max(judged, key=lambda i: self.keys[i][1])

    def place_worst(self, place: str) -> Worst | None:
        """The worst result of the place's latest year, in brief."""
        return self.worst_result(self.latest(place))

    def place_has_problems(self, place: str) -> bool:
        """A report of the place, in any year, has a warning or an error."""
        return any(self.has_problems(i) for i in self.by_place[place])

    def place_order(self, order: PlaceOrder) -> list[str]:
        """The places in ``order``: by name (the English name, which for Chinese places is
        their pinyin, so that the order is the same in both languages), or worst first (the
        order of the reports' overview: the worst status of the latest year, then the most
        problems in it, then the name)."""

        def name(place: str) -> tuple[str, str]:
            return self.place_name(place, "en").casefold(), place

        if order == "name":
            return sorted(self.by_place, key=name)

        def worst_first(place: str) -> tuple[int, int, int, tuple[str, str]]:
            worst = self.place_worst(place)
            if worst is None:
                return (0, 0, 0, name(place))
            return (-worst.rank[0], -worst.rank[1], -worst.problems, name(place))

        return sorted(self.by_place, key=worst_first)

    def check_run(self) -> CheckRun:
        """The whole run again (for saving it, and the overview of all places); fetched once,
        kept for the next time."""
        if self._run is None:
            self._run = self._fetch_run()
        return self._run

    def latest_run(self) -> CheckRun:
        """Each jurisdiction's latest report with its results: what the overview of all places
        needs (render.overview reads the latest year only), a fraction of the whole run to
        fetch from the workers. The whole run serves as well when it is here already."""
        if self._run is not None:
            return self._run
        if self._latest_run is None:
            self._latest_run = self._latest() if self._latest is not None else self.check_run()
        return self._latest_run

    def _fetch_run(self) -> CheckRun:
        if self._whole is not None:
            return self._whole()
        return CheckRun(
            rulesets=self.summary.rulesets,
            reports=[self.report(i) for i in range(len(self))],
            results={i: self.results(i) for i in range(len(self))},
            errors=self.errors,
            warnings=self.warnings,
        )

    def place_name(self, jurisdiction: str, lang: Lang) -> str:
        place = self.places.get(jurisdiction)
        return clean(place.display_name(lang) if place else jurisdiction)

    def warnings_for(self, index: int) -> list[Diagnostic]:
        """The warnings about the file a report was read from."""
        if self._warnings is None:
            self._warnings = {}
            for w in self.warnings:
                self._warnings.setdefault(w.location.file, []).append(w)
        return self._warnings.get(self.files[index], [])

    def error_files(self) -> set[str]:
        return {e.location.file for e in self.errors}


def measure(
    results: list[Result], lang: Lang, widest_value: int | None = None
) -> tuple[int, int, int]:
    """The widest status, value and target cells (with their headings) among ``results``.
    Each distinct cell is measured once: thousands of results share a few dozen of them.
    (``widest_value``: value_width(results), if known: it is the same in every language.)"""
    statuses = {r.status for r in results}
    status = max(
        [cell_len(label("status", lang))] + [cell_len(status_phrase(st, lang)) for st in statuses]
    )
    if widest_value is None:
        widest_value = value_width(results)
    value = max(cell_len(label("value", lang)), widest_value)
    targets = {(id(r.rule), r.compared_with): r for r in results}
    target = max(
        [cell_len(label("target", lang))]
        + [cell_len(clean(target_text(r, lang))) for r in targets.values()]
    )
    return status, value, target


def value_width(results: list[Result]) -> int:
    """The widest value cell among ``results`` (a value reads the same in both languages)."""
    values = {value_cell(r): r for r in results}
    return max([cell_len("—")] + [cell_len(clean(value_text(r))) for r in values.values()])


def value_cell(result: Result) -> tuple[object, ...]:
    """What a result's value cell depends on (common.value_text): the value, its rule (for
    the unit and the target) and what it is compared with. Rules by identity: hashing one
    hashes every field of it."""
    return result.value, id(result.rule), result.compared_with
