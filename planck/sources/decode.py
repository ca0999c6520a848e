"""Read an input file's bytes within a size limit and decode them (SPEC §2)."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from planck.errors import InputError, Location
from planck.i18n import msg

DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def read_limited(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole file, refusing it before reading if it is larger than ``max_bytes``."""
    where = Location(display)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise InputError(
                    msg(
                        "文件过大（{size} 字节，上限 {limit} 字节；可用 --max-file-size 调整）",
                        "file is too large ({size} bytes; the limit is {limit} bytes, "
                        "see --max-file-size)",
                        size=size,
                        limit=max_bytes,
                    ),
                    where,
                )
            # Ask for what the size promises (a buffer of max_bytes for every small file would
            # cost more than the read); a file that grows while being read, or a pipe or device
            # whose size says nothing, is read on, still bounded.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    except IsADirectoryError as exc:
        raise InputError(msg("这是一个目录", "is a directory"), where) from exc
    except FileNotFoundError as exc:
        raise InputError(msg("文件不存在", "no such file"), where) from exc
    except PermissionError as exc:
        raise InputError(msg("无权读取该文件", "permission denied"), where) from exc
    except OSError as exc:
        raise InputError(
            msg("无法读取文件：{err}", "cannot read file: {err}", err=exc.strerror or exc), where
        ) from exc
    if len(data) > max_bytes:
        raise InputError(
            msg(
                "文件过大（超过 {limit} 字节）",
                "file is too large (over {limit} bytes)",
                limit=max_bytes,
            ),
            where,
        )
    return data


def decode_text(data: bytes, display: str) -> str:
    """UTF-8 (with or without BOM), else GB18030; anything else is an input error."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(data) >= 2 and (data[0] == 0 or data[1] == 0) and b"\x00" in data[:64]
    ):
        raise InputError(
            msg(
                "文件是 UTF-16 编码；请另存为 UTF-8",
                "file is UTF-16 encoded; save it as UTF-8",
            ),
            Location(display, 1, 1),
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, utf8_error.start) + 1
            column = utf8_error.start - (data.rfind(b"\n", 0, utf8_error.start) + 1) + 1
            raise InputError(
                msg(
                    "文件既不是 UTF-8 也不是 GB18030 编码（第一个无效字节 0x{byte:02x}）",
                    "file is neither UTF-8 nor GB18030 text (first bad byte 0x{byte:02x})",
                    byte=data[utf8_error.start],
                ),
                Location(display, line, column),
            ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            msg("文件含有 NUL 字节，不是文本文件", "file contains NUL bytes; it is not text"),
            Location(display, line),
        )
    return text
