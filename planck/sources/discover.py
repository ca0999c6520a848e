"""Turn the paths on a command line into report files, in a stable order."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
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


def _stat_error(exc: OSError, where: Location, path: str | os.PathLike[str]) -> InputError:
    """Why ``path`` cannot be stat'ed, in words a user can act on."""
    if exc.errno == errno.ELOOP:
        return InputError(
            msg(
                "符号链接形成循环（链接最终指向自身），无法读取",
                "a symbolic link loop (the link leads back to itself); it cannot be read",
            ),
            where,
        )
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return InputError(
                msg(
                    "符号链接指向的文件不存在（断开的链接）",
                    "a broken symbolic link (what it points to does not exist)",
                ),
                where,
            )
        return InputError(msg("文件或目录不存在", "no such file or folder"), where)
    if isinstance(exc, PermissionError):
        return InputError(msg("无权访问", "permission denied"), where)
    return InputError(
        msg("无法访问：{err}", "cannot access it: {err}", err=exc.strerror or type(exc).__name__),
        where,
    )


def _kind_words(mode: int) -> tuple[str, str] | None:
    """What a file that is not a regular file or folder is, or None for those two."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）", "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


def not_regular_error(mode: int, where: Location) -> InputError | None:
    """The input error for a file that is neither a regular file nor a folder (a FIFO, a
    device, a socket): such a file is never opened, since reading one may block for ever."""
    words = _kind_words(mode)
    if words is None:
        return None
    return InputError(
        msg(
            "这是{k_zh}，不是普通文件；planck 只读取普通文件",
            "this is {k_en}, not a regular file; planck reads regular files only",
            k_zh=words[0],
            k_en=words[1],
        ),
        where,
    )


def stat_input(path: str | os.PathLike[str], display: str) -> os.stat_result:
    """``os.stat`` of an input path (links followed), or the InputError that says why not."""
    try:
        return os.stat(path)
    except OSError as exc:
        raise _stat_error(exc, Location(display), path) from None
    except ValueError:  # a NUL byte in the name
        raise InputError(msg("文件名无效", "invalid file name"), Location(display)) from None


@dataclass(frozen=True, slots=True)
class Found:
    """One thing a walk came upon: a file with a wanted suffix and its status (links
    followed), or the input error that says why a folder or such a file cannot be read."""

    key: tuple[str, ...]  # the path's parts below the folder walked, for a stable order
    path: str
    status: os.stat_result | None
    error: InputError | None


def scan(folder: str | os.PathLike[str], suffixes: tuple[str, ...]) -> Iterator[Found]:
    """Files with ``suffixes`` under a folder, recursively, in no particular order; the one
    walk of folders planck has (the check and the review's watch both use it), so both see
    the same files. Hidden files and folders are skipped. A link to a file is followed; a link
    to a folder is not (as os.walk): a link loop could otherwise be walked for ever, and a
    link out of the tree would check reports nobody named. A folder that cannot be listed,
    and an entry with such a suffix that cannot be read as a file (a link loop, a broken link,
    a FIFO, a device), is found as an error: nothing is skipped in silence."""
    pending: list[tuple[tuple[str, ...], str]] = [((), os.fspath(folder))]
    while pending:
        rel, root = pending.pop()
        try:
            with os.scandir(root) as listing:
                entries = list(listing)
        except OSError as exc:
            yield Found(rel, root, None, _unlistable(exc, root))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(((*rel, name), entry.path))
                    continue
            except OSError:  # pragma: no cover - lstat of an entry just listed
                pass
            if os.path.splitext(name)[1].lower() not in suffixes:
                continue
            try:
                status = os.stat(entry.path)
            except OSError as exc:
                problem = _stat_error(exc, Location(entry.path), entry.path)
                yield Found((*rel, name), entry.path, None, problem)
                continue
            if stat.S_ISDIR(status.st_mode):
                continue  # a link to a folder: not followed
            not_regular = not_regular_error(status.st_mode, Location(entry.path))
            yield Found((*rel, name), entry.path, None if not_regular else status, not_regular)


def _unlistable(exc: OSError, root: str) -> InputError:
    problem = _stat_error(exc, Location(root), root)
    return InputError(
        msg(
            "无法列出该目录的内容（{why_zh}）",
            "cannot list this folder ({why_en})",
            why_zh=problem.message.render("zh"),
            why_en=problem.message.render("en"),
        ),
        Location(root),
    )


def walk(
    folder: str | os.PathLike[str], suffixes: tuple[str, ...]
) -> tuple[list[Path], list[InputError]]:
    """scan's files and errors, each sorted by path."""
    files: list[tuple[tuple[str, ...], str]] = []
    errors: list[tuple[tuple[str, ...], InputError]] = []
    for found in scan(folder, suffixes):
        if found.error is not None:
            errors.append((found.key, found.error))
        else:
            files.append((found.key, found.path))
    errors.sort(key=lambda item: item[0])
    return [Path(path) for _, path in sorted(files)], [e for _, e in errors]


def discover(paths: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files named directly are taken whatever their suffix; folders are searched recursively for
    report suffixes, skipping hidden entries. Duplicates (the same file twice) are dropped."""
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    cwd = os.getcwd()
    for raw in paths:
        path = Path(raw)
        try:
            mode = stat_input(path, raw).st_mode
        except InputError as exc:
            errors.append(exc)
            continue
        if stat.S_ISDIR(mode):
            found, problems = walk(path, REPORT_SUFFIXES)
            errors.extend(problems)
            if not found and not problems:
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
        else:
            problem = not_regular_error(mode, Location(raw))
            if problem is not None:
                errors.append(problem)
                continue
            candidates = [path]
        for file in candidates:
            key = os.path.normpath(os.path.join(cwd, file))  # os.path.abspath, one getcwd
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, errors
