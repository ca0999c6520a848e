"""The CI formats of `planck check`: valid against the SARIF schema and the JUnit XSD from
../shared/schemas, with the contents CI tools rely on."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from planck.render.github import command, escape_data, escape_property
from tests.conftest import EXAMPLES, run_cli
from tests.schemas import junit_errors, needs_schemas, sarif_errors

BAD_REPORT = "planck: 1\njurisdiction: nowhere\nyear: 2023\nindicators: {}\n"


# --- SARIF ---------------------------------------------------------------------------------


@needs_schemas
@pytest.mark.parametrize("example", ["dushanzi", "karamay", "failing"])
def test_sarif_is_valid_on_the_examples(example: str, sarif_validator: Any) -> None:
    out = run_cli("check", f"examples/{example}", "--format", "sarif").out
    assert sarif_errors(sarif_validator, json.loads(out)) == []


@needs_schemas
def test_sarif_schema_check_can_fail(sarif_validator: Any) -> None:
    out = json.loads(run_cli("check", "examples/failing", "--format", "sarif").out)
    out["runs"][0]["results"][0]["level"] = "fatal"
    del out["version"]
    assert len(sarif_errors(sarif_validator, out)) == 2


@needs_schemas
def test_sarif_with_input_errors_is_valid_and_lists_them(
    write: Any, tmp_path: Path, sarif_validator: Any
) -> None:
    write("bad.yaml", BAD_REPORT)
    write("ok/2023.yaml", (EXAMPLES / "failing" / "dushanzi-2023.yaml").read_text("utf-8"))
    result = run_cli("check", "bad.yaml", "ok", "missing-dir", "--format", "sarif", cwd=tmp_path)
    assert result.code == 2
    doc = json.loads(result.out)
    assert sarif_errors(sarif_validator, doc) == []
    run = doc["runs"][0]
    errors = [r for r in run["results"] if r["ruleId"] == "planck/input-error"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in errors} == {
        "bad.yaml",
        "missing-dir",
    }
    assert all(r["level"] == "error" for r in errors)
    rules = run["tool"]["driver"]["rules"]
    assert rules[errors[0]["ruleIndex"]]["id"] == "planck/input-error"
    # The report that could be read is still checked.
    assert any(r["ruleId"].startswith("dushanzi-14th-fyp/") for r in run["results"])
    assert run["invocations"][0]["exitCode"] == 2


def test_sarif_results_point_at_values_with_relative_uris() -> None:
    sarif = json.loads(run_cli("check", "examples/failing", "--format", "sarif").out)
    data = json.loads(run_cli("check", "examples/failing", "--format", "json").out)
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids), key=ids.index)  # one descriptor per rule
    assert "dushanzi-14th-fyp/fiscal_st_spending" in ids
    expected = {}
    for report in data["reports"]:
        for r in report["results"]:
            if r["severity"] in ("error", "warning") or r["status"] in ("unassessed", "review"):
                expected[(report["file"], f"{r['ruleset']}/{r['rule']}")] = r
    got = {}
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        got[(artifact["uri"], result["ruleId"])] = (result, location["region"])
    assert set(got) == set(expected)  # met and on_track are left out
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for key, r in expected.items():
        result, region = got[key]
        assert result["level"] == levels[r["severity"]]
        assert (region["startLine"], region["startColumn"]) == (
            r["location"]["line"],
            r["location"]["column"],
        )
    missed = got[("examples/failing/dushanzi-2024.yaml", "dushanzi-14th-fyp/fiscal_st_spending")]
    assert missed[0]["level"] == "error"
    assert "2180" in missed[0]["message"]["text"] and "2310" in missed[0]["message"]["text"]


def test_sarif_uris_are_percent_encoded(write: Any, tmp_path: Path) -> None:
    text = (EXAMPLES / "failing" / "dushanzi-2024.yaml").read_text("utf-8")
    write("年报 2024/独山子.yaml", text)
    sarif = json.loads(run_cli("check", "年报 2024", "--format", "sarif", cwd=tmp_path).out)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"%E5%B9%B4%E6%8A%A5%202024/%E7%8B%AC%E5%B1%B1%E5%AD%90.yaml"}


@needs_schemas
def test_sarif_names_the_worksheet_of_a_spreadsheet_location(
    tmp_path: Path, sarif_validator: Any
) -> None:
    from tests.tablehelp import HEADER_EN, write_xlsx

    rows = [
        HEADER_EN[:4],
        ["dushanzi", 2023, "rd_intensity", 1.62],
        ["dushanzi", 2023, "tech_contract_value", 0.4],
        ["独山子区", 2023, "rd_intensity", 1.7],
    ]
    xlsx = write_xlsx(tmp_path / "r.xlsx", {"S": rows[:3], "T 2": [rows[0], rows[3]]})
    result = run_cli("check", "r.xlsx", "--format", "sarif", cwd=tmp_path)
    assert result.code == 2 and xlsx.exists()
    document = json.loads(result.out)
    assert sarif_errors(sarif_validator, document) == []
    (error,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "planck/input-error"]
    location = error["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 3}
    assert location["logicalLocations"] == [{"name": "T 2", "fullyQualifiedName": "'T 2'!C2"}]
    # YAML locations have no sheet, and no logical location
    yaml = json.loads(run_cli("check", "examples/failing", "--format", "sarif").out)
    assert all("logicalLocations" not in r["locations"][0] for r in yaml["runs"][0]["results"])


# --- JUnit ---------------------------------------------------------------------------------


@needs_schemas
@pytest.mark.parametrize("example", ["dushanzi", "karamay", "failing"])
def test_junit_is_valid_on_the_examples(example: str, junit_schema: Any) -> None:
    out = run_cli("check", f"examples/{example}", "--format", "junit").out
    assert junit_errors(junit_schema, out) == []


@needs_schemas
def test_junit_schema_check_can_fail(junit_schema: Any) -> None:
    out = run_cli("check", "examples/failing", "--format", "junit").out
    broken = out.replace(
        '<testcase classname="dushanzi-14th-fyp.dushanzi-2023"', "<testcase", 1
    ).replace("<testcase name=", '<testcase line="3" name=', 1)
    assert len(junit_errors(junit_schema, broken)) == 1


def _suites(text: str) -> list[ET.Element]:
    return ET.fromstring(text).findall("testsuite")


def test_junit_one_suite_per_report_one_case_per_rule() -> None:
    data = json.loads(run_cli("check", "examples/failing", "--format", "json").out)
    root = ET.fromstring(run_cli("check", "examples/failing", "--format", "junit").out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        f"{r['file']} [{r['jurisdiction']} {r['year']}]" for r in data["reports"]
    ]
    assert [s.get("file") for s in suites] == [r["file"] for r in data["reports"]]
    for suite, report in zip(suites, data["reports"], strict=True):
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [r["rule"] for r in report["results"]]
        failed = {c.get("name") for c in cases if c.find("failure") is not None}
        assert failed == {r["rule"] for r in report["results"] if r["severity"] == "error"}
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(len(failed))
    assert root.get("failures") == "3"
    failure = suites[1].find("testcase[@name='fiscal_st_spending']/failure")
    assert failure is not None and failure.get("type") == "missed"
    assert "examples/failing/dushanzi-2024.yaml:20:23" in (failure.text or "")


def test_junit_strict_makes_warnings_failures() -> None:
    normal = ET.fromstring(run_cli("check", "examples/karamay", "--format", "junit").out)
    strict = ET.fromstring(
        run_cli("check", "examples/karamay", "--format", "junit", "--strict").out
    )
    assert normal.get("failures") == "0"
    assert strict.get("failures") == "14"  # the 14 warnings of the karamay example


@needs_schemas
def test_junit_input_error_is_an_errored_testcase(
    write: Any, tmp_path: Path, junit_schema: Any
) -> None:
    write("bad.yaml", BAD_REPORT)
    result = run_cli("check", "bad.yaml", "--format", "junit", cwd=tmp_path)
    assert result.code == 2
    assert junit_errors(junit_schema, result.out) == []
    (suite,) = _suites(result.out)
    assert suite.get("name") == "bad.yaml" and suite.get("errors") == "1"
    case = suite.find("testcase")
    assert case is not None and case.get("name") == "bad.yaml"
    error = suite.find("testcase/error")
    assert error is not None and error.get("type") == "input-error"
    assert "nowhere" in (error.get("message") or "")


# --- GitHub --------------------------------------------------------------------------------


def test_github_escaping_follows_the_runner() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("error", "x: y, z", None, None)
    assert line == "::error::x: y, z"  # data keeps : and ,


def test_github_annotations_for_errors_warnings_and_input_errors(
    write: Any, tmp_path: Path
) -> None:
    out = run_cli("check", "examples/failing", "--format", "github").out.splitlines()
    errors = [x for x in out if x.startswith("::error ")]
    warnings = [x for x in out if x.startswith("::warning ")]
    assert len(errors) == 3 and len(warnings) == 5
    assert any(
        x.startswith("::error file=examples/failing/dushanzi-2024.yaml,line=20,col=23,title=")
        for x in errors
    )
    assert out[-1] == "planck: ✗ 未通过：3 项错误，5 项警告"
    write("bad.yaml", BAD_REPORT)
    bad = run_cli("check", "bad.yaml", "--format", "github", cwd=tmp_path)
    assert bad.code == 2
    assert bad.out.startswith("::error file=bad.yaml,line=2,col=15,title=planck 输入错误::")


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_has_a_summary_row_per_report() -> None:
    out = run_cli("check", "examples/failing", "--format", "markdown").out
    assert "| examples/failing/dushanzi-2024.yaml | 独山子区 | 2024 | 3 | 4 |" in out
    assert out.count("<details") == 2
    assert "<details open>" in out  # the report with errors is unfolded
