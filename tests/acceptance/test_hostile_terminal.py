"""What reaches the terminal from hostile input: no escape sequence from a rule set or a file
name, status marks that stay apart when the terminal's encoding lacks ✓ and ✗, a width when
COLUMNS is 0 or nonsense, and columns that stay on the screen whatever the value or unit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from planck.i18n import Lang, word
from planck.model import Status, status_label
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "hostile" / "terminal"
RULES = DATA / "escapes-rules.yaml"  # escape sequences in every word: refused when loaded
WIDE = DATA / "wide-rules.yaml"  # the same rule set without them: loads
REPORT = DATA / "testland-2023.yaml"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def planck(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[bytes]:
    """planck in a fresh interpreter, its output as bytes (in whatever encoding it chose)."""
    environment = {**os.environ, "COLUMNS": "100", **(env or {})}
    environment.pop("PLANCK_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "planck", *args],
        cwd=cwd,
        capture_output=True,
        env=environment,
        timeout=120,
    )


# --- escape sequences -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(REPORT), "--rules", str(RULES)],
        ["check", "--format", "markdown", str(REPORT), "--rules", str(RULES)],
        ["check", "--format", "github", str(REPORT), "--rules", str(RULES)],
        ["report", str(REPORT), "--rules", str(RULES)],
        ["rules", "list", "--rules", str(RULES)],
        ["rules", "show", "esc/a", "--rules", str(RULES)],
    ],
    ids=["check", "markdown", "github", "report", "rules-list", "rules-show"],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_escape_sequence_from_a_rule_set_reaches_the_terminal(
    args: list[str], lang: str
) -> None:
    done = planck(*args, "--lang", lang)
    out = done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
    assert done.returncode == 2, out  # the rule set is refused, each escape named …
    assert "U+001B" in out
    assert not RAW.search(out), RAW.findall(out)  # … and none of them reaches the terminal


def test_a_file_name_with_escapes_is_shown_cleaned(tmp_path: Path) -> None:
    name = "r\x1b]0;X\x07\x1b[31m.yaml"
    (tmp_path / name).write_bytes(REPORT.read_bytes())
    for args in (["check", name], ["report", name], ["check", "--format", "markdown", name]):
        done = planck(*args, "--rules", str(WIDE), cwd=tmp_path)
        out = done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
        assert done.returncode == 0, out
        assert "]0;X" in out and not RAW.search(out), args


# --- encodings without the symbols ------------------------------------------------------------

MARK_OF = {
    Status.MET: "v",
    Status.ON_TRACK: "v",
    Status.NEEDS_ACCELERATION: "!",
    Status.LIMITED_PROGRESS: "!",
    Status.DETERIORATING: "-",
    Status.MISSED: "x",
    Status.MISSING: "x",
    Status.INVALID: "x",
    Status.SUSPECT: "x",
    Status.UNASSESSED: "?",
    Status.REVIEW: "?",
}


def status_marks(text: str, lang: Lang) -> dict[Status, set[str]]:
    """The mark in front of each status word at the start of a table row."""
    found: dict[Status, set[str]] = {}
    for line in text.splitlines():
        for status in Status:
            word = status_label(status, lang)
            match = re.match(rf"^(\S+) {re.escape(word)}(\s|$)", line)
            if match:
                found.setdefault(status, set()).add(match.group(1))
    return found


ENCODED = [("ascii", "en"), ("latin-1", "en"), ("gbk", "zh"), ("gbk", "en"), ("cp1252", "en")]


@pytest.mark.parametrize(("encoding", "lang"), ENCODED)
@pytest.mark.parametrize("command", ["check", "report"])
def test_status_marks_stay_apart_without_the_symbols(
    encoding: str, lang: Lang, command: str
) -> None:
    done = planck(
        command,
        "examples/failing",
        "--lang",
        lang,
        env={"PYTHONIOENCODING": encoding},
    )
    assert done.returncode == 1
    text = done.stdout.decode(encoding)
    marks = status_marks(text, lang)
    for status in (Status.MISSED, Status.INVALID, Status.ON_TRACK, Status.UNASSESSED):
        assert status in marks, (status, text)
    for status, seen in marks.items():
        # ✓ and ✗ where the encoding has them (none of these has ✓), else their stand-ins
        assert seen == {MARK_OF[status]}, (status, seen)
    assert re.search(r"^x (未通过|Failed)", text, re.M), text


@pytest.mark.parametrize("encoding", ["ascii", "gbk"])
def test_symbols_in_tables_and_rules_list(encoding: str) -> None:
    done = planck("rules", "list", "--lang", "en", env={"PYTHONIOENCODING": encoding})
    text = done.stdout.decode(encoding)
    assert done.returncode == 0
    if encoding == "gbk":  # it has every Chinese character: a "?" would be a lost symbol
        assert "?" not in text
    assert ("≥ 2% (2025)" if encoding == "gbk" else ">= 2% (2025)") in text


def test_deteriorating_keeps_its_arrow_where_the_encoding_has_it() -> None:
    done = planck("check", "examples/dushanzi", env={"PYTHONIOENCODING": "gbk"})
    marks = status_marks(done.stdout.decode("gbk"), "zh")
    assert marks[Status.DETERIORATING] == {"↓"}
    assert marks[Status.MET] == {"v"}


# --- COLUMNS ---------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "", " "])
@pytest.mark.parametrize(
    "args",
    [["check", "examples/dushanzi"], ["report", "examples/dushanzi"], ["rules", "list"]],
    ids=["check", "report", "rules-list"],
)
def test_columns_that_make_no_width_fall_back_to_80(columns: str, args: list[str]) -> None:
    expected = planck(*args, env={"COLUMNS": "80"}).stdout  # (not a terminal: no other width)
    done = planck(*args, env={"COLUMNS": columns})
    assert done.stdout.strip()
    assert done.stdout == expected


# --- huge values and long units --------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_huge_value_and_a_long_unit_keep_the_columns(command: str, lang: Lang) -> None:
    done = planck(command, str(REPORT), "--rules", str(WIDE), "--lang", lang, env={"COLUMNS": "80"})
    text = done.stdout.decode("utf-8")
    assert done.returncode == 0
    lines = text.splitlines()
    assert all(cell_len(line.rstrip()) <= 80 for line in lines)
    if command == "report":
        # the results table, after the years table (which shows the value too)
        heading = word("report.reports", lang)
        lines = lines[next(k for k, line in enumerate(lines) if line.startswith(heading)) :]
    # rule b's value, target and ratio on one line, the unit cut rather than the number
    row = next(line for line in lines if "1e+300" in line)
    assert "1e+300kilograms…" in row and row.rstrip().endswith("—")
    # its status and name on their line, where every status is
    name = "Big" if lang == "en" else "大数"
    assert any(
        line.startswith("✓ " + status_label(Status.MET, lang)) and line.rstrip().endswith(name)
        for line in lines
    )


# --- a reader that goes away -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ("report examples/dushanzi", 0),  # Rich's own console exited 1 here: a passing run
        ("report examples/failing", 1),
        ("rules list", 0),
    ],
)
def test_a_printed_report_keeps_its_exit_code_when_the_reader_stops(args: str, code: int) -> None:
    command = f"'{sys.executable}' -m planck {args} | true; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr


def test_rule_set_file_names_with_escapes_are_shown_cleaned(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    good = "ok\x1b]0;TITLE\x07\x1b[31m.yaml"
    (folder / good).write_bytes(WIDE.read_bytes())
    (folder / "bad\x1b[41m.yaml").write_text("planck: 1\nid: [\n", encoding="utf-8")
    for args in (
        ["rules", "lint", str(folder)],
        ["rules", "list", "--rules", str(folder)],
        ["template", "testland", "2023", "--rules", str(folder)],
    ):
        done = planck(*args, "--lang", "en")
        out = done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
        assert done.returncode == 2, out  # the broken file is an error in each
        assert "]0;TITLE" in out or args[0] == "template", args
        assert not RAW.search(out), (args, RAW.findall(out))
