"""`planck report … --docx FILE`: the annual monitoring report (年度监测报告) as a Word document
that a bureau can sign and send, laid out from the same content as every other report format
(planck.render.document.build).

In order: the title block (plans, 文号 and issuer, date of the check, planck version); 一、核查结论
(verdict, counts by status, input errors); for several places the overview of all places, one
row per place and one short status mark per indicator; the early-warning list (预警); each
place's main indicators by year; a chart per indicator; the indicators that need attention; the
sources appendix. Statuses are always a symbol and a word, never colour alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from planck.i18n import Lang, word
from planck.model import Result
from planck.render import RenderContext, common
from planck.render.document import Document, Section, build
from planck.render.docx_parts import Writer
from planck.render.overview import (
    Alert,
    Overview,
    YearCell,
    YearsTable,
)
from planck.render.pngchart import ChartDrawer, drawable
from planck.render.series import chart_rows

# The overview gives at most this many indicator columns per table (landscape A4).
OVERVIEW_COLUMNS = 16
# Up to this many places every indicator is drawn; beyond it only those on the 预警 list.
CHART_ALL_PLACES = 4
# Never more charts than this in one document (a few seconds of drawing).
MAX_CHARTS = 30
CHART_WIDTH_CM = 14.0


class DocxReport:
    name = "docx"

    def render(self, ctx: RenderContext) -> bytes:
        return write(build(ctx), ctx.lang)


@dataclass
class _Run:
    """The document being written and what it needs to know along the way."""

    doc: Document
    lang: Lang
    out: Writer
    headings: int = 0

    def heading(self, key: str) -> None:
        numerals = word("docx.numerals", self.lang).split(",")
        self.headings += 1
        self.out.heading(word(key, self.lang, n=numerals[self.headings - 1]))


def write(doc: Document, lang: Lang) -> bytes:
    run = _Run(doc, lang, Writer())
    title = _title(doc, lang)
    _title_block(run, title)
    _verdict(run)
    latest = [doc.sections[index] for index in doc.latest_sections()]
    if doc.overview is not None:
        _overview(run, doc.overview)
    alerts = list(doc.places.alerts) if doc.places is not None else []
    _alerts(run, alerts)
    _years(run, doc.years)
    _charts(run, alerts)
    _findings(run, latest)
    _appendix(run)
    return run.out.finish(title)


# --- title and verdict ----------------------------------------------------------------------


def _latest_year(doc: Document) -> int | None:
    years = [section.report.year for section in doc.sections]
    return max(years) if years else None


def _title(doc: Document, lang: Lang) -> str:
    year = _latest_year(doc)
    if year is None:
        return doc.title
    if len(doc.plans) == 1 and (doc.overview is None):
        return word("docx.title_one", lang, plan=doc.plans[0].title, year=year)
    return word("docx.title_many", lang, year=year)


def _title_block(run: _Run, title: str) -> None:
    """The title, the plans with their 文号, issuer and date, the date of the check and the
    version of planck."""
    out, doc = run.out, run.doc
    out.title(title)
    many = len(doc.plans) > 1 or doc.overview is not None
    if many:
        out.subtitle(word("docx.plans_lead", run.lang))
    for plan in doc.plans:
        if many:
            out.subtitle(plan.title)
        facts, _check = doc.plan_facts(plan)
        out.subtitle(_fields(run, facts))
    out.subtitle(word("docx.checked", run.lang, date=doc.checked_on, version=doc.version))


def _verdict(run: _Run) -> None:
    out, doc = run.out, run.doc
    run.heading("docx.h_verdict")
    out.paragraph("", bold_lead=doc.verdict.render(run.lang))
    out.paragraph(doc.totals)
    if doc.counts:
        out.caption(word("docx.counts_table", run.lang, no=out.table_number()), above=True)
        rows = [(label, str(count)) for _status, label, count, _tone in doc.counts]
        header = [word("docx.status", run.lang), word("docx.count", run.lang)]
        out.table(header, rows, [3, 1])
    errors = word("docx.errors", run.lang)
    warnings = word("docx.warnings", run.lang)
    for heading, lines in ((errors, doc.errors), (warnings, doc.warnings)):
        if lines:
            out.paragraph(heading + word("punct.sep", run.lang))
            for line in lines:
                out.note(line)


# --- overview and early warning -------------------------------------------------------------


def _chunks(count: int, most: int) -> Iterator[range]:
    """0..count in parts of at most ``most``, as even as can be (19 columns: 10 and 9)."""
    parts = max(1, -(-count // most))
    size = -(-count // parts)
    for start in range(0, count, size):
        yield range(start, min(start + size, count))


def _overview(run: _Run, overview: Overview) -> None:
    out = run.out
    out.orientation(landscape=True)
    run.heading("docx.h_overview")
    out.paragraph(word("overview.lead", run.lang, n=len(overview.places)))
    plans = {plan.ruleset.id: plan.title for plan in run.doc.plans}
    not_judged = common.symbol("—")
    for part in _chunks(len(overview.columns), OVERVIEW_COLUMNS):
        caption = word("docx.overview_table", run.lang, no=out.table_number())
        if len(overview.columns) > OVERVIEW_COLUMNS:
            caption += word("docx.overview_part", run.lang, first=part[0] + 1, last=part[-1] + 1)
        out.caption(caption, above=True)
        header = [
            word("overview.place", run.lang),
            word("overview.year", run.lang),
            word("overview.worst", run.lang),
            *(str(i + 1) for i in part),
        ]
        rows = [
            [
                place.name,
                str(place.year),
                place.worst.word if place.worst is not None else not_judged,
                *(cell.mark if (cell := place.cells[i]) is not None else not_judged for i in part),
            ]
            for place in overview.places
        ]
        out.table(header, rows, [3.2, 1.2, 2.4, *([0.9] * len(part))])
    out.note(word("docx.legend", run.lang))
    for i, column in enumerate(overview.columns, start=1):
        plan = plans.get(column.ruleset_id, column.ruleset_id)
        out.note(word("docx.legend_item", run.lang, no=i, name=column.name, plan=plan))
    out.note(word("docx.marks", run.lang))
    counts = " · ".join(f"{label} {n}" for _status, label, n in overview.counts)
    out.paragraph(word("overview.counts", run.lang) + word("punct.sep", run.lang))
    out.note(counts)


def _alerts(run: _Run, alerts: list[Alert]) -> None:
    out = run.out
    run.heading("docx.h_alerts")
    lang = run.lang
    if not alerts:
        out.paragraph(word("overview.no_alerts", lang))
        return
    out.paragraph(word("overview.alerts_lead", lang))
    out.caption(word("docx.alerts_table", run.lang, no=out.table_number()), above=True)
    header = [
        word("overview." + key, lang)
        for key in ("place", "indicator", "status", "value", "target", "projection")
    ]
    dash = common.symbol("—")
    rows = [
        (
            f"{a.place} {common.year_text(a.year, lang)}",
            a.indicator,
            a.status,
            a.value,
            a.target,
            a.projection or dash,
        )
        for a in alerts
    ]
    out.table(header, rows, [2.2, 4, 2, 1.8, 2, 1.8])


# --- indicators by year ---------------------------------------------------------------------


def _year_value(cell: YearCell | None, unit: str) -> str:
    """A year's mark and value; the unit is in its own column."""
    if cell is None:
        return common.symbol("—")
    value = cell.value.removesuffix(unit) if unit else cell.value
    return f"{cell.mark} {value}"


def _years(run: _Run, tables: list[YearsTable]) -> None:
    out, lang = run.out, run.lang
    if not tables:
        return
    out.orientation(landscape=True)
    run.heading("docx.h_years")
    out.note(word("docx.progress_note", run.lang))
    dash = common.symbol("—")
    for table in tables:
        out.caption(
            word("docx.years_table", run.lang, no=out.table_number(), place=table.name), above=True
        )
        latest = table.years[-1] if table.years else ""
        header = [
            word("overview.indicator", lang),
            word("overview.unit", lang),
            word("overview.base", lang),
            word("overview.target", lang),
            *(str(year) for year in table.years),
            word("docx.progress_of", run.lang, year=latest),
            word("docx.latest_status", run.lang, year=latest),
        ]
        rows = []
        for row in table.rows:
            result = row.latest
            share = common.attainment(result) if result is not None else None
            rows.append(
                [
                    row.indicator,
                    row.unit or dash,
                    row.base,
                    row.target,
                    *(_year_value(c, row.unit) for c in row.cells),
                    common.attainment_text(share),
                    common.status_word(result, lang) if result is not None else dash,
                ]
            )
        widths = [4.2, 1.3, 1.6, 2.0, *([1.5] * len(table.years)), 1.6, 2.0]
        out.table(header, rows, widths)


# --- charts ---------------------------------------------------------------------------------


def _chart_results(run: _Run, alerts: list[Alert]) -> tuple[list[tuple[str, Result]], bool]:
    """(place, result) to draw, and whether only the 预警 list is drawn."""
    tables = run.doc.years
    if len(tables) <= CHART_ALL_PLACES:
        picked = []
        for table in tables:
            for row in table.rows:
                result = row.latest
                if result is not None:
                    picked.append((table.name, result))
        return picked, False
    return [(alert.place, alert.result) for alert in alerts], True


def _charts(run: _Run, alerts: list[Alert]) -> None:
    out = run.out
    picked, alerts_only = _chart_results(run, alerts)
    drawn = [
        (place, result, rows) for place, result in picked if drawable(rows := chart_rows(result))
    ]
    out.orientation(landscape=False)
    run.heading("docx.h_charts")
    if alerts_only:
        out.paragraph(
            word("docx.charts_alerts_only", run.lang, places=len(run.doc.years), n=len(drawn))
        )
    if len(drawn) > MAX_CHARTS:
        out.paragraph(word("docx.charts_capped", run.lang, shown=MAX_CHARTS, n=len(drawn)))
        drawn = drawn[:MAX_CHARTS]
    if not drawn:
        out.paragraph(word("docx.no_charts", run.lang))
        return
    out.note(word("docx.chart_legend", run.lang))
    drawer = ChartDrawer()
    place_seen = None
    for place, result, rows in drawn:
        heading = word("docx.chart_place", run.lang, place=place, year=result.report.year)
        if heading != place_seen:
            out.heading(heading, level=2)
            place_seen = heading
        out.picture(drawer.png(rows), CHART_WIDTH_CM)
        name = result.rule.display_name(run.lang)
        out.caption(word("overview.chart_caption", run.lang, indicator=name))


# --- findings and sources -------------------------------------------------------------------


def _findings(run: _Run, latest: list[Section]) -> None:
    out = run.out
    run.heading("docx.h_findings")
    if not any(section.findings for section in latest):
        out.paragraph(word("docx.no_findings", run.lang))
        return
    out.paragraph(word("docx.findings_lead", run.lang))
    colon = word("punct.sep", run.lang)
    for section in latest:
        if not section.findings:
            continue
        out.heading(section.heading, level=2)
        for finding in section.findings:
            lead = f"{finding.status} · {finding.indicator}"
            if finding.source_no:
                lead += f" [{finding.source_no}]"
            out.paragraph(finding.text, bold_lead=lead + colon)
            for label, text in finding.notes:
                out.note(f"{label}{colon}{text}")


def _fields(run: _Run, fields: Sequence[tuple[str, str]]) -> str:
    colon = word("punct.sep", run.lang)
    return word("docx.fields_sep", run.lang).join(f"{label}{colon}{text}" for label, text in fields)


def _sourced(run: _Run, lead: str, fields: Sequence[tuple[str, str]], quote: str) -> str:
    """'基期值来源：文号：…；原文：“…”' — a source's facts and its quote on one line."""
    colon = word("punct.sep", run.lang)
    parts = [_fields(run, fields)] if fields else []
    if quote:
        parts.append(word("docx.quote", run.lang) + colon + word("docx.quoted", run.lang, x=quote))
    text = word("docx.fields_sep", run.lang).join(parts)
    return f"{lead}{colon}{text}" if lead else text


def _appendix(run: _Run) -> None:
    out, doc = run.out, run.doc
    if not doc.appendix:
        return
    out.heading(word("docx.h_appendix", run.lang))
    colon = word("punct.sep", run.lang)
    for part in doc.appendix:
        out.heading(part.title, level=2)
        if part.source:
            out.note(_fields(run, part.source))
        for note in part.notes:
            out.note(note)
        for entry in part.entries:
            out.paragraph("", bold_lead=f"[{entry.number}] {entry.indicator}")
            out.note(_sourced(run, "", entry.source, entry.quote))
            if entry.baseline is not None:
                out.note(_sourced(run, doc.word("baseline_source"), *entry.baseline))
            for fields, quote in entry.see_also:
                out.note(_sourced(run, doc.word("see_also"), fields, quote))
            for note in entry.notes:
                out.note(doc.word("rule_notes") + colon + note)
