"""Whether a check is worth worker processes (planck.engine runs them).

Kept apart from the worker machinery so that deciding costs no imports: a check of a few files
never loads the worker machinery.
"""

from __future__ import annotations

import os
from pathlib import Path

# Below this many files one process is about as fast: forking and the two rounds cost a few
# milliseconds, and a single spreadsheet cannot be shared out anyway.
MIN_FILES = 64
MIN_SHARE = 32  # files per worker, at least: more workers than that would cost more than they save
MIN_REPORTS = 200  # reports per worker, at least, when only evaluation is shared out
# Report files with fewer than MIN_FILES are worth workers when spreadsheets of at least this
# many bytes in all are among them: some 600 reports of six indicators in CSV, 1,000 in XLSX.
# Two workers save about 80 µs a report of evaluating and rendering, and cost some 20-30 ms.
BIG_TABLES = 128 << 10


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worth_it(files: list[Path], jobs: int) -> bool:
    """Whether to share the files out among workers (else see big_tables)."""
    return jobs > 1 and len(files) >= MIN_FILES and hasattr(os, "fork")


def sharing(files: list[Path], jobs: int) -> bool | None:
    """How to use ``jobs`` workers on ``files``: True to share out the files themselves (see
    worth_it), False to parse here and share out the evaluation (see big_tables), None to stay
    in one process. (planck.engine uses worth_it only: a few large spreadsheets are checked in
    one process.)"""
    if worth_it(files, jobs):
        return True
    return False if big_tables(files, jobs) else None


def big_tables(files: list[Path], jobs: int) -> bool:
    """Whether a few files hold enough spreadsheet rows for workers to share the evaluation."""
    if jobs < 2 or not hasattr(os, "fork"):
        return False
    size = 0
    for file in files:
        if file.suffix.lower() in (".csv", ".xlsx"):
            try:
                size += file.stat().st_size
            except OSError:
                continue
    return size >= BIG_TABLES
