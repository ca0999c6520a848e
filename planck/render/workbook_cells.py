"""The cells of the Excel workbook (planck.render.workbook): text made safe for a worksheet,
sheet names Excel accepts, fills by tone, number formats and column widths.

Every string from a report, a rule set or a file name goes in through :func:`put`, which
writes it as a value and never as a formula, without the control characters XML forbids.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from planck.render import common

# Characters XML 1.0 does not allow in a document (openpyxl would refuse to save them).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# What a spreadsheet could read as the start of a formula if the cell were ever re-entered.
FORMULA_START = ("=", "+", "-", "@")
# Characters a sheet name may not hold, and its longest length (Excel's limits).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
# Excel keeps this name for itself.
_RESERVED_SHEET_NAMES = frozenset({"history"})

WIDTH_MIN = 6
WIDTH_MAX = 60

FILLS: dict[common.Tone, PatternFill] = {
    "ok": PatternFill(fill_type="solid", start_color="FFC6EFCE", end_color="FFC6EFCE"),
    "warn": PatternFill(fill_type="solid", start_color="FFFFEB9C", end_color="FFFFEB9C"),
    "fail": PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE"),
    "info": PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7"),
}
FONT_COLOURS: dict[common.Tone, str] = {
    "ok": "FF006100",
    "warn": "FF7F6000",
    "fail": "FF9C0006",
    "info": "FF1F3864",
}
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9D9D9", end_color="FFD9D9D9")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
LINK_FONT = Font(color="FF0563C1", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")
Value = str | int | float | None


def clean(text: str) -> str:
    """``text`` without the characters a worksheet cannot hold."""
    return _ILLEGAL.sub("", text)


def put(sheet: Worksheet, row: int, column: int, value: Value, number_format: str = "") -> None:
    """Writes ``value`` as a value: text stays text even when it starts like a formula."""
    write(sheet.cell(row=row, column=column), value, number_format)


def write(cell: Cell | MergedCell, value: Value, number_format: str = "") -> None:
    """``value`` into ``cell`` as a value (see put)."""
    if isinstance(value, str):
        text = clean(value)
        cell.value = text
        # openpyxl would store a string starting with '=' as a formula: make it text, and
        # tell Excel to keep it text if someone edits the cell.
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
        return
    if isinstance(value, float) and not math.isfinite(value):
        return
    cell.value = value
    if number_format and value is not None:
        cell.number_format = number_format


def put_status(sheet: Worksheet, row: int, column: int, word: str, tone: common.Tone) -> None:
    """A status as its symbol and word (the meaning), on the fill of its tone (a help)."""
    put(sheet, row, column, word)
    cell = sheet.cell(row=row, column=column)
    cell.fill = FILLS[tone]
    cell.font = Font(color=FONT_COLOURS[tone])


def link(cell: Cell | MergedCell, sheet: str) -> None:
    """Makes ``cell`` a link to the top of the sheet named ``sheet`` in the same workbook."""
    quoted = sheet.replace("'", "''")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")
    cell.font = LINK_FONT


def header(sheet: Worksheet, row: int, names: Iterable[str], first: int = 1) -> None:
    for offset, name in enumerate(names):
        put(sheet, row, first + offset, name)
        cell = sheet.cell(row=row, column=first + offset)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAP


def number_format(text: str) -> str:
    """The Excel number format that shows a number with the digits of ``text`` (as
    common.number_text wrote it, so that a cell never contradicts the verdict beside it)."""
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return "General"
    decimals = len(text.partition(".")[2])
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def number(value: float, *references: float | None) -> tuple[float, str]:
    """A number and the format that shows it beside ``references`` (its target)."""
    return value, number_format(common.number_text(value, *references))


def text_width(text: str) -> int:
    """Columns ``text`` needs, its widest line: a Chinese character takes two."""
    return max(map(common.display_width, text.splitlines()), default=0)


def fit_columns(sheet: Worksheet, widest: int = WIDTH_MAX, skip_rows: int = 0) -> None:
    """Each column as wide as its widest cell (CJK counted twice), within bounds; the first
    ``skip_rows`` rows (a title that may run across) do not count. Rows of wrapped text
    (headers, quotes) are made tall enough for their lines; the sheet prints landscape, as
    wide as a page."""
    widths: dict[str, int] = {}
    for row in sheet.iter_rows(min_row=skip_rows + 1):
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            if isinstance(value, float):
                shown = common.number_text(value)
            else:
                shown = str(value)
            letter = cell.column_letter
            widths[letter] = max(widths.get(letter, 0), text_width(shown) + 2)
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = max(WIDTH_MIN, min(width, widest))
    _wrapped_heights(sheet, skip_rows)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


LINE_HEIGHT = 15  # points per line of text


def _wrapped_heights(sheet: Worksheet, skip_rows: int) -> None:
    for line_no, row in enumerate(sheet.iter_rows(min_row=skip_rows + 1), start=skip_rows + 1):
        lines = 1
        for cell in row:
            if cell.value is None or not cell.alignment.wrap_text:
                continue
            room = max((sheet.column_dimensions[cell.column_letter].width or WIDTH_MIN) - 1, 1)
            needed = sum(
                max(1, math.ceil(text_width(line) / room))
                for line in str(cell.value).splitlines() or [""]
            )
            lines = max(lines, needed)
        if lines > 1:
            sheet.row_dimensions[line_no].height = LINE_HEIGHT * min(lines, 12)


def sheet_name(name: str, taken: set[str], fallback: str) -> str:
    """``name`` as Excel accepts it: without []:*?/\\ and control characters, no apostrophe at
    either end, at most 31 characters, different (in any case) from every name in ``taken``,
    which it is added to."""
    base = _SHEET_FORBIDDEN.sub("_", clean(name)).strip().strip("'").strip()
    if not base:
        base = fallback
    base = base[:SHEET_NAME_MAX]
    candidate = base
    n = 1
    while candidate.casefold() in taken or candidate.casefold() in _RESERVED_SHEET_NAMES:
        n += 1
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)].rstrip().rstrip("'") + suffix
    taken.add(candidate.casefold())
    return candidate
