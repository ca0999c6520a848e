"""An indicator's course year by year, for every chart planck draws (the review's drill-down,
the HTML and Word reports, the Excel workbook): the values reported, the path the target needs,
and where the current pace leads for the years not yet reported.

Data only: nothing here draws, and nothing changes a status. The path and the projections are
the engine's own growth rates (Progress) applied year by year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from planck.domain import kinds
from planck.model import Kind, Method, Progress, Result, Rule


class Tag(Enum):
    """What a year of the chart is, besides a year: the base point, the report, the target."""

    BASE = "chart.base"
    THIS = "chart.this"
    TARGET = "chart.target"


@dataclass(frozen=True)
class ChartRow:
    year: int
    actual: float | None  # reported (or the rule's baseline)
    path: float | None  # where the value needs to be this year to reach the target
    projected: float | None  # where the current growth rate leads, for years not yet reported
    tags: tuple[Tag, ...]


def path_end(rule: Rule, progress: Progress | None) -> float | None:
    """Where the needed path ends in the target year: the target value (x* of a cumulative
    change), or for a growth rate the base grown at exactly that rate."""
    if rule.kind is Kind.GROWTH_AT_LEAST:
        if progress is None or rule.target is None or rule.target_year is None:
            return None
        years = rule.target_year - progress.base_year
        try:
            end = progress.base_value * (1.0 + rule.target / 100) ** years
        except OverflowError:
            return None
        return end if math.isfinite(end) else None
    return kinds.goal(rule)


def _known_values(result: Result) -> dict[int, float]:
    """Year -> value: the reports, the baseline, the base point and the value judged."""
    rule, progress = result.rule, result.progress
    actual: dict[int, float] = dict(result.series)
    if rule.baseline is not None:
        actual.setdefault(rule.baseline.year, rule.baseline.value)
    if progress is not None:
        actual.setdefault(progress.base_year, progress.base_value)
    if result.value is not None:
        actual[result.report.year] = result.value
    return actual


def _path(result: Result, actual: dict[int, float], end: float | None, y: int) -> float | None:
    """Where the value needs to be in year ``y``."""
    rule, progress, year = result.rule, result.progress, result.report.year
    if rule.kind is Kind.NON_DECREASING:
        if result.compared_with is not None and y == year:
            return result.compared_with[1]
        return actual.get(y - 1)
    if end is None or rule.target_year is None:
        return None
    if progress is None or progress.base_year >= rule.target_year:
        return end if y == rule.target_year else None
    if not progress.base_year <= y <= rule.target_year:
        return None
    x0, t0 = progress.base_value, progress.base_year
    if progress.method is Method.LINEAR or progress.cagr_required is None:
        return x0 + (end - x0) * (y - t0) / (rule.target_year - t0)
    return float(x0 * (1.0 + progress.cagr_required) ** (y - t0))


def _projected(result: Result, actual: dict[int, float], y: int) -> float | None:
    """Where the current pace leads in a year after the report that has no value of its own."""
    rule, progress, year = result.rule, result.progress, result.report.year
    if progress is None or result.value is None:
        return None
    if y <= year or y in actual or rule.target_year is None or y > rule.target_year:
        return None
    if progress.method is Method.LINEAR:
        step = (result.value - progress.base_value) / (year - progress.base_year)
        return max(0.0, result.value + step * (y - year))
    if progress.cagr_actual is None:
        return None
    try:
        value = float(result.value * (1.0 + progress.cagr_actual) ** (y - year))
    except OverflowError:
        return None
    return value if math.isfinite(value) else None


def chart_rows(result: Result) -> list[ChartRow]:
    """One row per year from the first known value to the target year."""
    rule, progress, year = result.rule, result.progress, result.report.year
    actual = _known_values(result)
    if not actual:
        return []
    end = path_end(rule, progress)
    years = set(actual)
    if rule.target_year is not None and end is not None:
        years.add(rule.target_year)
    rows = []
    for y in range(min(years), max(years) + 1):
        tags: list[Tag] = []
        if progress is not None and y == progress.base_year:
            tags.append(Tag.BASE)
        if y == year:
            tags.append(Tag.THIS)
        if y == rule.target_year and end is not None:
            tags.append(Tag.TARGET)
        path = _path(result, actual, end, y)
        rows.append(ChartRow(y, actual.get(y), path, _projected(result, actual, y), tuple(tags)))
    return rows
