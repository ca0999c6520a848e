"""`planck report` files are the same whatever the environment says about the terminal: the
console that lays them out is given every setting Rich would otherwise read from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from planck.engine.check import exit_code, run_check
from planck.render import RenderContext, get_report_renderer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HOSTILE = {
    "COLUMNS": "37",
    "LINES": "3",
    "NO_COLOR": "1",
    "FORCE_COLOR": "1",
    "TTY_COMPATIBLE": "1",
    "TTY_INTERACTIVE": "1",
    "TERM": "dumb",
    "COLORTERM": "",
}


def _render(name: str) -> str:
    run = run_check([str(EXAMPLES / "dushanzi"), str(EXAMPLES / "failing")])
    ctx = RenderContext(run=run, exit_code=int(exit_code(run)), lang="zh")
    return get_report_renderer(name).render(ctx)


@pytest.mark.parametrize("name", ["text", "svg", "html", "markdown"])
def test_report_files_do_not_depend_on_the_terminal_environment(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in HOSTILE:
        monkeypatch.delenv(key, raising=False)
    plain = _render(name)
    for key, value in HOSTILE.items():
        monkeypatch.setenv(key, value)
    assert _render(name) == plain
    if name == "text":  # laid out for the file's own width, not $COLUMNS
        assert max(len(line) for line in plain.splitlines()) > 37
