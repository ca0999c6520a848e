"""The review's first check in a forked child process (planck.tui.loader): it must hand over
exactly what a check in the app's own process gives, and the app must show the same screen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from planck.check import run_check
from planck.sources.decode import DEFAULT_MAX_BYTES
from planck.tui import loader, view
from planck.tui.app import ReviewApp
from tests.conftest import EXAMPLES
from tests.tui_support import run_async, screen_text, settle

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two jurisdictions' reports and a file with an input error, as the working directory."""
    folder = tmp_path / "reports"
    shutil.copytree(EXAMPLES / "dushanzi", folder / "dushanzi")
    shutil.copytree(EXAMPLES / "karamay", folder / "karamay")
    (folder / "broken.yaml").write_text("jurisdiction: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return ["reports"]


def forked(paths: list[str]) -> loader.ForkedCheck:
    check = loader.start(paths, [], DEFAULT_MAX_BYTES)
    assert check is not None
    return check


def test_the_child_sends_what_a_check_here_gives(reports: list[str]) -> None:
    check = forked(reports)
    summary, state = check.summary()
    here = view.Review.build(run_check(reports))
    assert summary == here.summary
    assert summary.errors and len(summary.keys) == 8  # the broken file, and 2 x 4 reports
    assert state  # the files' state before the check, for the watcher
    review = view.Review(summary, check.details)
    for index in range(len(here)):
        assert review.report(index) == here.report(index)
        assert review.results(index) == here.results(index)
    # Results point to the summary's rule sets, not to copies of them.
    first = review.results(0)[0]
    assert any(first.ruleset is rs for rs in summary.rulesets)
    assert any(first.rule is rule for rule in first.ruleset.rules)


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Enough report files for the child to check in worker processes, with input errors and
    warnings among them, as the working directory; (paths, rules)."""
    from tests.acceptance.test_parallel import RULES, _report

    places = "\n".join(f"  p{i:02d}: {{name: 区{i:02d}, name_en: Place {i}}}" for i in range(30))
    (tmp_path / "rules.yaml").write_text(RULES.format(places=places), encoding="utf-8")
    for year in (2021, 2022, 2023):
        (tmp_path / "reports" / str(year)).mkdir(parents=True)
        for place in range(30):
            (tmp_path / "reports" / str(year) / f"p{place:02d}.yaml").write_text(
                _report(place, year), encoding="utf-8"
            )
    (tmp_path / "reports" / "broken.yaml").write_text("year: [2022\n", encoding="utf-8")
    (tmp_path / "reports" / "dup.yaml").write_text(_report(4, 2022), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return ["reports"], ["rules.yaml"]


def test_workers_in_the_child_send_what_a_check_here_gives(
    many: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from planck import parallel, sharing

    paths, rules = many
    monkeypatch.setattr(sharing, "default_jobs", lambda: 2)  # whatever this machine has
    mark = Path("workers-used").resolve()
    real = parallel.run_workers

    def spy(*args: object, **kwargs: object) -> parallel.Outcome:
        mark.write_text(str(kwargs["jobs"]), encoding="utf-8")  # in the child: a file says so
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "run_workers", spy)
    check = loader.start(paths, rules, DEFAULT_MAX_BYTES)
    assert check is not None
    summary, _ = check.summary()
    here = view.Review.build(run_check(paths, rules))
    assert mark.read_text(encoding="utf-8") == "2"  # the child checked in two workers
    assert summary == here.summary
    assert summary.errors and summary.warnings and len(summary.keys) == 90
    review = view.Review(summary, check.details)
    for index in range(len(here)):
        assert review.report(index) == here.report(index)
        assert review.results(index) == here.results(index)
    assert any(review.results(5)[0].ruleset is rs for rs in summary.rulesets)


def test_workers_in_the_child_refuse_a_rule_set_the_schema_refuses(
    many: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A key the rule-set builder itself ignores: only the schema check refuses it, and the
    # child with its workers must say what a check here says.
    from planck import sharing

    paths, _ = many
    text = Path("rules.yaml").read_text(encoding="utf-8")
    Path("odd.yaml").write_text(text.replace("\nrules:", "\nunexpected_key: 1\nrules:"), "utf-8")
    monkeypatch.setattr(sharing, "default_jobs", lambda: 2)
    check = loader.start(paths, ["odd.yaml"], DEFAULT_MAX_BYTES)
    assert check is not None
    summary, _ = check.summary()
    here = view.Review.build(run_check(paths, ["odd.yaml"]))
    assert summary == here.summary
    assert any("unexpected_key" in e.message.render("en") for e in summary.errors)


def test_a_failing_check_is_reported(reports: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("engine bug")

    monkeypatch.setattr("planck.check.run_check", broken)  # the child is a copy of this process
    with pytest.raises(loader.LoadFailed, match="engine bug"):
        forked(reports).summary()


def test_stop_ends_a_running_child(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for year in range(2021, 2026):
        for n in range(200):
            (folder / f"{n}-{year}.yaml").write_text(
                (EXAMPLES / "dushanzi" / "2021.yaml").read_text(encoding="utf-8"), "utf-8"
            )
    check = forked([str(folder)])
    check.stop()
    with pytest.raises(loader.LoadFailed):
        check.summary()
    with pytest.raises(ChildProcessError):
        os.waitpid(check.pid, 0)  # reaped


async def screens(paths: list[str], first_check: loader.ForkedCheck | None) -> list[str]:
    """The overview once loaded, and after moving to the other jurisdiction's first year."""
    app = ReviewApp(paths, None, "zh", watch_interval=None, first_check=first_check)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = [screen_text(app)]
        await pilot.press("tab", *["down"] * 5)
        await settle(pilot)
        shown.append(screen_text(app))
    return shown


@run_async
async def test_the_app_shows_the_same_screen_from_a_forked_check(reports: list[str]) -> None:
    here = await screens(reports, None)
    assert "克拉玛依市 2021 年" in here[1]
    assert await screens(reports, forked(reports)) == here


@run_async
async def test_details_the_child_did_not_send_come_from_a_check_here(
    reports: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here = await screens(reports, None)

    def dies(*args: object) -> None:
        os._exit(3)

    monkeypatch.setattr(loader._Pickler, "dump", dies)  # the child ends after the summary
    assert await screens(reports, forked(reports)) == here
