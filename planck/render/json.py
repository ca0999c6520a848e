"""`--format json` (SPEC §5): deterministic, keys only ever added."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from planck import __version__
from planck.model import Diagnostic, Kind, Result, Status
from planck.progress import floor_ratio
from planck.render import RenderContext


def _num(value: float | None, digits: int = 6) -> float | None:
    if value is None:
        return None
    rounded = round(value, digits)
    return rounded if rounded != 0 else 0.0


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
        "target": float(rule.target) if rule.target is not None else None,
        "target_year": rule.target_year,
        "unit": rule.unit,
    }
    progress = result.progress
    if progress is not None and progress.ratio is not None:
        out["ratio"] = floor_ratio(progress.ratio)
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
        }
    if result.note is not None:
        out["note"] = result.note
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


def _compact(value: Any) -> str:
    # No indent: the json module's C encoder, many times faster than the indenting one.
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def _records(key: str, records: Iterable[dict[str, Any]], indent: str) -> Iterator[str]:
    """A list of flat records, one per line: readable, diff-friendly and fast to write."""
    yield f'{indent}"{key}": ['
    first = True
    for record in records:
        yield ("\n" if first else ",\n") + indent + "  " + _compact(record)
        first = False
    yield "]" if first else f"\n{indent}]"


def chunks(ctx: RenderContext) -> Iterator[str]:
    """The JSON document in pieces, so that a large run is written as it is rendered."""
    run = ctx.run
    summary = {status.value: 0 for status in Status}
    for result in run.all_results():
        summary[result.status.value] += 1
    yield "{\n"
    yield f'  "tool": {_compact({"name": "planck", "version": __version__})},\n'
    yield f'  "exit_code": {ctx.exit_code},\n'
    yield f'  "strict": {_compact(ctx.strict)},\n'
    yield f'  "summary": {_compact(summary)},\n'
    yield '  "reports": ['
    for index, report in enumerate(run.reports):
        results = run.results.get(index, [])
        yield ("\n" if index == 0 else ",\n") + "    {\n"
        yield f'      "file": {_compact(report.file)},\n'
        yield f'      "jurisdiction": {_compact(report.jurisdiction)},\n'
        yield f'      "year": {report.year},\n'
        yield f'      "rulesets": {_compact(sorted({r.ruleset.id for r in results}))},\n'
        yield from _records("results", (result_json(r, ctx) for r in results), "      ")
        yield "\n    }"
    yield "\n  ],\n" if run.reports else "],\n"
    yield from _records("errors", (_diag(d, ctx) for d in run.errors), "  ")
    yield ",\n"
    yield from _records("warnings", (_diag(d, ctx) for d in run.warnings), "  ")
    yield "\n}\n"


class JsonReporter:
    name = "json"

    def chunks(self, ctx: RenderContext) -> Iterator[str]:
        return chunks(ctx)

    def render(self, ctx: RenderContext) -> str:
        return "".join(chunks(ctx))
