"""`at_least` and `at_most` (SPEC §3): a value judged against a target value by the target
year, with a progress ratio before it. `cumulative_change` is judged through :func:`toward`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planck.domain import progress as prog
from planck.domain.kinds import phrasing
from planck.domain.kinds.base import Judging, KindSpec, base_point
from planck.i18n import Msg
from planck.model import Kind, Progress, Result, Rule, Status


# Not frozen: one is made for every result judged, and a frozen dataclass's __init__ costs
# several times more; nothing keeps it past the verdict.
@dataclass(slots=True)
class Verdict:
    status: Status
    message: Msg
    progress: Progress | None


def toward(j: Judging, goal: float, lower: bool, derived: bool = False) -> Verdict:
    """The verdict on a value against ``goal`` in the rule's target year; ``lower``: lower
    is better; ``derived``: the goal was worked out rather than written in the plan."""
    rule = j.rule
    assert rule.target_year is not None  # the schema requires it
    base = base_point(rule, j.year, j.series)
    progress: Progress | None = None
    if base is not None:
        progress = prog.compute(
            prog.Course(
                base_year=base.year,
                base_value=base.value,
                base_from=base.source,
                year=j.year,
                value=j.value,
                target=goal,
                target_year=rule.target_year,
                lower_is_better=lower,
            )
        )
    met = prog.meets(j.value, goal, lower)
    # The progress is formatted only for the messages that give it: not met, before the
    # target year.
    shown = progress if not met and j.year < rule.target_year else None
    facts = phrasing.TargetFacts(
        j.value, goal, rule.unit, rule.target_year, lower, j.year, shown, derived
    )
    if met:
        return Verdict(Status.MET, phrasing.target_message("met", facts), progress)
    if j.year >= rule.target_year:
        return Verdict(Status.MISSED, phrasing.target_message("missed", facts), progress)
    if progress is None:
        return Verdict(Status.UNASSESSED, phrasing.target_message("no_base", facts), None)
    if progress.ratio is None:
        return Verdict(Status.DETERIORATING, phrasing.target_message("no_longer", facts), progress)
    status = prog.band(progress.ratio)
    return Verdict(status, phrasing.progress_message(status, progress.method, facts), progress)


def judge(j: Judging) -> Result:
    rule = j.rule
    assert rule.target is not None  # the schema requires it
    verdict = toward(j, rule.target, rule.kind is Kind.AT_MOST)
    return j.result(verdict.status, verdict.message, progress=verdict.progress)


SCHEMA: dict[str, Any] = {
    "if": {"properties": {"kind": {"enum": ["at_least", "at_most"]}}},
    "then": {"required": ["target", "target_year"]},
}


def _goal(rule: Rule) -> float | None:
    return rule.target


def _lower(rule: Rule) -> bool:
    return rule.kind is Kind.AT_MOST


SPEC = KindSpec((Kind.AT_LEAST, Kind.AT_MOST), judge, SCHEMA, _goal, _lower)
