"""A reviewer's note full of things that mean something somewhere — HTML, Rich markup, `%`,
a comma, a colon, a newline, an ESC sequence — in a file whose name has a comma and a colon:
every format must show it as text and nothing else."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

NOTE = "<script>alert(1)</script> [bold red]red[/bold red] 100% a,b c:d\nline two \x1b[31mESC"
FILE = "note, test: 1.yaml"
REPORT = """\
planck: 1
jurisdiction: dushanzi
year: 2024
indicators:
  rd_intensity: 1.5
  tech_contract_value:
    value: null
    note: "<script>alert(1)</script> [bold red]red[/bold red] 100% a,b c:d\\nline two \\e[31mESC"
"""


@pytest.fixture
def hostile(write: Any, tmp_path: Path) -> Path:
    write(FILE, REPORT)
    return tmp_path


def check(cwd: Path, fmt: str) -> str:
    result = run_cli("check", FILE, "--format", fmt, cwd=cwd)
    assert result.code == 1, result.err
    return result.out


def report(cwd: Path, fmt: str) -> str:
    out = cwd / f"out.{fmt}"
    result = run_cli("report", FILE, f"--{fmt}", str(out), cwd=cwd)
    assert result.code == 1, result.err
    return out.read_text("utf-8")


def no_control_characters(text: str) -> None:
    assert "\x1b" not in text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


def test_the_yaml_note_really_holds_an_escape(hostile: Path) -> None:
    data = json.loads(check(hostile, "json"))
    (report_,) = data["reports"]
    (noted,) = [r for r in report_["results"] if "note" in r]
    assert noted["note"] == NOTE
    assert noted["status"] == "missing" and noted["severity"] == "error"


def test_json_keeps_the_note_exactly_and_escapes_control_characters(hostile: Path) -> None:
    out = check(hostile, "json")
    no_control_characters(out)  # ESC is written as \u001b
    assert "\\u001b[31m" in out


@pytest.mark.parametrize("runner", ["check", "report"])
def test_text_shows_markup_literally_without_the_escape(hostile: Path, runner: str) -> None:
    out = check(hostile, "text") if runner == "check" else report(hostile, "text")
    no_control_characters(out)
    flat = re.sub(r"\s+", "", out)  # the table may wrap the note anywhere
    assert "[boldred]red[/boldred]" in flat
    assert "<script>alert(1)</script>" in flat
    assert "\ufffd[31mESC" in flat  # ESC replaced by a visible mark, not interpreted


def test_junit_escapes_xml_and_drops_control_characters(hostile: Path) -> None:
    out = check(hostile, "junit")
    no_control_characters(out)
    assert "<script>" not in out and "&lt;script&gt;" in out
    root = ET.fromstring(out)  # well-formed
    (failure,) = [f for f in root.iter("failure") if "alert(1)" in (f.text or "")]
    assert failure.get("type") == "missing"
    body = failure.text or ""
    assert "<script>alert(1)</script> [bold red]red[/bold red] 100% a,b c:d\nline two" in body
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == f"{FILE} [dushanzi 2024]"
    assert suite.get("file") == FILE


def test_sarif_keeps_the_note_as_plain_text(hostile: Path) -> None:
    out = check(hostile, "sarif")
    no_control_characters(out)
    assert "\\u001b" not in out
    run = json.loads(out)["runs"][0]
    (result,) = [r for r in run["results"] if r.get("properties", {}).get("note")]
    assert (
        "<script>alert(1)</script> [bold red]red[/bold red] 100% a,b c:d\nline two"
        in (result["message"]["text"])
    )
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "note%2C%20test%3A%201.yaml"


def test_github_annotations_escape_data_and_properties(hostile: Path) -> None:
    out = check(hostile, "github")
    no_control_characters(out)
    lines = out.splitlines()
    (noted,) = [x for x in lines if "alert(1)" in x]
    assert noted.startswith("::error file=note%2C test%3A 1.yaml,line=7,col=12,title=")
    head, sep, data = noted[2:].partition("::")
    assert sep and "%" not in head.replace("%2C", "").replace("%3A", "").replace("%25", "")
    assert "100%25 a,b c:d%0Aline two" in data
    assert "\n" not in noted and "\r" not in noted
    # Every line is a command or the final verdict: the note's newline made no line of its own.
    assert all(x.startswith("::") or x.startswith("planck: ") for x in lines)


@pytest.mark.parametrize("runner", ["check", "report"])
def test_markdown_shows_the_note_as_text(hostile: Path, runner: str) -> None:
    out = check(hostile, "markdown") if runner == "check" else report(hostile, "markdown")
    no_control_characters(out)
    assert "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "\\[bold red\\]red\\[/bold red\\]" in out
    assert "100% a,b c\\:d<br>line two" in out
    # Every table row still has its six cells: the note's newline and pipes broke none.
    for line in out.splitlines():
        if line.startswith("| ") and "alert(1)" in line:
            assert len(re.findall(r"(?<!\\)\|", line)) == 7


@pytest.mark.parametrize("fmt", ["html", "svg"])
def test_html_and_svg_escape_everything(hostile: Path, fmt: str) -> None:
    out = report(hostile, fmt)
    no_control_characters(out)
    assert "<script" not in out
    assert "&lt;script&gt;" in out
    space = " " if fmt == "html" else "&#160;"  # Rich's SVG keeps spaces as no-break spaces
    assert f"[bold{space}red]red[/bold{space}red]" in out  # Rich markup never interpreted
    if fmt == "html":
        assert "note, test: 1.yaml" in out
        assert "100% a,b c:d<br>line two" in out
