"""planck.engine: `check --format json` shared among workers writes what one process writes, and
the review's loads (the first and every reload, all through the engine) leave nothing behind."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

from planck.engine.check import run_check as run_here
from planck.tui import view
from tests.tui_support import new_app, run_async, screen_text, settle

PLACES = 30


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Report files of 30 jurisdictions, with an input error and warnings, as the working
    directory; (paths, rules)."""
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
    return ["reports"], ["rules.yaml"]


def test_files_laid_out_by_jurisdiction_give_the_same_json(tmp_path: Path) -> None:
    # Each worker reads whole jurisdictions here (files sorted by place), so most are done in
    # one pass; p07 also has a report in the last share (a duplicate year, and a new year), so
    # it is done again from all its files. Both paths must write what one process writes.
    from tests.acceptance.test_parallel import RULES, _report
    from tests.conftest import run_cli

    places = "\n".join(
        f"  p{i:02d}: {{name: 区{i:02d}, name_en: Place {i}}}" for i in range(PLACES)
    )
    (tmp_path / "rules.yaml").write_text(RULES.format(places=places), encoding="utf-8")
    for place in range(PLACES):
        for year in (2021, 2022, 2023):
            (tmp_path / "reports" / f"p{place:02d}").mkdir(parents=True, exist_ok=True)
            (tmp_path / "reports" / f"p{place:02d}" / f"{year}.yaml").write_text(
                _report(place, year), encoding="utf-8"
            )
    (tmp_path / "reports" / "zz").mkdir()
    (tmp_path / "reports" / "zz" / "dup.yaml").write_text(_report(7, 2022), encoding="utf-8")
    (tmp_path / "reports" / "zz" / "p07-2024.yaml").write_text(_report(7, 2024), "utf-8")
    runs = [
        run_cli("check", "-f", "json", "-j", jobs, "--rules", "rules.yaml", "reports", cwd=tmp_path)
        for jobs in ("1", "2", "3")
    ]
    assert runs[0].code == runs[1].code == runs[2].code == 2  # the duplicate is an input error
    assert runs[0].out == runs[1].out == runs[2].out
    assert "zz/dup.yaml" in runs[0].out and '"year": 2024' in runs[0].out


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


def _ends(pid: int, within: float = 10.0) -> bool:
    """The process ends within ``within`` seconds (gone, or a zombie not yet reaped by the
    process that took it over)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        except OSError:
            return True
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return True
        time.sleep(0.02)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads /proc")
@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_the_reviews_workers_show_what_one_process_checks(
    many: tuple[list[str], list[str]], jobs: int
) -> None:
    # Files laid out by year: every jurisdiction has reports in every worker's share, so each
    # is judged again from all its files in round 2; a duplicate is refused, a file is broken.
    from planck.engine.job import Job
    from planck.sources.decode import DEFAULT_MAX_BYTES
    from planck.tui.remote import RemoteCheck

    paths, rules = many
    job = Job(paths, rules, DEFAULT_MAX_BYTES, jobs)
    checker = RemoteCheck(job)
    try:
        assert len(checker.worker_pids()) == min(jobs, 92 // 32)
        processes = checker.pids()
        review = checker.start().finish()[1]
        here = run_here(paths, rules)
        assert review.summary == view.summarise(here)
        assert review.errors and any("dup.yaml" in d.location.file for d in review.errors)
        for index in range(len(review)):  # each report's details from the worker keeping it
            assert review.report(index) == here.reports[index]
            assert review.results(index) == here.results.get(index, [])
        whole = review.check_run()
        assert whole.reports == here.reports and whole.results == here.results
    finally:
        checker.stop()
    # the check process at once; its workers as soon as they see it has gone
    assert all(_ends(pid) for pid in processes)
