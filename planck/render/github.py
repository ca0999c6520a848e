"""`planck check --format github`: GitHub Actions workflow commands, which the runner turns into
annotations on the report files (in the job summary and on a pull request's changed files).

    ::error file=examples/a.yaml,line=7,col=17,title=…::message

Errors are `::error`, warnings `::warning`, and `unassessed`/`review` results `::notice`;
input errors are `::error` and other diagnostics `::warning`. `met` and `on_track` print nothing.
The last line, a plain log line, is the verdict.

Escaping is GitHub's: in the message, `%` `\\r` `\\n` become `%25` `%0D` `%0A`; in a property
value also `:` and `,` become `%3A` and `%2C`. Other control characters (ESC…) are replaced, so
nothing else can reach the runner's log. Standard library only: never loads Rich.
"""

from __future__ import annotations

from planck.errors import Location
from planck.i18n import Lang, Msg
from planck.model import Result, Severity, Status, status_label
from planck.render import RenderContext, common
from planck.render.explain import details
from planck.textsafe import clean


def escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return clean(escaped)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, location: Location | None, title: str | None) -> str:
    props: list[tuple[str, str]] = []
    if location is not None:
        props.append(("file", location.file))
        if location.line is not None:
            props.append(("line", str(location.line)))
            if location.column is not None:
                props.append(("col", str(location.column)))
    if title:
        props.append(("title", title))
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return (
        f"::{kind} {head}::{escape_data(message)}" if head else f"::{kind}::{escape_data(message)}"
    )


def _kind(result: Result) -> str | None:
    if result.severity is Severity.ERROR:
        return "error"
    if result.severity is Severity.WARNING:
        return "warning"
    if result.status in (Status.UNASSESSED, Status.REVIEW):
        return "notice"
    return None


def _message(result: Result, lang: Lang) -> str:
    report = result.report
    place = common.place_name([result.ruleset], report.jurisdiction, lang)
    sep = "：" if lang == "zh" else ": "
    lines = [
        f"{place} {common.year_text(report.year, lang)} · {result.rule.id}{sep}"
        f"{result.message.render(lang)}"
    ]
    lines += details(result, lang)
    return "\n".join(lines)


def lines(ctx: RenderContext) -> list[str]:
    lang = ctx.lang
    run = ctx.run
    out = []
    error_title = "planck 输入错误" if lang == "zh" else "planck input error"
    warning_title = "planck 警告" if lang == "zh" else "planck warning"
    for d in run.errors:
        out.append(command("error", d.message.render(lang), d.location, error_title))
    for result in run.all_results():
        kind = _kind(result)
        if kind is None:
            continue
        title = f"planck {status_label(result.status, lang)} · {result.rule.display_name(lang)}"
        out.append(
            command(kind, _message(result, lang), result.location or result.report.location, title)
        )
    for d in run.warnings:
        out.append(command("warning", d.message.render(lang), d.location, warning_title))
    where = Msg("见上方注释", "see the annotations above") if run.errors else None
    found = common.verdict(run.all_results(), ctx.exit_code, len(run.errors), where=where)
    out.append("planck: " + clean(found.render(lang), single_line=True))
    return out


class GithubReporter:
    name = "github"

    def render(self, ctx: RenderContext) -> str:
        return "\n".join(lines(ctx)) + "\n"
