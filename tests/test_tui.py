"""planck review, driven with Textual's Pilot: what a reviewer sees and does."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Tree

from planck.tui.screens.detail import DetailScreen
from planck.tui.screens.modals import HelpScreen, SaveScreen
from planck.tui.screens.overview import OverviewScreen
from planck.tui.widgets import RuleTable
from tests.conftest import EXAMPLES, ROOT
from tests.tui_support import new_app, run_async, screen_text, settle


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def dushanzi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/dushanzi that tests may change, as the working directory."""
    folder = tmp_path / "reports"
    shutil.copytree(EXAMPLES / "dushanzi", folder)
    monkeypatch.chdir(tmp_path)
    return folder


def table_keys(app: object) -> list[str]:
    table = app.screen.query_one(RuleTable)  # type: ignore[attr-defined]
    return [
        str(table.coordinate_to_cell_key((row, 0)).row_key.value) for row in range(table.row_count)
    ]


def cell_text(app: object, row: int, column: int) -> str:
    table = app.screen.query_one(RuleTable)  # type: ignore[attr-defined]
    return table.get_cell_at((row, column)).plain


@run_async
async def test_opens_the_examples_with_header_tree_and_table(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        # header: jurisdiction, year, rule set title and document number, verdict, counts
        assert "独山子区 2021 年" in text
        assert "独山子区科技创新“十四五”发展规划（克独政发〔2022〕19号）" in text
        assert "✓ 通过：无错误，12 项警告" in text
        assert "已达标 1 · 进展有限 1 · 无法评估 7" in text
        # the tree: one jurisdiction, four years
        tree = app.screen.query_one("#reports", Tree)
        years = [str(leaf.label) for leaf in tree.root.children[0].children]
        assert years == ["! 2021", "! 2022", "! 2023", "! 2024"]
        # the table: every rule of the 2021 report, status by word and symbol
        assert len(table_keys(app)) == 9
        assert table_keys(app)[0] == "dushanzi-14th-fyp/rd_intensity"
        assert cell_text(app, 0, 0) == "! 进展有限"
        assert cell_text(app, 0, 2) == "1.35%"
        assert cell_text(app, 0, 3) == "≥ 2%"
        assert cell_text(app, 0, 4).endswith("0.585")
        assert isinstance(app.focused, DataTable)


@run_async
async def test_one_report_needs_no_tree(at_root: Path) -> None:
    app = new_app("examples/dushanzi/2023.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#reports", Tree).display
        assert "独山子区 2023 年" in screen_text(app)


@run_async
async def test_moving_through_years_and_drilling_down(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(120, 70)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # to the tree
        assert isinstance(app.focused, Tree)
        await pilot.press("down", "down")  # 2021 -> 2023
        assert "独山子区 2023 年" in screen_text(app)
        assert cell_text(app, 0, 0) == "! 需加快"
        await pilot.press("tab")  # back to the table
        await pilot.press("down")
        await pilot.press("up")
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert "全社会研究与试验发展经费支出占地区生产总值比重" in text
        assert "克独政发〔2022〕19号" in text
        assert "“全社会研究与试验发展经费支出占地区生产总值比重（%） 2”" in text
        assert "表1 第1行" in text
        # the series year by year, the needed path and the projection
        for line in (
            "2020",
            "1.28",
            "2021",
            "1.35",
            "2022",
            "1.47",
            "▶ 2023",
            "1.62",
            "2024",
            "1.82",
        ):
            assert line in text
        assert "┃" in text and "~1.9" in text
        # the ratio with its formula in words, the growth still needed, the location
        assert "增长率法：R = 实际年均增长率 ÷ 所需年均增长率" in text
        assert "R = +8.2% ÷ +9.3% = 0.874" in text
        assert "仍需年均增速：+11.1%" in text
        assert "2023.yaml:14:17" in text
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)
        assert table_keys(app)[app.screen.query_one(RuleTable).cursor_row].endswith("/rd_intensity")
        assert "独山子区 2023 年" in screen_text(app)


@run_async
async def test_the_table_keeps_the_rule_when_the_year_changes(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")
        assert app.rule_key == "dushanzi-14th-fyp/industrial_firms_with_rd_share"
        await pilot.press("shift+tab", "down")
        assert "独山子区 2022 年" in screen_text(app)
        table = app.screen.query_one(RuleTable)
        assert (
            table_keys(app)[table.cursor_row] == "dushanzi-14th-fyp/industrial_firms_with_rd_share"
        )


@run_async
async def test_the_tree_scrollbar_follows_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The scrollbar follows the tree when it is filled, folded, unfolded and resized.
    from tests.acceptance.test_parallel import RULES, _report

    places = "\n".join(f"  p{i:02d}: {{name: 区{i:02d}, name_en: Place {i}}}" for i in range(30))
    (tmp_path / "rules.yaml").write_text(RULES.format(places=places), encoding="utf-8")
    (tmp_path / "reports").mkdir()
    for place in range(30):
        for year in (2021, 2022):
            (tmp_path / "reports" / f"p{place:02d}-{year}.yaml").write_text(
                _report(place, year), encoding="utf-8"
            )
    monkeypatch.chdir(tmp_path)
    app = new_app("reports", rules=["rules.yaml"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.screen.query_one("#reports", Tree)
        bar = tree.vertical_scrollbar
        assert tree.virtual_size.height == 30 * 3
        assert (bar.window_virtual_size, bar.window_size) == (90, tree.size.height)
        for place in tree.root.children:
            place.collapse()
        await settle(pilot)
        assert tree.virtual_size.height == bar.window_virtual_size == 30
        tree.root.children[0].expand()
        await settle(pilot)
        assert tree.virtual_size.height == bar.window_virtual_size == 32
        tree.focus()
        await pilot.press("end")
        await settle(pilot)
        assert tree.scroll_y == bar.position == 32 - tree.size.height
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        assert (bar.window_virtual_size, bar.window_size) == (32, tree.size.height)
        assert tree.scroll_y == bar.position == 32 - tree.size.height


@run_async
async def test_filter_to_problems_only(at_root: Path) -> None:
    app = new_app("examples/failing")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "down")  # the 2024 report
        await pilot.press("tab")
        assert len(table_keys(app)) == 9
        await pilot.press("f")
        keys = table_keys(app)
        statuses = [cell_text(app, row, 0) for row in range(len(keys))]
        assert "dushanzi-14th-fyp/tech_contract_value" in keys
        assert "dushanzi-14th-fyp/rd_personnel_per_10k" in keys
        assert "dushanzi-14th-fyp/fiscal_st_spending" in keys
        assert all(not s.startswith("✓") and not s.startswith("?") for s in statuses)
        assert len(keys) < 9
        assert "仅显示问题" in screen_text(app)
        await pilot.press("f")
        assert len(table_keys(app)) == 9


@run_async
async def test_search_by_id_or_name(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"patent")
        assert table_keys(app) == ["dushanzi-14th-fyp/invention_patents_per_10k"]
        search = app.screen.query_one("#search", Input)
        search.value = "财政"  # a Chinese name
        await pilot.pause()
        assert table_keys(app) == ["dushanzi-14th-fyp/fiscal_st_spending"]
        await pilot.press("enter")
        assert isinstance(app.focused, DataTable)
        await pilot.press("escape")
        assert len(table_keys(app)) == 9
        assert not search.display


@run_async
async def test_the_footer_shows_the_keys_that_work_where_the_focus_is(at_root: Path) -> None:
    from textual.widgets import Footer

    app = new_app("examples/dushanzi")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)

        def keys() -> list[str]:
            return [str(key.key) for key in footer.query("FooterKey")]

        first = keys()
        assert first[:3] == ["enter", "f", "slash"] and "q" in first
        await pilot.press("tab", "tab")  # tree and table: the same keys
        await settle(pilot)
        assert keys() == first
        await pilot.press("slash")  # typing a search: the keys that are letters step aside
        await settle(pilot)
        assert isinstance(app.focused, Input)
        assert "f" not in keys() and "q" not in keys()
        await pilot.press("escape")
        await settle(pilot)
        assert keys()[:3] == ["enter", "f", "slash"] and "q" in keys()


@run_async
async def test_search_with_no_match_says_so(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzz")
        assert table_keys(app) == []
        assert "没有符合条件的规则" in screen_text(app)
        await pilot.press("enter", "enter")  # nothing to open: no crash, still the overview
        assert isinstance(app.screen, OverviewScreen)


@run_async
async def test_language_toggle(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "l English" in screen_text(app)
        await pilot.press("l")
        text = screen_text(app)
        assert "Dushanzi District 2021" in text
        assert "! limited progress" in text
        assert "Indicator" in text and "Status" in text
        assert "Gross expenditure on R&D" in text
        assert "l 中文" in text and "q Quit" in text
        await pilot.press("enter")
        assert "How the ratio is worked out" in screen_text(app)
        await pilot.press("l")
        assert "进度计算" in screen_text(app)
        await pilot.press("escape")
        assert "独山子区 2021 年" in screen_text(app)


@run_async
async def test_reload_after_a_file_changes_keeps_the_selection(dushanzi: Path) -> None:
    app = new_app("reports")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "down", "down", "tab", "down", "down")  # 2023, third rule
        key = table_keys(app)[app.screen.query_one(RuleTable).cursor_row]
        assert "1.02%" in screen_text(app)
        report = dushanzi / "2023.yaml"
        report.write_text(
            report.read_text(encoding="utf-8").replace(
                "industrial_rd_to_revenue: 1.02", "industrial_rd_to_revenue: 0.97"
            ),
            encoding="utf-8",
        )
        app.poll_files()
        await settle(pilot)
        assert app.loads == 2
        text = screen_text(app)
        assert "0.97%" in text and "1.02%" not in text
        assert "独山子区 2023 年" in text
        assert table_keys(app)[app.screen.query_one(RuleTable).cursor_row] == key


@run_async
async def test_no_reload_when_nothing_changed(dushanzi: Path) -> None:
    app = new_app("reports")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.poll_files()
        await settle(pilot)
        assert app.loads == 1


@run_async
async def test_reload_refreshes_an_open_drill_down(dushanzi: Path) -> None:
    app = new_app("reports")
    async with app.run_test(size=(120, 70)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "down", "down", "tab", "enter")  # 2023, rd_intensity
        assert "1.62%" in screen_text(app)
        report = dushanzi / "2023.yaml"
        text = report.read_text(encoding="utf-8").replace('"1.62%"', "1.7")
        report.write_text(text, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert "1.7%" in screen_text(app)


@run_async
async def test_a_file_that_turns_invalid_shows_its_error(dushanzi: Path) -> None:
    app = new_app("reports")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "down", "down")  # 2023
        report = dushanzi / "2023.yaml"
        report.write_text(
            report.read_text(encoding="utf-8") + "  rd_intensity: 1.7\n", encoding="utf-8"
        )
        app.poll_files()
        await settle(pilot)
        assert app.is_running
        assert app.selected is not None and app.selected[0] == "error"
        text = screen_text(app)
        assert "输入错误 (1)" in text
        assert "reports/2023.yaml" in text
        assert "rd_intensity" in text  # the duplicate key is named
        # fixed again: the report comes back, selected
        report.write_text(
            report.read_text(encoding="utf-8").replace("  rd_intensity: 1.7\n", ""),
            encoding="utf-8",
        )
        app.poll_files()
        await settle(pilot)
        assert app.selected == ("report", ("dushanzi", 2023))
        assert "输入错误" not in screen_text(app)


@run_async
async def test_bad_inputs_at_start_are_listed_beside_the_good_ones(
    dushanzi: Path, tmp_path: Path
) -> None:
    (dushanzi / "dup.yaml").write_text(
        "jurisdiction: dushanzi\nyear: 2025\nyear: 2025\nindicators: {}\n", encoding="utf-8"
    )
    (dushanzi / "gbk.yaml").write_bytes(b"\xff\xfe\x00\xd8 not text \x81")
    (dushanzi / "nowhere.yaml").write_text(
        "jurisdiction: atlantis\nyear: 2023\nindicators: {}\n", encoding="utf-8"
    )
    app = new_app("reports", "missing-folder")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.screen.query_one("#reports", Tree)
        errors = tree.root.children[-1]
        assert str(errors.label) == "输入错误 (4)"
        labels = [str(leaf.label) for leaf in errors.children]
        assert any("dup.yaml" in x for x in labels)
        assert any("gbk.yaml" in x for x in labels)
        assert any("nowhere.yaml" in x for x in labels)
        assert any("missing-folder" in x for x in labels)
        assert len(tree.root.children[0].children) == 4  # the good reports are still there
        await pilot.press("tab")
        tree.move_cursor(errors.children[0])
        await pilot.pause()
        text = screen_text(app)
        assert "输入错误" in text
        assert "此文件未能读取" in text


@run_async
async def test_notes_show_literally(
    write: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(  # type: ignore[operator]
        "r/2023.yaml",
        "jurisdiction: dushanzi\nyear: 2023\nindicators:\n"
        "  rd_intensity:\n    value: 1.6\n"
        '    note: "[bold]粗体[/bold] [link=https://evil.example]点我[/link] \\e[31mred\\e[0m"\n',
    )
    app = new_app("r")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert "[bold]粗体[/bold]" in text
        assert "[link=https://evil.example]点我[/link]" in text
        assert "\x1b" not in text
        assert "\ufffd[31mred\ufffd[0m" in text
        svg = app.export_screenshot()
        assert "evil.example" not in svg.replace("[link=https://evil.example]", "")


@run_async
async def test_help_screen_lists_the_keys(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("只显示有问题", "按规则 id 或指标名称搜索", "$EDITOR", "HTML", "概览", "排序"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)


@run_async
async def test_editor_opens_the_value_at_its_line(
    dushanzi: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "editor.log"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\nopen(sys.argv[1], 'w').write(' '.join(sys.argv[2:]))\n", encoding="utf-8"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script} {log}")
    app = new_app("reports")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "down", "down", "tab")  # 2023, rd_intensity
        await pilot.press("e")
        await settle(pilot)
        assert log.read_text(encoding="utf-8") == f"+14 {dushanzi}/2023.yaml"
        await pilot.press("enter", "down", "e")  # from the drill-down too
        await settle(pilot)
        assert log.read_text(encoding="utf-8") == f"+14 {dushanzi}/2023.yaml"


@run_async
async def test_editor_not_set_is_a_message(at_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.is_running
        assert any("EDITOR" in n for n in app.notices)


@run_async
async def test_editor_from_a_dialog_says_there_is_nothing_to_open(
    at_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "planck-no-such-editor")
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        app.action_edit()  # as the command palette's "edit" does, over any screen
        await settle(pilot)
        # the help dialog shows no input: a notice, and no attempt to start the editor
        assert app.notices == ["没有可打开的位置"]
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("name", ["review.html", "review.txt"])
@run_async
async def test_save_the_review(dushanzi: Path, tmp_path: Path, name: str) -> None:
    report = dushanzi / "2023.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace(
            "rd_personnel_per_10k: 86",
            'rd_personnel_per_10k: {value: 86, note: "<script>x</script> [bold]b[/bold]"}',
        ),
        encoding="utf-8",
    )
    app = new_app("reports")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SaveScreen)
        app.screen.query_one(Input).value = name
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
    saved = (tmp_path / name).read_text(encoding="utf-8")
    assert "独山子区 2023 年" in saved
    assert "rd_intensity" in saved
    if name.endswith(".html"):
        assert saved.lstrip().startswith("<!DOCTYPE html>")
        assert "&lt;script&gt;x&lt;/script&gt;" in saved
        assert "<script>x" not in saved
    else:
        assert "<script>x</script>" in saved and "[bold]b[/bold]" in saved
        assert "\x1b" not in saved


@run_async
async def test_save_never_overwrites_an_input(dushanzi: Path) -> None:
    before = (dushanzi / "2023.yaml").read_bytes()
    app = new_app("reports")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        app.screen.query_one(Input).value = "reports/2023.html"
        (dushanzi / "2023.html").symlink_to(dushanzi / "2023.yaml")
        await pilot.press("enter")
        await settle(pilot)
        assert any("2023.html" in n for n in app.notices)
    assert (dushanzi / "2023.yaml").read_bytes() == before


@run_async
async def test_command_palette_offers_the_actions(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("问题", "搜索", "English", "刷新", "编辑", "保存", "帮助", "退出"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"English", "enter")
        await pilot.pause()
        assert app.lang == "en"


@run_async
async def test_quit(at_root: Path) -> None:
    app = new_app("examples/dushanzi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@run_async
async def test_an_engine_failure_is_a_message_not_a_crash(
    at_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planck.tui.remote import Pending, RemoteCheck

    app = new_app("examples/dushanzi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "独山子区 2021 年" in screen_text(app)

        def broken(*args: object, **kwargs: object) -> Pending:
            def finish() -> Any:
                raise RuntimeError("engine broke")

            return Pending(finish)

        monkeypatch.setattr(RemoteCheck, "start", broken)
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running
        assert "独山子区 2021 年" in screen_text(app)  # the last results stay
        assert any("engine broke" in n for n in app.notices)


@run_async
async def test_file_names_and_messages_show_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "[bold]x.yaml").write_text(
        "jurisdiction: dushanzi\nyear: 2023\nyear: 2023\n", encoding="utf-8"
    )
    app = new_app("r")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold]x.yaml" in text  # in the tree and in the error's location
        assert text.count("[bold]x.yaml") >= 2
