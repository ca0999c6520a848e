"""Many places in `planck review` (issue 16): each place's worst mark in the tree, the places
sorted and filtered, the overview of all places (`o`), and the save (`s`) writing what
`planck report` writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, Tree

from planck.engine.check import run_check
from planck.model import CheckRun
from planck.render.overview import build_overview
from planck.sources.discover import discover
from planck.tui.app import OverviewScreen, PlacesScreen, SaveScreen
from planck.tui.base import NodeKind
from planck.tui.places import ALERTS_SHOWN
from tests.conftest import ROOT, run_cli
from tests.tui_support import new_app, run_async, screen_text, settle

RULE = """\
planck: 1
id: three-counties
title: 三县规划
title_en: Three counties plan
jurisdictions:
  alpha: {name: 甲县, name_en: Alpha County}
  beta: {name: 乙县, name_en: Beta County}
  gamma: {name: 丙县, name_en: Gamma County}
period: [2021, 2025]
binding: true
rules:
  - id: share
    name: 研发投入强度
    name_en: R&D intensity
    unit: "%"
    kind: at_least
    target: 50
    target_year: 2025
    baseline: {year: 2020, value: 10}
    source: {document: 三县规划, issuer: 三县政府, number: 三发〔2022〕1号, date: 2022-01-01,
             locator: 表1, quote: 研发投入强度 50}
"""


def write_report(folder: Path, place: str, year: int, value: float) -> None:
    body = f"jurisdiction: {place}\nyear: {year}\nindicators:\n  share: {value}\n"
    (folder / f"{place}-{year}.yaml").write_text(body, encoding="utf-8")


@pytest.fixture
def counties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three places whose order by name (Alpha, Beta, Gamma) is the reverse of their order
    worst first: gamma missed its target in 2025 (an error), beta's latest year falls behind
    (a warning) after a year that met it, alpha met it."""
    (tmp_path / "rules.yaml").write_text(RULE, encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    write_report(reports, "alpha", 2024, 60)
    write_report(reports, "beta", 2023, 55)
    write_report(reports, "beta", 2024, 11)
    write_report(reports, "gamma", 2025, 20)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def the_run(paths: list[str], rules: list[str]) -> object:
    files, _ = discover(paths)
    return run_check(files, rules)


def places_in_tree(app: object) -> list[tuple[str, list[str]]]:
    """Each place's label in the tree, with the labels of its years."""
    tree = app.screen.query_one("#reports", Tree)  # type: ignore[attr-defined]
    return [
        (node.label.plain, [leaf.label.plain for leaf in node.children])
        for node in tree.root.children
        if node.data is not None and node.data[0] is NodeKind.PLACE
    ]


@run_async
async def test_the_tree_marks_each_place_with_the_worst_status_of_its_latest_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    run = the_run(["examples"], [])
    expected = {p.name: p.worst.mark for p in build_overview(run, "zh").places if p.worst}  # type: ignore[arg-type]
    assert len(expected) == 2
    app = new_app("examples")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = [label for label, _years in places_in_tree(app)]
        assert shown == [f"{expected[name]} {name}" for name in ("独山子区", "克拉玛依市")]


@run_async
async def test_places_sort_worst_first_and_back_by_name(counties: Path) -> None:
    run = the_run(["reports"], ["rules.yaml"])
    worst_first = [p.name for p in build_overview(run, "zh").places]  # type: ignore[arg-type]
    assert worst_first == ["丙县", "乙县", "甲县"]
    app = new_app("reports", rules=["rules.yaml"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # by name (the English name, the same order in both languages)
        assert [label for label, _ in places_in_tree(app)] == ["✓ 甲县", "! 乙县", "✗ 丙县"]
        assert "按名称排序" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert [label[2:] for label, _ in places_in_tree(app)] == worst_first
        assert "最差优先" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert [label[2:] for label, _ in places_in_tree(app)] == ["甲县", "乙县", "丙县"]


@run_async
async def test_the_problems_filter_hides_places_and_years_without_problems(
    counties: Path,
) -> None:
    app = new_app("reports", lang="en", rules=["rules.yaml"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.selected == ("report", ("alpha", 2024))
        await pilot.press("f")
        await settle(pilot)
        # alpha has no problem at all; beta's 2023 met its target
        assert places_in_tree(app) == [
            ("! Beta County", ["! 2024"]),
            ("✗ Gamma County", ["✗ 2025"]),
        ]
        line = str(app.screen.query_one("#places-line", Static).render())
        assert "problems 2/3" in line
        # the report shown was filtered out: the first one left is shown instead
        assert app.selected == ("report", ("beta", 2024))
        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert [label for label, _ in places_in_tree(app)] == [
            "✓ Alpha County",
            "! Beta County",
            "✗ Gamma County",
        ]


@run_async
async def test_the_overview_of_all_places(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    expected = build_overview(the_run(["examples"], []), "zh")  # type: ignore[arg-type]
    assert expected.alerts
    app = new_app("examples")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PlacesScreen)
        matrix = app.screen.query_one("#places-matrix", DataTable)
        rows = [[str(cell) for cell in matrix.get_row_at(n)] for n in range(matrix.row_count)]
        # a row per place, worst first, with the mark of each indicator
        assert [row[0] for row in rows] == [p.name for p in expected.places]
        for row, place in zip(rows, expected.places, strict=True):
            marks = [cell.mark if cell is not None else "·" for cell in place.cells]
            assert row[4:] == marks
        assert len(matrix.columns) == 4 + len(expected.columns)
        alerts = app.screen.query_one("#places-alerts", DataTable)
        assert alerts.row_count == len(expected.alerts)
        first = [str(cell) for cell in alerts.get_row_at(0)]
        worst = expected.alerts[0]
        assert (first[0], first[3], first[4]) == (worst.place, worst.status, worst.value)
        head = str(app.screen.query_one("#alerts-head", Static).render())
        assert "预警" in head
        # at 80x24 the page scrolls down to the early warnings
        await pilot.press("end")
        await settle(pilot)
        assert "预警" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)


@run_async
async def test_the_overview_follows_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    app = new_app("examples")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert "各地区指标完成情况概览" in screen_text(app)
        await pilot.press("l")
        await settle(pilot)
        text = screen_text(app)
        assert "Overview of all places" in text and "Dushanzi" in text


def test_the_screen_lists_the_worst_alerts_and_says_how_many_more() -> None:
    from planck.tui import places

    overview = build_overview(the_run([str(ROOT / "examples")], []), "en")  # type: ignore[arg-type]
    many = type(overview)(
        overview.columns, overview.places, overview.counts, overview.alerts * ALERTS_SHOWN
    )
    assert len(places.alerts(many, "en").rows) == ALERTS_SHOWN
    more = len(many.alerts) - ALERTS_SHOWN
    assert f"{more} more" in places.alerts_head(many, "en").plain
    assert "more" not in places.alerts_head(overview, "en").plain


async def save(app: object, pilot: object, name: str) -> None:
    await pilot.press("s")  # type: ignore[attr-defined]
    assert isinstance(app.screen, SaveScreen)  # type: ignore[attr-defined]
    app.screen.query_one(Input).value = name  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "option"),
    [
        ("review.html", "--html"),
        ("review.md", "--markdown"),
        ("review.txt", "--text"),
        ("review.svg", "--svg"),
    ],
)
@run_async
async def test_the_save_writes_what_planck_report_writes(
    counties: Path, name: str, option: str
) -> None:
    app = new_app("reports", lang="en", rules=["rules.yaml"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await save(app, pilot, name)
        assert isinstance(app.screen, OverviewScreen)
        assert app.notices[-1] == f"Saved: {name}"
    cli = run_cli(
        "report", "reports", "--rules", "rules.yaml", "--lang", "en", option, "by-cli", cwd=counties
    )
    assert cli.code == 1
    assert (counties / name).read_bytes() == (counties / "by-cli").read_bytes()


@run_async
async def test_a_name_planck_cannot_write_is_refused_in_the_dialog(counties: Path) -> None:
    app = new_app("reports", lang="en", rules=["rules.yaml"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await save(app, pilot, "review.pdf")
        assert isinstance(app.screen, SaveScreen)
        hint = str(app.screen.query_one("#save-hint", Static).render())
        assert "must end in one of" in hint
        for suffix in (".html", ".md", ".docx", ".xlsx", ".svg", ".txt"):
            assert suffix in hint
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)
    assert not (counties / "review.pdf").exists()
    assert app.notices == []


@pytest.mark.parametrize(
    ("name", "option"),
    [("review.docx", "--docx"), ("review.xlsx", "--xlsx")],
)
@run_async
async def test_the_save_writes_the_word_and_excel_reports(
    counties: Path, name: str, option: str
) -> None:
    app = new_app("reports", lang="en", rules=["rules.yaml"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await save(app, pilot, name)
        assert app.notices[-1] == f"Saved: {name}"
    run_cli(
        "report", "reports", "--rules", "rules.yaml", "--lang", "en", option, "by-cli", cwd=counties
    )
    with zipfile.ZipFile(counties / name) as saved, zipfile.ZipFile(counties / "by-cli") as cli:
        assert saved.namelist() == cli.namelist()
        for member in saved.namelist():
            if not member.startswith("docProps/"):  # the time it was made
                assert saved.read(member) == cli.read(member), member


def _overview_facts(run: CheckRun) -> object:
    overview = build_overview(run, "zh")
    return (
        [(c.ruleset_id, c.rule.id) for c in overview.columns],
        [
            (p.jurisdiction, p.year, p.problems, [c.word if c else None for c in p.cells])
            for p in overview.places
        ],
        overview.counts,
        [(a.place, a.year, a.indicator, a.status, a.projection) for a in overview.alerts],
    )


def test_the_overview_fetches_only_each_places_latest_report(counties: Path) -> None:
    """The overview screen asks the workers for each place's latest report only, and shows
    exactly what the overview of the whole run shows."""
    from tests.tui_support import checker_for

    checker = checker_for(["reports"], ["rules.yaml"])
    try:
        _, review = checker.take().finish()
        latest = review.latest_run()
        assert sorted(r.jurisdiction for r in latest.reports) == ["alpha", "beta", "gamma"]
        assert len(latest.reports) < len(review)  # beta's 2023 report stays in its worker
        assert _overview_facts(latest) == _overview_facts(review.check_run())
        assert _overview_facts(latest) == _overview_facts(run_check(["reports"], ["rules.yaml"]))
    finally:
        checker.stop()
