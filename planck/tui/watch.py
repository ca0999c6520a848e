"""Notice when the files under review change, by polling their modification times.

Polling needs no dependency and sees files that appear in a watched folder too. A poll walks
the folders with os.scandir and stats each report file once: a few milliseconds for thousands
of files, so it can run every second without slowing the screen.
"""

from __future__ import annotations

import os
from pathlib import Path

from planck.sources.discover import REPORT_SUFFIXES, scan

RULE_SUFFIXES = (".yaml", ".yml", ".json")

Snapshot = dict[str, tuple[int, int, int]]  # path -> (mtime_ns, size, inode); (-1, -1, -1): gone
GONE = (-1, -1, -1)


def _walk(folder: str, suffixes: tuple[str, ...], state: Snapshot) -> None:
    """Files with ``suffixes`` under ``folder``: the files the check reads (discover's scan,
    links to folders not followed); what cannot be read counts as gone."""
    for found in scan(folder, suffixes):
        st = found.status
        state[found.path] = GONE if st is None else (st.st_mtime_ns, st.st_size, st.st_ino)


def _add(path: str, suffixes: tuple[str, ...], state: Snapshot) -> None:
    if os.path.isdir(path):
        _walk(path, suffixes, state)
        return
    try:
        st = os.stat(path)
    except OSError:
        state[path] = GONE
        return
    state[path] = (st.st_mtime_ns, st.st_size, st.st_ino)


def snapshot(paths: list[str], rules: list[str]) -> Snapshot:
    """What the review depends on, now: every report file under ``paths`` (a file named
    directly counts whatever its suffix) and every rule file under ``rules``. Never raises."""
    state: Snapshot = {}
    for path in paths:
        _add(str(Path(path)), REPORT_SUFFIXES, state)
    for path in rules:
        _add(str(Path(path)), RULE_SUFFIXES, state)
    return state
