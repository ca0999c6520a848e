"""The table reader and the form's extra column (指标代码), and hostile names in the form."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

from planck.engine.check import run_check
from tests.conftest import run_cli
from tests.tablehelp import write_xlsx

VALUE = 5  # the form's 数值 column


def make_form(tmp_path: Path, name: str, *extra: str, place: str = "dushanzi") -> Path:
    out = tmp_path / name
    result = run_cli("template", place, "2024", "-o", str(out), *extra)
    assert result.code == 0, result.err
    return out


def test_a_name_that_disagrees_with_the_id_is_an_input_error_at_its_cell(
    tmp_path: Path,
) -> None:
    path = make_form(tmp_path, "form.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    assert sheet["D3"].value == "fiscal_st_spending"
    sheet["C3"] = "研发投入强度"  # an alias of rd_intensity, beside fiscal_st_spending's id
    sheet["E3"] = 2450
    book.save(path)
    result = run_cli("check", str(path), "--lang", "en")
    assert result.code == 2
    assert "填报表!C3" in result.err
    assert "研发投入强度" in result.err and "fiscal_st_spending" in result.err


def test_an_unknown_name_beside_a_known_id_is_an_input_error(tmp_path: Path) -> None:
    path = make_form(tmp_path, "form.xlsx")
    book = openpyxl.load_workbook(path)
    book["填报表"]["C4"] = "某个别的指标"
    book.save(path)
    run = run_check([str(path)])
    assert [e.location.column for e in run.errors] == [3]
    assert not run.reports


def test_the_id_alone_names_the_indicator(tmp_path: Path) -> None:
    table = tmp_path / "ids.csv"
    table.write_text(
        "地区,年份,指标,指标代码,数值\n"
        "独山子区,2024,,rd_intensity,1.8\n"  # 指标 left empty
        "独山子区,2024,财政科技支出,fiscal_st_spending,2500\n",
        encoding="utf-8",
    )
    run = run_check([str(table)])
    assert not run.errors
    values = {r.rule.id: r.value for r in run.all_results() if r.value is not None}
    assert values == {"rd_intensity": 1.8, "fiscal_st_spending": 2500}


def test_a_table_with_only_the_id_column_and_english_headers(tmp_path: Path) -> None:
    table = tmp_path / "ids.csv"
    table.write_text(
        "jurisdiction,year,indicator_id,value\ndushanzi,2024,rd_intensity,1.8\n",
        encoding="utf-8",
    )
    run = run_check([str(table)])
    assert not run.errors
    assert {r.rule.id: r.value for r in run.all_results()}["rd_intensity"] == 1.8


def test_a_row_with_neither_name_nor_id_is_an_input_error(tmp_path: Path) -> None:
    table = tmp_path / "ids.csv"
    table.write_text("地区,年份,指标,指标代码,数值\n独山子区,2024,,,1.8\n", encoding="utf-8")
    result = run_cli("check", str(table), "--lang", "en")
    assert result.code == 2
    assert "ids.csv:2" in result.err and "indicator is empty" in result.err


def test_an_empty_value_in_the_form_is_missing_not_zero(tmp_path: Path) -> None:
    path = make_form(tmp_path, "form.xlsx")
    run = run_check([str(path)])
    assert not run.errors
    assert {r.status.value for r in run.all_results()} == {"missing"}


def test_a_sheet_named_like_the_instructions_that_holds_a_table_is_not_silently_read(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "two.xlsx",
        {
            "数据": [["地区", "年份", "指标", "数值"], ["独山子区", 2024, "rd_intensity", 1.8]],
            "填报说明": [["地区", "年份", "指标", "数值"], ["独山子区", 2024, "rd_intensity", 9]],
        },
    )
    run = run_check([str(path)])
    assert {r.rule.id: r.value for r in run.all_results()}["rd_intensity"] == 1.8
    assert any("填报说明" in w.message.render("en") for w in run.warnings)


HOSTILE_RULES = """planck: 1
id: hostile
title: "=HYPERLINK(\\"http://example.invalid\\",\\"click\\")"
title_en: Hostile
jurisdictions:
  evil:
    name: "=1+2"
    name_en: "@SUM(1)"
period: [2021, 2025]
binding: true
source:
  document: "=cmd|' /C calc'!A0"
  issuer: x
  number: "+1"
  date: 2021-01-01
rules:
  - id: a
    name: "=A1*2"
    name_en: a
    unit: "%"
    kind: at_least
    target: 10
    target_year: 2025
    source: {locator: "-1", quote: "@q"}
  - id: b
    name: "+SUM(1,2)"
    name_en: b
    unit: 家
    kind: at_least
    target: 5
    target_year: 2025
    source: {locator: "-2", quote: "=q"}
"""


def test_hostile_names_stay_text_in_the_workbook_and_read_back(tmp_path: Path) -> None:
    rules = tmp_path / "hostile.yaml"
    rules.write_text(HOSTILE_RULES, encoding="utf-8")
    path = make_form(tmp_path, "form.xlsx", "--rules", str(rules), place="evil")
    book = openpyxl.load_workbook(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells}
    assert {"=1+2", "=A1*2", "+SUM(1,2)", "=cmd|' /C calc'!A0"} <= texts
    sheet = book["填报表"]
    sheet.cell(2, VALUE).value = 12
    sheet.cell(3, VALUE).value = 6
    book.save(path)
    run = run_check([str(path)], [str(rules)])
    assert not run.errors and not run.warnings
    assert sorted((r.rule.id, r.status.value) for r in run.all_results()) == [
        ("a", "met"),
        ("b", "met"),
    ]


def test_hostile_names_do_not_start_a_formula_in_the_csv_and_read_back(tmp_path: Path) -> None:
    rules = tmp_path / "hostile.yaml"
    rules.write_text(HOSTILE_RULES, encoding="utf-8")
    path = make_form(tmp_path, "form.csv", "--rules", str(rules), place="evil")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    for row in rows[1:]:
        assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row)
    rows[1][VALUE - 1] = "12"
    rows[2][VALUE - 1] = "6"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    run = run_check([str(path)], [str(rules)])
    assert not run.errors and not run.warnings
    assert {r.status.value for r in run.all_results()} == {"met"}
