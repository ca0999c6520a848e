"""Start-up is paid on every CI run: `planck check` loads only what the run needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PROBE = """
import contextlib, io, json, sys
from planck.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)))
"""

RENDERERS = {
    "text": "planck.render.text",
    "json": "planck.render.json",
    "junit": "planck.render.junit",
    "sarif": "planck.render.sarif",
    "github": "planck.render.github",
    "markdown": "planck.render.markdown",
}
NEVER_FOR_CHECK = {"textual", "planck.tui", "planck.render.html", "planck.render.report"}


def modules_after(*args: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(proc.stdout.splitlines()[-1]))


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_check_imports_only_its_own_renderer(fmt: str) -> None:
    loaded = modules_after("check", "--format", fmt, "examples/dushanzi")
    assert RENDERERS[fmt] in loaded
    others = {module for name, module in RENDERERS.items() if name != fmt}
    assert not loaded & others, loaded & others
    assert not loaded & NEVER_FOR_CHECK
    if fmt != "text":
        assert "rich" not in loaded


def test_yaml_reports_do_not_load_the_spreadsheet_or_schema_libraries() -> None:
    loaded = modules_after("check", "--format", "json", "examples/dushanzi")
    assert not {"openpyxl", "defusedxml", "jsonschema", "csv"} & loaded


def test_a_few_reports_do_not_load_the_worker_machinery() -> None:
    # Worker processes only pay from 64 files on; a CI run over one district's reports should
    # not import what they need (the process pool, multiprocessing).
    loaded = modules_after("check", "--format", "json", "examples/dushanzi")
    assert "planck.engine.pool" not in loaded
    assert "multiprocessing" not in loaded


def test_a_valid_user_rule_set_is_checked_without_jsonschema(tmp_path: Path) -> None:
    # The quick schema check passes it; jsonschema (some 50 ms to import) is for describing
    # what is wrong with a rule set, and a broken one still gets it.
    good = ROOT / "rules" / "dushanzi-14th-fyp.yaml"
    loaded = modules_after("check", "-f", "json", "--rules", str(good), "examples/dushanzi")
    assert "planck.rulesets.quickcheck" in loaded
    assert "jsonschema" not in loaded
    broken = tmp_path / "broken.yaml"
    broken.write_text(good.read_text("utf-8").replace("binding: true", "binding: 1", 1), "utf-8")
    loaded = modules_after("check", "-f", "json", "--rules", str(broken), "examples/dushanzi")
    assert "jsonschema" in loaded
