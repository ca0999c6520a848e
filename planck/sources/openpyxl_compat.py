"""Every use of openpyxl's private API in planck, kept in this one module.

openpyxl's public read-only worksheet gives neither merged cells nor, alongside a cell's saved
value, whether it holds a formula; its public full load gives both but reads each workbook
twice (once for values, once for formulas) and builds every cell: measured on the benchmark's
2,000-report workbook, 2.8 times the time of this module's single streaming pass. So the
streaming parser openpyxl itself uses for read-only sheets is subclassed here, and the
workbook's style tables are read for percentage formats.

The private names are those of openpyxl 3.1 (pyproject caps openpyxl below 3.2).
tests/unit/test_openpyxl_compat.py is the canary: it reads a workbook with a formula, a merged
range and a percentage through this module, and names what changed should a new openpyxl
release move any of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

SUPPORTED = ">=3.1,<3.2"
_QUOTED = re.compile(r'"[^"]*"|\\.')


class SheetCells:
    """The cells of one worksheet of a read-only workbook, streamed in file order as openpyxl's
    parser dicts (row, column, value, data_type, style_id) with two keys of planck's: formula
    ("=A1+1") for a formula cell without a usable saved result, and placeholder (True when a
    saved result exists but the workbook asks to be recalculated, so it is not trusted).
    After iterating, ``merged`` holds the sheet's merged ranges (min_row, min_col, max_row,
    max_col), 1-based."""

    def __init__(self, workbook: Any, sheet: Any, *, untrusted: bool) -> None:
        self.workbook = workbook
        self.sheet = sheet
        self.untrusted = untrusted
        self.merged: list[tuple[int, int, int, int]] = []

    def __iter__(self) -> Iterator[dict[str, Any]]:
        from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

        untrusted = self.untrusted

        class Parser(WorkSheetParser):
            def parse_cell(self, element: Any) -> dict[str, Any]:
                cell: dict[str, Any] = super().parse_cell(element)
                if cell["value"] is None or untrusted:
                    formula = element.find(FORMULA_TAG)
                    if formula is not None:
                        cell["placeholder"] = cell["value"] is not None
                        cell["value"] = None
                        cell["formula"] = "=" + (formula.text or "")
                return cell

        workbook, sheet = self.workbook, self.sheet
        with sheet._get_source() as source:
            parser = Parser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for _number, cells in parser.parse():
                yield from cells
            merged = parser.merged_cells
        if merged is not None and merged.mergeCell:
            self.merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in merged.mergeCell]


def percent_styles(workbook: Any) -> set[int]:
    """Style ids whose number format shows a percentage (Excel stores 1.62% as 0.0162)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    found: set[int] = set()
    for style_id, style in enumerate(workbook._cell_styles):
        fmt_id = getattr(style, "numFmtId", 0)
        try:
            if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
                code = BUILTIN_FORMATS.get(fmt_id, "General")
            else:
                code = workbook._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
        except (IndexError, TypeError):
            continue
        if "%" in _QUOTED.sub("", str(code)):
            found.add(style_id)
    return found
