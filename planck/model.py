"""The data planck works on: rule sets, reports, results. Frozen; built once, never mutated."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from planck.errors import Location
from planck.i18n import Lang, Msg, word


class Kind(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    NON_DECREASING = "non_decreasing"
    QUALITATIVE = "qualitative"
    GROWTH_AT_LEAST = "growth_at_least"  # 年均增长 X% 以上: target is a yearly growth rate in %
    CUMULATIVE_CHANGE = "cumulative_change"  # 累计降低/提高 X%: target is a % change from baseline


class Method(StrEnum):
    """How a progress ratio was computed (SPEC §3)."""

    GROWTH_RATE = "growth_rate"  # base, value and target all > 0
    LINEAR = "linear"  # otherwise: growth rates are undefined


class BaseFrom(StrEnum):
    """Where a progress measurement's base point came from."""

    BASELINE = "baseline"  # the rule's baseline
    SERIES = "series"  # an earlier value reported for the jurisdiction


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Status(StrEnum):
    """SPEC §3. Declaration order is the order of summaries and of 'worst first' sorting."""

    MET = "met"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATING = "deteriorating"
    MISSED = "missed"
    MISSING = "missing"
    INVALID = "invalid"
    SUSPECT = "suspect"
    UNASSESSED = "unassessed"
    REVIEW = "review"


def status_label(status: Status, lang: Lang) -> str:
    return word("status." + status.value, lang)


SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Source:
    document: str
    issuer: str
    number: str | None
    date: str
    locator: str
    quote: str
    document_en: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Baseline:
    year: int
    value: float
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    name_en: str
    unit: str
    kind: Kind
    target: float | None
    target_year: int | None
    baseline: Baseline | None
    binding: bool
    source: Source
    see_also: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    location: Location | None = None
    aliases: tuple[str, ...] = ()  # other names a report may use for the indicator

    def display_name(self, lang: Lang) -> str:
        return self.name if lang == "zh" else self.name_en


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()  # other names a report may use, e.g. the official full name

    def display_name(self, lang: Lang) -> str:
        return self.name if lang == "zh" else self.name_en


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    title: str
    title_en: str
    jurisdictions: tuple[Jurisdiction, ...]
    period: tuple[int, int]
    binding: bool
    rules: tuple[Rule, ...]
    path: str
    source: Source | None = None
    notes: tuple[str, ...] = ()
    builtin: bool = False
    # A regional plan may list thousands of counties: look them up by id, in a table built once.
    jurisdiction_ids: frozenset[str] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Jurisdiction] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "jurisdiction_ids", frozenset(j.id for j in self.jurisdictions))
        object.__setattr__(self, "_by_id", {j.id: j for j in self.jurisdictions})

    def jurisdiction(self, jurisdiction_id: str) -> Jurisdiction | None:
        return self._by_id.get(jurisdiction_id)

    def display_title(self, lang: Lang) -> str:
        return self.title if lang == "zh" else self.title_en

    def covers(self, jurisdiction: str, year: int) -> bool:
        return self.covers_jurisdiction(jurisdiction) and self.period[0] <= year <= self.period[1]

    def covers_jurisdiction(self, jurisdiction: str) -> bool:
        return jurisdiction in self.jurisdiction_ids

    def rule(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written in a report, before conversion to a rule's unit."""

    value: float
    unit: str | None  # the unit written with it (suffix or `unit:` key), if any
    is_integer_text: bool = False


@dataclass(frozen=True, slots=True)
class Observation:
    """One indicator entry of a report, parsed but not yet judged against a rule."""

    indicator: str
    number: Number | None  # None: missing (null) or unusable (see problem)
    problem: Msg | None  # why the value is unusable; None when it is fine or missing
    location: Location
    raw: str
    previous: Number | None = None
    previous_problem: Msg | None = None
    previous_location: Location | None = None
    note: str | None = None
    key_location: Location | None = None  # where the indicator's key (its name) is written
    verified: str | None = None  # 核实说明: the reporter confirms an unusual value (SPEC §2)


@dataclass(frozen=True, slots=True)
class Report:
    file: str
    jurisdiction: str
    year: int
    observations: dict[str, Observation]
    location: Location
    submitted_by: str | None = None
    submitted_on: str | None = None
    year_location: Location | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a value has come toward its target (SPEC §3), and information derived from it."""

    base_year: int
    base_value: float
    base_from: BaseFrom
    ratio: float | None
    cagr_actual: float | None
    cagr_required: float | None
    projection: float | None  # value at the target year at the current growth rate
    gap_closed: float | None  # share of the base→target gap closed so far
    time_elapsed: float | None  # share of the base→target period elapsed
    growth_needed: float | None  # yearly growth still needed from now to the target year
    method: Method = Method.GROWTH_RATE  # which formula gave the ratio


@dataclass(frozen=True, slots=True)
class Result:
    ruleset: RuleSet
    rule: Rule
    report: Report
    status: Status
    severity: Severity
    value: float | None
    message: Msg
    location: Location | None
    compared_with: tuple[int, float] | None = None  # non_decreasing: (year, value)
    progress: Progress | None = None
    series: tuple[tuple[int, float], ...] = ()  # the indicator's known values, by year
    note: str | None = None
    verified: str | None = None  # the report's 核实说明 for this value, if any
    # suspect: the status the value would have as written, and the likely reading of it
    as_written: Status | None = None
    suggestion: Msg | None = None


@dataclass(slots=True)
class Diagnostic:
    """An input error (exit code 2) or a warning that is not a rule result."""

    message: Msg
    location: Location
    severity: Severity = Severity.ERROR

    def render(self, lang: Lang) -> str:
        return f"{self.location}: {self.message.render(lang)}"


@dataclass(slots=True)
class CheckRun:
    """Everything one `planck check` produced, in deterministic order."""

    rulesets: list[RuleSet]
    reports: list[Report]
    results: dict[int, list[Result]] = field(default_factory=dict)  # index in reports -> results
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def all_results(self) -> list[Result]:
        return [r for i in range(len(self.reports)) for r in self.results.get(i, [])]
