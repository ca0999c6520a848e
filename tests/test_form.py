"""The form a clerk fills in (`planck template … -o form.xlsx|form.csv`): what it holds, and
that a filled form reads back as exactly the report the same figures make in YAML."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planck.engine.check import run_check
from planck.model import CheckRun
from tests.conftest import ROOT, run_cli

HEADERS = ["地区", "年份", "指标", "指标代码", "数值", "单位", "上年值", "备注", "核实说明"]
VALUE, PREVIOUS, NOTE, VERIFIED = 5, 7, 8, 9  # 1-based columns of the form
EXAMPLES = str(ROOT / "examples" / "dushanzi")


def make_form(tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    result = run_cli("template", "dushanzi", "2024", "-o", str(out), *extra)
    assert result.code == 0, result.err
    return out


def form_rows(path: Path) -> dict[str, int]:
    """Row number of each indicator id in the form's sheet."""
    sheet = openpyxl.load_workbook(path)["填报表"]
    return {str(sheet.cell(r, 4).value): r for r in range(2, sheet.max_row + 1)}


def fill_xlsx(path: Path, figures: dict[str, Any], formats: dict[str, str] | None = None) -> None:
    """Type figures into the 数值 cells as a clerk would (a number format where Excel would
    set one: typing 1.75% stores 0.0175 formatted as a percentage)."""
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    rows = {str(sheet.cell(r, 4).value): r for r in range(2, sheet.max_row + 1)}
    for rule_id, value in figures.items():
        cell = sheet.cell(rows[rule_id], VALUE)
        cell.value = value
        if formats and rule_id in formats:
            cell.number_format = formats[rule_id]
    book.save(path)


def statuses(run: CheckRun) -> list[tuple[str, str, float | None]]:
    return sorted((r.rule.id, r.status.value, r.value) for r in run.all_results())


def yaml_report(tmp_path: Path, figures: dict[str, Any], previous: dict[str, Any]) -> Path:
    lines = ["planck: 1", "jurisdiction: dushanzi", "year: 2024", "indicators:"]
    for rule_id in sorted(set(figures) | set(previous)):
        lines.append(f"  {rule_id}:")
        lines.append(f"    value: {figures.get(rule_id, 'null')}")
        if previous.get(rule_id) is not None:
            lines.append(f"    previous: {previous[rule_id]}")
    path = tmp_path / "same.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Figures of several kinds of verdict: met, progress, a fall of a never-decreasing amount, a
# suspect scale slip (4600 for an 亿元 indicator), and indicators left empty (缺报).
FIGURES = {
    "rd_intensity": 1.75,
    "fiscal_st_spending": 2200,
    "industrial_rd_to_revenue": 1.1,
    "high_tech_firms_per_10k_firms": 120,
    "tech_contract_value": 4600,
    "invention_patents_per_10k": 3.9,
}


def test_the_form_has_one_row_per_indicator_with_the_readers_headers(tmp_path: Path) -> None:
    path = make_form(tmp_path, "form.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填报表", "填报说明"]
    sheet = book["填报表"]
    assert [c.value for c in sheet[1]] == HEADERS
    ids = [sheet.cell(r, 4).value for r in range(2, sheet.max_row + 1)]
    assert ids == [
        "rd_intensity",
        "fiscal_st_spending",
        "industrial_rd_to_revenue",
        "industrial_firms_with_rd_share",
        "high_tech_firms_per_10k_firms",
        "high_tech_revenue_share",
        "rd_personnel_per_10k",
        "tech_contract_value",
        "invention_patents_per_10k",
    ]
    second = [c.value for c in sheet[3]]
    assert second[:4] == ["独山子区", 2024, "财政科技支出", "fiscal_st_spending"]
    assert second[4] is None and second[5] == "万元"
    assert sheet.freeze_panes == "A2"


def test_only_the_clerks_columns_are_open_and_typing_is_validated(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(make_form(tmp_path, "form.xlsx"))["填报表"]
    assert sheet.protection.sheet and not sheet.protection.password
    open_columns = {c for c in range(1, 10) if not sheet.cell(2, c).protection.locked}
    assert open_columns == {VALUE, PREVIOUS, NOTE, VERIFIED}
    validations = sheet.data_validations.dataValidation
    percent = next(v for v in validations if "E2" in v.sqref)  # rd_intensity, a percentage
    assert percent.type == "decimal" and (percent.formula1, percent.formula2) == ("0", "100")
    assert percent.prompt and "缺报" in percent.prompt and percent.error
    amount = next(v for v in validations if "E3" in v.sqref)  # fiscal_st_spending, 万元
    assert amount.operator == "greaterThanOrEqual" and amount.formula1 == "0"
    assert "万元" in (amount.prompt or "")


def test_column_widths_fit_the_chinese_names(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(make_form(tmp_path, "form.xlsx"))["填报表"]
    longest = max(len(str(sheet.cell(r, 3).value)) for r in range(2, sheet.max_row + 1))
    assert sheet.column_dimensions["C"].width >= 2 * longest  # a CJK character is two wide


def test_the_instructions_give_each_target_and_its_source(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(make_form(tmp_path, "form.xlsx"))["填报说明"]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "缺报" in text and "核实说明" in text and "上年值" in text
    assert "≥ 2%" in text and "1.28%（2020 年）" in text and "1934 万元（2020 年）" in text
    assert "克独政发〔2022〕19号" in text and "表1 第1行" in text and "约束性" in text


def test_an_english_run_keeps_the_chinese_headers_and_explains_in_english(
    tmp_path: Path,
) -> None:
    book = openpyxl.load_workbook(make_form(tmp_path, "form.xlsx", "--lang", "en"))
    assert [c.value for c in book["填报表"][1]] == HEADERS
    text = "\n".join(str(c.value) for row in book["填报说明"].iter_rows() for c in row if c.value)
    assert "Dushanzi District" in text and "means the figure is missing" in text
    assert "Binding" in text and "Indicator name" in text


def test_from_prefills_last_years_values(tmp_path: Path) -> None:
    path = make_form(tmp_path, "form.xlsx", "--from", EXAMPLES)
    sheet = openpyxl.load_workbook(path)["填报表"]
    previous = {sheet.cell(r, 4).value: sheet.cell(r, PREVIOUS).value for r in range(2, 11)}
    # examples/dushanzi/2023.yaml: "1.62%", 2310 万元, "4600万元" for an 亿元 indicator
    assert previous["rd_intensity"] == 1.62
    assert previous["fiscal_st_spending"] == 2310
    assert previous["tech_contract_value"] == 0.46


def test_from_prefills_the_yaml_template_too(tmp_path: Path) -> None:
    result = run_cli("template", "dushanzi", "2024", "--from", EXAMPLES)
    assert result.code == 0
    assert "  fiscal_st_spending:\n    value: null\n    previous: 2310" in result.out
    plain = run_cli("template", "dushanzi", "2024")
    assert "  rd_intensity: null" in plain.out


def test_from_uses_a_reports_own_previous_when_that_is_all_there_is(tmp_path: Path) -> None:
    report = tmp_path / "2024.yaml"
    report.write_text(
        "jurisdiction: dushanzi\nyear: 2024\nindicators:\n"
        "  fiscal_st_spending: {value: 2500, previous: 2400}\n",
        encoding="utf-8",
    )
    result = run_cli("template", "dushanzi", "2024", "--from", str(report))
    assert result.code == 0
    assert "previous: 2400" in result.out


def test_from_with_an_unreadable_report_says_so_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("jurisdiction: dushanzi\nyear: [\n", encoding="utf-8")
    out = tmp_path / "form.xlsx"
    result = run_cli("template", "dushanzi", "2024", "-o", str(out), "--from", str(bad), EXAMPLES)
    assert result.code == 2
    assert "bad.yaml" in result.err
    sheet = openpyxl.load_workbook(out)["填报表"]
    assert sheet.cell(3, PREVIOUS).value == 2310  # the readable reports still prefill


def test_an_unknown_suffix_is_a_usage_error_naming_those_that_work(tmp_path: Path) -> None:
    result = run_cli("template", "dushanzi", "2024", "-o", str(tmp_path / "form.txt"))
    assert result.code == 2
    assert ".xlsx" in result.err and ".csv" in result.err and ".yaml" in result.err
    assert not (tmp_path / "form.txt").exists()


def test_a_filled_workbook_gives_the_verdicts_of_the_same_figures_in_yaml(
    tmp_path: Path,
) -> None:
    path = make_form(tmp_path, "form.xlsx", "--from", EXAMPLES)
    # rd_intensity typed as 1.75% in Excel: stored 0.0175 with a percentage format
    typed = dict(FIGURES, rd_intensity=0.0175)
    fill_xlsx(path, typed, formats={"rd_intensity": "0.00%"})
    sheet = openpyxl.load_workbook(path)["填报表"]
    previous = {sheet.cell(r, 4).value: sheet.cell(r, PREVIOUS).value for r in range(2, 11)}
    from_form = run_check([str(path)])
    from_yaml = run_check([str(yaml_report(tmp_path, FIGURES, previous))])
    assert not from_form.errors and not from_form.warnings
    assert statuses(from_form) == statuses(from_yaml)
    assert len({status for _, status, _ in statuses(from_form)}) >= 4  # verdicts of many kinds
    by_rule = {r.rule.id: r for r in from_form.all_results()}
    assert by_rule["rd_intensity"].value == pytest.approx(1.75)
    assert by_rule["fiscal_st_spending"].status.value == "missed"  # 2200 < 2310 last year
    assert by_rule["tech_contract_value"].status.value == "suspect"
    assert by_rule["high_tech_revenue_share"].status.value == "missing"  # left empty


def test_a_filled_csv_gives_the_verdicts_of_the_same_figures_in_yaml(tmp_path: Path) -> None:
    path = make_form(tmp_path, "form.csv", "--from", EXAMPLES)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel and WPS take it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADERS
    previous = {row[3]: row[PREVIOUS - 1] or None for row in rows[1:]}
    for row in rows[1:]:
        if row[3] in FIGURES:
            row[VALUE - 1] = str(FIGURES[row[3]])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    from_form = run_check([str(path)])
    from_yaml = run_check([str(yaml_report(tmp_path, FIGURES, previous))])
    assert not from_form.errors
    assert statuses(from_form) == statuses(from_yaml)


def test_a_clerks_slips_read_as_the_same_figures_would_in_yaml(tmp_path: Path) -> None:
    path = make_form(tmp_path, "form.xlsx")
    fill_xlsx(
        path,
        {
            "fiscal_st_spending": "１９３４",  # full-width digits, typed as text
            "rd_personnel_per_10k": "1,934",  # a thousands separator
            "rd_intensity": "0,62",  # a decimal comma: invalid (SPEC §2)
            "high_tech_firms_per_10k_firms": 120,
        },
    )
    book = openpyxl.load_workbook(path)
    book["填报表"].insert_rows(6)  # a blank row in the middle
    book.save(path)
    run = run_check([str(path)])
    assert not run.errors
    by_rule = {r.rule.id: r for r in run.all_results()}
    assert by_rule["fiscal_st_spending"].value == 1934
    assert by_rule["rd_personnel_per_10k"].value == 1934
    assert by_rule["rd_intensity"].status.value == "invalid"
    assert "0.62" in by_rule["rd_intensity"].message.render("en")
    assert by_rule["high_tech_firms_per_10k_firms"].value == 120
    assert len(by_rule) == 9  # every indicator judged once, the blank row nothing


def test_a_percentage_cell_for_an_indicator_that_is_not_a_percentage_is_invalid(
    tmp_path: Path,
) -> None:
    path = make_form(tmp_path, "form.xlsx")
    fill_xlsx(path, {"fiscal_st_spending": 0.0162}, formats={"fiscal_st_spending": "0.00%"})
    by_rule = {r.rule.id: r for r in run_check([str(path)]).all_results()}
    result = by_rule["fiscal_st_spending"]
    assert result.status.value == "invalid" and result.value is None
    assert "%" in result.message.render("en") and "万元" in result.message.render("en")


def test_two_reports_for_last_year_prefill_nothing_from_either(tmp_path: Path) -> None:
    for name, value in (("a.yaml", 2310), ("b.yaml", 2400)):
        (tmp_path / name).write_text(
            f"jurisdiction: dushanzi\nyear: 2023\nindicators:\n  fiscal_st_spending: {value}\n",
            encoding="utf-8",
        )
    result = run_cli("template", "dushanzi", "2024", "--from", str(tmp_path), "--lang", "en")
    assert result.code == 2
    assert "a.yaml" in result.err and "b.yaml" in result.err
    assert "previous: 2310" not in result.out and "previous: 2400" not in result.out
    assert "  fiscal_st_spending:\n    value: null\n    previous: null" in result.out
