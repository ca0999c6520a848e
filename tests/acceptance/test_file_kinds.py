"""Inputs that are not regular files, links that lead nowhere, folders that cannot be listed:
each is an input error (exit 2) with its own words, found without opening the file, and the
other inputs are still checked (SPEC §4)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

GOOD = ROOT / "tests" / "data" / "hostile" / "gbk.yaml"  # a Dushanzi 2023 report
RULES = ROOT / "rules" / "dushanzi-14th-fyp.yaml"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_a_fifo_named_as_a_report_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    # in a subprocess with a timeout: opening a FIFO for reading would wait for a writer
    result = subprocess.run(
        [sys.executable, "-m", "planck", "check", str(fifo), str(GOOD), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "pipe.yaml: this is a named pipe (FIFO), not a regular file" in result.stderr
    assert "Dushanzi District 2023" in result.stdout  # the other input is still checked


@needs_fifo
def test_a_fifo_as_rules_and_in_a_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "rules.yaml")
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.yaml")
    os.mkfifo(folder / "queue.csv")
    result = subprocess.run(
        [sys.executable, "-m", "planck", "check", str(folder), "--lang", "en"]
        + ["--rules", str(tmp_path / "rules.yaml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "rules.yaml: this is a named pipe (FIFO)" in result.stderr
    assert "queue.csv: this is a named pipe (FIFO)" in result.stderr
    assert "Dushanzi District 2023" in result.stdout


def test_a_device_is_refused(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    result = run_cli("check", "/dev/zero", str(GOOD), "--lang", "en")
    assert result.code == 2
    assert "/dev/zero: this is a device, not a regular file" in result.err


def test_a_symlink_loop_says_it_is_a_loop(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.yaml")
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    (folder / "gone.json").symlink_to("nowhere.json")
    result = run_cli("check", str(tmp_path / "loop.yaml"), str(folder), "--lang", "en")
    assert result.code == 2
    assert "loop.yaml: a symbolic link loop" in result.err
    assert "a.yaml: a symbolic link loop" in result.err
    assert "b.yaml: a symbolic link loop" in result.err
    assert "gone.json: a broken symbolic link" in result.err
    assert "no such file" not in result.err
    assert "Dushanzi District 2023" in result.out


def test_a_symlink_loop_as_rules(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    result = run_cli("rules", "lint", str(tmp_path / "loop.yaml"), str(RULES), "--lang", "en")
    assert result.code == 2
    assert "loop.yaml: a symbolic link loop" in result.err
    assert "dushanzi-14th-fyp" in result.out  # the other rule set is still linted


def test_a_folder_that_cannot_be_listed_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated (tests may run as root, who can list any folder): os.scandir fails for one
    sub-folder, as it does for a folder of mode 000."""
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(GOOD, folder / "good.yaml")
    shutil.copy(GOOD, folder / "locked" / "hidden-from-us.yaml")
    real_scandir = os.scandir
    locked = os.fspath(folder / "locked")

    def scandir(path: str) -> object:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli("check", str(folder), "--lang", "en")
    assert result.code == 2
    assert "locked: cannot list this folder (permission denied)" in result.err
    assert "Dushanzi District 2023" in result.out
    # the same for a folder of rule sets
    lint = run_cli("rules", "lint", str(folder), "--lang", "en")
    assert lint.code == 2
    assert "locked: cannot list this folder (permission denied)" in lint.err


def _as_nobody() -> list[str] | None:
    """A command prefix that runs a program as the user nobody, or None if there is none."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    for prefix in (
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
        ["runuser", "-u", "nobody", "--"],
    ):
        if shutil.which(prefix[0]) is None:
            continue
        probe = subprocess.run(
            # planck and what it imports: a virtual environment in a private folder (as
            # scripts/test-latest makes) is out of nobody's reach, and then there is no test
            [*prefix, sys.executable, "-c", "import planck.cli, planck.render.text, yaml"],
            cwd=ROOT,
            capture_output=True,
            timeout=60,
        )
        if probe.returncode == 0:
            return prefix
    return None


def test_a_mode_000_folder_as_a_user_who_cannot_list_it() -> None:
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("not root, or no setpriv/runuser that can run this Python as nobody")
    # pytest's own temporary folders are private to root: a folder nobody can reach
    tmp_path = Path(tempfile.mkdtemp(prefix="planck-nobody-"))
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(GOOD, folder / "good.yaml")
    shutil.copy(GOOD, folder / "locked" / "other.yaml")
    os.chmod(folder / "locked", 0)
    for path in (tmp_path, folder):
        os.chmod(path, 0o755)
    os.chmod(folder / "good.yaml", 0o644)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "planck", "check", str(folder), "--lang", "en"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HOME": str(tmp_path), "COLUMNS": "120"},
        )
    finally:
        os.chmod(folder / "locked", 0o755)
        shutil.rmtree(tmp_path)
    assert result.returncode == 2, result.stderr
    assert "locked: cannot list this folder (permission denied)" in result.stderr
    assert "Dushanzi District 2023" in result.stdout
