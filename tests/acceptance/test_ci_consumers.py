"""The CI formats as the tools CI users run read them, on a file that holds many reports.

A CSV or XLSX file may hold several jurisdiction-years (SPEC §2): each becomes a report, and
the CI formats must keep them apart (GitLab keys JUnit test cases by suite, classname and name;
GitHub code scanning merges SARIF results with the same fingerprint), GitHub annotations must
stay within 10 of each level with the rest logged, and the Markdown must fit a pull-request
comment and link nothing. The consumers are used where they are installed (junitparser,
junit2html, the SARIF multitool from npm, cmark-gfm); where one is not, its test is skipped and
a test that emulates the way it reads the output runs all the same.
"""

from __future__ import annotations

import json
import os
import re
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


# --- GitHub annotations --------------------------------------------------------------------

HOSTILE_NOTE = "见附表\n::error::pwned\n  ::warning file=x::pwned ##[error]pwned"


def _busy_rows() -> list[list[Any]]:
    """Ten reports (two districts, five years) with well over 10 errors, warnings and notices,
    a hostile note, and last of all a typo'd indicator (a diagnostic)."""
    rows: list[list[Any]] = [HEADER_EN[:6]]
    for year in YEARS:
        rows.append(["dushanzi", year, "rd_intensity", 1.3 + (year - 2021) / 100, "", ""])
        rows.append(["dushanzi", year, "tech_contract_value", 0.1, "", HOSTILE_NOTE])
        rows.append(["karamay", year, "rd_intensity", 1.0, "", ""])
        rows.append(["karamay", year, "tech_smes", 100 + year - 2021, "", ""])
        rows.append(["karamay", year, "regional_key_labs", 5, "", ""])  # review
    # Reported once each, before the target year, with no baseline: unassessed.
    for year, rule in zip(
        YEARS,
        (
            "industrial_rd_to_revenue",
            "industrial_firms_with_rd_share",
            "high_tech_revenue_share",
            "rd_personnel_per_10k",
        ),
        strict=False,
    ):
        rows.append(["dushanzi", year, rule, 0.5, "", ""])
    rows.append(["karamay", 2021, "fiscal_st_share", 1.0, "", ""])
    rows.append(["karamay", 2022, "tech_contract_turnover", 1.0, "", ""])
    rows.append(["karamay", 2025, "rd_intensty", 1.0, "", ""])
    return rows


@pytest.fixture(params=["csv", "xlsx"])
def busy(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "csv":
        path = tmp_path / "busy.csv"
        path.write_text(csv_text(_busy_rows()), "utf-8")
        return path
    return write_xlsx(tmp_path / "busy.xlsx", {"报表": _busy_rows()})


def _expected_items(path: Path) -> Counter[str]:
    data = json.loads(run_cli("check", path.name, "--format", "json", cwd=path.parent).out)
    levels: Counter[str] = Counter()
    for report in data["reports"]:
        for r in report["results"]:
            if r["severity"] in ("error", "warning"):
                levels[r["severity"]] += 1
            elif r["status"] in ("unassessed", "review"):
                levels["notice"] += 1
    levels["error"] += len(data["errors"])
    levels["warning"] += len(data["warnings"])
    return levels


def test_github_annotates_ten_of_each_level_and_logs_the_rest(busy: Path) -> None:
    expected = _expected_items(busy)
    assert min(expected.values()) > 10  # the run is busy enough to overflow every level
    out = run_cli("check", busy.name, "--format", "github", cwd=busy.parent).out.splitlines()
    commands = [line for line in out if line.lstrip().startswith("::")]
    kinds = Counter(line.split(" ", 1)[0].split("::")[1] for line in commands)
    # GitHub shows 10 per level: the summary notice is one of the 10 notices.
    assert kinds == {"error": 10, "warning": 10, "notice": 10}
    # The diagnostic (last in the file) is annotated, before any result.
    first_warning = next(line for line in commands if line.startswith("::warning"))
    assert "rd_intensty" in first_warning
    # One notice says how many more there are and where they are.
    (summary,) = [line for line in commands if "title=planck 更多结果见日志" in line]
    left = sum(expected.values()) - 29
    assert f"另有 {left} 条未作注释" in summary
    assert "日志" in summary and "--format sarif" in summary
    # …and they are all in the log, as plain lines, not as workflow commands.
    logged = [line for line in out if line.startswith("planck 未注释 [")]
    assert len(logged) == left
    for kind, word in (("error", "错误"), ("warning", "警告"), ("notice", "提示")):
        in_log = sum(line.startswith(f"planck 未注释 [{word}]") for line in logged)
        assert in_log == expected[kind] - (9 if kind == "notice" else 10)
    # The hostile note is in the log, and turns into no command there.
    plain = [line for line in out if line not in commands]
    assert any("::error::pwned" in line for line in plain)
    assert all("##[" not in line for line in plain)
    assert out[-1].startswith("planck: ✗ 未通过")


def test_github_spreadsheet_annotations_name_sheet_and_cell(tmp_path: Path) -> None:
    rows = [HEADER_EN[:4], ["dushanzi", 2024, "rd_intensity", 1.3]]
    write_xlsx(tmp_path / "r.xlsx", {"报表": rows})
    out = run_cli("check", "r.xlsx", "--format", "github", cwd=tmp_path).out.splitlines()
    annotations = [line for line in out if line.startswith("::")]
    assert annotations
    for line in annotations:
        head, _, message = line[2:].partition("::")
        assert "file=r.xlsx" in head and "line=" not in head and "col=" not in head
        assert message.startswith("报表!")
    (rd,) = [line for line in annotations if "rd_intensity" in line]
    assert rd.split("::", 2)[2].startswith("报表!D2：")


def test_github_small_run_has_no_summary_notice() -> None:
    out = run_cli("check", "examples/failing", "--format", "github").out
    assert "::notice title=" not in out and "planck 未注释" not in out


# --- Markdown ------------------------------------------------------------------------------

AUTOLINK_NOTE = "数据见 www.dushanzi.gov.cn，联系 kjj@dushanzi.gov.cn 或 @zhangsan #12"
COUNTIES = 44  # 44 × 5 years = 220 reports


def _county_rules(path: Path) -> Path:
    """The Dushanzi rule set, renamed, for COUNTIES made-up counties."""
    from tests.conftest import ROOT

    text = (ROOT / "rules" / "dushanzi-14th-fyp.yaml").read_text("utf-8")
    head, _, rest = text.partition("jurisdictions:\n")
    _, _, rest = rest.partition("period:")
    counties = "".join(
        f"  c{n:02d}:\n    name: 测试{n:02d}县\n    name_en: Test County {n:02d}\n"
        for n in range(COUNTIES)
    )
    head = head.replace("id: dushanzi-14th-fyp", "id: counties-test")
    path.write_text(f"{head}jurisdictions:\n{counties}period:{rest}", "utf-8")
    return path


@pytest.fixture
def counties(tmp_path: Path) -> Path:
    _county_rules(tmp_path / "counties.yaml")
    rows: list[list[Any]] = [HEADER_EN[:6]]
    for n in range(COUNTIES):
        for year in YEARS:
            # Every fifth county reports everything at target: no problem at all.
            if n % 5 == 0:
                rows += [
                    [f"c{n:02d}", year, "rd_intensity", 2.5, "", ""],
                    [f"c{n:02d}", year, "fiscal_st_spending", 2000 + year, "", ""],
                    [f"c{n:02d}", year, "industrial_rd_to_revenue", 1.5, "", ""],
                    [f"c{n:02d}", year, "industrial_firms_with_rd_share", 30, "", ""],
                    [f"c{n:02d}", year, "high_tech_firms_per_10k_firms", 160, "", ""],
                    [f"c{n:02d}", year, "high_tech_revenue_share", 30, "", ""],
                    [f"c{n:02d}", year, "rd_personnel_per_10k", 140, "", ""],
                    [f"c{n:02d}", year, "tech_contract_value", 0.6, "", ""],
                    [f"c{n:02d}", year, "invention_patents_per_10k", 5, "", ""],
                ]
            else:
                rows.append([f"c{n:02d}", year, "rd_intensity", 1.3, "", AUTOLINK_NOTE])
    (tmp_path / "counties.csv").write_text(csv_text(rows), "utf-8")
    return tmp_path


def _render(folder: Path, monkeypatch: pytest.MonkeyPatch, limit: int | None, *more: str) -> str:
    from planck.engine.check import exit_code, run_check
    from planck.render import RenderContext
    from planck.render.markdown import MarkdownReporter

    monkeypatch.chdir(folder)
    run = run_check(["counties.csv", *more], ["counties.yaml"])
    assert len(run.errors) == len(more) and len(run.reports) == COUNTIES * len(YEARS)
    ctx = RenderContext(run=run, exit_code=int(exit_code(run)), markdown_limit=limit)
    return MarkdownReporter().render(ctx)


def _gfm(text: str) -> str:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    html: str = cmarkgfm.github_flavored_markdown_to_html(text)
    return html


def _no_links(text: str) -> None:
    """What GitHub would link in text: autolinks, mentions, issue references."""
    visible = text.replace("\\", "")
    assert not re.search(r"@[A-Za-z0-9]|#\d|(?i:gh)-\d|(?i:www)\.|://", visible)


def test_markdown_note_makes_no_link_mention_or_issue_reference() -> None:
    from planck.render.mdtext import esc

    note = AUTOLINK_NOTE + " http://a.cn/x HTTPS://b.cn WWW.C.CN GH-3 mailto:x@y.cn"
    text = esc(note)
    # GitHub applies mentions (@name), issue references (#12, GH-3) and autolinks to the text
    # after parsing, so a backslash does not stop them: nothing may match them afterwards.
    _no_links(text)
    # Still readable: only backslashes and invisible word joiners were added.
    assert text.replace("\\", "").replace("\u2060", "") == note


def test_cmark_gfm_renders_the_note_with_no_link() -> None:
    from planck.render.mdtext import esc

    note = AUTOLINK_NOTE + " http://a.cn/x HTTPS://b.cn WWW.C.CN GH-3 mailto:x@y.cn"
    assert "<a " in _gfm(note)  # the raw note would link
    html = _gfm(esc(note))
    assert "<a " not in html
    assert re.sub("<[^>]+>|\u2060", "", html).strip() == note


def test_markdown_of_220_reports_fits_a_pull_request_comment(
    counties: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planck.render.markdown import size

    full = _render(counties, monkeypatch, None)
    assert size(full.splitlines()) > 65_536  # without a limit it would not fit
    out = _render(counties, monkeypatch, 65_000)
    assert size(out.splitlines()) <= 65_000
    lines = out.splitlines()
    # The summary table lists every report, in run order.
    rows = [line for line in lines if line.startswith("| counties.csv |")]
    assert rows == [line for line in full.splitlines() if line.startswith("| counties.csv |")]
    assert len(rows) == COUNTIES * len(YEARS)
    # The details of reports with problems come first: none of the clean counties is shown
    # while a report with errors is left out.
    summaries = [line for line in lines if line.startswith("<summary>")]
    assert 0 < len(summaries) < COUNTIES * len(YEARS)
    assert all("测试00县" not in s and "测试05县" not in s for s in summaries)
    # A closing line says what was left out and how to get all of it.
    closing = lines[-3]
    left = COUNTIES * len(YEARS) - len(summaries)
    assert f"省略了：{left} 份报告的明细" in closing
    assert "--markdown-full" in closing and "--format json" in closing
    # The full output has every report's details, and says nothing was left out.
    assert full.count("<summary>") == COUNTIES * len(YEARS)
    assert "省略" not in full
    for text in (out, full):
        _no_links(text)


def test_cmark_gfm_renders_220_reports_with_no_link(
    counties: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("cmarkgfm")
    for limit in (65_000, None):
        assert "<a " not in _gfm(_render(counties, monkeypatch, limit))


def test_markdown_limit_keeps_input_errors_and_the_table_first(
    counties: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planck.render.markdown import size

    (counties / "bad.yaml").write_text(
        "planck: 1\njurisdiction: nowhere\nyear: 2023\nindicators: {}\n", "utf-8"
    )
    out = _render(counties, monkeypatch, 30_000, "bad.yaml")
    assert size(out.splitlines()) <= 30_000
    assert out.count("| counties.csv |") == COUNTIES * len(YEARS)
    assert "### 输入错误" in out and "nowhere" in out
    tight = _render(counties, monkeypatch, 5_000, "bad.yaml")
    assert size(tight.splitlines()) <= 5_000
    assert "### 输入错误" in tight and "nowhere" in tight  # first claim on the room
    assert 0 < tight.count("| counties.csv |") < COUNTIES * len(YEARS)
    closing = tight.splitlines()[-3]
    assert "汇总表" in closing and "份报告的明细" in closing  # the rows left out are counted
