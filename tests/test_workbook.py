"""`planck report … --xlsx FILE`: the Excel workbook of results. The saved file is read back
with openpyxl (and, for the charts and formulas, as the OOXML parts it is made of): what a
spreadsheet user sees, not the bytes."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from planck.engine.check import run_check
from planck.model import Status, status_label
from planck.render.common import STATUS_MARK
from planck.render.overview import build_overview
from planck.render.workbook_cells import clean, sheet_name
from tests.conftest import EXAMPLES, run_cli

PLACES = [str(EXAMPLES / "dushanzi"), str(EXAMPLES / "karamay")]
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}


def _report(tmp_path: Path, *args: str, name: str = "r.xlsx") -> tuple[int, bytes]:
    out = tmp_path / name
    result = run_cli("report", *args, "--xlsx", str(out))
    assert "Traceback" not in result.err
    return result.code, out.read_bytes()


def _book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def _status_text(status: Status, lang: str = "zh") -> str:
    return f"{STATUS_MARK[status]} {status_label(status, lang)}"  # type: ignore[arg-type]


def _header_row(sheet: object, first: str) -> int:
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        if row[0].value == first:
            return int(row[0].row)
    raise AssertionError(f"no header row starting with {first!r}")


@pytest.fixture(scope="module")
def examples_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, bytes]:
    return _report(tmp_path_factory.mktemp("wb"), *PLACES)


def test_sheets_are_overview_alerts_each_place_and_sources(examples_book: tuple[int, bytes]) -> None:
    code, data = examples_book
    assert code == run_cli("check", *PLACES).code
    book = _book(data)
    assert book.sheetnames == ["总览", "预警", "独山子区", "克拉玛依市", "出处"]


def test_english_run_has_english_sheets_and_headers(tmp_path: Path) -> None:
    _, data = _report(tmp_path, *PLACES, "--lang", "en")
    book = _book(data)
    assert book.sheetnames == ["Overview", "Alerts", "Dushanzi District", "Karamay City", "Sources"]
    overview = book["Overview"]
    head = _header_row(overview, "Place")
    assert [c.value for c in overview[head]][:4] == ["Place", "Year", "Worst status", "Problems"]
    place = book["Dushanzi District"]
    assert place["A3"].value == "Indicator"
    cells = [c.value for row in overview.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(re.search(r"[\u4e00-\u9fff]", text) for text in cells if text.startswith("✓"))


def test_overview_has_a_row_per_report_worst_place_first_latest_year_first(
    examples_book: tuple[int, bytes],
) -> None:
    _, data = examples_book
    sheet = _book(data)["总览"]
    run = run_check(PLACES)
    head = _header_row(sheet, "地区")
    names = [c.value for c in sheet[head]]
    rows = []
    for row in sheet.iter_rows(min_row=head + 1, values_only=True):
        if row[0] is None:
            break
        rows.append(row)
    assert len(rows) == len(run.reports)
    place_order = [p.name for p in build_overview(run, "zh").places]
    seen = list(dict.fromkeys(row[0] for row in rows))
    assert seen == place_order
    for place in place_order:
        years = [row[1] for row in rows if row[0] == place]
        assert years == sorted(years, reverse=True)
    # every cell says the engine's status as its symbol and word
    checked = 0
    for index, report in enumerate(run.reports):
        place = "独山子区" if report.jurisdiction == "dushanzi" else "克拉玛依市"
        (row,) = [r for r in rows if r[0] == place and r[1] == report.year]
        for result in run.results[index]:
            name = result.rule.display_name("zh")
            shared = f"{name} [{result.ruleset.id}]"
            column = names.index(shared if shared in names else name)
            assert row[column] == _status_text(result.status)
            checked += 1
    assert checked == sum(len(r) for r in run.results.values())


def test_overview_title_freeze_filter_and_counts(examples_book: tuple[int, bytes]) -> None:
    _, data = examples_book
    sheet = _book(data)["总览"]
    run = run_check(PLACES)
    head = _header_row(sheet, "地区")
    assert sheet.freeze_panes == f"C{head + 1}"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith(f"A{head}:")
    title = " ".join(str(sheet.cell(row=r, column=1).value) for r in range(1, head))
    assert "通过" in title and "0.1.0" in title
    assert re.search(r"\d{4}-\d{2}-\d{2}", title)
    counts_at = _header_row(sheet, "各状态数量")
    counts = {}
    for row in sheet.iter_rows(min_row=counts_at + 1, values_only=True):
        if row[0] is None:
            break
        counts[row[0]] = row[1]
    results = run.all_results()
    expected = {_status_text(s): sum(r.status is s for r in results) for s in Status}
    assert counts == {k: v for k, v in expected.items() if v}


def test_status_cells_carry_a_fill_and_the_word(examples_book: tuple[int, bytes]) -> None:
    _, data = examples_book
    sheet = _book(data)["总览"]
    marks = tuple(STATUS_MARK.values())
    status_cells = [
        c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(marks)
    ]
    assert status_cells
    for cell in status_cells:
        assert cell.fill.fill_type == "solid"
    fills = {c.value: c.fill.fgColor.rgb for c in status_cells}
    assert fills[_status_text(Status.MET)] != fills[_status_text(Status.DETERIORATING)]


def test_place_sheet_values_are_numbers_with_the_unit_apart(
    examples_book: tuple[int, bytes],
) -> None:
    _, data = examples_book
    sheet = _book(data)["独山子区"]
    run = run_check([PLACES[0]])
    head = [c.value for c in sheet[3]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}
    for index, report in enumerate(run.reports):
        column = head.index(str(report.year))
        for result in run.results[index]:
            row = rows[result.rule.display_name("zh")]
            assert row[head.index("单位")] == result.rule.unit
            if result.value is not None:
                assert isinstance(row[column], int | float)
                assert row[column] == pytest.approx(result.value)
    latest = {r.rule.display_name("zh"): r for r in run.results[len(run.reports) - 1]}
    for name, result in latest.items():
        assert rows[name][head.index("最新状态")] == _status_text(result.status)
        if result.progress is not None and result.progress.ratio is not None:
            assert isinstance(rows[name][head.index("进度比 R")], float)
    assert sheet.freeze_panes == "B4"


def _parts(data: bytes) -> tuple[zipfile.ZipFile, dict[str, str]]:
    """The package and sheet name -> its part."""
    package = zipfile.ZipFile(io.BytesIO(data))
    book = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    sheets = {}
    for sheet in book.findall("m:sheets/m:sheet", NS):
        target = str(targets[sheet.get(f"{{{NS['r']}}}id")])
        sheets[str(sheet.get("name"))] = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        )
    return package, sheets


def _related(package: zipfile.ZipFile, part: str, kind: str) -> list[str]:
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in package.namelist():
        return []
    rels = ElementTree.fromstring(package.read(rels_name))
    out = []
    for rel in rels.findall("rel:Relationship", NS):
        if str(rel.get("Type")).endswith("/" + kind):
            target = str(rel.get("Target"))
            if target.startswith("/"):
                out.append(target.lstrip("/"))
            else:
                out.append(posixpath.normpath(posixpath.join(folder, target)))
    return out


def _line_charts(data: bytes, sheet: str) -> int:
    package, sheets = _parts(data)
    count = 0
    for drawing in _related(package, sheets[sheet], "drawing"):
        for chart in _related(package, drawing, "chart"):
            xml = ElementTree.fromstring(package.read(chart))
            count += len(xml.findall(".//c:lineChart", NS))
    return count


def test_place_sheets_have_a_line_chart_per_indicator_with_values(
    examples_book: tuple[int, bytes],
) -> None:
    _, data = examples_book
    assert _line_charts(data, "独山子区") == 9
    # karamay: ten indicators
    assert _line_charts(data, "克拉玛依市") == 10
    assert _line_charts(data, "总览") == 0


def test_alerts_and_sources(examples_book: tuple[int, bytes]) -> None:
    _, data = examples_book
    book = _book(data)
    run = run_check(PLACES)
    overview = build_overview(run, "zh")
    alerts = book["预警"]
    rows = [r for r in alerts.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(rows) == len(overview.alerts)
    assert [(r[0], r[2]) for r in rows] == [(a.place, a.indicator) for a in overview.alerts]
    sources = book["出处"]
    head = [c.value for c in sources[1]]
    entries = [r for r in sources.iter_rows(min_row=2, values_only=True)]
    rules = {(rs.id, rule.id): rule for rs in run.rulesets for rule in rs.rules}
    judged = {(r.ruleset.id, r.rule.id) for r in run.all_results()}
    assert len(entries) == len(judged)
    for entry in entries:
        rule = rules[(entry[1], entry[2])]
        assert entry[head.index("文号")] == (rule.source.number or None)
        assert entry[head.index("原文")] == rule.source.quote


HOSTILE_RULES = """planck: 1
id: hostile
title: '=HYPERLINK("http://evil.example","点我")'
title_en: '=HYPERLINK("http://evil.example","click")'
jurisdictions:
  evil:
    name: '=HYPERLINK("http://evil.example","x")'
    name_en: '@evil'
  long1:
    name: 'A:very/long*place?name[with]forbidden\\characters one'
    name_en: long one
  long2:
    name: 'A:very/long*place?name[with]forbidden\\characters two'
    name_en: long two
period: [2021, 2025]
binding: true
source: {document: '@SUM(1+1)', issuer: '+cmd', number: '-1', date: 2021-01-01}
rules:
  - id: r1
    name: '=1+1'
    name_en: '+1+1'
    unit: '%'
    kind: at_least
    target: 2
    target_year: 2025
    baseline: {year: 2020, value: 1}
    source: {locator: '=A1', quote: "-2+3"}
"""


def _hostile(tmp_path: Path) -> Path:
    (tmp_path / "rules.yaml").write_text(HOSTILE_RULES, encoding="utf-8")
    for place in ("evil", "long1", "long2"):
        (tmp_path / "reports").mkdir(exist_ok=True)
        (tmp_path / "reports" / f"{place}.yaml").write_text(
            f"jurisdiction: {place}\nyear: 2023\nindicators:\n  r1:\n    value: 1.5\n"
            f"    note: '=HYPERLINK(\"http://evil.example\",\"n\")'\n",
            encoding="utf-8",
        )
    return tmp_path


def test_hostile_names_stay_values_never_formulas(tmp_path: Path) -> None:
    root = _hostile(tmp_path)
    code, data = _report(
        tmp_path, str(root / "reports"), "--rules", str(root / "rules.yaml"), name="out.xlsx"
    )
    assert code in (0, 1)
    package, sheets = _parts(data)
    for part in sheets.values():
        xml = ElementTree.fromstring(package.read(part))
        assert xml.findall(".//m:f", NS) == []  # no formula anywhere
    book = _book(data)
    texts = [
        c.value for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None
    ]
    assert '=HYPERLINK("http://evil.example","x")' in texts
    assert "=1+1" in texts and "@SUM(1+1)" in texts and "+cmd" in texts and "=A1" in texts
    assert "-2+3" in texts
    for sheet in book:
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")):
                    assert c.data_type == "s"


def test_sheet_names_are_cleaned_cut_and_unique(tmp_path: Path) -> None:
    root = _hostile(tmp_path)
    _, data = _report(
        tmp_path, str(root / "reports"), "--rules", str(root / "rules.yaml"), name="out.xlsx"
    )
    names = _book(data).sheetnames
    assert len(names) == len(set(n.casefold() for n in names)) == 6
    for name in names:
        assert len(name) <= 31
        assert not re.search(r"[\[\]:*?/\\]", name)
    places = names[2:5]
    assert any(n.startswith("=HYPERLINK") for n in places)
    # the two long names share their first 31 characters: the second is told apart
    longs = [n for n in places if n.startswith("A_very_long")]
    assert len(longs) == 2 and longs[0] != longs[1]


def test_characters_xml_forbids_are_dropped() -> None:
    assert clean("a\x07b\x1bc\ttab\nline") == "abc\ttab\nline"


def test_sheet_name_rules() -> None:
    taken: set[str] = set()
    assert sheet_name("总览", taken, "x") == "总览"
    assert sheet_name("总览", taken, "x") == "总览 (2)"
    assert sheet_name("'[]'", taken, "地区") == "__"
    assert sheet_name("''", taken, "地区") == "地区"
    assert sheet_name("History", taken, "x") == "History (2)"
    long = "长" * 40
    first, second = sheet_name(long, taken, "x"), sheet_name(long, taken, "x")
    assert len(first) == len(second) == 31 and first != second


def test_numbers_keep_the_digits_that_tell_them_from_the_target(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "jurisdiction: dushanzi\nyear: 2025\nindicators:\n  rd_intensity: 1.99999\n",
        encoding="utf-8",
    )
    _, data = _report(tmp_path, str(tmp_path / "r.yaml"))
    sheet = _book(data)["独山子区"]
    head = [c.value for c in sheet[3]]
    cell = sheet.cell(row=4, column=head.index("2025") + 1)
    assert cell.value == pytest.approx(1.99999)
    decimals = len(cell.number_format.partition(".")[2])
    assert f"{cell.value:.{decimals}f}" != f"{2:.{decimals}f}"
    assert sheet.cell(row=4, column=head.index("最新状态") + 1).value == _status_text(Status.MISSED)


def test_input_errors_still_give_a_workbook_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("jurisdiction: nowhere\nyear: 2023\n", encoding="utf-8")
    code, data = _report(tmp_path, PLACES[0], str(tmp_path / "bad.yaml"))
    assert code == 2
    book = _book(data)
    assert book.sheetnames[-1] == "输入错误与警告"
    messages = [r[1] for r in book["输入错误与警告"].iter_rows(min_row=2, values_only=True)]
    assert any("bad.yaml" in str(m) for m in messages)


def test_doubtful_values_are_not_shown_as_plain_numbers_and_notes_are_kept(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "dushanzi"
    folder.mkdir()
    for year in (2021, 2022, 2023, 2024):
        text = (EXAMPLES / "dushanzi" / f"{year}.yaml").read_text(encoding="utf-8")
        if year == 2022:  # 亿元 written as 元: ten thousand times too big
            text = re.sub(r"tech_contract_value: .*", "tech_contract_value: 3100", text)
        if year == 2023:
            text = re.sub(
                r"rd_intensity: .*",
                "rd_intensity: {value: 1.62, verified: '=已与统计局核对', note: '@含企业'}",
                text,
            )
        (folder / f"{year}.yaml").write_text(text, encoding="utf-8")
    _, data = _report(tmp_path, str(folder))
    sheet = _book(data)["独山子区"]
    head = [c.value for c in sheet[3]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}
    contract = rows["技术交易合同金额"]
    assert contract[head.index("2022")] == _status_text(Status.SUSPECT)
    assert "2022" in contract[head.index("备注")]
    rd = rows["全社会研究与试验发展经费支出占地区生产总值比重"]
    assert rd[head.index("2023")] == pytest.approx(1.62)
    notes = rd[head.index("备注")]
    assert "核实说明：=已与统计局核对" in notes and "@含企业" in notes


def test_overview_places_link_to_their_sheets(tmp_path: Path) -> None:
    root = _hostile(tmp_path)
    _, data = _report(
        tmp_path, str(root / "reports"), "--rules", str(root / "rules.yaml"), name="out.xlsx"
    )
    book = _book(data)
    sheet = book[book.sheetnames[0]]
    head = _header_row(sheet, "地区")
    linked = 0
    for row in sheet.iter_rows(min_row=head + 1):
        if row[0].value is None:
            break
        location = row[0].hyperlink.location
        match = re.fullmatch(r"'(.*)'!A1", location)
        assert match is not None
        target = book[match.group(1).replace("''", "'")]
        assert str(target["A1"].value).startswith(str(row[0].value))
        linked += 1
    assert linked == 3
