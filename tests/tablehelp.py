"""Helpers for tests that need CSV and XLSX reports: write them from rows of cells."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

HEADER_EN = ["jurisdiction", "year", "indicator", "value", "unit", "note", "previous"]
HEADER_ZH = ["地区", "年份", "指标", "数值", "单位", "备注", "上年值"]


def csv_text(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


def write_xlsx(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    *,
    formats: dict[str, str] | None = None,
    merge: list[str] | None = None,
) -> Path:
    """An .xlsx with one worksheet per entry; ``formats`` maps "Sheet!D3" to a number format,
    ``merge`` lists "Sheet!A3:A5" ranges."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for ref, code in (formats or {}).items():
        name, cell = ref.split("!")
        workbook[name][cell].number_format = code
    for ref in merge or []:
        name, cells = ref.split("!")
        workbook[name].merge_cells(cells)
    workbook.save(path)
    return path


def set_cached_value(
    path: Path, cell: str, value: str, sheet_part: str = "sheet1.xml", *, recalc: bool = False
) -> None:
    """Give a formula cell the result Excel would have saved with it (openpyxl saves none).
    Excel's saved workbooks do not ask to be recalculated on load; openpyxl's do, so that
    request is removed unless ``recalc`` (as XlsxWriter and pandas write: a placeholder value
    with fullCalcOnLoad)."""
    if not recalc:
        try:
            rewrite_member(
                path, "xl/workbook.xml", lambda xml: xml.replace(' fullCalcOnLoad="1"', "")
            )
        except AssertionError:  # already removed by an earlier call
            pass
    name = f"xl/worksheets/{sheet_part}"
    rewrite_member(
        path,
        name,
        lambda xml: re.sub(
            rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*(?:/>|></v>)',  # as openpyxl writes it
            rf"\1<f>\2</f><v>{value}</v>",
            xml,
        ),
    )


def rewrite_member(path: Path, member: str, change: Any) -> None:
    """Rewrite one part of a zip archive through ``change(text) -> text``."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    text = parts[member].decode("utf-8")
    new = change(text)
    assert new != text, f"{member} unchanged"
    parts[member] = new.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
