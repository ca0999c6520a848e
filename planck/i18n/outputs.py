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
    "checked_on": ("核查日期", "Date of the check"),
    "columns_legend": ("表头编号对应的指标", "Indicators by column number"),
    "charts": ("逐年走势图", "Charts by year"),
    "charts_lead": (
        "实线为逐年数值，虚线为达到目标所需路径，点线为按目前进度的预计，菱形为目标值。"
        "走势图只画在各地区最近一年的报告中。",
        "Solid: values by year; dashed: the path the target needs; dotted: where the current"
        " pace leads; diamond: the target. Charts are drawn in each place's latest report only.",
    ),
    "legend": ("列号对应的指标", "Columns"),
}

# `planck template … -o form.xlsx`: the fill-in form.
FORM: dict[str, tuple[str, str]] = {
    "title": ("{place} {year} 年度指标填报表", "{place}: annual indicator form for {year}"),
    "how": ("填报方法", "How to fill in the form"),
    "how.where": (
        "只在“填报表”工作表的“数值”列填写数字，每个指标一行；其他列不要改动。",
        "Type a number in the column 数值 (value) of the sheet 填报表, one row per indicator;"
        " leave the other columns as they are.",
    ),
    "how.units": (
        "按“单位”列的单位填写，只填数字：单位为“万元”时 2450 万元填 2450；百分比指标 1.62% 填"
        " 1.62（在 Excel 中输入 1.62% 也可以）。",
        "Use the unit in the column 单位 (unit) and type the number only: for 万元, 2,450 万元 is"
        " 2450; for a percentage, 1.62% is 1.62 (typing 1.62% in Excel also works).",
    ),
    "how.previous": (
        "“上年值”是 {year} 年的数值：已预填的请核对，空着的请补填；“只增不减”类指标需要它才能评估。",
        "上年值 (previous) is the value for {year}: check it where it is filled in, and fill it"
        " in where it is empty; a “never decreasing” indicator cannot be assessed without it.",
    ),
    "how.empty": (
        "“数值”留空即为“缺报”（不是 0）；确实为 0 的请填 0。",
        "An empty 数值 cell means the figure is missing (缺报), not zero; type 0 only for a"
        " real zero.",
    ),
    "how.verified": (
        "若核查结果为“数值存疑”（疑似单位或小数点错误），而核实后数值无误，请在“核实说明”列写明"
        "核实情况，即可解除存疑；“备注”列可写其他说明。",
        "If the check says 数值存疑 (suspect: a likely unit or decimal slip) but the figure is"
        " right, say how it was confirmed in the column 核实说明 (verified): that clears the"
        " flag. The column 备注 (note) is for anything else.",
    ),
    "how.check": (
        "填好后保存为 .xlsx，用 planck check 文件名 检查。",
        "Save it as .xlsx and check it with planck check FILE.",
    ),
    "targets": ("各指标的规划目标与出处", "Each indicator's target and where it comes from"),
    "col.name": ("指标名称", "Indicator name"),
    "col.id": ("代码", "Id"),
    "col.target": ("规划目标", "Target"),
    "col.target_year": ("目标年份", "Target year"),
    "col.base": ("基期", "Baseline"),
    "col.kind": ("类型", "Kind"),
    "col.binding": ("属性", "Binding or not"),
    "col.ruleset": ("规则集", "Rule set"),
    "col.document": ("规划文件", "Document"),
    "col.number": ("文号", "Document no."),
    "col.locator": ("位置", "Locator"),
    "col.quote": ("原文", "Quote"),
    "none": ("—", "—"),
    "prompt.title": ("填写数值", "Value"),
    "prompt.text": (
        "只填数字，单位：{unit}。留空即为缺报。",
        "A number only, in {unit}. Empty means missing.",
    ),
    "error.title": ("不是有效数值", "Not a valid value"),
    "error.percent": (
        "请填写 0–100 之间的数字（百分比 1.62% 填 1.62），不要带文字。",
        "Type a number from 0 to 100 (1.62% is 1.62), without words.",
    ),
    "error.amount": (
        "请填写不小于 0 的数字，按“单位”列的单位，不要带文字。",
        "Type a number of at least 0, in the unit of the column 单位, without words.",
    ),
}

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
