"""The CI formats as the tools CI users run read them, on a file that holds many reports.

A CSV or XLSX file may hold several jurisdiction-years (SPEC §2): each becomes a report, and
the CI formats must keep them apart (GitLab keys JUnit test cases by suite, classname and name;
GitHub code scanning merges SARIF results with the same fingerprint). The consumers are used
where they are installed (junitparser, junit2html, the SARIF multitool, cmark-gfm); where one is
not, a test that emulates the way it keys results runs all the same.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.schemas import junit_errors, needs_schemas
from tests.tablehelp import HEADER_EN, csv_text, write_xlsx

YEARS = range(2021, 2026)


def _rows() -> list[list[Any]]:
    """Five years of Dushanzi, each reporting two of nine indicators: seven or more errors a
    year, and the same rule ids every year."""
    rows: list[list[Any]] = [HEADER_EN[:4]]
    for year, value in zip(YEARS, (1.3, 1.4, 1.5, 1.6, 1.7), strict=True):
        rows.append(["dushanzi", year, "rd_intensity", value])
        rows.append(["dushanzi", year, "tech_contract_value", 0.1])
    return rows


@pytest.fixture(params=["csv", "xlsx"])
def many(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "csv":
        path = tmp_path / "years.csv"
        path.write_text(csv_text(_rows()), "utf-8")
        return path
    return write_xlsx(tmp_path / "years.xlsx", {"报表": _rows()})


def _json(path: Path) -> dict[str, Any]:
    result = run_cli("check", path.name, "--format", "json", cwd=path.parent)
    assert result.code == 1, result.err
    data: dict[str, Any] = json.loads(result.out)
    assert len(data["reports"]) == len(YEARS)
    return data


def _errors_in(data: dict[str, Any]) -> int:
    return sum(r["severity"] == "error" for rep in data["reports"] for r in rep["results"])


# --- JUnit ---------------------------------------------------------------------------------


def _junit(path: Path) -> str:
    return run_cli("check", path.name, "--format", "junit", cwd=path.parent).out


def test_junit_keys_are_unique_the_way_gitlab_reads_them(many: Path) -> None:
    data = _json(many)
    root = ET.fromstring(_junit(many))
    suites = root.findall("testsuite")
    names = [s.get("name") for s in suites]
    assert len(set(names)) == len(names) == len(YEARS)
    assert all(many.name in (name or "") for name in names)
    assert all(f"dushanzi {year}" in (name or "") for name, year in zip(names, YEARS, strict=True))
    # GitLab keys a case by suite name, classname and name; keep the failing ones per key.
    keys = Counter(
        (suite.get("name"), case.get("classname"), case.get("name"))
        for suite in suites
        for case in suite.findall("testcase")
    )
    assert max(keys.values()) == 1
    failing = {
        (suite.get("name"), case.get("classname"), case.get("name"))
        for suite in suites
        for case in suite.findall("testcase")
        if case.find("failure") is not None
    }
    assert len(failing) == _errors_in(data) >= 7 * len(YEARS)
    # …and classname/name alone are unique across the document too.
    pairs = Counter((case.get("classname"), case.get("name")) for case in root.iter("testcase"))
    assert max(pairs.values()) == 1


@needs_schemas
def test_junit_of_many_reports_is_valid(many: Path, junit_schema: Any) -> None:
    assert junit_errors(junit_schema, _junit(many)) == []


def test_junit_input_errors_of_two_files_have_distinct_names(write: Any, tmp_path: Path) -> None:
    bad = "planck: 1\njurisdiction: nowhere\nyear: 2023\nindicators: {}\n"
    write("a/bad.yaml", bad)
    write("b/bad.yaml", bad)
    result = run_cli("check", "a", "b", "--format", "junit", cwd=tmp_path)
    assert result.code == 2
    cases = list(ET.fromstring(result.out).iter("testcase"))
    assert len(cases) == 2
    assert len({(c.get("classname"), c.get("name")) for c in cases}) == 2


def test_junitparser_counts_every_failure(many: Path, tmp_path: Path) -> None:
    junitparser = pytest.importorskip("junitparser")
    data = _json(many)
    out = tmp_path / "junit.xml"
    out.write_text(_junit(many), "utf-8")
    xml = junitparser.JUnitXml.fromfile(str(out))
    failures = 0
    seen = set()
    for suite in xml:
        for case in suite:
            seen.add((suite.name, case.classname, case.name))
            failures += any(isinstance(r, junitparser.Failure) for r in case.result)
    assert failures == _errors_in(data)
    assert len(seen) == sum(len(rep["results"]) for rep in data["reports"])


def test_junit2html_renders_every_suite(many: Path, tmp_path: Path) -> None:
    pytest.importorskip("junit2htmlreport")
    xml = tmp_path / "junit.xml"
    xml.write_text(_junit(many), "utf-8")
    html = tmp_path / "junit.html"
    done = subprocess.run(
        [sys.executable, "-m", "junit2htmlreport", str(xml), str(html)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    text = html.read_text("utf-8")
    for year in YEARS:
        assert f"dushanzi {year}" in text
