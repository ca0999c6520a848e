"""The drill-down's chart: the values year by year as horizontal bars, against the path the
target needs, and where the current pace leads for the years not yet reported.

Rich renderables only (no Textual), drawn from planck.render.series.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from planck.domain import kinds
from planck.domain.values import fmt, fmt_beside
from planck.i18n import Lang
from planck.model import Result
from planck.render.series import ChartRow, Tag, chart_rows, path_end
from planck.textsafe import clean
from planck.tui.strings import tr

ACTUAL_STYLE = "cyan"
PATH_STYLE = "bold magenta"
PROJECTED_STYLE = "dim"
PATH_MARK = "┃"
EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True)
class _Layout:
    """The chart's measures: the bar width, the largest value (the full bar) and the width of
    each column of numbers."""

    width: int
    top: float
    w_actual: int
    w_path: int

    def eighths(self, value: float | None) -> int:
        """How many eighths of a cell the bar of ``value`` fills."""
        if value is None or self.top <= 0 or value <= 0:
            return 0
        return min(self.width * 8, round(value / self.top * self.width * 8))


class SeriesChart:
    """Horizontal bars of the values by year, with the needed path marked ┃ on the same scale.
    Readable without colour: the bar, the marker and the projection use different glyphs."""

    def __init__(self, result: Result, lang: Lang) -> None:
        self.result = result
        self.lang = lang
        self.rows = chart_rows(result)

    def _tag_text(self, tags: tuple[Tag, ...]) -> str:
        return " · ".join(tr(t.value, self.lang) for t in tags)

    def _actual_cell(self, row: ChartRow) -> str:
        if row.actual is None and row.projected is not None:
            return "~" + fmt_beside(row.projected, row.path, digits=2)
        return fmt(row.actual) if row.actual is not None else "—"

    def _path_cell(self, row: ChartRow) -> str:
        """The needed value, with the digits that keep it apart from the value beside it:
        0.4717 needed beside 0.47 reported is not shown as 0.47."""
        if row.path is None:
            return ""
        beside = row.actual if row.actual is not None else row.projected
        # In the target year the path is the target value itself (x* of a cumulative change):
        # shown whole, as the target is everywhere else.
        whole = Tag.TARGET in row.tags and kinds.goal(self.result.rule) is not None
        return fmt_beside(row.path, beside, digits=4 if whole else 2)

    def _layout(self, max_width: int) -> _Layout:
        rows = self.rows
        numbers = [
            v for r in rows for v in (r.actual, r.path, r.projected) if v is not None and v > 0
        ]
        end = path_end(self.result.rule, self.result.progress)
        if end is not None:
            numbers.append(end)
        head_actual, head_path = tr("chart.actual", self.lang), tr("chart.path", self.lang)
        w_actual = max(cell_len(c) for c in [*map(self._actual_cell, rows), head_actual])
        paths = [self._path_cell(r) for r in rows]
        w_path = max(cell_len(c) for c in [*paths, head_path])
        w_tag = max(cell_len(self._tag_text(r.tags)) for r in rows)
        fixed = 2 + 4 + 1 + 1 + w_actual + 2 + w_path + (2 + w_tag if w_tag else 0)
        width = max(8, min(60, max_width - fixed))
        return _Layout(width, max(numbers, default=0.0), w_actual, w_path)

    def _legend(self) -> Text:
        lang = self.lang
        legend = Text("  ")
        legend.append("█", style=ACTUAL_STYLE)
        legend.append(f" {tr('chart.actual', lang)}   ")
        legend.append(PATH_MARK, style=PATH_STYLE)
        legend.append(f" {tr('chart.path', lang)}   ")
        legend.append("░", style=PROJECTED_STYLE)
        legend.append(" " + tr("chart.projected", lang))
        unit = clean(self.result.rule.unit)
        if unit:
            legend.append(f"   ({unit})", style="dim")
        return legend

    def _header(self, layout: _Layout) -> Text:
        head_actual, head_path = tr("chart.actual", self.lang), tr("chart.path", self.lang)
        header = " " * (2 + 4 + 1 + layout.width + 1)
        header += " " * max(0, layout.w_actual - cell_len(head_actual)) + head_actual
        header += "  " + " " * max(0, layout.w_path - cell_len(head_path)) + head_path
        return Text(header.rstrip(), style="dim")

    def _bar(self, row: ChartRow, layout: _Layout) -> Text:
        width = layout.width
        bar = [" "] * width
        styles = [""] * width
        full, rest = divmod(layout.eighths(row.actual), 8)
        for i in range(full):
            bar[i], styles[i] = "█", ACTUAL_STYLE
        if rest and full < width:
            bar[full], styles[full] = EIGHTHS[rest], ACTUAL_STYLE
        if row.actual is None and row.projected is not None:
            for i in range(round(layout.eighths(row.projected) / 8)):
                bar[i], styles[i] = "░", PROJECTED_STYLE
        if row.path is not None:
            # The marker sits in the cell where the needed value falls.
            at = min(width - 1, layout.eighths(row.path) // 8)
            bar[at], styles[at] = PATH_MARK, PATH_STYLE
        text = Text()
        for char, style in zip(bar, styles, strict=True):
            text.append(char, style=style)
        return text

    def _line(self, row: ChartRow, layout: _Layout) -> Text:
        this = Tag.THIS in row.tags
        line = Text("▶ " if this else "  ", style="bold")
        line.append(str(row.year), style="bold" if this else "")
        line.append(" ")
        line.append_text(self._bar(row, layout))
        line.append(" ")
        shown = self._actual_cell(row)
        line.append(" " * max(0, layout.w_actual - cell_len(shown)) + shown)
        path = self._path_cell(row)
        line.append("  " + " " * max(0, layout.w_path - cell_len(path)) + path, style="magenta")
        tags = self._tag_text(row.tags)
        if tags:
            line.append("  " + tags, style="dim")
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.rows:
            return
        layout = self._layout(options.max_width)
        yield self._legend()
        yield self._header(layout)
        for row in self.rows:
            yield self._line(row, layout)
