"""The overview's words: the tree's labels, the top bar, a report's head with its verdict and
counts, the filter line, a file's warnings and an input error. Rich Text, no Textual; user data
is cleaned (planck.textsafe.clean) and never read as markup.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.text import Text

from planck.errors import Location
from planck.i18n import Lang, label, msg, word
from planck.model import (
    Diagnostic,
    Severity,
    Status,
    status_label,
)
from planck.render.common import (
    NOT_ASSESSED_MARK,
    Tone,
    nothing_assessed,
    status_mark,
    symbol,
    tone,
)
from planck.render.text import STATUS_STYLE, TONE_STYLE
from planck.textsafe import clean
from planck.tui.strings import tr
from planck.tui.view import PlaceOrder, Review, Worst

SEVERITY_MARK = {Severity.INFO: "✓", Severity.WARNING: "!", Severity.ERROR: "✗"}
SEVERITY_STYLE = {Severity.INFO: "green", Severity.WARNING: "yellow", Severity.ERROR: "red"}
NOT_ASSESSED_STYLE = "blue"


def year_label(year: int, lang: Lang) -> str:
    return word("punct.year", lang, year=year)


def tree_report_label(review: Review, index: int) -> Text:
    """A year in the tree, marked by its worst result. The same in both languages, so that
    switching language relabels only the jurisdictions, not thousands of years."""
    severity = review.worst(index)
    if review.not_assessed(index):
        text = Text(NOT_ASSESSED_MARK + " ", style=NOT_ASSESSED_STYLE)
    else:
        text = Text(symbol(SEVERITY_MARK[severity]) + " ", style=SEVERITY_STYLE[severity])
    text.append(str(review.keys[index][1]))
    return text


def worst_tone(worst: Worst) -> Tone:
    """The tone of a report's worst result (as common.result_tone gives it for the result)."""
    if worst.severity is Severity.INFO and worst.status in (Status.UNASSESSED, Status.REVIEW):
        return "info"
    return tone(worst.severity)


def tree_place_label(review: Review, place: str, lang: Lang) -> Text:
    """A place in the tree: the mark of the worst status of its latest year (in its tone's
    colour; the mark alone carries the meaning), then its name."""
    worst = review.place_worst(place)
    text = Text()
    if worst is not None:
        text.append(status_mark(worst.status) + " ", style=TONE_STYLE[worst_tone(worst)])
    text.append(review.place_name(place, lang), style="bold")
    return text


def places_line(order: PlaceOrder, problems_only: bool, shown: int, total: int, lang: Lang) -> Text:
    """Above the tree: how the places are ordered, and the filter when it is on."""
    text = Text(tr("places.order." + order, lang), style="dim")
    if problems_only:
        text.append(symbol(" · "), style="dim")
        text.append(tr("places.problems", lang, n=shown, total=total), style="bold yellow")
    return text


def tree_error_label(diagnostic: Diagnostic) -> Text:
    where = str(Location(Path(diagnostic.location.file).name, diagnostic.location.line))
    return Text(symbol("✗ ") + clean(where, single_line=True), style="red")


def verdict_text(
    errors: int, warnings: int, input_errors: int, lang: Lang, not_assessed: bool = False
) -> Text:
    """✓ 通过 / ✗ 未通过 with the counts of error and warning results, in the words
    `planck check` uses; '? 无法评估' when ``not_assessed`` (nothing could be assessed)."""
    sep = word("punct.sep", lang)
    if input_errors:
        body = msg("{n} 个（见左侧列表）", "{n}, listed on the left", n=input_errors).render(lang)
        return Text(symbol(tr("verdict.input", lang)) + sep + body, style="bold red")
    if not_assessed and not errors and not warnings:
        return Text(tr("verdict.unassessed", lang), style="bold " + NOT_ASSESSED_STYLE)
    counts = (
        (tr("count.errors", lang, n=errors) if errors else tr("count.no_errors", lang))
        + tr("count.sep", lang)
        + (tr("count.warnings", lang, n=warnings) if warnings else tr("count.no_warnings", lang))
    )
    if errors:
        return Text(symbol(tr("verdict.fail", lang)) + sep + counts, style="bold red")
    return Text(
        symbol(tr("verdict.pass", lang)) + sep + counts,
        style="bold yellow" if warnings else "bold green",
    )


def topbar_text(review: Review, lang: Lang) -> Text:
    summary = review.summary
    text = Text(tr("app.title", lang), style="bold")
    text.append(f"  {len(review)} {tr('reports', lang)}")
    text.append(symbol(" · ") + f"{summary.results} {tr('results', lang)}  ")
    text.append_text(
        verdict_text(
            summary.error_results,
            summary.warning_results,
            len(summary.errors),
            lang,
            not_assessed=bool(summary.not_assessed) and all(summary.not_assessed),
        )
    )
    return text


def report_head(review: Review, index: int, lang: Lang, width: int = 80) -> Text:
    """Jurisdiction and year, file, rule set title and number, the report's verdict and counts."""
    report = review.report(index)
    results = review.results(index)
    text = Text()
    text.append(review.place_name(report.jurisdiction, lang), style="bold")
    text.append(" " + year_label(report.year, lang), style="bold")
    text.append("  " + clean(report.file, single_line=True), style="dim")
    seen: list[str] = []
    for result in results:
        ruleset = result.ruleset
        if ruleset.id in seen:
            continue
        seen.append(ruleset.id)
        text.append("\n")
        text.append(clean(ruleset.display_title(lang)))
        if ruleset.source is not None and ruleset.source.number:
            number = clean(ruleset.source.number)
            text.append(word("punct.paren", lang, x=number))
        text.append(
            symbol(" · ") + label("binding" if ruleset.binding else "anticipatory", lang),
            style="dim",
        )
    text.append("\n")
    verdict = verdict_text(
        sum(r.severity is Severity.ERROR for r in results),
        sum(r.severity is Severity.WARNING for r in results),
        0,
        lang,
        not_assessed=nothing_assessed(results),
    )
    text.append_text(verdict)
    # The counts follow the verdict while they fit, and wrap between items, never inside one
    # ("进展有限 2" stays whole).
    used = verdict.cell_len
    counter = Counter(r.status for r in results)
    first = True
    for status in Status:
        if not counter[status]:
            continue
        item = Text(f"{status_label(status, lang)} {counter[status]}", style=STATUS_STYLE[status])
        gap = "  " if first else symbol(" · ")
        if used + len(gap) + item.cell_len > width:
            text.append("\n")
            used = 0
        else:
            text.append(gap)
            used += len(gap)
        text.append_text(item)
        used += item.cell_len
        first = False
    return text


def filter_line(problems_only: bool, query: str, shown: int, total: int, lang: Lang) -> Text | None:
    if not problems_only and not query.strip():
        return None
    parts: list[str] = []
    if problems_only:
        parts.append(tr("filter.problems", lang))
    if query.strip():
        parts.append(f"{tr('filter.search', lang)} “{clean(query.strip(), single_line=True)}”")
    text = Text(symbol("▼ ") + symbol(" · ").join(parts), style="bold")
    text.append(symbol(" · ") + tr("filter.shown", lang, n=shown, total=total))
    text.append(" " + tr("filter.clear", lang), style="dim")
    return text


def warnings_text(warnings: list[Diagnostic], lang: Lang) -> Text | None:
    if not warnings:
        return None
    text = Text(f"! {len(warnings)} {tr('warnings.here', lang)}", style="bold yellow")
    for w in warnings:
        text.append("\n  " + clean(w.render(lang), single_line=True))
    return text


def error_detail(diagnostic: Diagnostic, lang: Lang) -> Text:
    text = Text(tr("error.title", lang), style="bold red")
    text.append("\n" + clean(str(diagnostic.location), single_line=True), style="bold")
    text.append("\n" + clean(diagnostic.message.render(lang)))
    text.append("\n\n" + tr("error.hint", lang), style="dim")
    return text
