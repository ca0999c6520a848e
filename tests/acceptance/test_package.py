"""The package users install: a name of its own on the package index, the `planck` command,
its licence and where to find the project."""

from __future__ import annotations

import email
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return zipfile.ZipFile(next(Path(out).glob("*.whl")))


def _member(wheel: zipfile.ZipFile, suffix: str) -> str:
    (name,) = [n for n in wheel.namelist() if n.endswith(suffix)]
    return wheel.read(name).decode("utf-8")


def test_the_distribution_is_not_the_unrelated_planck(wheel: zipfile.ZipFile) -> None:
    # "planck" on the package index is another project (physical constants)
    metadata = email.message_from_string(_member(wheel, ".dist-info/METADATA"))
    assert metadata["Name"] == "planck-check"
    assert any(n.startswith("planck/") for n in wheel.namelist())  # import name unchanged


def test_the_command_is_planck(wheel: zipfile.ZipFile) -> None:
    entry_points = _member(wheel, ".dist-info/entry_points.txt")
    assert "planck = planck.cli:run" in entry_points


def test_licence_and_project_urls(wheel: zipfile.ZipFile) -> None:
    metadata = email.message_from_string(_member(wheel, ".dist-info/METADATA"))
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in wheel.namelist())
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL"))
    assert {"Homepage", "Changelog", "Issues"} <= set(urls)
    assert all(u.startswith("https://") for u in urls.values())
