"""The exit code reflects the verdict whatever happens to the standard streams (SPEC §4): closed,
piped into a reader that stops early, or unable to encode what planck prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORMATS = ["text", "json", "sarif", "github", "markdown", "junit"]


def _shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "100", **(env or {})}
    environment.pop("PLANCK_LANG", None)
    return subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        errors="replace",  # some tests give planck an encoding other than UTF-8
        env=environment,
        timeout=120,
    )


PLANCK = f"'{sys.executable}' -m planck"


@pytest.mark.parametrize(
    ("target", "fmt", "code"),
    [
        ("examples/dushanzi", "text", 0),
        ("examples/failing", "text", 1),
        ("examples/dushanzi", "json", 0),
        ("examples/failing", "json", 1),
        ("examples/failing", "markdown", 1),
    ],
)
def test_a_reader_that_stops_early_does_not_change_the_exit_code(
    target: str, fmt: str, code: int
) -> None:
    # `true` reads nothing and exits at once: every write of planck's meets a closed pipe
    for reader in ("true", "head -1"):
        done = _shell(f"{PLANCK} check {target} --format {fmt} | {reader}; exit ${{PIPESTATUS[0]}}")
        assert done.returncode == code, (reader, done.stderr)
        assert "Traceback" not in done.stderr


def test_report_to_a_reader_that_stops_early() -> None:
    done = _shell(f"{PLANCK} report examples/failing | true; exit ${{PIPESTATUS[0]}}")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_a_closed_stdout_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = _shell(f"{PLANCK} check examples/failing --format json={out} >&-")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["exit_code"] == 1
    done = _shell(f"{PLANCK} check examples/failing >&-")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_a_closed_stderr_keeps_an_input_error_s_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("jurisdiction: nowhere\nyear: 2023\nindicators: {}\n", encoding="utf-8")
    done = _shell(f"{PLANCK} check {bad} 2>&-")
    assert done.returncode == 2
    done = _shell(f"{PLANCK} check {bad} >&- 2>&-")
    assert done.returncode == 2


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "gbk"}, {"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C"}],
    ids=["gbk", "ascii", "C-locale"],
)
def test_an_encoding_without_the_symbols_degrades_them(fmt: str, env: dict[str, str]) -> None:
    done = _shell(f"{PLANCK} check examples/failing --format {fmt}", env=env)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout  # something was printed, not an empty screen


def test_a_lone_surrogate_in_a_note_is_replaced_in_every_format(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text(
        '{"jurisdiction": "dushanzi", "year": 2023, "indicators": '
        '{"rd_intensity": {"value": 1.62, "note": "lone \\ud800 here"}}}',
        encoding="utf-8",
    )
    for fmt in FORMATS:
        done = _shell(f"{PLANCK} check {report} --format {fmt}")
        assert done.returncode == 1, (fmt, done.stderr)
        assert "Traceback" not in done.stderr, fmt
        written = tmp_path / f"out.{fmt}"
        done = _shell(f"{PLANCK} check {report} --format {fmt}={written}")
        assert done.returncode == 1, (fmt, done.stderr)
        assert "Traceback" not in done.stderr, fmt
        written.read_bytes().decode("utf-8")  # valid UTF-8 throughout
    for option in ("--html", "--markdown", "--text", "--svg"):
        written = tmp_path / f"report{option.replace('--', '.')}"
        done = _shell(f"{PLANCK} report {report} {option} {written}")
        assert done.returncode == 1, (option, done.stderr)
        assert "Traceback" not in done.stderr, option
    done = _shell(f"{PLANCK} report {report}")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "markdown"])
def test_machine_formats_are_utf8_whatever_the_locale(fmt: str) -> None:
    environment = {**os.environ, "PYTHONIOENCODING": "gbk", "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-m", "planck", "check", "examples/failing", "--format", fmt],
        cwd=ROOT,
        capture_output=True,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 1
    text = done.stdout.decode("utf-8")  # not GBK, not "?" for what GBK lacks
    assert "全社会研究与试验发展" in text
    if fmt == "markdown":
        assert "✗" in text
