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
DOCX: dict[str, tuple[str, str]] = {
    "title_one": (
        "{plan}主要指标{year}年度监测报告",
        "{plan}: main indicators, annual monitoring report {year}",
    ),
    "title_many": (
        "规划主要指标{year}年度监测报告",
        "Plan targets: annual monitoring report {year}",
    ),
    "plans_lead": ("本报告核查以下规划：", "This report checks the following plans:"),
    "checked": (
        "核查日期：{date}；核查工具：planck {version}",
        "Checked on {date} with planck {version}",
    ),
    "h_verdict": ("一、核查结论", "1. Verdict"),
    "h_overview": ("{n}、各地区指标完成情况概览", "{n}. Overview of all places"),
    "h_alerts": ("{n}、预警", "{n}. Early warning"),
    "h_years": ("{n}、主要指标完成情况表", "{n}. Main indicators by year"),
    "h_charts": ("{n}、主要指标走势图", "{n}. Indicators by year: charts"),
    "h_findings": ("{n}、需要关注的指标", "{n}. Indicators that need attention"),
    "h_errors": ("{n}、输入错误与警告", "{n}. Input errors and warnings"),
    "h_appendix": ("附录：来源与原文", "Appendix: sources and quotes"),
    "counts_table": ("表{no} 各状态结果数", "Table {no}. Results by status"),
    "overview_table": ("表{no} 各地区指标状态", "Table {no}. Status of each indicator by place"),
    "overview_part": (
        "（指标 {first}–{last}）",
        " (indicators {first}–{last})",
    ),
    "legend": ("指标编号：", "Indicator numbers:"),
    "marks": (
        "状态符号：✓ 已达标或进展顺利；! 需加快或进展有限；↓ 逆向变化；✗ 未达标、缺报、数值无效或"
        "存疑；? 无法评估或需人工判断；— 不适用。",
        "Marks: ✓ met or on track; ! needs acceleration or limited progress; ↓ deteriorating;"
        " ✗ missed, missing, invalid or suspect; ? not assessable or for review; — n/a.",
    ),
    "alerts_table": ("表{no} 预警指标", "Table {no}. Early warnings"),
    "years_table": ("表{no} {place}主要指标完成情况", "Table {no}. {place}: main indicators"),
    "latest_status": ("状态（{year}）", "Status ({year})"),
    "progress_of": ("完成进度（{year}）", "Progress ({year})"),
    "progress_note": (
        "完成进度 = 最新值 ÷ 目标值（“只增不减”类指标为 ÷ 上年值）。",
        "Progress = latest value ÷ target (for “never decreasing” indicators, ÷ last year's"
        " value).",
    ),
    "figure": ("图{no}", "Figure {no}"),
    "chart_place": ("{place}（{year} 年报告）", "{place} ({year} report)"),
    "charts_alerts_only": (
        "本次核查涉及 {places} 个地区，只为预警中的指标绘图（共 {n} 项）。",
        "This run covers {places} places: only the indicators on the early-warning list are"
        " drawn ({n}).",
    ),
    "charts_capped": (
        "图太多，只画出前 {shown} 幅（共 {n} 幅）。",
        "Too many charts: only the first {shown} of {n} are drawn.",
    ),
    "no_charts": ("没有可以绘图的数值。", "No values to draw."),
    "findings_lead": (
        "以下为各地区最近一年报告中需要关注的指标。",
        "The indicators that need attention in each place's latest report.",
    ),
    "no_findings": ("没有需要关注的指标。", "No indicator needs attention."),
    "findings_capped": (
        "地区较多，只列出有预警的地区（{shown} 个，共 {n} 个地区）。",
        "Many places: only the places with early warnings are listed ({shown} of {n}).",
    ),
    "source_no": ("出处 [{no}]", "source [{no}]"),
    "quote": ("原文", "Quote"),
    "errors": ("输入错误", "Input errors"),
    "warnings": ("警告", "Warnings"),
    "place": ("地区", "Place"),
    "count": ("数量", "Count"),
    "status": ("状态", "Status"),
    "no": ("序号", "No."),
    "numerals": ("一,二,三,四,五,六,七,八,九,十", "1,2,3,4,5,6,7,8,9,10"),
    "chart_legend": (
        "图例：reported 报告值（实线）；needed path 达到目标所需路径（虚线）；target 目标值；"
        "projected 按目前增速预计（点线）。",
        "Legend: reported values (solid); the path the target needs (dashed); the target;"
        " projected at the current pace (dotted).",
    ),
    "legend_item": ("{no}. {name}（{plan}）", "{no}. {name} ({plan})"),
    "fields_sep": ("；", "; "),
    "quoted": ("“{x}”", "“{x}”"),
}

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
