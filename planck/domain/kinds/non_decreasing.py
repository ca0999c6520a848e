"""`non_decreasing` (只增不减, SPEC §3): the value must not fall below the year before's."""

from __future__ import annotations

from typing import Any

from planck.domain.kinds import phrasing
from planck.domain.kinds.base import Judging, KindSpec, previous_value
from planck.model import Kind, Result, Status


def judge(j: Judging) -> Result:
    rule = j.rule
    year = j.year - 1
    # the report's own `previous` first, then the report for that year, then a baseline
    prev = previous_value(j.obs, rule)
    if prev is None and year in j.series:
        prev = j.series[year]
    if prev is None and rule.baseline is not None and rule.baseline.year == year:
        prev = rule.baseline.value
    if prev is None:
        return j.result(Status.UNASSESSED, phrasing.nothing_to_compare(year))
    compared = (year, prev)
    if j.value >= prev:
        message = phrasing.not_fallen(j.value, prev, year, rule.unit)
        return j.result(Status.MET, message, compared_with=compared)
    message = phrasing.fallen(j.value, prev, year, rule.unit)
    return j.result(Status.MISSED, message, compared_with=compared)


# The value of the year before is the target: a target written beside it would be ignored.
SCHEMA: dict[str, Any] = {
    "if": {"properties": {"kind": {"const": "non_decreasing"}}},
    "then": {"not": {"required": ["target"]}},
}

SPEC = KindSpec((Kind.NON_DECREASING,), judge, SCHEMA)
