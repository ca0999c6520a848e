"""The review screen's parts that need no app: the chart's rows, the words, the editor command,
the file watch, the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from planck.engine.check import run_check
from planck.model import Result
from planck.render.series import Tag, chart_rows
from planck.tui.detail import calculation_lines
from planck.tui.editor import editor_command
from planck.tui.export import format_for
from planck.tui.labels import report_head
from planck.tui.view import Review, visible
from planck.tui.watch import snapshot
from tests.conftest import EXAMPLES, ROOT, run_subprocess


def result_for(folder: str, year: int, rule: str) -> Result:
    run = run_check([str(EXAMPLES / folder)])
    for index, report in enumerate(run.reports):
        if report.year == year:
            for result in run.results[index]:
                if result.rule.id == rule:
                    return result
    raise LookupError(rule)


def test_chart_path_runs_from_the_base_to_the_target() -> None:
    result = result_for("dushanzi", 2023, "rd_intensity")
    rows = {row.year: row for row in chart_rows(result)}
    assert sorted(rows) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert rows[2020].actual == 1.28 and Tag.BASE in rows[2020].tags
    assert rows[2020].path == pytest.approx(1.28)
    assert rows[2025].path == pytest.approx(2.0)  # the needed path ends at the target
    assert rows[2023].actual == 1.62 and Tag.THIS in rows[2023].tags
    # the path grows at the engine's required rate in between
    assert result.progress is not None and result.progress.cagr_required is not None
    assert rows[2023].path == pytest.approx(1.28 * (1 + result.progress.cagr_required) ** 3)
    # 2025 is not reported: the current growth rate projects it
    assert rows[2025].actual is None
    assert rows[2025].projected == pytest.approx(result.progress.projection)


def test_chart_for_never_decreasing_needs_the_previous_year() -> None:
    result = result_for("dushanzi", 2023, "fiscal_st_spending")
    rows = {row.year: row for row in chart_rows(result)}
    assert rows[2023].path == rows[2022].actual
    assert rows[2021].path == 1934  # the 2020 baseline


def test_calculation_in_words_in_both_languages() -> None:
    result = result_for("dushanzi", 2023, "rd_intensity")
    zh = "\n".join(t.plain for t in calculation_lines(result, "zh"))
    en = "\n".join(t.plain for t in calculation_lines(result, "en"))
    assert "增长率法：R = 实际年均增长率 ÷ 所需年均增长率" in zh
    assert "0.60 ≤ R < 0.95" in zh
    assert "growth-rate method: R = actual yearly growth ÷ yearly growth needed" in en
    assert "Yearly growth still needed: +11.1%" in en


def test_qualitative_and_unassessed_say_why_there_is_no_ratio() -> None:
    review = result_for("karamay", 2023, "regional_key_labs")
    assert "定性指标" in calculation_lines(review, "zh")[0].plain
    first = result_for("dushanzi", 2021, "industrial_rd_to_revenue")
    assert "cannot be computed" in calculation_lines(first, "en")[0].plain


def test_search_and_problem_filter() -> None:
    run = run_check([str(EXAMPLES / "failing")])
    results = run.results[1]
    assert [r.rule.id for r in visible(results, False, "PATENT")] == ["invention_patents_per_10k"]
    assert [r.rule.id for r in visible(results, False, "专利")] == ["invention_patents_per_10k"]
    problems = visible(results, True, "")
    assert problems and all(r.severity.value != "info" for r in problems)


def test_report_head_wraps_the_counts_between_items() -> None:
    from rich.cells import cell_len

    review = Review.build(run_check([str(EXAMPLES / "failing")]))
    wide = report_head(review, 1, "zh", 200).plain.splitlines()
    assert wide[-1].startswith("✗ 未通过") and wide[-1].endswith("数值无效 1")
    narrow = report_head(review, 1, "zh", 40).plain.splitlines()
    counts = ["进展顺利 2", "需加快 2", "进展有限 2", "未达标 1", "缺报 1", "数值无效 1"]
    tail = "\n".join(narrow[narrow.index(next(x for x in narrow if x.startswith("✗"))) :])
    for item in counts:
        assert any(item in line for line in tail.splitlines()), item
    assert all(cell_len(line) <= 40 for line in tail.splitlines())


def test_editor_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    here = str(tmp_path)
    assert editor_command("a b.yaml", 7, {"EDITOR": "vim"}) == [
        "vim",
        "+7",
        "--",
        f"{here}/a b.yaml",
    ]
    assert editor_command("r.yaml", 3, {"EDITOR": "code --wait"}) == [
        "code",
        "--wait",
        "-g",
        f"{here}/r.yaml:3",
    ]
    assert editor_command("r.yaml", None, {"VISUAL": "nano"}) == ["nano", f"{here}/r.yaml"]
    assert editor_command("r.yaml", 2, {"EDITOR": "/usr/bin/emacs -nw"}) == [
        "/usr/bin/emacs",
        "-nw",
        "+2",
        f"{here}/r.yaml",
    ]
    with pytest.raises(LookupError):
        editor_command("r.yaml", 1, {})
    with pytest.raises(ValueError):
        editor_command("r.yaml", 1, {"EDITOR": "vim '-u"})


def test_save_format_follows_the_name() -> None:
    assert format_for("review.html") == "html"
    assert format_for("REVIEW.HTM") == "html"
    assert format_for("review.txt") == "text"
    assert format_for("notes.MD") == "markdown"
    assert format_for("out/review.docx") == "docx"
    assert format_for("review.xlsx") == "xlsx"
    assert format_for("review.svg") == "svg"
    # a name planck cannot write: no format (the dialog says which endings it takes)
    assert format_for("review") is None
    assert format_for("review.pdf") is None
    assert format_for("html") is None


def test_snapshot_sees_changes_new_files_and_removals(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    report = folder / "2023.yaml"
    report.write_text("year: 2023\n", encoding="utf-8")
    (folder / ".hidden.yaml").write_text("x\n", encoding="utf-8")
    (folder / "notes.txt").write_text("x\n", encoding="utf-8")
    first = snapshot([str(folder)], [])
    assert set(first) == {str(report)}
    report.write_text("year: 2023  \n", encoding="utf-8")
    assert snapshot([str(folder)], []) != first
    (folder / "sub" / "2024.json").write_text("{}", encoding="utf-8")
    assert str(folder / "sub" / "2024.json") in snapshot([str(folder)], [])
    report.unlink()
    assert str(report) not in snapshot([str(folder)], [])
    missing = snapshot([str(tmp_path / "nope")], [str(tmp_path / "rules.yaml")])
    assert set(missing.values()) == {(-1, -1, -1)}


def test_review_command_is_listed() -> None:
    result = run_subprocess("review", "--help")
    assert result.returncode == 0
    assert "--rules" in result.stdout and "--lang" in result.stdout


def test_check_and_the_cli_never_import_textual() -> None:
    code = (
        "import sys\n"
        "from planck.cli import main\n"
        "main(['check', 'examples/dushanzi', '--format', 'json'])\n"
        "main(['check', 'examples/dushanzi'])\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
