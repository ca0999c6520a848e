"""Markdown (GitHub-flavoured), for pull-request comments and job summaries:
`planck check --format markdown` (a summary table, then one table per report) and
`planck report --markdown` (the full report).

User text goes through :func:`planck.render.mdtext.esc`: control characters out; `&`, `<`, `>` as entities, so that no
HTML reaches the page; Markdown punctuation backslash-escaped, so that `[bold red]`, `*`, `_`
or a pipe stay literal; `@` escaped, so that a note cannot mention (notify) someone; `:` and `$`
escaped against emoji shortcodes and math; newlines
as `<br>`, so that a note cannot start a list or a heading or end a table row.
"""

from __future__ import annotations

import re

from planck import __version__
from planck.i18n import Lang, Msg, label, msg, word
from planck.model import Result, Severity
from planck.render import RenderContext, common
from planck.render.document import Document, Finding, Section, SourceEntry, build
from planck.render.mdtext import esc
from planck.render.overview import Overview, YearsTable


def code(identifier: str) -> str:
    """An identifier (rule, rule set) as code; ids are [a-z0-9_-], anything else is escaped."""
    if re.fullmatch(r"[A-Za-z0-9_./-]+", identifier):
        return f"`{identifier}`"
    return esc(identifier)


# An identifier that planck's own sentences quote between backticks (`previous`).
_QUOTED_ID = re.compile(r"`([A-Za-z0-9_./-]+)`")


def prose(text: str) -> str:
    """A sentence of planck's (a message, an explanation) for Markdown: escaped as user text,
    except the identifiers it quotes between backticks, which become code rather than show
    their backticks."""
    parts = _QUOTED_ID.split(text)
    return "".join(code(part) if index % 2 else esc(part) for index, part in enumerate(parts))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _severity_counts(results: list[Result]) -> tuple[int, int]:
    errors = sum(r.severity is Severity.ERROR for r in results)
    warnings = sum(r.severity is Severity.WARNING for r in results)
    return errors, warnings


def _sep(lang: Lang) -> str:
    return word("punct.sep", lang)


# --- planck check --format markdown -------------------------------------------------------


def _check_words(lang: Lang) -> dict[str, str]:
    keys = (
        "title",
        "report",
        "errors",
        "warnings",
        "results",
        "input_errors",
        "other_warnings",
        "note",
    )
    return {key: word("ci.md." + key, lang) for key in keys}


# The option of `planck check` that turns the limit off (markdown_limit=None): named in the
# line that says what was left out.
FULL_OPTION = "--markdown-full"


def size(lines: list[str]) -> int:
    """Characters as GitHub counts them (UTF-16 code units), one newline per line included."""
    return sum(len(line.encode("utf-16-le")) // 2 + 1 for line in lines)


class _Budget:
    """What is left of the limit; ``take`` keeps a block only when the whole of it fits."""

    def __init__(self, limit: int | None) -> None:
        self.left = limit

    def take(self, block: list[str]) -> bool:
        if self.left is None:
            return True
        cost = size(block)
        if cost > self.left:
            return False
        self.left -= cost
        return True


def _problem_rank(results: list[Result]) -> int:
    errors, warnings = _severity_counts(results)
    return 0 if errors else 1 if warnings else 2


def _left_out(ctx: RenderContext, rows: int, errors: int, warnings: int, details: int) -> str:
    said = [
        (rows, msg("汇总表 {n} 行", "{n} row(s) of the summary table", n=rows)),
        (errors, msg("输入错误 {n} 条", "{n} input error(s)", n=errors)),
        (warnings, msg("其他警告 {n} 条", "{n} other warning(s)", n=warnings)),
        (details, msg("{n} 份报告的明细", "the details of {n} report(s)", n=details)),
    ]
    parts = [part.render(ctx.lang) for count, part in said if count]
    limit = f"{ctx.markdown_limit:,}"
    return msg(
        "为不超过 GitHub 评论的长度上限（本输出限 {limit} 字符），省略了：{parts}"
        "（有问题的报告优先列出）。完整输出：planck check 加 {option}（如写入作业摘要），"
        "或用 --format json、sarif。",
        "Left out to stay within a GitHub comment (this output is limited to {limit} "
        "characters): {parts} (reports with problems come first). For all of it, run planck "
        "check with {option} (e.g. for a job summary), or use --format json or sarif.",
        limit=limit,
        parts=word("punct.list", ctx.lang).join(parts),
        option=FULL_OPTION,
    ).render(ctx.lang)


def check_markdown(ctx: RenderContext) -> str:
    """The summary table, input errors and warnings, then each report's details, those with
    errors first, then those with warnings. With ``ctx.markdown_limit``, blocks are kept in that
    order of priority while they fit (table rows of reports with problems before the others),
    and a closing line says what was left out and how to get all of it. Input errors and
    warnings have the first claim on the room (they explain an exit code of 2 and results that
    look wrong), then the table, then the details."""
    lang = ctx.lang
    run = ctx.run
    w = _check_words(lang)
    head = _check_head(ctx)
    footer = [f"<sub>planck {__version__}</sub>"]
    budget = _Budget(ctx.markdown_limit)
    if budget.left is not None:
        # Room for the head, the footer and the line that says what was left out, whatever
        # happens.
        worst = esc(_left_out(ctx, 10**6, 10**6, 10**6, 10**6))
        budget.left = max(budget.left - size([*head, *footer, worst, ""]), 0)

    own = {index: run.results.get(index, []) for index in range(len(run.reports))}
    order = sorted(own, key=lambda index: _problem_rank(own[index]))  # stable: run order within
    errors, errors_out = _listed(
        budget, w["input_errors"], [f"- {esc(d.render(lang))}" for d in run.errors]
    )
    warnings, warnings_out = _listed(
        budget, w["other_warnings"], [f"- {esc(d.render(lang))}" for d in run.warnings]
    )
    table, rows_out = _summary_table(ctx, order, budget)
    details: list[str] = []
    details_out = 0
    for index in order:
        block = _check_details(ctx, index)
        if budget.take(block):
            details += block
        else:
            details_out += 1
    out = head + table + errors + warnings + details
    if rows_out or errors_out or warnings_out or details_out:
        out += [esc(_left_out(ctx, rows_out, errors_out, warnings_out, details_out)), ""]
    out += footer
    return "\n".join(out) + "\n"


def _check_head(ctx: RenderContext) -> list[str]:
    """The title, the verdict and the counts."""
    lang = ctx.lang
    run = ctx.run
    results = run.all_results()
    where = Msg("见下方", "see below") if run.errors else None
    found = common.verdict(results, ctx.exit_code, len(run.errors), where=where)
    head = [f"## {_check_words(lang)['title']}", "", f"**{esc(found.render(lang))}**", ""]
    if results:
        total = common.counts_text(results, lang)
        count_line = (
            word("report.results_total", lang, r=len(run.reports), n=len(results))
            + word("punct.sep", lang)
            + total
        )
        head += [esc(count_line), ""]
    return head


def _listed(budget: _Budget, title: str, diagnostics: list[str]) -> tuple[list[str], int]:
    """A titled list of the diagnostics that fit, and how many did not."""
    if not diagnostics or not budget.take([f"### {title}", "", ""]):
        return [], len(diagnostics)
    kept = [line for line in diagnostics if budget.take([line])]
    return [f"### {title}", "", *kept, ""], len(diagnostics) - len(kept)


def _summary_table(ctx: RenderContext, order: list[int], budget: _Budget) -> tuple[list[str], int]:
    """The table of reports, rows taken in ``order`` while they fit and shown in run order,
    and how many rows were left out."""
    lang = ctx.lang
    w = _check_words(lang)
    table_head = [
        _row(
            [
                w["report"],
                label("jurisdiction", lang),
                label("year", lang),
                w["errors"],
                w["warnings"],
                w["results"],
            ]
        ),
        "|---|---|--:|--:|--:|---|",
    ]
    rows: dict[int, str] = {}
    if ctx.run.reports and budget.take(table_head + [""]):
        for index in order:
            row = _summary_row(ctx, index)
            if budget.take([row]):
                rows[index] = row
    table = [*table_head, *(rows[index] for index in sorted(rows)), ""] if rows else []
    return table, len(ctx.run.reports) - len(rows)


def _summary_row(ctx: RenderContext, index: int) -> str:
    lang = ctx.lang
    report = ctx.run.reports[index]
    own = ctx.run.results.get(index, [])
    errors, warnings = _severity_counts(own)
    place = common.place_name(common.rulesets_of(own), report.jurisdiction, lang)
    return _row(
        [
            esc(report.file),
            esc(place),
            str(report.year),
            str(errors),
            str(warnings),
            esc(_counts_cell(own, lang)),
        ]
    )


def _counts_cell(own: list[Result], lang: Lang) -> str:
    counts = common.counts_text(own, lang)
    if own and common.nothing_assessed(own):
        return common.not_assessed_text(lang) + _sep(lang) + counts
    return counts


def _check_details(ctx: RenderContext, index: int) -> list[str]:
    lang = ctx.lang
    report = ctx.run.reports[index]
    own = ctx.run.results.get(index, [])
    place = common.place_name(common.rulesets_of(own), report.jurisdiction, lang)
    errors, warnings = _severity_counts(own)
    tally = msg(
        "{e} 项错误，{w} 项警告", "{e} error(s), {w} warning(s)", e=errors, w=warnings
    ).render(lang)
    if own and common.nothing_assessed(own):
        tally = common.not_assessed_sentence(lang)
    summary = f"{place} {common.year_text(report.year, lang)} · {report.file} — {tally}"
    out = [
        "<details open>" if errors else "<details>",
        f"<summary>{esc(summary)}</summary>",
        "",
        _row(
            [
                label("status", lang),
                label("indicator", lang),
                label("value", lang),
                label("target", lang),
                label("ratio", lang),
                label("message", lang),
            ]
        ),
        "|---|---|--:|--:|--:|---|",
    ]
    for result in own:
        message = prose(result.message.render(lang))
        for key, text in common.value_notes(result, lang):
            message += f"<br>*{esc(common.note_label(key, lang) + _sep(lang))}*{esc(text)}"
        out.append(
            _row(
                [
                    esc(common.status_word(result, lang)),
                    f"{esc(result.rule.display_name(lang))}<br>{code(result.rule.id)}",
                    esc(common.value_text(result)),
                    esc(common.target_text(result, lang)),
                    esc(common.ratio_text(result)),
                    message,
                ]
            )
        )
    out += ["", "</details>", ""]
    return out


class MarkdownReporter:
    name = "markdown"

    def render(self, ctx: RenderContext) -> str:
        return check_markdown(ctx)


# --- planck report --markdown ---------------------------------------------------------------


def _facts(pairs: list[tuple[str, str]], lang: Lang, indent: str = "") -> list[str]:
    return [f"{indent}- {esc(k + _sep(lang))}{esc(v)}" for k, v in pairs]


def _quote(text: str, indent: str = "") -> list[str]:
    return [f"{indent}> {esc(text)}"] if text else []


def _report_table(doc: Document, section: Section) -> list[str]:
    lang = doc.lang
    out = [
        _row(
            [
                label("status", lang),
                label("indicator", lang),
                label("value", lang),
                label("target", lang),
                esc(doc.word("progress")),
                label("ratio", lang),
            ]
        ),
        "|---|---|--:|--:|---|--:|",
    ]
    for row in section.rows:
        bar = common.bar_text(row.share)
        progress = f"{bar} {row.share_text}" if bar else row.share_text
        out.append(
            _row(
                [
                    esc(row.status),
                    f"{esc(row.indicator)}<br>{code(row.rule_id)} \\[{row.source_no}\\]",
                    esc(row.value),
                    esc(row.target),
                    esc(progress),
                    esc(row.ratio),
                ]
            )
        )
    return out


def _finding(doc: Document, finding: Finding) -> list[str]:
    # a finding for several indicators names them in its text, with no id or source of its own
    rule = f" {code(finding.rule_id)}" if finding.rule_id else ""
    source = f" \\[{finding.source_no}\\]" if finding.source_no else ""
    out = [
        f"- **{esc(finding.status)} · {esc(finding.indicator)}**{rule}{source}",
        "",
        f"  {prose(finding.text)}",
    ]
    for name, text in finding.notes:
        out += ["", f"  *{esc(name + _sep(doc.lang))}*{esc(text)}"]
    out.append("")
    return out


def _entry(doc: Document, entry: SourceEntry) -> list[str]:
    lang = doc.lang
    out = [
        f"{entry.number}. **{esc(entry.indicator)}** {code(entry.ruleset_id + '/' + entry.rule_id)}",
        "",
    ]
    out += _facts(entry.source, lang, "   ")
    if entry.quote:
        out += ["", *_quote(entry.quote, "   ")]
    if entry.baseline is not None:
        pairs, quote = entry.baseline
        out += ["", f"   *{esc(doc.word('baseline_source'))}*", ""]
        out += _facts(pairs, lang, "   ")
        if quote:
            out += ["", *_quote(quote, "   ")]
    for pairs, quote in entry.see_also:
        out += ["", f"   *{esc(doc.word('see_also'))}*", ""]
        out += _facts(pairs, lang, "   ")
        if quote:
            out += ["", *_quote(quote, "   ")]
    if entry.notes:
        out += ["", f"   *{esc(doc.word('rule_notes'))}*", ""]
        out += [f"   - {esc(note)}" for note in entry.notes]
    out.append("")
    return out


def _ov(key: str, lang: Lang, **params: object) -> str:
    return word("overview." + key, lang, **params)


def _overview(overview: Overview, lang: Lang) -> list[str]:
    """The places worst first with a mark per indicator (numbered, named in the legend), the
    counts and the 预警 list."""
    numbers = [str(k) for k in range(1, len(overview.columns) + 1)]
    out = [f"## {esc(_ov('title', lang))}", "", esc(_ov("lead", lang, n=len(overview.places)))]
    out += ["", _row([esc(_ov(k, lang)) for k in ("place", "year", "problems")] + numbers)]
    out.append("|---|--:|--:|" + ":-:|" * len(numbers))
    for place in overview.places:
        marks = [esc(c.mark if c is not None else "·") for c in place.cells]
        out.append(_row([esc(place.name), str(place.year), str(place.problems), *marks]))
    names = [c.name for c in overview.columns]
    out += ["", f"**{esc(_ov('legend', lang))}**", ""]
    for number, column in zip(numbers, overview.columns, strict=True):
        line = f"{number}. {esc(column.name)}"
        if names.count(column.name) > 1:
            line += f" · {code(column.ruleset_id)}"
        out.append(line)
    out += ["", esc("·" + _sep(lang) + _ov("not_judged", lang)), ""]
    counts = " · ".join(f"{esc(name)} {n}" for _status, name, n in overview.counts)
    out += [f"**{esc(_ov('counts', lang) + _sep(lang))}**{counts}", ""]
    out += [f"### {esc(_ov('alerts', lang))}", ""]
    if not overview.alerts:
        return [*out, esc(_ov("no_alerts", lang)), ""]
    out += [esc(_ov("alerts_lead", lang)), ""]
    keys = ("place", "indicator", "status", "value", "target", "projection")
    out += [_row([esc(_ov(k, lang)) for k in keys]), "|---|---|---|--:|--:|--:|"]
    for alert in overview.alerts:
        where = f"{alert.place} {common.year_text(alert.year, lang)}"
        cells = (where, alert.indicator, alert.status, alert.value, alert.target)
        out.append(_row([*(esc(x) for x in cells), esc(alert.projection or "—")]))
    return [*out, ""]


def _years_table(table: YearsTable, lang: Lang) -> list[str]:
    keys = ("indicator", "unit", "base", "target")
    out = [f"### {esc(_ov('years_place', lang, place=table.name))}", ""]
    out.append(_row([esc(_ov(k, lang)) for k in keys] + [str(y) for y in table.years]))
    out.append("|---|---|--:|--:|" + "--:|" * len(table.years))
    for row in table.rows:
        years = [esc(f"{c.value} {c.mark}") if c is not None else "—" for c in row.cells]
        out.append(
            _row([esc(x or "—") for x in (row.indicator, row.unit, row.base, row.target)] + years)
        )
    return [*out, ""]


def _section(doc: Document, section: Section) -> list[str]:
    lang = doc.lang
    meta = [(label("file", lang), section.file)]
    if section.submitted:
        meta.append((doc.word("submitted"), section.submitted))
    out = [f"### {esc(section.heading)}", ""]
    out += _facts(meta, lang)
    out += [f"- {esc(plan)}" for plan in section.plans]
    out.append("")
    out += _report_table(doc, section)
    counts = section.counts
    if section.not_assessed:
        counts = section.not_assessed + _sep(lang) + counts
    out += ["", esc(counts), ""]
    if section.findings:
        out += [f"#### {esc(doc.word('findings'))}", ""]
        for finding in section.findings:
            out += _finding(doc, finding)
    return out


def report_markdown(doc: Document) -> str:
    lang = doc.lang
    sep = _sep(lang)
    out = [f"# {esc(doc.title)}", "", esc(f"{doc.word('generated')}{sep}planck {doc.version}"), ""]
    out += [f"## {esc(doc.word('plans'))}", ""]
    for plan in doc.plans:
        about_document, about_check = doc.plan_facts(plan)
        facts = about_document + about_check
        out += [f"**{esc(plan.title)}**", ""]
        out += _facts(facts, lang)
        out.append(
            f"- {esc(label('ruleset', lang) + sep)}{code(plan.ruleset.id)} · {esc(plan.binding)}"
        )
        out.append("")
    counts = " · ".join(f"{esc(name)} {count}" for _s, name, count, _t in doc.counts)
    out += [
        f"## {esc(doc.word('verdict'))}",
        "",
        f"**{esc(doc.verdict.render(lang))}**",
        "",
        esc(doc.totals) + (esc(sep) + counts if counts else ""),
        "",
    ]
    for key, lines in (("errors", doc.errors), ("warnings", doc.warnings)):
        if lines:
            out += [f"## {esc(doc.word(key))}", ""]
            out += [f"- {esc(line)}" for line in lines]
            out.append("")
    if doc.overview is not None:
        out += _overview(doc.overview, lang)
    if doc.sections and doc.years:
        out += [f"## {esc(_ov('years_title', lang))}", ""]
        for table in doc.years:
            out += _years_table(table, lang)
    if doc.sections:
        out += [f"## {esc(doc.word('reports'))}", "", f"*{esc(doc.word('progress_note'))}*", ""]
    for section in doc.sections:
        out += _section(doc, section)
    if doc.appendix:
        out += [f"## {esc(doc.word('appendix'))}", ""]
        for part in doc.appendix:
            out += [f"### {esc(part.title)}", ""]
            out += _facts(part.source, lang)
            if part.notes:
                out += ["", f"*{esc(doc.word('plan_notes'))}*", ""]
                out += [f"- {esc(note)}" for note in part.notes]
            out.append("")
            for entry in part.entries:
                out += _entry(doc, entry)
    return "\n".join(out).rstrip("\n") + "\n"


class MarkdownReport:
    name = "markdown"

    def render(self, ctx: RenderContext) -> str:
        return report_markdown(build(ctx))
