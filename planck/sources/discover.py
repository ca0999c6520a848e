"""Turn the paths on a command line into report files, in a stable order."""

from __future__ import annotations

from pathlib import Path

from planck.errors import InputError, Location
from planck.i18n import msg

REPORT_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")


def display_path(path: Path) -> str:
    """The path as the user will recognise it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files named directly are taken whatever their suffix; folders are searched recursively for
    report suffixes, skipping hidden entries. Duplicates (the same file twice) are dropped."""
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in REPORT_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
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
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, errors
