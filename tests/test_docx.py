"""`planck report … --docx`: the Word report, read back with python-docx. These are tests of
its structure (title, headings in order, tables, pictures, page, fonts, page numbers), not of
its bytes, which carry zip times."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from planck.model import Status, status_label
from planck.render.common import STATUS_MARK
from planck.render.docx_parts import safe
from planck.render.pngchart import ChartDrawer, drawable
from tests.conftest import ROOT, run_cli

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def render(*args: str, cwd: Path = ROOT, code: int | None = None) -> Document:
    """Run `planck report ARGS --docx OUT` and open what it wrote."""
    out = Path(args[-1])
    result = run_cli(*args[:-1], "--docx", str(out), cwd=cwd)
    if code is not None:
        assert result.code == code, result.err
    return docx.Document(str(out))


def headings(doc: Document, level: int = 1) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def all_text(doc: Document) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def table_with_header(doc: Document, first: str) -> list[Table]:
    return [t for t in doc.tables if t.rows[0].cells[0].text == first]


def rows_of(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def dushanzi(tmp_path_factory: pytest.TempPathFactory) -> Document:
    out = tmp_path_factory.mktemp("docx") / "dushanzi.docx"
    return render("report", "examples/dushanzi", str(out), code=0)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Document:
    out = tmp_path_factory.mktemp("docx") / "examples.docx"
    # examples/failing holds two duplicate reports: an input error, exit code 2
    return render("report", "examples", str(out), code=2)


def check_json(*paths: str) -> dict[str, Any]:
    result = run_cli("check", *paths, "--format", "json")
    data: dict[str, Any] = json.loads(result.out)
    return data


# --- one place ------------------------------------------------------------------------------


def test_the_title_names_the_plan_and_the_latest_year(dushanzi: Document) -> None:
    first = dushanzi.paragraphs[0]
    assert first.style.name == "Planck Title"
    assert first.text == "独山子区科技创新“十四五”发展规划主要指标2024年度监测报告"
    block = "\n".join(p.text for p in dushanzi.paragraphs[1:4])
    assert "克独政发〔2022〕19号" in block
    assert "克拉玛依市独山子区人民政府" in block
    assert "planck" in block and "核查日期" in block


def test_one_place_has_no_overview_and_its_sections_in_order(dushanzi: Document) -> None:
    assert headings(dushanzi) == [
        "一、核查结论",
        "二、预警",
        "三、主要指标完成情况表",
        "四、主要指标走势图",
        "五、需要关注的指标",
        "附录：来源与原文",
    ]
    assert "各地区指标完成情况概览" not in all_text(dushanzi)


def test_the_verdict_and_the_counts_say_what_check_says(dushanzi: Document) -> None:
    data = check_json("examples/dushanzi")
    (counts,) = table_with_header(dushanzi, "状态")
    shown = {row[0]: int(row[1]) for row in rows_of(counts)[1:]}
    expected = {
        f"{STATUS_MARK[Status(s)]} {status_label(Status(s), 'zh')}": n
        for s, n in data["summary"].items()
        if n
    }
    assert shown == expected
    assert "✓ 通过" in all_text(dushanzi)


def test_the_years_table_has_a_row_per_indicator_and_a_column_per_year(
    dushanzi: Document,
) -> None:
    (table,) = table_with_header(dushanzi, "指标")[-1:]
    rows = rows_of(table)
    assert rows[0] == [
        "指标",
        "单位",
        "基期",
        "目标",
        "2021",
        "2022",
        "2023",
        "2024",
        "完成进度（2024）",
        "状态（2024）",
    ]
    data = check_json("examples/dushanzi")
    latest = next(r for r in data["reports"] if r["year"] == 2024)
    assert len(rows) == 1 + len(latest["results"])
    by_name = {row[0]: row for row in rows[1:]}
    rd = by_name["全社会研究与试验发展经费支出占地区生产总值比重"]
    assert rd[1] == "%" and rd[2] == "2020: 1.28"
    result = next(r for r in latest["results"] if r["rule"] == "rd_intensity")
    status = Status(result["status"])
    assert rd[-1] == f"{STATUS_MARK[status]} {status_label(status, 'zh')}"
    assert rd[7].endswith(" 1.82")  # the 2024 value with its mark, the unit in its column
    assert rd[-2] == "91%"  # 1.82 of a target of 2, cut rather than rounded


def test_a_picture_per_indicator_with_its_caption(dushanzi: Document) -> None:
    data = check_json("examples/dushanzi")
    latest = next(r for r in data["reports"] if r["year"] == 2024)
    assert len(dushanzi.inline_shapes) == len(latest["results"]) == 9
    captions = [p.text for p in dushanzi.paragraphs if p.text.startswith("图：")]
    assert len(captions) == 9
    assert captions[0].startswith("图：全社会研究与试验发展经费支出占地区生产总值比重逐年数值")
    for shape in dushanzi.inline_shapes:
        assert abs(shape.width.cm - 14) < 0.1


def test_the_alerts_of_one_place_are_its_binding_targets_behind(dushanzi: Document) -> None:
    data = check_json("examples/dushanzi")
    latest = next(r for r in data["reports"] if r["year"] == 2024)
    behind = {"needs_acceleration", "limited_progress", "deteriorating", "missed"}
    expected = sorted(r["rule"] for r in latest["results"] if r["status"] in behind)
    (alerts,) = table_with_header(dushanzi, "地区")
    assert len(rows_of(alerts)) == 1 + len(expected)
    assert all(row[0] == "独山子区 2024 年" for row in rows_of(alerts)[1:])


def test_findings_and_sources_are_there(dushanzi: Document) -> None:
    text = all_text(dushanzi)
    assert "进度比 R" in text  # a finding's explanation
    assert "原文：“全社会研究与试验发展经费支出占地区生产总值比重（%） 2”" in text
    assert "[1] 全社会研究与试验发展经费支出占地区生产总值比重" in text


# --- page, fonts, page numbers --------------------------------------------------------------


def test_the_page_is_a4_with_official_margins(dushanzi: Document) -> None:
    for section in dushanzi.sections:
        short, long = sorted((section.page_width, section.page_height))
        assert abs(short - Mm(210)) < Mm(1) and abs(long - Mm(297)) < Mm(1)
        assert abs(section.top_margin - Mm(37)) < Mm(1)
        assert abs(section.bottom_margin - Mm(35)) < Mm(1)
        assert abs(section.left_margin - Mm(28)) < Mm(1)
        assert abs(section.right_margin - Mm(26)) < Mm(1)
    assert dushanzi.sections[0].page_width < dushanzi.sections[0].page_height


def test_the_years_table_is_on_a_landscape_page(dushanzi: Document) -> None:
    turned = [s for s in dushanzi.sections if s.page_width > s.page_height]
    assert turned


def east_asian_font(doc: Document, style: str) -> str:
    fonts = doc.styles[style].element.rPr.rFonts
    return str(fonts.get(qn("w:eastAsia")))


def test_fonts_follow_the_official_conventions(dushanzi: Document) -> None:
    assert east_asian_font(dushanzi, "Planck Title") == "方正小标宋简体"
    assert dushanzi.styles["Planck Title"].font.size == Pt(22)
    assert east_asian_font(dushanzi, "Heading 1") == "黑体"
    assert dushanzi.styles["Heading 1"].font.size == Pt(16)
    assert east_asian_font(dushanzi, "Normal") == "仿宋_GB2312"
    assert dushanzi.styles["Normal"].font.size == Pt(16)
    assert dushanzi.styles["Planck Cell"].font.size == Pt(10.5)
    table = table_with_header(dushanzi, "指标")[-1]
    assert table.rows[1].cells[0].paragraphs[0].style.name == "Planck Cell"


def test_the_font_table_names_fallbacks(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    run_cli("report", "examples/dushanzi", "--docx", str(out))
    fonts = zipfile.ZipFile(out).read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in fonts and "FangSong" in fonts


def test_every_footer_has_a_page_field_between_dashes(dushanzi: Document) -> None:
    section = dushanzi.sections[0]
    assert dushanzi.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        element = footer.part.element
        fields = element.findall(".//" + qn("w:fldSimple"))
        assert [f.get(qn("w:instr")).strip() for f in fields] == ["PAGE"]
        assert footer.paragraphs[0].text.startswith("— ")
        assert footer.paragraphs[0].text.endswith(" —")


# --- several places -------------------------------------------------------------------------


def test_the_overview_comes_first_for_several_places(examples: Document) -> None:
    names = headings(examples)
    assert names[:3] == ["一、核查结论", "二、各地区指标完成情况概览", "三、预警"]
    assert examples.paragraphs[0].text == "规划主要指标2024年度监测报告"
    plans = "\n".join(p.text for p in examples.paragraphs[1:8])
    assert "独山子区科技创新“十四五”发展规划" in plans and "克拉玛依市科技创新" in plans


def test_the_overview_has_a_row_per_place_and_short_marks(examples: Document) -> None:
    parts = table_with_header(examples, "地区")
    overview = [t for t in parts if rows_of(t)[0][1] == "年份"]
    assert len(overview) == 2  # 19 indicators: two tables of at most 16 columns, even
    marks = set(STATUS_MARK.values()) | {"—"}
    seen = 0
    for table in overview:
        rows = rows_of(table)
        assert sorted(row[0] for row in rows[1:]) == sorted(["独山子区", "克拉玛依市"])
        for row in rows[1:]:
            assert set(row[3:]) <= marks
        seen += len(rows[0]) - 3
    assert seen == 19
    legend = [p.text for p in examples.paragraphs if re.match(r"^\d+\. ", p.text)]
    assert len(legend) == 19


def test_input_errors_are_listed(examples: Document) -> None:
    text = all_text(examples)
    assert "输入错误" in text
    assert "examples/failing/dushanzi-2023.yaml:15:7" in text


def test_every_place_has_its_years_table_and_charts(examples: Document) -> None:
    captions = [p.text for p in examples.paragraphs if p.style.name == "Planck Caption"]
    assert any("独山子区主要指标完成情况" in c for c in captions)
    assert any("克拉玛依市主要指标完成情况" in c for c in captions)
    assert len(examples.inline_shapes) == 19


def test_english(tmp_path: Path) -> None:
    out = tmp_path / "en.docx"
    result = run_cli("--lang", "en", "report", "examples/dushanzi", "--docx", str(out))
    assert result.code == 0
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text == (
        "Dushanzi District S&T Innovation Plan for the 14th Five-Year Period: main indicators,"
        " annual monitoring report 2024"
    )
    assert headings(doc)[:3] == ["1. Verdict", "2. Early warning", "3. Main indicators by year"]
    text = all_text(doc)
    assert "Figure: " in text and "on track" in text
    assert not re.search(r"[状态指标完成]", "".join(headings(doc)))


# --- hostile names --------------------------------------------------------------------------

# Rule sets refuse control characters; reports' notes and file names can hold them.
EVIL = "<b>&amp;</b> & < > ]]>"
RAW = "\x01\x07\x1b[31m \ufffe"
LONG = "很长的指标名" * 170  # 1,020 characters


def hostile_rules(places: int) -> dict[str, Any]:
    return {
        "planck": 1,
        "id": "hostile-plan",
        "title": "规划" + EVIL,
        "title_en": "Plan " + EVIL,
        "jurisdictions": {
            f"p{i}": {"name": f"地区{i}{EVIL}", "name_en": f"Place {i} {EVIL}"}
            for i in range(places)
        },
        "period": [2021, 2025],
        "binding": True,
        "source": {
            "document": "文件" + EVIL,
            "issuer": EVIL,
            "number": "〔2022〕1号" + EVIL,
            "date": "2022-01-01",
        },
        "rules": [
            {
                "id": f"r{n}",
                "name": (LONG if n == 0 else f"指标{n}") + EVIL,
                "name_en": f"Indicator {n} {EVIL}",
                "unit": "%",
                "kind": "at_least",
                "target": 50,
                "target_year": 2025,
                "baseline": {"year": 2020, "value": 10},
                "source": {"document": "文件" + EVIL, "locator": EVIL, "quote": EVIL},
            }
            for n in range(3)
        ],
    }


def write_hostile(tmp_path: Path, places: int) -> Path:
    (tmp_path / "rules.yaml").write_text(
        yaml.safe_dump(hostile_rules(places), allow_unicode=False), "utf-8"
    )
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(places):
        for year in (2022, 2023):
            value = 12 + year - 2022 + i  # far behind the path to 50: on the 预警 list
            note = json.dumps(EVIL + RAW)  # a JSON string is a YAML double-quoted string
            (reports / f"p{i}-{year}.yaml").write_text(
                f"jurisdiction: p{i}\nyear: {year}\nindicators:\n"
                f"  r0: {{value: {value}, note: {note}}}\n  r1: {value}\n  r2: {value}\n",
                "utf-8",
            )
    # an input error whose message names a file with an escape in its name
    (reports / "bad\x1b[31m.yaml").write_text("jurisdiction: nowhere\nyear: 2022\n", "utf-8")
    return tmp_path


@pytest.mark.parametrize("places", [1, 2])
def test_hostile_names_make_a_valid_document(tmp_path: Path, places: int) -> None:
    folder = write_hostile(tmp_path, places)
    out = folder / "out.docx"
    result = run_cli("--rules", "rules.yaml", "report", "reports", "--docx", str(out), cwd=folder)
    assert result.code == 2, result.err  # the bad file's input error
    doc = docx.Document(str(out))  # parses every part: a corrupt file would raise
    text = all_text(doc)
    assert not CONTROL.search(text)
    assert "<b>&amp;</b>" in text and "]]>" in text  # shown as text, not taken as markup
    assert LONG in text
    assert "\ufffd[31m" in text  # the file name's ESC, visible but harmless
    for name in zipfile.ZipFile(out).namelist():
        if name.endswith(".xml"):
            body = zipfile.ZipFile(out).read(name).decode("utf-8")
            assert not CONTROL.search(body)
            assert "<b>" not in body


def test_many_places_draw_only_the_alerts(tmp_path: Path) -> None:
    folder = write_hostile(tmp_path, 6)
    out = folder / "out.docx"
    run_cli("--rules", "rules.yaml", "report", "reports", "--docx", str(out), cwd=folder)
    doc = docx.Document(str(out))
    text = all_text(doc)
    assert "本次核查涉及 6 个地区，只为预警中的指标绘图（共 18 项）" in text
    assert len(doc.inline_shapes) == 18  # three binding indicators behind in six places


def test_safe_keeps_text_and_replaces_what_xml_cannot_hold() -> None:
    assert safe("独山子区 <&> 1.5%\t\n") == "独山子区 <&> 1.5%\t\n"
    assert safe("a\x00b\x1bc\ufffed\ud800") == "a\ufffdb\ufffdc\ufffdd\ufffd"


def test_a_chart_is_a_png_of_the_chosen_size() -> None:
    from planck.render.series import ChartRow, Tag

    rows = [
        ChartRow(2020, 1.0, 1.0, None, (Tag.BASE,)),
        ChartRow(2021, 1.2, 1.3, None, (Tag.THIS,)),
        ChartRow(2022, None, 1.6, 1.4, ()),
        ChartRow(2023, None, 2.0, 1.7, (Tag.TARGET,)),
    ]
    assert drawable(rows)
    assert not drawable([ChartRow(2020, None, 1.0, None, ())])
    png = ChartDrawer().png(rows)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    width, _height = Image.open(io.BytesIO(png)).size
    assert abs(width - round(14 / 2.54 * 150)) <= 2


def test_charts_are_capped_and_the_document_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planck.render.docx as docx_report

    monkeypatch.setattr(docx_report, "MAX_CHARTS", 5)
    folder = write_hostile(tmp_path, 6)
    out = folder / "out.docx"
    run_cli("--rules", "rules.yaml", "report", "reports", "--docx", str(out), cwd=folder)
    doc = docx.Document(str(out))
    assert "图太多，只画出前 5 幅（共 18 幅）" in all_text(doc)
    assert len(doc.inline_shapes) == 5
