"""The rule table's columns and cells: widths that never cut a status or a number, indicator
names cut so that two rows never look the same, and the cells of one result. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from planck.domain.progress import floor_ratio
from planck.i18n import Lang, label
from planck.model import (
    Result,
    Status,
)
from planck.render.common import (
    ratio_text,
    symbol,
    target_text,
    value_text,
    with_unit,
)
from planck.render.text import STATUS_STYLE, status_text
from planck.textsafe import clean
from planck.tui.strings import tr


def progress_cell(result: Result, bar_width: int) -> Text:
    """The progress ratio R, with a small bar when there is room; '—' when none was computed."""
    ratio = ratio_text(result)
    if bar_width <= 0 or result.progress is None or result.progress.ratio is None:
        return Text(ratio, justify="right")
    share = min(1.0, max(0.0, floor_ratio(result.progress.ratio)))
    eighths = round(share * bar_width * 8)
    full, rest = divmod(eighths, 8)
    bar = symbol("█" * full + (" ▏▎▍▌▋▊▉"[rest] if rest else ""))
    text = Text(bar.ljust(bar_width), style=STATUS_STYLE[result.status])
    text.append(" " + ratio.rjust(5))
    return text


@dataclass(frozen=True)
class Columns:
    status: int
    indicator: int
    value: int
    target: int
    progress: int
    bar: int
    short_status: bool = False


CELL_PADDING = 2  # DataTable pads each cell by one column on either side
SCROLLBAR = 2
MIN_INDICATOR = 16


# Shorter English words for the table's status column when the terminal is narrow (the
# drill-down and the help screen use the full ones). The Chinese words are short already.
SHORT_STATUS_EN: dict[Status, str] = {
    Status.NEEDS_ACCELERATION: "accelerate",
    Status.LIMITED_PROGRESS: "limited",
}


def status_cell(result: Result, lang: Lang, short: bool = False) -> Text:
    text = status_text(result.status, result.severity, lang)
    if short and lang == "en" and result.status in SHORT_STATUS_EN:
        text = Text(f"{text.plain[0]} {SHORT_STATUS_EN[result.status]}", style=text.style)
    return text


def columns_for(
    widest: tuple[int, int, int], lang: Lang, width: int, scrollbar: bool = True
) -> Columns:
    """Column widths for the rule table: statuses and numbers are never cut, the indicator
    name takes what is left (cut with an ellipsis; the full name is one Enter away)."""
    status, value, target = widest
    fixed = status + value + target + 5 * CELL_PADDING + (SCROLLBAR if scrollbar else 0)
    # A bar beside the ratio when the indicator name still keeps 30 columns.
    bar = 8 if width - fixed - (5 + 1 + 8) >= 30 else 0
    progress = max(cell_len(tr("progress", lang)), 5 + (bar + 1 if bar else 0))
    indicator = width - fixed - progress
    short = False
    if indicator < MIN_INDICATOR and lang == "en":
        # Narrow and English: the long status words give way to the indicator's name.
        shortest = max(len("! ") + len(w) for w in [*SHORT_STATUS_EN.values(), "deteriorating"])
        saved = max(0, status - shortest)
        status -= saved
        indicator += saved
        short = saved > 0
    if indicator < INDICATOR_FLOOR:
        # Too narrow for the table (a long unit: 吨标准煤/万元): the units in the value and
        # target cells give way, never their numbers (see unit_cut), so that the table needs
        # no sideways scrolling, which would hide its last row behind a scrollbar.
        value, target, indicator = _units_give_way(value, target, indicator, lang)
    return Columns(status, max(INDICATOR_FLOOR, indicator), value, target, progress, bar, short)


INDICATOR_FLOOR = 8  # the indicator column is never narrower than this


UNIT_CUT_VALUE = 10  # the narrowest value and target columns that units give way to
UNIT_CUT_TARGET = 12


def _units_give_way(value: int, target: int, indicator: int, lang: Lang) -> tuple[int, int, int]:
    """Value and target widths narrowed (target first) until the indicator has INDICATOR_FLOOR
    cells, but not below what their headings and numbers need."""
    for_target = max(UNIT_CUT_TARGET, cell_len(label("target", lang)))
    taken = min(max(0, target - for_target), INDICATOR_FLOOR - indicator)
    target, indicator = target - taken, indicator + taken
    for_value = max(UNIT_CUT_VALUE, cell_len(label("value", lang)))
    taken = min(max(0, value - for_value), max(0, INDICATOR_FLOOR - indicator))
    return value - taken, target, indicator + taken


def unit_cut(text: str, unit: str, width: int) -> str:
    """A value or target cell in ``width`` cells: when it is wider, the unit at its end is cut
    (“0.47吨标…”), never the number before it."""
    if cell_len(text) <= width or not unit:
        return text
    number = len(text) - len(text.lstrip(_NUMBER_CHARS))
    if number == 0 or not unit.startswith(text[number:].rstrip("….")[:1]):
        return text  # not a number followed by its unit
    return with_unit(text[:number], unit, width)


# What the number (and the comparison before it) in a value or target cell is written with.
_NUMBER_CHARS = "≥≤<>~ 0123456789.,+-eE"


def _head(text: str, cells: int) -> str:
    """The longest start of ``text`` that fits in ``cells`` terminal cells."""
    out = ""
    for char in text:
        if cell_len(out + char) > cells:
            break
        out += char
    return out


def _tail(text: str, cells: int) -> str:
    """The longest end of ``text`` that fits in ``cells`` terminal cells."""
    return _head(text[::-1], cells)[::-1]


def short_names(names: list[str], width: int) -> list[str]:
    """Names that fit in ``width`` cells and still tell the rows apart: a name too long is cut
    at its end (“规模以上工业企业研…”); when that makes two different names look the same, both
    keep their start and their end instead (“规模以上…收入比重” and “规模以上…企业占比”)."""
    width = max(width, 3)

    def cut_end(name: str) -> str:
        return name if cell_len(name) <= width else _head(name, width - 1) + "…"

    def cut_middle(name: str, head: int) -> str:
        if cell_len(name) <= width:
            return name
        start = _head(name, head)
        return start + "…" + _tail(name, width - 1 - cell_len(start))

    short = [cut_end(n) for n in names]
    seen: dict[str, set[str]] = {}
    for name, cut in zip(names, short, strict=True):
        seen.setdefault(cut, set()).add(name)
    for cut, group in seen.items():
        if len(group) < 2:
            continue
        chosen: dict[str, str] = {}
        # As much of the start as still leaves the names distinct by their ends.
        for head in range((width - 1) // 2, 0, -1):
            chosen = {n: cut_middle(n, head) for n in group}
            if len(set(chosen.values())) == len(group):
                break
        else:
            # Same start and same end: show the part where each differs from the others.
            def common(a: str, b: str) -> int:
                k = 0
                while k < min(len(a), len(b)) and a[k] == b[k]:
                    k += 1
                return k

            chosen = {}
            for n in group:
                differs = max(common(n, other) for other in group if other != n)
                start = max(0, differs - max(1, (width - 1) // 3))
                chosen[n] = "…" + _head(n[start:], width - 1)
        short = [chosen.get(n, s) if s == cut else s for n, s in zip(names, short, strict=True)]
    return short


def row_cells(
    result: Result, lang: Lang, columns: Columns, name_text: str | None = None
) -> tuple[Text, ...]:
    """A result's cells; ``name_text`` is the indicator's name as cut by short_names."""
    full = clean(result.rule.display_name(lang), single_line=True)
    name = Text(full if name_text is None else name_text)
    name.no_wrap = True
    name.overflow = "ellipsis"
    unit = clean(result.rule.unit, single_line=True)
    return (
        status_cell(result, lang, columns.short_status),
        name,
        Text(
            unit_cut(clean(value_text(result), single_line=True), unit, columns.value),
            justify="right",
        ),
        Text(
            unit_cut(clean(target_text(result, lang), single_line=True), unit, columns.target),
            justify="right",
        ),
        progress_cell(result, columns.bar),
    )
