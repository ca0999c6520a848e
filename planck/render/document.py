"""The content of `planck report`, built once and laid out by each of its formats (terminal and
text, SVG, HTML, Markdown), so that they all say the same thing.

Every string here is plain text in the chosen language, not yet cleaned or escaped: the format
that lays it out does that for its medium. No Rich, no HTML.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from planck import __version__, i18n
from planck.i18n import Lang, Msg, label
from planck.model import (
    SEVERITY_RANK,
    Diagnostic,
    Report,
    Result,
    RuleSet,
    Source,
    Status,
    status_label,
)
from planck.render import RenderContext, common
from planck.render.explain import explain, unassessed_reason
from planck.render.overview import (
    Overview,
    YearsTable,
    build_overview,
    needs_overview,
    years_tables,
)


def word(key: str, lang: Lang, **params: object) -> str:
    """A heading or phrase of the report (planck.i18n.words, section ``report``)."""
    return i18n.word("report." + key, lang, **params)


@dataclass(frozen=True, slots=True)
class PlanBlock:
    ruleset: RuleSet
    title: str
    number: str | None
    issuer: str | None
    date: str | None
    jurisdictions: str
    report_years: str
    period: str
    binding: str


@dataclass(frozen=True, slots=True)
class Row:
    result: Result
    status: str  # with its symbol
    tone: common.Tone
    indicator: str
    rule_id: str
    value: str
    target: str
    share: float | None  # of the target reached, for the bar
    share_text: str
    ratio: str
    source_no: int


@dataclass(frozen=True, slots=True)
class Finding:
    """The paragraph for one result that is not `met`."""

    result: Result
    status: str
    tone: common.Tone
    indicator: str
    rule_id: str
    text: str
    note: str | None
    source_no: int
    # (label, text): the report's note, its 核实说明, the likely reading of a suspect value
    notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    report: Report
    heading: str  # 独山子区 2024 年
    file: str
    submitted: str | None
    plans: list[str]
    rows: list[Row]
    findings: list[Finding]
    counts: str
    # '? 无法评估' when nothing in the report could be assessed (common.nothing_assessed)
    not_assessed: str = ""


@dataclass(frozen=True, slots=True)
class SourceEntry:
    number: int
    ruleset_id: str
    rule_id: str
    indicator: str
    source: list[tuple[str, str]]  # (label, text), quote excluded
    quote: str
    baseline: tuple[list[tuple[str, str]], str] | None
    see_also: list[tuple[list[tuple[str, str]], str]]
    notes: list[str]


@dataclass(frozen=True, slots=True)
class AppendixPart:
    ruleset: RuleSet
    title: str
    source: list[tuple[str, str]]
    notes: list[str]
    entries: list[SourceEntry]


@dataclass(slots=True)
class Document:
    lang: Lang
    title: str
    version: str
    exit_code: int
    plans: list[PlanBlock]
    verdict: common.Verdict
    totals: str
    counts: list[tuple[Status, str, int, common.Tone]]  # status, label with symbol, count, tone
    sections: list[Section]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    appendix: list[AppendixPart] = field(default_factory=list)
    # every place at its latest year, worst first, its counts and 预警 list (one place too)
    places: Overview | None = None
    several_places: bool = False
    # each place's indicators by year (完成情况总表), in the order places first appear
    years: list[YearsTable] = field(default_factory=list)
    checked_on: str = ""  # the date of the check, ISO 8601 (see check_date)

    @property
    def overview(self) -> Overview | None:
        """The overview that opens a report of several places; None for one place."""
        return self.places if self.several_places else None

    def latest_sections(self) -> list[int]:
        """Each place's latest report that has results, by section index, in the order places
        first appear: the sections that get charts and findings where only the newest
        year of each place is shown."""
        latest: dict[str, int] = {}
        for index, section in enumerate(self.sections):
            if not section.rows:
                continue
            seen = latest.get(section.report.jurisdiction)
            if seen is None or section.report.year > self.sections[seen].report.year:
                latest[section.report.jurisdiction] = index
        return list(latest.values())

    def word(self, key: str, **params: object) -> str:
        return word(key, self.lang, **params)

    def plan_facts(self, plan: PlanBlock) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """A plan's title-block facts for every layout: (about the document, about the check)."""
        document = [(self.word("number"), plan.number or "—")]
        if plan.issuer:
            document.append((self.word("issuer"), plan.issuer))
        if plan.date:
            document.append((self.word("date"), plan.date))
        check = [
            (self.word("jurisdiction"), plan.jurisdictions),
            (self.word("report_years"), plan.report_years),
            (self.word("period"), plan.period),
        ]
        return document, check


def _years(years: list[int]) -> str:
    years = sorted(set(years))
    if not years:
        return "—"
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _source_fields(source: Source, lang: Lang, full: bool) -> list[tuple[str, str]]:
    """A source's facts as (label, text) pairs; the document's own facts only when ``full``."""
    out: list[tuple[str, str]] = []
    if full:
        title = source.document
        if lang == "en" and source.document_en:
            title = f"{source.document} / {source.document_en}"
        out.append((label("document", lang), title))
        if source.issuer:
            out.append((label("issuer", lang), source.issuer))
        if source.number:
            out.append((label("number", lang), source.number))
        if source.date:
            out.append((label("date", lang), source.date))
    if source.locator:
        out.append((label("locator", lang), source.locator))
    if source.url:
        out.append((label("source", lang), source.url))
    return out


def _same_document(a: Source, b: Source | None) -> bool:
    return b is not None and (a.document, a.issuer, a.number, a.date) == (
        b.document,
        b.issuer,
        b.number,
        b.date,
    )


def build(ctx: RenderContext) -> Document:
    lang = ctx.lang
    run = ctx.run
    results = run.all_results()
    used = sorted(common.rulesets_of(results), key=lambda rs: rs.id)
    by_ruleset: dict[str, list[Result]] = {rs.id: [] for rs in used}
    for result in results:
        by_ruleset[result.ruleset.id].append(result)
    # Appendix numbering first, so that rows and findings can cite their source.
    numbers: dict[tuple[str, str], int] = {}
    appendix = [_appendix_part(rs, by_ruleset[rs.id], numbers, lang) for rs in used]
    where = None
    if run.errors:
        where = Msg("见“输入错误”一节", "see Input errors")
    return Document(
        lang=lang,
        title=word("title", lang),
        version=__version__,
        exit_code=ctx.exit_code,
        plans=[_plan(rs, by_ruleset[rs.id], lang) for rs in used],
        verdict=common.verdict(results, ctx.exit_code, len(run.errors), where=where),
        totals=word("results_total", lang, r=len(run.reports), n=len(results)),
        counts=_counts(results, lang),
        sections=[
            _section(report, run.results.get(index, []), numbers, lang)
            for index, report in enumerate(run.reports)
        ],
        errors=[_diagnostic(d, lang) for d in run.errors],
        warnings=[_diagnostic(d, lang) for d in run.warnings],
        appendix=appendix,
        places=build_overview(run, lang),
        several_places=needs_overview(run),
        years=years_tables(run, lang),
        checked_on=check_date(),
    )


def check_date() -> str:
    """The date of the check, ISO 8601. SOURCE_DATE_EPOCH (the reproducible-builds convention,
    seconds since 1970 UTC) fixes it, so that the same inputs can give the same document."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    return date.today().isoformat()


def _appendix_part(
    ruleset: RuleSet, judged: list[Result], numbers: dict[tuple[str, str], int], lang: Lang
) -> AppendixPart:
    """The sources of a rule set's rules that judged something, numbered on from ``numbers``
    (which this adds them to)."""
    used_rules = {r.rule.id for r in judged}
    entries = []
    for rule in ruleset.rules:
        if rule.id not in used_rules:
            continue
        no = len(numbers) + 1
        numbers[(ruleset.id, rule.id)] = no
        full = not _same_document(rule.source, ruleset.source)
        baseline = None
        if rule.baseline is not None and rule.baseline.source is not None:
            b = rule.baseline.source
            baseline = (_source_fields(b, lang, not _same_document(b, ruleset.source)), b.quote)
        entries.append(
            SourceEntry(
                number=no,
                ruleset_id=ruleset.id,
                rule_id=rule.id,
                indicator=rule.display_name(lang),
                source=_source_fields(rule.source, lang, full),
                quote=rule.source.quote,
                baseline=baseline,
                see_also=[(_source_fields(s, lang, True), s.quote) for s in rule.see_also],
                notes=list(rule.notes),
            )
        )
    return AppendixPart(
        ruleset=ruleset,
        title=ruleset.display_title(lang),
        source=_source_fields(ruleset.source, lang, True) if ruleset.source else [],
        notes=list(ruleset.notes),
        entries=entries,
    )


def _plan(ruleset: RuleSet, judged: list[Result], lang: Lang) -> PlanBlock:
    """What the report says of a plan: the places and years it judged."""
    places: dict[str, None] = {}  # in the order they first appear
    for jurisdiction in dict.fromkeys(r.report.jurisdiction for r in judged):
        places.setdefault(common.place_name([ruleset], jurisdiction, lang))
    source = ruleset.source
    return PlanBlock(
        ruleset=ruleset,
        title=ruleset.display_title(lang),
        number=source.number if source else None,
        issuer=source.issuer if source else None,
        date=source.date if source else None,
        jurisdictions=i18n.word("punct.list", lang).join(places),
        report_years=_years([r.report.year for r in judged]),
        period=f"{ruleset.period[0]}–{ruleset.period[1]}",
        binding=label("binding" if ruleset.binding else "anticipatory", lang),
    )


def _section(
    report: Report, own: list[Result], numbers: dict[tuple[str, str], int], lang: Lang
) -> Section:
    """One report's section: its table rows and the findings explained below them."""
    rulesets = common.rulesets_of(own)
    place = common.place_name(rulesets, report.jurisdiction, lang)
    rows = []
    attention = []
    for result in own:
        no = numbers.get((result.ruleset.id, result.rule.id), 0)
        rows.append(_row(result, no, lang))
        if result.status not in (Status.MET, Status.ON_TRACK):
            attention.append((result, no))
    findings = _findings(attention, lang)
    submitted = None
    if report.submitted_by or report.submitted_on:
        submitted = " · ".join(x for x in (report.submitted_by, report.submitted_on) if x)
    plan_lines = []
    for ruleset in rulesets:
        line = ruleset.display_title(lang)
        if ruleset.source is not None and ruleset.source.number:
            number = ruleset.source.number
            line += i18n.word("punct.paren", lang, x=number)
        plan_lines.append(line)
    return Section(
        report=report,
        heading=f"{place} {common.year_text(report.year, lang)}",
        file=report.file,
        submitted=submitted,
        plans=plan_lines,
        rows=rows,
        findings=findings,
        counts=common.counts_text(own, lang),
        not_assessed=(
            common.not_assessed_sentence(lang) if own and common.nothing_assessed(own) else ""
        ),
    )


def _row(result: Result, source_no: int, lang: Lang) -> Row:
    share = common.attainment(result)
    return Row(
        result=result,
        status=common.status_word(result, lang),
        tone=common.result_tone(result),
        indicator=result.rule.display_name(lang),
        rule_id=result.rule.id,
        value=common.value_text(result),
        target=common.target_text(result, lang),
        share=share,
        share_text=common.attainment_text(share),
        ratio=common.ratio_text(result),
        source_no=source_no,
    )


def _findings(attention: list[tuple[Result, int]], lang: Lang) -> list[Finding]:
    """The paragraphs of the results that need attention, in table order. Unassessed results
    that share their reason are said once, as one finding that names them all."""
    groups: dict[tuple[str, str], list[tuple[Result, int]]] = {}
    for result, no in attention:
        reason = unassessed_reason(result)
        if reason is not None:
            groups.setdefault((reason.zh, reason.en), []).append((result, no))
    out: list[Finding] = []
    said: set[tuple[str, str]] = set()
    for result, no in attention:
        reason = unassessed_reason(result)
        key = (reason.zh, reason.en) if reason is not None else None
        if key is not None and len(groups[key]) > 1:
            if key not in said:
                said.add(key)
                out.append(_group_finding(groups[key], Msg(*key), lang))
            continue
        finding = _finding(result, no, lang)
        if finding is not None:
            out.append(finding)
    return out


def _group_finding(members: list[tuple[Result, int]], reason: Msg, lang: Lang) -> Finding:
    first = members[0][0]
    names = word("list_sep", lang).join(
        f"{r.rule.display_name(lang)} [{no}]" if no else r.rule.display_name(lang)
        for r, no in members
    )
    return Finding(
        result=first,
        status=common.status_word(first, lang),
        tone=common.result_tone(first),
        indicator=word("n_indicators", lang, n=len(members)),
        rule_id="",
        text=names + i18n.word("punct.sep", lang) + reason.render(lang),
        note=None,
        source_no=0,
    )


def _finding(result: Result, source_no: int, lang: Lang) -> Finding | None:
    """The paragraph that explains a result, where it needs one."""
    paragraph = explain(result)
    if paragraph is None:
        return None
    return Finding(
        result=result,
        status=common.status_word(result, lang),
        tone=common.result_tone(result),
        indicator=result.rule.display_name(lang),
        rule_id=result.rule.id,
        text=paragraph.render(lang),
        note=result.note,
        source_no=source_no,
        notes=tuple(
            (common.note_label(key, lang), text) for key, text in common.value_notes(result, lang)
        ),
    )


def _counts(results: list[Result], lang: Lang) -> list[tuple[Status, str, int, common.Tone]]:
    """The summary's counts by status, each in the tone of its most severe result."""
    worst: dict[Status, Result] = {}
    for result in results:
        seen = worst.get(result.status)
        if seen is None or SEVERITY_RANK[result.severity] > SEVERITY_RANK[seen.severity]:
            worst[result.status] = result
    return [
        (
            status,
            f"{common.status_mark(status)} {status_label(status, lang)}",
            count,
            common.result_tone(worst[status]),
        )
        for status, count in common.status_counts(results)
    ]


def _diagnostic(d: Diagnostic, lang: Lang) -> str:
    return d.render(lang)
