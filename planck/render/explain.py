"""A paragraph for every result that is not `met`: what the numbers say and what it would take
to reach the target. Written in Chinese and English where it is made, like every message.

Used by `planck report` (all its formats) and by the CI formats of `planck check` (JUnit failure
bodies, SARIF help text, Markdown), so that every output explains a finding the same way.
Pure: no I/O, no Rich; the text is plain and uncleaned (each format escapes it).
"""

from __future__ import annotations

from planck.i18n import Lang, Msg
from planck.model import Kind, Method, Progress, Result, Severity, Status
from planck.progress import NEEDS_ACCELERATION, ON_TRACK, cagr, floor_ratio
from planck.render.common import attainment, attainment_text
from planck.values import fmt_beside, fmt_rate


def _q(
    value: float | None, unit: str, lang: Lang, digits: int = 4, beside: tuple[float, ...] = ()
) -> str:
    """A quantity with its unit: '1.62%', '2450万元' (zh); '1.62%', '2450 万元' (en). Shown
    with the digits that keep it apart from the numbers ``beside`` it (values.fmt_beside)."""
    number = fmt_beside(value, *beside, digits=digits)
    if lang == "zh" or unit in ("%", ""):
        return f"{number}{unit}"
    return f"{number} {unit}"


def _diff(x: float, unit: str, lang: Lang, digits: int = 4) -> str:
    """A difference: in percentage points when the unit is a percentage. Never shown as 0
    unless it is 0."""
    if unit == "%":
        number = fmt_beside(x, digits=digits)
        return f"{number} 个百分点" if lang == "zh" else f"{number} percentage points"
    return _q(x, unit, lang, digits)


def _needed(rate: float, lang: Lang) -> str:
    """'每年需增长 +10.3%' / 'a rise of 10.3% a year'; a fall for lower-is-better targets."""
    size = f"{abs(rate) * 100:.1f}%"
    if lang == "zh":
        return f"每年需{'下降' if rate < 0 else '增长'} {size}"
    return f"a {'fall' if rate < 0 else 'rise'} of {size} a year"


def _share(x: float, *beside: float | None) -> str:
    """A share in whole percent, with decimals where fewer would read as one beside it."""
    return fmt_beside(x * 100, *(b * 100 for b in beside if b is not None), digits=0) + "%"


def _per_year(change: float, unit: str, lang: Lang) -> str:
    """'每年需增加 0.25亿元' / 'an increase of 0.25 亿元 a year' (a fall for a negative change)."""
    size = _q(abs(change), unit, lang)
    if lang == "zh":
        return f"每年需{'减少' if change < 0 else '增加'} {size}"
    return f"{'a decrease' if change < 0 else 'an increase'} of {size} a year"


def _still_needed(value: float, target: float, years: int, lang: Lang, unit: str) -> str | None:
    """What it takes from now to the target year: a growth rate where one is defined (value
    and target > 0), else a change per year."""
    if years <= 0:
        return None
    if value > 0 and target > 0:
        return _needed(cagr(value, target, years), lang)
    return _per_year((target - value) / years, unit, lang)


def _both(zh: list[str], en: list[str]) -> Msg:
    """Sentences joined the way each language joins them. No params: the text is final."""
    return Msg("".join(zh), " ".join(en))


def _binding(result: Result) -> tuple[str, str]:
    if result.rule.binding:
        return "约束性", "binding"
    return "预期性", "anticipatory"


def _consequence(result: Result) -> tuple[str, str]:
    kind_zh, kind_en = _binding(result)
    if result.severity is Severity.ERROR:
        return (
            f"本指标为{kind_zh}指标，记为错误。",
            f"The target is {kind_en}, so this is an error.",
        )
    return (
        f"本指标为{kind_zh}指标，记为警告。",
        f"The target is {kind_en}, so this is a warning.",
    )


def _band(status: Status) -> tuple[str, str]:
    on, acc = f"{ON_TRACK:.2f}", f"{NEEDS_ACCELERATION:.2f}"
    return {
        Status.ON_TRACK: (f"R ≥ {on}，进展顺利", f"R ≥ {on}: on track"),
        Status.NEEDS_ACCELERATION: (
            f"{acc} ≤ R < {on}，需加快",
            f"{acc} ≤ R < {on}: needs acceleration",
        ),
        Status.LIMITED_PROGRESS: (f"0 ≤ R < {acc}，进展有限", f"0 ≤ R < {acc}: limited progress"),
        Status.DETERIORATING: ("R < 0，逆向变化", "R < 0: moving away from the target"),
    }[status]


def explain(result: Result) -> Msg | None:
    """The explanation of one result; None for `met`, which needs none, and for the verdicts
    of growth_at_least and cumulative_change, whose messages say it all."""
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
    if result.rule.kind is Kind.NON_DECREASING:
        return _non_decreasing(result)
    if result.rule.kind in (Kind.GROWTH_AT_LEAST, Kind.CUMULATIVE_CHANGE):
        # their verdict's message already gives the rate or the percent with x*, the base
        # point and the ratio; the paragraphs below speak of a target value written in the plan
        return None
    if status is Status.UNASSESSED:
        return _unassessed(result)
    if status is Status.MISSED:
        return _missed(result)
    return _progress(result)


def _target_phrase(result: Result, lang: Lang) -> str:
    rule = result.rule
    op = ("不高于" if lang == "zh" else "at most") if rule.kind is Kind.AT_MOST else None
    op = op or ("不低于" if lang == "zh" else "at least")
    return f"{op} {_q(rule.target, rule.unit, lang)}"


def _missing(result: Result) -> Msg:
    rule, report = result.rule, result.report
    where_zh = where_en = ""
    if result.location is not None:
        where_zh = f"（{result.location} 处为空）"
        where_en = f" ({result.location} is empty)"
    return _both(
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
    return _both(
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
    return _both(
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
    return _both(
        [
            "定性指标，不能由数字自动判断，需人工对照规划原文。",
            quote_zh,
            f"报告值为 {_q(result.value, rule.unit, 'zh')}。",
        ],
        [
            "A qualitative target: no number decides it, a person must judge it against the plan.",
            quote_en,
            f"The report gives {_q(result.value, rule.unit, 'en')}.",
        ],
    )


def _non_decreasing(result: Result) -> Msg:
    rule, report = result.rule, result.report
    if result.compared_with is None:
        v_zh, v_en = _q(result.value, rule.unit, "zh"), _q(result.value, rule.unit, "en")
        year = report.year - 1
        return _both(
            [
                f"规划要求本指标只增不减，但没有 {year} 年的数值可以比较，",
                f"{report.year} 年为 {v_zh}。",
                f"请一并检查 {year} 年的报告，或在本项写明 previous（{year} 年的数值）。",
            ],
            [
                f"The plan requires this amount never to fall, but there is no value for {year}",
                f"to compare with; {report.year} gives {v_en}.",
                f"Check the {year} report together with this one, or give the {year} value as",
                "`previous`.",
            ],
        )
    year, before = result.compared_with
    assert result.value is not None
    b_zh, b_en = _q(before, rule.unit, "zh"), _q(before, rule.unit, "en")
    v_zh = _q(result.value, rule.unit, "zh", beside=(before,))
    v_en = _q(result.value, rule.unit, "en", beside=(before,))
    change = result.value - before
    pct = fmt_rate(change / before, 0.0) if before > 0 else "—"
    if result.status is Status.MISSED:
        d_zh, d_en = _diff(-change, rule.unit, "zh"), _diff(-change, rule.unit, "en")
        cons_zh, cons_en = _consequence(result)
        return _both(
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
    return _both(
        [f"{report.year} 年为 {v_zh}，{year} 年为 {b_zh}（{pct}）。"],
        [f"{report.year} gives {v_en}; {year} gave {b_en} ({pct})."],
    )


def _unassessed(result: Result) -> Msg:
    rule, report = result.rule, result.report
    assert rule.target is not None and rule.target_year is not None
    beside = (rule.target,)
    v_zh = _q(result.value, rule.unit, "zh", beside=beside)
    v_en = _q(result.value, rule.unit, "en", beside=beside)
    zh = [
        f"{report.year} 年为 {v_zh}，尚未达到 {rule.target_year} 年的目标"
        f"（{_target_phrase(result, 'zh')}）。",
        "规则集没有基期值，也没有更早年份的报告，因此无法计算进度比。",
    ]
    en = [
        f"{report.year} gives {v_en}, short of the {rule.target_year} target"
        f" ({_target_phrase(result, 'en')}).",
        "The rule set has no baseline and no earlier report is given, so no progress ratio"
        " can be computed.",
    ]
    if result.value is not None and rule.kind is Kind.AT_LEAST:
        years = rule.target_year - report.year
        needed_zh = _still_needed(result.value, rule.target, years, "zh", rule.unit)
        needed_en = _still_needed(result.value, rule.target, years, "en", rule.unit)
        if needed_zh is not None and needed_en is not None:
            zh.append(f"要按期达标，此后{needed_zh}。")
            en.append(f"Reaching it on time takes {needed_en} from now.")
    zh.append("一并检查上一年的报告，或在本项写明 previous（上年值），即可评估进度。")
    en.append(
        "Check the previous year's report with this one, or give last year's value as"
        " `previous`, to measure progress."
    )
    return _both(zh, en)


def _base(progress: Progress, lang: Lang) -> str:
    if progress.base_from == "baseline":
        return "规划基期" if lang == "zh" else "the plan's baseline"
    return "最早的报告值" if lang == "zh" else "the earliest reported value"


def _missed(result: Result) -> Msg:
    rule, report = result.rule, result.report
    assert rule.target is not None and result.value is not None
    u = rule.unit
    v_zh = _q(result.value, u, "zh", beside=(rule.target,))
    v_en = _q(result.value, u, "en", beside=(rule.target,))
    short = abs(rule.target - result.value)
    cons_zh, cons_en = _consequence(result)
    reached = result_attainment(result)
    zh = [
        f"{rule.target_year} 年目标为{_target_phrase(result, 'zh')}，",
        f"{report.year} 年报告值为 {v_zh}，差 {_diff(short, u, 'zh')}",
        f"（达到目标的 {reached}）。" if reached else "。",
        cons_zh,
    ]
    en = [
        f"The {rule.target_year} target is {_target_phrase(result, 'en')};",
        f"the {report.year} report gives {v_en}, {_diff(short, u, 'en')} short"
        + (f" ({reached} of the target)." if reached else "."),
        cons_en,
    ]
    progress = result.progress
    if progress is not None and progress.cagr_actual is not None:
        x0_zh, x0_en = _q(progress.base_value, u, "zh"), _q(progress.base_value, u, "en")
        zh.append(
            f"自 {progress.base_year} 年（{_base(progress, 'zh')} {x0_zh}）以来，"
            f"年均增速 {fmt_rate(progress.cagr_actual, progress.cagr_required)}"
            + (
                f"，按期达标需 {fmt_rate(progress.cagr_required, progress.cagr_actual)}。"
                if progress.cagr_required
                else "。"
            )
        )
        en.append(
            f"Since {progress.base_year} ({_base(progress, 'en')}, {x0_en}) it changed"
            f" {fmt_rate(progress.cagr_actual, progress.cagr_required)} a year"
            + (
                f"; {fmt_rate(progress.cagr_required, progress.cagr_actual)} a year was needed."
                if progress.cagr_required
                else "."
            )
        )
    return _both(zh, en)


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
    time = _share(elapsed, gap)
    closed = _share(abs(gap), elapsed if gap >= 0 else None)
    y0 = progress.base_year
    plan_start = progress.base_year == result.ruleset.period[0] - 1
    if lang == "zh":
        since = (
            f"以 {y0} 年为基点，规划期已过 {time}"
            if plan_start
            else f"自 {y0} 年以来时间已过 {time}"
        )
        moved = f"差距缩小 {closed}" if gap >= 0 else f"差距反而扩大 {closed}"
        return f"{since}，{moved}"
    since = (
        f"with {y0} as the base, {time} of the plan period has passed"
        if plan_start
        else f"since {y0}, {time} of the time to the target year has passed"
    )
    moved = (
        f"{closed} of the gap to the target has been closed"
        if gap >= 0
        else f"the gap to the target has widened by {closed}"
    )
    return f"{since} and {moved}"


def method_words(progress: Progress, lang: Lang) -> str:
    """Which formula gave the ratio, in words."""
    if progress.method is Method.LINEAR:
        return (
            "线性法：R = 差距缩小比例 ÷ 时间经过比例（基点、数值或目标为 0 时增长率无定义）"
            if lang == "zh"
            else "linear method: R = share of the gap closed ÷ share of the time elapsed"
            " (growth rates are undefined where the base, value or target is 0)"
        )
    return (
        "增长率法：R = 实际年均增长率 ÷ 所需年均增长率"
        if lang == "zh"
        else "growth-rate method: R = actual yearly growth ÷ yearly growth needed"
    )


def _progress(result: Result) -> Msg:
    """on_track, needs_acceleration, limited_progress, deteriorating: the progress ratio by the
    growth-rate method, or the linear one where growth rates are undefined."""
    rule, report = result.rule, result.report
    progress = result.progress
    assert progress is not None and rule.target is not None and rule.target_year is not None
    u, T = rule.unit, rule.target_year
    beside = (rule.target,)
    v_zh, v_en = _q(result.value, u, "zh", beside=beside), _q(result.value, u, "en", beside=beside)
    x0_zh = _q(progress.base_value, u, "zh", beside=beside)
    x0_en = _q(progress.base_value, u, "en", beside=beside)
    kind_zh, kind_en = _binding(result)
    zh = [
        f"{report.year} 年为 {v_zh}，{T} 年目标为{_target_phrase(result, 'zh')}（{kind_zh}）。",
    ]
    en = [
        f"{report.year} gives {v_en}; the {T} target is {_target_phrase(result, 'en')}"
        f" ({kind_en}).",
    ]
    if progress.ratio is None:
        # The base already met the target and the latest value no longer does.
        zh.append(
            f"{progress.base_year} 年（{_base(progress, 'zh')} {x0_zh}）已达到目标，"
            f"现已不再满足，按“逆向变化”处理。"
        )
        en.append(
            f"In {progress.base_year} ({_base(progress, 'en')}) it was {x0_en}, which met the"
            " target; it no longer does, which counts as deteriorating."
        )
    elif progress.method is Method.LINEAR:
        band_zh, band_en = _band(result.status)
        ratio = f"{floor_ratio(progress.ratio):.3f}"
        gap = progress.gap_closed if progress.gap_closed is not None else 0.0
        elapsed = progress.time_elapsed if progress.time_elapsed is not None else 0.0
        zh.append(
            f"以 {progress.base_year} 年（{_base(progress, 'zh')}）的 {x0_zh} 为起点，"
            f"基点、数值或目标为 0，增长率无定义，按线性法计算：差距缩小 {_share(gap, elapsed)}，"
            f"时间经过 {_share(elapsed, gap)}，进度比 R = {ratio}（{band_zh}）。"
        )
        en.append(
            f"From {x0_en} in {progress.base_year} ({_base(progress, 'en')}); with a base, value"
            " or target of 0 growth rates are undefined, so the linear method applies:"
            f" {_share(gap, elapsed)} of the gap closed in {_share(elapsed, gap)} of the time,"
            f" progress ratio R = {ratio} ({band_en})."
        )
    else:
        band_zh, band_en = _band(result.status)
        ratio = f"{floor_ratio(progress.ratio):.3f}"
        actual = fmt_rate(progress.cagr_actual, progress.cagr_required)
        required = fmt_rate(progress.cagr_required, progress.cagr_actual)
        zh.append(
            f"以 {progress.base_year} 年（{_base(progress, 'zh')}）的 {x0_zh} 为起点，"
            f"年均增速 {actual}，按期达标需 {required}，"
            f"进度比 R = {ratio}（{band_zh}）。"
        )
        en.append(
            f"From {x0_en} in {progress.base_year} ({_base(progress, 'en')}) it changed"
            f" {actual} a year, where {required} a year"
            f" was needed: progress ratio R = {ratio} ({band_en})."
        )
    if progress.projection is not None and result.value is not None and report.year < T:
        p_zh = _q(progress.projection, u, "zh", 2, beside)
        p_en = _q(progress.projection, u, "en", 2, beside)
        pace_zh = "按此速度" if progress.method is Method.GROWTH_RATE else "按此线性趋势"
        pace_en = (
            "At this pace" if progress.method is Method.GROWTH_RATE else "On this linear trend"
        )
        lower = rule.kind is Kind.AT_MOST
        reaches = (
            progress.projection <= rule.target if lower else progress.projection >= rule.target
        )
        if reaches:
            zh.append(f"{pace_zh}，{T} 年预计为 {p_zh}，可以达到目标。")
            en.append(f"{pace_en} it would reach {p_en} in {T}, meeting the target.")
        else:
            gap_zh = _diff(abs(rule.target - progress.projection), u, "zh", 2)
            gap_en = _diff(abs(rule.target - progress.projection), u, "en", 2)
            zh.append(f"{pace_zh}，{T} 年预计为 {p_zh}，距目标还差 {gap_zh}。")
            en.append(f"{pace_en} it would be {p_en} in {T}, {gap_en} short of the target.")
    if result.value is not None and report.year < T:
        needed_zh = _still_needed(result.value, rule.target, T - report.year, "zh", u)
        needed_en = _still_needed(result.value, rule.target, T - report.year, "en", u)
        if needed_zh is not None and needed_en is not None:
            zh.append(f"要在 {T} 年达到目标，此后{needed_zh}。")
            en.append(f"Reaching the target by {T} takes {needed_en} from now.")
    view_zh, view_en = time_and_task(result, progress, "zh"), time_and_task(result, progress, "en")
    if view_zh is not None and view_en is not None:
        zh.append(f"“时间过半、任务过半”：{view_zh}。")
        en.append(f"Time against task: {view_en}.")
    return _both(zh, en)


def details(result: Result, lang: Lang) -> list[str]:
    """What the CI formats add under a result's one-line message: the explanation, if any,
    the report's note and its 核实说明 (verified note)."""
    lines = []
    paragraph = explain(result)
    if paragraph is not None:
        lines.append(paragraph.render(lang))
    if result.note:
        lines.append(("备注：" if lang == "zh" else "Note: ") + result.note)
    if result.verified:
        lines.append(("核实说明：" if lang == "zh" else "Verified: ") + result.verified)
    return lines
