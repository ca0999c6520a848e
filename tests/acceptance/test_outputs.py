"""Several formats in one run, files written atomically and never over an input, exit codes of
`planck report`, and formats that must not load Rich."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planck.atomic import write_atomic
from tests.conftest import EXAMPLES, ROOT, run_cli, run_subprocess


def test_one_printed_format_and_the_others_written(tmp_path: Path) -> None:
    sarif, junit = tmp_path / "planck.sarif", tmp_path / "planck.xml"
    result = run_cli(
        "check",
        "examples/failing",
        "--format",
        "text",
        "--format",
        f"sarif={sarif}",
        "--format",
        f"junit={junit}",
    )
    assert result.code == 1
    assert result.out == run_cli("check", "examples/failing").out
    assert sarif.read_text("utf-8") == run_cli("check", "examples/failing", "-f", "sarif").out
    assert junit.read_text("utf-8") == run_cli("check", "examples/failing", "-f", "junit").out


def test_the_printed_format_need_not_be_first(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    result = run_cli("check", "examples/dushanzi", "-f", f"text={target}", "-f", "json")
    assert result.code == 0
    assert json.loads(result.out)["exit_code"] == 0
    assert "✓ 通过" in target.read_text("utf-8")


def test_output_still_names_the_file_of_a_single_format(tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    result = run_cli("check", "examples/failing", "--format", "sarif", "--output", str(target))
    assert result.code == 1 and result.out == ""
    assert json.loads(target.read_text("utf-8"))["version"] == "2.1.0"


def test_all_formats_to_files_print_nothing_but_diagnostics(write: Any, tmp_path: Path) -> None:
    write("bad.yaml", "planck: 1\njurisdiction: nowhere\nyear: 2023\nindicators: {}\n")
    result = run_cli("check", "bad.yaml", "-f", "json=a.json", "-f", "github=b.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("错误 bad.yaml:2:15: 未知地区“nowhere”")
    assert json.loads((tmp_path / "a.json").read_text("utf-8"))["errors"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "text", "-f", "json"], "only one format can be printed"),
        (["-f", "json=x.out", "-f", "sarif=x.out"], "same file"),
        (["-f", "json=a", "-o", "b"], "every --format already has a file"),
    ],
)
def test_format_combinations_that_make_no_sense(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = run_cli("check", str(EXAMPLES / "dushanzi"), "--lang", "en", *args, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


@pytest.mark.parametrize("spec", ["xml", "sarif="])
def test_bad_format_is_a_usage_error(spec: str) -> None:
    result = run_subprocess("check", "examples/dushanzi", "--format", spec)
    assert result.returncode == 2
    assert "argument --format/-f:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["check", "report"])
def test_never_writes_over_an_input(write: Any, tmp_path: Path, command: str) -> None:
    original = (EXAMPLES / "failing" / "dushanzi-2024.yaml").read_text("utf-8")
    report = write("in/2024.yaml", original)
    rules = write("rules.yaml", (ROOT / "rules" / "dushanzi-14th-fyp.yaml").read_text("utf-8"))
    option = ["-f", f"json={report}"] if command == "check" else ["--html", str(report)]
    result = run_cli(command, "in", *option, "--lang", "en", cwd=tmp_path)
    assert result.code == 2
    assert "would overwrite the input file" in result.err
    assert report.read_text("utf-8") == original
    # --rules files are inputs too (the rule set is refused as a duplicate id, but still read).
    option = ["-f", f"sarif={rules}"] if command == "check" else ["--markdown", str(rules)]
    result = run_cli(command, "in", "--rules", str(rules), *option, "--lang", "en", cwd=tmp_path)
    assert result.code == 2 and "would overwrite the input file" in result.err


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "report.html"
        write_atomic(target, "x")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o640)
        write_atomic(target, "y")  # replacing keeps the mode the file had
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert target.read_text() == "y"
        assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left
    finally:
        os.umask(old)


# --- planck report -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["examples/dushanzi"], 0),
        (["examples/dushanzi", "--strict"], 1),
        (["examples/karamay"], 0),
        (["examples/failing"], 1),
    ],
)
def test_report_exit_codes_follow_check(args: list[str], code: int) -> None:
    assert run_cli("report", *args).code == code
    assert run_cli("check", *args).code == code


def test_report_with_an_input_error_still_reports_the_rest(write: Any, tmp_path: Path) -> None:
    write("bad.yaml", "planck: 1\njurisdiction: dushanzi\nyear: 1999\nindicators: {}\n")
    write("2024.yaml", (EXAMPLES / "failing" / "dushanzi-2024.yaml").read_text("utf-8"))
    result = run_cli("report", "bad.yaml", "2024.yaml", "--html", "r.html", cwd=tmp_path)
    assert result.code == 2
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "输入错误" in page and "bad.yaml:3:7" in page
    assert "独山子区 2024 年" in page  # the good report is in the page
    assert "bad.yaml:3:7" in result.err


def test_report_prints_to_the_terminal_without_a_file_option() -> None:
    result = run_cli("report", "examples/failing", "--lang", "en")
    assert result.code == 1
    assert result.out.startswith("Plan target compliance report\nGenerated by: planck ")
    for part in ("Verdict", "Indicators that need attention", "Appendix: sources and quotes"):
        assert part in result.out


def test_report_writes_several_files_at_once(tmp_path: Path) -> None:
    names = {"html": "r.html", "svg": "r.svg", "markdown": "r.md", "text": "r.txt"}
    args = [x for fmt, name in names.items() for x in (f"--{fmt}", str(tmp_path / name))]
    result = run_cli("report", "examples/karamay", *args)
    assert result.code == 0 and result.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names.values())


# --- imports -------------------------------------------------------------------------------

PROBE = """
import sys
from planck.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'textual'})
sys.stderr.write('LOADED=' + ','.join(heavy) + '\\n')
"""


def _loaded(*args: str, cwd: Path = ROOT) -> set[str]:
    env = {**os.environ, "COLUMNS": "120"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("LOADED=")][-1]
    return {x for x in line.removeprefix("LOADED=").split(",") if x}


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "github", "markdown"])
def test_ci_formats_do_not_load_rich(fmt: str) -> None:
    assert _loaded("check", "examples/failing", "--format", fmt) == set()


def test_ci_formats_to_files_with_input_errors_do_not_load_rich(write: Any, tmp_path: Path) -> None:
    write("bad.yaml", "planck: 1\njurisdiction: nowhere\nyear: 2023\nindicators: {}\n")
    args = ("check", "bad.yaml", "-f", "sarif=a.sarif", "-f", "junit=a.xml")
    assert _loaded(*args, cwd=tmp_path) == set()


def test_text_and_report_load_rich_but_never_textual() -> None:
    assert _loaded("check", "examples/failing") == {"rich"}
    assert _loaded("report", "examples/failing") == {"rich"}


def test_pre_commit_hook_runs_planck_check_on_report_files(tmp_path: Path) -> None:
    import re
    import shlex

    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "planck-check"
    pattern = re.compile(hook["files"])
    for name in ("a.yaml", "a.yml", "a.json", "a.csv", "a.xlsx"):
        assert pattern.search(name), name
    assert not pattern.search("a.txt") and not pattern.search("a.py")
    # pre-commit appends the changed files to the entry, as here.
    entry = shlex.split(hook["entry"])
    assert entry[0] == "planck"
    files = [str(EXAMPLES / "failing" / "dushanzi-2023.yaml")]
    assert run_cli(*entry[1:], *files).code == 0
    files.append(str(EXAMPLES / "failing" / "dushanzi-2024.yaml"))
    assert run_cli(*entry[1:], *files).code == 1
