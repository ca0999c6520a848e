"""CSV and XLSX reports (SPEC §2): the long table, its headers, locations, and the promise that
the same figures in YAML, CSV and XLSX give the same results."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from planck.engine.check import run_check
from planck.errors import Location
from planck.model import CheckRun
from tests.conftest import run_cli
from tests.tablehelp import (
    HEADER_EN,
    HEADER_ZH,
    csv_text,
    rewrite_member,
    set_cached_value,
    write_xlsx,
)

YAML_2022 = """\
jurisdiction: dushanzi
year: 2022
indicators:
  rd_intensity: 1.5
  fiscal_st_spending: {value: 2186, unit: 万元, previous: 2020}
  high_tech_firms_per_10k_firms: 96
  tech_contract_value: "3800万元"
"""
YAML_2023 = """\
jurisdiction: 独山子区
year: 2023
indicators:
  rd_intensity: "1.62%"
  fiscal_st_spending:
    value: 2310
    unit: 万元
    previous: 2186
    note: 含区属企业研发补助
  industrial_rd_to_revenue: 1.02
  high_tech_firms_per_10k_firms: 101
  tech_contract_value: "4600万元"
  invention_patents_per_10k: null
  rd_personnel_per_10k: 010
"""
# The same figures as rows of the long table (value cells as a person would type them).
ROWS = [
    ["dushanzi", 2022, "rd_intensity", 1.5, None, None, None],
    ["dushanzi", 2022, "fiscal_st_spending", 2186, "万元", None, 2020],
    ["dushanzi", 2022, "high_tech_firms_per_10k_firms", 96, None, None, None],
    ["dushanzi", 2022, "tech_contract_value", "3800万元", None, None, None],
    ["独山子区", 2023, "rd_intensity", "1.62%", None, None, None],
    ["独山子区", 2023, "fiscal_st_spending", 2310, "万元", "含区属企业研发补助", 2186],
    ["独山子区", 2023, "industrial_rd_to_revenue", 1.02, None, None, None],
    ["独山子区", 2023, "high_tech_firms_per_10k_firms", 101, None, None, None],
    ["独山子区", 2023, "tech_contract_value", "4600万元", None, None, None],
    ["独山子区", 2023, "invention_patents_per_10k", None, None, None, None],
    ["独山子区", 2023, "rd_personnel_per_10k", "010", None, None, None],
]


def outcome(run: CheckRun) -> dict[tuple[str, int], list[tuple[object, ...]]]:
    """What a user sees of each report's results, leaving out where the figures came from."""
    out = {}
    for index, report in enumerate(run.reports):
        out[(report.jurisdiction, report.year)] = [
            (
                r.ruleset.id,
                r.rule.id,
                r.status.value,
                r.severity.value,
                r.value,
                r.progress.ratio if r.progress else None,
                r.message.render("en"),
                r.message.render("zh"),
                r.note,
            )
            for r in run.results[index]
        ]
    return out


def test_the_same_figures_in_yaml_csv_and_xlsx_give_the_same_results(tmp_path: Path) -> None:
    (tmp_path / "yaml").mkdir()
    (tmp_path / "yaml" / "2022.yaml").write_text(YAML_2022, encoding="utf-8")
    (tmp_path / "yaml" / "2023.yaml").write_text(YAML_2023, encoding="utf-8")
    csv_path = tmp_path / "r.csv"
    csv_path.write_text(csv_text([HEADER_EN, *ROWS]), encoding="utf-8")
    xlsx_rows = [list(r) for r in ROWS]
    xlsx_rows[4][3] = 0.0162  # typed as 1.62% in Excel: stored as 0.0162, shown with a % format
    xlsx_path = write_xlsx(
        tmp_path / "r.xlsx", {"报告": [HEADER_ZH, *xlsx_rows]}, formats={"报告!D6": "0.00%"}
    )

    runs = {
        "yaml": run_check([str(tmp_path / "yaml")]),
        "csv": run_check([str(csv_path)]),
        "xlsx": run_check([str(xlsx_path)]),
    }
    for name, run in runs.items():
        assert run.errors == [], (name, [d.render("en") for d in run.errors])
        assert run.warnings == [], (name, [d.render("en") for d in run.warnings])
    expected = outcome(runs["yaml"])
    assert sorted(expected) == [("dushanzi", 2022), ("dushanzi", 2023)]
    statuses = {row[1]: row[2] for row in expected[("dushanzi", 2023)]}
    # the figures exercise units, conversion, previous, null and an invalid leading zero
    assert statuses["rd_intensity"] == "needs_acceleration"
    assert statuses["fiscal_st_spending"] == "met"
    assert statuses["invention_patents_per_10k"] == "missing"
    assert statuses["rd_personnel_per_10k"] == "invalid"
    assert outcome(runs["csv"]) == expected
    assert outcome(runs["xlsx"]) == expected


def test_csv_locations_are_file_and_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(csv_text([HEADER_EN, *ROWS]), encoding="utf-8")
    run = run_check([str(path)])
    report = next(r for r in run.reports if r.year == 2023)
    obs = report.observations["tech_contract_value"]
    assert obs.location == Location(run.reports[0].file, 10)
    assert str(obs.location).endswith("r.csv:10")
    assert obs.location.as_json() == {"file": report.file, "line": 10, "column": None}


def test_xlsx_locations_are_file_sheet_and_cell(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", {"第一季 data": [HEADER_EN, *ROWS]})
    run = run_check([str(path)])
    assert run.errors == []
    report = next(r for r in run.reports if r.year == 2023)
    loc = report.observations["tech_contract_value"].location
    assert (loc.line, loc.column, loc.sheet) == (10, 4, "第一季 data")
    assert str(loc) == f"{report.file}!'第一季 data'!D10"
    assert loc.as_json() == {
        "file": report.file,
        "line": 10,
        "column": 4,
        "sheet": "第一季 data",
        "cell": "D10",
    }
    # and the JSON output carries them
    result = run_cli("check", str(path), "--format", "json", "--lang", "en")
    doc = json.loads(result.out)
    locations = [r["location"] for rep in doc["reports"] for r in rep["results"] if r["location"]]
    assert {"file", "line", "column", "sheet", "cell"} <= set(locations[0])


def test_headers_are_case_insensitive_and_may_sit_below_a_title(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    rows = [
        ["独山子区 2023 年科技创新指标", "", "", ""],
        ["", "", "", ""],
        [" Jurisdiction ", "YEAR", "Indicator", "ＶＡＬＵＥ"],
        ["dushanzi", "2023", "rd_intensity", "1.62"],
    ]
    path.write_text(csv_text(rows), encoding="utf-8")
    run = run_check([str(path)])
    assert run.errors == []
    assert run.reports[0].observations["rd_intensity"].number.value == 1.62  # type: ignore[union-attr]


def test_one_file_holds_several_jurisdiction_years(tmp_path: Path) -> None:
    rows = [
        HEADER_EN[:4],
        ["dushanzi", 2023, "rd_intensity", 1.62],
        ["karamay", 2023, "rd_intensity", 2.1],
        ["dushanzi", 2022, "rd_intensity", 1.5],
        ["克拉玛依市", 2022, "tech_smes", 120],
    ]
    path = tmp_path / "r.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    run = run_check([str(path)])
    assert run.errors == []
    assert sorted((r.jurisdiction, r.year) for r in run.reports) == [
        ("dushanzi", 2022),
        ("dushanzi", 2023),
        ("karamay", 2022),
        ("karamay", 2023),
    ]


def test_duplicate_rows_are_an_input_error_naming_both(tmp_path: Path) -> None:
    rows = [
        HEADER_EN[:4],
        ["dushanzi", 2023, "rd_intensity", 1.62],
        ["dushanzi", 2023, "tech_contract_value", 0.4],
        ["独山子区", 2023, "rd_intensity", 1.7],
    ]
    path = tmp_path / "r.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    result = run_cli("check", str(path), "--lang", "en")
    assert result.code == 2
    assert "appears twice (row 2 and row 4)" in result.err
    assert "r.csv:4" in result.err

    xlsx = write_xlsx(tmp_path / "r.xlsx", {"S": rows[:3], "T": [rows[0], rows[3]]})
    result = run_cli("check", str(xlsx), "--lang", "en")
    assert result.code == 2
    assert "appears twice (S!C2 and T!C2)" in result.err
    assert "r.xlsx!T!C2" in result.err


def test_every_bad_row_is_reported_and_the_file_gives_no_reports(tmp_path: Path) -> None:
    rows = [HEADER_EN[:4], ["atlantis", 2023, "x", 1], ["dushanzi", "二〇二三", "x", 1]]
    rows += [["dushanzi", 2023, "", 1], ["", 2023, "x", 1], ["dushanzi", 2023, "ok", 1]]
    path = tmp_path / "r.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    run = run_check([str(path)])
    assert run.reports == []
    messages = [d.render("en") for d in run.errors]
    assert [m.split(": ", 1)[0][-7:] for m in messages] == [
        "r.csv:2",
        "r.csv:3",
        "r.csv:4",
        "r.csv:5",
    ]
    assert "unknown jurisdiction 'atlantis'" in messages[0]
    assert "four-digit year" in messages[1]
    assert "indicator is empty" in messages[2]
    assert "jurisdiction is empty" in messages[3]


def test_a_broken_line_is_reported_with_the_bad_rows_before_it(tmp_path: Path) -> None:
    # The rows are read as the reports are built (a large CSV is never held whole): a line
    # the CSV reader cannot read ends the file, after every problem found above it.
    text = (
        "jurisdiction,year,indicator,value\n"
        "atlantis,2023,rd_intensity,1\n"
        "dushanzi,2023,fiscal_st_spending,1,934\n"
        "dushanzi,2023,rd_intensity,1.5\n"
        'dushanzi,2023,tech_contract_value,"3800\n'
    )
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    run = run_check([str(path)])
    assert run.reports == []
    messages = [d.render("en") for d in run.errors]
    assert [m.split(": ", 1)[0].rsplit("/", 1)[-1] for m in messages] == [
        "r.csv:2",
        "r.csv:3",
        "r.csv:5",
    ]
    assert "unknown jurisdiction 'atlantis'" in messages[0]
    assert "this row has 5 fields but the header has 4" in messages[1]


def test_many_bad_rows_are_summarised(tmp_path: Path) -> None:
    rows = [HEADER_EN[:4]] + [["atlantis", 2023, "x", 1]] * 500
    path = tmp_path / "r.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    run = run_check([str(path)])
    assert len(run.errors) == 21
    assert any("480 more problems not shown" in d.render("en") for d in run.errors)


def test_csv_columns_missing_extra_and_short_rows(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    missing = write("m.csv", "jurisdiction,year,indicator\ndushanzi,2023,rd_intensity\n")
    result = run_cli("check", str(missing), "--lang", "en")
    assert result.code == 2 and "the header lacks column(s): value" in result.err

    extra = write(
        "e.csv",
        "jurisdiction,year,indicator,value,source\ndushanzi,2023,rd_intensity,1.62,统计局\n",
    )
    result = run_cli("check", str(extra), "--lang", "en")
    assert result.code == 1, result.err  # other indicators are missing: findings, not input errors
    assert "e.csv:1: unknown column 'source', ignored" in result.err

    # trailing optional fields may be left off; a required one may not
    short = write(
        "s.csv", "jurisdiction,year,indicator,value,unit,note\ndushanzi,2023,rd_intensity,1.62\n"
    )
    run = run_check([str(short)])
    assert run.errors == []
    assert run.reports[0].observations["rd_intensity"].number.value == 1.62  # type: ignore[union-attr]
    no_value = write("n.csv", "jurisdiction,year,indicator,value\ndushanzi,2023,rd_intensity\n")
    run = run_check([str(no_value)])
    assert run.errors == []
    assert run.reports[0].observations["rd_intensity"].number is None  # missing, as null in YAML


def test_an_unquoted_thousands_separator_is_not_split_silently(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "r.csv",
        "jurisdiction,year,indicator,value,unit\ndushanzi,2023,fiscal_st_spending,1,934,万元\n",
    )
    result = run_cli("check", str(path), "--lang", "en")
    assert result.code == 2
    assert "r.csv:2: this row has 6 fields but the header has 5" in result.err
    quoted = write(
        "q.csv",
        'jurisdiction,year,indicator,value,unit\ndushanzi,2023,fiscal_st_spending,"1,934",万元\n',
    )
    run = run_check([str(quoted)])
    assert run.reports[0].observations["fiscal_st_spending"].number.value == 1934  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sep", "word"), [(";", "semicolons"), ("\t", "tabs"), ("，", "full-width commas")]
)
def test_other_separators_are_refused_with_a_reason(write, sep: str, word: str) -> None:  # type: ignore[no-untyped-def]
    text = sep.join(HEADER_EN[:4]) + "\n" + sep.join(["dushanzi", "2023", "rd_intensity", "1,62"])
    path = write("r.csv", text + "\n")
    result = run_cli("check", str(path), "--lang", "en")
    assert result.code == 2
    assert f"r.csv:1: this file separates its columns with {word}" in result.err


def test_xlsx_merged_cells_apply_to_every_row_they_cover(tmp_path: Path) -> None:
    rows = [
        ["独山子区 2023 年指标"],
        HEADER_ZH[:4],
        ["独山子区", 2023, "rd_intensity", 1.62],
        [None, None, "tech_contract_value", 0.46],
        [None, None, "high_tech_firms_per_10k_firms", 101],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"S": rows}, merge=["S!A1:D1", "S!A3:A5", "S!B3:B5"])
    run = run_check([str(path)])
    assert run.errors == []
    assert [(r.jurisdiction, r.year, sorted(r.observations)) for r in run.reports] == [
        ("dushanzi", 2023, ["high_tech_firms_per_10k_firms", "rd_intensity", "tech_contract_value"])
    ]


def test_xlsx_formula_cells_give_their_saved_result(tmp_path: Path) -> None:
    rows = [
        HEADER_EN[:4],
        ["dushanzi", 2023, "rd_intensity", "=1.5+0.12"],
        ["dushanzi", 2023, "tech_contract_value", "=0.2*2"],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"S": rows})
    set_cached_value(path, "D2", "1.62")
    run = run_check([str(path)])
    obs = run.reports[0].observations
    assert obs["rd_intensity"].number.value == 1.62  # type: ignore[union-attr]
    # a formula saved without its result (as libraries write them) is invalid, with the reason
    assert obs["tech_contract_value"].number is None
    assert "=0.2*2 has no saved result" in obs["tech_contract_value"].problem.render("en")  # type: ignore[union-attr]


def test_xlsx_cell_types(tmp_path: Path) -> None:
    rows = [
        HEADER_EN[:5],
        ["dushanzi", 2023, "rd_intensity", 1, "%"],  # shown as 100% with the format below
        ["dushanzi", 2023, "tech_contract_value", "#N/A"],
        ["dushanzi", 2023, "high_tech_firms_per_10k_firms", True],
        ["dushanzi", 2023, "rd_personnel_per_10k", " 86 "],
        ["dushanzi", 2023, "invention_patents_per_10k", 3.8],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"S": rows}, formats={"S!D2": "0%"})
    with zipfile.ZipFile(path) as archive:  # openpyxl saves "#N/A" as an error cell
        assert (
            '<c r="D3" t="e"><v>#N/A</v></c>' in archive.read("xl/worksheets/sheet1.xml").decode()
        )
    obs = run_check([str(path)]).reports[0].observations
    assert obs["rd_intensity"].number.value == 100  # type: ignore[union-attr]
    assert "Excel error #N/A" in obs["tech_contract_value"].problem.render("en")  # type: ignore[union-attr]
    assert "boolean" in obs["high_tech_firms_per_10k_firms"].problem.render("en")  # type: ignore[union-attr]
    assert obs["rd_personnel_per_10k"].number.value == 86  # type: ignore[union-attr]
    assert obs["invention_patents_per_10k"].number.value == 3.8  # type: ignore[union-attr]


def test_xlsx_sheets_without_a_table_are_skipped_with_a_warning(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "r.xlsx",
        {
            "说明": [["填表说明：每行一个指标"]],
            "数据": [HEADER_EN[:4], ["dushanzi", 2023, "rd_intensity", 1.62]],
            "空": [],
        },
    )
    run = run_check([str(path)])
    assert run.errors == []
    assert [d.render("en") for d in run.warnings] == [
        f"{run.reports[0].file}!说明: this sheet has no report header; skipped"
    ]
    only_notes = write_xlsx(tmp_path / "n.xlsx", {"说明": [["填表说明"]]})
    result = run_cli("check", str(only_notes), "--lang", "en")
    assert result.code == 2 and "no header row found" in result.err


def test_xlsx_with_cells_far_apart_is_read_cell_by_cell(tmp_path: Path) -> None:
    """Two cells a sheet apart must not become a grid of 17 billion (a reader that allocates
    the bounding box aborts the process)."""
    path = write_xlsx(
        tmp_path / "r.xlsx", {"S": [HEADER_EN[:4], ["dushanzi", 2023, "rd_intensity", 1.62]]}
    )
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda x: x.replace(
            "</sheetData>",
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>',
        ),
    )
    run = run_check([str(path)])
    assert run.errors == []
    assert run.reports[0].observations["rd_intensity"].number.value == 1.62  # type: ignore[union-attr]


def test_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", {"S": [HEADER_EN[:4]]})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\0" * 5_000_000)
    assert path.stat().st_size < 100_000
    result = run_cli("check", str(path), "--lang", "en", "--max-file-size", "100k")
    assert result.code == 2
    assert "unpacks to too much data" in result.err


def test_gbk_reports_with_chinese_names_are_read(tmp_path: Path) -> None:
    yaml_text = (
        "jurisdiction: 独山子区\nyear: 2023\nindicators:\n  rd_intensity: 1.62  # 研发投入强度\n"
    )
    rows = [HEADER_ZH[:6], ["独山子区", 2023, "tech_contract_value", "4600", "万元", "技术合同"]]
    for name, data in (
        ("gbk.yaml", yaml_text.encode("gbk")),
        ("gbk.csv", csv_text(rows).encode("gbk")),
    ):
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # really not UTF-8
        (tmp_path / name).write_bytes(data)
        run = run_check([str(tmp_path / name)])
        assert run.errors == [], name
        assert [(r.jurisdiction, r.year) for r in run.reports] == [("dushanzi", 2023)]
    csv_obs = run.reports[0].observations["tech_contract_value"]
    assert csv_obs.note == "技术合同"
    assert csv_obs.number is not None and csv_obs.number.unit == "万元"
