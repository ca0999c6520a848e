"""A crash of `planck review` ends with a non-zero exit code and a word on stderr, never a
silent 0 (a script or a CI step that opens the review must see that it failed)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

CRASH_ON_START = """
import planck.tui.app as app
def compose(self):
    raise RuntimeError("boom")
    yield
app.ReviewApp.compose = compose
from planck.cli import run
run()
"""


def test_a_crash_exits_non_zero_with_a_message() -> None:
    env = {
        **os.environ,
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
        "COLUMNS": "100",
    }
    done = subprocess.run(
        [sys.executable, "-c", CRASH_ON_START, "review", "examples/dushanzi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode != 0
    assert "the review stopped after an internal error" in done.stderr
