"""The person-facing text output of `planck check`, made with Rich.

User data (file names, values, notes, messages that quote them) is passed as rich.text.Text,
never as markup, and cleaned of control characters first.
"""

from __future__ import annotations

import io
from collections import Counter

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from planck.i18n import Lang, kind_label, label
from planck.model import Kind, Result, Severity, Status, status_label
from planck.progress import floor_ratio
from planck.render import RenderContext
from planck.textsafe import clean
from planck.values import fmt

STATUS_STYLE: dict[Status, str] = {
    Status.MET: "green",
    Status.ON_TRACK: "green",
    Status.NEEDS_ACCELERATION: "yellow",
    Status.LIMITED_PROGRESS: "yellow",
    Status.DETERIORATING: "yellow",
    Status.MISSED: "red",
    Status.MISSING: "red",
    Status.INVALID: "red",
    Status.UNASSESSED: "blue",
    Status.REVIEW: "cyan",
}
# A symbol beside the word, so that status never depends on colour alone.
STATUS_MARK: dict[Status, str] = {
    Status.MET: "✓",
    Status.ON_TRACK: "✓",
    Status.NEEDS_ACCELERATION: "!",
    Status.LIMITED_PROGRESS: "!",
    Status.DETERIORATING: "↓",
    Status.MISSED: "✗",
    Status.MISSING: "✗",
    Status.INVALID: "✗",
    Status.UNASSESSED: "?",
    Status.REVIEW: "?",
}


def safe(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def status_text(status: Status, severity: Severity, lang: Lang) -> Text:
    style = STATUS_STYLE[status]
    if status is Status.MISSED and severity is Severity.WARNING:
        style = "yellow"
    return Text(f"{STATUS_MARK[status]} {status_label(status, lang)}", style=style)


def target_text(result: Result, lang: Lang) -> str:
    rule = result.rule
    if rule.kind is Kind.NON_DECREASING:
        if result.compared_with is not None:
            return (
                f"≥ {fmt(result.compared_with[1])}（{result.compared_with[0]}）"
                if lang == "zh"
                else f"≥ {fmt(result.compared_with[1])} ({result.compared_with[0]})"
            )
        return kind_label(rule.kind, lang)
    if rule.kind is Kind.QUALITATIVE:
        return kind_label(rule.kind, lang)
    op = "≤" if rule.kind is Kind.AT_MOST else "≥"
    return f"{op} {fmt(rule.target)}{rule.unit}"


def value_text(result: Result) -> str:
    if result.value is None:
        return "—"
    return f"{fmt(result.value)}{result.rule.unit}"


def ratio_text(result: Result) -> str:
    if result.progress is None or result.progress.ratio is None:
        return "—"
    return f"{floor_ratio(result.progress.ratio):.3f}"


def summary_counts(results: list[Result], lang: Lang) -> Text:
    counts = Counter(r.status for r in results)
    text = Text()
    first = True
    for status in Status:
        if counts[status]:
            if not first:
                text.append(" · ")
            first = False
            text.append(
                f"{status_label(status, lang)} {counts[status]}", style=STATUS_STYLE[status]
            )
    return text


def verdict(ctx: RenderContext) -> Text:
    lang = ctx.lang
    results = ctx.run.all_results()
    errors = sum(r.severity is Severity.ERROR for r in results)
    warnings = sum(r.severity is Severity.WARNING for r in results)
    zh = lang == "zh"
    if ctx.exit_code == 2:
        n = len(ctx.run.errors)
        body = f"有 {n} 个输入错误（见上方）" if zh else f"{n} input error(s), see above"
        return Text(("✗ 输入错误：" if zh else "✗ Input errors: ") + body, style="bold red")
    if ctx.exit_code == 1:
        if errors:
            body = (
                f"{errors} 项错误，{warnings} 项警告"
                if zh
                else f"{errors} error(s), {warnings} warning(s)"
            )
        else:
            body = f"{warnings} 项警告（--strict）" if zh else f"{warnings} warning(s) (--strict)"
        return Text(("✗ 未通过：" if zh else "✗ Failed: ") + body, style="bold red")
    if warnings:
        body = f"无错误，{warnings} 项警告" if zh else f"no errors, {warnings} warning(s)"
        return Text(("✓ 通过：" if zh else "✓ Passed: ") + body, style="bold yellow")
    return Text(
        "✓ 通过：无错误，无警告" if zh else "✓ Passed: no errors, no warnings", style="bold green"
    )


def report_block(ctx: RenderContext, index: int, width: int) -> RenderableType:
    lang = ctx.lang
    report = ctx.run.reports[index]
    results = ctx.run.results.get(index, [])
    rulesets = []
    for result in results:
        if result.ruleset not in rulesets:
            rulesets.append(result.ruleset)
    place = report.jurisdiction
    for ruleset in rulesets:
        for j in ruleset.jurisdictions:
            if j.id == report.jurisdiction:
                place = j.display_name(lang)
    heading = Text()
    heading.append(clean(place), style="bold")
    heading.append(f" {report.year}" + (" 年" if lang == "zh" else ""), style="bold")
    heading.append("  ")
    heading.append(clean(report.file), style="dim")
    parts: list[RenderableType] = [heading]
    for ruleset in rulesets:
        line = Text("  ")
        line.append(clean(ruleset.display_title(lang)))
        if ruleset.source is not None and ruleset.source.number:
            line.append(
                f"（{clean(ruleset.source.number)}）"
                if lang == "zh"
                else f" ({clean(ruleset.source.number)})"
            )
        line.append(
            " · " + label("binding" if ruleset.binding else "anticipatory", lang), style="dim"
        )
        parts.append(line)
    # Wide terminals get a message column; narrow ones (80 columns) fold the message under the
    # indicator's name so that no Chinese text is cut.
    wide = width >= 120
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column(label("status", lang), no_wrap=True)
    table.add_column(label("indicator", lang), ratio=3, overflow="fold")
    table.add_column(label("value", lang), justify="right", no_wrap=True)
    table.add_column(label("target", lang), justify="right", no_wrap=True)
    table.add_column(label("ratio", lang), justify="right", no_wrap=True)
    if wide:
        table.add_column(label("message", lang), ratio=4, overflow="fold")
    for result in results:
        name = Text(clean(result.rule.display_name(lang)))
        name.append("\n" + result.rule.id, style="dim")
        message = safe(result.message.render(lang))
        if result.note:
            message.append(
                "\n" + ("备注：" if lang == "zh" else "Note: ") + clean(result.note), style="dim"
            )
        cells = [
            status_text(result.status, result.severity, lang),
            name,
            safe(value_text(result)),
            Text(target_text(result, lang)),
            Text(ratio_text(result)),
        ]
        if wide:
            cells.append(message)
        else:
            name.append("\n")
            name.append_text(message)
        table.add_row(*cells, end_section=not wide)
    parts.append(table)
    counts = summary_counts(results, lang)
    parts.append(Text("  ") + counts)
    parts.append(Text(""))
    return Group(*parts)


def renderables(ctx: RenderContext, width: int = 100) -> list[RenderableType]:
    lang = ctx.lang
    out: list[RenderableType] = [report_block(ctx, i, width) for i in range(len(ctx.run.reports))]
    results = ctx.run.all_results()
    total = Text(
        (
            f"共 {len(ctx.run.reports)} 份报告，{len(results)} 项结果："
            if lang == "zh"
            else f"{len(ctx.run.reports)} report(s), {len(results)} result(s): "
        ),
        style="bold",
    )
    out.append(total + summary_counts(results, lang))
    out.append(verdict(ctx))
    return out


def diagnostics(ctx: RenderContext) -> list[Text]:
    """Input errors and warnings, for stderr."""
    lang = ctx.lang
    lines = []
    for d in ctx.run.errors:
        line = Text("错误 " if lang == "zh" else "error ", style="bold red")
        line.append(clean(d.render(lang), single_line=True))
        lines.append(line)
    for d in ctx.run.warnings:
        line = Text("警告 " if lang == "zh" else "warning ", style="bold yellow")
        line.append(clean(d.render(lang), single_line=True))
        lines.append(line)
    return lines


def plain_console(file: io.StringIO, width: int = 100) -> Console:
    return Console(
        file=file,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        soft_wrap=False,
    )


FILE_WIDTH = 120


class TextReporter:
    name = "text"

    def render(self, ctx: RenderContext) -> str:
        buffer = io.StringIO()
        console = plain_console(buffer, FILE_WIDTH)
        for item in renderables(ctx, FILE_WIDTH):
            console.print(item)
        return buffer.getvalue()
