"""The growth-rate method of SPEC §3 (Eurostat's SDG monitoring, as published by Open SDG),
and the information shown beside it. Pure arithmetic, no I/O."""

from __future__ import annotations

import math

from planck.model import BaseFrom, Progress

FLOOR = 0.001  # a base or target <= 0 is replaced by this, so growth rates stay defined
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


def compute(
    *,
    lower_is_better: bool,
    base_year: int,
    base_value: float,
    base_from: BaseFrom,
    year: int,
    value: float,
    target: float,
    target_year: int,
) -> Progress:
    """Progress from (base_year, base_value) to (year, value) toward target in target_year."""
    x0 = base_value if base_value > 0 else FLOOR
    xt = target if target > 0 else FLOOR
    # The latest value is floored like the base: a value that stayed at zero has not moved
    # (R = 0), rather than collapsed by 100% from the 0.001 that stands in for the base.
    x = value if value > 0 else FLOOR
    actual = cagr(x0, x, year - base_year)
    required: float | None = None
    ratio: float | None = None
    if target_year > base_year:
        required = cagr(x0, xt, target_year - base_year)
        better = -1.0 if lower_is_better else 1.0
        if required * better > 0:
            if math.isinf(actual) and math.isinf(required):
                # both beyond the float range, where R tends to e^(ln-growth difference)
                gap = _log_growth(x0, x, year - base_year) - _log_growth(
                    x0, xt, target_year - base_year
                )
                ratio = math.exp(min(gap, 700.0))
            else:
                ratio = actual / required
            ratio = round(_bounded(ratio, -RATIO_LIMIT, RATIO_LIMIT), _DECIMALS)
        required = _bounded(required, -1.0, GROWTH_LIMIT)
    projection = growth_needed = time_elapsed = gap_closed = None
    if target_year >= year:
        try:
            projection = _finite(value * (1.0 + actual) ** (target_year - year))
        except OverflowError:
            projection = None
    actual = _bounded(actual, -1.0, GROWTH_LIMIT)
    if target_year > year and value > 0:
        growth_needed = _finite((xt / value) ** (1.0 / (target_year - year)) - 1.0)
    if target_year > base_year:
        time_elapsed = min(1.0, (year - base_year) / (target_year - base_year))
    if target != base_value:
        gap_closed = _finite((value - base_value) / (target - base_value))
    return Progress(
        base_year=base_year,
        base_value=base_value,
        base_from=base_from,
        ratio=ratio,
        cagr_actual=actual,
        cagr_required=required,
        projection=projection,
        gap_closed=gap_closed,
        time_elapsed=time_elapsed,
        growth_needed=growth_needed,
    )


def meets(value: float, target: float, lower_is_better: bool) -> bool:
    return value <= target if lower_is_better else value >= target
