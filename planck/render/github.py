"""`planck check --format github`: GitHub Actions workflow commands, which the runner turns into
annotations on the report files (in the job summary and on a pull request's changed files).

    ::error file=examples/a.yaml,line=7,col=17,title=…::message

Errors are `::error`, warnings `::warning`, and `unassessed`/`review` results `::notice`;
input errors are `::error` and other diagnostics (an unknown indicator) `::warning`. `met` and
`on_track` print nothing.

GitHub shows at most 10 annotations of each level (error, warning, notice) per step and drops
the rest. So input errors and diagnostics come first (they explain the results after them), at
most 10 of each level are annotated, and when some are left over one notice says how many and
where to read them (9 other notices at most, so that this one is shown). Everything that was not
annotated follows as plain log lines, never as workflow commands. The last line, a plain log
line, is the verdict.

A workflow command can only point at a file's lines; in a spreadsheet, the message starts with
the sheet and cell (``'报表'!D7``) and the command names the file alone.

Escaping is GitHub's: in the message, `%` `\\r` `\\n` become `%25` `%0D` `%0A`; in a property
value also `:` and `,` become `%3A` and `%2C`. Other control characters (ESC…) are replaced, so
nothing else can reach the runner's log. A plain log line never starts with `::` (every line has
a prefix) and never holds `##[` (the runner's older command syntax, read anywhere in a line).
Standard library only: never loads Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

from planck.errors import Location, sheet_ref
from planck.i18n import Lang, Msg, msg, word
from planck.model import Result, Severity, Status, status_label
from planck.render import RenderContext, common
from planck.render.explain import details
from planck.textsafe import clean


def escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return clean(escaped)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub's limit: annotations of each level shown per step.
ANNOTATIONS_PER_LEVEL = 10
_WORD_JOINER = "\u2060"


def command(kind: str, message: str, location: Location | None, title: str | None) -> str:
    props: list[tuple[str, str]] = []
    if location is not None:
        props.append(("file", location.file))
        # A line of a spreadsheet is no line of the file: name the file alone.
        if location.line is not None and location.sheet is None:
            props.append(("line", str(location.line)))
            if location.column is not None:
                props.append(("col", str(location.column)))
    if title:
        props.append(("title", title))
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return (
        f"::{kind} {head}::{escape_data(message)}" if head else f"::{kind}::{escape_data(message)}"
    )


def plain(text: str) -> str:
    """Text for a plain log line: cleaned, and `##[` broken so the runner reads no command."""
    return clean(text).replace("##[", "##" + _WORD_JOINER + "[")


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to report: an annotation when its level has room, else a plain log line."""

    kind: str  # error | warning | notice
    message: str
    location: Location | None
    title: str


def _kind(result: Result) -> str | None:
    if result.severity is Severity.ERROR:
        return "error"
    if result.severity is Severity.WARNING:
        return "warning"
    if result.status in (Status.UNASSESSED, Status.REVIEW):
        return "notice"
    return None


def _with_cell(message: str, location: Location | None, lang: Lang) -> str:
    """In a spreadsheet, the message names the sheet and cell (the command cannot)."""
    if location is None or location.sheet is None:
        return message
    where = location.cell_ref() or sheet_ref(location.sheet)
    return f"{where}{word('punct.sep', lang)}{message}"


def _message(result: Result, lang: Lang) -> str:
    report = result.report
    place = common.place_name([result.ruleset], report.jurisdiction, lang)
    sep = word("punct.sep", lang)
    lines = [
        f"{place} {common.year_text(report.year, lang)} · {result.rule.id}{sep}"
        f"{result.message.render(lang)}"
    ]
    lines += details(result, lang)
    return "\n".join(lines)


def items(ctx: RenderContext) -> list[Item]:
    """Everything worth a line, input errors and diagnostics first."""
    lang = ctx.lang
    run = ctx.run
    error_title = word("ci.github.error_title", lang)
    warning_title = word("ci.github.warning_title", lang)
    out = [
        Item("error", _with_cell(d.message.render(lang), d.location, lang), d.location, error_title)
        for d in run.errors
    ]
    out += [
        Item(
            "warning",
            _with_cell(d.message.render(lang), d.location, lang),
            d.location,
            warning_title,
        )
        for d in run.warnings
    ]
    for result in run.all_results():
        kind = _kind(result)
        if kind is None:
            continue
        where = result.location or result.report.location
        title = f"planck {status_label(result.status, lang)} · {result.rule.display_name(lang)}"
        out.append(Item(kind, _with_cell(_message(result, lang), where, lang), where, title))
    return out


def _limits(found: list[Item]) -> dict[str, int]:
    """How many of each level are annotated: 10, and 9 notices when a summary notice follows."""
    limits = dict.fromkeys(("error", "warning", "notice"), ANNOTATIONS_PER_LEVEL)
    total = {kind: sum(item.kind == kind for item in found) for kind in limits}
    if any(total[kind] > limits[kind] for kind in limits):
        limits["notice"] -= 1
    return limits


_KINDS = ("error", "warning", "notice")


def _kind_word(kind: str, lang: Lang) -> str:
    return word("ci." + kind, lang)


def _left_over(rest: list[Item], lang: Lang) -> str:
    counts = {kind: sum(item.kind == kind for item in rest) for kind in _KINDS}
    parts = [f"{_kind_word(k, lang)} {n}" for k, n in counts.items() if n]
    return msg(
        "另有 {n} 条未作注释（{parts}）：GitHub 每个步骤每一级只显示 {per} 条注释。它们都在本步骤"
        "日志下方（以“planck 未注释”开头的行），完整结果也可用 --format sarif、json 或 markdown 输出。",
        "{n} more not annotated ({parts}): GitHub shows {per} annotations of each level per step."
        " They are all in this step's log below (the lines that start with 'planck not"
        " annotated'), and --format sarif, json or markdown gives every result too.",
        n=len(rest),
        parts=word("punct.comma", lang).join(parts),
        per=ANNOTATIONS_PER_LEVEL,
    ).render(lang)


def _plain_lines(item: Item, lang: Lang) -> list[str]:
    """One item as plain log lines: a head line with level, place and title, then the message,
    each line indented under a prefix so that none can start with `::`."""
    head = word("ci.github.not_annotated", lang)
    where = f" {item.location}" if item.location is not None else ""
    out = [plain(f"{head} [{_kind_word(item.kind, lang)}]{where} · {item.title}")]
    out += [plain(f"  │ {line}") for line in item.message.split("\n")]
    return out


def lines(ctx: RenderContext) -> list[str]:
    lang = ctx.lang
    run = ctx.run
    found = items(ctx)
    limits = _limits(found)
    used = dict.fromkeys(limits, 0)
    out: list[str] = []
    rest: list[Item] = []
    for item in found:
        if used[item.kind] < limits[item.kind]:
            used[item.kind] += 1
            out.append(command(item.kind, item.message, item.location, item.title))
        else:
            rest.append(item)
    if rest:
        title = word("ci.github.more_in_log", lang)
        out.append(command("notice", _left_over(rest, lang), None, title))
        for item in rest:
            out += _plain_lines(item, lang)
    where = Msg("见上方注释", "see the annotations above") if run.errors else None
    found_verdict = common.verdict(run.all_results(), ctx.exit_code, len(run.errors), where=where)
    out.append("planck: " + clean(found_verdict.render(lang), single_line=True))
    return out


class GithubReporter:
    name = "github"

    def render(self, ctx: RenderContext) -> str:
        return "\n".join(lines(ctx)) + "\n"
