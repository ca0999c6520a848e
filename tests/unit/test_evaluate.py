"""SPEC §3: every status, every threshold boundary, every way to find a base point."""

from __future__ import annotations

import math

import pytest

from planck.domain import progress
from planck.domain.evaluate import build_series, evaluate, judge
from planck.errors import Location
from planck.model import (
    Baseline,
    Jurisdiction,
    Kind,
    Number,
    Observation,
    Report,
    Rule,
    RuleSet,
    Severity,
    Source,
    Status,
)

SOURCE = Source("Doc", "Issuer", None, "2022-06-01", "表1 第1行", "quote")


def make_rule(
    kind: Kind = Kind.AT_LEAST,
    target: float | None = 2.0,
    target_year: int | None = 2025,
    baseline: tuple[int, float] | None = None,
    binding: bool = True,
    unit: str = "%",
) -> Rule:
    return Rule(
        id="x",
        name="指标",
        name_en="Indicator",
        unit=unit,
        kind=kind,
        target=target,
        target_year=target_year,
        baseline=Baseline(*baseline) if baseline else None,
        binding=binding,
        source=SOURCE,
    )


def make_ruleset(rule: Rule) -> RuleSet:
    return RuleSet(
        id="rs",
        title="规划",
        title_en="Plan",
        jurisdictions=(Jurisdiction("here", "此地", "Here"),),
        period=(2021, 2025),
        binding=rule.binding,
        rules=(rule,),
        path="rs.yaml",
    )


def make_report(
    year: int, value: float | None, previous: float | None = None, unit: str | None = None
) -> Report:
    loc = Location(f"{year}.yaml", 5, 6)
    obs = Observation(
        indicator="x",
        number=Number(value, unit) if value is not None else None,
        problem=None,
        location=loc,
        raw=str(value),
        previous=Number(previous, unit) if previous is not None else None,
    )
    return Report(f"{year}.yaml", "here", year, {"x": obs}, Location(f"{year}.yaml"))


def run(rule: Rule, *points: tuple[int, float | None], previous: float | None = None):  # type: ignore[no-untyped-def]
    """Evaluate the last report of a series; ``previous`` goes on the last report."""
    reports = [make_report(y, v) for y, v in points[:-1]]
    last_year, last_value = points[-1]
    reports.append(make_report(last_year, last_value, previous))
    ruleset = make_ruleset(rule)
    return judge(ruleset, rule, reports[-1], build_series(rule, reports))


def value_for_ratio(ratio: float, x0: float, t0: int, t: int, target: float, big_t: int) -> float:
    required = (target / x0) ** (1 / (big_t - t0)) - 1
    return x0 * (1 + ratio * required) ** (t - t0)


# --- met / missed -------------------------------------------------------------------------


def test_met_when_value_reaches_target_before_target_year() -> None:
    result = run(make_rule(), (2022, 2.0))
    assert result.status is Status.MET
    assert result.severity is Severity.INFO


def test_met_at_exactly_the_target_in_the_target_year() -> None:
    assert run(make_rule(), (2025, 2.0)).status is Status.MET


def test_missed_in_target_year_is_error_when_binding() -> None:
    result = run(make_rule(binding=True), (2025, 1.99))
    assert result.status is Status.MISSED
    assert result.severity is Severity.ERROR


def test_missed_in_target_year_is_warning_when_anticipatory() -> None:
    result = run(make_rule(binding=False), (2025, 1.99))
    assert result.status is Status.MISSED
    assert result.severity is Severity.WARNING


# --- ratio boundaries (0.95, 0.60, 0) -----------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (1.5, Status.ON_TRACK),
        (0.95, Status.ON_TRACK),
        (0.95 - 1e-6, Status.NEEDS_ACCELERATION),
        (0.60, Status.NEEDS_ACCELERATION),
        (0.60 - 1e-6, Status.LIMITED_PROGRESS),
        (0.0, Status.LIMITED_PROGRESS),
        (-1e-6, Status.DETERIORATING),
        (-0.5, Status.DETERIORATING),
    ],
)
def test_ratio_thresholds(ratio: float, status: Status) -> None:
    value = value_for_ratio(ratio, 1.0, 2020, 2023, 2.0, 2025)
    result = run(make_rule(baseline=(2020, 1.0)), (2023, value))
    assert result.status is status
    assert result.progress is not None and result.progress.ratio is not None
    assert math.isclose(result.progress.ratio, ratio, abs_tol=1e-6)


@pytest.mark.parametrize(
    ("status", "severity"),
    [
        (Status.ON_TRACK, Severity.INFO),
        (Status.NEEDS_ACCELERATION, Severity.WARNING),
        (Status.LIMITED_PROGRESS, Severity.WARNING),
        (Status.DETERIORATING, Severity.WARNING),
    ],
)
def test_progress_severities(status: Status, severity: Severity) -> None:
    ratio = {
        Status.ON_TRACK: 1,
        Status.NEEDS_ACCELERATION: 0.8,
        Status.LIMITED_PROGRESS: 0.3,
        Status.DETERIORATING: -0.3,
    }[status]
    value = value_for_ratio(ratio, 1.0, 2020, 2022, 2.0, 2025)
    result = run(make_rule(baseline=(2020, 1.0)), (2022, value))
    assert (result.status, result.severity) == (status, severity)


def test_growth_rate_formula_matches_spec() -> None:
    # Base 1.28 (2020), 1.62 in 2023, target 2 in 2025.
    result = run(make_rule(baseline=(2020, 1.28)), (2023, 1.62))
    actual = (1.62 / 1.28) ** (1 / 3) - 1
    required = (2 / 1.28) ** (1 / 5) - 1
    assert result.progress is not None
    assert result.progress.ratio == pytest.approx(actual / required, abs=1e-9)
    assert result.status is Status.NEEDS_ACCELERATION
    assert result.progress.projection == pytest.approx(1.62 * (1 + actual) ** 2)
    assert result.progress.growth_needed == pytest.approx((2 / 1.62) ** (1 / 2) - 1)
    assert result.progress.time_elapsed == pytest.approx(3 / 5)
    assert result.progress.gap_closed == pytest.approx((1.62 - 1.28) / (2 - 1.28))


def test_displayed_ratio_never_rounds_up_across_a_boundary() -> None:
    assert progress.floor_ratio(0.94999) == 0.949
    assert progress.floor_ratio(0.95) == 0.95
    assert progress.floor_ratio(-0.1012) == -0.102


# --- base point ---------------------------------------------------------------------------


def test_baseline_is_the_base_point() -> None:
    result = run(make_rule(baseline=(2020, 1.0)), (2022, 1.5))
    assert result.progress is not None
    assert (result.progress.base_year, result.progress.base_from) == (2020, "baseline")


def test_without_baseline_the_earliest_earlier_report_is_the_base() -> None:
    result = run(make_rule(), (2021, 1.0), (2022, 1.1), (2023, 1.4))
    assert result.progress is not None
    assert (result.progress.base_year, result.progress.base_value) == (2021, 1.0)


def test_previous_counts_as_a_value_for_year_minus_one() -> None:
    result = run(make_rule(), (2023, 1.5), previous=1.4)
    assert result.progress is not None
    assert (result.progress.base_year, result.progress.base_value) == (2022, 1.4)


def test_baseline_in_the_report_year_is_not_a_base_point() -> None:
    result = run(make_rule(baseline=(2021, 1.0)), (2021, 1.5))
    assert result.status is Status.UNASSESSED


def test_unassessed_without_any_earlier_value() -> None:
    result = run(make_rule(), (2022, 1.5))
    assert result.status is Status.UNASSESSED
    assert result.severity is Severity.INFO
    assert result.progress is None


def test_base_at_zero_uses_the_linear_method() -> None:
    result = run(make_rule(target=1.0, unit="个"), (2021, 0.0), (2023, 0.5))
    assert result.progress is not None and result.progress.ratio is not None
    assert result.progress.method == "linear"
    # half the gap closed in half the time
    assert result.progress.ratio == pytest.approx((0.5 / 1.0) / (2 / 4))
    assert result.status is Status.ON_TRACK
    assert "线性法" in result.message.render("zh")
    assert "(linear)" in result.message.render("en")


def test_value_stuck_at_zero_is_no_progress_not_deterioration() -> None:
    result = run(make_rule(target=1.0, unit="个"), (2021, 0.0), (2023, 0.0))
    assert result.status is Status.LIMITED_PROGRESS
    assert result.progress is not None and result.progress.ratio == 0


def test_target_of_zero_uses_the_linear_method_lower_is_better() -> None:
    rule = make_rule(kind=Kind.AT_MOST, target=0.0, unit="个")
    result = run(rule, (2021, 10.0), (2023, 5.0))
    assert result.progress is not None and result.progress.ratio is not None
    assert result.progress.method == "linear"
    assert result.progress.ratio == pytest.approx(((5 - 10) / (0 - 10)) / (2 / 4))
    assert result.status is Status.ON_TRACK


def test_base_already_past_target_then_falling_below_is_deteriorating() -> None:
    result = run(make_rule(baseline=(2020, 2.5)), (2023, 1.9))
    assert result.status is Status.DETERIORATING
    assert result.progress is not None and result.progress.ratio is None


# --- at_most ------------------------------------------------------------------------------


def test_at_most_met_when_at_or_below_target() -> None:
    assert run(make_rule(kind=Kind.AT_MOST, target=5.0), (2022, 5.0)).status is Status.MET


def test_at_most_falling_toward_target_is_on_track() -> None:
    rule = make_rule(kind=Kind.AT_MOST, target=5.0, baseline=(2020, 10.0))
    value = value_for_ratio(1.0, 10.0, 2020, 2023, 5.0, 2025)
    assert run(rule, (2023, value)).status is Status.ON_TRACK


def test_at_most_rising_is_deteriorating() -> None:
    rule = make_rule(kind=Kind.AT_MOST, target=5.0, baseline=(2020, 10.0))
    assert run(rule, (2023, 11.0)).status is Status.DETERIORATING


def test_at_most_slow_fall_needs_acceleration() -> None:
    rule = make_rule(kind=Kind.AT_MOST, target=5.0, baseline=(2020, 10.0))
    value = value_for_ratio(0.7, 10.0, 2020, 2023, 5.0, 2025)
    assert run(rule, (2023, value)).status is Status.NEEDS_ACCELERATION


def test_at_most_missed_in_target_year() -> None:
    rule = make_rule(kind=Kind.AT_MOST, target=5.0)
    assert run(rule, (2025, 5.1)).status is Status.MISSED


# --- non_decreasing -----------------------------------------------------------------------


def nd_rule(baseline: tuple[int, float] | None = None, binding: bool = True) -> Rule:
    return make_rule(
        kind=Kind.NON_DECREASING,
        target=None,
        target_year=None,
        baseline=baseline,
        binding=binding,
        unit="万元",
    )


def test_non_decreasing_with_previous() -> None:
    assert run(nd_rule(), (2023, 100.0), previous=100.0).status is Status.MET
    result = run(nd_rule(), (2023, 99.0), previous=100.0)
    assert (result.status, result.severity) == (Status.MISSED, Severity.ERROR)
    assert result.compared_with == (2022, 100.0)


def test_non_decreasing_fall_is_warning_when_anticipatory() -> None:
    result = run(nd_rule(binding=False), (2023, 99.0), previous=100.0)
    assert (result.status, result.severity) == (Status.MISSED, Severity.WARNING)


def test_non_decreasing_with_the_previous_years_report() -> None:
    result = run(nd_rule(), (2022, 120.0), (2023, 110.0))
    assert result.status is Status.MISSED
    assert result.compared_with == (2022, 120.0)


def test_non_decreasing_previous_wins_over_the_previous_report() -> None:
    result = run(nd_rule(), (2022, 120.0), (2023, 110.0), previous=105.0)
    assert result.status is Status.MET
    assert result.compared_with == (2022, 105.0)


def test_non_decreasing_with_a_baseline_of_year_minus_one() -> None:
    assert run(nd_rule(baseline=(2020, 1934.0)), (2021, 2000.0)).status is Status.MET
    assert run(nd_rule(baseline=(2020, 1934.0)), (2021, 1900.0)).status is Status.MISSED


def test_non_decreasing_ignores_an_older_baseline_and_gaps() -> None:
    # 2020 baseline, report for 2022 only: nothing for 2021 to compare with.
    result = run(nd_rule(baseline=(2020, 1934.0)), (2022, 2000.0))
    assert result.status is Status.UNASSESSED


def test_non_decreasing_with_nothing_is_unassessed() -> None:
    result = run(nd_rule(), (2023, 100.0))
    assert (result.status, result.severity) == (Status.UNASSESSED, Severity.INFO)


# --- missing, invalid, review -------------------------------------------------------------


def test_missing_value_is_an_error_even_when_anticipatory() -> None:
    result = run(make_rule(binding=False), (2023, None))
    assert (result.status, result.severity) == (Status.MISSING, Severity.ERROR)


def test_absent_indicator_is_missing() -> None:
    rule = make_rule()
    report = Report("a.yaml", "here", 2023, {}, Location("a.yaml"))
    result = judge(make_ruleset(rule), rule, report, {})
    assert result.status is Status.MISSING
    assert result.location is None


def test_unit_that_does_not_convert_is_invalid() -> None:
    rule = make_rule(unit="%")
    report = make_report(2023, 1.5, unit="万元")
    result = judge(make_ruleset(rule), rule, report, {})
    assert (result.status, result.severity) == (Status.INVALID, Severity.ERROR)
    assert "万元" in result.message.render("en")


def test_money_converts_between_units() -> None:
    rule = make_rule(target=0.5, unit="亿元")
    report = make_report(2023, 5000.0, unit="万元")
    result = judge(make_ruleset(rule), rule, report, {})
    assert result.status is Status.MET
    assert result.value == pytest.approx(0.5)


def test_invalid_previous_makes_the_result_invalid() -> None:
    rule = nd_rule()
    report = make_report(2023, 100.0, previous=-5.0)
    result = judge(make_ruleset(rule), rule, report, build_series(rule, [report]))
    assert result.status is Status.INVALID
    assert "previous" in result.message.render("en")


def test_qualitative_rule_asks_for_review() -> None:
    rule = make_rule(kind=Kind.QUALITATIVE, target=None, unit="个")
    result = run(rule, (2023, 6.0))
    assert (result.status, result.severity) == (Status.REVIEW, Severity.INFO)


def test_evaluate_warns_on_unknown_indicator_with_closest_id() -> None:
    rule = make_rule()
    rule = Rule(**{**{f: getattr(rule, f) for f in rule.__slots__}, "id": "rd_intensity"})  # type: ignore[attr-defined]
    report = make_report(2023, 1.5)
    obs = report.observations["x"]
    report = Report(
        report.file, report.jurisdiction, report.year, {"rd_intensty": obs}, report.location
    )
    results, warnings = evaluate([make_ruleset(rule)], [report])
    assert [r.status for r in results[0]] == [Status.MISSING]
    assert len(warnings) == 1
    assert "did you mean 'rd_intensity'" in warnings[0].message.render("en")


# --- messages: their numbers are formatted when they are shown -----------------------------


def test_a_message_pickles_as_its_numbers_and_renders_the_same_in_either_language() -> None:
    import pickle

    result = run(make_rule(baseline=(2020, 1.0)), (2022, 1.3))
    text = "ratio 0.942: +14.0% a year, +14.9% needed; +15.4% a year from now to reach 2% by 2025"
    before = pickle.dumps(result.message)
    assert result.message.render("en") == text
    after = pickle.dumps(result.message)
    # pickled as the numbers it was judged from, not as formatted text, rendered or not
    assert b"+14.0%" not in before and b"+14.0%" not in after
    again = pickle.loads(after)
    assert again.render("en") == text
    assert again.render("zh") == result.message.render("zh")
    assert result.message.render("zh").startswith("进度比 0.942：")
    assert again == result.message  # equal as the texts they stand for
    params = result.message.params
    assert {"R", "a", "r", "g", "T", "t"} <= set(params)
    assert params["R"] == "0.942" and dict(params) == {**params}


def test_a_message_never_names_a_number_its_facts_do_not_have() -> None:
    # met: the message gives no progress, so it has no ratio to name
    result = run(make_rule(baseline=(2020, 1.0)), (2022, 2.5))
    assert result.status is Status.MET
    assert "R" not in result.message.params
    assert "v" in result.message.params
    with pytest.raises(KeyError):
        result.message.params["R"]


def test_a_never_decreasing_message_still_gives_its_numbers() -> None:
    result = run(make_rule(kind=Kind.NON_DECREASING, target=None), (2022, 5.0), (2023, 4.5))
    assert result.status is Status.MISSED
    assert result.message.render("en") == "4.5%, down 0.5% from 2022 (5%): it must never fall"
    assert result.message.render("zh") == "4.5%，比 2022 年（5%）减少 0.5%，违反“只增不减”"
