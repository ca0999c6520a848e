"""The pre-commit hook judges a changed report against its whole series, with a real
`pre-commit` run in a scratch repository: pre-commit passes only the changed files, and a
binding 只增不减 fall must still fail the commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

REPORT = """jurisdiction: dushanzi
year: {year}
indicators:
  fiscal_st_spending: {spending}
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def pre_commit() -> list[str]:
    found = shutil.which("pre-commit", path=os.path.dirname(sys.executable))
    if found is None:
        pytest.skip("pre-commit is not installed (it is in the test extra)")
    return [found]


def _run_hook(
    pre_commit: list[str], tmp_path: Path, spending_2024: int
) -> subprocess.CompletedProcess[str]:
    repo = tmp_path / "bureau"
    (repo / "reports").mkdir(parents=True)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "clerk",
        "GIT_AUTHOR_EMAIL": "clerk@example.org",
        "GIT_COMMITTER_NAME": "clerk",
        "GIT_COMMITTER_EMAIL": "clerk@example.org",
        "PRE_COMMIT_HOME": str(tmp_path.parent / "pre-commit-home"),  # shared: built once
    }
    env.pop("PLANCK_LANG", None)
    _git(repo, "init", "-q")
    (repo / "reports" / "2023.yaml").write_text(REPORT.format(year=2023, spending=2310), "utf-8")
    _git(repo, "add", ".")
    subprocess.run(["git", "commit", "-qm", "2023"], cwd=repo, env=env, check=True, timeout=60)
    (repo / "reports" / "2024.yaml").write_text(
        REPORT.format(year=2024, spending=spending_2024), "utf-8"
    )
    _git(repo, "add", ".")
    # try-repo: planck's hook as this working tree defines it, on the changed file only
    return subprocess.run(
        [*pre_commit, "try-repo", str(ROOT), "planck-check", "--files", "reports/2024.yaml"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_a_fall_in_a_binding_never_falls_target_fails_the_commit(
    pre_commit: list[str], tmp_path: Path
) -> None:
    done = _run_hook(pre_commit, tmp_path, spending_2024=2000)
    assert done.returncode != 0, done.stdout + done.stderr
    assert "违反“只增不减”" in done.stdout  # judged against 2023's 2310, not unassessed
    assert "reports/2024.yaml" in done.stdout


def test_a_rise_passes_where_only_the_missing_indicators_fail(
    pre_commit: list[str], tmp_path: Path
) -> None:
    done = _run_hook(pre_commit, tmp_path, spending_2024=2500)
    out = done.stdout
    assert "违反“只增不减”" not in out and "较 2023 年（2310万元）未减少" in out
