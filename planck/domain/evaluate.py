"""Rules x reports -> results (SPEC §3). Pure functions: no I/O, no printing."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from planck.domain import kinds, suspect
from planck.domain.kinds.base import Judging, Points, Series, Subject, severity
from planck.domain.kinds.base import previous_value as _previous
from planck.domain.kinds.phrasing import ue as _ue
from planck.domain.names import Suggester
from planck.domain.values import fmt, fmt_beside, to_rule_unit
from planck.i18n import LANGS, Msg, msg, word
from planck.model import (
    Diagnostic,
    Observation,
    Report,
    Result,
    Rule,
    RuleSet,
    Severity,
    Status,
    status_label,
)

__all__ = ["Series", "build_series", "evaluate", "judge", "series_points", "severity"]


def series_points(series: Series) -> tuple[tuple[int, float], ...]:
    return tuple(sorted(series.items()))


def _usable(obs: Observation | None, rule: Rule) -> float | None:
    if obs is None or obs.number is None or obs.problem is not None:
        return None
    value, problem = to_rule_unit(obs.number, rule.unit)
    return value if problem is None else None


def build_series(rule: Rule, reports: list[Report]) -> Series:
    """Every value known for one indicator of one jurisdiction, by year. A report's own value
    wins over another report's `previous` for the same year. A value that is suspect (SPEC §3)
    and not verified is left out, like an invalid one: it is no base point or reference for
    other years. Built year by year, so that each value is judged against earlier ones only."""
    series: Series = {}
    for report in sorted(reports, key=lambda r: r.year):
        obs = report.observations.get(rule.id)
        prev = _previous(obs, rule)
        if prev is not None and (report.year - 1) not in series:
            series[report.year - 1] = prev
        value = _usable(obs, rule)
        if value is None:
            continue
        if suspect.verified_note(obs) is None:
            ref = suspect.reference(rule, report.year, prev, series)
            if ref is not None and suspect.is_suspect(value, ref.value, rule.unit):
                continue
        series[report.year] = value
    return series


def evaluate(
    rulesets: list[RuleSet], reports: list[Report]
) -> tuple[dict[int, list[Result]], list[Diagnostic]]:
    """Judge every report against every rule set that covers its jurisdiction and year."""
    by_jurisdiction: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_jurisdiction[report.jurisdiction].append(report)
    # Each series and its (year, value) tuple are built once and shared by every result that
    # shows them: with thousands of reports, copies would cost both time and memory.
    series_cache: dict[tuple[str, str, str], tuple[Series, tuple[tuple[int, float], ...]]] = {}
    results: dict[int, list[Result]] = {}
    warnings: list[Diagnostic] = []
    ordered = sorted(rulesets, key=lambda rs: rs.id)
    suggestions = _Suggestions()
    for index, report in enumerate(reports):
        covering = [rs for rs in ordered if rs.covers(report.jurisdiction, report.year)]
        out: list[Result] = []
        known: set[str] = set()
        for ruleset in covering:
            for rule in ruleset.rules:
                known.add(rule.id)
                key = (report.jurisdiction, ruleset.id, rule.id)
                if key not in series_cache:
                    series = build_series(rule, by_jurisdiction[report.jurisdiction])
                    series_cache[key] = (series, series_points(series))
                out.append(judge(ruleset, rule, report, *series_cache[key]))
        results[index] = out
        warnings.extend(_unknown_indicators(report, known, suggestions))
        warnings.extend(
            _previous_mismatches(report, covering, by_jurisdiction[report.jurisdiction])
        )
    return results, warnings


# How many unknown indicators of one file get a "did you mean": each costs a look-up in the
# known ids, and past a few dozen a list of guesses helps nobody.
SUGGESTIONS_PER_FILE = 20


class _Suggestions:
    """Suggestion state shared by the reports of one evaluation: the index of each set of
    known ids (built once), and how many suggestions each file has had."""

    def __init__(self) -> None:
        self.indexes: dict[frozenset[str], Suggester] = {}
        self.given: dict[str, int] = defaultdict(int)

    def index(self, known: set[str]) -> Suggester:
        frozen = frozenset(known)
        found = self.indexes.get(frozen)
        if found is None:
            found = self.indexes[frozen] = Suggester(((k, k) for k in sorted(known)), affixes=False)
        return found


def _unknown_indicators(
    report: Report, known: set[str], state: _Suggestions | None = None
) -> list[Diagnostic]:
    """A warning for each indicator of the report that no covering rule names, with the
    closest known id for the first SUGGESTIONS_PER_FILE of a file (the message says when a
    suggestion was left out for that reason)."""
    state = state if state is not None else _Suggestions()
    out = []
    index: Suggester | None = None
    for key, obs in report.observations.items():
        if key in known:
            continue
        close: str | None = None
        if state.given[report.file] < SUGGESTIONS_PER_FILE:
            state.given[report.file] += 1
            if index is None:
                index = state.index(known)
            close = index.suggest(key)
            omitted = False
        else:
            omitted = True
        if close:
            message = msg(
                "未知指标“{key}”（是否应为“{close}”？）",
                "unknown indicator '{key}' (did you mean '{close}'?)",
                key=key,
                close=close,
            )
        elif omitted:
            message = msg(
                "未知指标“{key}”，适用的规则集中没有此指标（每个文件只为前 {n} 个未知指标给出建议）",
                "unknown indicator '{key}': no rule set that applies has it (suggestions are "
                "given for the first {n} unknown indicators of a file only)",
                key=key,
                n=SUGGESTIONS_PER_FILE,
            )
        else:
            message = msg(
                "未知指标“{key}”，适用的规则集中没有此指标",
                "unknown indicator '{key}': no rule set that applies has it",
                key=key,
            )
        loc = obs.key_location or obs.location
        out.append(Diagnostic(message, loc, Severity.WARNING))
    return out


def _previous_mismatches(
    report: Report, covering: list[RuleSet], same_place: list[Report]
) -> list[Diagnostic]:
    """A `previous` that disagrees with the previous year's own report is worth a reviewer's eye."""
    earlier = next((r for r in same_place if r.year == report.year - 1), None)
    if earlier is None:
        return []
    out = []
    for ruleset in covering:
        for rule in ruleset.rules:
            obs = report.observations.get(rule.id)
            prev = _previous(obs, rule)
            own = _usable(earlier.observations.get(rule.id), rule)
            if (
                obs is None
                or prev is None
                or own is None
                or abs(prev - own) <= 1e-9 * max(1, abs(own))
            ):
                continue
            out.append(
                Diagnostic(
                    msg(
                        "“{id}”的上年值 {prev} 与 {year} 年报告中的 {own} 不一致（{file}）",
                        "'{id}': previous {prev} differs from {own} in the {year} report ({file})",
                        id=rule.id,
                        prev=fmt_beside(prev, own),
                        own=fmt_beside(own, prev),
                        year=earlier.year,
                        file=earlier.file,
                    ),
                    obs.previous_location or obs.location,
                    Severity.WARNING,
                )
            )
    return out


def judge(
    ruleset: RuleSet,
    rule: Rule,
    report: Report,
    series: Series,
    points: Points | None = None,
) -> Result:
    """One rule applied to one report. ``points`` is ``series_points(series)``, if known."""
    if points is None:
        points = series_points(series)
    obs = report.observations.get(rule.id)
    subject = Subject(ruleset, rule, report, obs, points)
    u = rule.unit

    if obs is None or (obs.number is None and obs.problem is None):
        return subject.result(Status.MISSING, msg("未报告数值", "no value reported"))
    problem = obs.problem
    value: float | None = None
    if problem is None and obs.number is not None:
        value, problem = to_rule_unit(obs.number, u)
    if problem is None:
        prev_problem = obs.previous_problem
        if prev_problem is None and obs.previous is not None:
            prev_problem = to_rule_unit(obs.previous, u)[1]
        if prev_problem is not None:
            problem = Msg(
                "上年值（previous）无效：" + prev_problem.zh,
                "previous value is invalid: " + prev_problem.en,
                prev_problem.params,
            )
    if problem is not None or value is None:
        return subject.result(Status.INVALID, problem or msg("数值无效", "invalid value"))
    as_judged = kinds.judge(Judging(subject, obs, series, value))
    if suspect.verified_note(obs) is not None:
        return as_judged  # the reporter confirmed the value: judged as usual, note carried
    ref = suspect.reference(rule, report.year, _previous(obs, rule), series)
    if ref is None or not suspect.is_suspect(value, ref.value, u):
        return as_judged
    return _suspect(as_judged, obs, ref, value)


def _times(ratio: float) -> tuple[str, str]:
    """How many times the reference a value is: '约 15333 倍' / 'about 1/2000 of'."""
    if ratio >= 1:
        n = fmt(ratio, 0) if ratio >= 10 else fmt(ratio, 2)
        return f"约为参考值的 {n} 倍", f"about {n} times"
    n = fmt(1 / ratio, 0) if ratio <= 0.1 else fmt(1 / ratio, 2)
    return f"约为参考值的 1/{n}", f"about 1/{n} of"


def _suspect(as_judged: Result, obs: Observation, ref: suspect.Reference, value: float) -> Result:
    """A suspect value: the reading offered, the status the value would have as written."""
    rule = as_judged.rule
    suggestion = suspect.reading(obs.number, value, ref.value, rule.unit)
    ref_zh, ref_en = (word("reference." + ref.source, lang) for lang in LANGS)
    times_zh, times_en = _times(value / ref.value)
    as_zh, as_en = (status_label(as_judged.status, lang) for lang in LANGS)
    message = msg(
        "数值存疑：{v}{u}{times}（{ref} {m}{u}），疑为单位或数量级错误。{sz}"
        "如数值无误，请填写核实说明（verified）。按原值判断为“{az}”",
        "suspect value: {v}{ue} is {times_en} {ref_en} ({m}{ue}), probably a unit or scale "
        "slip; {se} If the value is right, give a `verified` note. As written it would be "
        "'{ae}'",
        v=fmt_beside(value, ref.value),
        m=fmt_beside(ref.value, value),
        u=rule.unit,
        ue=_ue(rule.unit),
        times=times_zh,
        times_en=times_en,
        ref=ref_zh.format(y=ref.year),
        ref_en=ref_en.format(y=ref.year),
        sz=suggestion.render("zh"),
        se=suggestion.render("en"),
        az=as_zh,
        ae=as_en,
    )
    return dataclasses.replace(
        as_judged,
        status=Status.SUSPECT,
        severity=severity(Status.SUSPECT, rule),
        value=value,
        message=message,
        compared_with=None,
        progress=None,
        verified=None,
        as_written=as_judged.status,
        suggestion=suggestion,
    )
