"""A paragraph for every result that is not `met`: what the numbers say and what it would take
to reach the target. Written in Chinese and English where it is made, like every message.

Used by `planck report` (all its formats) and by the CI formats of `planck check` (JUnit failure
bodies, SARIF help text, Markdown), so that every output explains a finding the same way.
Pure: no I/O, no Rich; the text is plain and uncleaned (each format escapes it).
"""

from __future__ import annotations

from dataclasses import dataclass

from planck.domain import kinds
from planck.domain.progress import floor_ratio
from planck.domain.values import fmt, fmt_rate
from planck.i18n import Lang, Msg, msg, word
from planck.model import Kind, Method, Progress, Result, Status
from planck.render.common import attainment, attainment_text, shown_projection
from planck.render.explain_common import (
    band_words,
    base_words,
    binding_words,
    both,
    consequence,
    difference,
    quantity,
    share,
    still_needed,
)
from planck.render.explain_growth import explain_growth


def explain(result: Result) -> Msg | None:
    """The explanation of one result; None for `met`, which needs none."""
    status = result.status
    if status is Status.MET:
        return None
    if status is Status.MISSING:
        return _missing(result)
    if status is Status.INVALID:
        return _invalid(result)
    if status is Status.SUSPECT:
        return _suspect(result)
    if status is Status.REVIEW:
        return _review(result)
    kind = result.rule.kind
    if kind is Kind.NON_DECREASING:
        return _non_decreasing(result)
    if kind is Kind.GROWTH_AT_LEAST:
        return explain_growth(result)
    goal = _goal_of(result)
    if status is Status.UNASSESSED:
        paragraph = _unassessed(result, goal)
    elif status is Status.MISSED:
        paragraph = _missed(result, goal)
    else:
        paragraph = _progress(result, goal)
    if kind is Kind.CUMULATIVE_CHANGE:
        return _with_percent(result, goal, paragraph)
    return paragraph


@dataclass(frozen=True, slots=True)
class _Goal:
    """The value a result is judged against: the plan's target, or x* of a cumulative change
    (``derived``: worked out, so shown with the digits that keep it apart from the value)."""

    value: float
    lower: bool
    derived: bool


def _goal_of(result: Result) -> _Goal:
    goal = kinds.goal(result.rule)
    assert goal is not None  # at_least, at_most, cumulative_change: the schema requires it
    derived = result.rule.kind is Kind.CUMULATIVE_CHANGE
    return _Goal(goal, kinds.lower_is_better(result.rule), derived)


def _target_phrase(result: Result, goal: _Goal, lang: Lang) -> str:
    if goal.lower:
        op = word("kind.at_most", lang)
    else:
        op = word("kind.at_least", lang)
    beside = (result.value,) if goal.derived and result.value is not None else ()
    return f"{op} {quantity(goal.value, result.rule.unit, lang, beside=beside)}"


def _with_percent(result: Result, goal: _Goal, paragraph: Msg) -> Msg:
    """A cumulative change's paragraph, after the plan's percent and the x* it gives (SPEC
    §3: x* = x0 · (1 + target / 100)), so that the reader can redo the arithmetic."""
    rule = result.rule
    assert rule.baseline is not None and rule.target is not None
    base = rule.baseline
    x0_zh, x0_en = quantity(base.value, rule.unit, "zh"), quantity(base.value, rule.unit, "en")
    pct = fmt(abs(rule.target))
    sign = "−" if rule.target < 0 else "+"
    formula = f"{fmt(base.value)} × (1 {sign} {pct}%)"
    zh = (
        f"规划要求本指标较 {base.year} 年的 {x0_zh}累计{'降低' if goal.lower else '提高'} {pct}%，"
        f"即 {rule.target_year} 年{_target_phrase(result, goal, 'zh')}（{formula}）。"
    )
    en = (
        f"The plan sets a cumulative {'fall' if goal.lower else 'rise'} of {pct}% from {x0_en}"
        f" in {base.year}, that is {_target_phrase(result, goal, 'en')} by"
        f" {rule.target_year} ({formula})."
    )
    return Msg(zh + paragraph.zh, en + " " + paragraph.en)


def _missing(result: Result) -> Msg:
    rule, report = result.rule, result.report
    where_zh = where_en = ""
    if result.location is not None:
        where_zh = f"（{result.location} 处为空）"
        where_en = f" ({result.location} is empty)"
    return both(
        [
            f"{report.year} 年报告没有填写本指标（{rule.id}）的数值{where_zh}。",
            "缺报计为错误，无论指标是约束性还是预期性。",
            f"请在 indicators 下填写“{rule.id}: 数值”（单位 {rule.unit}）。",
        ],
        [
            f"The {report.year} report gives no value for this indicator ({rule.id}){where_en}.",
            "A missing value is an error, whether the target is binding or not.",
            f"Add '{rule.id}: <value>' under indicators (unit: {rule.unit}).",
        ],
    )


def _invalid(result: Result) -> Msg:
    rule = result.rule
    where_zh = f"（{result.location}）" if result.location is not None else ""
    where_en = f" ({result.location})" if result.location is not None else ""
    return both(
        [
            f"报告中的数值无法使用{where_zh}：{result.message.render('zh')}。",
            f"请改为一个数值，可带单位（{rule.unit}）。",
        ],
        [
            f"The reported value cannot be used{where_en}: {result.message.render('en')}.",
            f"Write a number, optionally with its unit ({rule.unit}).",
        ],
    )


def _suspect(result: Result) -> Msg:
    """The message already offers the likely reading, the status as written and the way to
    confirm the value: the paragraph adds where it is and what to check, and says nothing twice."""
    rule = result.rule
    where_zh = f"（{result.location}）" if result.location is not None else ""
    where_en = f" ({result.location})" if result.location is not None else ""
    return both(
        [
            f"报告中的数值存疑{where_zh}：{result.message.render('zh')}。",
            f"请核对数值和单位（{rule.unit}），如有误请更正。",
        ],
        [
            f"The reported value is suspect{where_en}: {result.message.render('en')}.",
            f"Check the value and its unit ({rule.unit}), and correct it if it is wrong.",
        ],
    )


def _review(result: Result) -> Msg:
    rule = result.rule
    source = rule.source
    quote_zh = f"规划原文：“{source.quote}”（{source.locator}）。" if source.quote else ""
    quote_en = f"The plan says: “{source.quote}” ({source.locator})." if source.quote else ""
    return both(
        [
            "定性指标，不能由数字自动判断，需人工对照规划原文。",
            quote_zh,
            f"报告值为 {quantity(result.value, rule.unit, 'zh')}。",
        ],
        [
            "A qualitative target: no number decides it, a person must judge it against the plan.",
            quote_en,
            f"The report gives {quantity(result.value, rule.unit, 'en')}.",
        ],
    )


def _non_decreasing(result: Result) -> Msg:
    rule, report = result.rule, result.report
    if result.compared_with is None:
        v_zh, v_en = (
            quantity(result.value, rule.unit, "zh"),
            quantity(result.value, rule.unit, "en"),
        )
        year = report.year - 1
        return both(
            [
                f"规划要求本指标只增不减，但没有 {year} 年的数值可以比较，",
                f"{report.year} 年为 {v_zh}。",
                f"请一并检查 {year} 年的报告，或在本项写明 previous（{year} 年的数值）。",
            ],
            [
                f"The plan requires this amount never to fall, but there is no value for {year}",
                f"to compare with; {report.year} gives {v_en}.",
                f"Check the {year} report together with this one, or give the {year} value",
                "(previous).",
            ],
        )
    year, before = result.compared_with
    assert result.value is not None
    b_zh, b_en = quantity(before, rule.unit, "zh"), quantity(before, rule.unit, "en")
    v_zh = quantity(result.value, rule.unit, "zh", beside=(before,))
    v_en = quantity(result.value, rule.unit, "en", beside=(before,))
    change = result.value - before
    pct = fmt_rate(change / before, 0.0) if before > 0 else "—"
    if result.status is Status.MISSED:
        d_zh, d_en = difference(-change, rule.unit, "zh"), difference(-change, rule.unit, "en")
        cons_zh, cons_en = consequence(result)
        return both(
            [
                f"规划要求只增不减：{report.year} 年为 {v_zh}，比 {year} 年的 {b_zh} ",
                f"减少 {d_zh}（{pct}）。",
                cons_zh,
                f"要符合要求，{report.year} 年的数值至少应为 {b_zh}。",
            ],
            [
                f"The plan requires this amount never to fall: {report.year} gives {v_en},",
                f"down {d_en} ({pct}) from {b_en} in {year}.",
                cons_en,
                f"To comply, the {report.year} value must be at least {b_en}.",
            ],
        )
    # Not reached for the statuses a non_decreasing rule produces today; kept total.
    return both(
        [f"{report.year} 年为 {v_zh}，{year} 年为 {b_zh}（{pct}）。"],
        [f"{report.year} gives {v_en}; {year} gave {b_en} ({pct})."],
    )


def _no_base_reason(result: Result) -> tuple[str, str]:
    """Why there is no base point: no baseline, or one not earlier than the report."""
    baseline = result.rule.baseline
    if baseline is not None and baseline.year >= result.report.year:
        return (
            f"规则的基期为 {baseline.year} 年，不早于本报告，也没有更早年份的报告，"
            "因此无法计算进度比。",
            f"The rule's baseline is for {baseline.year}, not earlier than this report, and no"
            " earlier report is given, so no progress ratio can be computed.",
        )
    return (
        "规则集没有基期值，也没有更早年份的报告，因此无法计算进度比。",
        "The rule set has no baseline and no earlier report is given, so no progress ratio"
        " can be computed.",
    )


def _unassessed(result: Result, goal: _Goal) -> Msg:
    rule, report = result.rule, result.report
    assert rule.target_year is not None
    beside = (goal.value,)
    v_zh = quantity(result.value, rule.unit, "zh", beside=beside)
    v_en = quantity(result.value, rule.unit, "en", beside=beside)
    why_zh, why_en = _no_base_reason(result)
    zh = [
        f"{report.year} 年为 {v_zh}，尚未达到 {rule.target_year} 年的目标"
        f"（{_target_phrase(result, goal, 'zh')}）。",
        why_zh,
    ]
    en = [
        f"{report.year} gives {v_en}, short of the {rule.target_year} target"
        f" ({_target_phrase(result, goal, 'en')}).",
        why_en,
    ]
    if result.value is not None and not goal.lower:
        years = rule.target_year - report.year
        needed_zh = still_needed(result.value, goal.value, years, "zh", rule.unit)
        needed_en = still_needed(result.value, goal.value, years, "en", rule.unit)
        if needed_zh is not None and needed_en is not None:
            zh.append(f"要按期达标，此后{needed_zh}。")
            en.append(f"Reaching it on time takes {needed_en} from now.")
    zh.append(_REMEDY[0])
    en.append(_REMEDY[1])
    return both(zh, en)


_REMEDY = (
    "一并检查上一年的报告，或在报告中写明 previous（上年值），即可评估进度。",
    "Check the previous year's report with this one, or give last year's value (previous),"
    " to measure progress.",
)


def unassessed_reason(result: Result) -> Msg | None:
    """What several unassessed results may share, for a report to say once for all of them:
    why no progress ratio could be computed and what would let it be. None for a result
    whose explanation is its own."""
    if result.status is not Status.UNASSESSED or result.rule.target_year is None:
        return None
    if result.rule.kind not in (Kind.AT_LEAST, Kind.AT_MOST, Kind.CUMULATIVE_CHANGE):
        return None
    why_zh, why_en = _no_base_reason(result)
    return both([why_zh, _REMEDY[0]], [why_en, _REMEDY[1]])


def _missed(result: Result, goal: _Goal) -> Msg:
    rule, report = result.rule, result.report
    assert result.value is not None
    u = rule.unit
    v_zh = quantity(result.value, u, "zh", beside=(goal.value,))
    v_en = quantity(result.value, u, "en", beside=(goal.value,))
    short = abs(goal.value - result.value)
    cons_zh, cons_en = consequence(result)
    reached = result_attainment(result)
    zh = [
        f"{rule.target_year} 年目标为{_target_phrase(result, goal, 'zh')}，",
        f"{report.year} 年报告值为 {v_zh}，差 {difference(short, u, 'zh')}",
        f"（达到目标的 {reached}）。" if reached else "。",
        cons_zh,
    ]
    en = [
        f"The {rule.target_year} target is {_target_phrase(result, goal, 'en')};",
        f"the {report.year} report gives {v_en}, {difference(short, u, 'en')} short"
        + (f" ({reached} of the target)." if reached else "."),
        cons_en,
    ]
    progress = result.progress
    if progress is not None and progress.cagr_actual is not None:
        since_zh, since_en = _growth_since(result, progress)
        zh.append(since_zh)
        en.append(since_en)
    return both(zh, en)


def _growth_since(result: Result, progress: Progress) -> tuple[str, str]:
    """The growth since the base point, and the growth the target needed."""
    u = result.rule.unit
    x0_zh, x0_en = quantity(progress.base_value, u, "zh"), quantity(progress.base_value, u, "en")
    actual = fmt_rate(progress.cagr_actual, progress.cagr_required)
    required = fmt_rate(progress.cagr_required, progress.cagr_actual)
    zh = (
        f"自 {progress.base_year} 年（{base_words(progress, 'zh')} {x0_zh}）以来，年均增速 {actual}"
        + (f"，按期达标需 {required}。" if progress.cagr_required else "。")
    )
    en = (
        f"Since {progress.base_year} ({base_words(progress, 'en')}, {x0_en}) it changed"
        f" {actual} a year"
        + (f"; {required} a year was needed." if progress.cagr_required else ".")
    )
    return zh, en


def result_attainment(result: Result) -> str:
    share = attainment(result)
    return attainment_text(share) if share is not None else ""


def time_and_task(result: Result, progress: Progress, lang: Lang) -> str | None:
    """The plain “时间过半、任务过半” view (SPEC §3): the share of the time elapsed and the share
    of the gap closed, both from the same base point, whose year the text names. “规划期已过”
    only when the base is the year before the plan period starts. A clause, without the
    heading or the closing full stop."""
    if progress.gap_closed is None or progress.time_elapsed is None:
        return None
    gap, elapsed = progress.gap_closed, progress.time_elapsed
    time = share(elapsed, gap)
    closed = share(abs(gap), elapsed if gap >= 0 else None)
    y0 = progress.base_year
    plan_start = progress.base_year == result.ruleset.period[0] - 1
    if plan_start:
        since = msg(
            "以 {y} 年为基点，规划期已过 {t}",
            "with {y} as the base, {t} of the plan period has passed",
            y=y0,
            t=time,
        )
    else:
        since = msg(
            "自 {y} 年以来时间已过 {t}",
            "since {y}, {t} of the time to the target year has passed",
            y=y0,
            t=time,
        )
    if gap >= 0:
        moved = msg("差距缩小 {c}", "{c} of the gap to the target has been closed", c=closed)
    else:
        moved = msg("差距反而扩大 {c}", "the gap to the target has widened by {c}", c=closed)
    return msg("{s}，{m}", "{s} and {m}", s=since.render(lang), m=moved.render(lang)).render(lang)


def method_words(progress: Progress, lang: Lang) -> str:
    """Which formula gave the ratio, in words."""
    if progress.method is Method.LINEAR:
        return word("method.linear", lang)
    return word("method.growth_rate", lang)


def _progress(result: Result, goal: _Goal) -> Msg:
    """on_track, needs_acceleration, limited_progress, deteriorating: the progress ratio by the
    growth-rate method, or the linear one where growth rates are undefined."""
    rule, report = result.rule, result.report
    progress = result.progress
    assert progress is not None and rule.target_year is not None
    u, T = rule.unit, rule.target_year
    v_zh = quantity(result.value, u, "zh", beside=(goal.value,))
    v_en = quantity(result.value, u, "en", beside=(goal.value,))
    kind_zh, kind_en = binding_words(result)
    zh = [
        f"{report.year} 年为 {v_zh}，{T} 年目标为{_target_phrase(result, goal, 'zh')}（{kind_zh}）。",
    ]
    en = [
        f"{report.year} gives {v_en}; the {T} target is {_target_phrase(result, goal, 'en')}"
        f" ({kind_en}).",
    ]
    for sentences in (
        _ratio_sentence(result, goal, progress),
        _projection_sentence(result, goal, progress),
        _needed_sentence(result, goal),
    ):
        if sentences is not None:
            zh.append(sentences[0])
            en.append(sentences[1])
    view_zh, view_en = time_and_task(result, progress, "zh"), time_and_task(result, progress, "en")
    if view_zh is not None and view_en is not None:
        zh.append(f"“时间过半、任务过半”：{view_zh}。")
        en.append(f"Time against task: {view_en}.")
    return both(zh, en)


def _ratio_sentence(result: Result, goal: _Goal, progress: Progress) -> tuple[str, str]:
    """How the ratio was worked out, by the method that gave it."""
    u, beside = result.rule.unit, (goal.value,)
    x0_zh = quantity(progress.base_value, u, "zh", beside=beside)
    x0_en = quantity(progress.base_value, u, "en", beside=beside)
    base_zh, base_en = base_words(progress, "zh"), base_words(progress, "en")
    if progress.ratio is None:
        # The base already met the target and the latest value no longer does.
        return (
            f"{progress.base_year} 年（{base_zh} {x0_zh}）已达到目标，现已不再满足，按“逆向变化”处理。",
            f"In {progress.base_year} ({base_en}) it was {x0_en}, which met the target; it no"
            " longer does, which counts as deteriorating.",
        )
    band_zh, band_en = band_words(result.status)
    ratio = f"{floor_ratio(progress.ratio):.3f}"
    if progress.method is Method.LINEAR:
        gap = progress.gap_closed if progress.gap_closed is not None else 0.0
        elapsed = progress.time_elapsed if progress.time_elapsed is not None else 0.0
        return (
            f"以 {progress.base_year} 年（{base_zh}）的 {x0_zh} 为起点，"
            f"基点、数值或目标为 0，增长率无定义，按线性法计算：差距缩小 {share(gap, elapsed)}，"
            f"时间经过 {share(elapsed, gap)}，进度比 R = {ratio}（{band_zh}）。",
            f"From {x0_en} in {progress.base_year} ({base_en}); with a base, value"
            " or target of 0 growth rates are undefined, so the linear method applies:"
            f" {share(gap, elapsed)} of the gap closed in {share(elapsed, gap)} of the time,"
            f" progress ratio R = {ratio} ({band_en}).",
        )
    actual = fmt_rate(progress.cagr_actual, progress.cagr_required)
    required = fmt_rate(progress.cagr_required, progress.cagr_actual)
    return (
        f"以 {progress.base_year} 年（{base_zh}）的 {x0_zh} 为起点，"
        f"年均增速 {actual}，按期达标需 {required}，进度比 R = {ratio}（{band_zh}）。",
        f"From {x0_en} in {progress.base_year} ({base_en}) it changed {actual} a year, where"
        f" {required} a year was needed: progress ratio R = {ratio} ({band_en}).",
    )


def _projection_sentence(result: Result, goal: _Goal, progress: Progress) -> tuple[str, str] | None:
    """Where the value is headed by the target year, at the pace the ratio measured."""
    rule = result.rule
    T = rule.target_year
    if progress.projection is None or result.value is None or T is None:
        return None
    if result.report.year >= T:
        return None
    u, beside = rule.unit, (goal.value,)
    projection = shown_projection(result)
    assert projection is not None
    p_zh = quantity(projection, u, "zh", 2, beside)
    p_en = quantity(projection, u, "en", 2, beside)
    growth = progress.method is Method.GROWTH_RATE
    pace_zh = "按此速度" if growth else "按此线性趋势"
    pace_en = "At this pace" if growth else "On this linear trend"
    reaches = projection <= goal.value if goal.lower else projection >= goal.value
    if reaches:
        return (
            f"{pace_zh}，{T} 年预计为 {p_zh}，可以达到目标。",
            f"{pace_en} it would reach {p_en} in {T}, meeting the target.",
        )
    gap_zh = difference(abs(goal.value - projection), u, "zh", 2)
    gap_en = difference(abs(goal.value - projection), u, "en", 2)
    return (
        f"{pace_zh}，{T} 年预计为 {p_zh}，距目标还差 {gap_zh}。",
        f"{pace_en} it would be {p_en} in {T}, {gap_en} short of the target.",
    )


def _needed_sentence(result: Result, goal: _Goal) -> tuple[str, str] | None:
    rule, year = result.rule, result.report.year
    T = rule.target_year
    if result.value is None or T is None or year >= T:
        return None
    needed_zh = still_needed(result.value, goal.value, T - year, "zh", rule.unit)
    needed_en = still_needed(result.value, goal.value, T - year, "en", rule.unit)
    if needed_zh is None or needed_en is None:
        return None
    return (
        f"要在 {T} 年达到目标，此后{needed_zh}。",
        f"Reaching the target by {T} takes {needed_en} from now.",
    )


def details(result: Result, lang: Lang) -> list[str]:
    """What the CI formats add under a result's one-line message: the explanation, if any,
    the report's note and its 核实说明 (verified note)."""
    lines = []
    paragraph = explain(result)
    if paragraph is not None:
        lines.append(paragraph.render(lang))
    if result.note:
        lines.append(word("note.note", lang) + word("punct.sep", lang) + result.note)
    if result.verified:
        lines.append(word("note.verified", lang) + word("punct.sep", lang) + result.verified)
    return lines
