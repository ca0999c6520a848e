"""`cumulative_change` (累计降低/提高 X%, SPEC §3): ``target`` is a percent change from the
rule's baseline x0 by the target year, negative for a reduction. The absolute target is
x* = x0 · (1 + target / 100), and the value is judged as `at_least` (a rise) or `at_most`
(a fall) against x*."""

from __future__ import annotations

from typing import Any

from planck.domain.kinds import phrasing
from planck.domain.kinds.base import Judging, KindSpec
from planck.domain.kinds.target import toward
from planck.model import Kind, Result, Rule


def goal(rule: Rule) -> float | None:
    """x*, in the rule's unit."""
    if rule.target is None or rule.baseline is None:
        return None
    return rule.baseline.value * (1 + rule.target / 100)


def lower_is_better(rule: Rule) -> bool:
    return rule.target is not None and rule.target < 0


def judge(j: Judging) -> Result:
    rule = j.rule
    x_star = goal(rule)
    assert x_star is not None and rule.target is not None and rule.baseline is not None
    verdict = toward(j, x_star, lower_is_better(rule), derived=True)
    facts = phrasing.CumulativeFacts(
        rule.target, rule.baseline.year, rule.baseline.value, x_star, j.value, rule.unit
    )
    message = phrasing.with_cumulative(verdict.message, facts)
    return j.result(verdict.status, message, progress=verdict.progress)


# The baseline is what the percent applies to, so it is required and must be above 0; a
# change of 0 says neither "at least" nor "at most", and a fall of 100% or more leaves
# nothing (or less than nothing) to reach.
SCHEMA: dict[str, Any] = {
    "if": {"properties": {"kind": {"const": "cumulative_change"}}},
    "then": {
        "required": ["target", "target_year", "baseline"],
        "properties": {
            "target": {"exclusiveMinimum": -100, "not": {"const": 0}},
            "baseline": {"properties": {"value": {"exclusiveMinimum": 0}}},
        },
    },
}

SPEC = KindSpec((Kind.CUMULATIVE_CHANGE,), judge, SCHEMA, goal, lower_is_better)
