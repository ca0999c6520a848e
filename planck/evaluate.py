"""Rules x reports -> results (SPEC §3). Pure functions: no I/O, no printing."""

from __future__ import annotations

from collections import defaultdict

from planck import progress as prog
from planck import suspect
from planck.i18n import LaterParams, Msg, msg
from planck.model import (
    STATUS_LABELS,
    BaseFrom,
    Diagnostic,
    Kind,
    Method,
    Observation,
    Progress,
    Report,
    Result,
    Rule,
    RuleSet,
    Severity,
    Status,
)
from planck.sources.names import Suggester
from planck.values import fmt, fmt_beside, to_rule_unit

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


Series = dict[int, float]  # year -> value, converted to the rule's unit


def series_points(series: Series) -> tuple[tuple[int, float], ...]:
    return tuple(sorted(series.items()))


def _usable(obs: Observation | None, rule: Rule) -> float | None:
    if obs is None or obs.number is None or obs.problem is not None:
        return None
    value, problem = to_rule_unit(obs.number, rule.unit)
    return value if problem is None else None


def _previous(obs: Observation | None, rule: Rule) -> float | None:
    if obs is None or obs.previous is None or obs.previous_problem is not None:
        return None
    value, problem = to_rule_unit(obs.previous, rule.unit)
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


def _result(
    ruleset: RuleSet,
    rule: Rule,
    report: Report,
    status: Status,
    message: Msg,
    obs: Observation | None,
    points: tuple[tuple[int, float], ...],
    value: float | None = None,
    compared_with: tuple[int, float] | None = None,
    progress: Progress | None = None,
) -> Result:
    return Result(
        ruleset,
        rule,
        report,
        status,
        severity(status, rule),
        value,
        message,
        obs.location if obs is not None else None,
        compared_with,
        progress,
        points,
        obs.note if obs is not None else None,
        verified=suspect.verified_note(obs),
    )


def judge(
    ruleset: RuleSet,
    rule: Rule,
    report: Report,
    series: Series,
    points: tuple[tuple[int, float], ...] | None = None,
) -> Result:
    """One rule applied to one report. ``points`` is ``series_points(series)``, if known."""
    if points is None:
        points = series_points(series)
    obs = report.observations.get(rule.id)
    u = rule.unit

    if obs is None or (obs.number is None and obs.problem is None):
        return _result(
            ruleset,
            rule,
            report,
            Status.MISSING,
            msg("未报告数值", "no value reported"),
            obs,
            points,
        )
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
        return _result(
            ruleset,
            rule,
            report,
            Status.INVALID,
            problem or msg("数值无效", "invalid value"),
            obs,
            points,
        )
    as_judged = _judge_value(ruleset, rule, report, obs, series, points, value)
    if suspect.verified_note(obs) is not None:
        return as_judged  # the reporter confirmed the value: judged as usual, note carried
    ref = suspect.reference(rule, report.year, _previous(obs, rule), series)
    if ref is None or not suspect.is_suspect(value, ref.value, u):
        return as_judged
    return _suspect(as_judged, obs, ref, value)


def _judge_value(
    ruleset: RuleSet,
    rule: Rule,
    report: Report,
    obs: Observation,
    series: Series,
    points: tuple[tuple[int, float], ...],
    value: float,
) -> Result:
    """The status a usable value has, as written."""
    u = rule.unit
    if rule.kind is Kind.QUALITATIVE:
        return _result(
            ruleset,
            rule,
            report,
            Status.REVIEW,
            msg(
                "定性指标：报告值 {v}{u}，需人工对照规划原文判断",
                "qualitative: reported {v}{ue}; a person must judge it against the plan's text",
                v=fmt_beside(value),
                u=u,
                ue=_ue(u),
            ),
            obs,
            points,
            value,
        )
    if rule.kind is Kind.NON_DECREASING:
        return _non_decreasing(ruleset, rule, report, obs, series, points, value)
    return _toward_target(ruleset, rule, report, obs, series, points, value)


_REFERENCE_WORDS = {
    "previous": ("上年值（{y} 年）", "the previous value ({y})"),
    "series": ("{y} 年报告值", "the {y} report's value"),
    "baseline": ("基期值（{y} 年）", "the baseline ({y})"),
    "target": ("目标值", "the target"),
}


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
    ref_zh, ref_en = _REFERENCE_WORDS[ref.source]
    times_zh, times_en = _times(value / ref.value)
    as_zh, as_en = STATUS_LABELS[as_judged.status]
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
    return Result(
        as_judged.ruleset,
        rule,
        as_judged.report,
        Status.SUSPECT,
        severity(Status.SUSPECT, rule),
        value,
        message,
        as_judged.location,
        series=as_judged.series,
        note=as_judged.note,
        as_written=as_judged.status,
        suggestion=suggestion,
    )


def _non_decreasing(
    ruleset: RuleSet,
    rule: Rule,
    report: Report,
    obs: Observation,
    series: Series,
    points: tuple[tuple[int, float], ...],
    value: float,
) -> Result:
    year = report.year - 1
    prev = _previous(obs, rule)
    if prev is None and year in series:
        prev = series[year]
    if prev is None and rule.baseline is not None and rule.baseline.year == year:
        prev = rule.baseline.value
    u = rule.unit
    if prev is None:
        return _result(
            ruleset,
            rule,
            report,
            Status.UNASSESSED,
            msg(
                "没有 {y} 年的数值可比较（可在报告中填写 previous）",
                "no value for {y} to compare with (a report may give it as `previous`)",
                y=year,
            ),
            obs,
            points,
            value,
        )
    compared = (year, prev)
    if value >= prev:
        return _result(
            ruleset,
            rule,
            report,
            Status.MET,
            Msg(
                "{v}{u}，较 {y} 年（{p}{u}）未减少",
                "{v}{ue}, not below {y} ({p}{ue})",
                LaterParams(_change_params, value, prev, year, u),
            ),
            obs,
            points,
            value,
            compared_with=compared,
        )
    return _result(
        ruleset,
        rule,
        report,
        Status.MISSED,
        Msg(
            "{v}{u}，比 {y} 年（{p}{u}）减少 {d}{u}，违反“只增不减”",
            "{v}{ue}, down {d}{ue} from {y} ({p}{ue}): it must never fall",
            LaterParams(_change_params, value, prev, year, u),
        ),
        obs,
        points,
        value,
        compared_with=compared,
    )


def _change_params(value: float, prev: float, year: int, unit: str) -> dict[str, object]:
    """The parameters of _non_decreasing's messages."""
    return {
        "v": fmt_beside(value, prev),
        "p": fmt_beside(prev),
        "y": year,
        "d": fmt_beside(prev - value),
        "u": unit,
        "ue": _ue(unit),
    }


def _base_point(rule: Rule, year: int, series: Series) -> tuple[int, float, BaseFrom] | None:
    if rule.baseline is not None and rule.baseline.year < year:
        return rule.baseline.year, rule.baseline.value, BaseFrom.BASELINE
    earlier = [y for y in series if y < year]
    if earlier:
        first = min(earlier)
        return first, series[first], BaseFrom.SERIES
    return None


def _ue(unit: str) -> str:
    """The unit as English text puts it: 2%, but 2 万元."""
    return unit if unit == "%" else f" {unit}"


def _pct(x: float | None, *beside: float | None) -> str:
    """A growth rate, '+14.0%', with more decimals where fewer would read as one beside it."""
    if x is None:
        return "—"
    others = {f"{r * 100:+.1f}%" for r in beside if r is not None and r != x}
    for places in range(1, 12):
        text = f"{x * 100:+.{places}f}%"
        if text not in others:
            return text
    return text


def _share(x: float, *beside: float | None) -> str:
    """A share in whole percent, '50%', with decimals where fewer would read as one beside it."""
    return fmt_beside(x * 100, *(b * 100 for b in beside if b is not None), digits=0) + "%"


def _per_year(change: float, unit: str) -> str:
    """A signed yearly change with its unit: '+0.25亿元'."""
    sign = "+" if change >= 0 else "-"
    return f"{sign}{fmt_beside(abs(change))}{unit}"


def _target_params(
    value: float,
    target: float,
    unit: str,
    target_year: int,
    op: str,
    progress: Progress | None,
    year: int | None = None,
) -> dict[str, object]:
    """The parameters of _toward_target's messages (each uses those it names)."""
    params: dict[str, object] = {
        "v": fmt_beside(value, target),
        "t": fmt(target),
        "u": unit,
        "ue": _ue(unit),
        "T": target_year,
        "op": op,
    }
    if progress is not None:
        params["y0"] = progress.base_year
        params["x0"] = fmt_beside(progress.base_value, target)
        if progress.ratio is not None:
            params["R"] = f"{prog.floor_ratio(progress.ratio):.3f}"
            params["a"] = _pct(progress.cagr_actual, progress.cagr_required)
            params["r"] = _pct(progress.cagr_required, progress.cagr_actual)
            if progress.growth_needed is not None:
                params["g"] = _pct(progress.growth_needed)
            else:
                change = prog.yearly_change_needed(value, target, target_year - (year or 0))
                params["g"] = "—" if change is None else _per_year(change, unit)
            params["p"] = fmt_beside(progress.projection, target, digits=2)
            gap, elapsed = progress.gap_closed, progress.time_elapsed
            params["gc"] = "—" if gap is None else _share(gap, elapsed)
            params["te"] = "—" if elapsed is None else _share(elapsed, gap)
    return params


# The messages of a progress ratio, by status: (growth-rate method, linear method).
_PROGRESS_TEXT: dict[Status, tuple[tuple[str, str], tuple[str, str]]] = {
    Status.ON_TRACK: (
        (
            "进度比 {R}：自 {y0} 年年均 {a}（需 {r}），预计 {T} 年达 {p}",
            "ratio {R}: {a} a year since {y0} ({r} needed); projected {p} in {T}",
        ),
        (
            "进度比 {R}（线性法）：自 {y0} 年（{x0}{u}）以来时间已过 {te}，差距缩小 {gc}，"
            "预计 {T} 年达 {p}{u}",
            "ratio {R} (linear): since {y0} ({x0}{ue}) {te} of the time has passed and {gc} of "
            "the gap is closed; projected {p}{ue} in {T}",
        ),
    ),
    Status.NEEDS_ACCELERATION: (
        (
            "进度比 {R}：年均 {a}，需 {r}；此后每年需 {g} 才能在 {T} 年达到 {t}{u}",
            "ratio {R}: {a} a year, {r} needed; {g} a year from now to reach {t}{ue} by {T}",
        ),
        (
            "进度比 {R}（线性法）：自 {y0} 年以来时间已过 {te}，差距缩小 {gc}；"
            "此后每年需 {g} 才能在 {T} 年达到 {t}{u}",
            "ratio {R} (linear): since {y0} {te} of the time has passed and {gc} of the gap is "
            "closed; {g} a year from now to reach {t}{ue} by {T}",
        ),
    ),
    Status.LIMITED_PROGRESS: (
        (
            "进度比 {R}：年均仅 {a}（需 {r}），按此 {T} 年仅达 {p}；此后每年需 {g}",
            "ratio {R}: only {a} a year ({r} needed), projected {p} in {T}; {g} a year needed now",
        ),
        (
            "进度比 {R}（线性法）：自 {y0} 年以来时间已过 {te}，差距仅缩小 {gc}，"
            "按此 {T} 年仅达 {p}{u}；此后每年需 {g}",
            "ratio {R} (linear): since {y0} {te} of the time has passed but only {gc} of the gap "
            "is closed, projected {p}{ue} in {T}; {g} a year needed now",
        ),
    ),
    Status.DETERIORATING: (
        (
            "进度比 {R}：自 {y0} 年（{x0}）以来逆向变化，正在远离目标 {t}{u}",
            "ratio {R}: moving away from the target {t}{ue} since {y0} ({x0})",
        ),
        (
            "进度比 {R}（线性法）：自 {y0} 年（{x0}{u}）以来逆向变化，正在远离目标 {t}{u}",
            "ratio {R} (linear): moving away from the target {t}{ue} since {y0} ({x0}{ue})",
        ),
    ),
}


def _toward_target(
    ruleset: RuleSet,
    rule: Rule,
    report: Report,
    obs: Observation,
    series: Series,
    points: tuple[tuple[int, float], ...],
    value: float,
) -> Result:
    assert rule.target is not None and rule.target_year is not None
    lower = rule.kind is Kind.AT_MOST
    target, target_year, u = rule.target, rule.target_year, rule.unit
    op = "≤" if lower else "≥"
    base = _base_point(rule, report.year, series)
    progress: Progress | None = None
    if base is not None:
        progress = prog.compute(
            lower_is_better=lower,
            base_year=base[0],
            base_value=base[1],
            base_from=base[2],
            year=report.year,
            value=value,
            target=target,
            target_year=target_year,
        )
    met = prog.meets(value, target, lower)
    # The numbers in the message are formatted when it is shown (see LaterParams); those of
    # the progress only for the messages that give them (not met, before the target year).
    shows_progress = not met and report.year < target_year
    common = LaterParams(
        _target_params,
        value,
        target,
        u,
        target_year,
        op,
        progress if shows_progress else None,
        report.year,
    )

    if met:
        return _result(
            ruleset,
            rule,
            report,
            Status.MET,
            Msg("已达到目标：{v} {op} {t}{u}", "target reached: {v} {op} {t}{ue}", common),
            obs,
            points,
            value,
            progress=progress,
        )
    if report.year >= target_year:
        return _result(
            ruleset,
            rule,
            report,
            Status.MISSED,
            Msg(
                "{T} 年目标未实现：{v}{u}，目标 {op} {t}{u}",
                "{T} target not reached: {v}{ue}, target {op} {t}{ue}",
                common,
            ),
            obs,
            points,
            value,
            progress=progress,
        )
    if progress is None:
        return _result(
            ruleset,
            rule,
            report,
            Status.UNASSESSED,
            Msg(
                "尚未达到目标（{v}{u}，目标 {t}{u}），且没有更早的数据可计算进度",
                "below target ({v}{ue}, target {t}{ue}) with no earlier value to measure progress from",
                common,
            ),
            obs,
            points,
            value,
        )
    if progress.ratio is None:
        return _result(
            ruleset,
            rule,
            report,
            Status.DETERIORATING,
            Msg(
                "{y0} 年已达标（{x0}），现为 {v}，已不满足目标 {op} {t}{u}",
                "met in {y0} ({x0}), now {v}: no longer {op} {t}{ue}",
                common,
            ),
            obs,
            points,
            value,
            progress=progress,
        )
    ratio = progress.ratio
    if ratio >= prog.ON_TRACK:
        status = Status.ON_TRACK
    elif ratio >= prog.NEEDS_ACCELERATION:
        status = Status.NEEDS_ACCELERATION
    elif ratio >= 0:
        status = Status.LIMITED_PROGRESS
    else:
        status = Status.DETERIORATING
    growth, linear = _PROGRESS_TEXT[status]
    zh, en = linear if progress.method is Method.LINEAR else growth
    text = Msg(zh, en, common)
    return _result(ruleset, rule, report, status, text, obs, points, value, progress=progress)
