"""The person-facing text output of `planck check`, made with Rich.

User data (file names, values, notes, messages that quote them) is passed as rich.text.Text,
never as markup, and cleaned of control characters first.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping
from typing import IO, cast

from rich.console import Console, Group, RenderableType
from rich.text import Text

from planck.i18n import Lang, Msg, label, word
from planck.model import Result, Severity, Status, status_label
from planck.render import RenderContext, common
from planck.render.common import ratio_text, status_counts, target_text, value_text
from planck.render.layout import Paragraph, ResultRow, ResultRows, wrap
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
# The colour of each tone of render.common (a verdict, a count, a finding).
TONE_STYLE: dict[common.Tone, str] = {
    "ok": "green",
    "info": "blue",
    "warn": "yellow",
    "fail": "red",
}


def safe(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def status_text(status: Status, severity: Severity, lang: Lang) -> Text:
    style = STATUS_STYLE[status]
    if status is Status.MISSED and severity is Severity.WARNING:
        style = "yellow"
    return Text(common.status_phrase(status, lang), style=style)


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
    heading.append(" " + word("punct.year", lang, year=report.year), style="bold")
    heading.append("  ")
    heading.append(clean(report.file), style="dim")
    parts: list[RenderableType] = [heading]
    for ruleset in rulesets:
        line = ruleset.display_title(lang)
        if ruleset.source is not None and ruleset.source.number:
            number = ruleset.source.number
            line += word("punct.paren", lang, x=number)
        line += " · " + label("binding" if ruleset.binding else "anticipatory", lang)
        for piece in wrap(clean(line, single_line=True), width - 2):
            parts.append(Text("  " + piece))
    # One layout for every width, made for 80 columns: status, indicator and numbers on a
    # line, the id under the name, the message and notes on lines of their own below.
    rows = []
    for result in results:
        body = [Paragraph(result.message.render(lang))]
        sep = word("punct.sep", lang)
        for key, text in common.value_notes(result, lang):
            body.append(Paragraph(text, "dim", common.note_label(key, lang) + sep))
        rows.append(
            ResultRow(
                status=status_text(result.status, result.severity, lang),
                name=result.rule.display_name(lang),
                sub=result.rule.id,
                cells=[
                    safe(value_text(result)),
                    safe(target_text(result, lang)),
                    Text(ratio_text(result)),
                ],
                body=body,
            )
        )
    headings = [label(k, lang) for k in ("status", "indicator", "value", "target", "ratio")]
    table = ResultRows(headings, rows)
    parts.append(table)
    counts = Text("  ")
    if results and common.nothing_assessed(results):
        counts.append(common.not_assessed_sentence(lang), style="bold blue")
        counts.append(word("punct.sep", lang))
    counts.append_text(summary_counts(results, lang))
    parts.append(counts)
    parts.append(Text(""))
    return Group(*parts)


def renderables(ctx: RenderContext, width: int = 100) -> list[RenderableType]:
    lang = ctx.lang
    out: list[RenderableType] = [report_block(ctx, i, width) for i in range(len(ctx.run.reports))]
    results = ctx.run.all_results()
    reports = len(ctx.run.reports)
    total = word("report.results_total", lang, r=reports, n=len(results))
    if results:
        total += word("punct.sep", lang)
    out.append(Text(total, style="bold") + summary_counts(results, lang))
    out.append(verdict(ctx))
    return out


def diagnostics(ctx: RenderContext) -> list[Text]:
    """Input errors and warnings, for stderr."""
    lang = ctx.lang
    lines = []
    for d in ctx.run.errors:
        line = Text(word("ci.error", lang) + " ", style="bold red")
        line.append(clean(d.render(lang), single_line=True))
        lines.append(line)
    for d in ctx.run.warnings:
        line = Text(word("ci.warning", lang) + " ", style="bold yellow")
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


DEFAULT_WIDTH = 80


def terminal_width(fd: int, environ: Mapping[str, str] | None = None) -> int:
    """The width to lay out for: $COLUMNS when it is a whole number above 0, else the width of
    the terminal on ``fd`` (or on another standard stream), else 80. (Rich takes COLUMNS=0 at
    its word and prints nothing.)"""
    env = os.environ if environ is None else environ
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for candidate in (fd, 1, 2, 0):
        try:
            width = os.get_terminal_size(candidate).columns
        except (OSError, ValueError):
            continue
        if width > 0:
            return width
    return DEFAULT_WIDTH


class SymbolFallback:
    """A text stream in front of stdout or stderr that writes the symbols its encoding lacks
    (✓ ✗ ↓ ≥ ≤ bars and rules under PYTHONIOENCODING=ascii, gbk or LC_ALL=C) as the ASCII
    stand-ins of common.SYMBOL_FALLBACK, so that no status mark turns into the "?" of
    `unassessed`. What is still unencodable (Chinese under ASCII) is replaced by the stream."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"
        self.table = common.fallback_table(stream)

    def write(self, text: str) -> int:
        return self.stream.write(text.translate(self.table) if self.table else text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


def terminal_console(stderr: bool = False) -> Console:
    """A console for stdout (or stderr): the terminal's width and colours, symbols its encoding
    lacks written as ASCII, and an early exit of the reader (``| head``) that ends the
    printing quietly."""
    stream = sys.stderr if stderr else sys.stdout
    return _Console(
        file=cast(IO[str], SymbolFallback(stream)),
        width=terminal_width(2 if stderr else 1),
        highlight=False,
        markup=False,
        emoji=False,
    )


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
        with common.symbols_for(sys.stdout):
            for item in renderables(ctx, out.width):
                out.print(item)

    def render(self, ctx: RenderContext) -> str:
        buffer = io.StringIO()
        console = plain_console(buffer, FILE_WIDTH)
        for item in renderables(ctx, FILE_WIDTH):
            console.print(item)
        return buffer.getvalue()
