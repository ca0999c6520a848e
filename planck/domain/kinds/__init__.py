"""Rule kinds as data. Each kind is one module: its judging function, the JSON Schema
fragment its parameters must satisfy, and (where it has one) the target a value is compared
with. The registry maps each Kind to its module; evaluate.judge dispatches through it, and the
rule-set schema's kind list and per-kind conditions are composed from it (a test checks that
the shipped ruleset.schema.json is that composition)."""

from __future__ import annotations

import copy
from typing import Any

from planck.domain.kinds import (
    cumulative_change,
    growth_at_least,
    non_decreasing,
    qualitative,
    target,
)
from planck.domain.kinds.base import Judging, KindSpec
from planck.model import Kind, Result, Rule

_SPECS: tuple[KindSpec, ...] = (
    target.SPEC,
    non_decreasing.SPEC,
    qualitative.SPEC,
    growth_at_least.SPEC,
    cumulative_change.SPEC,
)

REGISTRY: dict[Kind, KindSpec] = {kind: spec for spec in _SPECS for kind in spec.kinds}


def judge(j: Judging) -> Result:
    """The status of a usable value, as written, by its rule's kind."""
    return REGISTRY[j.rule.kind].judge(j)


def goal(rule: Rule) -> float | None:
    """The value the rule compares with, in its unit: the target of at_least/at_most, x* of
    cumulative_change; None where there is none (non_decreasing, qualitative) or the target
    is a rate (growth_at_least)."""
    return REGISTRY[rule.kind].goal(rule)


def lower_is_better(rule: Rule) -> bool:
    return REGISTRY[rule.kind].lower_is_better(rule)


def compose_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the rule's list of kinds and its per-kind conditions taken from the
    registry, in the registry's order."""
    out = copy.deepcopy(schema)
    rule = out["$defs"]["rule"]
    rule["properties"]["kind"]["enum"] = [kind.value for kind in REGISTRY]
    rule["allOf"] = [spec.schema for spec in _SPECS if spec.schema is not None]
    return out
