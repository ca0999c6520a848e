"""The person-facing text output of `planck check`, made with Rich.

User data (file names, values, notes, messages that quote them) is passed as rich.text.Text,
never as markup, and cleaned of control characters first.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from planck.i18n import Lang, Msg, label
from planck.model import Result, Severity, Status, status_label
from planck.render import RenderContext, common
from planck.render.common import STATUS_MARK, ratio_text, status_counts, target_text, value_text
from planck.textsafe import clean

STATUS_STYLE: dict[Status, str] = {
    Status.MET: "green",
    Status.ON_TRACK: "green",
    Status.NEEDS_ACCELERATION: "yellow",
    Status.LIMITED_PROGRESS: "yellow",
    Status.DETERIORATING: "yellow",
    Status.MISSED: "red",
    Status.MISSING: "red",
    Status.INVALID: "red",
    Status.SUSPECT: "red",
    Status.UNASSESSED: "blue",
    Status.REVIEW: "cyan",
}


def safe(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def status_text(status: Status, severity: Severity, lang: Lang) -> Text:
    style = STATUS_STYLE[status]
    if status is Status.MISSED and severity is Severity.WARNING:
        style = "yellow"
    return Text(f"{STATUS_MARK[status]} {status_label(status, lang)}", style=style)


def summary_counts(results: list[Result], lang: Lang) -> Text:
    text = Text()
    for index, (status, count) in enumerate(status_counts(results)):
        if index:
            text.append(" · ")
        text.append(f"{status_label(status, lang)} {count}", style=STATUS_STYLE[status])
    return text


VERDICT_STYLE: dict[common.Tone, str] = {
    "ok": "bold green",
    "info": "bold blue",
    "warn": "bold yellow",
    "fail": "bold red",
}


def verdict(ctx: RenderContext) -> Text:
    found = common.verdict(
        ctx.run.all_results(),
        ctx.exit_code,
        len(ctx.run.errors),
        where=Msg("见上方", "see above"),
    )
    return Text(found.render(ctx.lang), style=VERDICT_STYLE[found.tone])


def report_block(ctx: RenderContext, index: int, width: int) -> RenderableType:
    lang = ctx.lang
    report = ctx.run.reports[index]
    results = ctx.run.results.get(index, [])
    rulesets = common.rulesets_of(results)
    place = common.place_name(rulesets, report.jurisdiction, lang)
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
    reports = len(ctx.run.reports)
    if lang == "zh":
        total = f"共 {reports} 份报告，{len(results)} 项结果" + ("：" if results else "")
    else:
        total = f"{reports} report(s), {len(results)} result(s)" + (": " if results else "")
    out.append(Text(total, style="bold") + summary_counts(results, lang))
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


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader of stdout has gone (``| head -1``): stop printing, and let the command
        return the exit code of its verdict (planck.streams.stdout_may_close) rather than the
        1 that Rich would exit with."""
        self.quiet = True
        raise BrokenPipeError


def terminal_console(stderr: bool = False) -> Console:
    return _Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def print_diagnostics(ctx: RenderContext) -> None:
    """Input errors and warnings to stderr, in colour when it is a terminal."""
    if ctx.run.errors or ctx.run.warnings:
        err = terminal_console(stderr=True)
        for line in diagnostics(ctx):
            err.print(line, soft_wrap=True)


class TextReporter:
    name = "text"

    def print(self, ctx: RenderContext) -> None:
        """To the terminal: its own width and colours; diagnostics on stderr first."""
        print_diagnostics(ctx)
        out = terminal_console()
        for item in renderables(ctx, out.width):
            out.print(item)

    def render(self, ctx: RenderContext) -> str:
        buffer = io.StringIO()
        console = plain_console(buffer, FILE_WIDTH)
        for item in renderables(ctx, FILE_WIDTH):
            console.print(item)
        return buffer.getvalue()
