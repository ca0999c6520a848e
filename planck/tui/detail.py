"""The drill-down for one result: the rule and its source, the values year by year against the
path the target needs, and the engine's progress figures written out in words.

Rich renderables only (no Textual), built from a Result. Nothing here changes a status: the path
and the projections are the engine's own growth rates (Progress) applied year by year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from planck import kinds
from planck.i18n import Lang, label
from planck.kinds.phrasing import goal_phrase
from planck.model import Kind, Method, Result, Status, status_label
from planck.progress import NEEDS_ACCELERATION, ON_TRACK, floor_ratio
from planck.render.common import value_text
from planck.render.explain import method_words, time_and_task
from planck.render.ruleinfo import rule_detail
from planck.render.text import status_text
from planck.textsafe import clean
from planck.tui.strings import tr
from planck.values import fmt, fmt_beside, fmt_rate

ACTUAL_STYLE = "cyan"
PATH_STYLE = "bold magenta"
PROJECTED_STYLE = "dim"
PATH_MARK = "┃"
EIGHTHS = " ▏▎▍▌▋▊▉"


def share(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


# --- the chart ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartRow:
    year: int
    actual: float | None  # reported (or the rule's baseline)
    path: float | None  # where the value needs to be this year to reach the target
    projected: float | None  # where the current growth rate leads, for years not yet reported
    tags: tuple[str, ...]  # "base", "this", "target"


def chart_rows(result: Result) -> list[ChartRow]:
    """One row per year from the first known value to the target year."""
    rule, progress, year = result.rule, result.progress, result.report.year
    goal = kinds.goal(rule)  # x* for a cumulative change; None for a growth rate
    actual: dict[int, float] = dict(result.series)
    if rule.baseline is not None:
        actual.setdefault(rule.baseline.year, rule.baseline.value)
    if progress is not None:
        actual.setdefault(progress.base_year, progress.base_value)
    if result.value is not None:
        actual[year] = result.value
    if not actual:
        return []
    years = set(actual)
    if rule.target_year is not None and goal is not None:
        years.add(rule.target_year)
    first, last = min(years), max(years)

    def path(y: int) -> float | None:
        if rule.kind is Kind.NON_DECREASING:
            if result.compared_with is not None and y == year:
                return result.compared_with[1]
            return actual.get(y - 1)
        if goal is None or rule.target_year is None:
            return None
        if progress is None or progress.base_year >= rule.target_year:
            return goal if y == rule.target_year else None
        if not progress.base_year <= y <= rule.target_year:
            return None
        x0, t0 = progress.base_value, progress.base_year
        if progress.method is Method.LINEAR or progress.cagr_required is None:
            return x0 + (goal - x0) * (y - t0) / (rule.target_year - t0)
        return float(x0 * (1.0 + progress.cagr_required) ** (y - t0))

    def projected(y: int) -> float | None:
        if progress is None or result.value is None:
            return None
        if y <= year or y in actual or rule.target_year is None or y > rule.target_year:
            return None
        if progress.method is Method.LINEAR:
            step = (result.value - progress.base_value) / (year - progress.base_year)
            return max(0.0, result.value + step * (y - year))
        if progress.cagr_actual is None:
            return None
        try:
            value = float(result.value * (1.0 + progress.cagr_actual) ** (y - year))
        except OverflowError:
            return None
        return value if math.isfinite(value) else None

    rows = []
    for y in range(first, last + 1):
        tags: list[str] = []
        if progress is not None and y == progress.base_year:
            tags.append("base")
        if y == year:
            tags.append("this")
        if y == rule.target_year and goal is not None:
            tags.append("target")
        rows.append(ChartRow(y, actual.get(y), path(y), projected(y), tuple(tags)))
    return rows


class SeriesChart:
    """Horizontal bars of the values by year, with the needed path marked ┃ on the same scale.
    Readable without colour: the bar, the marker and the projection use different glyphs."""

    def __init__(self, result: Result, lang: Lang) -> None:
        self.result = result
        self.lang = lang
        self.rows = chart_rows(result)

    def _tag_text(self, tags: tuple[str, ...]) -> str:
        words = {"base": "chart.base", "this": "chart.this", "target": "chart.target"}
        return " · ".join(tr(words[t], self.lang) for t in tags)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lang, rows = self.lang, self.rows
        if not rows:
            return
        numbers = [
            v for r in rows for v in (r.actual, r.path, r.projected) if v is not None and v > 0
        ]
        goal = kinds.goal(self.result.rule)
        if goal is not None:
            numbers.append(goal)
        top = max(numbers, default=0.0)
        actual_cells = [fmt(r.actual) if r.actual is not None else "—" for r in rows]
        path_cells = [fmt(r.path, 2) if r.path is not None else "" for r in rows]
        tag_cells = [self._tag_text(r.tags) for r in rows]
        head_actual, head_path = tr("chart.actual", lang), tr("chart.path", lang)
        w_actual = max(cell_len(c) for c in [*actual_cells, head_actual])
        w_path = max(cell_len(c) for c in [*path_cells, head_path])
        w_tag = max(cell_len(c) for c in tag_cells)
        fixed = 2 + 4 + 1 + 1 + w_actual + 2 + w_path + (2 + w_tag if w_tag else 0)
        width = max(8, min(60, options.max_width - fixed))

        legend = Text("  ")
        legend.append("█", style=ACTUAL_STYLE)
        legend.append(f" {head_actual}   ")
        legend.append(PATH_MARK, style=PATH_STYLE)
        legend.append(f" {head_path}   ")
        legend.append("░", style=PROJECTED_STYLE)
        legend.append(" " + tr("chart.projected", lang))
        unit = clean(self.result.rule.unit)
        if unit:
            legend.append(f"   ({unit})", style="dim")
        yield legend
        header = Text(" " * (2 + 4 + 1 + width + 1))
        header.append(head_actual.rjust(w_actual - cell_len(head_actual) + len(head_actual)))
        header.append("  " + head_path.rjust(w_path - cell_len(head_path) + len(head_path)))
        yield Text(header.plain.rstrip(), style="dim")

        def cells(value: float | None) -> int:
            if value is None or top <= 0 or value <= 0:
                return 0
            return min(width * 8, round(value / top * width * 8))

        for row, a_cell, p_cell, t_cell in zip(
            rows, actual_cells, path_cells, tag_cells, strict=True
        ):
            line = Text("▶ " if "this" in row.tags else "  ", style="bold")
            line.append(str(row.year), style="bold" if "this" in row.tags else "")
            line.append(" ")
            bar = [" "] * width
            styles = [""] * width
            eighths = cells(row.actual)
            full, rest = divmod(eighths, 8)
            for i in range(full):
                bar[i], styles[i] = "█", ACTUAL_STYLE
            if rest and full < width:
                bar[full], styles[full] = EIGHTHS[rest], ACTUAL_STYLE
            if row.actual is None and row.projected is not None:
                for i in range(round(cells(row.projected) / 8)):
                    bar[i], styles[i] = "░", PROJECTED_STYLE
            if row.path is not None:
                # The marker sits in the cell where the needed value falls.
                at = min(width - 1, cells(row.path) // 8)
                bar[at], styles[at] = PATH_MARK, PATH_STYLE
            for char, style in zip(bar, styles, strict=True):
                line.append(char, style=style)
            line.append(" ")
            shown = a_cell
            if row.actual is None and row.projected is not None:
                shown = "~" + fmt(row.projected, 2)
            line.append(" " * max(0, w_actual - cell_len(shown)) + shown)
            line.append("  " + " " * max(0, w_path - cell_len(p_cell)) + p_cell, style="magenta")
            if t_cell:
                line.append("  " + t_cell, style="dim")
            yield line


# --- words ----------------------------------------------------------------------------------


def _section(title: str) -> Text:
    return Text("\n" + title, style="bold underline")


def _line(key: str, value: str | Text, lang: Lang, indent: str = "") -> Text:
    text = Text(indent)
    text.append(key + ("：" if lang == "zh" else ": "), style="bold")
    text.append(value if isinstance(value, Text) else Text(value))
    return text


def headline(result: Result, place: str, lang: Lang) -> Group:
    rule = result.rule
    title = status_text(result.status, result.severity, lang)
    title.stylize("bold")
    title.append("  ")
    title.append(clean(rule.display_name(lang), single_line=True), style="bold")
    where = Text(
        f"{clean(result.ruleset.id)} / {clean(rule.id)} · {place} "
        + (f"{result.report.year} 年" if lang == "zh" else str(result.report.year))
        + " · "
        + label("binding" if rule.binding else "anticipatory", lang),
        style="dim",
    )
    return Group(title, where, Text(clean(result.message.render(lang))))


def source_lines(result: Result, lang: Lang) -> list[Text]:
    source = result.rule.source
    zh = lang == "zh"
    doc = Text(
        f"《{clean(source.document)}》" if zh else clean(source.document_en or source.document)
    )
    if source.number:
        doc.append(f"（{clean(source.number)}）" if zh else f" ({clean(source.number)})")
    doc.append(" · " + clean(source.issuer) + " · " + clean(source.date), style="dim")
    out = [_line(label("document", lang), doc, lang)]
    if source.locator:
        out.append(_line(label("locator", lang), clean(source.locator), lang))
    if source.quote:
        out.append(_line(label("quote", lang), f"“{clean(source.quote)}”", lang))
    rule = result.rule
    target = clean(goal_phrase(rule, lang))
    if rule.target_year is not None and rule.target is not None:
        target += f"（{rule.target_year} 年）" if zh else f" ({rule.target_year})"
    out.append(_line(label("target", lang), target, lang))
    if rule.baseline is not None:
        base = f"{fmt(rule.baseline.value)}{clean(rule.unit)}"
        base += f"（{rule.baseline.year} 年）" if zh else f" ({rule.baseline.year})"
        out.append(_line(label("baseline", lang), base, lang))
    return out


def _range_words(status: Status, lang: Lang) -> str:
    lo, hi = f"{NEEDS_ACCELERATION:.2f}", f"{ON_TRACK:.2f}"
    return {
        Status.ON_TRACK: f"R ≥ {hi}",
        Status.NEEDS_ACCELERATION: f"{lo} ≤ R < {hi}",
        Status.LIMITED_PROGRESS: f"0 ≤ R < {lo}",
        Status.DETERIORATING: "R < 0",
    }.get(status, "")


def suspect_lines(result: Result, lang: Lang) -> list[Text]:
    """For a suspect value: why, the likely reading, the status it would have as written."""
    zh = lang == "zh"
    out = [Text(clean(result.message.render(lang)))]
    if result.suggestion is not None:
        out.append(
            _line(
                "可能的读法" if zh else "Likely reading",
                clean(result.suggestion.render(lang)),
                lang,
            )
        )
    if result.as_written is not None:
        out.append(
            _line("按原值判断" if zh else "As written", status_label(result.as_written, lang), lang)
        )
    out.append(
        Text(
            "数值存疑的值不作为其他年份的基点或参考值；核实无误后请在报告中写明 verified（核实说明）。"
            if zh
            else "A suspect value is no base point or reference for other years; once checked,"
            " give a `verified` note in the report.",
            style="dim",
        )
    )
    return out


def calculation_lines(result: Result, lang: Lang) -> list[Text]:
    """The progress ratio with its formula in words, the projection, the growth still needed."""
    zh = lang == "zh"
    rule, p = result.rule, result.progress
    u = clean(rule.unit)
    out: list[Text] = []
    if result.status is Status.SUSPECT:
        return suspect_lines(result, lang)
    if rule.kind is Kind.QUALITATIVE:
        return [
            Text(
                "定性指标：不计算进度比，需人工对照规划原文判断。"
                if zh
                else "Qualitative rule: no ratio is computed; a person judges it against the plan."
            )
        ]
    if rule.kind is Kind.NON_DECREASING:
        if result.compared_with is None or result.value is None:
            return [Text(clean(result.message.render(lang)))]
        y, prev = result.compared_with
        op = "≥" if result.value >= prev else "<"
        words = (
            f"“只增不减”：与 {y} 年比较，{fmt(result.value)} {op} {fmt(prev)}{u}"
            if zh
            else f"Never decreasing: compared with {y}, {fmt(result.value)} {op} {fmt(prev)} {u}"
        )
        return [Text(words)]
    if rule.kind is Kind.GROWTH_AT_LEAST:
        # a rate, not a value to reach: the verdict's message gives the growth and the ratio
        return [Text(clean(result.message.render(lang)))]
    if p is None:
        if result.value is None:
            return [Text(clean(result.message.render(lang)))]
        return [
            Text(
                "没有更早的数值（基期值或往年报告），无法计算进度比。"
                if zh
                else "No earlier value (baseline or earlier report): the ratio cannot be computed."
            )
        ]
    goal = kinds.goal(rule)
    assert result.value is not None and goal is not None and rule.target_year is not None
    t, T = result.report.year, rule.target_year
    x0 = fmt_beside(p.base_value, goal)
    x = fmt_beside(result.value, goal)
    target = fmt(goal)
    base_from = (
        ("基点为规则的基期值" if zh else "the base is the rule's baseline")
        if p.base_from == "baseline"
        else ("基点为最早的往年数值" if zh else "the base is the earliest earlier value")
    )
    linear = p.method is Method.LINEAR
    out.append(
        Text(
            f"{method_words(p, lang)}（{base_from}）"
            if zh
            else f"{method_words(p, lang)} ({base_from})"
        )
    )
    lower = kinds.lower_is_better(rule)
    if lower:
        out.append(
            Text(
                "  越低越好：下降即向目标靠近"
                if zh
                else "  lower is better: a fall moves toward it",
                style="dim",
            )
        )
    if linear:
        out.append(
            Text(
                f"  实际：{p.base_year} 年 {x0} → {t} 年 {x}（{t - p.base_year} 年）"
                if zh
                else f"  actual: {x0} in {p.base_year} → {x} in {t} ({t - p.base_year} yr)"
            )
        )
        out.append(
            Text(
                f"  所需：{p.base_year} 年 {x0} → {T} 年 {target}（{T - p.base_year} 年）"
                if zh
                else f"  needed: {x0} in {p.base_year} → {target} in {T} ({T - p.base_year} yr)"
            )
        )
        out.append(
            Text(
                "  基点、数值或目标为 0，增长率无定义，按线性法计算"
                if zh
                else "  a base, value or target of 0 leaves growth rates undefined: linear method",
                style="dim",
            )
        )
    else:
        actual, needed = (
            fmt_rate(p.cagr_actual, p.cagr_required),
            fmt_rate(p.cagr_required, p.cagr_actual),
        )
        out.append(
            Text(
                f"  实际：{p.base_year} 年 {x0} → {t} 年 {x}（{t - p.base_year} 年），年均 {actual}"
                if zh
                else f"  actual: {x0} in {p.base_year} → {x} in {t} ({t - p.base_year} yr), {actual} a year"
            )
        )
        if p.cagr_required is not None:
            out.append(
                Text(
                    f"  所需：{p.base_year} 年 {x0} → {T} 年 {target}（{T - p.base_year} 年），年均 {needed}"
                    if zh
                    else f"  needed: {x0} in {p.base_year} → {target} in {T} ({T - p.base_year} yr), {needed} a year"
                )
            )
    if p.ratio is not None:
        r = f"{floor_ratio(p.ratio):.3f}"
        if linear and p.gap_closed is not None and p.time_elapsed is not None:
            gap = share_beside(p.gap_closed, p.time_elapsed)
            elapsed = share_beside(p.time_elapsed, p.gap_closed)
            line = Text(f"  R = {gap} ÷ {elapsed} = {r}")
        else:
            line = Text(
                f"  R = {fmt_rate(p.cagr_actual, p.cagr_required)} ÷ "
                f"{fmt_rate(p.cagr_required, p.cagr_actual)} = {r}"
            )
        if result.status is Status.MET:
            line.append(
                "；已达到目标，进度比仅供参考"
                if zh
                else "; the target is met, the ratio is for information"
            )
        elif result.status not in (Status.MISSED, Status.SUSPECT):
            line.append(" → ")
            line.append_text(status_text(result.status, result.severity, lang))
            line.append(
                f"（{_range_words(result.status, lang)}）"
                if zh
                else f" ({_range_words(result.status, lang)})"
            )
        out.append(line)
    elif t > p.base_year:
        out.append(
            Text(
                f"  {p.base_year} 年（{x0}）已达到目标，不计算进度比"
                if zh
                else f"  the target was already met in {p.base_year} ({x0}): no ratio"
            )
        )
    shown_beside_verdict = result.status not in (Status.MET, Status.MISSED)
    if p.projection is not None and shown_beside_verdict and t < T:
        proj = fmt_beside(p.projection, goal, digits=2)
        how_zh = "按线性趋势" if linear else f"按年均 {fmt_rate(p.cagr_actual)}"
        how_en = "on the linear trend" if linear else f"at {fmt_rate(p.cagr_actual)} a year"
        out.append(
            _line(
                label("projection", lang),
                f"{proj}{u}（{T} 年，{how_zh}）" if zh else f"{proj} {u} in {T} {how_en}",
                lang,
            )
        )
    if shown_beside_verdict and t < T:
        if p.growth_needed is not None:
            still = (
                f"{fmt_rate(p.growth_needed)}（{t} → {T} 年，才能达到 {target}{u}）"
                if zh
                else f"{fmt_rate(p.growth_needed)} a year from {t} to {T} to reach {target} {u}"
            )
        else:
            change = (goal - result.value) / (T - t)
            step = ("+" if change >= 0 else "-") + fmt_beside(abs(change)) + u
            still = (
                f"每年 {step}（{t} → {T} 年，才能达到 {target}{u}）"
                if zh
                else f"{step} a year from {t} to {T} to reach {target} {u}"
            )
        out.append(_line(label("growth_needed", lang), still, lang))
    view = time_and_task(result, p, lang)
    if view is not None:
        out.append(_line("时间过半、任务过半" if zh else "Time vs. task", view, lang))
    return out


def share_beside(x: float, other: float | None) -> str:
    return fmt_beside(x * 100, *(() if other is None else (other * 100,)), digits=0) + "%"


def report_lines(result: Result, lang: Lang) -> list[Text]:
    zh = lang == "zh"
    report = result.report
    obs = report.observations.get(result.rule.id)
    shown = value_text(result)
    if result.value is not None:
        shown = fmt_beside(result.value, kinds.goal(result.rule)) + result.rule.unit
    value = Text(clean(shown))
    if obs is not None and obs.raw and obs.raw not in (value.plain, fmt(result.value)):
        value.append(
            f"（原文 “{clean(obs.raw, single_line=True)}”）"
            if zh
            else f" (written “{clean(obs.raw, single_line=True)}”)",
            style="dim",
        )
    out = [_line(label("value", lang), value, lang)]
    if obs is not None and obs.previous is not None:
        prev = fmt(obs.previous.value) + clean(obs.previous.unit or "")
        out.append(_line("上年值（previous）" if zh else "Previous (year − 1)", prev, lang))
    if result.note:
        out.append(_line(label("notes", lang), clean(result.note), lang))
    if result.verified:
        out.append(_line("核实说明" if zh else "Verified", clean(result.verified), lang))
    where = result.location or report.location
    loc = Text(clean(str(where), single_line=True))
    loc.append(
        "  " + ("按 e 在编辑器中打开" if zh else "press e to open it in $EDITOR"), style="dim"
    )
    out.append(_line(label("file", lang), loc, lang))
    if report.submitted_by or report.submitted_on:
        who = " · ".join(
            clean(s, single_line=True) for s in (report.submitted_by, report.submitted_on) if s
        )
        out.append(_line("报送" if zh else "Submitted", who, lang))
    return out


def detail_renderable(result: Result, place: str, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = [headline(result, place, lang)]
    parts.append(_section(tr("detail.source", lang)))
    parts.extend(source_lines(result, lang))
    chart = SeriesChart(result, lang)
    if chart.rows:
        parts.append(_section(tr("detail.series", lang)))
        parts.append(chart)
    parts.append(_section(tr("detail.calc", lang)))
    parts.extend(calculation_lines(result, lang))
    parts.append(_section(tr("detail.report", lang)))
    parts.extend(report_lines(result, lang))
    parts.append(_section(tr("detail.rule", lang)))
    parts.append(rule_detail(result.ruleset, result.rule, lang))
    return Group(*parts)
