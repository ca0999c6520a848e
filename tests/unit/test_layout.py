"""Layout of the terminal outputs at 80 and 120 columns, the mark of a report year in which
nothing could be assessed, and the notes shown with a value (核实说明, a suspect value's likely
reading). Goldens: tests/golden/layout/ (PLANCK_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from planck.engine.check import exit_code, run_check
from planck.i18n import Msg
from planck.model import Result, Status
from planck.render import RenderContext, report, text
from planck.render.document import build
from planck.render.html import HtmlReport
from planck.render.layout import wrap
from planck.render.markdown import MarkdownReport, MarkdownReporter
from planck.rulesets.loader import load_builtin
from planck.tui import labels, table, view
from tests.acceptance.test_formats_golden import assert_golden
from tests.conftest import ROOT


def _ctx(example: str, lang: str = "zh") -> RenderContext:
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        run = run_check([f"examples/{example}"])
    finally:
        os.chdir(old)
    return RenderContext(run=run, exit_code=int(exit_code(run)), lang=lang)  # type: ignore[arg-type]


def check_text(ctx: RenderContext, width: int) -> str:
    buffer = io.StringIO()
    console = text.plain_console(buffer, width)
    for item in text.renderables(ctx, width):
        console.print(item)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def report_text(ctx: RenderContext, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, highlight=False, markup=False, emoji=False
    )
    for item in report.renderables(build(ctx)):
        console.print(item)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


CASES = [("dushanzi", "zh"), ("karamay", "zh"), ("failing", "en")]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("example", "lang"), CASES)
def test_check_and_report_text_match_golden(example: str, lang: str, width: int) -> None:
    ctx = _ctx(example, lang)
    assert_golden(f"layout/check-{example}.{lang}.{width}.txt", check_text(ctx, width))
    assert_golden(f"layout/report-{example}.{lang}.{width}.txt", report_text(ctx, width))


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("example", "lang"), CASES)
def test_lines_fit_and_ids_and_names_stay_whole(example: str, lang: str, width: int) -> None:
    ctx = _ctx(example, lang)
    for output in (check_text(ctx, width), report_text(ctx, width)):
        lines = output.splitlines()
        assert all(cell_len(line) <= width for line in lines)
        # Every rule id appears whole on a line, never cut in the middle of a word.
        for result in ctx.run.all_results():
            assert any(result.rule.id in line for line in lines), result.rule.id
    # An indicator's name is wrapped at character boundaries, never squeezed into a narrow
    # column: its first line holds at least a dozen of its characters (or all of it).
    for result in ctx.run.all_results():
        name = result.rule.display_name(lang)
        start = name[: min(len(name), 12 if lang == "zh" else 24)]
        assert start in check_text(ctx, width), name


def test_piped_output_is_laid_out_for_80_columns() -> None:
    """Not a terminal and no COLUMNS: 80 columns."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    out = subprocess.run(
        [sys.executable, "-m", "planck", "check", "examples/karamay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    ).stdout
    assert "tech_contract_turnover" in out
    assert max(cell_len(line.rstrip()) for line in out.splitlines()) <= 80


def test_wrap_breaks_ids_after_underscores() -> None:
    assert wrap("industrial_firms_with_rd_share", 20) == ["industrial_firms_", "with_rd_share"]
    assert wrap("规模以上工业企业中有研发活动企业占比", 10) == [
        "规模以上工",
        "业企业中有",
        "研发活动企",
        "业占比",
    ]


# --- a year in which nothing could be assessed ----------------------------------------------


def test_year_with_nothing_assessed_is_not_passed_in_any_output() -> None:
    ctx = _ctx("karamay")
    first = ctx.run.results[0]
    assert ctx.run.reports[0].year == 2021
    assert {r.status for r in first} <= {Status.UNASSESSED, Status.REVIEW}
    block = check_text(ctx, 80).split("克拉玛依市 2022 年")[0]
    assert "? 无法评估（本年度没有一项指标可评估）" in block
    doc = build(ctx)
    assert doc.sections[0].not_assessed.startswith("? 无法评估")
    assert all(not s.not_assessed for s in doc.sections[1:])  # the other years were assessed
    assert (
        "? 无法评估（本年度没有一项指标可评估）"
        in report_text(ctx, 80).split("克拉玛依市 2022 年")[0]
    )
    assert '<p class="verdict info">? 无法评估' in HtmlReport().render(ctx)
    assert "2021.yaml — ? 无法评估" in MarkdownReporter().render(ctx)
    review = view.Review.build(ctx.run)
    assert labels.tree_report_label(review, 0).plain == "? 2021"
    assert labels.tree_report_label(review, 1).plain.startswith("! ")
    head = labels.report_head(review, 0, "zh").plain
    assert "? 无法评估" in head and "通过" not in head
    assert "Not assessable" in labels.report_head(review, 0, "en").plain


def test_run_with_nothing_assessed_has_its_own_verdict(tmp_path: Path) -> None:
    ctx = _ctx("karamay")
    only = dataclasses.replace(
        ctx,
        run=dataclasses.replace(
            ctx.run, reports=ctx.run.reports[:1], results={0: ctx.run.results[0]}
        ),
    )
    verdict = check_text(only, 80).splitlines()[-1]
    assert verdict.startswith("? 无法评估") and "通过" not in verdict
    review = view.Review.build(only.run)
    assert "? 无法评估" in labels.topbar_text(review, "zh").plain


# --- TUI names that stay apart --------------------------------------------------------------


@pytest.mark.parametrize("width", [6, 8, 10, 14, 20, 30])
def test_short_names_fit_and_stay_distinct(width: int) -> None:
    for ruleset in load_builtin():
        for lang in ("zh", "en"):
            names = [rule.display_name(lang) for rule in ruleset.rules]  # type: ignore[arg-type]
            short = table.short_names(names, width)
            assert all(cell_len(s) <= width for s in short)
            assert len(set(short)) == len(set(names)), (short, width)
            for name, cut in zip(names, short, strict=True):
                assert cut == name or "…" in cut


# --- notes with a value ---------------------------------------------------------------------


def _with_notes(ctx: RenderContext, **changes: object) -> RenderContext:
    """The run with its first result changed (the engine sets these fields; here by hand)."""
    results = dict(ctx.run.results)
    first = results[0][0]
    results[0] = [dataclasses.replace(first, **changes), *results[0][1:]]  # type: ignore[arg-type]
    return dataclasses.replace(ctx, run=dataclasses.replace(ctx.run, results=results))


def _outputs(ctx: RenderContext) -> dict[str, str]:
    return {
        "check": check_text(ctx, 80),
        "report": report_text(ctx, 80),
        "check-md": MarkdownReporter().render(ctx),
        "report-md": MarkdownReport().render(ctx),
        "html": HtmlReport().render(ctx),
    }


def test_verified_note_is_shown_in_every_output() -> None:
    base = _ctx("failing")
    first: Result = base.run.results[0][0]
    assert first.status is not Status.MET  # the report shows a finding for it
    ctx = _with_notes(base, verified="统计局已复核<b>[bold]确认[/bold]\x1b[31m")
    for name, out in _outputs(ctx).items():
        assert "核实说明" in out, name
        assert "统计局已复核" in out, name
        assert "\x1b" not in out, name
        if name == "html":
            assert "<b>[bold]" not in out and "&lt;b&gt;[bold]" in out
        elif name in ("check", "report"):
            assert "统计局已复核<b>[bold]确认[/bold]" in out  # shown literally, not as markup
    english = _outputs(_with_notes(dataclasses.replace(base, lang="en"), verified="confirmed"))
    assert all("Verified" in out for out in english.values())


def test_suggestion_is_shown_once() -> None:
    base = _ctx("failing")
    first: Result = base.run.results[0][0]
    hint = Msg("是否应为 18.6%？", "did you mean 18.6%?")
    # The status stays as it is: planck.render.explain only learns to explain `suspect` on the
    # engine's branch. What is tested here is where the suggestion is shown.
    ctx = _with_notes(base, suggestion=hint)
    for name, out in _outputs(ctx).items():
        assert out.count("是否应为 18.6%？") == 1, name
    # Already in the message (as the engine writes it): not repeated.
    message = Msg(first.message.zh + " 是否应为 18.6%？", first.message.en + " did you mean 18.6%?")
    ctx = _with_notes(base, suggestion=hint, message=message)
    for name, out in _outputs(ctx).items():
        if name in ("check", "check-md"):  # the outputs that show the message
            assert out.count("是否应为 18.6%？") == 1, name
