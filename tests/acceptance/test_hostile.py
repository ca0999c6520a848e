"""The hostile-input corpus (tests/data/hostile/cases.yaml): every case ends with its exit code,
its message, and no traceback; nothing that must stay text reaches the output raw."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, run_cli, run_subprocess

HOSTILE = ROOT / "tests" / "data" / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text("utf-8"))
REPORT_LIKE = ("dushanzi", "2023", "rd_intensity")


def _generate(name: str, folder: Path) -> Path:
    """Cases too large (or too odd) to commit, made quickly in a temporary folder."""
    if name == "huge-100mb":
        path = folder / "huge.yaml"
        with open(path, "wb") as handle:  # sparse: 100 MiB on paper, a few bytes on disk
            handle.write(b"jurisdiction: dushanzi\n")
            handle.truncate(100 * 1024 * 1024)
        return path
    if name == "nul-bytes":
        path = folder / "nul.yaml"
        path.write_bytes(b"jurisdiction: dushanzi\nyear: 2023\x00\x00\nindicators: {}\n")
        return path
    if name == "long-line":
        path = folder / "long.yaml"
        note = "很长的备注 a very long note; " * 10_000  # about 340 kB on one line
        path.write_text(
            "jurisdiction: dushanzi\nyear: 2023\nindicators:\n"
            f'  rd_intensity: {{value: 1.62, note: "{note}"}}\n',
            encoding="utf-8",
        )
        return path
    if name == "many-indicators":
        path = folder / "many.yaml"
        lines = ["jurisdiction: dushanzi", "year: 2023", "indicators:", "  rd_intensity: 1.62"]
        lines += [f"  x{i}: {i}" for i in range(5_000)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    if name == "csv-huge-cell":
        path = folder / "huge-cell.csv"
        path.write_text(
            "jurisdiction,year,indicator,value,note\n"
            f'dushanzi,2023,rd_intensity,1.62,"{"x" * 200_000}"\n',
            encoding="utf-8",
        )
        return path
    raise AssertionError(f"no generator for {name}")


def _case_id(case: dict[str, Any]) -> str:
    name = case.get("file") or case["generate"]
    extra = " ".join([*case.get("command", []), *case.get("args", [])])
    return f"{name} {extra}".strip()


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_hostile_case(case: dict[str, Any], tmp_path: Path) -> None:
    if "file" in case:
        path = HOSTILE / case["file"]
        assert path.is_file(), f"{path} is missing: run make_cases.py"
        target = path.relative_to(ROOT).as_posix()
    else:
        target = str(_generate(case["generate"], tmp_path))
    command = case.get("command", ["check"])
    result = run_cli(*command, target, *case.get("args", []), "--lang", "en")
    output = result.out + result.err
    assert result.code == case["exit"], output[-2000:]
    assert "Traceback" not in output
    for fragment in case["expect"]:
        assert fragment in output, f"{fragment!r} not in:\n{output[-3000:]}"
    for fragment in case.get("absent", []):
        assert fragment not in output, f"{fragment!r} reached the output"


def test_every_file_of_the_corpus_has_a_case() -> None:
    listed = {c["file"] for c in CASES if "file" in c}
    present = {
        p.relative_to(HOSTILE).as_posix()
        for p in HOSTILE.rglob("*")
        if p.is_file() and p.name not in ("cases.yaml", "make_cases.py")
    }
    assert present - listed == set(), "files without a case in cases.yaml"
    assert listed - present == set(), "cases without a file"


def test_the_whole_corpus_in_one_real_process() -> None:
    """All the files at once, in a fresh interpreter: exit 2 (input errors), every report that
    can be read is still checked, and no traceback reaches stderr."""
    env_root = os.fspath(HOSTILE.relative_to(ROOT))
    result = run_subprocess("check", env_root, "--lang", "en", "--format", "json")
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    import json

    doc = json.loads(result.stdout)
    assert doc["exit_code"] == 2
    # many files hold a Dushanzi 2023 report: the first is checked, the others are errors
    files_with_reports = {r["file"].rsplit("/", 1)[-1] for r in doc["reports"]}
    assert "invalid-values-karamay.yaml" in files_with_reports
    assert any(r["jurisdiction"] == "dushanzi" and r["year"] == 2023 for r in doc["reports"])
    assert any("two reports for the same jurisdiction" in e["message"] for e in doc["errors"])
    error_files = {e["file"].rsplit("/", 1)[-1] for e in doc["errors"]}
    assert {"alias-bomb.yaml", "xlsx-entity-bomb.xlsx", "csv-semicolons.csv"} <= error_files
