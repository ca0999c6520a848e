"""`--format json` (SPEC §5): deterministic, keys only ever added."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from planck import __version__
from planck.domain.progress import floor_ratio
from planck.model import Diagnostic, Kind, Report, Result, Status
from planck.render import RenderContext


def _num(value: float | None) -> float | None:
    """A number at full precision (SPEC §5: 30元 for an 亿元 indicator is 3e-07, never 0), or
    null: JSON has no Infinity or NaN, and no output of planck ever carries them."""
    if value is None or not math.isfinite(value):
        return None
    return float(value) if value != 0 else 0.0  # no -0.0


def result_json(result: Result, ctx: RenderContext) -> dict[str, Any]:
    rule = result.rule
    out: dict[str, Any] = {
        "ruleset": result.ruleset.id,
        "rule": rule.id,
        "name": rule.name,
        "name_en": rule.name_en,
        "kind": rule.kind.value,
        "binding": rule.binding,
        "status": result.status.value,
        "severity": result.severity.value,
        "value": _num(result.value),
        "target": _num(rule.target),
        "target_year": rule.target_year,
        "unit": rule.unit,
    }
    progress = result.progress
    if progress is not None and progress.ratio is not None:
        out["ratio"] = _num(floor_ratio(progress.ratio))
    out["message"] = result.message.render(ctx.lang)
    out["location"] = result.location.as_json() if result.location else None
    if rule.kind is Kind.NON_DECREASING and result.compared_with is not None:
        out["previous"] = {"year": result.compared_with[0], "value": _num(result.compared_with[1])}
    if progress is not None:
        out["progress"] = {
            "base_year": progress.base_year,
            "base_value": _num(progress.base_value),
            "base_from": progress.base_from,
            "cagr_actual": _num(progress.cagr_actual),
            "cagr_required": _num(progress.cagr_required),
            "projection": _num(progress.projection),
            "gap_closed": _num(progress.gap_closed),
            "time_elapsed": _num(progress.time_elapsed),
            "growth_needed": _num(progress.growth_needed),
            "method": progress.method.value,
        }
    if result.note is not None:
        out["note"] = result.note
    if result.verified is not None:
        out["verified"] = result.verified
    if result.as_written is not None:
        out["as_written"] = result.as_written.value
    if result.suggestion is not None:
        out["suggestion"] = result.suggestion.render(ctx.lang)
    return out


def _diag(d: Diagnostic, ctx: RenderContext) -> dict[str, Any]:
    # file, line, column (and sheet, cell for a spreadsheet), then the message
    return {**d.location.as_json(), "message": d.message.render(ctx.lang)}


# Characters that are valid in JSON strings but would act on a terminal or reorder a line if
# the output were printed: C1 controls, DEL, and the bidi embedding/override/isolate marks.
# (json already escapes C0 controls such as ESC.) They can only occur inside strings, where
# a \uXXXX escape means the same character.
_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


# One encoder for every record (json.dumps would set one up per call). The records are
# never circular, so the check for it is left out.
_encode: Callable[[Any], str] = json.JSONEncoder(
    ensure_ascii=False, separators=(", ", ": "), check_circular=False
).encode


def _safe(text: str) -> str:
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def _compact(value: Any) -> str:
    # No indent, one line: many times faster than the indenting encoder.
    return _safe(_encode(value))


def _records(
    key: str, records: Iterable[dict[str, Any]], indent: str, encode: Any = _compact
) -> Iterator[str]:
    """A list of flat records, one per line: readable, diff-friendly and fast to write."""
    yield f'{indent}"{key}": ['
    first = True
    for record in records:
        yield ("\n" if first else ",\n") + indent + "  " + encode(record)
        first = False
    yield "]" if first else f"\n{indent}]"


def status_counts() -> dict[str, int]:
    """The summary's counters, every status at zero, in SPEC order."""
    return {status.value: 0 for status in Status}


def head(summary: dict[str, int], exit_code: int, strict: bool) -> str:
    """The document up to the opening of the reports list."""
    return (
        "{\n"
        f'  "tool": {_compact({"name": "planck", "version": __version__})},\n'
        f'  "exit_code": {exit_code},\n'
        f'  "strict": {_compact(strict)},\n'
        f'  "summary": {_compact(summary)},\n'
        '  "reports": ['
    )


def report_block(report: Report, results: list[Result], ctx: RenderContext) -> str:
    """One entry of the reports list, without the separator before it."""
    block = "".join(
        (
            "    {\n",
            f'      "file": {_encode(report.file)},\n',
            f'      "jurisdiction": {_encode(report.jurisdiction)},\n',
            f'      "year": {report.year},\n',
            f'      "rulesets": {_encode(sorted({r.ruleset.id for r in results}))},\n',
            *_records("results", (result_json(r, ctx) for r in results), "      ", _encode),
            "\n    }",
        )
    )
    return _safe(block)  # once for the whole block: unsafe characters only occur in strings


def tail(any_reports: bool, ctx: RenderContext) -> Iterator[str]:
    """The close of the reports list, then the input errors and warnings of ``ctx.run``."""
    yield "\n  ],\n" if any_reports else "],\n"
    yield from _records("errors", (_diag(d, ctx) for d in ctx.run.errors), "  ")
    yield ",\n"
    yield from _records("warnings", (_diag(d, ctx) for d in ctx.run.warnings), "  ")
    yield "\n}\n"


def chunks(ctx: RenderContext) -> Iterator[str]:
    """The JSON document in pieces, so that a large run is written as it is rendered."""
    run = ctx.run
    summary = status_counts()
    for result in run.all_results():
        summary[result.status.value] += 1
    yield head(summary, ctx.exit_code, ctx.strict)
    for index, report in enumerate(run.reports):
        yield "\n" if index == 0 else ",\n"
        yield report_block(report, run.results.get(index, []), ctx)
    yield from tail(bool(run.reports), ctx)


class JsonReporter:
    name = "json"

    def chunks(self, ctx: RenderContext) -> Iterator[str]:
        return chunks(ctx)

    def render(self, ctx: RenderContext) -> str:
        return "".join(chunks(ctx))
