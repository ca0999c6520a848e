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


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worth_it(files: list[Path], jobs: int) -> bool:
    """Whether to share the files out among workers (a few large spreadsheets are checked in
    one process: they cannot be shared out by file)."""
    return jobs > 1 and len(files) >= MIN_FILES and hasattr(os, "fork")
