"""Read an input file's bytes within a size limit and decode them (SPEC §2)."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from planck.errors import InputError, Location
from planck.i18n import msg

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
GB18030_BOM = b"\x84\x31\x95\x33"


def read_limited(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole file, refusing it before reading if it is larger than ``max_bytes``."""
    where = Location(display)
    from planck.sources.discover import not_regular_error, stat_input

    mode = stat_input(path, display).st_mode
    if stat.S_ISDIR(mode):
        raise InputError(msg("这是一个目录", "is a directory"), where)
    problem = not_regular_error(mode, where)
    if problem is not None:  # a FIFO or device: never opened, a read could block for ever
        raise problem
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after the stat, the open does not
        # wait for a writer, and the fstat below refuses it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            problem = not_regular_error(status.st_mode, where)
            if problem is not None:
                raise problem
            size = status.st_size
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
    not_text = _container(data, display)
    if not_text is not None:
        raise not_text
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or _looks_utf32(data):
        raise InputError(
            msg(
                "文件是 UTF-32 编码；请另存为 UTF-8",
                "file is UTF-32 encoded; save it as UTF-8",
            ),
            Location(display, 1, 1),
        )
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
    if data.startswith(GB18030_BOM):  # GB18030's own byte-order mark (U+FEFF encoded)
        try:
            text = data[len(GB18030_BOM) :].decode("gb18030")
        except UnicodeDecodeError as error:
            raise _bad_byte(data, error.start + len(GB18030_BOM), display, "GB18030") from None
        return _no_nul(text, display)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if _mostly_utf8(data):
            # UTF-8 text with a stray byte: decoding it all as GB18030 would turn every
            # Chinese character into mojibake and report a problem somewhere else
            raise _bad_byte(data, utf8_error.start, display, "UTF-8") from None
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
    return _no_nul(text, display)


def _looks_utf32(data: bytes) -> bool:
    """UTF-32 without a byte-order mark: in each group of four bytes of ASCII or Chinese
    text, at least two are NUL (UTF-16 text has at most one NUL per pair)."""
    head = data[:64]
    if len(head) < 8 or len(head) % 4:
        head = head[: len(head) - len(head) % 4]
    if len(head) < 8:
        return False
    groups = [head[i : i + 4] for i in range(0, len(head), 4)]
    return all(g.count(0) >= 2 for g in groups) and (
        all(g[2:] == b"\0\0" for g in groups) or all(g[:2] == b"\0\0" for g in groups)
    )


_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb", ".xltx")


def _container(data: bytes, display: str) -> InputError | None:
    """A zip archive (an Excel workbook, an Office document) or an old binary Office file
    given where text is expected: said for what it is, with what to do."""
    suffix = os.path.splitext(display)[1].lower()
    where = Location(display)
    if data.startswith(b"PK\x03\x04"):
        if suffix in _MACRO_SUFFIXES:
            return InputError(
                msg(
                    "这是 Excel 工作簿（{suffix}），planck 不支持该格式：请在 Excel 或 WPS 中"
                    "另存为“Excel 工作簿（.xlsx）”",
                    "this is an Excel workbook ({suffix}), a format planck does not read: save "
                    "it as an Excel Workbook (.xlsx) in Excel or WPS",
                    suffix=suffix,
                ),
                where,
            )
        return InputError(
            msg(
                "这是 zip 压缩文件（Excel 的 .xlsx 工作簿就是这种文件），不是文本：若它是 "
                "Excel 工作簿，请把扩展名改为 .xlsx",
                "this is a zip archive (as an Excel .xlsx workbook is), not text: if it is an "
                "Excel workbook, rename it to .xlsx",
            ),
            where,
        )
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return InputError(
            msg(
                "这是 Excel 97-2003（.xls）等旧式 Office 文件，不是文本：请另存为 .xlsx 或 CSV",
                "this is an old binary Office file such as an Excel 97-2003 (.xls) workbook, "
                "not text: save it as .xlsx or CSV",
            ),
            where,
        )
    return None


# A well-formed multi-byte UTF-8 sequence. GB18030 text rarely holds one by chance, UTF-8
# text with Chinese in it holds one for every character.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are still UTF-8 text with a few bad bytes:
    most of their non-ASCII bytes form well-formed UTF-8 sequences."""
    non_ascii = len(_NON_ASCII.findall(data))
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return in_sequences > 0 and in_sequences > (non_ascii - in_sequences) * 4


def _bad_byte(data: bytes, start: int, display: str, encoding: str) -> InputError:
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    # the column a text editor shows: characters, not bytes, before the bad one
    column = len(data[line_start:start].decode("utf-8", "replace")) + 1
    if encoding == "UTF-8":
        return InputError(
            msg(
                "第 {line} 行第 {column} 列的字节不是 UTF-8（0x{byte:02x}）；文件其余部分是 "
                "UTF-8：请改正该处字符，或把文件另存为 UTF-8",
                "the byte at line {line}, column {column} is not UTF-8 (0x{byte:02x}); the "
                "rest of the file is UTF-8: correct that character, or save the file as UTF-8",
                line=line,
                column=column,
                byte=data[start],
            ),
            Location(display, line, column),
        )
    return InputError(
        msg(
            "文件以 GB18030 字节顺序标记开头，但第 {line} 行第 {column} 列的字节不是 GB18030"
            "（0x{byte:02x}）",
            "the file starts with a GB18030 byte-order mark, but the byte at line {line}, "
            "column {column} is not GB18030 (0x{byte:02x})",
            line=line,
            column=column,
            byte=data[start],
        ),
        Location(display, line, column),
    )


def _no_nul(text: str, display: str) -> str:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            msg("文件含有 NUL 字节，不是文本文件", "file contains NUL bytes; it is not text"),
            Location(display, line),
        )
    return text
