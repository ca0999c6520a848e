"""Excel (.xlsx) reports (SPEC §2): the same long table as CSV, on one or more worksheets.

Read with openpyxl's streaming worksheet parser: cells arrive one row at a time with their
coordinates, so a sheet with two cells a million rows apart costs two cells, not a grid.
Formula cells give the result Excel saved with them (none when the workbook asks to be
recalculated on load: its saved values are placeholders); XML goes through defusedxml (no entity
expansion, no external entities); the zip container is checked before anything is parsed
(what it holds, how large it unpacks, no encryption). Locations are ``file!Sheet!B7``.
"""

from __future__ import annotations

import datetime as _dt
import io
import warnings as _warnings
import zipfile
from bisect import bisect_left, bisect_right
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from planck.domain.values import short
from planck.errors import InputError, Location
from planck.i18n import Msg, msg
from planck.model import Diagnostic, Report, Severity
from planck.nodes import Scalar, Tag
from planck.sources.context import ReadingContext
from planck.sources.decode import DEFAULT_MAX_BYTES, read_limited
from planck.sources.openpyxl_compat import SheetCells, percent_styles
from planck.sources.table import (
    FORM_HELP_SHEET,
    NoHeader,
    Problems,
    Row,
    Table,
    TableReading,
    build_reports,
    find_table,
    text_cell,
)

# The unpacked parts of a workbook may total at most this many times the file size limit. Sheet
# XML takes about five times the bytes of the same table in CSV, so 4 x 16 MiB of XML costs
# about what a 16 MiB CSV file does (measured: benchmarks/hostile_inputs.py --limits); a
# report workbook is kilobytes, a zip bomb unpacks to thousands of times its size.
EXPANSION_LIMIT = 4
# Columns looked at, and cells a merged range may fill: far more than any report table needs.
MAX_COLUMNS = 256
MAX_MERGE_FILL = 1_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_xlsx(path: Path, ctx: ReadingContext) -> list[Report]:
    data = read_limited(path, ctx.display, ctx.max_bytes)
    return parse_xlsx(data, ctx, ctx.max_bytes * EXPANSION_LIMIT)


def parse_xlsx(
    data: bytes, ctx: ReadingContext, max_unpacked: int = DEFAULT_MAX_BYTES * EXPANSION_LIMIT
) -> list[Report]:
    where = Location(ctx.display)
    check_container(data, ctx.display, max_unpacked)
    sheets = _read_sheets(data, ctx)
    reading = TableReading(ctx, Problems(where), extra_cells_are_errors=False)
    tables: list[Table] = []
    no_header: list[InputError] = []
    for name, rows in sheets:
        if name == FORM_HELP_SHEET:
            _form_help(rows, ctx)
            continue
        try:
            table = find_table(rows, Location(ctx.display, sheet=name), reading, required=False)
        except NoHeader as exc:
            no_header.append(exc)
            continue
        except InputError as exc:
            reading.problems.add(exc)
            continue
        if table is not None:
            tables.append(table)
    if not tables and not reading.problems.errors:
        if no_header:
            raise no_header[0]
        raise InputError(msg("工作簿中没有数据", "the workbook holds no data"), where)
    if tables:
        for skipped in no_header:
            ctx.warnings.append(
                Diagnostic(
                    msg(
                        "此工作表没有报告表头，已跳过",
                        "this sheet has no report header; skipped",
                    ),
                    Location(
                        ctx.display, sheet=skipped.location.sheet if skipped.location else None
                    ),
                    Severity.WARNING,
                )
            )
    return build_reports(tables, reading)


def _form_help(rows: list[Row], ctx: ReadingContext) -> None:
    """The form's instructions sheet is not read; were it to hold a table, say so (whatever
    its rows hold, no figure is ever dropped in silence)."""
    where = rows[0].loc if rows else Location(ctx.display, sheet=FORM_HELP_SHEET)
    reading = TableReading(ctx, Problems(where), extra_cells_are_errors=False)
    try:
        table = find_table(rows, where, reading, required=False)
    except InputError:  # NoHeader too: a sheet of text, as the form writes it
        return
    if table is not None:
        ctx.warnings.append(
            Diagnostic(
                msg(
                    "工作表“{s}”是填报说明，未作为数据读取；数据请填在“填报表”",
                    "the sheet '{s}' holds the form's instructions and is not read as data; "
                    "enter the figures in the sheet 填报表",
                    s=FORM_HELP_SHEET,
                ),
                Location(ctx.display, sheet=FORM_HELP_SHEET),
                Severity.WARNING,
            )
        )


def check_container(data: bytes, display: str, max_unpacked: int) -> None:
    """Refuse, with a reason, anything that is not a plain .xlsx workbook of sane size."""
    where = Location(display)
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            msg(
                "这是旧版 Excel 97-2003（.xls）文件或加密的工作簿；请另存为不加密的 .xlsx",
                "this is an Excel 97-2003 (.xls) file or an encrypted workbook; save it as an "
                ".xlsx without a password",
            ),
            where,
        )
    if not data.startswith(b"PK"):
        raise InputError(
            msg(
                "不是 Excel .xlsx 文件（不是 zip 压缩包）",
                "not an Excel .xlsx file (it is not a zip archive)",
            ),
            where,
        )
    infos = _zip_members(data, where)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        kind_zh, kind_en = _what_zip(names)
        raise InputError(
            msg(
                "这是一个 zip 压缩包，但不是 Excel 工作簿{x_zh}",
                "this is a zip archive but not an Excel workbook{x_en}",
                x_zh=kind_zh,
                x_en=kind_en,
            ),
            where,
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise InputError(
            msg(
                "工作簿的部分内容已加密；请另存为不加密的 .xlsx",
                "parts of the workbook are encrypted; save it as an .xlsx without a password",
            ),
            where,
        )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_unpacked:
        raise InputError(
            msg(
                "工作簿解压后过大（{size} 字节，上限 {limit} 字节，即 --max-file-size 的 "
                "{n} 倍）；可能是 zip 炸弹",
                "the workbook unpacks to too much data ({size} bytes; the limit is {limit}, "
                "{n} times --max-file-size); it may be a zip bomb",
                size=unpacked,
                limit=max_unpacked,
                n=EXPANSION_LIMIT,
            ),
            where,
        )


def _zip_members(data: bytes, where: Location) -> list[zipfile.ZipInfo]:
    """The members of a zip archive, or why it cannot be read as one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds on damaged archives
        # (BadZipFile, NotImplementedError for an odd version or method, struct.error, ...)
        raise InputError(
            msg(
                "Excel 文件已损坏或不完整（zip 无法读取：{e}）",
                "the Excel file is damaged or truncated (cannot read the zip archive: {e})",
                e=short(str(exc), 80),
            ),
            where,
        ) from None
    return infos


def _what_zip(names: set[str]) -> tuple[str, str]:
    if "word/document.xml" in names:
        return "（看起来是 Word .docx 文档）", " (it looks like a Word .docx document)"
    if any(n.startswith("ppt/") for n in names):
        return "（看起来是 PowerPoint 文件）", " (it looks like a PowerPoint file)"
    if "content.xml" in names and "mimetype" in names:
        return (
            "（看起来是 OpenDocument 文件；请另存为 .xlsx）",
            " (it looks like an OpenDocument file; save it as .xlsx)",
        )
    return "", ""


def _read_sheets(data: bytes, ctx: ReadingContext) -> list[tuple[str, list[Row]]]:
    """Every visible worksheet's rows, fully read (so that parse errors surface here)."""
    display = ctx.display
    try:
        import openpyxl
        from openpyxl.reader.excel import load_workbook
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(
            msg("读取 .xlsx 需要 openpyxl：{e}", "reading .xlsx needs openpyxl: {e}", e=exc),
            Location(display),
        ) from None
    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise InputError(
            msg(
                "读取 .xlsx 需要 defusedxml 保护（未安装，或 OPENPYXL_DEFUSEDXML=False）",
                "reading .xlsx needs defusedxml protection (not installed, or "
                "OPENPYXL_DEFUSEDXML=False)",
            ),
            Location(display),
        )
    sheets: list[tuple[str, list[Row]]] = []
    current = Location(display)
    try:
        untrusted = recalculated_on_load(data)
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            workbook = load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            try:
                for sheet in workbook.worksheets:
                    name = str(sheet.title)
                    current = Location(display, sheet=name)
                    if sheet.sheet_state != "visible":
                        ctx.warnings.append(
                            Diagnostic(
                                msg("隐藏的工作表未读取", "hidden sheet not read"),
                                current,
                                Severity.WARNING,
                            )
                        )
                        continue
                    sheets.append((name, _sheet_rows(workbook, sheet, current, untrusted)))
            finally:
                workbook.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl and the XML/zip layers raise many kinds on bad files
        raise _read_error(exc, current) from None
    return sheets


def _read_error(exc: Exception, where: Location) -> InputError:
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - a declared dependency
        DefusedXmlException = ()  # type: ignore[assignment,misc]  # noqa: N806
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 10:  # openpyxl wraps the parser's error
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(e, DefusedXmlException) for e in chain):
        return InputError(
            msg(
                "工作簿含有 XML 实体或 DTD 声明，planck 拒绝读取（可能是 XML 炸弹）",
                "the workbook contains XML entity or DTD declarations, which planck refuses "
                "(possibly an XML bomb)",
            ),
            where,
        )
    if isinstance(exc, MemoryError | RecursionError):
        return InputError(
            msg("工作簿结构过大或过深", "the workbook's structure is too large or too deep"),
            where,
        )
    detail = short(f"{type(exc).__name__}: {exc}", 100)
    return InputError(
        msg(
            "无法读取此 Excel 文件（{e}）；请在 Excel 或 WPS 中打开后另存为 .xlsx",
            "cannot read this Excel file ({e}); open it in Excel or WPS and save it as .xlsx",
            e=detail,
        ),
        where,
    )


def recalculated_on_load(data: bytes) -> bool:
    """Whether the workbook asks to be recalculated when opened (<calcPr fullCalcOnLoad="1"/>
    in xl/workbook.xml, as XlsxWriter, pandas and openpyxl write it): its formulas' saved
    values are then placeholders (XlsxWriter saves 0), not results anyone has seen. Read
    from the XML itself: openpyxl's model assumes the attribute when it is absent."""
    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = fromstring(archive.read("xl/workbook.xml"))
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "calcPr":
            return element.get("fullCalcOnLoad", "").strip().lower() in ("1", "true")
    return False


def _sheet_rows(workbook: Any, sheet: Any, where: Location, untrusted: bool) -> list[Row]:
    """The rows of one worksheet that have cells, in order, merged ranges filled in."""
    display, name = where.file, where.sheet
    assert name is not None
    percent = percent_styles(workbook)
    by_row: dict[int, Row] = {}
    cells = SheetCells(workbook, sheet, untrusted=untrusted)
    for raw in cells:
        column = raw["column"]
        if not 1 <= column <= MAX_COLUMNS or raw["row"] < 1:
            continue
        value, formula = raw["value"], raw.get("formula")
        if value is None and formula is None:
            continue
        number = raw["row"]
        row = by_row.get(number)
        if row is None:
            row = by_row[number] = Row(number, {}, Location(display, number, 1, name))
        loc = Location(display, number, column, name)
        index = column - 1
        if formula is not None:
            row.cells[index] = Scalar(formula, False, Tag.STR, loc)
            row.problems[index] = _formula_problem(formula, bool(raw.get("placeholder")))
            continue
        row.cells[index] = _scalar(value, raw["style_id"] in percent, loc)
        if raw["data_type"] == "e":
            row.problems[index] = msg(
                "单元格是 Excel 错误值 {e}",
                "the cell holds the Excel error {e}",
                e=short(str(value)),
            )
    rows = [by_row[n] for n in sorted(by_row)]
    if cells.merged:
        _fill_merged(rows, cells.merged, Location(display, sheet=name))
    return rows


def _formula_problem(formula: str, placeholder: bool) -> Msg:
    if placeholder:
        return msg(
            "公式 {f} 没有可信的计算结果（工作簿要求打开时重新计算，保存的值只是"
            "占位）；请在 Excel 或 WPS 中打开并保存此文件，或填写数值",
            "the formula {f} has no trustworthy saved result (the workbook asks "
            "to be recalculated when opened, so the saved value is a "
            "placeholder); open and save the file in Excel or WPS, or enter "
            "the number",
            f=short(formula),
        )
    return msg(
        "公式 {f} 没有保存的计算结果；请在 Excel 或 WPS 中打开并保存此文件",
        "the formula {f} has no saved result; open and save the file in Excel or WPS",
        f=short(formula),
    )


def _scalar(value: Any, percent: bool, loc: Location) -> Scalar:
    """A cell's value as the text a person sees in Excel, typed like a YAML scalar so that
    the shared value parser treats it exactly as it treats the same figure in YAML."""
    if isinstance(value, bool):
        return Scalar("TRUE" if value else "FALSE", True, Tag.BOOL, loc)
    if isinstance(value, int | float):
        text = _number_text(value, percent)
        tag = Tag.STR if percent else (Tag.INT if isinstance(value, int) else Tag.FLOAT)
        return Scalar(text, not percent, tag, loc)
    if isinstance(value, _dt.datetime | _dt.date | _dt.time | _dt.timedelta):
        return Scalar(str(value), False, Tag.STR, loc)
    return text_cell(str(value), loc)


def _number_text(value: float, percent: bool) -> str:
    """1.62 -> "1.62"; with a percentage format 0.0162 -> "1.62%" (what Excel shows)."""
    text = repr(value)  # the shortest text that reads back as the same float
    if not percent:
        return text
    try:
        scaled = (Decimal(text) * 100).normalize()
    except InvalidOperation:  # nan/inf cannot come from a cell, but never guess
        return text
    return format(scaled, "f") + "%"


def _fill_merged(rows: list[Row], ranges: list[tuple[int, int, int, int]], where: Location) -> None:
    """A merged range shows its top-left value in every cell it covers: give each covered,
    empty cell of a row that has data that value, so a jurisdiction or year merged down a
    column applies to every row beside it."""
    numbers = [row.number for row in rows]
    by_number = {row.number: row for row in rows}
    budget = MAX_MERGE_FILL
    for min_row, min_col, max_row, max_col in ranges:
        top = by_number.get(min_row)
        source = top.cells.get(min_col - 1) if top is not None else None
        if top is None or source is None:
            continue
        problem = top.problems.get(min_col - 1)
        last_col = min(max_col, MAX_COLUMNS)
        # the rows the range covers, found by bisection: no copy of the rows after it (a
        # copy per range made many ranges cost the square of the rows)
        start = bisect_left(numbers, min_row)
        end = bisect_right(numbers, max_row, lo=start)
        for position in range(start, end):
            number = numbers[position]
            row = rows[position]
            for column in range(min_col, last_col + 1):
                budget -= 1
                if budget < 0:
                    raise InputError(msg("合并单元格过多", "too many merged cells"), where)
                if column - 1 not in row.cells:
                    loc = Location(where.file, number, column, where.sheet)
                    row.cells[column - 1] = Scalar(source.raw, source.plain, source.tag, loc)
                    if problem is not None:
                        row.problems[column - 1] = problem
