"""planck.engine: a check shared among worker processes gives what one process gives, and the
review's loads (the first and every reload, all through the engine) leave nothing behind."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from pathlib import Path

import pytest

from planck import sharing
from planck.check import run_check as run_here
from planck.engine import run as engine
from planck.sources.decode import DEFAULT_MAX_BYTES
from planck.tui import view
from tests.tui_support import new_app, run_async, screen_text, settle

PLACES = 30


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Enough report files to be shared among two workers, with an input error and warnings,
    as the working directory; (paths, rules)."""
    from tests.acceptance.test_parallel import RULES, _report

    places = "\n".join(
        f"  p{i:02d}: {{name: 区{i:02d}, name_en: Place {i}}}" for i in range(PLACES)
    )
    (tmp_path / "rules.yaml").write_text(RULES.format(places=places), encoding="utf-8")
    for year in (2021, 2022, 2023):
        (tmp_path / "reports" / str(year)).mkdir(parents=True)
        for place in range(PLACES):
            (tmp_path / "reports" / str(year) / f"p{place:02d}.yaml").write_text(
                _report(place, year), encoding="utf-8"
            )
    (tmp_path / "reports" / "broken.yaml").write_text("year: [2022\n", encoding="utf-8")
    (tmp_path / "reports" / "dup.yaml").write_text(_report(4, 2022), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sharing, "default_jobs", lambda: 2)  # whatever this machine has
    return ["reports"], ["rules.yaml"]


def test_workers_give_the_run_one_process_gives(many: tuple[list[str], list[str]]) -> None:
    paths, rules = many
    shared = engine.run_check(engine.Job(paths, rules, DEFAULT_MAX_BYTES, 2))
    here = run_here(paths, rules)
    assert len(here.reports) == PLACES * 3 and here.errors and here.warnings
    assert shared.reports == here.reports
    assert shared.results == here.results
    assert shared.errors == here.errors
    assert shared.warnings == here.warnings
    assert view.summarise(shared) == view.summarise(here)


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
@run_async
async def test_sixty_reloads_leave_no_growing_state(many: tuple[list[str], list[str]]) -> None:
    paths, rules = many
    app = new_app(*paths, rules=rules)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = screen_text(app)
        assert app.loads == 1 and "区00" in first
        before = (threading.active_count(), multiprocessing.active_children(), _open_files())
        for _ in range(60):
            await pilot.press("r")
            await settle(pilot)
        assert app.loads == 61  # every reload completed, through the same engine
        assert gc.get_freeze_count() == 0  # nothing frozen out of the collector
        after = (threading.active_count(), multiprocessing.active_children(), _open_files())
        assert after == before  # no thread, worker process or pipe left per reload
        assert screen_text(app).replace("\n", "") != ""
        assert app.review is not None
        assert app.review.summary == view.summarise(run_here(paths, rules))
