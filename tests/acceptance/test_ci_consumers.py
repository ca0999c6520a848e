"""The CI formats as the tools CI users run read them, on a file that holds many reports.

A CSV or XLSX file may hold several jurisdiction-years (SPEC §2): each becomes a report, and
the CI formats must keep them apart (GitLab keys JUnit test cases by suite, classname and name;
GitHub code scanning merges SARIF results with the same fingerprint). The consumers are used
where they are installed (junitparser, junit2html, the SARIF multitool, cmark-gfm); where one is
not, a test that emulates the way it keys results runs all the same.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.schemas import junit_errors, needs_schemas, sarif_errors
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


# --- SARIF ---------------------------------------------------------------------------------


def _sarif(path: Path, *more: str) -> dict[str, Any]:
    out = run_cli("check", path.name, *more, "--format", "sarif", cwd=path.parent).out
    document: dict[str, Any] = json.loads(out)
    return document


def test_sarif_fingerprints_tell_the_years_of_one_file_apart(many: Path) -> None:
    run = _sarif(many)["runs"][0]
    prints = [tuple(sorted(r["partialFingerprints"].items())) for r in run["results"]]
    assert len(prints) >= 7 * len(YEARS)
    assert len(set(prints)) == len(prints)
    # The same rule in two years of the same file: same rule id and file, distinct prints.
    years = {
        r["properties"]["year"]: r
        for r in run["results"]
        if r["ruleId"] == "dushanzi-14th-fyp/fiscal_st_spending"
    }
    assert set(years) == set(YEARS)
    assert years[2021]["partialFingerprints"] != years[2022]["partialFingerprints"]


def _with_every_descriptor(tmp_path: Path, many: Path) -> dict[str, Any]:
    (tmp_path / "bad.yaml").write_text(
        "planck: 1\njurisdiction: nowhere\nyear: 2023\nindicators: {}\n", "utf-8"
    )
    (tmp_path / "typo.yaml").write_text(
        "planck: 1\njurisdiction: karamay\nyear: 2023\nindicators:\n  rd_intensty: 1.2\n",
        "utf-8",
    )
    return _sarif(many, "bad.yaml", "typo.yaml")


def test_sarif_every_descriptor_has_the_descriptions_code_scanning_requires(
    many: Path, tmp_path: Path
) -> None:
    rules = _with_every_descriptor(tmp_path, many)["runs"][0]["tool"]["driver"]["rules"]
    ids = {rule["id"] for rule in rules}
    assert {"planck/input-error", "planck/input-warning"} <= ids
    for rule in rules:
        for key in ("shortDescription", "fullDescription"):
            assert rule[key]["text"].strip(), (rule["id"], key)
        assert rule["help"]["text"].strip() and rule["help"]["markdown"].strip(), rule["id"]
        assert rule["fullDescription"]["text"] != rule["shortDescription"]["text"]


def test_sarif_information_uri_comes_from_the_package_metadata() -> None:
    from email.message import Message

    from planck.render.sarif import information_uri

    meta = Message()
    meta["Home-page"] = "https://example.org/home"
    meta["Project-URL"] = "Bug Tracker, https://example.org/issues"
    meta["Project-URL"] = "Repository, https://example.org/code"
    assert information_uri(meta) == "https://example.org/code"  # type: ignore[arg-type]
    meta["Project-URL"] = "Homepage, https://example.org/"
    assert information_uri(meta) == "https://example.org/"  # type: ignore[arg-type]
    bare = Message()
    assert information_uri(bare) is None  # type: ignore[arg-type]
    bare["Home-page"] = "UNKNOWN"
    assert information_uri(bare) is None  # type: ignore[arg-type]
    bare["Home-page"] = "https://example.org/home"
    assert information_uri(bare) == "https://example.org/home"  # type: ignore[arg-type]


def test_sarif_driver_carries_the_home_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from email.message import Message

    from planck.render import sarif

    meta = Message()
    meta["Project-URL"] = "Homepage, https://example.org/planck"
    monkeypatch.setattr(sarif, "_installed_metadata", lambda: meta)
    document = json.loads(run_cli("check", "examples/failing", "--format", "sarif").out)
    assert document["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/planck"


@needs_schemas
def test_sarif_of_many_reports_is_valid(many: Path, tmp_path: Path, sarif_validator: Any) -> None:
    assert sarif_errors(sarif_validator, _with_every_descriptor(tmp_path, many)) == []


MULTITOOL_PACKAGE = "@microsoft/sarif-multitool"


@pytest.fixture(scope="session")
def multitool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Microsoft's SARIF multitool: $PLANCK_SARIF_MULTITOOL, else installed from npm into a
    cache folder (~/.cache/planck-tests); the test is skipped when neither works (offline)."""
    given = os.environ.get("PLANCK_SARIF_MULTITOOL")
    if given:
        return Path(given)
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: cannot fetch the SARIF multitool")
    cache = Path.home() / ".cache" / "planck-tests" / "sarif-multitool"
    found = sorted(cache.glob("node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool"))
    if not found:
        cache.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(
                [
                    npm,
                    "install",
                    "--prefix",
                    str(cache),
                    "--no-audit",
                    "--no-fund",
                    MULTITOOL_PACKAGE,
                ],
                capture_output=True,
                text=True,
                timeout=600,
            )
        except subprocess.TimeoutExpired:
            pytest.skip("npm install of the SARIF multitool timed out")
        if done.returncode != 0:
            pytest.skip(f"npm install of the SARIF multitool failed: {done.stderr[-500:]}")
        found = sorted(cache.glob("node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool"))
    if not found:
        pytest.skip("the SARIF multitool package has no binary for this platform")
    binary = found[0]
    binary.chmod(binary.stat().st_mode | 0o100)  # npm may skip the package's chmod script
    return binary


def test_sarif_passes_the_multitool_with_githubs_rules(
    multitool: Path, many: Path, tmp_path: Path
) -> None:
    document = _with_every_descriptor(tmp_path, many)
    log = tmp_path / "planck.sarif"
    log.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    out = tmp_path / "validation.sarif"
    done = subprocess.run(
        [
            str(multitool),
            "validate",
            "--rule-kind",
            "Sarif;Gh",
            "--level",
            "Error;Warning",
            "--output",
            str(out),
            str(log),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    findings = json.loads(out.read_text("utf-8-sig"))["runs"][0].get("results", [])
    problems = [(f["ruleId"], f["message"].get("arguments")) for f in findings]
    if "informationUri" not in document["runs"][0]["tool"]["driver"]:
        # The package declares no home page yet (see information_uri): the only thing the
        # multitool may say is that one is missing.
        problems = [p for p in problems if p[0] != "SARIF2005"]
    assert problems == []
