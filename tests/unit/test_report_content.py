"""What `planck report` says: explanation paragraphs, progress bars, sources, page and image
details. The layout itself is pinned by the golden files."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from planck.engine.check import exit_code, run_check
from planck.model import Result, Status
from planck.render import RenderContext
from planck.render.common import attainment, attainment_text, bar_text
from planck.render.document import build
from planck.render.explain import explain
from planck.render.html import HtmlReport
from planck.render.report import CHAR_WIDTH, SvgReport, fix_wide_text, wrap_cjk
from tests.conftest import ROOT


def _ctx(example: str, lang: str = "zh") -> RenderContext:
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        run = run_check([f"examples/{example}"])
    finally:
        os.chdir(old)
    return RenderContext(run=run, exit_code=int(exit_code(run)), lang=lang)  # type: ignore[arg-type]


def _result(ctx: RenderContext, year: int, rule: str) -> Result:
    (found,) = [r for r in ctx.run.all_results() if r.report.year == year and r.rule.id == rule]
    return found


@pytest.fixture(scope="module")
def failing() -> RenderContext:
    return _ctx("failing")


@pytest.fixture(scope="module")
def dushanzi() -> RenderContext:
    return _ctx("dushanzi")


def test_every_result_but_met_has_a_paragraph(dushanzi: RenderContext) -> None:
    for result in dushanzi.run.all_results():
        paragraph = explain(result)
        assert (paragraph is None) == (result.status is Status.MET), result.rule.id


def test_needs_acceleration_paragraph_gives_the_numbers(dushanzi: RenderContext) -> None:
    result = _result(dushanzi, 2023, "rd_intensity")
    assert result.status is Status.NEEDS_ACCELERATION
    paragraph = explain(result)
    assert paragraph is not None
    zh, en = paragraph.render("zh"), paragraph.render("en")
    # R = CAGR(1.28 -> 1.62 over 3 years) / CAGR(1.28 -> 2 over 5 years)
    for text in (zh, en):
        assert "R = 0.874" in text
        assert "+8.2%" in text and "+9.3%" in text  # actual and required yearly growth
        assert "1.9%" in text  # projected 2025 value, 1.62 * 1.082^2
        assert "11.1%" in text  # growth still needed: (2 / 1.62)^(1/2) - 1
        assert "60%" in text and "47%" in text  # time elapsed, gap closed
    assert "距目标还差 0.1 个百分点" in zh
    assert "0.1 percentage points short of the target" in en


def test_missed_non_decreasing_paragraph(failing: RenderContext) -> None:
    result = _result(failing, 2024, "fiscal_st_spending")
    paragraph = explain(result)
    assert paragraph is not None
    assert "比 2023 年的 2310万元 减少 130万元（-5.6%）" in paragraph.render("zh")
    assert "记为错误" in paragraph.render("zh")
    assert "down 130 万元 (-5.6%) from 2310 万元 in 2023" in paragraph.render("en")


def test_missing_and_invalid_paragraphs_say_where(failing: RenderContext) -> None:
    missing = explain(_result(failing, 2024, "tech_contract_value"))
    invalid = explain(_result(failing, 2024, "rd_personnel_per_10k"))
    assert missing is not None and invalid is not None
    assert "examples/failing/dushanzi-2024.yaml:26:24" in missing.render("en")
    assert "'十二' is not a number" in invalid.render("en")
    assert "examples/failing/dushanzi-2024.yaml:25:25" in invalid.render("zh")


def test_unassessed_paragraph_says_what_would_allow_assessment(failing: RenderContext) -> None:
    paragraph = explain(_result(failing, 2023, "industrial_rd_to_revenue"))
    assert paragraph is not None
    assert "previous" in paragraph.render("zh")
    assert "a rise of 2.6% a year" in paragraph.render("en")  # (1 / 0.95)^(1/2) - 1


def test_review_paragraph_quotes_the_plan() -> None:
    ctx = _ctx("karamay")
    paragraph = explain(_result(ctx, 2024, "regional_key_labs"))
    assert paragraph is not None
    assert "“力争建设1个国家级重点实验室、若干个自治区级重点实验室”" in paragraph.render("zh")


@pytest.mark.parametrize(
    ("share", "bar"),
    [
        (None, ""),
        (0.0, "░░░░░░░░░░"),
        (0.5, "█████░░░░░"),
        (0.79, "███████▉░░"),
        (0.999, "█████████▉"),  # not yet the target: never a full bar
        (1.0, "██████████"),
        (1.7, "██████████"),
    ],
)
def test_bar_text(share: float | None, bar: str) -> None:
    assert bar_text(share) == bar
    if bar:
        assert cell_len(bar) == 10


def test_attainment(failing: RenderContext) -> None:
    assert attainment(_result(failing, 2024, "rd_intensity")) == pytest.approx(1.66 / 2)
    assert attainment(_result(failing, 2024, "fiscal_st_spending")) == pytest.approx(2180 / 2310)
    assert attainment(_result(failing, 2024, "tech_contract_value")) is None  # missing
    assert attainment_text(0.996) == "99%"


def test_appendix_numbers_every_rule_and_quotes_its_source(failing: RenderContext) -> None:
    doc = build(failing)
    (part,) = doc.appendix
    assert [e.number for e in part.entries] == list(range(1, 10))
    first = part.entries[0]
    assert first.rule_id == "rd_intensity"
    assert first.quote == "全社会研究与试验发展经费支出占地区生产总值比重（%） 2"
    assert first.baseline is not None and "1.28%" in first.baseline[1]
    rows = {row.rule_id: row.source_no for s in doc.sections for row in s.rows}
    assert rows["rd_intensity"] == 1 and rows["invention_patents_per_10k"] == 9
    (plan,) = doc.plans
    assert (plan.number, plan.report_years, plan.period) == (
        "克独政发〔2022〕19号",
        "2023–2024",
        "2021–2025",
    )


@pytest.mark.parametrize(
    "text",
    [
        "2023 年为 1.58%，2025 年目标为不低于 2%（约束性）。以 2020 年（规划基期）的 1.28% 为起点，"
        "年均增速 +7.3%，按期达标需 +9.3%，进度比 R = 0.778（0.60 ≤ R < 0.95，需加快）。",
        "From 1.28% in 2020 (the plan's baseline) it changed +7.3% a year, where +9.3% a year was"
        " needed: progress ratio R = 0.778.",
        "财政科技支出" * 30,
    ],
)
@pytest.mark.parametrize("width", [10, 37, 80])
def test_wrap_cjk(text: str, width: int) -> None:
    lines = wrap_cjk(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)  # nothing lost
    assert not any(line[0] in "，。）%" for line in lines)  # no closing mark starts a line
    if width == 80 and "R = 0.778" in text:
        assert len(lines) == 3 if text.startswith("2023") else len(lines) == 2
        assert all("1.28%" in line or "1.28" not in line for line in lines)  # numbers whole


def test_svg_text_runs_are_as_wide_as_their_cells(failing: RenderContext) -> None:
    svg = SvgReport().render(failing)
    runs = re.findall(r'textLength="([0-9.]+)"[^>]*>([^<]*)</text>', svg)
    assert runs
    import html

    for length, content in runs:
        assert float(length) == pytest.approx(CHAR_WIDTH * cell_len(html.unescape(content)))
    assert "https://" not in svg  # standalone: no web font
    raw = '<text class="x" x="0" y="0" textLength="24" clip-path="c">独山子区</text>'
    assert 'textLength="80"' in fix_wide_text(raw)


def test_html_page_is_standalone_and_declares_its_language(failing: RenderContext) -> None:
    page = HtmlReport().render(failing)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert '"Noto Sans CJK SC"' in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"""(src|href)=["']https?:""", page)
    english = HtmlReport().render(_ctx("failing", "en"))
    assert english.startswith('<!DOCTYPE html>\n<html lang="en">')
