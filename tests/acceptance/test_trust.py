"""What a reviewer relies on when a clerk slips: the verdicts of SPEC §2–§3 on the mistakes real
reports contain, in every input format, through the command line and its JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.tablehelp import csv_text, write_xlsx

FORMATS = ["yaml", "json", "csv", "xlsx"]


def write_report(
    directory: Path,
    fmt: str,
    jurisdiction: str,
    year: int,
    values: dict[str, Any],
    *,
    verified: dict[str, str] | None = None,
    stem: str | None = None,
) -> Path:
    """One report in one format: indicator -> value (a number or a string as a clerk types it)."""
    verified = verified or {}
    stem = stem or f"{jurisdiction}-{year}"
    path = directory / f"{stem}.{fmt}"
    if fmt in ("yaml", "json"):
        indicators: dict[str, Any] = {}
        for key, value in values.items():
            indicators[key] = (
                {"value": value, "verified": verified[key]} if key in verified else value
            )
        doc = {"jurisdiction": jurisdiction, "year": year, "indicators": indicators}
        # JSON is valid YAML: one writer for both keeps the figures identical
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
        return path
    header = ["jurisdiction", "year", "indicator", "value", "verified"]
    rows: list[list[Any]] = [header]
    for key, value in values.items():
        rows.append([jurisdiction, year, key, value, verified.get(key)])
    if fmt == "csv":
        path.write_text(csv_text(rows), encoding="utf-8")
    else:
        write_xlsx(path, {"Sheet1": rows})
    return path


def check(*paths: Path, lang: str = "en") -> tuple[int, dict[str, Any]]:
    result = run_cli("check", "--format", "json", "--lang", lang, *map(str, paths))
    assert "Traceback" not in result.err
    return result.code, json.loads(result.out)


def result_for(doc: dict[str, Any], rule: str, year: int | None = None) -> dict[str, Any]:
    found = [
        r
        for report in doc["reports"]
        if year is None or report["year"] == year
        for r in report["results"]
        if r["rule"] == rule
    ]
    assert len(found) == 1, (rule, year, doc["errors"], doc["warnings"])
    return found[0]


# -- suspect (SPEC §3) -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_figure_in_the_wrong_unit_is_suspect_not_met(tmp_path: Path, fmt: str) -> None:
    # 4600 meant as 万元 for an 亿元 indicator whose target is 0.5: 9,200 times the target
    path = write_report(tmp_path, fmt, "dushanzi", 2023, {"tech_contract_value": 4600})
    code, doc = check(path)
    result = result_for(doc, "tech_contract_value")
    assert result["status"] == "suspect"
    assert result["severity"] == "error"
    assert code == 1
    assert "0.46" in result["message"]  # the likely reading is offered
    assert result["as_written"] == "met"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_verified_note_clears_suspect_and_is_shown(tmp_path: Path, fmt: str) -> None:
    note = "经核实，含两项重大技术转让合同"
    path = write_report(
        tmp_path,
        fmt,
        "dushanzi",
        2023,
        {"tech_contract_value": 4600},
        verified={"tech_contract_value": note},
    )
    code, doc = check(path)
    result = result_for(doc, "tech_contract_value")
    assert result["status"] == "met"
    assert result["verified"] == note
    text = run_cli("check", "--lang", "zh", str(path))
    assert note in text.out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_fraction_written_for_a_percentage_is_suspect(tmp_path: Path, fmt: str) -> None:
    # 0.0162 for 1.62 %, against the 2020 baseline of 1.28 %
    path = write_report(tmp_path, fmt, "dushanzi", 2023, {"rd_intensity": 0.0162})
    _, doc = check(path)
    result = result_for(doc, "rd_intensity")
    assert result["status"] == "suspect"
    assert "1.62" in result["message"]


def test_a_real_elevenfold_jump_is_not_suspect(tmp_path: Path) -> None:
    a = write_report(tmp_path, "yaml", "karamay", 2023, {"tech_contract_turnover": 1.2})
    b = write_report(tmp_path, "yaml", "karamay", 2024, {"tech_contract_turnover": 13.2})
    _, doc = check(a, b)
    assert result_for(doc, "tech_contract_turnover", 2024)["status"] != "suspect"


def test_a_ten_thousandfold_jump_is_suspect(tmp_path: Path) -> None:
    a = write_report(tmp_path, "yaml", "karamay", 2023, {"tech_contract_turnover": 1.2})
    b = write_report(tmp_path, "yaml", "karamay", 2024, {"tech_contract_turnover": 12000})
    _, doc = check(a, b)
    assert result_for(doc, "tech_contract_turnover", 2024)["status"] == "suspect"


# -- no false progress (SPEC §3) ---------------------------------------------------------------


def test_a_fall_to_zero_is_never_progress(tmp_path: Path) -> None:
    a = write_report(tmp_path, "yaml", "dushanzi", 2022, {"tech_contract_value": "5万元"})
    b = write_report(tmp_path, "yaml", "dushanzi", 2023, {"tech_contract_value": 0})
    _, doc = check(a, b)
    result = result_for(doc, "tech_contract_value", 2023)
    assert result["status"] == "deteriorating"
    assert result["progress"]["method"] == "linear"
    assert result["ratio"] < 0


def test_a_rise_from_zero_is_measured_linearly(tmp_path: Path) -> None:
    a = write_report(tmp_path, "yaml", "dushanzi", 2022, {"high_tech_firms_per_10k_firms": 0})
    b = write_report(tmp_path, "yaml", "dushanzi", 2023, {"high_tech_firms_per_10k_firms": 1})
    _, doc = check(a, b)
    result = result_for(doc, "high_tech_firms_per_10k_firms", 2023)
    # one firm of the 150 needed, a third of the way through 2022–2025
    assert result["progress"]["method"] == "linear"
    assert result["ratio"] == pytest.approx((1 / 150) / (1 / 3), abs=1e-3)
    assert result["status"] == "limited_progress"
    projection = result["progress"].get("projection")
    assert projection is None or projection < 150


def test_growth_rates_are_used_when_everything_is_positive(tmp_path: Path) -> None:
    path = write_report(tmp_path, "yaml", "dushanzi", 2023, {"rd_intensity": 1.62})
    _, doc = check(path)
    assert result_for(doc, "rd_intensity")["progress"]["method"] == "growth_rate"


# -- numbers (SPEC §2) -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("typed", "status"), [("0,620", "invalid"), ("1234,567", "invalid")])
def test_a_comma_that_is_not_a_thousands_separator_is_invalid(
    tmp_path: Path, fmt: str, typed: str, status: str
) -> None:
    path = write_report(tmp_path, fmt, "dushanzi", 2023, {"industrial_rd_to_revenue": typed})
    _, doc = check(path)
    assert result_for(doc, "industrial_rd_to_revenue")["status"] == status


def test_thousands_separators_still_read(tmp_path: Path) -> None:
    path = write_report(tmp_path, "yaml", "dushanzi", 2023, {"fiscal_st_spending": "2,310"})
    _, doc = check(path)
    assert result_for(doc, "fiscal_st_spending")["value"] == 2310


def test_values_keep_full_precision(tmp_path: Path) -> None:
    path = write_report(tmp_path, "yaml", "dushanzi", 2023, {"tech_contract_value": "30元"})
    _, doc = check(path)
    assert result_for(doc, "tech_contract_value")["value"] == pytest.approx(3e-07)


def test_a_value_beyond_the_float_range_after_conversion_is_invalid(tmp_path: Path) -> None:
    path = write_report(tmp_path, "yaml", "dushanzi", 2023, {"fiscal_st_spending": "1e308亿元"})
    result = run_cli("check", "--format", "json", str(path))
    assert "Infinity" not in result.out and "NaN" not in result.out
    assert result_for(json.loads(result.out), "fiscal_st_spending")["status"] == "invalid"


def test_no_number_beside_a_verdict_contradicts_it(tmp_path: Path) -> None:
    path = write_report(tmp_path, "yaml", "dushanzi", 2025, {"rd_intensity": 1.99999})
    _, doc = check(path)
    result = result_for(doc, "rd_intensity")
    assert result["status"] == "missed"
    assert "1.99999" in result["message"]
    a = write_report(tmp_path, "yaml", "dushanzi", 2022, {"fiscal_st_spending": 2000})
    b = write_report(tmp_path, "yaml", "dushanzi", 2023, {"fiscal_st_spending": 1999.99999})
    _, doc = check(a, b)
    fell = result_for(doc, "fiscal_st_spending", 2023)
    assert fell["status"] == "missed"
    assert "0.00001" in fell["message"]


@pytest.mark.parametrize("command", ["check", "report"])
def test_the_tables_show_the_digits_that_matter(tmp_path: Path, command: str) -> None:
    short = write_report(tmp_path, "yaml", "dushanzi", 2025, {"rd_intensity": 1.99999})
    tiny = write_report(tmp_path, "yaml", "dushanzi", 2024, {"tech_contract_value": "30元"})
    out = run_cli(command, "--lang", "en", str(short), str(tiny)).out
    assert "1.99999%" in out  # never "2%" beside "missed"
    assert "0亿元" not in out.replace("0.", "")  # 3e-07 亿元 is not nothing


# -- names clerks use (SPEC §2) ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["克拉玛依市独山子区", "新疆维吾尔自治区克拉玛依市独山子区"])
def test_official_full_names_of_a_district_are_understood(
    tmp_path: Path, fmt: str, name: str
) -> None:
    path = write_report(tmp_path, fmt, name, 2023, {"rd_intensity": 1.62})
    code, doc = check(path)
    assert doc["errors"] == []
    assert doc["reports"][0]["jurisdiction"] == "dushanzi"


def test_an_unknown_longer_name_suggests_the_district_it_contains(tmp_path: Path) -> None:
    path = write_report(tmp_path, "yaml", "新疆克拉玛依独山子区", 2023, {"rd_intensity": 1.62})
    code, doc = check(path, lang="zh")
    assert code == 2
    message = doc["errors"][0]["message"]
    assert "独山子区" in message.split("已知")[0]
    assert "是否应为“克拉玛依市”" not in message


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "key",
    [
        "技术交易合同金额",
        "技术交易合同金额（亿元）",
        "技术交易合同金额(亿元)",
        "技术交易合同金额 （亿元）",
    ],
)
def test_indicators_named_as_the_plan_prints_them(tmp_path: Path, fmt: str, key: str) -> None:
    path = write_report(tmp_path, fmt, "dushanzi", 2023, {key: 0.46})
    _, doc = check(path)
    assert doc["warnings"] == []
    result = result_for(doc, "tech_contract_value")
    assert result["status"] != "missing"
    assert result["value"] == pytest.approx(0.46)


def test_the_unknown_indicator_warning_points_at_the_key(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensty:   1.62\n",
        encoding="utf-8",
    )
    _, doc = check(path)
    (warning,) = doc["warnings"]
    assert (warning["line"], warning["column"]) == (4, 3)
    assert "rd_intensity" in warning["message"]


# -- the rule sets say what the sources say (SPEC §1) ------------------------------------------


@pytest.mark.parametrize("rule", ["specialised_smes", "small_to_scale_firms"])
def test_karamay_s_2025_firm_targets_are_rules(rule: str) -> None:
    shown = run_cli("rules", "show", rule, "--lang", "zh")
    assert shown.code == 0
    assert "10" in shown.out


def test_a_suggested_reading_in_the_rule_s_own_unit_is_said_once(tmp_path: Path) -> None:
    path = write_report(tmp_path, "yaml", "dushanzi", 2024, {"tech_contract_value": "30元"})
    _, doc = check(path)
    result = result_for(doc, "tech_contract_value")
    assert result["status"] == "suspect"
    assert result["suggestion"] == "should it be 30 亿元?"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("jurisdiction", "name", "rule"),
    [
        ("dushanzi", "研发投入强度", "rd_intensity"),
        ("karamay", "研发投入强度", "rd_intensity"),
        ("dushanzi", "财政科技投入", "fiscal_st_spending"),
    ],
)
def test_the_usual_short_names_of_the_built_in_indicators(
    tmp_path: Path, fmt: str, jurisdiction: str, name: str, rule: str
) -> None:
    path = write_report(tmp_path, fmt, jurisdiction, 2023, {name: 1.5})
    _, doc = check(path)
    assert doc["warnings"] == []
    assert result_for(doc, rule)["value"] == 1.5
