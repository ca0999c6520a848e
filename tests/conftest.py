"""Shared fixtures: paths to the project's examples and seeds, and a way to run the CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from planck.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None) -> CliResult:
    """Run planck in this process (fast), from ``cwd`` (default: the project root)."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(cwd or ROOT)
    env_backup = {k: os.environ.get(k) for k in ("COLUMNS", "NO_COLOR", "PLANCK_LANG")}
    os.environ["COLUMNS"] = "120"
    os.environ.pop("PLANCK_LANG", None)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(old)
        for key, value in env_backup.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return CliResult(code, out.getvalue(), err.getvalue())


def run_subprocess(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m planck` in a fresh interpreter (for import checks, signals, real exits)."""
    environment = {**(os.environ if env is None else env), "COLUMNS": "120"}
    environment.pop("PLANCK_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "planck", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture
def cli() -> object:
    return run_cli


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under tmp_path and return its path: write("a.yaml", "text")."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
