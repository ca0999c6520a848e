"""The overview of many places and the indicators-by-year tables as the terminal, text, SVG and
Markdown reports lay them out (planck.render.report, planck.render.markdown)."""

from __future__ import annotations

import io
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from planck.engine.check import exit_code, run_check
from planck.i18n import word
from planck.render import RenderContext
from planck.render.document import build
from planck.render.markdown import MarkdownReport
from planck.render.report import SvgReport, TextReport, overview_grid, years_grid
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


def _ctx(paths: list[str], lang: str = "zh", rules: list[str] | None = None) -> RenderContext:
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        run = run_check(paths, rules)
    finally:
        os.chdir(old)
    return RenderContext(run=run, exit_code=int(exit_code(run)), lang=lang)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def two_places() -> RenderContext:
    # examples/ holds two places (and examples/failing, whose reports repeat Dushanzi's years:
    # input errors, which must not keep the overview away)
    return _ctx(["examples"])


def _lines(renderable: object, width: int) -> list[str]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, markup=False)
    console.print(renderable)
    return buffer.getvalue().splitlines()


def _first_section(text: str, ctx: RenderContext) -> int:
    first = ctx.run.reports[0]
    index = text.find(first.file)
    assert index > 0
    return index


def test_overview_comes_before_the_first_section(two_places: RenderContext) -> None:
    title = word("overview.title", "zh")
    for text in (TextReport().render(two_places), MarkdownReport().render(two_places)):
        assert 0 < text.index(title) < _first_section(text, two_places)
        assert 0 < text.index(word("overview.alerts", "zh")) < _first_section(text, two_places)
        years = word("overview.years_place", "zh", place="克拉玛依市")
        assert 0 < text.index(years) < _first_section(text, two_places)


def test_one_place_has_no_overview_but_its_years_table() -> None:
    ctx = _ctx(["examples/dushanzi"])
    for text in (TextReport().render(ctx), MarkdownReport().render(ctx)):
        assert word("overview.title", "zh") not in text
        years = word("overview.years_place", "zh", place="独山子区")
        assert 0 < text.index(years) < _first_section(text, ctx)


def _with_missing(tmp_path: Path, place: str, rule: str) -> Path:
    """examples/dushanzi and examples/karamay, with ``rule`` of ``place``'s 2024 report null:
    a missing value is an error, worse than any warning of the other place."""
    for name in ("dushanzi", "karamay"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    latest = tmp_path / place / "2024.yaml"
    text = latest.read_text("utf-8")
    changed = re.sub(rf"(?m)^  {rule}:.*$", f"  {rule}: null", text)
    assert changed != text
    latest.write_text(changed, "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("place", "rule", "first"),
    [("dushanzi", "rd_intensity", "独山子区"), ("karamay", "tech_smes", "克拉玛依市")],
)
def test_the_worst_place_comes_first(tmp_path: Path, place: str, rule: str, first: str) -> None:
    ctx = _ctx([str(_with_missing(tmp_path, place, rule))])
    overview = build(ctx).overview
    assert overview is not None
    lines = _lines(overview_grid(overview, "zh"), 80)
    rows = [line for line in lines if line.startswith(("独山子区", "克拉玛依市"))]
    assert len(rows) == 2 and rows[0].startswith(first), lines
    markdown = MarkdownReport().render(ctx).splitlines()
    table = [line for line in markdown if line.startswith(("| 独山子区 |", "| 克拉玛依市 |"))]
    assert table[0].startswith(f"| {first} |")


def _column_ends(line: str) -> dict[int, str]:
    """Cell position (exclusive end) -> the character that ends there, for non-blank ones."""
    out = {}
    position = 0
    for char in line:
        position += cell_len(char)
        if not char.isspace():
            out[position] = char
    return out


def _heading_ends(heading: str, labels: list[str]) -> list[int]:
    """Where each label of a heading line ends, in cells, searched left to right."""
    ends = []
    start = 0
    for text in labels:
        found = heading.index(text, start)
        ends.append(cell_len(heading[: found + len(text)]))
        start = found + len(text)
    return ends


MARKS = set("✓✗!↓?·")


def _assert_marks_line_up(lines: list[str], places: int, columns: int, width: int) -> None:
    """Every line fits ``width``; under the heading, a line is either a place's row, with a
    mark ending exactly where each column's number ends, or the rest of a long name, with
    none; there are ``places`` rows."""
    assert all(cell_len(line) <= width for line in lines), lines
    rule = next(k for k, line in enumerate(lines) if line.startswith("─"))
    heading = lines[rule - 1]
    numbers = _heading_ends(heading, [str(k) for k in range(1, columns + 1)])
    rows = 0
    for line in lines[rule + 1 :]:
        ends = _column_ends(line)
        found = [ends.get(end) in MARKS for end in numbers]
        assert all(found) or not any(found), (line, heading)
        rows += all(found)
    assert rows == places, lines


def test_overview_lines_up_at_80_columns(two_places: RenderContext) -> None:
    overview = build(two_places).overview
    assert overview is not None
    lines = _lines(overview_grid(overview, "zh"), 80)
    _assert_marks_line_up(lines, 2, len(overview.columns), 80)


RULES = """\
planck: 1
id: twenty
title: 二十项指标的测试规划
title_en: A test plan of twenty indicators
jurisdictions:
{places}
period: [2021, 2025]
binding: true
source:
  document: 二十项指标的测试规划
  issuer: 测试县人民政府
  number: 测政发〔2022〕1号
  date: 2022-06-01
  quote: 测试
rules:
{rules}
"""


def test_twenty_indicators_and_long_names_fit_80_columns(tmp_path: Path) -> None:
    names = {f"p{k}": f"新疆维吾尔自治区测试{k}县" for k in range(3)}
    places = "\n".join(f"  {pid}:\n    name: {name}\n    name_en: County {pid}" for pid, name in names.items())
    rules = "\n".join(
        f"  - id: r{k}\n    name: 第{k}项指标\n    name_en: Indicator {k}\n    unit: '%'\n    kind: at_least\n"
        f"    target: 50\n    target_year: 2025\n    source: {{locator: 第{k}行}}"
        for k in range(20)
    )
    (tmp_path / "rules.yaml").write_text(RULES.format(places=places, rules=rules), "utf-8")
    for index, pid in enumerate(names):
        values = "\n".join(f"  r{k}: {10 + index * 20 + k}" for k in range(20))
        (tmp_path / f"{pid}.yaml").write_text(
            f"jurisdiction: {pid}\nyear: 2023\nindicators:\n{values}\n", "utf-8"
        )
    reports = [str(tmp_path / f"{pid}.yaml") for pid in names]
    ctx = _ctx(reports, rules=[str(tmp_path / "rules.yaml")])
    assert not ctx.run.errors
    overview = build(ctx).overview
    assert overview is not None and len(overview.columns) == 20
    lines = _lines(overview_grid(overview, "zh"), 80)
    # one line a place, every mark under its column's number
    _assert_marks_line_up(lines, 3, 20, 80)
    text = TextReport().render(ctx)
    for k in range(20):
        assert re.search(rf"(?m)^\s*{k + 1} 第{k}项指标$", text)


def test_years_table_has_every_year(two_places: RenderContext) -> None:
    doc = build(two_places)
    assert [t.name for t in doc.years] == ["独山子区", "克拉玛依市"]
    for table in doc.years:
        years = sorted(
            {r.year for r in two_places.run.reports if r.jurisdiction == table.jurisdiction}
        )
        assert list(table.years) == years
        for width in (80, 120):
            lines = _lines(years_grid(table, "zh"), width)
            assert all(cell_len(line) <= width for line in lines)
            heading = " ".join(lines[: lines.index(next(x for x in lines if x.startswith("─")))])
            for year in years:
                assert str(year) in heading
        markdown = MarkdownReport().render(two_places)
        block = markdown.split(word("overview.years_place", "zh", place=table.name))[1]
        head = next(line for line in block.splitlines() if line.startswith("|"))
        assert head.endswith(" | ".join(str(y) for y in years) + " |")


def test_svg_opens_at_its_size() -> None:
    svg = SvgReport().render(_ctx(["examples/failing"]))
    root = ET.fromstring(svg)
    x, y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert (x, y) == (0, 0)
    assert float(root.attrib["width"]) == width and float(root.attrib["height"]) == height
    assert width > 500 and height > 500
    assert width.is_integer() and height.is_integer()  # whole pixels, as a viewer expects


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_tables_have_the_same_cells_in_every_row(lang: str) -> None:
    text = MarkdownReport().render(_ctx(["examples"], lang))
    tables: list[list[str]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    assert len(tables) >= 4  # overview, 预警, two years tables, then the reports
    for table in tables:
        widths = {len(_CELL_SPLIT.split(row)) for row in table}
        assert len(widths) == 1, table


def test_english_markdown_shows_no_backticks_as_text() -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    text = MarkdownReport().render(_ctx(["examples"], "en"))
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    visible = re.sub(r"<code>[^<]*</code>|<[^>]+>", "", html)
    assert "`" not in visible
