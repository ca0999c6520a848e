"""Turn the paths on a command line into report files, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

from planck.errors import InputError, Location
from planck.i18n import msg

REPORT_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")


def display_path(path: Path, cwd: str | None = None) -> str:
    """The path as the user will recognise it: relative to the working directory when inside it.

    Pure string work (no symlink resolution), so that it costs nothing per file; pass ``cwd``
    when calling it for many files."""
    base = cwd if cwd is not None else os.getcwd()
    absolute = os.path.normpath(os.path.join(base, path))
    if absolute == base:
        return "."
    if absolute.startswith(base.rstrip(os.sep) + os.sep):
        inside = absolute[len(base.rstrip(os.sep)) + 1 :]
        return inside if os.sep == "/" else inside.replace(os.sep, "/")
    return path.as_posix()


def _walk(folder: Path) -> list[Path]:
    """Report files under a folder, recursively, skipping hidden files and folders; sorted."""
    found: list[tuple[tuple[str, ...], str]] = []
    pending: list[tuple[tuple[str, ...], str]] = [((), os.fspath(folder))]
    while pending:
        rel, root = pending.pop()
        try:
            entries = list(os.scandir(root))
        except OSError:  # unreadable or vanished: as os.walk, skip it
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):  # as os.walk: links to folders not followed
                    pending.append(((*rel, name), entry.path))
                elif os.path.splitext(name)[1].lower() in REPORT_SUFFIXES and entry.is_file():
                    found.append(((*rel, name), entry.path))
            except OSError:  # pragma: no cover - a broken entry
                continue
    return [Path(path) for _, path in sorted(found)]


def discover(paths: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files named directly are taken whatever their suffix; folders are searched recursively for
    report suffixes, skipping hidden entries. Duplicates (the same file twice) are dropped."""
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    cwd = os.getcwd()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _walk(path)
            if not found:
                errors.append(
                    InputError(
                        msg(
                            "目录中没有报告文件（.yaml .yml .json .csv .xlsx）",
                            "no report files (.yaml .yml .json .csv .xlsx) in this folder",
                        ),
                        Location(raw),
                    )
                )
            candidates = found
        elif path.exists():
            candidates = [path]
        else:
            errors.append(
                InputError(msg("文件或目录不存在", "no such file or folder"), Location(raw))
            )
            continue
        for file in candidates:
            key = os.path.normpath(os.path.join(cwd, file))  # os.path.abspath, one getcwd
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, errors
