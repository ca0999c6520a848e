"""planck review against hostile names and text: a file name never becomes an editor option or
command, and the save never writes over an input, a device, a FIFO or a folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Input

from planck.render.common import TARGET_CELL_MAX, VALUE_CELL_MAX, use_symbols_for
from planck.tui.app import ReviewApp
from planck.tui.editor import editor_command
from planck.tui.screens.modals import SaveScreen
from planck.tui.screens.overview import OverviewScreen
from tests.conftest import EXAMPLES
from tests.tui_support import new_app, run_async, settle

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE_NAMES = ["+:!touch PWNED;.yaml", "-c!touch PWNED.yaml", "--cmd=!touch PWNED.yaml"]


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A report folder whose only report has a name an editor could read as a command."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "dushanzi" / "2023.yaml", folder / HOSTILE_NAMES[0])
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("editor", ["vim", "nvim -u NONE", "nano", "emacs -nw", "micro", "ed"])
def test_the_file_is_never_an_option(
    name: str, editor: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = editor_command(name, 14, {"EDITOR": editor})
    assert argv[-1] == str(tmp_path / name)
    # every word planck adds is the line or the end of the options: nothing from the name
    added = argv[len(editor.split()) : -1]
    assert added in (["+14"], ["+14", "--"])


@pytest.mark.skipif(shutil.which("vim") is None, reason="needs vim")
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_vim_opens_a_hostile_name_as_a_file(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real editor: vim in ex mode, told (by EDITOR) to write what it opened elsewhere."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("line one\nline two\n", encoding="utf-8")
    out = tmp_path / "seen.txt"
    editor = f"vim -es -u NONE -i NONE '+w! {out}' '+q!'"
    argv = editor_command(name, 2, {"EDITOR": editor})
    subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=60, check=False)
    assert not (tmp_path / "PWNED").exists()
    assert out.read_text(encoding="utf-8") == "line one\nline two\n"


@run_async
async def test_e_passes_a_hostile_name_as_an_absolute_path(
    hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "argv.json"
    script = tmp_path / "editor.py"
    script.write_text(
        "import json, sys\nopen(sys.argv[1], 'w').write(json.dumps(sys.argv[2:]))\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script} {log}")
    app = new_app("reports")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
    assert json.loads(log.read_text(encoding="utf-8")) == [
        "+14",
        str(hostile / HOSTILE_NAMES[0]),
    ]
    assert not (tmp_path / "PWNED").exists()


def notes_of(app: ReviewApp) -> list[str]:
    """What the app tells the user in its notifications from now on (through App.notify)."""
    seen: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs: Any) -> None:
        seen.append(message)
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return seen


@run_async
async def test_an_unsplittable_editor_is_a_message(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "vim '-u")
    app = new_app("reports", lang="en")
    seen = notes_of(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.is_running
    assert any(note.startswith("cannot start the editor: $EDITOR") for note in seen)


async def save_as(app: ReviewApp, target: str) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SaveScreen)
        app.screen.query_one(Input).value = target
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert app.is_running


RULES = EXAMPLES.parent / "rules" / "dushanzi-14th-fyp.yaml"


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("fifo.html", "is a FIFO (named pipe)"),
        ("folder.md", "is a folder"),
        ("null.txt", "is a device"),  # a link to /dev/null: the device is never replaced
        ("reports/../reports/./link.html", "would overwrite the input file"),
        ("link.html", "would overwrite the input file"),
        ("rules.md", "would overwrite the input file"),
    ],
)
@run_async
async def test_save_refuses_what_is_not_a_new_regular_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, why: str
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(EXAMPLES / "dushanzi" / "2023.yaml", reports / "2023.yaml")
    shutil.copy(RULES, tmp_path / "rules.yaml")
    os.mkfifo(tmp_path / "fifo.html")
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "null.txt").symlink_to(os.devnull)
    # links, under names the save writes, to a report and to the rules
    (tmp_path / "link.html").symlink_to(reports / "2023.yaml")
    (reports / "link.html").symlink_to(reports / "2023.yaml")
    (tmp_path / "rules.md").symlink_to(tmp_path / "rules.yaml")
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in (reports / "2023.yaml", tmp_path / "rules.yaml")}
    app = new_app("reports", lang="en", rules=["rules.yaml"])
    seen = notes_of(app)
    await save_as(app, target)
    assert len(seen) == 1 and why in seen[0], seen
    assert {p: p.read_bytes() for p in before} == before
    assert (tmp_path / "fifo.html").is_fifo()
    assert (tmp_path / "null.txt").is_symlink() and (tmp_path / "null.txt").is_char_device()
    assert (tmp_path / "folder.md").is_dir()


@pytest.mark.parametrize("name", ["review.txt", "review.html"])
@run_async
async def test_save_writes_a_lone_surrogate_as_a_replacement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r.json").write_text(
        '{"planck": 1, "jurisdiction": "dushanzi", "year": 2023, "indicators": '
        '{"rd_intensity": {"value": 1.62, "note": "lone \\ud800 here"}}}',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    app = new_app("reports", lang="en")
    seen = notes_of(app)
    await save_as(app, name)
    assert seen == [f"Saving {name}…", f"Saved: {name}"]
    assert app.return_code in (None, 0)
    saved = (tmp_path / name).read_text(encoding="utf-8")
    assert "lone \ufffd here" in saved


TERMINAL = EXAMPLES.parent / "tests" / "data" / "hostile" / "terminal"


@run_async
async def test_the_rule_table_shows_escapes_and_huge_values_tamed(at_terminal_data: Path) -> None:
    app = new_app("testland-2023.yaml", lang="en", rules=["wide-rules.yaml"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        rows = [[str(getattr(c, "plain", c)) for c in table.get_row_at(n)] for n in range(2)]
        widths = [column.get_render_width(table) for column in table.ordered_columns]
    flat = "".join("".join(row) for row in rows)
    assert not RAW.search(flat)
    big = next(row for row in rows if "Big" in row[1])
    assert big[2].startswith("1e+300kilograms") and big[2].endswith("…")
    assert cell_len(big[2]) <= VALUE_CELL_MAX and cell_len(big[3]) <= TARGET_CELL_MAX
    assert sum(widths) <= 100


@pytest.fixture
def at_terminal_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(TERMINAL)
    return TERMINAL


# --- a terminal whose encoding lacks ✓ and ✗ ---------------------------------------------------

_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()=>][0-9A-Za-z]?"
)


def review_in_a_terminal(encoding: str, *args: str) -> str:
    """`planck review` in a pseudo-terminal of 100×30 with PYTHONIOENCODING=``encoding``: the
    characters it drew (escape sequences removed) until the table was up, then `q`."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    env = {**os.environ, "PYTHONIOENCODING": encoding, "TERM": "xterm-256color"}
    env.pop("COLUMNS", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: planck review on the terminal
        os.chdir(EXAMPLES.parent)
        os.execve(sys.executable, [sys.executable, "-m", "planck", "review", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    out = b""
    quit_sent = False
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:  # nothing for a minute: stop it and let the assertions say what is missing
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child has gone
            break
        if not chunk:
            break
        out += chunk
        if not quit_sent and b"unassessed" in _ESCAPES.sub(b"", out):
            os.write(fd, b"q")
            quit_sent = True
    os.waitpid(pid, 0)
    os.close(fd)
    return _ESCAPES.sub(b"", out).decode(encoding, "replace")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_the_review_marks_stay_apart_on_a_terminal_without_the_symbols(encoding: str) -> None:
    screen = review_in_a_terminal(encoding, "examples/dushanzi/2023.yaml", "--lang", "en")
    assert "v met" in screen and "v Passed" in screen
    assert "? unassessed" in screen and "! needs acceleration" in screen
    assert "? met" not in screen and "? Passed" not in screen
    assert "? needs" not in screen  # a separator that became "?" reads like a mark too


class _Gbk:
    encoding = "gbk"


class _Utf8:
    encoding = "utf-8"


@run_async
async def test_the_saved_review_keeps_the_symbols_the_screen_lacks(
    dushanzi_copy: Path,
) -> None:
    use_symbols_for(_Gbk())  # what `planck review` does on a GBK terminal
    try:
        app = new_app("reports", lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            assert str(getattr(table.get_row_at(1)[0], "plain", "")) == "v met"
        await save_as(new_app("reports", lang="en"), "review.txt")
    finally:
        use_symbols_for(_Utf8())
    saved = (dushanzi_copy.parent / "review.txt").read_text(encoding="utf-8")
    assert "✓ met" in saved and "v met" not in saved


@pytest.fixture
def dushanzi_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(EXAMPLES / "dushanzi", folder)
    monkeypatch.chdir(tmp_path)
    return folder
