"""What every rule kind works with: the value being judged, where it came from, and how a
result is built from a status and a message. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planck.domain import suspect
from planck.domain.values import to_rule_unit
from planck.i18n import Msg
from planck.model import (
    BaseFrom,
    Kind,
    Observation,
    Progress,
    Report,
    Result,
    Rule,
    RuleSet,
    Severity,
    Status,
)

Series = dict[int, float]  # year -> value, converted to the rule's unit
Points = tuple[tuple[int, float], ...]  # a series as (year, value) pairs, by year

_SEVERITY = {
    Status.MET: Severity.INFO,
    Status.ON_TRACK: Severity.INFO,
    Status.NEEDS_ACCELERATION: Severity.WARNING,
    Status.LIMITED_PROGRESS: Severity.WARNING,
    Status.DETERIORATING: Severity.WARNING,
    Status.MISSING: Severity.ERROR,
    Status.INVALID: Severity.ERROR,
    Status.SUSPECT: Severity.ERROR,
    Status.UNASSESSED: Severity.INFO,
    Status.REVIEW: Severity.INFO,
}


def severity(status: Status, rule: Rule) -> Severity:
    if status is Status.MISSED:
        return Severity.ERROR if rule.binding else Severity.WARNING
    return _SEVERITY[status]


def previous_value(obs: Observation | None, rule: Rule) -> float | None:
    """The report's `previous` for the indicator in the rule's unit, if it is usable."""
    if obs is None or obs.previous is None or obs.previous_problem is not None:
        return None
    value, problem = to_rule_unit(obs.previous, rule.unit)
    return value if problem is None else None


# Not frozen: one is made for every result judged, and a frozen dataclass's __init__ costs
# several times more; nothing keeps it past the verdict.
@dataclass(slots=True)
class Subject:
    """One rule applied to one report: everything a result carries besides its verdict."""

    ruleset: RuleSet
    rule: Rule
    report: Report
    obs: Observation | None
    points: Points

    def result(
        self,
        status: Status,
        message: Msg,
        *,
        value: float | None = None,
        compared_with: tuple[int, float] | None = None,
        progress: Progress | None = None,
    ) -> Result:
        obs = self.obs
        return Result(
            self.ruleset,
            self.rule,
            self.report,
            status,
            severity(status, self.rule),
            value,
            message,
            obs.location if obs is not None else None,
            compared_with,
            progress,
            self.points,
            obs.note if obs is not None else None,
            verified=suspect.verified_note(obs),
        )


# Not frozen: one is made for every result judged, and a frozen dataclass's __init__ costs
# several times more; nothing keeps it past the verdict.
@dataclass(slots=True)
class Judging:
    """A usable value, in the rule's unit, to be judged by its rule's kind."""

    subject: Subject
    obs: Observation
    series: Series
    value: float

    @property
    def rule(self) -> Rule:
        return self.subject.rule

    @property
    def year(self) -> int:
        return self.subject.report.year

    def result(
        self,
        status: Status,
        message: Msg,
        *,
        compared_with: tuple[int, float] | None = None,
        progress: Progress | None = None,
    ) -> Result:
        return self.subject.result(
            status, message, value=self.value, compared_with=compared_with, progress=progress
        )


# Not frozen: one is made for every result judged, and a frozen dataclass's __init__ costs
# several times more; nothing keeps it past the verdict.
@dataclass(slots=True)
class BasePoint:
    """(t0, x0) of SPEC §3 and where it came from."""

    year: int
    value: float
    source: BaseFrom


def base_point(rule: Rule, year: int, series: Series) -> BasePoint | None:
    """The rule's baseline if it is earlier than ``year``, else the earliest earlier value."""
    if rule.baseline is not None and rule.baseline.year < year:
        return BasePoint(rule.baseline.year, rule.baseline.value, BaseFrom.BASELINE)
    earlier = [y for y in series if y < year]
    if earlier:
        first = min(earlier)
        return BasePoint(first, series[first], BaseFrom.SERIES)
    return None


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One rule kind as data: the kinds it judges, how, and the JSON Schema fragment (an
    ``allOf`` entry of the rule's schema) that its parameters must satisfy, if any."""

    kinds: tuple[Kind, ...]
    judge: Callable[[Judging], Result]
    schema: dict[str, Any] | None = None
    # The target the value is compared with, in the rule's unit (None: there is none, or it
    # is a rate rather than a value), and whether lower values are better.
    goal: Callable[[Rule], float | None] = lambda rule: None
    lower_is_better: Callable[[Rule], bool] = lambda rule: False
