"""The explanation (planck.render.explain) of the two kinds that state a target as a rate or a
percent change: growth_at_least (年均增长 X% 以上) and cumulative_change (累计降低/提高 X%).
Each outcome says, in both languages, the numbers a reader needs to redo the arithmetic."""

from __future__ import annotations

import pytest

from planck.domain.evaluate import evaluate
from planck.errors import Location
from planck.model import (
    Baseline,
    Jurisdiction,
    Kind,
    Number,
    Observation,
    Report,
    Result,
    Rule,
    RuleSet,
    Source,
    Status,
)
from planck.render.explain import explain

SOURCE = Source("规划", "人民政府", "某政发〔2021〕1号", "2021-06-01", "表1 第1行", "原文")


def judge(
    kind: Kind,
    target: float,
    unit: str,
    baseline: tuple[int, float] | None,
    values: dict[int, float],
) -> Result:
    """The result for the last of ``values`` (year -> value), the others being earlier reports."""
    rule = Rule(
        id="x",
        name="指标",
        name_en="Indicator",
        unit=unit,
        kind=kind,
        target=target,
        target_year=2025,
        baseline=Baseline(*baseline) if baseline else None,
        binding=True,
        source=SOURCE,
    )
    ruleset = RuleSet(
        id="rs",
        title="规划",
        title_en="Plan",
        jurisdictions=(Jurisdiction("here", "此地", "Here"),),
        period=(2021, 2025),
        binding=True,
        rules=(rule,),
        path="rs.yaml",
    )
    reports = []
    for year, value in values.items():
        loc = Location(f"{year}.yaml", 3, 4)
        obs = Observation("x", Number(value, None), None, loc, str(value))
        reports.append(Report(f"{year}.yaml", "here", year, {"x": obs}, Location(f"{year}.yaml")))
    results, _ = evaluate([ruleset], reports)
    return results[len(reports) - 1][0]


def words(result: Result) -> tuple[str, str]:
    paragraph = explain(result)
    assert paragraph is not None
    return paragraph.render("zh"), paragraph.render("en")


def growth(values: dict[int, float], baseline: tuple[int, float] | None = (2020, 100)) -> Result:
    return judge(Kind.GROWTH_AT_LEAST, 7, "亿元", baseline, values)


def cumulative(values: dict[int, float], target: float = -13.5) -> Result:
    return judge(Kind.CUMULATIVE_CHANGE, target, "吨标准煤/万元", (2020, 0.5), values)


# ---- growth_at_least -------------------------------------------------------------------------


def test_growth_met_needs_no_explanation() -> None:
    result = growth({2023: 125})
    assert result.status is Status.MET
    assert explain(result) is None


@pytest.mark.parametrize(
    ("value", "status", "ratio"),
    [
        (121.5, Status.ON_TRACK, "0.958"),
        (118, Status.NEEDS_ACCELERATION, "0.810"),
        (111, Status.LIMITED_PROGRESS, "0.505"),
        (97, Status.DETERIORATING, "-0.145"),
    ],
)
def test_growth_ratio_is_the_yearly_growth_over_the_rate(
    value: float, status: Status, ratio: str
) -> None:
    result = growth({2023: value})
    assert result.status is status
    zh, en = words(result)
    # the plan's rate, the base point, the growth achieved and R = g ÷ rate, with the band
    assert "年均增长 7% 以上" in zh and "at least 7% a year" in en
    assert "2020 年（规划基期）的 100亿元" in zh and "100 亿元 in 2020" in en
    assert f"÷ 7% = {ratio}" in zh and f"÷ 7% = {ratio}" in en
    assert "3 年间" in zh and "over 3 year(s)" in en
    # where the plan's rate leads from the base: 100 × 1.07^5
    assert "应达 140.26亿元" in zh and "leads to 140.26 亿元" in en


def test_growth_lagging_says_what_growth_gets_back_on_the_path() -> None:
    zh, en = words(growth({2023: 118}))
    # from 118 in 2023 to 100 × 1.07^5 = 140.255 in 2025: (140.255 / 118)^(1/2) − 1 = 9.0%
    assert "此后每年需增长 9.0%" in zh
    assert "a rise of 9.0% a year from now" in en


def test_growth_without_a_base_point_says_why_and_what_to_give() -> None:
    result = growth({2023: 120}, baseline=None)
    assert result.status is Status.UNASSESSED
    zh, en = words(result)
    assert "无法计算年均增速" in zh and "previous" in zh
    assert "no yearly growth can be computed" in en and "(previous)" in en
    assert "`" not in en  # a reader sees no Markdown marks, whatever the format


def test_growth_from_zero_says_the_rate_is_undefined() -> None:
    result = growth({2023: 5}, baseline=(2020, 0))
    assert result.status is Status.UNASSESSED
    zh, en = words(result)
    assert "基点为 2020 年的 0亿元" in zh and "大于 0" in zh
    assert "0 亿元 in 2020" in en and "above 0" in en


def test_growth_missed_in_the_target_year_gives_the_shortfall() -> None:
    result = growth({2025: 130})
    assert result.status is Status.MISSED
    zh, en = words(result)
    assert "5 年间年均增长 +5.4%，低于 7%" in zh
    # 100 × 1.07^5 = 140.2552, against 130
    assert "2025 年应达 140.2552亿元，差 10.2552亿元" in zh
    assert "10.2552 亿元 short" in en
    assert "约束性" in zh and "binding" in en


# ---- cumulative_change -----------------------------------------------------------------------


def test_cumulative_met_needs_no_explanation() -> None:
    result = cumulative({2023: 0.43})
    assert result.status is Status.MET
    assert explain(result) is None


def test_cumulative_reduction_shows_the_percent_and_the_absolute_target() -> None:
    result = cumulative({2023: 0.47})
    assert result.status is Status.NEEDS_ACCELERATION
    zh, en = words(result)
    assert "较 2020 年的 0.5吨标准煤/万元累计降低 13.5%" in zh
    assert "不高于 0.4325吨标准煤/万元（0.5 × (1 − 13.5%)）" in zh
    assert "cumulative fall of 13.5% from 0.5 吨标准煤/万元 in 2020" in en
    assert "at most 0.4325 吨标准煤/万元 by 2025 (0.5 × (1 − 13.5%))" in en
    # then the ratio, judged as at_most against x*
    assert "进度比 R = 0.714" in zh and "progress ratio R = 0.714" in en
    assert "每年需下降" in zh and "a fall of" in en


def test_cumulative_on_track_rise() -> None:
    result = judge(Kind.CUMULATIVE_CHANGE, 20, "亿元", (2020, 100), {2023: 112})
    assert result.status is Status.ON_TRACK
    zh, en = words(result)
    assert "累计提高 20%，即 2025 年不低于 120亿元（100 × (1 + 20%)）" in zh
    assert "cumulative rise of 20%" in en and "at least 120 亿元" in en
    assert "R = 1.036" in zh


def test_cumulative_missed_gives_the_gap_to_the_absolute_target() -> None:
    result = cumulative({2025: 0.44})
    assert result.status is Status.MISSED
    zh, en = words(result)
    assert "差 0.0075吨标准煤/万元" in zh and "0.0075 吨标准煤/万元 short" in en


def test_cumulative_with_no_earlier_point_names_the_baseline_year() -> None:
    result = judge(Kind.CUMULATIVE_CHANGE, -13.5, "吨", (2023, 0.5), {2023: 0.47})
    assert result.status is Status.UNASSESSED
    zh, en = words(result)
    assert "规则的基期为 2023 年，不早于本报告" in zh and "baseline is for 2023" in en
    assert "规则集没有基期值" not in zh  # the rule has one: it is just not earlier
