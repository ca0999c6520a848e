"""The command line behaves like the tools CI users know: global options before the command,
help in the chosen language with exit codes and examples, completion scripts, and a word
when $PLANCK_LANG names no language planck has."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli

COMMANDS = [["check"], ["report"], ["review"], ["template"], ["rules"], ["completion"]]


def test_global_options_may_stand_before_the_command() -> None:
    before = run_cli("--lang", "en", "check", "examples/dushanzi")
    after = run_cli("check", "examples/dushanzi", "--lang", "en")
    assert before.code == after.code == 0
    assert before.out == after.out
    assert "Passed" in before.out


def test_a_language_given_after_the_command_wins() -> None:
    result = run_cli("--lang", "en", "check", "examples/dushanzi", "--lang", "zh")
    assert "通过" in result.out


def test_rules_before_the_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "r.yaml"
    rules.write_bytes((ROOT / "rules" / "karamay-st-2025.yaml").read_bytes())
    text = rules.read_text(encoding="utf-8").replace("id: karamay-st-2025", "id: my-copy", 1)
    rules.write_text(text, encoding="utf-8")
    listed = run_cli("--rules", str(rules), "rules", "list")
    assert "my-copy" in listed.out


def _help(*words: str, env: dict[str, str] | None = None) -> str:
    environment = {**os.environ, "COLUMNS": "100", **(env or {})}
    environment.pop("PLANCK_LANG", None) if "PLANCK_LANG" not in (env or {}) else None
    done = subprocess.run(
        [sys.executable, "-m", "planck", *words, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("command", [["check"], ["report"], ["review"]])
def test_help_documents_exit_codes_and_examples_in_both_languages(command: list[str]) -> None:
    zh = _help(*command)
    en = _help(*command, "--lang", "en")
    for code in ("0", "1", "2", "130"):
        assert f"\n  {code} " in zh and f"\n  {code} " in en
    assert "退出码" in zh and "示例" in zh
    assert "exit codes" in en and "examples" in en
    assert f"planck {command[0]} " in zh and f"planck {command[0]} " in en


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_examples(command: list[str]) -> None:
    assert f"planck {command[0]}" in _help(*command, "--lang", "en").split("examples:")[1]


def test_help_follows_planck_lang() -> None:
    assert "退出码" in _help("check", env={"PLANCK_LANG": "zh"})
    assert "exit codes" in _help("check", env={"PLANCK_LANG": "en"})


def test_an_unknown_planck_lang_warns() -> None:
    environment = {**os.environ, "PLANCK_LANG": "fr"}
    done = subprocess.run(
        [sys.executable, "-m", "planck", "check", "examples/dushanzi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert done.returncode == 0
    assert "PLANCK_LANG='fr'" in done.stderr and "using zh" in done.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_scripts_know_the_commands(shell: str) -> None:
    result = run_cli("completion", shell)
    assert result.code == 0
    for word in ("check", "report", "review", "template", "--strict", "--format"):
        assert word in result.out


def test_the_bash_completion_script_completes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    script = tmp_path / "planck.bash"
    script.write_text(run_cli("completion", "bash").out, encoding="utf-8")
    probe = f"""
source {script}
COMP_WORDS=(planck ch); COMP_CWORD=1; COMP_LINE="planck ch"; COMP_POINT=${{#COMP_LINE}}
_shtab_planck 2>/dev/null || $(complete -p planck | sed 's/.*-F \\([^ ]*\\).*/\\1/')
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=60)
    assert "check" in done.stdout.split(), done.stdout + done.stderr


def test_markdown_full_lifts_the_comment_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = ["jurisdiction,year,indicator,value"]
    for year in (2021, 2022, 2023, 2024):
        for i in range(400):
            rows.append(f"dushanzi,{year},unknown_indicator_{i},{i}")
    (tmp_path / "many.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    cut = run_cli("check", str(tmp_path), "--format", "markdown", "--lang", "en")
    full = run_cli(
        "check", str(tmp_path), "--format", "markdown", "--lang", "en", "--markdown-full"
    )
    assert len(cut.out.encode("utf-16-le")) // 2 <= 65_536
    assert len(full.out) > len(cut.out)
    assert "--markdown-full" in cut.out and "--markdown-full" not in full.out


def _planck_stdin(data: bytes, *args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    environment = {**os.environ, "COLUMNS": "100"}
    environment.pop("PLANCK_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "planck", "check", *args],
        cwd=cwd,
        input=data.decode("utf-8"),
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def test_a_report_on_stdin_goes_by_its_stdin_name() -> None:
    data = (ROOT / "examples" / "failing" / "dushanzi-2023.yaml").read_bytes()
    done = _planck_stdin(data, "-", "--stdin-name", "reports/2023.yaml", "--format", "json")
    assert done.returncode == 0, done.stderr  # alone, without 2024's fall
    import json

    doc = json.loads(done.stdout)
    assert doc["reports"][0]["file"] == "reports/2023.yaml"
    located = [r["location"]["file"] for r in doc["reports"][0]["results"] if r["location"]]
    assert located and set(located) == {"reports/2023.yaml"}


def test_stdin_takes_its_format_from_the_stdin_name() -> None:
    done = _planck_stdin(
        b'{"jurisdiction": "dushanzi", "year": 2023, "indicators": {}}',
        "-",
        "--stdin-name",
        "r.json",
        "--lang",
        "en",
    )
    assert done.returncode == 1 and "r.json" in done.stdout
    bad = _planck_stdin(b"x", "-", "--stdin-name", "r.txt", "--lang", "en")
    assert bad.returncode == 2 and "--stdin-name" in bad.stderr
    two = _planck_stdin(b"x", "-", "-", "--lang", "en")
    assert two.returncode == 2 and "only one report" in two.stderr


def test_with_series_judges_a_report_against_the_reports_beside_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "reports"
    folder.mkdir()
    for year, spending in ((2022, 2200), (2023, 2310), (2024, 2000)):
        (folder / f"{year}.yaml").write_text(
            f"jurisdiction: dushanzi\nyear: {year}\nindicators:\n  fiscal_st_spending: {spending}\n",
            encoding="utf-8",
        )
    (folder / "broken.yaml").write_text("jurisdiction: [\n", encoding="utf-8")
    import json

    alone = json.loads(run_cli("check", str(folder / "2024.yaml"), "--format", "json").out)
    series = run_cli(
        "check", str(folder / "2024.yaml"), "--with-series", "--format", "json", "--lang", "en"
    )
    doc = json.loads(series.out)
    status = {r["rule"]: r["status"] for r in doc["reports"][0]["results"]}
    assert {r["rule"]: r["status"] for r in alone["reports"][0]["results"]}[
        "fiscal_st_spending"
    ] == "unassessed"
    assert status["fiscal_st_spending"] == "missed"  # 2000 < 2023's 2310
    assert [r["year"] for r in doc["reports"]] == [2024]  # only the report given is judged
    assert doc["errors"] == []  # a broken neighbour is a warning, not an input error
    assert any("could not be read" in w["message"] for w in doc["warnings"])
