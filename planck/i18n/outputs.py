"""The words of the documents planck writes for people beyond the terminal: the overview of
many places, the indicators-by-year table, the early-warning list (shared by every report
format), the fill-in form (`planck template`), the Word report and the Excel workbook.

One table per part; planck.i18n.words joins them as overview.<key>, form.<key>, docx.<key> and
workbook.<key>."""

from __future__ import annotations

# Shared by the terminal, HTML, Markdown, Word and Excel reports, and the review's overview.
OVERVIEW: dict[str, tuple[str, str]] = {
    "title": ("各地区指标完成情况概览", "Overview of all places"),
    "lead": (
        "共 {n} 个地区，每个地区取最近一年；问题最多的地区排在最前。",
        "{n} places, each at its latest year; the places with the most problems come first.",
    ),
    "place": ("地区", "Place"),
    "year": ("年份", "Year"),
    "worst": ("最差状态", "Worst status"),
    "problems": ("问题数", "Problems"),
    "counts": ("各状态数量", "Results by status"),
    "alerts": (
        "预警：可能完不成的约束性指标",
        "Early warning: binding targets likely to be missed",
    ),
    "alerts_lead": (
        "以下约束性指标已未达标，或按目前进度到目标年份达不到目标。",
        "These binding targets were missed, or will not be reached by the target year at the"
        " current pace.",
    ),
    "no_alerts": (
        "无预警：没有可能完不成的约束性指标。",
        "No early warnings: no binding target is likely to be missed.",
    ),
    "indicator": ("指标", "Indicator"),
    "status": ("状态", "Status"),
    "value": ("最新值", "Latest value"),
    "target": ("目标", "Target"),
    "projection": ("按目前进度预计", "Projected at the current pace"),
    "not_judged": ("不适用", "n/a"),
    "years_title": ("主要指标完成情况表", "Main indicators by year"),
    "years_place": ("{place}主要指标完成情况表", "Main indicators by year: {place}"),
    "unit": ("单位", "Unit"),
    "base": ("基期", "Base"),
    "progress": ("完成进度", "Progress"),
    "chart_caption": (
        "图：{indicator}逐年数值（实线）、达到目标所需路径（虚线）与目标值",
        "Figure: {indicator}, values by year (solid), the path the target needs (dashed) and"
        " the target",
    ),
}

# `planck template … -o form.xlsx`: the fill-in form.
FORM: dict[str, tuple[str, str]] = {}

# `planck report … --docx`: the Word report.
DOCX: dict[str, tuple[str, str]] = {}

# `planck report … --xlsx`: the Excel workbook of results.
WORKBOOK: dict[str, tuple[str, str]] = {
    "sheet_overview": ("总览", "Overview"),
    "sheet_alerts": ("预警", "Alerts"),
    "sheet_sources": ("出处", "Sources"),
    "sheet_messages": ("输入错误与警告", "Input errors and warnings"),
    "place": ("地区", "Place"),
    "checked": (
        "核查日期 {date} · planck {version} · {totals}",
        "Checked on {date} · planck {version} · {totals}",
    ),
    "base_year": ("基期年份", "Base year"),
    "base_value": ("基期值", "Base value"),
    "target_value": ("目标值", "Target value"),
    "target_year": ("目标年份", "Target year"),
    "latest_status": ("最新状态", "Latest status"),
    "ratio": ("进度比 R", "Progress ratio R"),
    "chart_data": ("图表数据：{indicator}", "Chart data: {indicator}"),
    "chart_actual": ("实际值", "Reported"),
    "chart_path": ("达标所需路径", "Path to the target"),
    "chart_projected": ("按目前进度预计", "Projected at the current pace"),
}
