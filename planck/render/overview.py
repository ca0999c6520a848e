"""What every report shows before its per-report sections, built once for all formats:

- the overview of many places (one row per jurisdiction at its latest year, one column per
  indicator, worst place first) with the counts and the early-warning list (预警) of binding
  indicators that the current pace will not reach;
- a jurisdiction's indicators by year (完成情况总表): each indicator's value and status in
  every year given.

Plain data and plain strings, not yet escaped: each format lays them out for its medium.
"""

from __future__ import annotations

from dataclasses import dataclass

from planck.domain import kinds
from planck.domain.kinds.phrasing import kind_label
from planck.domain.values import COUNT_UNITS, fmt_beside
from planck.i18n import Lang
from planck.model import SEVERITY_RANK, CheckRun, Kind, Result, Rule, Status, status_label
from planck.render import common

# Worst first among results of the same severity: a target missed before a doubtful value,
# before a value not given, before falling behind; what says nothing about the target last.
_STATUS_ORDER = (
    Status.MISSED,
    Status.SUSPECT,
    Status.INVALID,
    Status.MISSING,
    Status.DETERIORATING,
    Status.LIMITED_PROGRESS,
    Status.NEEDS_ACCELERATION,
    Status.UNASSESSED,
    Status.REVIEW,
    Status.ON_TRACK,
    Status.MET,
)
_STATUS_RANK = {status: len(_STATUS_ORDER) - i for i, status in enumerate(_STATUS_ORDER)}

# A binding indicator in one of these states will not reach its target at the current pace
# (or has already missed it): it goes on the early-warning list.
ALERT_STATUSES = frozenset(
    {
        Status.MISSED,
        Status.DETERIORATING,
        Status.LIMITED_PROGRESS,
        Status.NEEDS_ACCELERATION,
    }
)


def badness(result: Result) -> tuple[int, int]:
    """Orders results from good to bad: by severity, then by status (see _STATUS_ORDER)."""
    return SEVERITY_RANK[result.severity], _STATUS_RANK[result.status]


def is_alert(result: Result) -> bool:
    """True for a binding indicator projected to miss its target, or that missed it."""
    return result.rule.binding and result.status in ALERT_STATUSES


def projection_text(result: Result) -> str | None:
    """Where the current pace leads in the target year, with its unit (common.shown_projection:
    whole for counted things, never rounded onto a target it misses)."""
    value = common.shown_projection(result)
    if value is None:
        return None
    if result.rule.unit in COUNT_UNITS:
        return f"{value:.0f}{result.rule.unit}"
    # two decimals, as the explanations give it, unless the target needs more to tell apart
    return f"{fmt_beside(value, kinds.goal(result.rule), digits=2)}{result.rule.unit}"


@dataclass(frozen=True, slots=True)
class Column:
    """An indicator of the overview: a rule of one rule set."""

    ruleset_id: str
    rule: Rule
    name: str


@dataclass(frozen=True, slots=True)
class Cell:
    result: Result
    mark: str  # ✓ ✗ ! ↓ ?
    word: str  # the status in words, with its mark
    tone: common.Tone


@dataclass(frozen=True, slots=True)
class Place:
    """One jurisdiction at its latest year."""

    jurisdiction: str
    name: str
    year: int
    file: str
    cells: tuple[Cell | None, ...]  # by Overview.columns; None: the rule did not judge it
    worst: Cell | None
    problems: int  # results that are not info (warnings and errors)


@dataclass(frozen=True, slots=True)
class Alert:
    """An entry of the early-warning list (预警)."""

    place: str
    year: int
    indicator: str
    status: str  # with its mark
    value: str
    target: str
    projection: str | None  # where the current pace leads in the target year
    result: Result


@dataclass(frozen=True, slots=True)
class Overview:
    columns: tuple[Column, ...]
    places: tuple[Place, ...]  # worst first
    counts: tuple[tuple[Status, str, int], ...]  # status, its word with mark, count
    alerts: tuple[Alert, ...]  # worst first


def cell(result: Result, lang: Lang) -> Cell:
    return Cell(
        result=result,
        mark=common.status_mark(result.status),
        word=common.status_word(result, lang),
        tone=common.result_tone(result),
    )


def latest_results(run: CheckRun) -> dict[str, list[Result]]:
    """Jurisdiction -> the results of its latest report year, in the order places first
    appear in the run."""
    latest: dict[str, int] = {}
    for index, report in enumerate(run.reports):
        if not run.results.get(index):
            continue
        seen = latest.get(report.jurisdiction)
        if seen is None or report.year > run.reports[seen].year:
            latest[report.jurisdiction] = index
    return {place: list(run.results[index]) for place, index in latest.items()}


def needs_overview(run: CheckRun) -> bool:
    """An overview opens the report when the run covers more than one jurisdiction."""
    return len({report.jurisdiction for report in run.reports}) > 1


def build_overview(run: CheckRun, lang: Lang) -> Overview:
    by_place = latest_results(run)
    columns: dict[tuple[str, str], Column] = {}
    for results in by_place.values():
        for result in results:
            key = (result.ruleset.id, result.rule.id)
            if key not in columns:
                columns[key] = Column(
                    result.ruleset.id, result.rule, result.rule.display_name(lang)
                )
    order = {key: i for i, key in enumerate(columns)}
    places = []
    alerts: list[Alert] = []
    latest: list[Result] = []
    for jurisdiction, results in by_place.items():
        latest.extend(results)
        cells: list[Cell | None] = [None] * len(order)
        for result in results:
            cells[order[(result.ruleset.id, result.rule.id)]] = cell(result, lang)
        worst = max(results, key=badness)
        report = results[0].report
        name = common.place_name(common.rulesets_of(results), jurisdiction, lang)
        places.append(
            Place(
                jurisdiction=jurisdiction,
                name=name,
                year=report.year,
                file=report.file,
                cells=tuple(cells),
                worst=cell(worst, lang),
                problems=sum(SEVERITY_RANK[r.severity] > 0 for r in results),
            )
        )
        alerts.extend(_alert(r, name, lang) for r in results if is_alert(r))
    places.sort(key=lambda p: _place_order(p))
    alerts.sort(key=lambda a: (tuple(-x for x in badness(a.result)), a.place, a.indicator))
    counts = tuple(
        (status, f"{common.status_mark(status)} {status_label(status, lang)}", n)
        for status, n in common.status_counts(latest)
    )
    return Overview(tuple(columns.values()), tuple(places), counts, tuple(alerts))


def _place_order(place: Place) -> tuple[int, int, int, str]:
    worst = badness(place.worst.result) if place.worst is not None else (0, 0)
    return -worst[0], -worst[1], -place.problems, place.name


def _alert(result: Result, place: str, lang: Lang) -> Alert:
    return Alert(
        place=place,
        year=result.report.year,
        indicator=result.rule.display_name(lang),
        status=common.status_word(result, lang),
        value=common.value_text(result),
        target=common.target_text(result, lang),
        projection=projection_text(result),
        result=result,
    )


@dataclass(frozen=True, slots=True)
class YearCell:
    value: str  # with unit, or — when none was given
    mark: str
    word: str
    tone: common.Tone
    result: Result


@dataclass(frozen=True, slots=True)
class YearsRow:
    indicator: str
    rule: Rule
    unit: str
    base: str  # '2020: 1.2' or —
    target: str  # '≥ 2%' with the target year
    cells: tuple[YearCell | None, ...]  # by YearsTable.years; None: no report that year

    @property
    def latest(self) -> Result | None:
        """The result of the latest year that has one."""
        for shown in reversed(self.cells):
            if shown is not None:
                return shown.result
        return None


@dataclass(frozen=True, slots=True)
class YearsTable:
    """A jurisdiction's indicators by year (完成情况总表)."""

    jurisdiction: str
    name: str
    years: tuple[int, ...]
    rows: tuple[YearsRow, ...]


def years_tables(run: CheckRun, lang: Lang) -> list[YearsTable]:
    """One table per jurisdiction, in the order places first appear in the run."""
    by_place: dict[str, dict[tuple[str, str], dict[int, Result]]] = {}
    rules: dict[tuple[str, str], Rule] = {}
    for index, report in enumerate(run.reports):
        for result in run.results.get(index, []):
            key = (result.ruleset.id, result.rule.id)
            rules.setdefault(key, result.rule)
            by_place.setdefault(report.jurisdiction, {}).setdefault(key, {})[report.year] = result
    tables = []
    for jurisdiction, by_rule in by_place.items():
        years = tuple(sorted({year for by_year in by_rule.values() for year in by_year}))
        any_results = [r for by_year in by_rule.values() for r in by_year.values()]
        name = common.place_name(common.rulesets_of(any_results), jurisdiction, lang)
        rows = []
        for key, by_year in by_rule.items():
            rule = rules[key]
            rows.append(
                YearsRow(
                    indicator=rule.display_name(lang),
                    rule=rule,
                    unit=rule.unit,
                    base=_base_text(rule),
                    target=_target_text(rule, lang),
                    cells=tuple(_year_cell(by_year.get(year), lang) for year in years),
                )
            )
        tables.append(YearsTable(jurisdiction, name, years, tuple(rows)))
    return tables


def _year_cell(result: Result | None, lang: Lang) -> YearCell | None:
    if result is None:
        return None
    return YearCell(
        value=common.value_text(result),
        mark=common.status_mark(result.status),
        word=common.status_word(result, lang),
        tone=common.result_tone(result),
        result=result,
    )


def _base_text(rule: Rule) -> str:
    if rule.baseline is None:
        return common.symbol("—")
    return f"{rule.baseline.year}: {common.number_text(rule.baseline.value)}"


def _target_text(rule: Rule, lang: Lang) -> str:
    if rule.kind in (Kind.QUALITATIVE, Kind.NON_DECREASING):
        return kind_label(rule.kind, lang)
    if rule.target_year is None:
        return common.goal_cell(rule, lang)
    return f"{common.goal_cell(rule, lang)} ({rule.target_year})"
