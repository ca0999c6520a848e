"""`growth_at_least` (年均增长 X% 以上, SPEC §3): the average yearly growth since the base point
must reach ``target`` percent. Before the target year, R = g / (target / 100)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from planck.domain import progress as prog
from planck.domain.kinds import phrasing
from planck.domain.kinds.base import BasePoint, Judging, KindSpec, base_point
from planck.model import Kind, Method, Progress, Result, Status

# Growth is rounded before it is compared or shown, like progress ratios: 100 → 122.5043 over
# three years is 7% a year in decimal, and binary floating point must not make it 6.9999999%.
_DECIMALS = 9


def _bounded(x: float) -> float:
    return max(-1.0, min(prog.GROWTH_LIMIT, x))


def _progress(j: Judging, base: BasePoint, growth: float, rate: float) -> Progress:
    """The ratio and what is shown beside it: where the value is headed at this pace, and
    the growth still needed each year to get back onto the path of ``rate`` from the base."""
    target_year = j.rule.target_year
    assert target_year is not None
    ratio = round(max(-prog.RATIO_LIMIT, min(prog.RATIO_LIMIT, growth / rate)), _DECIMALS)
    remaining = target_year - j.year
    projection: float | None = None
    needed: float | None = None
    if remaining >= 0:
        try:
            projection = j.value * (1.0 + growth) ** remaining
            end = base.value * (1.0 + rate) ** (target_year - base.year)
        except OverflowError:  # beyond the float range: no honest number to show
            projection = end = math.inf
        if remaining > 0 and math.isfinite(end):
            needed = _bounded(prog.cagr(j.value, end, remaining))
    return Progress(
        base_year=base.year,
        base_value=base.value,
        base_from=base.source,
        ratio=ratio,
        cagr_actual=growth,
        cagr_required=rate,
        projection=projection if projection is not None and math.isfinite(projection) else None,
        gap_closed=None,
        time_elapsed=None,
        growth_needed=needed,
        method=Method.GROWTH_RATE,
    )


def judge(j: Judging) -> Result:
    rule = j.rule
    assert rule.target is not None and rule.target_year is not None  # the schema requires them
    base = base_point(rule, j.year, j.series)
    if base is None:
        return j.result(Status.UNASSESSED, phrasing.no_growth_base())
    rate = rule.target / 100
    facts = phrasing.GrowthFacts(j.value, rule.unit, rate, rule.target_year, base.year, base.value)
    if base.value <= 0 or j.value <= 0:
        # a growth rate from or to 0 is undefined, and the plan sets no other measure
        return j.result(Status.UNASSESSED, phrasing.growth_message("not_positive", facts))
    growth = round(_bounded(prog.cagr(base.value, j.value, j.year - base.year)), _DECIMALS)
    progress = _progress(j, base, growth, rate)
    facts = replace(facts, growth=growth)
    if growth >= rate:
        return j.result(Status.MET, phrasing.growth_message("met", facts), progress=progress)
    if j.year >= rule.target_year:
        return j.result(Status.MISSED, phrasing.growth_message("missed", facts), progress=progress)
    assert progress.ratio is not None
    status = prog.band(progress.ratio)
    message = phrasing.growth_message(status, replace(facts, progress=progress))
    return j.result(status, message, progress=progress)


# A growth rate of 0 or less is no growth target: R = g / rate would be undefined or reversed.
SCHEMA: dict[str, Any] = {
    "if": {"properties": {"kind": {"const": "growth_at_least"}}},
    "then": {
        "required": ["target", "target_year"],
        "properties": {"target": {"exclusiveMinimum": 0}},
    },
}

SPEC = KindSpec((Kind.GROWTH_AT_LEAST,), judge, SCHEMA)
