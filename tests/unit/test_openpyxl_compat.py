"""The canary for openpyxl's private API (planck/sources/openpyxl_compat.py).

planck reads formulas without saved results, merged cells and percentage formats through
openpyxl internals, because its public API gives them only at several times the cost. If a
new openpyxl moves any of them, these tests fail and say what moved; pyproject caps openpyxl
below the next minor version so that users never meet the change first."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from planck.sources.openpyxl_compat import SUPPORTED, SheetCells, percent_styles
from tests.tablehelp import set_cached_value, write_xlsx

MOVED = (
    "openpyxl {v} no longer has {what}, which planck/sources/openpyxl_compat.py relies on: "
    "adapt that module to the new openpyxl, then raise the cap in pyproject.toml"
)


def test_the_installed_openpyxl_is_one_the_module_was_written_for() -> None:
    low, high = (
        tuple(int(part) for part in bound.lstrip("<>=").split("."))
        for bound in SUPPORTED.split(",")
    )
    installed = tuple(int(part) for part in openpyxl.__version__.split(".")[:2])
    assert low <= installed < high, (
        f"openpyxl {openpyxl.__version__} is outside {SUPPORTED}: check "
        "planck/sources/openpyxl_compat.py against it before widening the cap"
    )


def test_pyproject_caps_openpyxl_as_the_module_says() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8")
    assert f'"openpyxl{SUPPORTED}"' in pyproject


@pytest.mark.parametrize(
    "module, name",
    [
        ("openpyxl.worksheet._reader", "WorkSheetParser"),
        ("openpyxl.worksheet._reader", "FORMULA_TAG"),
        ("openpyxl.styles.numbers", "BUILTIN_FORMATS"),
        ("openpyxl.styles.numbers", "BUILTIN_FORMATS_MAX_SIZE"),
    ],
)
def test_the_private_names_exist(module: str, name: str) -> None:
    imported = pytest.importorskip(module)
    assert hasattr(imported, name), MOVED.format(v=openpyxl.__version__, what=f"{module}.{name}")


def _workbook(tmp_path: Path) -> openpyxl.Workbook:
    path = write_xlsx(
        tmp_path / "r.xlsx",
        {
            "报表": [
                ["地区", "年份", "指标", "数值"],
                ["独山子区", 2023, "rd_intensity", 0.0162],
                [None, 2023, "tech_contract_value", "=D2*10"],
                [None, 2023, "fiscal_st_spending", "=D2*100"],
            ]
        },
        formats={"报表!D2": "0.00%"},
        merge=["报表!A2:A4"],
    )
    set_cached_value(path, "D4", "1.62")  # D3 keeps no saved result
    data = path.read_bytes()
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def test_cells_formulas_merged_ranges_and_percentages_are_read(tmp_path: Path) -> None:
    workbook = _workbook(tmp_path)
    try:
        sheet = workbook.worksheets[0]
        cells = SheetCells(workbook, sheet, untrusted=False)
        by_ref = {(c["row"], c["column"]): c for c in cells}
        styles = percent_styles(workbook)
    finally:
        workbook.close()
    assert by_ref[(2, 4)]["value"] == pytest.approx(0.0162)
    assert by_ref[(2, 4)]["style_id"] in styles, "the percentage format was not recognised"
    assert by_ref[(1, 4)]["style_id"] not in styles
    # a formula without a saved result: no value, and the formula kept for the message
    assert by_ref[(3, 4)]["value"] is None
    assert by_ref[(3, 4)]["formula"] == "=D2*10"
    # a formula with a saved result: the result, no formula
    assert by_ref[(4, 4)]["value"] == pytest.approx(1.62)
    assert by_ref[(4, 4)].get("formula") is None
    assert cells.merged == [(2, 1, 4, 1)]


def test_a_workbook_asking_for_recalculation_keeps_no_saved_result(tmp_path: Path) -> None:
    workbook = _workbook(tmp_path)
    try:
        cells = list(SheetCells(workbook, workbook.worksheets[0], untrusted=True))
    finally:
        workbook.close()
    saved = next(c for c in cells if (c["row"], c["column"]) == (4, 4))
    assert saved["value"] is None
    assert saved["placeholder"] is True
    assert saved["formula"] == "=D2*100"
