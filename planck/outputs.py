"""Where planck may write (SPEC §4): regular files only, never one of its inputs.

Every command that writes a file (``check -o``, ``--format NAME=FILE``, ``report --html …``,
``template -o``, the review's save) checks all its targets here before any work is done, and
writes through :func:`write_output`."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from planck.errors import UsageError
from planck.i18n import Msg, msg


def input_files(reports: Iterable[Path], rules: Sequence[str] = ()) -> list[Path]:
    """Every file planck reads in a run: the report files and the ``--rules`` files."""
    files = list(reports)
    for raw in rules:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in path.rglob("*") if p.is_file())
        elif path.exists():
            files.append(path)
    return files


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _not_regular(info: os.stat_result) -> Msg | None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return msg("是文件夹", "is a folder")
    if stat.S_ISFIFO(mode):
        return msg("是命名管道（FIFO）", "is a FIFO (named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("是设备", "is a device")
    if stat.S_ISSOCK(mode):
        return msg("是套接字", "is a socket")
    return msg("不是普通文件", "is not a regular file")


def _refuse(target: str, why: Msg) -> UsageError:
    return UsageError(
        msg(
            "不能写入 {p}：它{zh}；planck 只写普通文件",
            "cannot write {p}: it {en}; planck writes regular files only",
            p=target,
            zh=why.zh,
            en=why.en,
        )
    )


def check_targets(targets: Sequence[str], inputs: Sequence[Path]) -> list[Path]:
    """The paths to write ``targets`` to, in order, or a UsageError before any work is done:
    two outputs to one file, an output that is (by any spelling or link) one of the inputs, an
    existing path that is not a regular file (a device, a FIFO, a folder), or a missing folder.

    A target that is a symbolic link is written through: the file it points to is replaced
    and the link is kept, as a shell's ``>`` would."""
    protected = {ident for ident in map(_identity, inputs) if ident is not None}
    protected_paths = {os.path.realpath(item) for item in inputs}
    seen: set[str] = set()
    out: list[Path] = []
    for target in targets:
        real = os.path.realpath(target)
        if real in seen:
            raise UsageError(
                msg(
                    "两个输出写到同一个文件 {p}",
                    "two outputs would be written to the same file {p}",
                    p=target,
                )
            )
        seen.add(real)
        try:
            # stat the target as given: the kernel follows /dev/stdout and its kin to the
            # pipe or terminal they stand for, which realpath cannot name
            info: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise UsageError(
                msg("无法写入 {p}：{e}", "cannot write {p}: {e}", p=target, e=exc.strerror or exc)
            ) from None
        if real in protected_paths or (
            info is not None and (info.st_dev, info.st_ino) in protected
        ):
            raise UsageError(
                msg(
                    "输出不能覆盖输入文件 {p}",
                    "the output would overwrite the input file {p}",
                    p=target,
                )
            )
        if info is not None:
            why = _not_regular(info)
            if why is not None:
                raise _refuse(target, why)
        parent = os.path.dirname(real) or "."
        if not os.path.isdir(parent):
            raise UsageError(
                msg(
                    "无法写入 {p}：文件夹 {d} 不存在",
                    "cannot write {p}: the folder {d} does not exist",
                    p=target,
                    d=os.path.dirname(target) or ".",
                )
            )
        out.append(Path(real))
    return out


def write_output(path: Path, text: str | Iterable[str | bytes], shown: str | None = None) -> None:
    """Write one output file atomically; ``path`` comes from :func:`check_targets`."""
    from planck.atomic import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError(
            msg(
                "无法写入 {p}：{e}",
                "cannot write {p}: {e}",
                p=shown or str(path),
                e=exc.strerror or exc,
            )
        ) from None
