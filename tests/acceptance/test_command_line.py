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
