"""SPEC §2 in every input format (YAML, JSON, CSV, XLSX): indicators named by id, Chinese name
(with or without the bracketed unit) or alias; jurisdictions by their official full names;
the 核实说明 (verified) note; slips that get a message naming the fix; decoding; and formula
cells of a workbook that asks to be recalculated on load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planck.engine.check import run_check
from planck.model import CheckRun
from planck.rulesets import load_builtin
from tests.conftest import run_cli
from tests.tablehelp import csv_text, set_cached_value, write_xlsx

FORMATS = ("yaml", "json", "csv", "xlsx")
# (indicator key as written, value, verified note or None)
Entry = tuple[str, Any, str | None]


def write_report(
    tmp_path: Path, fmt: str, jurisdiction: str, year: int, entries: list[Entry]
) -> Path:
    """One report in the given format holding ``entries``."""
    path = tmp_path / f"report.{fmt}"
    if fmt in ("yaml", "json"):
        indicators: dict[str, Any] = {}
        for key, value, verified in entries:
            indicators[key] = value if verified is None else {"value": value, "verified": verified}
        data = {"jurisdiction": jurisdiction, "year": year, "indicators": indicators}
        text = json.dumps(data, ensure_ascii=False, indent=2)  # JSON is YAML too
        path.write_text(text, encoding="utf-8")
        return path
    header = ["地区", "年份", "指标", "数值", "核实说明"]
    rows = [header] + [[jurisdiction, year, k, v, n] for k, v, n in entries]
    if fmt == "csv":
        path.write_text(csv_text(rows), encoding="utf-8")
        return path
    return write_xlsx(path, {"报告": rows})


def check(path: Path) -> CheckRun:
    return run_check([str(path)])


def errors(run: CheckRun, lang: str = "en") -> list[str]:
    return [e.render(lang) for e in run.errors]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_builtin_indicator_name_is_understood(tmp_path: Path, fmt: str) -> None:
    """A clerk who types the name from the plan's table is never told it is unknown."""
    for ruleset in load_builtin():
        jurisdiction = ruleset.jurisdictions[0]
        for bracketed in (False, True):
            entries: list[Entry] = [
                (f"{rule.name}（{rule.unit}）" if bracketed else rule.name, 1, None)
                for rule in ruleset.rules
            ]
            folder = tmp_path / f"{ruleset.id}-{bracketed}"
            folder.mkdir()
            run = check(write_report(folder, fmt, jurisdiction.name, 2023, entries))
            assert run.errors == [], errors(run)
            assert run.warnings == [], [w.render("en") for w in run.warnings]
            report = run.reports[0]
            assert sorted(report.observations) == sorted(r.id for r in ruleset.rules)
            for rule, (written, _, _) in zip(ruleset.rules, entries, strict=True):
                assert report.observations[rule.id].indicator == written
            assert not any(r.status.value == "missing" for r in run.all_results())


@pytest.mark.parametrize("fmt", FORMATS)
def test_official_full_names_of_the_jurisdictions(tmp_path: Path, fmt: str) -> None:
    for name, expected in (
        ("新疆维吾尔自治区克拉玛依市独山子区", "dushanzi"),
        ("克拉玛依市独山子区", "dushanzi"),
        ("新疆维吾尔自治区克拉玛依市", "karamay"),
    ):
        folder = tmp_path / expected / str(len(name))
        folder.mkdir(parents=True)
        run = check(write_report(folder, fmt, name, 2023, [("rd_intensity", 1.5, None)]))
        assert run.errors == [], errors(run)
        assert run.reports[0].jurisdiction == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_longer_name_suggests_the_district_not_the_city(tmp_path: Path, fmt: str) -> None:
    run = check(
        write_report(tmp_path, fmt, "新疆克拉玛依市独山子区", 2023, [("rd_intensity", 1, None)])
    )
    assert len(run.errors) == 1
    assert "是否应为“独山子区”" in errors(run, "zh")[0]
    assert "did you mean '独山子区'" in errors(run)[0]
    assert "克拉玛依市”？" not in errors(run, "zh")[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_id_and_name_of_one_indicator_is_an_input_error_naming_both(
    tmp_path: Path, fmt: str
) -> None:
    entries: list[Entry] = [
        ("tech_contract_value", 0.6, None),
        ("技术交易合同金额（亿元）", 0.7, None),
    ]
    result = run_cli(
        "check", str(write_report(tmp_path, fmt, "dushanzi", 2023, entries)), "--lang", "en"
    )
    assert result.code == 2
    assert "'tech_contract_value'" in result.err and "'技术交易合同金额（亿元）'" in result.err
    assert "name the same indicator 'tech_contract_value'" in result.err
    first, second = {
        "yaml": ("line 5", "line 6"),
        "json": ("line 5", "line 6"),
        "csv": ("row 2", "row 3"),
        "xlsx": ("报告!C2", "报告!C3"),
    }[fmt]
    assert f"({first})" in result.err and f"({second})" in result.err


@pytest.mark.parametrize("fmt", FORMATS)
def test_key_location_points_at_the_indicator_name(tmp_path: Path, fmt: str) -> None:
    entries: list[Entry] = [("rd_intensity", 1.5, None), ("rd_intensty", 2, None)]
    run = check(write_report(tmp_path, fmt, "dushanzi", 2023, entries))
    obs = run.reports[0].observations
    assert "rd_intensty" in obs  # an unresolved key stays as written
    loc = obs["rd_intensty"].key_location
    assert loc is not None
    expected = {
        "yaml": (6, 5, None),
        "json": (6, 5, None),
        "csv": (3, 3, None),
        "xlsx": (3, 3, "报告"),
    }[fmt]
    assert (loc.line, loc.column, loc.sheet) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_verified_note_is_read(tmp_path: Path, fmt: str) -> None:
    entries: list[Entry] = [
        ("tech_contract_value", 4600, "4600 为万元数，已与统计局核实 / confirmed with the bureau"),
        ("rd_intensity", 1.5, None),
    ]
    run = check(write_report(tmp_path, fmt, "dushanzi", 2023, entries))
    assert run.errors == [], errors(run)
    obs = run.reports[0].observations
    assert obs["tech_contract_value"].verified == (
        "4600 为万元数，已与统计局核实 / confirmed with the bureau"
    )
    assert obs["rd_intensity"].verified is None


def test_verified_column_in_english(tmp_path: Path) -> None:
    rows = [
        ["jurisdiction", "year", "indicator", "value", "Verified"],
        ["dushanzi", 2023, "rd_intensity", 1.5, "checked"],
    ]
    path = tmp_path / "r.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    run = check(path)
    assert run.warnings == []
    assert run.reports[0].observations["rd_intensity"].verified == "checked"


# --- slips that name their fix -----------------------------------------------------------


def _cli(tmp_path: Path, text: str, name: str = "r.yaml") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    zh = run_cli("check", str(path), "--lang", "zh")
    en = run_cli("check", str(path), "--lang", "en")
    assert zh.code == en.code
    return zh.code, zh.err, en.err


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        # among well-formed lines: libyaml notices only on the next line
        (
            "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity： 1.5\n"
            "  tech_contract_value: 0.6\n",
            4,
            15,
        ),
        # the last line
        (
            "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: 1.5\n"
            "  tech_contract_value：0.6\n",
            5,
            22,
        ),
        # the only indicator: YAML reads `indicators` as text
        ("jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity： 1.5\n", 4, 15),
        # a top-level key
        ("jurisdiction: dushanzi\nyear： 2023\nindicators:\n  rd_intensity: 1.5\n", 2, 5),
        # a key of a value mapping
        (
            "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity:\n    value： 1.5\n",
            5,
            10,
        ),
    ],
)
def test_full_width_colon_is_named_at_its_line(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    code, zh, en = _cli(tmp_path, text)
    assert code == 2
    assert f"r.yaml:{line}:{column}: " in zh
    assert "请把全角冒号“：”改为半角冒号“:”" in zh
    assert "replace the full-width colon '：' with an ASCII colon ':'" in en
    assert "YAML syntax error" not in en


def test_full_width_colon_in_json(tmp_path: Path) -> None:
    text = '{"jurisdiction": "dushanzi", "year": 2023,\n "indicators": {"rd_intensity"： 1}}\n'
    code, zh, en = _cli(tmp_path, text, "r.json")
    assert code == 2
    assert "r.json:2:31: " in en and "ASCII colon" in en and "半角冒号" in zh


def test_indicators_not_indented_are_named(tmp_path: Path) -> None:
    text = (
        "jurisdiction: dushanzi\nyear: 2023\nindicators:\nrd_intensity: 1.5\n"
        "技术交易合同金额（亿元）: 0.6\nsubmited_by: x\n"
    )
    code, zh, en = _cli(tmp_path, text)
    assert code == 2
    assert "r.yaml:4:1: 指标“rd_intensity”必须缩进写在 indicators: 之下" in zh
    assert "r.yaml:5:1: 指标“技术交易合同金额（亿元）”必须缩进写在 indicators: 之下" in zh
    assert "r.yaml:4:1: the indicator 'rd_intensity' must be indented under 'indicators:'" in en


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_year_with_nian_names_the_fix(tmp_path: Path, fmt: str) -> None:
    if fmt == "yaml":
        text = "jurisdiction: dushanzi\nyear: 2023年\nindicators:\n  rd_intensity: 1.5\n"
        where = "r.yaml:2:7: "
    else:
        text = csv_text(
            [["地区", "年份", "指标", "数值"], ["独山子区", "2023年", "rd_intensity", 1.5]]
        )
        where = "r.csv:2: "
    code, zh, en = _cli(tmp_path, text, f"r.{fmt}")
    assert code == 2
    assert where + "年份请只写数字：把“2023年”改为 2023" in zh
    assert where + "write the year as a number only: 2023, not '2023年'" in en


# --- decoding ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_gb18030_file_with_its_byte_order_mark(tmp_path: Path, fmt: str) -> None:
    if fmt == "yaml":
        text = "地区: 独山子区\n"  # not a report key: shows the first key is read cleanly
        text = "jurisdiction: 独山子区\nyear: 2023\nindicators:\n  技术交易合同金额: 0.6\n"
    else:
        text = "地区,年份,指标,数值\n独山子区,2023,技术交易合同金额（亿元）,0.6\n"
    path = tmp_path / f"r.{fmt}"
    path.write_bytes(b"\x84\x31\x95\x33" + text.encode("gb18030"))
    run = check(path)
    assert run.errors == [] and run.warnings == []
    assert run.reports[0].observations["tech_contract_value"].number.value == 0.6  # type: ignore[union-attr]


def test_utf8_report_with_a_stray_byte_is_an_error_at_that_byte(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    text = "jurisdiction: 独山子区\nyear: 2023\nindicators:\n  技术交易合同金额: 0.6\n"
    path.write_bytes(text.encode("utf-8").replace(b"0.6", b"0.6\x80"))
    zh = run_cli("check", str(path), "--lang", "zh")
    en = run_cli("check", str(path), "--lang", "en")
    assert zh.code == 2
    assert "r.yaml:4:16: 第 4 行第 16 列的字节不是 UTF-8" in zh.err
    assert "r.yaml:4:16: the byte at line 4, column 16 is not UTF-8" in en.err


# --- XLSX formulas in a workbook recalculated on load ------------------------------------


def test_xlsx_placeholder_formula_value_is_not_read_as_zero(tmp_path: Path) -> None:
    rows = [
        ["jurisdiction", "year", "indicator", "value"],
        ["dushanzi", 2023, "rd_intensity", "=1+1"],
        ["dushanzi", 2023, "tech_contract_value", 0.6],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"S": rows})
    # as XlsxWriter and pandas write it: <v>0</v> with <calcPr fullCalcOnLoad="1"/>
    set_cached_value(path, "D2", "0", recalc=True)
    run = check(path)
    obs = run.reports[0].observations
    assert obs["rd_intensity"].number is None
    problem = obs["rd_intensity"].problem
    assert problem is not None and "placeholder" in problem.render("en")
    assert "占位" in problem.render("zh")
    result = next(r for r in run.all_results() if r.rule.id == "rd_intensity")
    assert result.status.value == "invalid" and result.value is None
    assert obs["tech_contract_value"].number.value == 0.6  # type: ignore[union-attr]


def test_xlsx_saved_result_is_read_when_no_recalculation_is_asked(tmp_path: Path) -> None:
    rows = [
        ["jurisdiction", "year", "indicator", "value"],
        ["dushanzi", 2023, "rd_intensity", "=1+1"],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"S": rows})
    set_cached_value(path, "D2", "2")
    assert check(path).reports[0].observations["rd_intensity"].number.value == 2  # type: ignore[union-attr]
