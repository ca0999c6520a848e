"""What the review screens show, worked out from a finished CheckRun.

Plain functions with no Textual in them, so that they can be tested (and reused) without an
app. They judge nothing: statuses, ratios and messages all come from the engine.
"""

from __future__ import annotations

import io
import os
import shlex
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

from planck.check import exit_code_of
from planck.errors import Location
from planck.exit_codes import ExitCode
from planck.i18n import LANGS, Lang, label
from planck.model import (
    SEVERITY_RANK,
    CheckRun,
    Diagnostic,
    Jurisdiction,
    Report,
    Result,
    RuleSet,
    Severity,
    Status,
    status_label,
)
from planck.progress import floor_ratio
from planck.render import RenderContext
from planck.render.common import (
    NOT_ASSESSED_MARK,
    nothing_assessed,
    ratio_text,
    symbol,
    symbols_for,
    target_text,
    value_text,
)
from planck.render.text import STATUS_STYLE, diagnostics, renderables, status_text
from planck.sources.discover import discover
from planck.textsafe import clean
from planck.tui.strings import tr

SEVERITY_MARK = {Severity.INFO: "✓", Severity.WARNING: "!", Severity.ERROR: "✗"}
SEVERITY_STYLE = {Severity.INFO: "green", Severity.WARNING: "yellow", Severity.ERROR: "red"}
NOT_ASSESSED_STYLE = "blue"

ReportKey = tuple[str, int]  # (jurisdiction, year): what a report is across reloads


def rule_key(result: Result) -> str:
    return f"{result.ruleset.id}/{result.rule.id}"


def report_key(report: Report) -> ReportKey:
    return (report.jurisdiction, report.year)


def is_problem(result: Result) -> bool:
    return result.severity is not Severity.INFO


def matches(result: Result, query: str) -> bool:
    """Search by rule id or indicator name (either language), case-insensitively."""
    needle = query.strip().casefold()
    if not needle:
        return True
    haystack = (result.rule.id, result.rule.name, result.rule.name_en, result.ruleset.id)
    return any(needle in text.casefold() for text in haystack)


def visible(results: list[Result], problems_only: bool, query: str) -> list[Result]:
    return [r for r in results if (not problems_only or is_problem(r)) and matches(r, query)]


def worst_severity(results: list[Result]) -> Severity:
    return max((r.severity for r in results), key=SEVERITY_RANK.__getitem__, default=Severity.INFO)


@dataclass(frozen=True)
class Summary:
    """What the overview needs of a finished CheckRun: everything but the reports and their
    results, which are looked up one jurisdiction at a time. Worked out where the run is (the
    loading thread, or the child process of planck.tui.loader) and small enough to hand over."""

    rulesets: list[RuleSet]
    code: ExitCode
    keys: list[ReportKey]  # by report index, in the run's order
    files: list[str]
    worst: list[Severity]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    results: int  # how many results in all
    error_results: int
    warning_results: int
    # Column widths measured over every result, so that they stay put from report to report.
    widths: dict[str, tuple[int, int, int]]
    # by report index: nothing in the report could be assessed (common.nothing_assessed)
    not_assessed: list[bool] = field(default_factory=list)


@dataclass(slots=True)
class Tallied:
    """The per-report part of a Summary, for some of a run's reports (in a worker process, its
    jurisdictions); parts are joined in order by summary_of."""

    keys: list[ReportKey]
    files: list[str]
    worst: list[Severity]
    results: int
    error_results: int
    warning_results: int
    widths: dict[str, tuple[int, int, int]]
    not_assessed: list[bool] = field(default_factory=list)


class Tally:
    """Counts reports and their results for a Summary as they are added, one report at a time,
    so that none need be kept for it."""

    def __init__(self) -> None:
        self.part = Tallied([], [], [], 0, 0, 0, {})
        # One result for each distinct cell the column widths depend on (see measure).
        self._samples: dict[tuple[object, ...], Result] = {}

    def add(self, report: Report, results: list[Result]) -> None:
        part, samples = self.part, self._samples
        part.keys.append(report_key(report))
        part.files.append(report.file)
        part.worst.append(worst_severity(results))
        part.not_assessed.append(nothing_assessed(results))
        part.results += len(results)
        for r in results:
            if r.severity is Severity.ERROR:
                part.error_results += 1
            elif r.severity is Severity.WARNING:
                part.warning_results += 1
            samples.setdefault(("s", r.status, r.severity), r)
            samples.setdefault(("v", r.value, r.rule.unit), r)
            samples.setdefault(("t", id(r.rule), r.compared_with), r)

    def done(self) -> Tallied:
        """The tally, with its column widths measured."""
        samples = list(self._samples.values())
        self.part.widths = {lang: measure(samples, lang) for lang in LANGS}
        return self.part


def summary_of(
    parts: list[Tallied],
    rulesets: list[RuleSet],
    errors: list[Diagnostic],
    warnings: list[Diagnostic],
) -> Summary:
    """The Summary of a run whose reports were tallied in ``parts`` (one or more), in order."""
    worst = [severity for part in parts for severity in part.worst]
    return Summary(
        rulesets=rulesets,
        code=exit_code_of(bool(errors), max(map(SEVERITY_RANK.__getitem__, worst), default=0)),
        keys=[key for part in parts for key in part.keys],
        files=[file for part in parts for file in part.files],
        worst=worst,
        errors=errors,
        warnings=warnings,
        results=sum(part.results for part in parts),
        error_results=sum(part.error_results for part in parts),
        warning_results=sum(part.warning_results for part in parts),
        widths={lang: _widest([part.widths[lang] for part in parts]) for lang in LANGS},
        not_assessed=[flag for part in parts for flag in part.not_assessed],
    )


def _widest(widths: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    """Column by column, the widest of several (status, value, target) widths."""
    status, value, target = zip(*widths, strict=True)
    return max(status), max(value), max(target)


def summarise(run: CheckRun) -> Summary:
    tally = Tally()
    for index, report in enumerate(run.reports):
        tally.add(report, run.results.get(index, []))
    return summary_of([tally.done()], run.rulesets, run.errors, run.warnings)


Detail = tuple[Report, list[Result]]
# A jurisdiction's reports and their results, given the jurisdiction and its report indexes.
DetailLoader = Callable[[str, list[int]], list[Detail]]


class Review:
    """A check's outcome arranged for browsing: reports grouped by jurisdiction, names resolved.
    The reports themselves and their results are fetched a jurisdiction at a time, when the
    screen first shows one of its reports."""

    def __init__(self, summary: Summary, load: DetailLoader) -> None:
        self.summary = summary
        self.code = summary.code
        self.errors = summary.errors
        self.warnings = summary.warnings
        self.keys = summary.keys
        self.files = summary.files
        self.places: dict[str, Jurisdiction] = {}
        for ruleset in sorted(summary.rulesets, key=lambda rs: rs.id):
            for j in ruleset.jurisdictions:
                self.places.setdefault(j.id, j)
        self.by_place: dict[str, list[int]] = {}  # jurisdiction -> report indexes
        self.index_of: dict[ReportKey, int] = {}
        for index, key in enumerate(summary.keys):
            self.by_place.setdefault(key[0], []).append(index)
            self.index_of[key] = index
        self._load = load
        self._details: dict[int, Detail] = {}
        self._warnings: dict[str, list[Diagnostic]] | None = None

    @classmethod
    def build(cls, run: CheckRun) -> Review:
        """A review of a run at hand (in this process)."""

        def load(_place: str, indexes: list[int]) -> list[Detail]:
            return [(run.reports[i], run.results.get(i, [])) for i in indexes]

        return cls(summarise(run), load)

    def __len__(self) -> int:
        return len(self.keys)

    def measure(self, lang: Lang) -> tuple[int, int, int]:
        return self.summary.widths[lang]

    def worst(self, index: int) -> Severity:
        return self.summary.worst[index]

    def not_assessed(self, index: int) -> bool:
        """Nothing in the report could be assessed: it has passed nothing."""
        return self.summary.not_assessed[index]

    def _detail(self, index: int) -> Detail:
        if index not in self._details:
            place = self.keys[index][0]
            indexes = self.by_place[place]
            self._details.update(zip(indexes, self._load(place, indexes), strict=True))
        return self._details[index]

    def report(self, index: int) -> Report:
        return self._detail(index)[0]

    def results(self, index: int) -> list[Result]:
        return self._detail(index)[1]

    def check_run(self) -> CheckRun:
        """The whole run again (for saving it): every jurisdiction's details are fetched."""
        return CheckRun(
            rulesets=self.summary.rulesets,
            reports=[self.report(i) for i in range(len(self))],
            results={i: self.results(i) for i in range(len(self))},
            errors=self.errors,
            warnings=self.warnings,
        )

    def place_name(self, jurisdiction: str, lang: Lang) -> str:
        place = self.places.get(jurisdiction)
        return clean(place.display_name(lang) if place else jurisdiction)

    def warnings_for(self, index: int) -> list[Diagnostic]:
        """The warnings about the file a report was read from."""
        if self._warnings is None:
            self._warnings = {}
            for w in self.warnings:
                self._warnings.setdefault(w.location.file, []).append(w)
        return self._warnings.get(self.files[index], [])

    def error_files(self) -> set[str]:
        return {e.location.file for e in self.errors}


# --- without colour ---------------------------------------------------------------------------
# With NO_COLOR, Textual turns colours into greys of the same lightness, and red (or magenta) on
# a dark background then all but disappears. Statuses carry a symbol and a word, so the review
# drops its own colours instead and keeps bold, dim and underline.


def _no_colour(style: str | Style) -> Style:
    parsed = Style.parse(style) if isinstance(style, str) else style
    return parsed.without_color


def decolour(text: Text) -> Text:
    out = text.copy()
    out.style = _no_colour(out.style)
    out.spans = [Span(span.start, span.end, _no_colour(span.style)) for span in out.spans]
    return out


class Colourless:
    """Any Rich renderable, drawn without its colours."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            style = segment.style.without_color if segment.style else None
            yield Segment(segment.text, style, segment.control)


# --- overview -------------------------------------------------------------------------------


def year_label(year: int, lang: Lang) -> str:
    return f"{year} 年" if lang == "zh" else str(year)


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


def tree_error_label(diagnostic: Diagnostic) -> Text:
    where = str(Location(Path(diagnostic.location.file).name, diagnostic.location.line))
    return Text(symbol("✗ ") + clean(where, single_line=True), style="red")


def verdict_text(
    errors: int, warnings: int, input_errors: int, lang: Lang, not_assessed: bool = False
) -> Text:
    """✓ 通过 / ✗ 未通过 with the counts of error and warning results, in the words
    `planck check` uses; '? 无法评估' when ``not_assessed`` (nothing could be assessed)."""
    zh = lang == "zh"
    sep = "：" if zh else ": "
    if input_errors:
        body = f"{input_errors} 个（见左侧列表）" if zh else f"{input_errors}, listed on the left"
        return Text(symbol(tr("verdict.input", lang)) + sep + body, style="bold red")
    if not_assessed and not errors and not warnings:
        return Text(tr("verdict.unassessed", lang), style="bold " + NOT_ASSESSED_STYLE)
    if zh:
        counts = (
            (f"{errors} 项错误" if errors else "无错误")
            + "，"
            + (f"{warnings} 项警告" if warnings else "无警告")
        )
    else:
        counts = (
            (f"{errors} error(s)" if errors else "no errors")
            + ", "
            + (f"{warnings} warning(s)" if warnings else "no warnings")
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
    gap = " " if lang == "zh" else " "
    text.append(f"  {len(review)}{gap}{tr('reports', lang)}")
    text.append(symbol(" · ") + f"{summary.results}{gap}{tr('results', lang)}  ")
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
    zh = lang == "zh"
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
            text.append(f"（{number}）" if zh else f" ({number})")
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


def progress_cell(result: Result, bar_width: int) -> Text:
    """The progress ratio R, with a small bar when there is room; '—' when none was computed."""
    ratio = ratio_text(result)
    if bar_width <= 0 or result.progress is None or result.progress.ratio is None:
        return Text(ratio, justify="right")
    share = min(1.0, max(0.0, floor_ratio(result.progress.ratio)))
    eighths = round(share * bar_width * 8)
    full, rest = divmod(eighths, 8)
    bar = symbol("█" * full + (" ▏▎▍▌▋▊▉"[rest] if rest else ""))
    text = Text(bar.ljust(bar_width), style=STATUS_STYLE[result.status])
    text.append(" " + ratio.rjust(5))
    return text


@dataclass(frozen=True)
class Columns:
    status: int
    indicator: int
    value: int
    target: int
    progress: int
    bar: int
    short_status: bool = False


CELL_PADDING = 2  # DataTable pads each cell by one column on either side
SCROLLBAR = 2
MIN_INDICATOR = 16


# Shorter English words for the table's status column when the terminal is narrow (the
# drill-down and the help screen use the full ones). The Chinese words are short already.
SHORT_STATUS_EN: dict[Status, str] = {
    Status.NEEDS_ACCELERATION: "accelerate",
    Status.LIMITED_PROGRESS: "limited",
}


def status_cell(result: Result, lang: Lang, short: bool = False) -> Text:
    text = status_text(result.status, result.severity, lang)
    if short and lang == "en" and result.status in SHORT_STATUS_EN:
        text = Text(f"{text.plain[0]} {SHORT_STATUS_EN[result.status]}", style=text.style)
    return text


def measure(results: list[Result], lang: Lang) -> tuple[int, int, int]:
    """The widest status, value and target cells (with their headings) among ``results``.
    Each distinct cell is measured once: thousands of results share a few dozen of them."""
    statuses = {(r.status, r.severity) for r in results}
    status = max(
        [cell_len(label("status", lang))]
        + [status_text(st, sev, lang).cell_len for st, sev in statuses]
    )
    values = {(r.value, r.rule, r.compared_with): r for r in results}
    value = max(
        [cell_len(label("value", lang)), cell_len("—")]
        + [cell_len(clean(value_text(r))) for r in values.values()]
    )
    targets = {(r.rule, r.compared_with): r for r in results}
    target = max(
        [cell_len(label("target", lang))]
        + [cell_len(clean(target_text(r, lang))) for r in targets.values()]
    )
    return status, value, target


def columns_for(
    widest: tuple[int, int, int], lang: Lang, width: int, scrollbar: bool = True
) -> Columns:
    """Column widths for the rule table: statuses and numbers are never cut, the indicator
    name takes what is left (cut with an ellipsis; the full name is one Enter away)."""
    status, value, target = widest
    fixed = status + value + target + 5 * CELL_PADDING + (SCROLLBAR if scrollbar else 0)
    # A bar beside the ratio when the indicator name still keeps 30 columns.
    bar = 8 if width - fixed - (5 + 1 + 8) >= 30 else 0
    progress = max(cell_len(tr("progress", lang)), 5 + (bar + 1 if bar else 0))
    indicator = width - fixed - progress
    short = False
    if indicator < MIN_INDICATOR and lang == "en":
        # Narrow and English: the long status words give way to the indicator's name.
        shortest = max(len("! ") + len(w) for w in [*SHORT_STATUS_EN.values(), "deteriorating"])
        saved = max(0, status - shortest)
        status -= saved
        indicator += saved
        short = saved > 0
    return Columns(status, max(8, indicator), value, target, progress, bar, short)


def _head(text: str, cells: int) -> str:
    """The longest start of ``text`` that fits in ``cells`` terminal cells."""
    out = ""
    for char in text:
        if cell_len(out + char) > cells:
            break
        out += char
    return out


def _tail(text: str, cells: int) -> str:
    """The longest end of ``text`` that fits in ``cells`` terminal cells."""
    return _head(text[::-1], cells)[::-1]


def short_names(names: list[str], width: int) -> list[str]:
    """Names that fit in ``width`` cells and still tell the rows apart: a name too long is cut
    at its end (“规模以上工业企业研…”); when that makes two different names look the same, both
    keep their start and their end instead (“规模以上…收入比重” and “规模以上…企业占比”)."""
    width = max(width, 3)

    def cut_end(name: str) -> str:
        return name if cell_len(name) <= width else _head(name, width - 1) + "…"

    def cut_middle(name: str, head: int) -> str:
        if cell_len(name) <= width:
            return name
        start = _head(name, head)
        return start + "…" + _tail(name, width - 1 - cell_len(start))

    short = [cut_end(n) for n in names]
    seen: dict[str, set[str]] = {}
    for name, cut in zip(names, short, strict=True):
        seen.setdefault(cut, set()).add(name)
    for cut, group in seen.items():
        if len(group) < 2:
            continue
        chosen: dict[str, str] = {}
        # As much of the start as still leaves the names distinct by their ends.
        for head in range((width - 1) // 2, 0, -1):
            chosen = {n: cut_middle(n, head) for n in group}
            if len(set(chosen.values())) == len(group):
                break
        else:
            # Same start and same end: show the part where each differs from the others.
            def common(a: str, b: str) -> int:
                k = 0
                while k < min(len(a), len(b)) and a[k] == b[k]:
                    k += 1
                return k

            chosen = {}
            for n in group:
                differs = max(common(n, other) for other in group if other != n)
                start = max(0, differs - max(1, (width - 1) // 3))
                chosen[n] = "…" + _head(n[start:], width - 1)
        short = [chosen.get(n, s) if s == cut else s for n, s in zip(names, short, strict=True)]
    return short


def row_cells(
    result: Result, lang: Lang, columns: Columns, name_text: str | None = None
) -> tuple[Text, ...]:
    """A result's cells; ``name_text`` is the indicator's name as cut by short_names."""
    full = clean(result.rule.display_name(lang), single_line=True)
    name = Text(full if name_text is None else name_text)
    name.no_wrap = True
    name.overflow = "ellipsis"
    return (
        status_cell(result, lang, columns.short_status),
        name,
        Text(clean(value_text(result), single_line=True), justify="right"),
        Text(clean(target_text(result, lang), single_line=True), justify="right"),
        progress_cell(result, columns.bar),
    )


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


# --- editor ---------------------------------------------------------------------------------


# Editors that take `+LINE` before `--`, and `--` to end their options (so that no file name
# after it is read as an option or a `+command`).
_PLUS_LINE_THEN_DASHES = frozenset({"vi", "vim", "nvim", "gvim", "mvim", "view", "ex", "nvi"})
# Editors that open `FILE:LINE` with an option of their own (VS Code and its forks).
_GOTO_OPTION = {"code": "-g", "code-insiders": "-g", "codium": "-g", "cursor": "-g"}
# Editors that open `FILE:LINE` as given.
_PATH_COLON_LINE = frozenset({"subl", "hx", "helix", "zed"})


def editor_command(file: str, line: int | None, environ: dict[str, str] | None = None) -> list[str]:
    """The argument list that opens ``file`` at ``line`` in $EDITOR (else $VISUAL).

    $EDITOR may hold arguments (`code -w`): it is split like a shell word list, never run
    through a shell. The file is always given as an absolute path, which starts with `/` and so
    can never be taken for an option (`-c…`) or an editor command (`+:!…`) whatever its name;
    editors of the vi family also get `--` before it. The line is given in the form each editor
    understands: `+LINE` (vi, vim, nano, emacs, micro, kakoune, and the default), `-g FILE:LINE`
    (VS Code), `FILE:LINE` (Sublime Text, Helix, Zed).

    Raises LookupError when no editor is set, ValueError when the setting cannot be split into
    words (an unbalanced quote)."""
    env = os.environ if environ is None else environ
    editor = (env.get("EDITOR") or env.get("VISUAL") or "").strip()
    if not editor:
        raise LookupError("no editor")
    argv = shlex.split(editor)
    if not argv:
        raise LookupError("no editor")
    path = os.path.abspath(file)
    name = os.path.basename(argv[0]).lower().removesuffix(".exe")
    if name in _GOTO_OPTION:
        return [*argv, _GOTO_OPTION[name], f"{path}:{line}" if line else path]
    if name in _PATH_COLON_LINE:
        return [*argv, f"{path}:{line}" if line else path]
    if line:
        argv.append(f"+{line}")
    if name in _PLUS_LINE_THEN_DASHES:
        argv.append("--")
    argv.append(path)
    return argv


# --- saving ---------------------------------------------------------------------------------

ExportFormat = Literal["html", "text"]
EXPORT_WIDTH = 120


def format_for(path: str) -> ExportFormat:
    return "html" if path.lower().endswith((".html", ".htm")) else "text"


def export_review(review: Review, lang: Lang, fmt: ExportFormat) -> str:
    """The whole review as `planck check` prints it (input errors and warnings first), exported
    from a recording Rich console."""
    # a UTF-8 file: every symbol as it is, whatever the screen lacks
    with symbols_for(io.StringIO()):
        ctx = RenderContext(run=review.check_run(), exit_code=int(review.code), lang=lang)
        console = Console(
            file=io.StringIO(),
            record=True,
            width=EXPORT_WIDTH,
            force_terminal=True,
            color_system="truecolor",
            highlight=False,
            markup=False,
            emoji=False,
            legacy_windows=False,
        )
        for line in diagnostics(ctx):
            console.print(line, soft_wrap=True)
        if ctx.run.errors or ctx.run.warnings:
            console.print()
        for item in renderables(ctx, EXPORT_WIDTH):
            console.print(item)
        if fmt == "html":
            return console.export_html(inline_styles=True)
        return console.export_text(styles=False)


def input_files(paths: list[str], rules: list[str]) -> list[Path]:
    """Every file the review reads: its reports and its `--rules` files (the save never writes
    over one of them)."""
    from planck.outputs import input_files as files_read

    files, _ = discover(paths)
    return files_read(files, rules)
