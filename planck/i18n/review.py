"""The review's (planck review) own words, in Chinese and English: the keys, the overview,
the detail screen, the editor, save and reload messages, and what each status means.
Read them as review.<key> with planck.i18n.word, or with planck.tui.strings.tr."""

from __future__ import annotations

REVIEW: dict[str, tuple[str, str]] = {
    # footer (short) and help screen (long) descriptions of the keys
    "key.details": ("详情", "Open"),
    "key.details.long": (
        "查看所选规则的详情：出处、逐年数值、走势、进度计算",
        "open the selected rule: source, values by year, trend, the ratio worked out",
    ),
    "key.back": ("返回", "Back"),
    "key.back.long": (
        "从详情返回总览；在总览中清除搜索和筛选",
        "back from details; clear the search and the filter",
    ),
    "key.problems": ("问题", "Issues"),
    "key.problems.long": (
        "只显示有问题（警告和错误）的地区、年份和结果；再按一次显示全部",
        "show only the places, years and results with a warning or an error; press again to"
        " show all",
    ),
    "key.search": ("搜索", "Find"),
    "key.search.long": ("按规则 id 或指标名称搜索", "search rules by id or indicator name"),
    "key.lang": ("English", "中文"),
    "key.lang.long": ("切换界面语言（中文 / English）", "switch language (中文 / English)"),
    "key.reload": ("刷新", "Reload"),
    "key.reload.long": (
        "重新读取并检查全部文件（文件改动后也会自动刷新）",
        "read and check every file again (also happens by itself when a file changes)",
    ),
    "key.edit": ("编辑", "Edit"),
    "key.edit.long": (
        "在 $EDITOR 中打开所选数值所在的文件和行",
        "open the selected value's file at its line in $EDITOR",
    ),
    "key.save": ("保存", "Save"),
    "key.save.long": (
        "保存报告（同 planck report）：HTML、Markdown、Word、Excel、SVG 或文本，按文件名后缀",
        "save the report (as planck report): HTML, Markdown, Word, Excel, SVG or text, by the"
        " name's ending",
    ),
    "key.help": ("帮助", "Help"),
    "key.help.long": ("显示本帮助", "show this help"),
    "key.quit": ("退出", "Quit"),
    "key.quit.long": ("退出 planck review", "quit planck review"),
    "key.focus.long": (
        "在地区/年份列表与规则表之间切换",
        "move between the jurisdiction/year list and the rule table",
    ),
    "key.move.long": ("上下移动；选中年份即显示该年报告", "move; a year shows that report"),
    "key.palette": ("命令", "commands"),
    "key.palette.long": ("命令面板（以上操作均可在此找到）", "command palette (all of the above)"),
    "key.theme": ("明暗主题", "Light/dark"),
    "key.theme.long": ("切换明亮 / 暗色主题", "switch between the light and dark themes"),
    # overview
    "app.title": ("planck 审阅", "planck review"),
    "loading": ("正在读取并检查报告…", "Reading and checking the reports…"),
    "reports": ("份报告", "report(s)"),
    "results": ("项结果", "result(s)"),
    "errors.node": ("输入错误", "Input errors"),
    "no.reports": (
        "没有可审阅的报告：下列文件无法读取",
        "No report to review: the files listed could not be read",
    ),
    "no.rows": ("没有符合条件的规则", "No rule matches"),
    "filter.problems": ("仅显示问题", "problems only"),
    "filter.search": ("搜索", "search"),
    "filter.shown": ("显示 {n}/{total} 条", "showing {n} of {total}"),
    "filter.clear": ("（Esc 清除）", "(Esc clears)"),
    "search.placeholder": (
        "输入规则 id 或指标名称；Enter 确定，Esc 清除",
        "rule id or indicator name; Enter to keep, Esc to clear",
    ),
    "progress": ("进度", "Ratio"),
    "warnings.here": ("条警告", "warning(s)"),
    "error.title": ("输入错误", "Input error"),
    "error.hint": (
        "此文件未能读取，改正后会自动刷新。按 e 在编辑器中打开。",
        "This file could not be read; it is checked again when it changes. Press e to edit it.",
    ),
    # verdicts
    "verdict.pass": ("✓ 通过", "✓ Passed"),
    "verdict.fail": ("✗ 未通过", "✗ Failed"),
    "verdict.input": ("✗ 输入错误", "✗ Input errors"),
    "verdict.unassessed": (
        "? 无法评估：没有一项指标可评估",
        "? Not assessable: nothing could be assessed",
    ),
    # detail
    "detail.source": ("出处", "Source"),
    "detail.series": ("逐年数值与所需路径", "Values by year and the path to the target"),
    "detail.calc": ("进度计算", "How the ratio is worked out"),
    "detail.report": ("报告中的数值", "The value in the report"),
    "detail.rule": ("规则详情", "The rule"),
    "detail.gone": (
        "刷新后此规则不再适用于该报告（文件可能已改动或出错）。按 Esc 返回。",
        "After reloading, this rule no longer applies to this report (the file may have changed "
        "or become invalid). Press Esc to go back.",
    ),
    "detail.likely": ("可能的读法", "Likely reading"),
    "detail.as_written": ("按原值判断", "As written"),
    "detail.base_baseline": ("基点为规则的基期值", "the base is the rule's baseline"),
    "detail.base_earliest": ("基点为最早的往年数值", "the base is the earliest earlier value"),
    "detail.time_task": ("时间过半、任务过半", "Time vs. task"),
    "detail.previous": ("上年值（previous）", "Previous (year − 1)"),
    "detail.edit_hint": ("按 e 在编辑器中打开", "press e to open it in $EDITOR"),
    "detail.suspect_hint": (
        "数值存疑的值不作为其他年份的基点或参考值；核实无误后请在报告中写明 verified（核实说明）。",
        "A suspect value is no base point or reference for other years; once checked, give a"
        " `verified` note in the report.",
    ),
    "detail.met_ratio": (
        "；已达到目标，进度比仅供参考",
        "; the target is met, the ratio is for information",
    ),
    "chart.actual": ("实际", "actual"),
    "chart.path": ("所需路径", "needed path"),
    "chart.projected": ("按当前增速预测", "projected at the current rate"),
    "chart.year": ("年份", "Year"),
    "chart.base": ("基点", "base"),
    "chart.target": ("目标", "target"),
    "chart.this": ("本报告", "this report"),
    # editor / save / reload messages
    "edit.noeditor": (
        "未设置 $EDITOR（或 $VISUAL），无法打开编辑器",
        "$EDITOR (or $VISUAL) is not set: cannot open an editor",
    ),
    "edit.nothing": ("没有可打开的位置", "nothing to open here"),
    "edit.failed": ("无法启动编辑器：{e}", "cannot start the editor: {e}"),
    "save.title": ("保存审阅报告", "Save the review"),
    "save.hint": (
        "保存的内容与 planck report 相同，格式由文件名后缀决定：{s}。Enter 保存，Esc 取消。",
        "Saves what planck report writes, in the format the name's ending asks for: {s}."
        " Enter saves, Esc cancels.",
    ),
    "save.suffix": (
        "无法按此后缀保存：文件名须以 {s} 之一结尾。",
        "Cannot save under that ending: the name must end in one of {s}.",
    ),
    "save.started": ("正在保存 {p}…", "Saving {p}…"),
    "save.done": ("已保存：{p}", "Saved: {p}"),
    "save.failed": ("无法保存 {p}：{e}", "cannot save {p}: {e}"),
    "save.empty": ("请输入文件名", "enter a file name"),
    "reload.done": ("已刷新：{n} 份报告", "Reloaded: {n} report(s)"),
    "reload.failed": (
        "刷新失败，仍显示上次的结果：{e}",
        "Reload failed; showing the last results: {e}",
    ),
    "reload.newerror": ("{f} 现在有错误：{m}", "{f} now has an error: {m}"),
    "help.title": ("按键", "Keys"),
    # counts in a verdict
    "count.errors": ("{n} 项错误", "{n} error(s)"),
    "count.no_errors": ("无错误", "no errors"),
    "count.warnings": ("{n} 项警告", "{n} warning(s)"),
    "count.no_warnings": ("无警告", "no warnings"),
    "count.sep": ("，", ", "),
    # the places in the tree: their order and filter
    "key.sort": ("排序", "Sort"),
    "key.sort.long": (
        "地区排序：按名称（拼音/英文名）或最差状态优先，再按一次切换",
        "order the places by name, or worst first; press again to switch",
    ),
    "places.order.name": ("按名称排序", "by name"),
    "places.order.worst": ("最差优先", "worst first"),
    "places.problems": ("仅问题 {n}/{total}", "problems {n}/{total}"),
    "places.none": ("没有存在问题的地区", "No place has a problem"),
    # the overview of all places (o)
    "key.overview": ("概览", "Overview"),
    "key.overview.long": (
        "各地区概览：每个地区最近一年的各指标状态（最差的在前）、各状态数量和预警",
        "all places at a glance: each place's latest year by indicator (worst first), the"
        " counts per status and the early warnings",
    ),
    "places.loading": ("正在汇总全部结果…", "Gathering every result…"),
    "places.failed": ("无法生成概览：{e}", "cannot build the overview: {e}"),
    "places.legend": ("指标编号", "Indicator columns"),
    "places.alerts_more": (
        "此处列出最严重的 {n} 条，另有 {more} 条未列出；按 s 保存报告可查看全部。",
        "The worst {n} are listed here, {more} more are not; save a report (s) to see them all.",
    ),
    "help.statuses": ("状态", "Statuses"),
    "help.close": ("按 Esc 或 ? 关闭", "Esc or ? closes"),
}

# What each status means, for the help screen (SPEC §3): the keys are the status values.
STATUS_HELP: dict[str, tuple[str, str]] = {
    "met": ("数值已达到目标（或“只增不减”未减少）", "the value meets the target (or did not fall)"),
    "on_track": ("尚未达标，进度比 R ≥ 0.95", "below target, ratio R ≥ 0.95"),
    "needs_acceleration": ("0.60 ≤ R < 0.95", "0.60 ≤ R < 0.95"),
    "limited_progress": ("0 ≤ R < 0.60", "0 ≤ R < 0.60"),
    "deteriorating": ("R < 0：正在远离目标", "R < 0: moving away from the target"),
    "missed": (
        "目标年未达标，或“只增不减”的数值减少（约束性为错误，预期性为警告）",
        "target year reached and missed, or a value that must not fall fell",
    ),
    "missing": ("未报告数值", "no value reported"),
    "invalid": ("数值无法使用", "the value cannot be used"),
    "suspect": (
        "数值疑似单位或数量级错误，需核实或更正（填写 verified 核实说明可解除）",
        "probably a unit or scale slip: confirm it (a `verified` note) or correct it",
    ),
    "unassessed": ("没有更早的数据可计算进度", "no earlier value to measure progress from"),
    "review": ("定性指标，需人工判断", "qualitative: a person must judge it"),
}
