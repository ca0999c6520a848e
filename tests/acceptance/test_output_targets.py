"""planck writes regular files only, and never one of its inputs (SPEC §4): a device, a FIFO, a
folder, or a path that is an input by another spelling or link is refused before any work."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

REPORT = "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: 1.62\n"

# Every way to name an output file: (command words before the target, after it)
WRITERS = [
    pytest.param(["check", "{r}", "-o"], [], id="check-o"),
    pytest.param(["check", "{r}", "--format"], ["json=", "{t}"], id="check-format-file"),
    pytest.param(["report", "{r}", "--html"], [], id="report-html"),
    pytest.param(["report", "{r}", "--markdown"], [], id="report-markdown"),
    pytest.param(["template", "dushanzi", "2023", "-o"], [], id="template-o"),
]


def _command(words: list[str], tail: list[str], report: Path, target: Path) -> list[str]:
    args = [w.replace("{r}", str(report)) for w in words]
    if tail:
        args.append("".join(w.replace("{t}", str(target)) for w in tail))
    else:
        args.append(str(target))
    return args


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "r.yaml"
    path.parent.mkdir()
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.mark.parametrize(("words", "tail"), WRITERS)
def test_a_fifo_is_refused_without_blocking(
    tmp_path: Path, report: Path, words: list[str], tail: list[str]
) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = run_cli(*_command(words, tail, report, fifo), "--lang", "en")
    assert result.code == 2
    assert "FIFO" in result.err and "regular files only" in result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO it was


@pytest.mark.parametrize(("words", "tail"), WRITERS)
def test_a_folder_is_refused(
    tmp_path: Path, report: Path, words: list[str], tail: list[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_cli(*_command(words, tail, report, folder), "--lang", "en")
    assert result.code == 2
    assert "folder" in result.err
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_device_is_refused_and_left_alone(tmp_path: Path, report: Path) -> None:
    device = tmp_path / "null"  # a private twin of /dev/null: the real /dev is never touched
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = run_cli("check", str(report), "--format", f"json={device}", "--lang", "en")
    assert result.code == 2
    assert "device" in result.err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_link_to_the_standard_output_is_refused(tmp_path: Path, report: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    done = subprocess.run(
        [sys.executable, "-m", "planck", "check", str(report), "-o", str(link), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "regular files only" in done.stderr
    assert link.is_symlink()


def test_a_link_to_a_regular_file_is_written_through(tmp_path: Path, report: Path) -> None:
    real = tmp_path / "results" / "out.json"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    result = run_cli("check", str(report), "--format", "json", "-o", str(link))
    assert result.code == 1, result.err  # eight indicators are missing
    assert link.is_symlink()  # the link is kept...
    assert '"tool"' in real.read_text(encoding="utf-8")  # ...and the file it names replaced


@pytest.mark.parametrize("how", ["symlink", "hardlink", "dotted"])
def test_an_input_by_another_name_is_refused(tmp_path: Path, report: Path, how: str) -> None:
    if how == "symlink":
        target = tmp_path / "alias.yaml"
        target.symlink_to(report)
    elif how == "hardlink":
        target = tmp_path / "hard.yaml"
        os.link(report, target)
    else:
        target = report.parent / ".." / "in" / "." / report.name
    before = report.read_bytes()
    result = run_cli("check", str(report), "--format", f"json={target}", "--lang", "en")
    assert result.code == 2
    assert "overwrite the input" in result.err
    assert report.read_bytes() == before


def test_the_rules_file_is_an_input_of_template(tmp_path: Path) -> None:
    rules = tmp_path / "R.yaml"
    rules.write_bytes((ROOT / "rules" / "dushanzi-14th-fyp.yaml").read_bytes())
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("id: dushanzi-14th-fyp", "id: my-copy", 1),
        encoding="utf-8",
    )
    before = rules.read_bytes()
    result = run_cli(
        "template", "dushanzi", "2023", "--rules", str(rules), "-o", str(rules), "--lang", "en"
    )
    assert result.code == 2
    assert "overwrite the input" in result.err
    assert rules.read_bytes() == before


def test_a_missing_folder_is_refused_before_any_work(tmp_path: Path, report: Path) -> None:
    result = run_cli("report", str(report), "--html", str(tmp_path / "no" / "r.html"))
    assert result.code == 2
    assert not (tmp_path / "no").exists()
