"""The explanation of a `growth_at_least` result (年均增长 X% 以上, SPEC §3): the average yearly
growth g = (x / x0)^(1 / (t − t0)) − 1 since the base point, against the rate the plan sets,
and R = g / rate before the target year. Pure: no I/O, no Rich; plain uncleaned text."""

from __future__ import annotations

import math

from planck.domain.kinds.base import base_point
from planck.domain.progress import floor_ratio
from planck.domain.values import fmt, fmt_rate
from planck.i18n import Msg
from planck.model import Progress, Result, Status
from planck.render.explain_common import (
    band_words,
    base_words,
    binding_words,
    both,
    consequence,
    difference,
    quantity,
    rate_needed,
)


def explain_growth(result: Result) -> Msg:
    """unassessed, missed, and the four statuses of a progress ratio."""
    if result.status is Status.UNASSESSED or result.progress is None:
        return _unassessed(result)
    if result.status is Status.MISSED:
        return _missed(result, result.progress)
    return _progress(result, result.progress)


def _rate(result: Result) -> str:
    assert result.rule.target is not None
    return f"{fmt(result.rule.target)}%"


def _plan(result: Result) -> tuple[str, str]:
    """'规划要求 2025 年前年均增长 7% 以上（约束性）。'"""
    rule = result.rule
    kind_zh, kind_en = binding_words(result)
    return (
        f"规划要求本指标年均增长 {_rate(result)} 以上（至 {rule.target_year} 年，{kind_zh}）。",
        f"The plan sets average growth of at least {_rate(result)} a year"
        f" (to {rule.target_year}, {kind_en}).",
    )


def _unassessed(result: Result) -> Msg:
    """No base point, or a base or value of 0 or less, where a growth rate is undefined."""
    rule, year = result.rule, result.report.year
    plan_zh, plan_en = _plan(result)
    v_zh, v_en = quantity(result.value, rule.unit, "zh"), quantity(result.value, rule.unit, "en")
    base = base_point(rule, year, dict(result.series))
    if base is None:
        return both(
            [
                plan_zh,
                f"{year} 年为 {v_zh}，但规则没有更早的基期值，也没有更早年份的报告，",
                "因此无法计算年均增速。",
                "一并检查上一年的报告，或在本项写明 previous（上年值），即可计算年均增速和进度比。",
            ],
            [
                plan_en,
                f"{year} gives {v_en}, but the rule has no earlier baseline and no earlier",
                "report is given, so no yearly growth can be computed.",
                "Check the previous year's report with this one, or give last year's value",
                "(previous), to measure growth and progress.",
            ],
        )
    x0_zh, x0_en = quantity(base.value, rule.unit, "zh"), quantity(base.value, rule.unit, "en")
    return both(
        [
            plan_zh,
            f"基点为 {base.year} 年的 {x0_zh}，{year} 年为 {v_zh}。",
            "年均增速只对大于 0 的基点和数值有定义，本项不作判断；请核对这两个数值。",
        ],
        [
            plan_en,
            f"The base is {x0_en} in {base.year} and {year} gives {v_en}.",
            "Yearly growth is defined only when both are above 0, so the value is not judged;",
            "check both numbers.",
        ],
    )


def _growth_since(result: Result, progress: Progress) -> tuple[str, str]:
    """'以 2020 年（规划基期）的 100亿元 为起点，至 2023 年的 118亿元，3 年间年均增长 +5.7%'"""
    rule, year = result.rule, result.report.year
    assert result.rule.target is not None
    rate = result.rule.target / 100
    beside = (progress.base_value,)
    x0_zh = quantity(progress.base_value, rule.unit, "zh", beside=(result.value or 0.0,))
    x0_en = quantity(progress.base_value, rule.unit, "en", beside=(result.value or 0.0,))
    v_zh = quantity(result.value, rule.unit, "zh", beside=beside)
    v_en = quantity(result.value, rule.unit, "en", beside=beside)
    years = year - progress.base_year
    g = fmt_rate(progress.cagr_actual, rate)
    return (
        f"以 {progress.base_year} 年（{base_words(progress, 'zh')}）的 {x0_zh} 为起点，"
        f"至 {year} 年的 {v_zh}，{years} 年间年均增长 {g}",
        f"From {x0_en} in {progress.base_year} ({base_words(progress, 'en')}) to {v_en}"
        f" in {year}, growth averaged {g} a year over {years} year(s)",
    )


def _on_path(result: Result, progress: Progress, year: int) -> float | None:
    """Where growth at exactly the plan's rate from the base would have the value in ``year``."""
    assert result.rule.target is not None
    try:
        value = progress.base_value * (1 + result.rule.target / 100) ** (year - progress.base_year)
    except OverflowError:
        return None
    return value if math.isfinite(value) else None


def _missed(result: Result, progress: Progress) -> Msg:
    rule, year = result.rule, result.report.year
    since_zh, since_en = _growth_since(result, progress)
    cons_zh, cons_en = consequence(result)
    zh = [
        f"{rule.target_year} 年目标为年均增长 {_rate(result)} 以上。",
        f"{since_zh}，低于 {_rate(result)}。",
    ]
    en = [
        f"The {rule.target_year} target is average growth of at least {_rate(result)} a year.",
        f"{since_en}, below {_rate(result)}.",
    ]
    path = _on_path(result, progress, year)
    if path is not None and result.value is not None:
        p_zh = quantity(path, rule.unit, "zh", beside=(result.value,))
        p_en = quantity(path, rule.unit, "en", beside=(result.value,))
        short_zh = difference(path - result.value, rule.unit, "zh")
        short_en = difference(path - result.value, rule.unit, "en")
        zh.append(f"按年均 {_rate(result)} 增长，{year} 年应达 {p_zh}，差 {short_zh}。")
        en.append(
            f"Growth of {_rate(result)} a year would have reached {p_en} by {year};"
            f" it is {short_en} short."
        )
    zh.append(cons_zh)
    en.append(cons_en)
    return both(zh, en)


def _progress(result: Result, progress: Progress) -> Msg:
    """on_track, needs_acceleration, limited_progress, deteriorating: R = g ÷ rate."""
    rule = result.rule
    assert rule.target is not None and rule.target_year is not None
    T, rate = rule.target_year, rule.target / 100
    plan_zh, plan_en = _plan(result)
    since_zh, since_en = _growth_since(result, progress)
    band_zh, band_en = band_words(result.status)
    ratio = "—" if progress.ratio is None else f"{floor_ratio(progress.ratio):.3f}"
    g = fmt_rate(progress.cagr_actual, rate)
    zh = [plan_zh, f"{since_zh}，进度比 R = {g} ÷ {_rate(result)} = {ratio}（{band_zh}）。"]
    en = [plan_en, f"{since_en}: progress ratio R = {g} ÷ {_rate(result)} = {ratio} ({band_en})."]
    end = _on_path(result, progress, T)
    if progress.projection is not None and end is not None:
        p_zh = quantity(progress.projection, rule.unit, "zh", 2, (end,))
        p_en = quantity(progress.projection, rule.unit, "en", 2, (end,))
        e_zh = quantity(end, rule.unit, "zh", 2, (progress.projection,))
        e_en = quantity(end, rule.unit, "en", 2, (progress.projection,))
        zh.append(f"按此速度，{T} 年预计为 {p_zh}；按年均 {_rate(result)} 增长应达 {e_zh}。")
        en.append(
            f"At this pace it would be {p_en} in {T}; growth of {_rate(result)} a year"
            f" leads to {e_en}."
        )
    if progress.growth_needed is not None and result.report.year < T:
        zh.append(
            f"要在 {T} 年回到年均 {_rate(result)} 的路径上，此后{rate_needed(progress.growth_needed, 'zh')}。"
        )
        en.append(
            f"Getting back onto the path of {_rate(result)} a year by {T} takes"
            f" {rate_needed(progress.growth_needed, 'en')} from now."
        )
    return both(zh, en)
