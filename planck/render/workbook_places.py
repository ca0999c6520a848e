"""The Excel workbook's sheet for each place: its indicators by year as numbers (unit in its own
column), base, target and target year, the latest status and progress ratio; below the table
the numbers each chart draws, and beside it a line chart per indicator of the values by year
against the path the target needs (planck.render.series.chart_rows)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from planck import i18n
from planck.domain import kinds
from planck.domain.kinds.phrasing import kind_label
from planck.i18n import Lang, label
from planck.model import Kind, Rule, Status
from planck.render import common
from planck.render.document import Document
from planck.render.overview import Overview, YearsRow, YearsTable
from planck.render.series import ChartRow, Tag, chart_rows
from planck.render.workbook_cells import (
    BOLD,
    TITLE_FONT,
    WRAP,
    clean,
    fit_columns,
    header,
    number,
    put,
    put_status,
    sheet_name,
)

# A chart's size (cm) and the gap (points) between stacked charts.
CHART_WIDTH = 16
CHART_HEIGHT = 9
CHART_GAP = 8
POINTS_PER_CM = 72 / 2.54
DEFAULT_ROW_HEIGHT = 15  # points
TABLE_ROW = 3  # the header row of a place's table


def add_place_sheets(
    book: Workbook, doc: Document, overview: Overview, taken: set[str]
) -> dict[str, str]:
    """A sheet per place, in the overview's order (worst first); returns jurisdiction -> the
    name of its sheet."""
    order = {place.jurisdiction: i for i, place in enumerate(overview.places)}
    tables = sorted(doc.years, key=lambda t: order.get(t.jurisdiction, len(order)))
    names = {}
    for table in tables:
        sheet = book.create_sheet(
            sheet_name(table.name, taken, i18n.word("workbook.place", doc.lang))
        )
        place_sheet(sheet, table, doc.lang)
        names[table.jurisdiction] = sheet.title
    return names


def _names(table: YearsTable, lang: Lang) -> list[str]:
    names = [
        i18n.word("overview.indicator", lang),
        i18n.word("overview.unit", lang),
        i18n.word("workbook.base_year", lang),
        i18n.word("workbook.base_value", lang),
        i18n.word("overview.target", lang),
        i18n.word("workbook.target_value", lang),
        i18n.word("workbook.target_year", lang),
    ]
    names += [str(year) for year in table.years]
    return names + [
        i18n.word("workbook.latest_status", lang),
        i18n.word("workbook.ratio", lang),
        label("notes", lang),
    ]


def place_sheet(sheet: Worksheet, table: YearsTable, lang: Lang) -> None:
    put(sheet, 1, 1, i18n.word("overview.years_place", lang, place=table.name))
    sheet.cell(row=1, column=1).font = TITLE_FONT
    names = _names(table, lang)
    header(sheet, TABLE_ROW, names)
    row = TABLE_ROW
    for shown in table.rows:
        row += 1
        _table_row(sheet, row, shown, lang)
    fit_columns(sheet, widest=40, skip_rows=1)
    sheet.freeze_panes = sheet.cell(row=TABLE_ROW + 1, column=2).coordinate
    chart_column = len(names) + 2
    data_row = row + 3
    anchor_row = TABLE_ROW
    for shown in table.rows:
        latest = shown.latest
        if latest is None:
            continue
        points = chart_rows(latest)
        if not any(p.actual is not None for p in points):
            continue
        title = f"{shown.indicator}{i18n.word('punct.paren', lang, x=shown.unit)}"
        first = data_row
        data_row = _chart_data(sheet, data_row, title, points, lang)
        chart = _chart(sheet, first, points, title, lang)
        sheet.add_chart(chart, sheet.cell(row=anchor_row, column=chart_column).coordinate)
        anchor_row = _row_below(sheet, anchor_row, CHART_HEIGHT * POINTS_PER_CM + CHART_GAP)


def _row_below(sheet: Worksheet, row: int, height: float) -> int:
    """The first row whose top is at least ``height`` points below the top of ``row`` (rows
    of wrapped text are taller than others), so that stacked charts neither overlap nor
    leave gaps."""
    while height > 0:
        height -= sheet.row_dimensions[row].height or DEFAULT_ROW_HEIGHT
        row += 1
    return row


def _target_text(rule: Rule, lang: Lang) -> str:
    if rule.kind in (Kind.QUALITATIVE, Kind.NON_DECREASING):
        return kind_label(rule.kind, lang)
    return common.goal_cell(rule, lang)


def _table_row(sheet: Worksheet, row: int, shown: YearsRow, lang: Lang) -> None:
    rule = shown.rule
    goal = kinds.goal(rule) if rule.kind is not Kind.GROWTH_AT_LEAST else None
    put(sheet, row, 1, shown.indicator)
    sheet.cell(row=row, column=1).alignment = WRAP
    put(sheet, row, 2, rule.unit)
    if rule.baseline is not None:
        put(sheet, row, 3, rule.baseline.year, "0")
        put(sheet, row, 4, *number(rule.baseline.value, goal))
    put(sheet, row, 5, _target_text(rule, lang))
    if goal is not None:
        put(sheet, row, 6, *number(goal))
    if rule.target_year is not None:
        put(sheet, row, 7, rule.target_year, "0")
    for offset, year_cell in enumerate(shown.cells):
        column = 8 + offset
        if year_cell is None:
            continue
        result = year_cell.result
        if result.value is None or result.status is Status.SUSPECT:
            # missing, invalid or doubtful: the status says why there is no number to use (a
            # doubtful one is in the notes, with its likely reading)
            put_status(sheet, row, column, year_cell.word, year_cell.tone)
            continue
        compared = result.compared_with[1] if result.compared_with is not None else None
        put(sheet, row, column, *number(result.value, goal, compared))
    latest = shown.latest
    column = 8 + len(shown.cells)
    if latest is not None:
        put_status(sheet, row, column, common.status_word(latest, lang), common.result_tone(latest))
        ratio = common.ratio_text(latest)
        if ratio != "—":
            put(sheet, row, column + 1, float(ratio), "0.000")
    notes = _notes(shown, lang)
    if notes:
        put(sheet, row, column + 2, notes)
        sheet.cell(row=row, column=column + 2).alignment = WRAP


def _notes(shown: YearsRow, lang: Lang) -> str:
    """What is said about the values besides their status, year by year: the report's note,
    its 核实说明, a doubtful value as written and its likely reading."""
    lines = []
    sep = i18n.word("punct.sep", lang)
    for year_cell in shown.cells:
        if year_cell is None:
            continue
        result = year_cell.result
        year = result.report.year
        if result.status is Status.SUSPECT:
            lines.append(f"{year} {year_cell.word}{sep}{result.message.render(lang)}")
        for key, text in common.value_notes(result, lang):
            lines.append(f"{year} {common.note_label(key, lang)}{sep}{text}")
    return "\n".join(lines)


def _chart_data(sheet: Worksheet, row: int, title: str, points: list[ChartRow], lang: Lang) -> int:
    """The numbers a chart draws, as a small table at ``row``; returns the row after it."""
    put(sheet, row, 1, i18n.word("workbook.chart_data", lang, indicator=title))
    sheet.cell(row=row, column=1).font = BOLD
    names = [
        i18n.word("overview.year", lang),
        i18n.word("workbook.chart_actual", lang),
        i18n.word("workbook.chart_path", lang),
        i18n.word("workbook.chart_projected", lang),
    ]
    header(sheet, row + 1, names)
    row += 1
    projects = _has(points, "projected")
    for point in points:
        row += 1
        put(sheet, row, 1, point.year, "0")
        projected = point.projected
        if projects and Tag.THIS in point.tags:  # the projection starts from the value judged
            projected = point.actual
        for column, value in ((2, point.actual), (3, point.path), (4, projected)):
            if value is not None:
                put(sheet, row, column, *number(value))
    return row + 2


def _chart(
    sheet: Worksheet, first: int, points: list[ChartRow], title: str, lang: Lang
) -> LineChart:
    """Values by year (solid) against the path the target needs (dashed) and the projection
    at the current pace (dotted), from the table at ``first``."""
    chart = LineChart()
    chart.title = clean(title)
    chart.width = CHART_WIDTH
    chart.height = CHART_HEIGHT
    chart.x_axis.title = i18n.word("overview.year", lang)
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if chart.legend is not None:
        chart.legend.position = "b"  # below: the plot keeps the sheet's width
    last = first + 1 + len(points)
    columns = [2] + [c for c, get in ((3, "path"), (4, "projected")) if _has(points, get)]
    for column in columns:
        data = Reference(sheet, min_col=column, min_row=first + 1, max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first + 2, max_row=last))
    for series, column in zip(chart.series, columns, strict=True):
        series.smooth = False
        if column == 2:
            series.marker.symbol = "circle"  # single years stay visible
        elif column == 3:
            series.graphicalProperties.line.dashStyle = "dash"
        elif column == 4:
            series.graphicalProperties.line.dashStyle = "sysDot"
    return chart


def _has(points: list[ChartRow], name: str) -> bool:
    return any(getattr(point, name) is not None for point in points)
