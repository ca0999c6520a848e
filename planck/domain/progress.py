"""The progress ratio of SPEC §3 and the information shown beside it. Pure arithmetic, no I/O.

Two methods, chosen by the numbers themselves:

- growth rate (Eurostat's SDG monitoring, as published by Open SDG), when the base x0, the value
  x and the target x* are all > 0: R = CAGR_actual / CAGR_required;
- linear, otherwise (a growth rate from or to 0 is undefined):
  R = ((x − x0) / (x* − x0)) / ((t − t0) / (T − t0)), the share of the gap closed against the
  share of the time elapsed.

No value is ever replaced by a small constant, so a fall to 0 is never progress and the verdict
does not depend on the unit a value was written in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planck.model import BaseFrom, Method, Progress, Status

ON_TRACK = 0.95
NEEDS_ACCELERATION = 0.60
# Ratios are compared after rounding, so that a value that sits exactly on a boundary in decimal
# (R = 0.95) is not pushed below it by binary floating point.
_DECIMALS = 9
# Growth rates and ratios are kept within these bounds, so that absurd but finite inputs (a
# base of 1e-300, a value of 1e300) give a status and finite numbers instead of an overflow.
GROWTH_LIMIT = 1e9
RATIO_LIMIT = 1e9


def cagr(start: float, end: float, years: float) -> float:
    """(end / start)^(1 / years) - 1 for positive start and end; growth beyond the float range
    is +inf (callers bound it)."""
    try:
        return float((end / start) ** (1.0 / years) - 1.0)
    except OverflowError:
        return math.inf


def _log_growth(start: float, end: float, years: float) -> float:
    return (math.log(end) - math.log(start)) / years


def _bounded(x: float, low: float, high: float) -> float:
    return max(low, min(high, x))


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def floor_ratio(ratio: float, decimals: int = 3) -> float:
    """Ratio for display, cut (not rounded) so that it never shows a status boundary it has not
    reached: 0.9499 is shown as 0.949, not 0.950."""
    scale = 10**decimals
    return float(math.floor(ratio * scale + 1e-9) / scale)


def band(ratio: float) -> Status:
    """The status a progress ratio gives (SPEC §3's cut-offs), for every kind that has one."""
    if ratio >= ON_TRACK:
        return Status.ON_TRACK
    if ratio >= NEEDS_ACCELERATION:
        return Status.NEEDS_ACCELERATION
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATING


def meets(value: float, target: float, lower_is_better: bool) -> bool:
    return value <= target if lower_is_better else value >= target


def method_for(base_value: float, value: float, target: float) -> Method:
    """Growth rates only where they are defined: base, value and target all > 0."""
    if base_value > 0 and value > 0 and target > 0:
        return Method.GROWTH_RATE
    return Method.LINEAR


def _growth_ratio(c: Course, actual: float, required: float) -> float:
    """CAGR_actual / CAGR_required, from the unbounded rates."""
    if math.isinf(actual) and math.isinf(required):
        # both beyond the float range, where R tends to e^(ln-growth difference)
        years, years_total = c.year - c.base_year, c.target_year - c.base_year
        gap = _log_growth(c.base_value, c.value, years) - _log_growth(
            c.base_value, c.target, years_total
        )
        return math.exp(min(gap, 700.0))
    return actual / required


# Not frozen: one is made for every result judged, and a frozen dataclass's __init__ costs
# several times more; nothing keeps it past the verdict.
@dataclass(slots=True)
class Course:
    """What progress is measured over: from the base point (base_year, base_value) to the
    value judged (year, value), toward ``target`` in ``target_year``."""

    base_year: int
    base_value: float
    base_from: BaseFrom
    year: int
    value: float
    target: float
    target_year: int
    lower_is_better: bool = False


def compute(course: Course) -> Progress:
    """Progress along ``course``.

    ``ratio`` is None when no ratio is defined: the base already met the target (then a value
    that no longer meets it is deteriorating), or the target year is not after the base year.
    """
    c = course
    method = method_for(c.base_value, c.value, c.target)
    growth = method is Method.GROWTH_RATE
    elapsed = c.year - c.base_year
    total = c.target_year - c.base_year
    actual: float | None = None
    required: float | None = None
    raw_actual = raw_required = math.nan
    if growth:
        raw_actual = cagr(c.base_value, c.value, elapsed)
        actual = _bounded(raw_actual, -1.0, GROWTH_LIMIT)
        if total > 0:
            raw_required = cagr(c.base_value, c.target, total)
            required = _bounded(raw_required, -1.0, GROWTH_LIMIT)
    gap = c.target - c.base_value
    return Progress(
        base_year=c.base_year,
        base_value=c.base_value,
        base_from=c.base_from,
        ratio=_ratio(c, growth, raw_actual, raw_required),
        cagr_actual=actual,
        cagr_required=required,
        projection=_projection(c, growth, raw_actual),
        gap_closed=_finite((c.value - c.base_value) / gap) if gap != 0 else None,
        time_elapsed=min(1.0, elapsed / total) if total > 0 else None,
        growth_needed=_growth_needed(c),
        method=method,
    )


def _ratio(c: Course, growth: bool, raw_actual: float, raw_required: float) -> float | None:
    """R of SPEC §3 by the method ``growth`` names (with the growth rates already worked out),
    or None where it is undefined."""
    total = c.target_year - c.base_year
    if total <= 0 or meets(c.base_value, c.target, c.lower_is_better):
        return None
    if growth:
        ratio = _growth_ratio(c, raw_actual, raw_required)
    else:
        x0, x, xt = c.base_value, c.value, c.target
        ratio = ((x - x0) / (xt - x0)) / ((c.year - c.base_year) / total)
    return round(_bounded(ratio, -RATIO_LIMIT, RATIO_LIMIT), _DECIMALS)


def _projection(c: Course, growth: bool, raw_actual: float) -> float | None:
    """The value in the target year if it moves on as it has since the base year."""
    if c.target_year < c.year:
        return None
    years = c.target_year - c.year
    if growth:
        # from the unbounded rate: growth beyond the float range has no honest projection
        try:
            return _finite(c.value * (1.0 + raw_actual) ** years)
        except OverflowError:
            return None
    # the same yearly change as from the base to now, carried on to the target year;
    # reported values are never negative, so neither is their projection
    step = (c.value - c.base_value) / (c.year - c.base_year)
    return _finite(max(0.0, c.value + step * years))


def _growth_needed(c: Course) -> float | None:
    """The yearly growth rate that reaches the target from the value judged."""
    if c.target_year <= c.year or c.value <= 0 or c.target <= 0:
        return None
    needed = _finite(cagr(c.value, c.target, c.target_year - c.year))
    return None if needed is None else _bounded(needed, -1.0, GROWTH_LIMIT)


def yearly_change_needed(value: float, target: float, years: int) -> float | None:
    """The change per year (in the value's unit) that reaches the target in ``years``; for
    the linear method, where a growth rate from 0 is undefined."""
    if years <= 0:
        return None
    return _finite((target - value) / years)
