"""`planck report … --xlsx FILE`: the results as an Excel workbook, for people who go on
working with them in a spreadsheet.

Sheets, in this order:
- 总览 / Overview: one row per place and report year (places worst first, as in the report's
  overview; a place's years latest first), one column per indicator, each cell the status as
  symbol and word on a fill of its tone; the verdict, the date of the check and planck's
  version on top, the counts by status below.
- 预警 / Alerts: the binding targets the current pace will not reach (render.overview).
- one sheet per place (planck.render.workbook_places): its indicators by year as numbers, with
  a line chart per indicator of the values against the path the target needs.
- 出处 / Sources: each rule's document, issuer, 文号, date, locator and quote.
- 输入错误与警告 / Input errors and warnings, when there are any.

Built from planck.render.document.build(ctx) and planck.render.overview; nothing is judged here.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planck import i18n
from planck.domain import kinds
from planck.i18n import Lang, label
from planck.model import SEVERITY_RANK, CheckRun, Result
from planck.render import RenderContext, common
from planck.render.document import AppendixPart, Document, build
from planck.render.overview import Overview, badness, cell
from planck.render.workbook_cells import (
    BOLD,
    TITLE_FONT,
    WRAP,
    fit_columns,
    header,
    link,
    number,
    put,
    put_status,
    sheet_name,
)
from planck.render.workbook_places import add_place_sheets


class WorkbookReport:
    name = "xlsx"

    def render(self, ctx: RenderContext) -> bytes:
        # The file is Unicode whatever the terminal: marks are written as themselves.
        with common.symbols_for(io.StringIO()):
            book = workbook(ctx)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def workbook(ctx: RenderContext) -> Workbook:
    """The whole workbook of a run."""
    lang = ctx.lang
    doc = build(ctx)
    overview = doc.places
    assert overview is not None  # document.build makes it for every run
    book = Workbook()
    taken: set[str] = set()
    first = book.active
    assert first is not None  # a new workbook has a sheet
    first.title = sheet_name(i18n.word("workbook.sheet_overview", lang), taken, "Overview")
    places = overview_sheet(first, doc, ctx.run, overview)
    alerts_sheet(_new_sheet(book, i18n.word("workbook.sheet_alerts", lang), taken), overview, lang)
    sheets = add_place_sheets(book, doc, overview, taken)
    for row, jurisdiction in places.items():
        if jurisdiction in sheets:
            link(first.cell(row=row, column=1), sheets[jurisdiction])
    sources_sheet(_new_sheet(book, i18n.word("workbook.sheet_sources", lang), taken), doc)
    if doc.errors or doc.warnings:
        messages_sheet(_new_sheet(book, i18n.word("workbook.sheet_messages", lang), taken), doc)
    return book


def _new_sheet(book: Workbook, title: str, taken: set[str]) -> Worksheet:
    sheet: Worksheet = book.create_sheet(sheet_name(title, taken, title))
    return sheet


def title_rows(sheet: Worksheet, doc: Document, columns: int) -> int:
    """The title, the verdict, the date of the check and planck's version; returns the next
    free row."""
    lang = doc.lang
    put(sheet, 1, 1, doc.title)
    sheet.cell(row=1, column=1).font = TITLE_FONT
    put_status(sheet, 2, 1, doc.verdict.render(lang), doc.verdict.tone)
    sheet.cell(row=2, column=1).font = BOLD
    facts = i18n.word(
        "workbook.checked",
        lang,
        date=doc.checked_on,
        version=doc.version,
        totals=doc.totals,
    )
    put(sheet, 3, 1, facts)
    if columns > 1:
        for row in (1, 2, 3):
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    return 5


def _columns(run: CheckRun) -> list[tuple[str, str]]:
    """(rule set id, rule id) of every indicator judged, in the order first judged."""
    seen: dict[tuple[str, str], None] = {}
    for result in run.all_results():
        seen.setdefault((result.ruleset.id, result.rule.id))
    return list(seen)


def _column_names(run: CheckRun, keys: list[tuple[str, str]], lang: Lang) -> list[str]:
    """Each indicator's name; the rule set's id beside a name that two rule sets share."""
    names: dict[tuple[str, str], str] = {}
    for result in run.all_results():
        key = (result.ruleset.id, result.rule.id)
        names.setdefault(key, result.rule.display_name(lang))
    shown = [names[key] for key in keys]
    return [
        f"{name} [{key[0]}]" if shown.count(name) > 1 else name
        for name, key in zip(shown, keys, strict=True)
    ]


def overview_rows(run: CheckRun, overview: Overview) -> list[list[Result]]:
    """The results of every report: places in the overview's order (worst first), a place's
    years latest first."""
    by_place: dict[str, list[int]] = {}
    for index, report in enumerate(run.reports):
        if run.results.get(index):
            by_place.setdefault(report.jurisdiction, []).append(index)
    order = [place.jurisdiction for place in overview.places]
    order += [place for place in by_place if place not in order]
    rows: list[list[Result]] = []
    for place in order:
        indices = sorted(by_place.get(place, []), key=lambda i: -run.reports[i].year)
        rows.extend(list(run.results[i]) for i in indices)
    return rows


def overview_sheet(
    sheet: Worksheet, doc: Document, run: CheckRun, overview: Overview
) -> dict[int, str]:
    """Fills the overview; returns row -> the jurisdiction it is about."""
    lang = doc.lang
    keys = _columns(run)
    order = {key: i for i, key in enumerate(keys)}
    fixed = [
        i18n.word("overview.place", lang),
        i18n.word("overview.year", lang),
        i18n.word("overview.worst", lang),
        i18n.word("overview.problems", lang),
    ]
    head = title_rows(sheet, doc, len(fixed) + len(keys))
    header(sheet, head, fixed + _column_names(run, keys, lang))
    row = head
    places: dict[int, str] = {}
    for results in overview_rows(run, overview):
        row += 1
        report = results[0].report
        place = common.place_name(common.rulesets_of(results), report.jurisdiction, lang)
        put(sheet, row, 1, place)
        places[row] = report.jurisdiction
        put(sheet, row, 2, report.year, "0")
        worst = cell(max(results, key=badness), lang)
        put_status(sheet, row, 3, worst.word, worst.tone)
        put(sheet, row, 4, sum(SEVERITY_RANK[r.severity] > 0 for r in results), "0")
        for column in range(len(fixed) + 1, len(fixed) + len(keys) + 1):
            put(sheet, row, column, i18n.word("overview.not_judged", lang))
        for result in results:
            shown = cell(result, lang)
            column = len(fixed) + 1 + order[(result.ruleset.id, result.rule.id)]
            put_status(sheet, row, column, shown.word, shown.tone)
    fit_columns(sheet, widest=30, skip_rows=head - 1)
    sheet.freeze_panes = sheet.cell(row=head + 1, column=3).coordinate
    if row > head:
        last = sheet.cell(row=row, column=len(fixed) + len(keys)).coordinate
        sheet.auto_filter.ref = f"A{head}:{last}"
    counts_block(sheet, row + 2, doc)
    return places


def counts_block(sheet: Worksheet, row: int, doc: Document) -> None:
    """The count of results by status, every status in the sheet above."""
    put(sheet, row, 1, i18n.word("overview.counts", doc.lang))
    sheet.cell(row=row, column=1).font = BOLD
    for status_word, count, tone in ((w, n, t) for _, w, n, t in doc.counts):
        row += 1
        put_status(sheet, row, 1, status_word, tone)
        put(sheet, row, 2, count, "0")


def alerts_sheet(sheet: Worksheet, overview: Overview, lang: Lang) -> None:
    put(sheet, 1, 1, i18n.word("overview.alerts", lang))
    sheet.cell(row=1, column=1).font = TITLE_FONT
    lead = "alerts_lead" if overview.alerts else "no_alerts"
    put(sheet, 2, 1, i18n.word("overview." + lead, lang))
    names = [
        i18n.word("overview.place", lang),
        i18n.word("overview.year", lang),
        i18n.word("overview.indicator", lang),
        i18n.word("overview.status", lang),
        i18n.word("overview.value", lang),
        i18n.word("overview.unit", lang),
        i18n.word("overview.target", lang),
        i18n.word("overview.projection", lang),
    ]
    header(sheet, 4, names)
    row = 4
    for alert in overview.alerts:
        row += 1
        result = alert.result
        put(sheet, row, 1, alert.place)
        put(sheet, row, 2, alert.year, "0")
        put(sheet, row, 3, alert.indicator)
        put_status(sheet, row, 4, alert.status, common.result_tone(result))
        if result.value is not None:
            compared = result.compared_with[1] if result.compared_with is not None else None
            put(sheet, row, 5, *number(result.value, kinds.goal(result.rule), compared))
        put(sheet, row, 6, result.rule.unit)
        put(sheet, row, 7, alert.target)
        put(sheet, row, 8, alert.projection or common.symbol("—"))
    fit_columns(sheet, widest=40, skip_rows=2)
    sheet.freeze_panes = "A5"
    if row > 4:
        sheet.auto_filter.ref = f"A4:H{row}"


def sources_sheet(sheet: Worksheet, doc: Document) -> None:
    """Each rule's source: where in which document its target is written, and the quote."""
    lang = doc.lang
    names = [
        "[n]",
        label("ruleset", lang),
        label("rule", lang),
        label("indicator", lang),
        label("document", lang),
        label("issuer", lang),
        label("number", lang),
        label("date", lang),
        label("locator", lang),
        label("quote", lang),
        label("notes", lang),
    ]
    header(sheet, 1, names)
    row = 1
    for part in doc.appendix:
        for values in _source_rows(part, lang):
            row += 1
            for column, value in enumerate(values, start=1):
                put(sheet, row, column, value, "0" if column == 1 else "")
                sheet.cell(row=row, column=column).alignment = WRAP
    fit_columns(sheet, widest=50)
    sheet.freeze_panes = "B2"
    if row > 1:
        sheet.auto_filter.ref = f"A1:K{row}"


def _source_rows(part: AppendixPart, lang: Lang) -> list[list[str | int]]:
    rules = {rule.id: rule for rule in part.ruleset.rules}
    rows: list[list[str | int]] = []
    for entry in part.entries:
        source = rules[entry.rule_id].source
        document = source.document
        if lang == "en" and source.document_en:
            document = f"{source.document} / {source.document_en}"
        rows.append(
            [
                entry.number,
                entry.ruleset_id,
                entry.rule_id,
                entry.indicator,
                document,
                source.issuer or "",
                source.number or "",
                source.date or "",
                source.locator or "",
                source.quote,
                "\n".join(entry.notes),
            ]
        )
    return rows


def messages_sheet(sheet: Worksheet, doc: Document) -> None:
    """The input errors (exit code 2) and the warnings that are not results."""
    lang = doc.lang
    header(sheet, 1, [label("kind", lang), label("message", lang)])
    row = 1
    for kind, texts in (
        (label("errors", lang), doc.errors),
        (label("warnings", lang), doc.warnings),
    ):
        for text in texts:
            row += 1
            put(sheet, row, 1, kind)
            put(sheet, row, 2, text)
            sheet.cell(row=row, column=2).alignment = WRAP
    fit_columns(sheet, widest=100)
    sheet.freeze_panes = "A2"
