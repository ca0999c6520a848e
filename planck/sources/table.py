"""Long tables (CSV and XLSX, SPEC §2) to Report objects.

A table has one row per indicator value: columns ``jurisdiction, year, indicator, value`` and
optionally ``unit, note, previous, verified`` (or 地区, 年份, 指标, 数值, 单位, 备注, 上年值, 核实说明). The
form ``planck template -o form.xlsx`` writes also has ``indicator_id`` (指标代码), the rule id
beside the Chinese name: it is preferred, and a name that says otherwise is an input error. One
file may hold several jurisdiction-years; each becomes a Report. Every cell arrives as a positioned
``Scalar``, so values go through exactly the same code as YAML and JSON reports.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from planck.domain.names import SUGGEST_MAX_LEN, IndicatorNames
from planck.domain.values import normalise_text, short
from planck.errors import InputError, InputErrors, Location
from planck.i18n import Msg, msg
from planck.model import Diagnostic, Observation, Report, Severity
from planck.nodes import Mapping, Scalar, Tag
from planck.sources import entries
from planck.sources.context import ReadingContext
from planck.sources.entries import (
    observation,
    parse_year,
    resolve_jurisdiction,
    same_indicator_error,
)

# canonical column -> header names accepted (compared after NFKC, trimming and casefolding)
COLUMNS: dict[str, tuple[str, ...]] = {
    "jurisdiction": ("jurisdiction", "地区"),
    "year": ("year", "年份"),
    "indicator": ("indicator", "指标"),
    "code": ("indicator_id", "指标代码"),
    "value": ("value", "数值"),
    "unit": ("unit", "单位"),
    "note": ("note", "备注"),
    "previous": ("previous", "上年值"),
    "verified": ("verified", "核实说明"),
}
REQUIRED = ("jurisdiction", "year", "indicator", "value")
# The sheet of the form (planck template -o form.xlsx) that explains each indicator: not data.
FORM_HELP_SHEET = "填报说明"
_BY_HEADER = {name.casefold(): column for column, names in COLUMNS.items() for name in names}
# The header is the first row naming at least two known columns among the first few non-empty
# rows, so a title row above it (常见：“独山子区2023年科技指标”) does no harm.
HEADER_SEARCH_ROWS = 10
# A file with more bad rows than this reports the first ones and a count of the rest.
MAX_ERRORS = 20


def null_cell(loc: Location) -> Scalar:
    return Scalar("", True, Tag.NULL, loc)


def text_cell(text: str, loc: Location) -> Scalar:
    """A cell holding text; a blank one is empty (null), as an absent value is in YAML."""
    return Scalar(text, False, Tag.STR, loc) if text.strip() else null_cell(loc)


def is_empty(cell: Scalar) -> bool:
    return cell.tag is Tag.NULL or not cell.raw.strip()


@dataclass
class Row:
    """One row of a table: its number as people see it (CSV line, spreadsheet row), its cells
    in column order, and where the row starts."""

    number: int
    cells: dict[int, Scalar]  # 0-based column -> cell; absent cells are empty
    loc: Location
    width: int = 0  # fields in a CSV line (0 for a spreadsheet row)
    # cells whose problem is known before parsing (e.g. a formula without a saved result)
    problems: dict[int, Msg] = field(default_factory=dict)


@dataclass
class Table:
    """A header and the data rows below it, from one CSV file or one worksheet."""

    columns: dict[str, int]  # canonical column -> 0-based index
    header: Row
    rows: Iterator[Row]  # read once, by build_reports


class NoHeader(InputError):
    """A table with content but no recognisable header (a sheet of notes, say)."""


class Problems:
    """Input errors of one file, collected so that a user sees every bad row at once."""

    def __init__(self, where: Location) -> None:
        self.where = where
        self.errors: list[InputError] = []
        self.extra = 0
        self.last_extra: Location | None = None

    def add(self, error: InputError) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)
        else:
            self.extra += 1
            self.last_extra = error.location

    def raise_if_any(self) -> None:
        if not self.errors:
            return
        errors = list(self.errors)
        if self.extra:
            errors.append(
                InputError(
                    msg(
                        "另有 {n} 处问题未列出（最后一处在此）",
                        "{n} more problems not shown (the last of them is here)",
                        n=self.extra,
                    ),
                    # at the last problem not shown: listed after the ones shown (errors are
                    # listed in the order of their places), not before them at the file's name
                    self.last_extra or self.where,
                )
            )
        raise InputErrors(errors)


def place(loc: Location) -> tuple[str, str]:
    """A cell or row named for a message: ("第 7 行", "row 7") or ("Sheet!C7", "Sheet!C7")."""
    return entries.place(loc, rows=True)


@dataclass(slots=True)
class TableReading:
    """How the tables of one file are read: the file's context (its warnings), its input
    errors, and whether a cell outside the header's columns is an error (in CSV: the line was
    split, say by an unquoted 1,934) or only ignored with a warning (in a worksheet)."""

    ctx: ReadingContext
    problems: Problems
    extra_cells_are_errors: bool


def find_table(
    rows: Iterable[Row], where: Location, reading: TableReading, *, required: bool = True
) -> Table | None:
    """Find the header among the first non-empty rows and map its columns. Returns None for a
    table with no rows at all (a blank sheet) unless ``required``. The rows below the header
    are read later, as build_reports takes them, and their problems found then."""
    iterator = iter(rows)
    header, first = _find_header(iterator)
    if header is None:
        if first is None:
            if not required:
                return None
            raise InputError(msg("表格是空的", "the table is empty"), where)
        shown = ", ".join(
            short(c.raw, 20) for _, c in sorted(first.cells.items()) if not is_empty(c)
        )
        raise NoHeader(
            msg(
                "找不到表头：需要列 地区, 年份, 指标, 数值（或 jurisdiction, year, indicator, "
                "value）；第一行是：{shown}",
                "no header row found: the table needs columns jurisdiction, year, indicator, "
                "value (or 地区, 年份, 指标, 数值); the first row has: {shown}",
                shown=short(shown, 120),
            ),
            first.loc,
        )
    columns, named = _map_columns(header, reading.ctx.warnings)
    width = header.width or (max(header.cells) + 1)
    return Table(columns, header, _data_rows(iterator, _Layout(width, named), reading))


def _find_header(rows: Iterator[Row]) -> tuple[Row | None, Row | None]:
    """The header (the first row naming two known columns, among the first few non-empty
    rows) and the first non-empty row; the rows after the header are left to read."""
    first: Row | None = None
    seen = 0
    for row in rows:
        if _blank(row):
            continue
        if first is None:
            first = row
        seen += 1
        if sum(1 for c in row.cells.values() if column_of(c) is not None) >= 2:
            return row, first
        if seen >= HEADER_SEARCH_ROWS:
            break
    return None, first


def _map_columns(header: Row, warnings: list[Diagnostic]) -> tuple[dict[str, int], set[int]]:
    """The header's known columns (canonical name -> 0-based index), and every column that has
    a name (a named column not ours gets a warning, and its cells are ignored)."""
    columns: dict[str, int] = {}
    named: set[int] = set()
    for index, cell in sorted(header.cells.items()):
        if is_empty(cell):
            continue
        column = column_of(cell)
        named.add(index)
        if column is None:
            warnings.append(Diagnostic(_unknown_column(cell.raw), cell.loc, Severity.WARNING))
            continue
        if column in columns:
            a_zh, a_en = _column_place(header.cells[columns[column]], columns[column])
            b_zh, b_en = _column_place(cell, index)
            raise InputError(
                msg(
                    "列“{name}”出现了两次（{a_zh}与{b_zh}）；请只保留一列",
                    "column '{name}' appears twice ({a_en} and {b_en}); keep only one",
                    name=short(cell.raw),
                    a_zh=a_zh,
                    b_zh=b_zh,
                    a_en=a_en,
                    b_en=b_en,
                ),
                cell.loc,
            )
        columns[column] = index
    # the form's 指标代码 column names the indicator as well as 指标 does
    missing = [
        c for c in REQUIRED if c not in columns and not (c == "indicator" and "code" in columns)
    ]
    if missing:
        raise InputError(
            msg(
                "表头缺少列：{x_zh}（{x_en}）",
                "the header lacks column(s): {x_en} ({x_zh})",
                x_zh=", ".join(COLUMNS[c][1] for c in missing),
                x_en=", ".join(missing),
            ),
            header.loc,
        )
    return columns, named


@dataclass(slots=True)
class _Layout:
    width: int  # the header's fields (CSV) or its last column (worksheet)
    named: set[int]  # the columns with a name in the header


def _data_rows(rows: Iterator[Row], layout: _Layout, reading: TableReading) -> Iterator[Row]:
    """The rows below the header that hold data, as they are read: a CSV of 100,000 rows is
    never held whole (its rows took several times the memory of the reports made of them)."""
    width, named = layout.width, layout.named
    split_is_error = reading.extra_cells_are_errors
    stray_count = 0
    first_stray: Scalar | None = None
    for row in rows:
        if _blank(row):
            continue
        stray = [
            c
            for i, c in sorted(row.cells.items())
            if (i >= width or i not in named) and not is_empty(c)
        ]
        if split_is_error and (stray or row.width > width):
            # more fields than the header: something was split (an unquoted 1,934), even if
            # what spilled over is empty, so every cell after the split may be misplaced
            reading.problems.add(_stray_error(row, stray[0] if stray else None, width))
            continue
        stray_count += len(stray)
        if stray and first_stray is None:
            first_stray = stray[0]
        yield row
    if first_stray is not None:
        reading.ctx.warnings.append(
            Diagnostic(
                msg(
                    "{n} 个单元格不在任何有表头的列中，已忽略（第一个在此）",
                    "{n} cell(s) outside every column with a header were ignored (the first "
                    "is here)",
                    n=stray_count,
                ),
                first_stray.loc,
                Severity.WARNING,
            )
        )


def _stray_error(row: Row, cell: Scalar | None, width: int) -> InputError:
    if row.width > width or cell is None:
        return InputError(
            msg(
                '此行有 {n} 个字段，表头只有 {m} 个；带千位分隔符的数值须加引号（"1,934"），'
                "或去掉逗号",
                "this row has {n} fields but the header has {m}; a number with a thousands "
                'separator must be quoted ("1,934") or written without the comma',
                n=row.width,
                m=width,
            ),
            row.loc,
        )
    return InputError(
        msg(
            "此行在没有表头的列中有内容（“{raw}”）",
            "this row has a value in a column without a header ('{raw}')",
            raw=short(cell.raw),
        ),
        row.loc,
    )


def _blank(row: Row) -> bool:
    return all(is_empty(c) for c in row.cells.values())


def _column_place(cell: Scalar, index: int) -> tuple[str, str]:
    if cell.loc.sheet is not None:
        return place(cell.loc)
    return f"第 {index + 1} 列", f"column {index + 1}"


def column_of(cell: Scalar) -> str | None:
    if is_empty(cell):
        return None
    return _BY_HEADER.get(normalise_text(cell.raw).casefold())


def _unknown_column(name: str) -> Msg:
    known = list(_BY_HEADER)
    text = normalise_text(name)
    close = (
        difflib.get_close_matches(text.casefold(), known, n=1, cutoff=0.6)
        if len(text) <= SUGGEST_MAX_LEN
        else []
    )
    if close:
        return msg(
            "未知的列“{name}”，已忽略（是否应为“{close}”？）",
            "unknown column '{name}', ignored (did you mean '{close}'?)",
            name=short(name),
            close=close[0],
        )
    return msg("未知的列“{name}”，已忽略", "unknown column '{name}', ignored", name=short(name))


@dataclass
class _Group:
    jurisdiction: str
    year: int
    first: Row
    year_loc: Location
    observations: dict[str, Observation] = field(default_factory=dict)  # by rule id


def build_reports(tables: list[Table], reading: TableReading) -> list[Report]:
    """One Report per (jurisdiction, year) found in the tables' rows. Rows that cannot be
    placed (bad jurisdiction or year, no indicator, duplicates) are input errors; if there are
    any, the file yields no reports."""
    grouping = _Grouping(reading.ctx, reading.problems)
    any_rows = False
    for table in tables:
        for row in table.rows:
            any_rows = True
            grouping.add(row, table.columns)
    problems = reading.problems
    if not any_rows and not problems.errors:
        problems.add(
            InputError(
                msg("表格只有表头，没有数据行", "the table has a header but no data rows"),
                tables[0].header.loc if tables else Location(reading.ctx.display),
            )
        )
    problems.raise_if_any()
    return [
        Report(
            file=reading.ctx.display,
            jurisdiction=g.jurisdiction,
            year=g.year,
            observations=g.observations,
            location=g.first.loc,
            year_location=g.year_loc,
        )
        for g in grouping.groups.values()
    ]


class _Grouping:
    """The rows of a file's tables, gathered into one group per jurisdiction-year."""

    def __init__(self, ctx: ReadingContext, problems: Problems) -> None:
        self.ctx = ctx
        self.problems = problems
        self.groups: dict[tuple[str, int], _Group] = {}

    def add(self, row: Row, cols: dict[str, int]) -> None:
        """Put one data row's value into its group, or record why it cannot be."""

        def cell(name: str) -> Scalar:
            i = cols[name]
            found = row.cells.get(i)
            return found if found is not None else null_cell(_cell_loc(row, i))

        try:
            jurisdiction, year, year_cell = self._place(cell)
            names = self.ctx.index.indicators(jurisdiction)
            indicator_cell, column, rule_id = _indicator(cell, cols, names)
        except InputError as exc:
            self.problems.add(exc)
            return
        indicator = indicator_cell.raw.strip()  # as written; names compare normalised
        group = self.groups.get((jurisdiction, year))
        if group is None:
            group = self.groups[(jurisdiction, year)] = _Group(
                jurisdiction, year, row, year_cell.loc
            )
        earlier = group.observations.get(rule_id)
        if earlier is not None:
            self.problems.add(_twice(earlier, indicator, indicator_cell, rule_id, group))
            return
        entry = Mapping(cell("value").loc)
        for name in ("value", "unit", "previous", "note", "verified"):
            if name in cols:
                node = cell(name)
                entry.items[name] = (node.loc, node)
        key_loc = _key_loc(row, column)
        obs = observation(indicator, key_loc, entry, self.ctx.warnings)
        known = row.problems.get(cols["value"])
        if known is not None:
            obs = replace(obs, number=None, problem=known)
        group.observations[rule_id] = obs

    def _place(self, cell: Callable[[str], Scalar]) -> tuple[str, int, Scalar]:
        """A row's jurisdiction and year (and the cell of the year)."""
        jurisdiction_cell = cell("jurisdiction")
        if is_empty(jurisdiction_cell):
            raise InputError(msg("地区为空", "the jurisdiction is empty"), jurisdiction_cell.loc)
        jurisdiction = resolve_jurisdiction(jurisdiction_cell, self.ctx.index)
        year_cell = cell("year")
        if is_empty(year_cell):
            raise InputError(msg("年份为空", "the year is empty"), year_cell.loc)
        year = parse_year(year_cell, table=True)
        return jurisdiction, year, year_cell


def _indicator(
    cell: Callable[[str], Scalar], cols: dict[str, int], names: IndicatorNames
) -> tuple[Scalar, int, str]:
    """A row's indicator: the cell that names it, that cell's column, and the rule id (or the
    name as written, normalised, when no rule has it). The 指标代码 column (the rule id, in the
    form planck writes) is preferred to 指标 (the Chinese name); when both name an indicator
    they must name the same one: which of two figures' meanings was meant is never guessed."""
    name = cell("indicator") if "indicator" in cols else None
    code = cell("code") if "code" in cols else None
    if code is None or is_empty(code):
        if name is None or is_empty(name):
            where = name if name is not None else code
            assert where is not None  # the header has one of the two columns
            raise InputError(msg("指标为空", "the indicator is empty"), where.loc)
        return name, cols["indicator"], _rule_id(name, names)
    rule_id = _rule_id(code, names)
    if name is not None and not is_empty(name):
        by_name = names.resolve(name.raw.strip())
        by_code = names.resolve(code.raw.strip())
        if by_name != by_code or (by_code is None and _rule_id(name, names) != rule_id):
            raise InputError(
                msg(
                    "指标“{name}”与指标代码“{code}”不是同一指标；请改正其中之一",
                    "the indicator '{name}' and the indicator id '{code}' name different "
                    "indicators; correct one of them",
                    name=short(name.raw),
                    code=short(code.raw),
                ),
                name.loc,
            )
    return code, cols["code"], rule_id


def _rule_id(cell: Scalar, names: IndicatorNames) -> str:
    written = cell.raw.strip()  # as written; names compare normalised
    return names.resolve(written) or normalise_text(written)


def _twice(
    earlier: Observation, indicator: str, cell: Scalar, rule_id: str, group: _Group
) -> InputError:
    """A second row for an indicator of a jurisdiction-year: by another name of it, or the
    same name written twice."""
    if normalise_text(earlier.indicator) != normalise_text(indicator):
        return same_indicator_error(earlier, indicator, cell.loc, rule_id, rows=True)
    a_zh, a_en = place(_row_only(earlier.key_location or earlier.location))
    b_zh, b_en = place(cell.loc)
    return InputError(
        msg(
            "{j} {y} 年的指标“{ind}”出现两次（{a_zh}与{b_zh}）；请只保留一行",
            "{j} {y} indicator '{ind}' appears twice ({a_en} and {b_en}); keep only one row",
            j=group.jurisdiction,
            y=group.year,
            ind=short(indicator),
            a_zh=a_zh,
            b_zh=b_zh,
            a_en=a_en,
            b_en=b_en,
        ),
        cell.loc,
    )


def _cell_loc(row: Row, index: int) -> Location:
    loc = row.loc
    if loc.sheet is not None:
        return Location(loc.file, loc.line, index + 1, loc.sheet)
    return loc


def _row_only(loc: Location) -> Location:
    return loc if loc.sheet is not None else Location(loc.file, loc.line)


def _key_loc(row: Row, index: int) -> Location:
    """Where an indicator's name is written: its cell in a spreadsheet, its row and column
    in a CSV file."""
    loc = row.loc
    return Location(loc.file, loc.line, index + 1, loc.sheet)
