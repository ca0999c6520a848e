"""Golden files: every output format of `planck check` and `planck report` on the examples,
compared byte for byte with tests/golden/. Regenerate after an intended change with

    PLANCK_UPDATE_GOLDEN=1 pytest tests/acceptance/test_formats_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("PLANCK_UPDATE_GOLDEN") == "1"

EXAMPLES = ("dushanzi", "karamay", "failing")
EXPECTED_CODE = {"dushanzi": 0, "karamay": 0, "failing": 1}
CHECK_FORMATS = {
    "text": "txt",
    "json": "json",
    "junit": "xml",
    "sarif": "sarif",
    "github": "github.txt",
    "markdown": "md",
}
REPORT_FORMATS = {"text": "txt", "html": "html", "markdown": "md", "svg": "svg"}


@pytest.fixture(autouse=True)
def fixed_check_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The HTML report prints the date of the check: pin it (reproducible-builds style)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 UTC


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"no golden file {path}; run with PLANCK_UPDATE_GOLDEN=1 to create it")
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        # Show where they part, not two walls of text.
        for number, (a, b) in enumerate(
            zip(actual.splitlines(), expected.splitlines(), strict=False), 1
        ):
            if a != b:
                pytest.fail(f"{name}: line {number} differs\n  got:      {a!r}\n  expected: {b!r}")
        pytest.fail(f"{name}: differs in length ({len(actual)} vs {len(expected)} characters)")


CHECK_CASES = [(ex, fmt, "zh") for ex in EXAMPLES for fmt in CHECK_FORMATS] + [
    ("failing", fmt, "en") for fmt in CHECK_FORMATS
]


@pytest.mark.parametrize(("example", "fmt", "lang"), CHECK_CASES)
def test_check_format_matches_golden(example: str, fmt: str, lang: str) -> None:
    result = run_cli("check", f"examples/{example}", "--format", fmt, "--lang", lang)
    assert result.code == EXPECTED_CODE[example], result.err
    assert_golden(f"check/{example}.{lang}.{CHECK_FORMATS[fmt]}", result.out)


# SVG is large (about 120 kB a report year): one example is enough to pin it.
REPORT_CASES = [(ex, fmt, "zh") for ex in EXAMPLES for fmt in ("text", "html", "markdown")] + [
    ("failing", "svg", "zh"),
    ("failing", "text", "en"),
    ("failing", "html", "en"),
    ("failing", "markdown", "en"),
]


@pytest.mark.parametrize(("example", "fmt", "lang"), REPORT_CASES)
def test_report_format_matches_golden(example: str, fmt: str, lang: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{REPORT_FORMATS[fmt]}"
    result = run_cli("report", f"examples/{example}", f"--{fmt}", str(out), "--lang", lang)
    assert result.code == EXPECTED_CODE[example], result.err
    assert result.out == ""  # written to the file, nothing printed
    assert_golden(f"report/{example}.{lang}.{REPORT_FORMATS[fmt]}", out.read_text("utf-8"))


def test_golden_outputs_are_stable_across_runs(tmp_path: Path) -> None:
    """Two runs, byte-identical: no timestamps, no dict or set order, no absolute paths."""
    for fmt in CHECK_FORMATS:
        first = run_cli("check", "examples/karamay", "--format", fmt).out
        second = run_cli("check", "examples/karamay", "--format", fmt).out
        assert first == second, fmt
        assert str(ROOT) not in first, fmt
    for fmt, ext in REPORT_FORMATS.items():
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        run_cli("report", "examples/karamay", f"--{fmt}", str(a))
        run_cli("report", "examples/karamay", f"--{fmt}", str(b))
        assert a.read_bytes() == b.read_bytes(), fmt
        assert str(ROOT) not in a.read_text("utf-8"), fmt
