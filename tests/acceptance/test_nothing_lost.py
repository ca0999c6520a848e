"""Nothing lost: planck never writes its inputs, and an output file is the old one or the new
one, never half of one, whether the run ends normally, by Ctrl-C or by SIGKILL."""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.tablehelp import HEADER_EN, csv_text, write_xlsx

REPORT = "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: 1.62\n"


def _inputs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.yaml").write_text(REPORT, encoding="utf-8")
    (folder / "b.json").write_text(
        '{"jurisdiction": "karamay", "year": 2023, "indicators": {"tech_smes": 120}}',
        encoding="utf-8",
    )
    (folder / "c.csv").write_text(
        csv_text([HEADER_EN[:4], ["dushanzi", 2022, "rd_intensity", 1.5]]), encoding="utf-8"
    )
    write_xlsx(folder / "d.xlsx", {"S": [HEADER_EN[:4], ["karamay", 2022, "tech_smes", 110]]})
    return sorted(folder.iterdir())


def _digest(paths: list[Path]) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths
    }


def test_planck_never_opens_an_input_for_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _inputs(tmp_path / "in")
    before = _digest(inputs)
    watched = {str(p.resolve()) for p in inputs}
    writes: list[tuple[str, object]] = []
    real_open, real_os_open, real_io_open = builtins.open, os.open, io.open

    def spy_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(file, str | os.PathLike) and os.path.realpath(file) in watched:
            if any(flag in str(mode) for flag in "wax+"):
                writes.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    def spy_os_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.realpath(path) in watched and flags & (
            os.O_WRONLY | os.O_RDWR | os.O_TRUNC | os.O_APPEND
        ):
            writes.append((str(path), flags))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    out = tmp_path / "out.json"
    for args in (
        ["check", str(tmp_path / "in")],
        ["check", str(tmp_path / "in"), "--format", "json", "--output", str(out)],
        ["check", *map(str, inputs), "--strict"],
    ):
        result = run_cli(*args)
        assert result.code in (0, 1), result.err
    monkeypatch.setattr(builtins, "open", real_open)
    monkeypatch.setattr(io, "open", real_io_open)
    assert writes == []
    assert _digest(inputs) == before
    assert out.is_file()


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "inside-folder"])
def test_output_refuses_to_overwrite_an_input(tmp_path: Path, spelling: str) -> None:
    inputs = _inputs(tmp_path / "in")
    target = tmp_path / "in" / "a.yaml"
    given = str(tmp_path / "in")
    output = {
        "same": str(target),
        "dotted": str(tmp_path / "in" / ".." / "in" / "." / "a.yaml"),
        "symlink": str(tmp_path / "link.yaml"),
        "inside-folder": str(target),
    }[spelling]
    if spelling == "symlink":
        os.symlink(target, tmp_path / "link.yaml")
    paths = [given] if spelling == "inside-folder" else [str(target)]
    before = _digest(inputs)
    result = run_cli("check", *paths, "--format", "json", "--output", output, "--lang", "en")
    assert result.code == 2
    assert "the output would overwrite the input file" in result.err
    assert _digest(inputs) == before
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == [
        "a.yaml",
        "b.json",
        "c.csv",
        "d.xlsx",
    ]


def test_template_output_replaces_the_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    out.write_text("old", encoding="utf-8")
    assert run_cli("template", "dushanzi", "2024", "--output", str(out)).code == 0
    assert "indicators:" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]  # no temporary file left


# A run of planck whose output is written slowly: half the text, a signal to the test on
# stderr, then a long sleep in the middle of the write, as if the disk were slow.
SLOW_WRITE = """
import os, sys, time
import planck.atomic as atomic
real_fdopen = os.fdopen
class Slow:
    # Outputs may be written in pieces: stall once more than 100 kB are on disk.
    def __init__(self, handle): self.handle = handle; self.written = 0
    def __enter__(self): return self
    def __exit__(self, *exc): return self.handle.__exit__(*exc)
    def write(self, text):
        self.handle.write(text)
        data = text if isinstance(text, bytes) else text.encode()
        before, self.written = self.written, self.written + len(data)
        if before <= 100_000 < self.written:
            self.handle.flush(); os.fsync(self.handle.fileno())
            sys.stderr.write("HALF WRITTEN\\n"); sys.stderr.flush()
            time.sleep(60)
    def __getattr__(self, name): return getattr(self.handle, name)
atomic.os.fdopen = lambda *a, **k: Slow(real_fdopen(*a, **k))
from planck.cli import run
run()  # the `planck` command itself, with its signal handling
"""

# A run interrupted while it evaluates (before any output).
SLOW_EVALUATE = """
import sys, time
import planck.engine.check as check
real = check.evaluate
def slow(*args, **kwargs):
    sys.stderr.write("EVALUATING\\n"); sys.stderr.flush()
    time.sleep(60)
    return real(*args, **kwargs)
check.evaluate = slow
from planck.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("PLANCK_LANG", None)
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for(process: subprocess.Popen[str], line: str) -> None:
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        got = process.stderr.readline()
        if line in got:
            return
        if not got and process.poll() is not None:
            break
    process.kill()
    raise AssertionError(f"the run never printed {line!r} (exit {process.poll()})")


def _big_input(folder: Path) -> Path:
    """Enough reports that the JSON output is large (several hundred kB)."""
    folder.mkdir()
    rows = [HEADER_EN[:4]]
    for year in range(2021, 2026):
        for i in range(400):
            rows.append(["dushanzi", year, f"unknown_indicator_{i}", i])
    (folder / "many.csv").write_text(csv_text(rows), encoding="utf-8")
    (folder / "r.yaml").write_text(REPORT.replace("2023", "2020"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT", "SIGTERM"])
def test_an_output_interrupted_mid_write_leaves_the_old_file(tmp_path: Path, how: str) -> None:
    folder = _big_input(tmp_path / "in")
    out = tmp_path / "out" / "result.json"
    out.parent.mkdir()
    out.write_text('{"old": true}\n', encoding="utf-8")
    process = _start(SLOW_WRITE, "check", str(folder), "--format", "json", "--output", str(out))
    _wait_for(process, "HALF WRITTEN")
    temps = [p for p in out.parent.iterdir() if p != out]
    assert (
        len(temps) == 1
        and temps[0].name.startswith(".result.json.")
        and temps[0].name.endswith(".tmp")
    )
    assert temps[0].stat().st_size > 100_000  # half of the new output is on disk...
    assert out.read_text(encoding="utf-8") == '{"old": true}\n'  # ...but not in the file
    process.send_signal(getattr(signal, how))
    _, err = process.communicate(timeout=60)
    assert out.read_text(encoding="utf-8") == '{"old": true}\n'
    left = sorted(p.name for p in out.parent.iterdir())
    if how == "SIGINT":
        assert process.returncode == 130
        assert "Traceback" not in err and "interrupted" in err
        assert left == ["result.json"]  # Ctrl-C removes the temporary file
    elif how == "SIGTERM":  # how CI runners and `timeout` stop a job: as Ctrl-C, but 143
        assert process.returncode == 143
        assert "Traceback" not in err and "terminated" in err
        assert left == ["result.json"]
    else:
        assert process.returncode == -signal.SIGKILL
        # only a kill that no program can catch leaves the hidden temporary file behind
        assert left[1:] == ["result.json"] and left[0].startswith(".result.json.")
    # and the next run writes the new file whole
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "planck",
            "check",
            str(folder),
            "--format",
            "json",
            "--output",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr  # r.yaml's 2020 is outside the period, by design
    import json

    assert json.loads(out.read_text(encoding="utf-8"))["tool"]["name"] == "planck"


def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(REPORT, encoding="utf-8")
    process = _start(SLOW_EVALUATE, "check", str(report))
    _wait_for(process, "EVALUATING")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert "interrupted / 已中断" in err
    assert out == ""
