"""The form a bureau clerk fills in (`planck template … -o form.xlsx` or `form.csv`).

One row per indicator of every rule set covering the place and year, in the long table the
CSV/XLSX reader takes (planck/sources/table.py), with the indicator's id beside its Chinese name
(指标代码) so that the figures read back as exactly the same report as a YAML file would. The
workbook has a second sheet, 填报说明, with how to fill it in and each indicator's target and
source; the reader does not read that sheet.

Names come from rule sets, which anyone may write: they go into cells as text, never as
formulas, and a name the reader could not read back (or that a cell cannot hold) is replaced by
the id it stands for.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planck.domain.kinds.phrasing import kind_label
from planck.domain.values import PERCENT, to_rule_unit
from planck.i18n import Lang, label, word
from planck.model import Kind, Report, Rule, RuleSet
from planck.render.common import goal_cell, number_text
from planck.sources.jurisdictions import JurisdictionIndex
from planck.sources.table import COLUMNS, FORM_HELP_SHEET

FORM_SHEET = "填报表"
# The form's columns, in order: the reader's canonical names (their Chinese headers are what
# the form shows, in every language: the reader and the clerk both need them).
FORM_COLUMNS = (
    "jurisdiction",
    "year",
    "indicator",
    "code",
    "value",
    "unit",
    "previous",
    "note",
    "verified",
)
HEADERS = tuple(COLUMNS[c][1] for c in FORM_COLUMNS)
# The columns the clerk types in; the others are the form's and stay as written.
TYPED = frozenset({"value", "previous", "note", "verified"})
# A text cell starting with one of these would be taken as a formula by a spreadsheet that
# opens the CSV file (and could run it): such a cell starts with a tab, which the reader trims.
_FORMULA_START = ("=", "+", "-", "@")
_HELP_WIDTH = 28
_TYPED_WIDTH = {"value": 14, "previous": 12, "note": 20, "verified": 24}


@dataclass(frozen=True, slots=True)
class FormRow:
    place: str  # what the 地区 cell says: the place's Chinese name, or its id
    year: int
    rule: Rule
    name: str  # what the 指标 cell says: the rule's Chinese name, or its id
    previous: float | None

    def cells(self) -> tuple[str | int | float | None, ...]:
        rule = self.rule
        by_column: dict[str, str | int | float | None] = {
            "jurisdiction": self.place,
            "year": self.year,
            "indicator": self.name,
            "code": rule.id,
            "value": None,
            "unit": rule.unit or None,
            "previous": self.previous,
            "note": None,
            "verified": None,
        }
        return tuple(by_column[c] for c in FORM_COLUMNS)


def covering(jurisdiction: str, year: int, rulesets: Iterable[RuleSet]) -> list[RuleSet]:
    return [rs for rs in rulesets if rs.covers(jurisdiction, year)]


def form_rows(
    jurisdiction: str, year: int, rulesets: list[RuleSet], previous: Mapping[str, float]
) -> list[FormRow]:
    """The form's rows: each indicator once (the first rule set that has it gives it), with
    its previous-year value where one is known."""
    index = JurisdictionIndex(rulesets)
    place = jurisdiction
    for rs in covering(jurisdiction, year, rulesets):
        found = rs.jurisdiction(jurisdiction)
        if found is not None and _fits(found.name) and index.resolve(found.name) == jurisdiction:
            place = found.name
    names = index.indicators(jurisdiction)
    rows: list[FormRow] = []
    seen: set[str] = set()
    for rs in covering(jurisdiction, year, rulesets):
        for rule in rs.rules:
            if rule.id in seen:
                continue
            seen.add(rule.id)
            name = (
                rule.name if _fits(rule.name) and names.resolve(rule.name) == rule.id else rule.id
            )
            rows.append(FormRow(place, year, rule, name, previous.get(rule.id)))
    return rows


def _fits(text: str) -> bool:
    """Whether a name can stand in a cell as it is: text a worksheet can hold, on one line."""
    return bool(text.strip()) and not any(
        unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in text
    )


def previous_values(
    reports: Iterable[Report], rulesets: list[RuleSet], year: int
) -> dict[str, float]:
    """Each indicator's value for ``year - 1`` from the reports given (of one jurisdiction),
    in the rule's unit: the report for year - 1, else the ``previous`` a report for ``year``
    gives. Values that cannot be used (invalid, a unit that does not convert) are left out:
    the clerk fills those in."""
    units = {rule.id: rule.unit for rs in reversed(rulesets) for rule in rs.rules}
    found: dict[str, float] = {}
    own: dict[str, float] = {}
    for report in reports:
        if report.year not in (year - 1, year):
            continue
        into = found if report.year == year - 1 else own
        for rule_id, obs in report.observations.items():
            unit = units.get(rule_id)
            number = obs.number if report.year == year - 1 else obs.previous
            if unit is None or number is None:
                continue
            value, problem = to_rule_unit(number, unit)
            if value is not None and problem is None and math.isfinite(value):
                into.setdefault(rule_id, value)
    return own | found


def _csv_text(value: str | int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "\t" + value if value.startswith(_FORMULA_START) else value
    return _number(value)


def _number(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def form_csv(rows: list[FormRow]) -> bytes:
    """The form as CSV, UTF-8 with a byte-order mark (so Excel and WPS take it as UTF-8)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_csv_text(v) for v in row.cells()])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def help_lines(year: int, lang: Lang) -> list[str]:
    """How to fill in the form, a line each."""
    keys = ("how.where", "how.units", "how.previous", "how.empty", "how.verified", "how.check")
    return [
        f"{n}. "
        + (
            word("form." + k, lang, year=year - 1)
            if k == "how.previous"
            else word("form." + k, lang)
        )
        for n, k in enumerate(keys, start=1)
    ]


HELP_COLUMNS = (
    "name",
    "id",
    "target",
    "target_year",
    "base",
    "kind",
    "binding",
    "ruleset",
    "document",
    "number",
    "locator",
    "quote",
)


def help_header(lang: Lang) -> list[str]:
    return [word("form.col." + c, lang) for c in HELP_COLUMNS]


def help_rows(jurisdiction: str, year: int, rulesets: list[RuleSet], lang: Lang) -> list[list[str]]:
    """For each indicator of each covering rule set: its target, base, kind and source."""
    none = word("form.none", lang)
    out: list[list[str]] = []
    for rs in covering(jurisdiction, year, rulesets):
        for rule in rs.rules:
            source = rule.source
            out.append(
                [
                    rule.display_name(lang),
                    rule.id,
                    _goal(rule, lang),
                    str(rule.target_year) if rule.target_year is not None else none,
                    _base(rule, lang),
                    kind_label(rule.kind, lang),
                    label("binding" if rule.binding else "anticipatory", lang),
                    rs.id,
                    source.document,
                    source.number or none,
                    source.locator,
                    source.quote,
                ]
            )
    return out


def _goal(rule: Rule, lang: Lang) -> str:
    if rule.kind in (Kind.NON_DECREASING, Kind.QUALITATIVE) or rule.target is None:
        return kind_label(rule.kind, lang)
    return goal_cell(rule, lang)


def _base(rule: Rule, lang: Lang) -> str:
    base = rule.baseline
    if base is None:
        return word("form.none", lang)
    unit = "" if not rule.unit or rule.unit == PERCENT else " "
    text = number_text(base.value) + unit + (rule.unit or "")
    return text + word("punct.year_paren", lang, year=base.year)


def form_xlsx(
    jurisdiction: str, year: int, rulesets: list[RuleSet], rows: list[FormRow], lang: Lang
) -> bytes:
    """The form as an Excel workbook: the sheet to fill in, then the instructions."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = FORM_SHEET
    _fill_form(sheet, rows, lang)
    _fill_help(book.create_sheet(FORM_HELP_SHEET), jurisdiction, year, rulesets, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill_form(sheet: Any, rows: list[FormRow], lang: Lang) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    from planck.render.workbook_cells import fit_columns, write

    grey = PatternFill("solid", fgColor="E7E6E6")
    typed_fill = PatternFill("solid", fgColor="FFF9DB")
    open_cell = Protection(locked=False)
    line = Side(style="thin", color="A6A6A6")
    box = Border(left=line, right=line, top=line, bottom=line)
    for col, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(1, col)
        write(cell, header)
        cell.font = Font(bold=True)
        cell.fill = grey
        cell.border = box
        cell.alignment = Alignment(horizontal="center")
    for r, row in enumerate(rows, start=2):
        for col, (name, value) in enumerate(zip(FORM_COLUMNS, row.cells(), strict=True), 1):
            cell = sheet.cell(r, col)
            write(cell, value)
            cell.border = box
            if name in TYPED:
                cell.protection = open_cell
                cell.fill = typed_fill if name == "value" else PatternFill()
            else:
                cell.fill = grey
            if name == "year":
                cell.alignment = Alignment(horizontal="center")
    _validate(sheet, rows, lang)
    fit_columns(sheet)
    for name, least in _TYPED_WIDTH.items():  # room to type in
        dimension = sheet.column_dimensions[get_column_letter(FORM_COLUMNS.index(name) + 1)]
        dimension.width = max(dimension.width or 0, least)
    sheet.freeze_panes = "A2"
    # protected without a password: the clerk types in the open columns and may still format
    # cells (1.62% typed as a percentage) and resize rows and columns
    sheet.protection.sheet = True
    sheet.protection.formatCells = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _validate(sheet: Any, rows: list[FormRow], lang: Lang) -> None:
    """Numbers only in 数值 and 上年值: 0–100 for a percentage, at least 0 for the rest (what
    the checker accepts, SPEC §2), with a prompt and an error message in Chinese (and English
    on an English run)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    value_col = get_column_letter(FORM_COLUMNS.index("value") + 1)
    previous_col = get_column_letter(FORM_COLUMNS.index("previous") + 1)
    by_unit: dict[str, Any] = {}
    for r, row in enumerate(rows, start=2):
        unit = row.rule.unit
        percent = unit == PERCENT
        key = unit
        rule = by_unit.get(key)
        if rule is None:
            rule = by_unit[key] = DataValidation(
                type="decimal",
                operator="between" if percent else "greaterThanOrEqual",
                formula1="0",
                formula2="100" if percent else None,
                allow_blank=True,
                showInputMessage=True,
                showErrorMessage=True,
                errorStyle="stop",
                promptTitle=_both("form.prompt.title", lang)[:32],
                prompt=_both("form.prompt.text", lang, unit=unit or "—")[:255],
                errorTitle=_both("form.error.title", lang)[:32],
                error=_both("form.error.percent" if percent else "form.error.amount", lang)[:255],
            )
            sheet.add_data_validation(rule)
        rule.add(f"{value_col}{r}")
        rule.add(f"{previous_col}{r}")


def _both(key: str, lang: Lang, **params: object) -> str:
    """Chinese, the language of the form; with the English after it on an English run."""
    zh = word(key, "zh", **params)
    return zh if lang == "zh" else zh + "\n" + word(key, "en", **params)


def _fill_help(
    sheet: Any, jurisdiction: str, year: int, rulesets: list[RuleSet], lang: Lang
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from planck.render.workbook_cells import fit_columns, write

    place = jurisdiction
    for rs in covering(jurisdiction, year, rulesets):
        found = rs.jurisdiction(jurisdiction)
        if found is not None:
            place = found.display_name(lang)
    bold = Font(bold=True)
    write(sheet.cell(1, 1), word("form.title", lang, place=place, year=year))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    write(sheet.cell(3, 1), word("form.how", lang))
    sheet.cell(3, 1).font = bold
    lines = help_lines(year, lang)
    for n, line in enumerate(lines, start=4):
        write(sheet.cell(n, 1), line)
    top = 4 + len(lines) + 1
    write(sheet.cell(top, 1), word("form.targets", lang))
    sheet.cell(top, 1).font = bold
    header = help_header(lang)
    table = help_rows(jurisdiction, year, rulesets, lang)
    grey = PatternFill("solid", fgColor="E7E6E6")
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, text in enumerate(header, start=1):
        cell = sheet.cell(top + 1, col)
        write(cell, text)
        cell.font = bold
        cell.fill = grey
    for r, values in enumerate(table, start=top + 2):
        for col, text in enumerate(values, start=1):
            cell = sheet.cell(r, col)
            write(cell, text)
            cell.alignment = wrap
    # long texts (names, documents, quotes) wrap in narrower columns, so that a printed page
    # one sheet wide stays readable; the lines above the table run across
    fit_columns(sheet, widest=_HELP_WIDTH, skip_rows=top)


def get_column_letter(col: int) -> str:
    """A column's letters (1 -> A), from openpyxl when a workbook is written: a YAML or CSV
    template never loads it."""
    from openpyxl.utils import get_column_letter as letters

    return letters(col)
