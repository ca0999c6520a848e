"""Notice when the files under review change, by polling their modification times.

Polling a few thousand `stat` calls a second is cheap and needs no dependency; it also sees
files that appear in a watched folder, since the folders are searched again each time.
"""

from __future__ import annotations

from pathlib import Path

from planck.sources.discover import discover

RULE_SUFFIXES = (".yaml", ".yml", ".json")

Snapshot = dict[str, tuple[int, int, int]]  # path -> (mtime_ns, size, inode); (-1, -1, -1): gone


def _rule_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in RULE_SUFFIXES))
        else:
            out.append(path)
    return out


def snapshot(paths: list[str], rules: list[str]) -> Snapshot:
    """What the review depends on, now: every report file under ``paths`` and every rule file
    under ``rules``. Never raises for a missing or unreadable file."""
    files, _ = discover(paths)
    state: Snapshot = {}
    for path in [*files, *_rule_files(rules), *(Path(p) for p in paths)]:
        try:
            st = path.stat()
        except OSError:
            state[str(path)] = (-1, -1, -1)
            continue
        # Folders count only for their existence: their contents are listed above.
        state[str(path)] = (0, 0, 0) if path.is_dir() else (st.st_mtime_ns, st.st_size, st.st_ino)
    return state
