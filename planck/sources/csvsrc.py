"""CSV reports (SPEC §2): a comma-separated long table, UTF-8 (with or without BOM) or GB18030.

Locations are ``file:LINE``, the line where the row starts (the row number a spreadsheet shows,
unless a quoted cell spans several lines).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from planck.errors import InputError, InputErrors, Location
from planck.i18n import msg
from planck.model import Report
from planck.sources.context import ReadingContext
from planck.sources.decode import decode_text, read_limited
from planck.sources.table import (
    HEADER_SEARCH_ROWS,
    Problems,
    Row,
    TableReading,
    build_reports,
    column_of,
    find_table,
    text_cell,
)

# Separators people's tools use instead of the comma, with their names for messages.
_OTHER_SEPARATORS = {";": ("分号（;）", "semicolons (;)"), "\t": ("制表符", "tabs")}
_OTHER_SEPARATORS["\uff0c"] = ("全角逗号（，）", "full-width commas (，)")


def read_csv(path: Path, ctx: ReadingContext) -> list[Report]:
    text = decode_text(read_limited(path, ctx.display, ctx.max_bytes), ctx.display)
    return parse_csv(text, ctx)


def parse_csv(text: str, ctx: ReadingContext) -> list[Report]:
    display = ctx.display
    _check_separator(text, display)
    problems = Problems(Location(display))
    reading = TableReading(ctx, problems, extra_cells_are_errors=True)
    try:
        table = find_table(_rows(text, display), Location(display, 1), reading)
    except InputError as exc:
        problems.add(exc)
        problems.raise_if_any()
        raise  # pragma: no cover - raise_if_any raised
    assert table is not None
    try:  # the rows are read as the reports are built: a broken line can still turn up
        return build_reports([table], reading)
    except InputErrors:
        raise
    except InputError as exc:
        problems.add(exc)
        problems.raise_if_any()
        raise  # pragma: no cover - raise_if_any raised


def _rows(text: str, display: str) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    while True:
        start = line + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _csv_error(exc, Location(display, max(start, 1))) from None
        line = reader.line_num
        loc = Location(display, start)
        yield Row(start, {i: text_cell(f, loc) for i, f in enumerate(fields)}, loc, len(fields))


def _csv_error(exc: csv.Error, loc: Location) -> InputError:
    text = str(exc)
    if "field limit" in text:
        return InputError(
            msg(
                "单元格过长（超过 {n} 个字符）",
                "a cell is too long (over {n} characters)",
                n=csv.field_size_limit(),
            ),
            loc,
        )
    if "expected after" in text or "end of data" in text:
        return InputError(
            msg(
                "CSV 引号不匹配：以引号开头的单元格必须以引号结束（{e}）",
                "CSV quoting error: a cell that starts with a quote must end with one ({e})",
                e=text,
            ),
            loc,
        )
    return InputError(msg("CSV 格式错误：{e}", "CSV syntax error: {e}", e=text), loc)


def _check_separator(text: str, display: str) -> None:
    """A file separated by semicolons or tabs would otherwise read as one column; a decimal
    comma (1,62) may hide inside it. Refuse it, saying why, instead of guessing."""
    seen = 0
    for number, line in enumerate(islice(io.StringIO(text), HEADER_SEARCH_ROWS * 4), start=1):
        if not line.strip():
            continue
        seen += 1
        if _known(line.split(",")) >= 2:
            return
        for sep, (zh, en) in _OTHER_SEPARATORS.items():
            if _known(line.split(sep)) >= 2:
                raise InputError(
                    msg(
                        "此文件用{x_zh}分隔各列；planck 读取逗号分隔的 CSV："
                        "请另存为“CSV UTF-8（逗号分隔）”",
                        "this file separates its columns with {x_en}; planck reads "
                        "comma-separated CSV: save it as 'CSV UTF-8 (comma delimited)'",
                        x_zh=zh,
                        x_en=en,
                    ),
                    Location(display, number),
                )
        if seen >= HEADER_SEARCH_ROWS:
            return


def _known(fields: list[str]) -> int:
    loc = Location("")
    return sum(1 for f in fields if column_of(text_cell(f.strip().strip('"'), loc)) is not None)
