"""An indicator's course by year as a small inline SVG chart, for the HTML report: the values
reported (solid line and dots), the path the target needs (dashed), where the current pace
leads (dotted) and the target (a diamond in the target year, and a thin line at its level).

Pure string building from planck.render.series.chart_rows: no drawing library, nothing judged
here. Every text is cleaned of control characters and escaped with html.escape; every number
written into an attribute is a finite decimal; the chart has a <title> and a <desc> (the
values in words) for screen readers and as tooltips.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass

from planck.domain import kinds
from planck.i18n import Lang, word
from planck.model import Result
from planck.render import common
from planck.render.series import ChartRow, chart_rows, path_end
from planck.textsafe import clean

WIDTH = 340
HEIGHT = 190
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 22, 30
TICKS = 4  # about this many steps on the value axis

ACTUAL = "#0550ae"
PATH = "#59636e"
PROJECTED = "#9a6700"
TARGET = "#cf222e"
GRID = "#d1d9e0"


def esc(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _num(x: float) -> str:
    """A coordinate: one decimal, never -0.0."""
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) that cuts ``span`` into about TICKS."""
    raw = span / TICKS
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if raw <= factor * power:
            return factor * power
    return 10.0 * power


@dataclass(frozen=True, slots=True)
class Frame:
    """Where years and values land on the canvas."""

    first: int
    last: int
    low: float
    high: float
    step: float

    def x(self, year: int) -> float:
        inner = WIDTH - LEFT - RIGHT
        if self.last == self.first:
            return LEFT + inner / 2
        return LEFT + inner * (year - self.first) / (self.last - self.first)

    def y(self, value: float) -> float:
        inner = HEIGHT - TOP - BOTTOM
        return TOP + inner * (self.high - value) / (self.high - self.low)

    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]


def _frame(rows: list[ChartRow], values: list[float]) -> Frame | None:
    low = min(0.0, *values)
    high = max(values)
    if high <= low:
        high = low + 1.0
    span = high - low
    if not math.isfinite(span) or span <= 0:
        return None
    step = _nice_step(span)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return None
    if round((high - low) / step) > 2 * TICKS + 2:
        return None  # values too far apart for a readable chart (1e300 beside 2)
    return Frame(rows[0].year, rows[-1].year, low, high, step)


def _values(rows: list[ChartRow], end: float | None) -> list[float]:
    found = [v for r in rows for v in (r.actual, r.path, r.projected) if v is not None]
    if end is not None:
        found.append(end)
    return [v for v in found if math.isfinite(v)]


def _polyline(frame: Frame, points: Iterable[tuple[int, float]], style: str) -> str:
    coords = " ".join(f"{_num(frame.x(y))},{_num(frame.y(v))}" for y, v in points)
    if " " not in coords:
        return ""  # a single point is no line
    return f'<polyline fill="none" {style} points="{coords}"/>'


def _axes(frame: Frame, rows: list[ChartRow]) -> list[str]:
    out = []
    right = _num(WIDTH - RIGHT)
    for tick in frame.ticks():
        y = _num(frame.y(tick))
        out.append(
            f'<line x1="{LEFT}" x2="{right}" y1="{y}" y2="{y}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y}" dy="4" text-anchor="end">'
            f"{esc(common.number_text(tick))}</text>"
        )
    every = 1 if len(rows) <= 8 else 2
    baseline = _num(HEIGHT - BOTTOM + 16)
    for i, row in enumerate(rows):
        if i % every == 0 or row is rows[-1]:
            out.append(
                f'<text x="{_num(frame.x(row.year))}" y="{baseline}" text-anchor="middle">'
                f"{row.year}</text>"
            )
    return out


def _point_text(year: int, value: float, unit: str, end: float | None) -> str:
    return f"{year}: {common.number_text(value, end)}{unit}"


def _marks(frame: Frame, result: Result, rows: list[ChartRow], end: float | None) -> list[str]:
    """The target (level line and diamond), the needed path, the projection, the values."""
    rule = result.rule
    unit = rule.unit
    out = []
    goal = kinds.goal(rule)
    if goal is not None and math.isfinite(goal) and rule.target_year is not None:
        level = _num(frame.y(goal))
        out.append(
            f'<line x1="{LEFT}" x2="{_num(WIDTH - RIGHT)}" y1="{level}" y2="{level}"'
            f' stroke="{TARGET}"'
            ' stroke-width="1" stroke-opacity="0.45"/>'
        )
    path = [(r.year, r.path) for r in rows if r.path is not None]
    out.append(_polyline(frame, path, f'stroke="{PATH}" stroke-width="1.5" stroke-dasharray="6 4"'))
    actual = [(r.year, r.actual) for r in rows if r.actual is not None]
    projected = [(r.year, r.projected) for r in rows if r.projected is not None]
    if projected and result.value is not None:
        start = [(result.report.year, result.value)]
        style = f'stroke="{PROJECTED}" stroke-width="2" stroke-dasharray="2 3"'
        out.append(_polyline(frame, start + projected, style))
    out.append(_polyline(frame, actual, f'stroke="{ACTUAL}" stroke-width="2"'))
    for year, value in actual:
        out.append(
            f'<circle cx="{_num(frame.x(year))}" cy="{_num(frame.y(value))}" r="3"'
            f' fill="{ACTUAL}"><title>{esc(_point_text(year, value, unit, end))}</title></circle>'
        )
    if end is not None and rule.target_year is not None and frame.first <= rule.target_year:
        x, y = frame.x(rule.target_year), frame.y(end)
        diamond = f"{_num(x)},{_num(y - 6)} {_num(x + 6)},{_num(y)} {_num(x)},{_num(y + 6)} "
        diamond += f"{_num(x - 6)},{_num(y)}"
        out.append(
            f'<polygon points="{diamond}" fill="none" stroke="{TARGET}" stroke-width="2">'
            f"<title>{esc(_point_text(rule.target_year, end, unit, None))}</title></polygon>"
        )
    return out


def description(result: Result, rows: list[ChartRow], lang: Lang) -> str:
    """The chart in words: each year's value, then the path's end and the projection."""
    unit = result.rule.unit
    end = path_end(result.rule, result.progress)
    sep = word("punct.list", lang)
    parts = [_point_text(r.year, r.actual, unit, end) for r in rows if r.actual is not None]
    text = word("review.chart.actual", lang) + word("punct.sep", lang) + sep.join(parts)
    if end is not None and result.rule.target_year is not None:
        target = _point_text(result.rule.target_year, end, unit, None)
        text += f"; {word('review.chart.target', lang)}{word('punct.sep', lang)}{target}"
    projected = [r for r in rows if r.projected is not None]
    if projected:
        last = projected[-1]
        assert last.projected is not None
        guess = _point_text(last.year, last.projected, unit, end)
        text += f"; {word('review.chart.projected', lang)}{word('punct.sep', lang)}{guess}"
    return text


def chart_svg(result: Result, lang: Lang, ident: str) -> str | None:
    """The chart of ``result``'s indicator, or None where there is no number to draw.
    ``ident`` (letters, digits and dashes only) makes the ids of its title and desc unique in
    the page."""
    rows = chart_rows(result)
    end = path_end(result.rule, result.progress)
    if end is not None and not math.isfinite(end):
        end = None
    values = _values(rows, end)
    if not rows or not values:
        return None
    frame = _frame(rows, values)
    if frame is None:
        return None
    title = f"{result.rule.display_name(lang)} — {common.status_word(result, lang)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}"'
        f' height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{esc(title)}</title>',
        f'<desc id="{ident}-d">{esc(description(result, rows, lang))}</desc>',
        '<g font-size="11" fill="#59636e">',
        f'<text x="4" y="11">{esc(result.rule.unit)}</text>',
        *_axes(frame, rows),
        "</g>",
        *_marks(frame, result, rows, end),
        "</svg>",
    ]
    return "".join(p for p in parts if p)
