"""Snapshots of the review screens (pytest-textual-snapshot): what a reviewer sees at 80×24 and
120×40. Update them with `pytest tests/test_tui_snapshots.py --snapshot-update` and look at the
SVG files before committing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import EXAMPLES, ROOT
from tests.tui_support import new_app, settle

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)


async def loaded(pilot: Pilot[int]) -> None:
    await settle(pilot)


async def drill_down(pilot: Pilot[int]) -> None:
    """The 2023 report's first rule (R&D intensity: needs acceleration)."""
    await settle(pilot)
    await pilot.press("tab", "down", "down", "tab", "enter")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview(snap_compare: object, size: tuple[int, int]) -> None:
    app = new_app("examples/dushanzi")
    assert snap_compare(app, terminal_size=size, run_before=loaded)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_drill_down(snap_compare: object, size: tuple[int, int]) -> None:
    app = new_app("examples/dushanzi")
    assert snap_compare(app, terminal_size=size, run_before=drill_down)  # type: ignore[operator]


def test_drill_down_english(snap_compare: object) -> None:
    app = new_app("examples/karamay", lang="en")

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("tab", "down", "down", "down", "tab", "down", "down", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)  # type: ignore[operator]


def test_overview_with_input_errors(
    snap_compare: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("dushanzi-2023.yaml", "dushanzi-2024.yaml"):
        shutil.copy(EXAMPLES / "failing" / name, folder / name)
    (folder / "dup.yaml").write_text(
        "jurisdiction: dushanzi\nyear: 2022\nyear: 2022\nindicators: {}\n", encoding="utf-8"
    )
    (folder / "nowhere.yaml").write_text(
        "jurisdiction: atlantis\nyear: 2023\nindicators: {}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    app = new_app("reports")

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("tab", "down", "tab", "f")  # the 2024 report, problems only
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)  # type: ignore[operator]


def test_overview_light_theme(snap_compare: object) -> None:
    app = new_app("examples/dushanzi")

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        pilot.app.theme = "textual-light"
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)  # type: ignore[operator]


def test_overview_without_colour(snap_compare: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = new_app("examples/dushanzi")
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)  # type: ignore[operator]


def test_overview_year_not_assessable(snap_compare: object) -> None:
    """Karamay 2021: every result unassessed or left to a person, so '? 无法评估', not ✓ 通过,
    in the tree and the header."""
    app = new_app("examples/karamay")
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)  # type: ignore[operator]


@pytest.mark.parametrize("rule", [0, 1], ids=["growth_at_least", "cumulative_change"])
def test_drill_down_new_kinds(snap_compare: object, rule: int) -> None:
    """The 2022 report of tests/data/new-kinds: a yearly growth rate that lags, and a cumulative
    fall on track, each worked out step by step."""
    app = new_app("tests/data/new-kinds/reports", rules=["tests/data/new-kinds/rules"])

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("tab", "tab", *["down"] * rule, "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)  # type: ignore[operator]
