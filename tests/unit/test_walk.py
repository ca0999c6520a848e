"""One walk of folders (planck.sources.discover.scan): the check and the review's watch find
the same report files, and agree about symbolic links: a link to a file is read, a link to a
folder is not followed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from planck.sources.discover import discover
from planck.tui.watch import GONE, snapshot

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "dushanzi"

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")


def _tree(tmp_path: Path) -> Path:
    """reports/ with a report, a hidden one, a link to a report file outside, and a link to a
    folder of reports outside."""
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(EXAMPLES / "2022.yaml", outside / "2022.yaml")
    reports = tmp_path / "reports"
    (reports / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLES / "2023.yaml", reports / "sub" / "2023.yaml")
    shutil.copy(EXAMPLES / "2021.yaml", reports / ".hidden.yaml")
    (reports / "linked.yaml").symlink_to(outside / "2022.yaml")
    (reports / "folder-link").symlink_to(outside, target_is_directory=True)
    return reports


@needs_links
def test_the_check_follows_links_to_files_not_to_folders(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    files, errors = discover([str(reports)])
    assert errors == []
    assert [f.relative_to(reports).as_posix() for f in files] == ["linked.yaml", "sub/2023.yaml"]


@needs_links
def test_the_review_watches_exactly_the_files_the_check_reads(tmp_path: Path) -> None:
    reports = _tree(tmp_path)
    files, _ = discover([str(reports)])
    watched = {path for path, state in snapshot([str(reports)], []).items() if state != GONE}
    assert watched == {str(f) for f in files}


@needs_links
def test_a_broken_link_is_an_error_to_the_check_and_gone_to_the_watch(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    files, errors = discover([str(reports)])
    assert files == [] and len(errors) == 1
    assert errors[0].location is not None and errors[0].location.file.endswith("gone.yaml")
    assert snapshot([str(reports)], []) == {str(reports / "gone.yaml"): GONE}
