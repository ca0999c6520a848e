"""The review's drill-down for the two kinds that state a target as a rate or a percent change,
driven with Textual's Pilot over tests/data/new-kinds: the calculation step by step, on screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from planck.engine.check import run_check
from planck.tui.chart import SeriesChart
from planck.tui.screens.detail import DetailScreen
from planck.tui.screens.overview import OverviewScreen
from planck.tui.table import CELL_PADDING, SCROLLBAR, columns_for, unit_cut
from tests.conftest import ROOT
from tests.tui_support import new_app, run_async, screen_text, settle

REPORTS = "tests/data/new-kinds/reports"
RULES = ["tests/data/new-kinds/rules"]


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


async def open_rule(pilot: object, years_down: int, rows_down: int) -> None:
    """From the first report, ``years_down`` years on in the tree, the rule ``rows_down`` rows
    down the table, opened."""
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("tab", *["down"] * years_down, "tab", *["down"] * rows_down, "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


@run_async
async def test_growth_rate_lagging_is_worked_out_step_by_step(at_root: Path) -> None:
    app = new_app(REPORTS, rules=RULES)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_rule(pilot, 0, 0)  # 2022: R&D spending, growth below 7% a year
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert "全社会研发经费投入" in text and "! 需加快" in text
        # g from the base point, in numbers, then R = g ÷ rate and the band
        assert "年均增长率：g = (x ÷ x0)^(1 ÷ (t − t0)) − 1（基点为规则的基期值）" in text
        assert "g = (11 ÷ 10)^(1 ÷ 2) − 1 = +4.9%" in text
        assert "目标：年均增长 7% 以上（至 2025 年）" in text
        assert "R = g ÷ 7% = +4.9% ÷ 7% = 0.697 → ! 需加快（0.60 ≤ R < 0.95）" in text
        # where the plan's rate leads (10 × 1.07^5 = 14.03) and what gets back to it
        assert "按年均 7%：2020 年 10 → 2025 年 14.03亿元" in text
        assert "仍需年均增速：+8.4%（2022 → 2025 年，才能回到 14.03亿元）" in text
        await pilot.press("l")  # the same, in English
        await settle(pilot)
        text = screen_text(app)
        assert "R = g ÷ 7% = +4.9% ÷ 7% = 0.697 → ! needs acceleration" in text
        assert "+8.4% a year from 2022 to 2025 to get back to 14.03 亿元" in text


@run_async
async def test_growth_rate_met_says_so_without_a_ratio_band(at_root: Path) -> None:
    app = new_app(REPORTS, rules=RULES)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_rule(pilot, 1, 0)  # 2023: 10 → 12.3 over three years is 7.1% a year
        text = screen_text(app)
        assert "g = (12.3 ÷ 10)^(1 ÷ 3) − 1 = +7.1%" in text
        assert "g = +7.1% ≥ 7%：已达到目标" in text
        assert "仍需年均增速" not in text


@run_async
async def test_cumulative_change_shows_the_absolute_target_then_the_ratio(at_root: Path) -> None:
    app = new_app(REPORTS, rules=RULES)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_rule(pilot, 2, 1)  # 2024: energy intensity, a small fall so far
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert "单位地区生产总值能源消耗" in text and "! 进展有限" in text
        assert "累计降低 13.5%（以 2020 年 0.5吨标准煤/万元 为基数）" in text
        assert "x* = 0.5 × (1 − 13.5%) = 0.4325吨标准煤/万元" in text
        assert "按“不高于 x*”判断" in text
        assert "所需：2020 年 0.5 → 2025 年 0.4325（5 年）" in text
        assert "R = -1.0% ÷ -2.9% = 0.355 → ! 进展有限（0 ≤ R < 0.60）" in text
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)


@run_async
async def test_growth_rate_without_a_base_says_why(at_root: Path, tmp_path: Path) -> None:
    report = tmp_path / "2022.yaml"
    report.write_text(
        "jurisdiction: example\nyear: 2022\nindicators:\n  rd_spending_growth: 11\n",
        encoding="utf-8",
    )
    rules = tmp_path / "rules.yaml"
    text = (ROOT / RULES[0] / "example-new-kinds.yaml").read_text("utf-8")
    rules.write_text(text.replace("baseline: {year: 2020, value: 10}", ""), encoding="utf-8")
    app = new_app(str(report), rules=[str(rules)])
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        screen = screen_text(app)
        assert "? 无法评估" in screen
        assert "没有更早的数据，无法计算年均增速" in screen


@run_async
async def test_long_units_give_way_at_80_columns(at_root: Path) -> None:
    """吨标准煤/万元 would make the table wider than the screen: its last row would hide behind
    a sideways scrollbar. The units are cut instead, never the numbers."""
    app = new_app(REPORTS, rules=RULES)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        rows = [line for line in text.splitlines() if "0.697" in line or "1.065" in line]
        assert len(rows) == 2  # both rules, each with its ratio
        energy = next(line for line in rows if "1.065" in line)
        assert "0.47吨" in energy and "≤ 0.4325吨" in energy
        assert all(len(line) <= 80 for line in text.splitlines())


def test_unit_cut_keeps_the_number_whole() -> None:
    assert unit_cut("≤ 0.4325吨标准煤/万…", "吨标准煤/万元", 12) == "≤ 0.4325吨…"
    assert unit_cut("0.47吨标准煤/万…", "吨标准煤/万元", 10) == "0.47吨标…"
    assert unit_cut("1.62%", "%", 10) == "1.62%"  # fits: as it is
    assert unit_cut("年均 ≥ 7%", "亿元", 5) == "年均 ≥ 7%"  # no unit of the rule's to cut


def test_columns_fit_the_width_with_long_units() -> None:
    for width in (60, 63, 80):
        columns = columns_for((10, 16, 20), "zh", width)
        used = columns.status + columns.indicator + columns.value + columns.target
        assert used + columns.progress + 5 * CELL_PADDING + SCROLLBAR <= width
        assert columns.value >= 10 and columns.target >= 12  # room for the numbers


def test_chart_never_shows_the_needed_value_as_the_reported_one() -> None:
    """2022 reports 0.47 where the path needs 0.4717 (lower is better): the chart must not
    show both as 0.47; in the target year it shows x* whole (0.4325), beside ~0.428."""
    run = run_check([str(ROOT / REPORTS)], [str(ROOT / RULES[0])])
    result = next(
        r
        for i, report in enumerate(run.reports)
        if report.year == 2022
        for r in run.results[i]
        if r.rule.id == "energy_intensity"
    )
    console = Console(width=100, color_system=None, file=io.StringIO(), record=True)
    console.print(SeriesChart(result, "zh"))
    lines = {
        line.split()[1] if line.startswith("▶") else line.split()[0]: line
        for line in console.export_text().splitlines()
        if "20" in line[:8]
    }
    assert lines["2022"].split()[-2:] == ["0.472", "本报告"]
    assert lines["2022"].split()[-3] == "0.47"
    assert lines["2025"].split()[-3:] == ["~0.428", "0.4325", "目标"]
