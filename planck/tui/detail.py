"""The drill-down for one result: the rule and its source, the values year by year against the
path the target needs (planck.tui.chart), and the engine's progress figures written out in words,
step by step, one function per rule kind.

Rich renderables only (no Textual), built from a Result. Nothing here changes a status: every
number comes from the engine's Progress or from the rule.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.text import Text

from planck.domain import kinds
from planck.domain.kinds.phrasing import goal_phrase
from planck.domain.progress import NEEDS_ACCELERATION, ON_TRACK, floor_ratio
from planck.domain.values import fmt, fmt_beside, fmt_rate, projected
from planck.i18n import Lang, label, msg, word
from planck.model import Kind, Method, Progress, Result, Status, status_label
from planck.render.common import value_text
from planck.render.explain import method_words, time_and_task
from planck.render.ruleinfo import rule_detail
from planck.render.series import path_end
from planck.render.text import status_text
from planck.textsafe import clean
from planck.tui.chart import SeriesChart
from planck.tui.strings import tr

# --- words ----------------------------------------------------------------------------------


def _section(title: str) -> Text:
    return Text("\n" + title, style="bold underline")


def _line(key: str, value: str | Text, lang: Lang, indent: str = "") -> Text:
    text = Text(indent)
    text.append(key + word("punct.sep", lang), style="bold")
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
        + word("punct.year", lang, year=result.report.year)
        + " · "
        + label("binding" if rule.binding else "anticipatory", lang),
        style="dim",
    )
    return Group(title, where, Text(clean(result.message.render(lang))))


def source_lines(result: Result, lang: Lang) -> list[Text]:
    source = result.rule.source
    doc = Text(
        msg(
            "《{zh}》",
            "{en}",
            zh=clean(source.document),
            en=clean(source.document_en or source.document),
        ).render(lang)
    )
    if source.number:
        doc.append(word("punct.paren", lang, x=clean(source.number)))
    doc.append(" · " + clean(source.issuer) + " · " + clean(source.date), style="dim")
    out = [_line(label("document", lang), doc, lang)]
    if source.locator:
        out.append(_line(label("locator", lang), clean(source.locator), lang))
    if source.quote:
        out.append(_line(label("quote", lang), f"“{clean(source.quote)}”", lang))
    rule = result.rule
    target = clean(goal_phrase(rule, lang))
    if rule.target_year is not None and rule.target is not None:
        target += word("punct.year_paren", lang, year=rule.target_year)
    out.append(_line(label("target", lang), target, lang))
    if rule.baseline is not None:
        base = f"{fmt(rule.baseline.value)}{clean(rule.unit)}"
        base += word("punct.year_paren", lang, year=rule.baseline.year)
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
    out = [Text(clean(result.message.render(lang)))]
    if result.suggestion is not None:
        out.append(
            _line(
                tr("detail.likely", lang),
                clean(result.suggestion.render(lang)),
                lang,
            )
        )
    if result.as_written is not None:
        out.append(
            _line(tr("detail.as_written", lang), status_label(result.as_written, lang), lang)
        )
    out.append(Text(tr("detail.suspect_hint", lang), style="dim"))
    return out


Lines = list[Text]


def _words(lang: Lang, chinese: str, english: str, style: str = "") -> Text:
    """A sentence of the calculation, already filled in, in ``lang``."""
    return Text(msg(chinese, english).render(lang), style=style)


def _qualitative(result: Result, lang: Lang) -> Lines:
    return [
        _words(
            lang,
            "定性指标：不计算进度比，需人工对照规划原文判断。",
            "Qualitative rule: no ratio is computed; a person judges it against the plan.",
        )
    ]


def _non_decreasing(result: Result, lang: Lang) -> Lines:
    if result.compared_with is None or result.value is None:
        return [Text(clean(result.message.render(lang)))]
    y, prev = result.compared_with
    op = "≥" if result.value >= prev else "<"
    u = clean(result.rule.unit)
    return [
        _words(
            lang,
            f"“只增不减”：与 {y} 年比较，{fmt(result.value)} {op} {fmt(prev)}{u}",
            f"Never decreasing: compared with {y}, {fmt(result.value)} {op} {fmt(prev)} {u}",
        )
    ]


def _base_from(p: Progress, lang: Lang) -> str:
    if p.base_from == "baseline":
        return tr("detail.base_baseline", lang)
    return tr("detail.base_earliest", lang)


def _verdict_suffix(line: Text, result: Result, lang: Lang) -> Text:
    """After a ratio: the status it gives and the band it falls in (for information when met)."""
    if result.status is Status.MET:
        line.append(tr("detail.met_ratio", lang))
    elif result.status not in (Status.MISSED, Status.SUSPECT, Status.UNASSESSED):
        line.append(" → ")
        line.append_text(status_text(result.status, result.severity, lang))
        bands = _range_words(result.status, lang)
        line.append(word("punct.paren", lang, x=bands))
    return line


def _no_ratio(result: Result, lang: Lang) -> Lines:
    """No progress: the value is missing or unusable, or there is no earlier value."""
    if result.value is None:
        return [Text(clean(result.message.render(lang)))]
    return [
        _words(
            lang,
            "没有更早的数值（基期值或往年报告），无法计算进度比。",
            "No earlier value (baseline or earlier report): the ratio cannot be computed.",
        )
    ]


def _target(result: Result, lang: Lang) -> Lines:
    """at_least, at_most (and cumulative_change against x*): the progress ratio with its
    formula in words, the projection, the growth still needed, time against task."""
    p = result.progress
    if p is None:
        return _no_ratio(result, lang)
    out = [Text(method_words(p, lang) + word("punct.paren", lang, x=_base_from(p, lang)))]
    if kinds.lower_is_better(result.rule):
        out.append(
            _words(
                lang,
                "  越低越好：下降即向目标靠近",
                "  lower is better: a fall moves toward it",
                "dim",
            )
        )
    out.extend(_paths(result, p, lang))
    out.extend(_ratio(result, p, lang))
    out.extend(_ahead(result, p, lang))
    view = time_and_task(result, p, lang)
    if view is not None:
        out.append(_line(tr("detail.time_task", lang), view, lang))
    return out


def _paths(result: Result, p: Progress, lang: Lang) -> Lines:
    """The change so far and the change the target needs, from the same base point."""
    goal = kinds.goal(result.rule)
    assert result.value is not None and goal is not None and result.rule.target_year is not None
    t, T, t0 = result.report.year, result.rule.target_year, p.base_year
    x0, x = fmt_beside(p.base_value, goal), fmt_beside(result.value, goal)
    target = fmt(goal)
    if p.method is Method.LINEAR:
        return [
            _words(
                lang,
                f"  实际：{t0} 年 {x0} → {t} 年 {x}（{t - t0} 年）",
                f"  actual: {x0} in {t0} → {x} in {t} ({t - t0} yr)",
            ),
            _words(
                lang,
                f"  所需：{t0} 年 {x0} → {T} 年 {target}（{T - t0} 年）",
                f"  needed: {x0} in {t0} → {target} in {T} ({T - t0} yr)",
            ),
            _words(
                lang,
                "  基点、数值或目标为 0，增长率无定义，按线性法计算",
                "  a base, value or target of 0 leaves growth rates undefined: linear method",
                "dim",
            ),
        ]
    actual = fmt_rate(p.cagr_actual, p.cagr_required)
    needed = fmt_rate(p.cagr_required, p.cagr_actual)
    out = [
        _words(
            lang,
            f"  实际：{t0} 年 {x0} → {t} 年 {x}（{t - t0} 年），年均 {actual}",
            f"  actual: {x0} in {t0} → {x} in {t} ({t - t0} yr), {actual} a year",
        )
    ]
    if p.cagr_required is not None:
        out.append(
            _words(
                lang,
                f"  所需：{t0} 年 {x0} → {T} 年 {target}（{T - t0} 年），年均 {needed}",
                f"  needed: {x0} in {t0} → {target} in {T} ({T - t0} yr), {needed} a year",
            )
        )
    return out


def _ratio(result: Result, p: Progress, lang: Lang) -> Lines:
    if p.ratio is None:
        if result.report.year <= p.base_year:
            return []
        x0 = fmt_beside(p.base_value, kinds.goal(result.rule))
        return [
            _words(
                lang,
                f"  {p.base_year} 年（{x0}）已达到目标，不计算进度比",
                f"  the target was already met in {p.base_year} ({x0}): no ratio",
            )
        ]
    r = f"{floor_ratio(p.ratio):.3f}"
    if p.method is Method.LINEAR and p.gap_closed is not None and p.time_elapsed is not None:
        gap = share_beside(p.gap_closed, p.time_elapsed)
        elapsed = share_beside(p.time_elapsed, p.gap_closed)
        line = Text(f"  R = {gap} ÷ {elapsed} = {r}")
    else:
        line = Text(
            f"  R = {fmt_rate(p.cagr_actual, p.cagr_required)} ÷ "
            f"{fmt_rate(p.cagr_required, p.cagr_actual)} = {r}"
        )
    return [_verdict_suffix(line, result, lang)]


def _ahead(result: Result, p: Progress, lang: Lang) -> Lines:
    """Before the target year and short of it: where the value is headed, and what it takes."""
    rule = result.rule
    goal = kinds.goal(rule)
    assert result.value is not None and goal is not None and rule.target_year is not None
    t, T, u = result.report.year, rule.target_year, clean(rule.unit)
    if result.status in (Status.MET, Status.MISSED) or t >= T:
        return []
    out = []
    target = fmt(goal)
    if p.projection is not None:
        proj = fmt_beside(
            projected(p.projection, rule.unit, kinds.lower_is_better(rule)), goal, digits=2
        )
        if p.method is Method.LINEAR:
            how = msg("按线性趋势", "on the linear trend")
        else:
            how = msg("按年均 {r}", "at {r} a year", r=fmt_rate(p.cagr_actual))
        shown = msg(
            "{proj}{u}（{T} 年，{how}）",
            "{proj} {u} in {T} {how}",
            proj=proj,
            u=u,
            T=T,
            how=how.render(lang),
        ).render(lang)
        out.append(_line(label("projection", lang), shown, lang))
    if p.growth_needed is not None:
        still = msg(
            "{r}（{t} → {T} 年，才能达到 {target}{u}）",
            "{r} a year from {t} to {T} to reach {target} {u}",
            r=fmt_rate(p.growth_needed),
            t=t,
            T=T,
            target=target,
            u=u,
        ).render(lang)
    else:
        change = (goal - result.value) / (T - t)
        step = ("+" if change >= 0 else "-") + fmt_beside(abs(change)) + u
        still = msg(
            "每年 {step}（{t} → {T} 年，才能达到 {target}{u}）",
            "{step} a year from {t} to {T} to reach {target} {u}",
            step=step,
            t=t,
            T=T,
            target=target,
            u=u,
        ).render(lang)
    out.append(_line(label("growth_needed", lang), still, lang))
    return out


def _cumulative(result: Result, lang: Lang) -> Lines:
    """The plan's percent turned into the value to reach, x* = x0 · (1 + p / 100), then the
    calculation against x* as for at_least / at_most."""
    rule = result.rule
    goal = kinds.goal(rule)
    assert rule.baseline is not None and rule.target is not None and goal is not None
    base, u = rule.baseline, clean(rule.unit)
    pct = fmt(abs(rule.target))
    sign = "−" if rule.target < 0 else "+"
    change_zh = "累计降低" if rule.target < 0 else "累计提高"
    change_en = "a cumulative fall" if rule.target < 0 else "a cumulative rise"
    x_star = fmt_beside(goal, result.value)
    arithmetic = f"x* = {fmt(base.value)} × (1 {sign} {pct}%) = {x_star}"
    first = _words(
        lang,
        f"{change_zh} {pct}%（以 {base.year} 年 {fmt(base.value)}{u} 为基数）：{arithmetic}{u}",
        f"{change_en} of {pct}% (from {fmt(base.value)} {u} in {base.year}): {arithmetic} {u}",
    )
    judged = _words(
        lang,
        f"  按“{'不高于' if rule.target < 0 else '不低于'} x*”判断",
        f"  judged as {'at most' if rule.target < 0 else 'at least'} x*",
        "dim",
    )
    return [first, judged, *_target(result, lang)]


def _growth(result: Result, lang: Lang) -> Lines:
    """growth_at_least: g = (x / x0)^(1 / (t − t0)) − 1 against the plan's rate, and R = g ÷
    rate before the target year."""
    p, rule = result.progress, result.rule
    if p is None or result.value is None or rule.target is None:
        # no base point, or a base or value of 0: the message says which
        return [Text(clean(result.message.render(lang)))]
    t, t0, u = result.report.year, p.base_year, clean(rule.unit)
    rate = f"{fmt(rule.target)}%"
    g = fmt_rate(p.cagr_actual, p.cagr_required)
    x0, x = fmt_beside(p.base_value, result.value), fmt_beside(result.value, p.base_value)
    out = [
        _words(
            lang,
            f"年均增长率：g = (x ÷ x0)^(1 ÷ (t − t0)) − 1（{_base_from(p, lang)}）",
            f"average yearly growth: g = (x ÷ x0)^(1 ÷ (t − t0)) − 1 ({_base_from(p, lang)})",
        ),
        _words(
            lang,
            f"  实际：{t0} 年 {x0} → {t} 年 {x}{u}（{t - t0} 年），"
            f"g = ({x} ÷ {x0})^(1 ÷ {t - t0}) − 1 = {g}",
            f"  actual: {x0} in {t0} → {x} {u} in {t} ({t - t0} yr),"
            f" g = ({x} ÷ {x0})^(1 ÷ {t - t0}) − 1 = {g}",
        ),
        _words(
            lang,
            f"  目标：年均增长 {rate} 以上（至 {rule.target_year} 年）",
            f"  target: at least {rate} a year (to {rule.target_year})",
        ),
    ]
    out.append(_growth_verdict(result, p, lang))
    out.extend(_growth_ahead(result, p, lang))
    return out


def _growth_verdict(result: Result, p: Progress, lang: Lang) -> Text:
    assert result.rule.target is not None
    rate = f"{fmt(result.rule.target)}%"
    g = fmt_rate(p.cagr_actual, p.cagr_required)
    if result.status is Status.MET:
        return _words(
            lang, f"  g = {g} ≥ {rate}：已达到目标", f"  g = {g} ≥ {rate}: target reached"
        )
    if result.status is Status.MISSED:
        return _words(
            lang,
            f"  {result.report.year} 年 g = {g} < {rate}：目标年已到，目标未实现",
            f"  g = {g} < {rate} in {result.report.year}, the target year: not reached",
        )
    ratio = "—" if p.ratio is None else f"{floor_ratio(p.ratio):.3f}"
    return _verdict_suffix(Text(f"  R = g ÷ {rate} = {g} ÷ {rate} = {ratio}"), result, lang)


def _growth_ahead(result: Result, p: Progress, lang: Lang) -> Lines:
    """Before the target year and short of the rate: where the value is headed, where the
    plan's rate leads from the base, and the growth that gets back onto that path."""
    rule = result.rule
    T = rule.target_year
    if T is None or rule.target is None or result.status in (Status.MET, Status.MISSED):
        return []
    if result.report.year >= T:
        return []
    u, t = clean(rule.unit), result.report.year
    rate = f"{fmt(rule.target)}%"
    end = path_end(rule, p)
    out = []
    if p.projection is not None:
        proj = fmt_beside(projected(p.projection, rule.unit, False), end, digits=2)
        shown = msg(
            "{proj}{u}（{T} 年，按年均 {r}）",
            "{proj} {u} in {T} at {r} a year",
            proj=proj,
            u=u,
            T=T,
            r=fmt_rate(p.cagr_actual),
        ).render(lang)
        out.append(_line(label("projection", lang), shown, lang))
    if end is not None:
        path = fmt_beside(end, p.projection, digits=2)
        out.append(
            _words(
                lang,
                f"  按年均 {rate}：{p.base_year} 年 {fmt(p.base_value)} → {T} 年 {path}{u}",
                f"  at {rate} a year: {fmt(p.base_value)} in {p.base_year} → {path} {u} in {T}",
            )
        )
    if p.growth_needed is not None and end is not None:
        path = fmt_beside(end, p.projection, digits=2)
        still = msg(
            "{r}（{t} → {T} 年，才能回到 {path}{u}）",
            "{r} a year from {t} to {T} to get back to {path} {u}",
            r=fmt_rate(p.growth_needed),
            t=t,
            T=T,
            path=path,
            u=u,
        ).render(lang)
        out.append(_line(label("growth_needed", lang), still, lang))
    return out


_BY_KIND: dict[Kind, Callable[[Result, Lang], Lines]] = {
    Kind.AT_LEAST: _target,
    Kind.AT_MOST: _target,
    Kind.CUMULATIVE_CHANGE: _cumulative,
    Kind.GROWTH_AT_LEAST: _growth,
    Kind.NON_DECREASING: _non_decreasing,
    Kind.QUALITATIVE: _qualitative,
}


def calculation_lines(result: Result, lang: Lang) -> Lines:
    """How the verdict was reached, step by step, for the result's kind; for a suspect value,
    why it is suspect instead."""
    if result.status is Status.SUSPECT:
        return suspect_lines(result, lang)
    return _BY_KIND[result.rule.kind](result, lang)


def share_beside(x: float, other: float | None) -> str:
    return fmt_beside(x * 100, *(() if other is None else (other * 100,)), digits=0) + "%"


def report_lines(result: Result, lang: Lang) -> list[Text]:
    report = result.report
    obs = report.observations.get(result.rule.id)
    shown = value_text(result)
    if result.value is not None:
        shown = fmt_beside(result.value, kinds.goal(result.rule)) + result.rule.unit
    value = Text(clean(shown))
    if obs is not None and obs.raw and obs.raw not in (value.plain, fmt(result.value)):
        raw = clean(obs.raw, single_line=True)
        value.append(
            msg("（原文 “{raw}”）", " (written “{raw}”)", raw=raw).render(lang), style="dim"
        )
    out = [_line(label("value", lang), value, lang)]
    if obs is not None and obs.previous is not None:
        prev = fmt(obs.previous.value) + clean(obs.previous.unit or "")
        out.append(_line(tr("detail.previous", lang), prev, lang))
    if result.note:
        out.append(_line(label("notes", lang), clean(result.note), lang))
    if result.verified:
        out.append(_line(word("note.verified", lang), clean(result.verified), lang))
    where = result.location or report.location
    loc = Text(clean(str(where), single_line=True))
    loc.append("  " + tr("detail.edit_hint", lang), style="dim")
    out.append(_line(label("file", lang), loc, lang))
    if report.submitted_by or report.submitted_on:
        who = " · ".join(
            clean(s, single_line=True) for s in (report.submitted_by, report.submitted_on) if s
        )
        out.append(_line(word("report.submitted", lang), who, lang))
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
