"""`planck check` as users and CI run it: exit codes, outputs, isolation of bad inputs."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli, run_subprocess

GOLDEN = ROOT / "tests" / "golden"
GOOD = "jurisdiction: dushanzi\nyear: {year}\nindicators:\n{body}"
ALL_MET = "".join(
    f"  {rule}: {value}\n"
    for rule, value in [
        ("rd_intensity", 2.1),
        ("fiscal_st_spending", "{value: 2500, previous: 2400}"),
        ("industrial_rd_to_revenue", 1.1),
        ("industrial_firms_with_rd_share", 26),
        ("high_tech_firms_per_10k_firms", 151),
        ("high_tech_revenue_share", 26),
        ("rd_personnel_per_10k", 140),
        ("tech_contract_value", 0.6),
        ("invention_patents_per_10k", 4.5),
    ]
)


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PLANCK_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs; PLANCK_UPDATE_GOLDEN=1 to accept"
    )


def test_examples_dushanzi_pass_with_warnings() -> None:
    result = run_cli("check", "examples/dushanzi")
    assert result.code == 0
    assert "通过" in result.out and "警告" in result.out
    assert "Traceback" not in result.out + result.err


def test_failing_example_exits_1() -> None:
    result = run_cli("check", "examples/failing")
    assert result.code == 1
    assert "未通过" in result.out


def test_all_met_exits_0_even_with_strict(tmp_path: Path) -> None:
    (tmp_path / "2024.yaml").write_text(GOOD.format(year=2024, body=ALL_MET), encoding="utf-8")
    assert run_cli("check", str(tmp_path)).code == 0
    assert run_cli("check", "--strict", str(tmp_path)).code == 0


def test_strict_turns_warnings_into_failure() -> None:
    assert run_cli("check", "examples/karamay").code == 0
    result = run_cli("check", "--strict", "examples/karamay")
    assert result.code == 1
    assert "--strict" in result.out


def test_input_error_in_one_file_does_not_hide_the_others(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("jurisdiction: dushanzi\nyear: [\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", str(tmp_path / "bad.yaml"), "examples/dushanzi")
    assert result.code == 2
    doc = json.loads(result.out)
    assert doc["exit_code"] == 2
    assert [r["year"] for r in doc["reports"]] == [2021, 2022, 2023, 2024]
    assert len(doc["errors"]) == 1
    error = doc["errors"][0]
    assert error["file"].endswith("bad.yaml") and error["line"] == 3 and error["column"] == 1


def test_input_error_in_text_mode_goes_to_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- not a report\n", encoding="utf-8")
    result = run_cli("check", str(bad), "examples/dushanzi", "--lang", "en")
    assert result.code == 2
    assert "bad.yaml:1:1: a report must be a mapping" in result.err
    assert "Dushanzi" in result.out  # the good reports are still shown


def test_missing_path_is_exit_2() -> None:
    result = run_cli("check", "no/such/dir", "--lang", "en")
    assert result.code == 2
    assert "no such file or folder" in result.err


def test_usage_error_is_exit_2() -> None:
    proc = run_subprocess("check", "--format", "yaml", "examples/dushanzi")
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr
    assert run_subprocess().returncode == 2


def test_json_output_matches_golden() -> None:
    result = run_cli("check", "--format", "json", "examples/dushanzi", "examples/karamay")
    assert result.code == 0
    golden("check-examples.json", result.out)


def test_json_output_for_failing_matches_golden_in_english() -> None:
    result = run_cli("check", "--format", "json", "--lang", "en", "examples/failing")
    assert result.code == 1
    golden("check-failing.en.json", result.out)


def test_json_output_shape_follows_spec() -> None:
    doc = json.loads(run_cli("check", "--format", "json", "examples/failing").out)
    assert set(doc) >= {"tool", "exit_code", "summary", "reports", "errors", "warnings"}
    assert doc["tool"]["name"] == "planck"
    assert set(doc["summary"]) == {
        "met",
        "on_track",
        "needs_acceleration",
        "limited_progress",
        "deteriorating",
        "missed",
        "missing",
        "invalid",
        "suspect",
        "unassessed",
        "review",
    }
    results = {r["rule"]: r for r in doc["reports"][1]["results"]}
    missed = results["fiscal_st_spending"]
    assert (missed["status"], missed["severity"], missed["value"]) == ("missed", "error", 2180.0)
    assert results["tech_contract_value"]["value"] is None
    assert results["tech_contract_value"]["location"]["line"] > 0  # points at the `null`
    assert results["rd_personnel_per_10k"]["status"] == "invalid"
    located = results["rd_intensity"]["location"]
    assert set(located) == {"file", "line", "column"} and located["line"] > 0
    assert "ratio" in results["rd_intensity"] and "ratio" not in results["fiscal_st_spending"]


def test_json_is_byte_identical_across_runs() -> None:
    first = run_subprocess("check", "--format", "json", "examples/karamay").stdout
    second = run_subprocess("check", "--format", "json", "examples/karamay").stdout
    assert first == second and first


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = run_cli("check", "--format", "json", "--output", str(out), "examples/dushanzi")
    assert result.code == 0 and result.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["exit_code"] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temp file left


def test_output_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    report = tmp_path / "2024.yaml"
    original = GOOD.format(year=2024, body=ALL_MET)
    report.write_text(original, encoding="utf-8")
    result = run_cli("check", "--output", str(report), str(report))
    assert result.code == 2
    assert report.read_text(encoding="utf-8") == original


def test_english_labels() -> None:
    result = run_cli("check", "--lang", "en", "examples/dushanzi")
    assert "Status" in result.out and "Indicator" in result.out and "Passed" in result.out


def test_text_output_to_a_file_has_no_colour_codes(tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    run_cli("check", "--output", str(out), "examples/failing")
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "未达标" in text


def test_colour_follows_the_terminal_and_no_color(tmp_path: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    coloured = run_subprocess("check", "examples/failing", env=env)
    colour = re.compile("\x1b\\[[0-9;]*3[0-8][;m]")
    assert colour.search(coloured.stdout)
    env["NO_COLOR"] = "1"
    plain = run_subprocess("check", "examples/failing", env=env)
    assert not colour.search(plain.stdout)
    piped = run_subprocess("check", "examples/failing")
    assert "\x1b[" not in piped.stdout
    assert "✗ 未达标" in plain.stdout  # status is a word and a symbol, not colour alone


def test_user_data_reaches_the_terminal_without_markup_or_escapes(tmp_path: Path) -> None:
    body = '  fiscal_st_spending: {value: 2000, note: "[bold red]x[/] \\e[31mred \\e]8;;http://e\\a"}\n'
    (tmp_path / "r.yaml").write_text(GOOD.format(year=2023, body=body), encoding="utf-8")
    env = {**os.environ, "FORCE_COLOR": "1"}
    proc = run_subprocess("check", str(tmp_path), env=env)
    assert "[bold red]x[/]" in proc.stdout
    assert "\x1b[31mred" not in proc.stdout and "\x1b]8" not in proc.stdout
    assert "\ufffd[31mred" in proc.stdout


def test_check_does_not_import_textual_or_rich_for_json() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['planck', 'check', '--format', 'json', 'examples/dushanzi']\n"
        "from planck.cli import main\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    import subprocess

    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_text_check_does_not_import_textual() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from planck.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', 'examples/dushanzi'])\n"
        "print('textual' in sys.modules, 'rich' in sys.modules)\n"
    )
    import subprocess

    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.split() == ["False", "True"], proc.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_examples_have_no_unknown_indicators(lang: str) -> None:
    for folder in ("dushanzi", "karamay", "failing"):
        result = run_cli("check", "--lang", lang, str(EXAMPLES / folder))
        assert result.err == "", result.err


def test_json_escapes_characters_that_would_act_on_a_terminal(tmp_path: Path) -> None:
    note = "a\u202eb\x85c\x1bd\u2066e"
    body = f'  fiscal_st_spending: {{value: 2000, note: "{note}"}}\n'.replace("\x1b", "\\e")
    body = body.replace("\x85", "\\N")
    (tmp_path / "r.yaml").write_text(GOOD.format(year=2023, body=body), encoding="utf-8")
    out = run_cli("check", "--format", "json", str(tmp_path)).out
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out.replace("\n", ""))
    notes = [r.get("note") for r in json.loads(out)["reports"][0]["results"]]
    assert note in notes  # the same text, only escaped
