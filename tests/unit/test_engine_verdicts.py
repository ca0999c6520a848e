"""Verdicts a reviewer can trust: no false progress (linear method where growth rates are
undefined), suspect values (数值存疑) and their verified notes, numbers beside a verdict that
never contradict it, the comma rule and full, finite precision (SPEC §2, §3)."""

from __future__ import annotations

import math

import pytest

from planck.domain import suspect
from planck.domain.evaluate import build_series, evaluate, judge
from planck.domain.progress import Course, compute
from planck.domain.values import fmt_beside, parse_number_text, to_rule_unit
from planck.errors import Location
from planck.model import BaseFrom, Kind, Method, Number, Observation, Report, Result, Status
from planck.render.explain import details, explain
from planck.tui.detail import calculation_lines, report_lines
from tests.unit.test_evaluate import make_rule, make_ruleset

# --- helpers ------------------------------------------------------------------------------


def obs(
    value: float | None,
    unit: str | None = None,
    previous: float | None = None,
    verified: str | None = None,
    raw: str | None = None,
) -> Observation:
    return Observation(
        indicator="x",
        number=Number(value, unit) if value is not None else None,
        problem=None,
        location=Location("r.yaml", 5, 6),
        raw=raw if raw is not None else str(value),
        previous=Number(previous, unit) if previous is not None else None,
        verified=verified,
        key_location=Location("r.yaml", 5, 3),
    )


def report(year: int, observation: Observation) -> Report:
    return Report(f"{year}.yaml", "here", year, {"x": observation}, Location(f"{year}.yaml"))


def judge_last(rule, *reports: Report) -> Result:  # type: ignore[no-untyped-def]
    return judge(make_ruleset(rule), rule, reports[-1], build_series(rule, list(reports)))


def money_rule(**kw):  # type: ignore[no-untyped-def]
    return make_rule(unit="亿元", target=0.5, **kw)


# --- no false progress --------------------------------------------------------------------


def test_a_fall_to_zero_is_never_progress() -> None:
    """dushanzi tech_contract_value (亿元, target 0.5): 5万元 in 2021, 0 in 2023."""
    rule = money_rule()
    result = judge_last(rule, report(2021, obs(5, "万元")), report(2023, obs(0.0)))
    assert result.status is Status.DETERIORATING
    assert result.progress is not None and result.progress.method is Method.LINEAR
    assert result.progress.ratio is not None and result.progress.ratio < 0


def test_the_verdict_does_not_depend_on_the_unit_written() -> None:
    rule = money_rule()
    for unit, base in (("万元", 5.0), ("元", 50_000.0), ("亿元", 0.0005)):
        result = judge_last(rule, report(2021, obs(base, unit)), report(2023, obs(0.0)))
        assert result.status is Status.DETERIORATING, unit


def test_a_rise_from_zero_uses_the_linear_method_with_a_sane_projection() -> None:
    rule = make_rule(unit="个", target=2.0)
    result = judge_last(rule, report(2021, obs(0.0)), report(2023, obs(1.0)))
    p = result.progress
    assert p is not None and p.method is Method.LINEAR
    assert p.ratio == pytest.approx((1 / 2) / (2 / 4))  # 1.0: on track, not 53
    assert result.status is Status.ON_TRACK
    assert p.projection == pytest.approx(2.0)  # +0.5 a year, carried on to 2025
    assert p.cagr_actual is None and p.cagr_required is None


def test_growth_rate_method_only_when_all_three_are_positive() -> None:
    def along(base: float, value: float, target: float) -> Course:
        return Course(2020, base, BaseFrom.BASELINE, 2022, value, target, 2025)

    assert compute(along(1, 2, 3)).method == "growth_rate"
    for base, value, target in ((0, 2, 3), (1, 0, 3), (1, 2, 0)):
        assert compute(along(base, value, target)).method == "linear"


def test_linear_base_already_on_the_target_side_then_falling_is_deteriorating() -> None:
    rule = make_rule(kind=Kind.AT_MOST, unit="个", target=0.0, baseline=(2020, 0.0))
    result = judge_last(rule, report(2023, obs(3.0)))
    assert result.status is Status.DETERIORATING
    assert result.progress is not None and result.progress.ratio is None


def test_linear_projection_never_goes_below_zero() -> None:
    rule = make_rule(unit="个", target=0.0, kind=Kind.AT_MOST)
    result = judge_last(rule, report(2021, obs(10.0)), report(2022, obs(1.0)))
    assert result.progress is not None and result.progress.projection == 0.0


def test_linear_messages_say_what_is_needed_per_year() -> None:
    rule = make_rule(unit="个", target=4.0)
    result = judge_last(rule, report(2021, obs(0.0)), report(2023, obs(0.0)))
    assert result.status is Status.LIMITED_PROGRESS  # stuck at 0: R = 0
    text = result.message.render("zh")
    assert "线性法" in text and "此后每年需 +2个" in text  # (4 - 0) / 2 a year
    paragraph = explain(result)
    assert paragraph is not None
    assert "每年需增加 2个" in paragraph.render("zh")
    assert "an increase of 2 个 a year" in paragraph.render("en")


# --- time against task ----------------------------------------------------------------------


def test_time_and_task_names_its_base_year() -> None:
    rule = make_rule(target=2.0)  # period 2021-2025
    result = judge_last(rule, report(2021, obs(1.0)), report(2023, obs(1.2)))
    paragraph = explain(result)
    assert paragraph is not None
    zh, en = paragraph.render("zh"), paragraph.render("en")
    assert "自 2021 年以来时间已过 50%，差距缩小 20%" in zh
    assert "规划期已过" not in zh
    assert "since 2021, 50% of the time to the target year has passed" in en


def test_plan_period_is_named_only_from_the_year_before_it_starts() -> None:
    rule = make_rule(target=2.0, baseline=(2020, 1.0))
    result = judge_last(rule, report(2022, obs(1.2)))
    paragraph = explain(result)
    assert paragraph is not None
    assert "以 2020 年为基点，规划期已过 40%" in paragraph.render("zh")
    assert "of the plan period has passed" in paragraph.render("en")


def test_a_widening_gap_is_said_so() -> None:
    rule = make_rule(target=2.0)
    result = judge_last(rule, report(2021, obs(1.0)), report(2023, obs(0.8)))
    paragraph = explain(result)
    assert paragraph is not None
    assert "差距反而扩大 20%" in paragraph.render("zh")


# --- numbers beside a verdict -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "refs", "text"),
    [
        (1.62, (2.0,), "1.62"),  # ordinary output unchanged
        (1.99999, (2.0,), "1.99999"),
        (2.0, (2.0,), "2"),
        (0.00001, (), "0.00001"),
        (3e-07, (0.5,), "0.0000003"),
        (0.0, (), "0"),
        (1.9999999999999998, (2.0,), "1.9999999999999998"),
    ],
)
def test_fmt_beside(value: float, refs: tuple[float, ...], text: str) -> None:
    assert fmt_beside(value, *refs) == text


def test_a_miss_by_a_hair_is_not_shown_as_the_target() -> None:
    result = judge_last(make_rule(target=2.0), report(2025, obs(1.99999)))
    assert result.status is Status.MISSED
    assert result.message.render("zh") == "2025 年目标未实现：1.99999%，目标 ≥ 2%"
    paragraph = explain(result)
    assert paragraph is not None and "1.99999%" in paragraph.render("zh")
    assert "0.00001 个百分点" in paragraph.render("zh")


def test_a_tiny_fall_is_not_shown_as_zero() -> None:
    rule = make_rule(kind=Kind.NON_DECREASING, target=None, target_year=None, unit="万元")
    result = judge_last(rule, report(2023, obs(99.99999, previous=100.0)))
    assert result.status is Status.MISSED
    text = result.message.render("zh")
    assert "减少 0.00001万元" in text and "99.99999万元" in text


# --- comma rule, precision, finiteness ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1,934", 1934.0), ("12,345,678.5", 12345678.5), ("１，９３４", 1934.0), ("-1,000", -1000.0)],
)
def test_thousands_separators(raw: str, value: float) -> None:
    number, problem = parse_number_text(raw)
    assert problem is None and number is not None and number.value == value


@pytest.mark.parametrize("raw", ["0,620", "1234,567", "1,93", "1,2345", "12,34,567", "０，６２０"])
def test_commas_that_are_not_thousands_separators_are_invalid(raw: str) -> None:
    number, problem = parse_number_text(raw)
    assert number is None and problem is not None
    assert "thousands separator" in problem.render("en")


def test_a_decimal_comma_says_what_to_write() -> None:
    _, problem = parse_number_text("0,620")
    assert problem is not None
    assert "write 0.620" in problem.render("en") and "写作 0.620" in problem.render("zh")


def test_a_conversion_beyond_the_float_range_is_invalid() -> None:
    value, problem = to_rule_unit(Number(1e308, "亿元"), "万元")
    assert value is None and problem is not None and "out of range" in problem.render("en")


def test_a_tiny_converted_value_keeps_full_precision() -> None:
    value, problem = to_rule_unit(Number(30.0, "元"), "亿元")
    assert problem is None and value == pytest.approx(3e-07, rel=1e-12)


# --- suspect ----------------------------------------------------------------------------------


def test_the_dushanzi_slip_is_suspect_with_its_reading() -> None:
    """`tech_contract_value: 4600` (meant as 万元) used to pass the binding 0.5亿元 as met."""
    rule = money_rule()
    result = judge_last(rule, report(2022, obs(0.31)), report(2023, obs(4600.0)))
    assert (result.status, result.severity.value) == (Status.SUSPECT, "error")
    assert result.as_written is Status.MET
    assert result.suggestion is not None
    assert result.suggestion.render("zh") == "是否应为 4600万元，即 0.46亿元？"
    assert "0.46" in result.message.render("en") and "'met'" in result.message.render("en")


def test_a_fraction_for_a_percentage_is_suspect() -> None:
    rule = make_rule(unit="%", target=25.0)
    result = judge_last(rule, report(2022, obs(17.2)), report(2023, obs(0.186)))
    assert result.status is Status.SUSPECT
    assert result.suggestion is not None
    assert result.suggestion.render("zh") == "是否应为 18.6%？"


def test_other_units_offer_a_decimal_point_reading() -> None:
    rule = make_rule(unit="家", target=150.0)
    result = judge_last(rule, report(2022, obs(99.0)), report(2023, obs(1_000_000.0)))
    assert result.status is Status.SUSPECT
    assert result.suggestion is not None
    assert result.suggestion.render("zh") == "小数点位置可能有误，是否应为 100家？"


def test_karamays_elevenfold_jump_is_not_suspect() -> None:
    """001: 技术合同成交额突破3.2亿元，较去年同期增长11倍."""
    rule = make_rule(unit="亿元", target=15.0, binding=False)
    result = judge_last(rule, report(2024, obs(0.27)), report(2025, obs(3.2)))
    assert result.status is not Status.SUSPECT


def test_a_ten_thousand_fold_jump_is_suspect() -> None:
    rule = make_rule(unit="家", target=150.0)
    result = judge_last(rule, report(2022, obs(2.0)), report(2023, obs(20_000.0)))
    assert result.status is Status.SUSPECT


HIGH, LOW = 10**3.5, 10**-3.5
IN, OUT = 1.001, 0.999  # just inside / just outside a boundary, as a factor


@pytest.mark.parametrize(
    ("x", "m", "unit", "expected"),
    [
        (HIGH * IN, 1.0, "家", True),
        (HIGH * OUT, 1.0, "家", False),
        (LOW * OUT, 1.0, "家", True),
        (LOW * IN, 1.0, "家", False),
        # a fraction for a percentage: x <= 1 and 10^-2.5 <= x/m <= 10^-1.5
        (0.2, 0.2 / (10**-1.5 * OUT), "%", True),
        (0.2, 0.2 / (10**-1.5 * 1.01), "%", False),
        (0.01, 0.01 / (10**-2.5 * IN), "%", True),
        (0.01, 0.01 / (10**-2.5 * 0.99), "%", False),
        (1.0, 50.0, "%", True),  # x = 1: still a fraction
        (1.001, 50.0, "%", False),  # x > 1: a real value
        (0.2, 10.0, "家", False),  # the fraction test is for % only
        (0.0, 5.0, "家", False),  # x = 0: never
        (5.0, 0.0, "家", False),  # m = 0: never
    ],
)
def test_suspect_boundaries(x: float, m: float, unit: str, expected: bool) -> None:
    assert suspect.is_suspect(x, m, unit) is expected


def test_reference_order_previous_then_earlier_report_then_baseline_then_target() -> None:
    rule = make_rule(unit="家", target=150.0, baseline=(2020, 40.0))
    series = {2021: 0.0, 2022: 20.0}
    assert suspect.reference(rule, 2023, 30.0, series) == suspect.Reference(30.0, "previous", 2022)
    assert suspect.reference(rule, 2023, 0.0, series) == suspect.Reference(20.0, "series", 2022)
    assert suspect.reference(rule, 2023, None, {}) == suspect.Reference(40.0, "baseline", 2020)
    plain = make_rule(unit="家", target=150.0)
    assert suspect.reference(plain, 2023, None, {2021: 0.0}) == suspect.Reference(
        150.0, "target", 2025
    )
    never = make_rule(kind=Kind.NON_DECREASING, target=None, target_year=None, unit="家")
    assert suspect.reference(never, 2023, None, {}) is None


@pytest.mark.parametrize("source", ["previous", "report", "baseline", "target"])
def test_each_reference_can_make_a_value_suspect(source: str) -> None:
    baseline = (2020, 1.0) if source == "baseline" else None
    rule = make_rule(unit="家", target=2.0, baseline=baseline)
    earlier = [report(2022, obs(1.0))] if source == "report" else []
    last = report(2023, obs(10_000.0, previous=1.0 if source == "previous" else None))
    assert judge_last(rule, *earlier, last).status is Status.SUSPECT


def test_a_verified_note_clears_suspect_and_is_shown() -> None:
    rule = money_rule()
    note = "含一次性大额技术转让"
    result = judge_last(rule, report(2022, obs(0.31)), report(2023, obs(4600.0, verified=note)))
    assert result.status is Status.MET
    assert result.verified == note and result.as_written is None
    assert "核实说明：" + note in details(result, "zh")
    assert "Verified: " + note in details(result, "en")
    shown = " ".join(t.plain for t in report_lines(result, "zh"))
    assert "核实说明" in shown and note in shown


def test_a_blank_verified_note_does_not_clear_suspect() -> None:
    rule = money_rule()
    result = judge_last(rule, report(2022, obs(0.31)), report(2023, obs(4600.0, verified="  ")))
    assert result.status is Status.SUSPECT and result.verified is None


def test_an_unverified_suspect_value_is_no_base_point_for_later_years() -> None:
    rule = make_rule(unit="家", target=150.0)
    reports = [report(2021, obs(90.0)), report(2022, obs(900_000.0)), report(2023, obs(95.0))]
    series = build_series(rule, reports)
    assert 2022 not in series
    result = judge(make_ruleset(rule), rule, reports[-1], series)
    assert result.status is not Status.SUSPECT  # judged against 2021, not against the slip
    assert result.progress is not None and result.progress.base_year == 2021


def test_a_verified_unusual_value_is_a_base_point() -> None:
    rule = make_rule(unit="家", target=150.0)
    reports = [report(2021, obs(1.0)), report(2022, obs(10_000.0, verified="真的"))]
    assert build_series(rule, reports)[2022] == 10_000.0


def test_the_drill_down_shows_the_reading_and_the_status_as_written() -> None:
    rule = money_rule()
    result = judge_last(rule, report(2022, obs(0.31)), report(2023, obs(4600.0)))
    zh = " ".join(t.plain for t in calculation_lines(result, "zh"))
    en = " ".join(t.plain for t in calculation_lines(result, "en"))
    assert "是否应为 4600万元，即 0.46亿元？" in zh and "按原值判断：已达标" in zh
    assert "As written: met" in en


def test_the_drill_down_names_the_method() -> None:
    rule = make_rule(unit="个", target=2.0)
    linear = judge_last(rule, report(2021, obs(0.0)), report(2023, obs(1.0)))
    text = " ".join(t.plain for t in calculation_lines(linear, "en"))
    assert "linear method" in text and "share of the gap closed" in text
    growth = judge_last(rule, report(2021, obs(1.0)), report(2023, obs(1.5)))
    text = " ".join(t.plain for t in calculation_lines(growth, "zh"))
    assert "增长率法" in text and "自 2021 年以来时间已过 50%" in text


def test_unknown_indicator_warning_points_at_the_key() -> None:
    rule = make_rule()
    unknown = Report("r.yaml", "here", 2023, {"y": obs(1.0)}, Location("r.yaml"))
    _, warnings = evaluate([make_ruleset(rule)], [unknown])
    assert [str(w.location) for w in warnings] == [str(Location("r.yaml", 5, 3))]


def test_progress_numbers_are_always_finite() -> None:
    p = compute(
        Course(
            lower_is_better=False,
            base_year=2021,
            base_from=BaseFrom.SERIES,
            base_value=0.0,
            year=2022,
            value=1e308,
            target=1e-308,
            target_year=2025,
        )
    )
    for number in (p.ratio, p.projection, p.gap_closed, p.growth_needed):
        assert number is None or math.isfinite(number)
