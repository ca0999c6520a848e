"""`--format json` (SPEC §5): deterministic, keys only ever added."""

from __future__ import annotations

import json
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


def document(ctx: RenderContext) -> dict[str, Any]:
    run = ctx.run
    summary = {status.value: 0 for status in Status}
    for result in run.all_results():
        summary[result.status.value] += 1
    reports = []
    for index, report in enumerate(run.reports):
        reports.append(
            {
                "file": report.file,
                "jurisdiction": report.jurisdiction,
                "year": report.year,
                "rulesets": sorted({r.ruleset.id for r in run.results.get(index, [])}),
                "results": [result_json(r, ctx) for r in run.results.get(index, [])],
            }
        )
    return {
        "tool": {"name": "planck", "version": __version__},
        "exit_code": ctx.exit_code,
        "strict": ctx.strict,
        "summary": summary,
        "reports": reports,
        "errors": [_diag(d, ctx) for d in run.errors],
        "warnings": [_diag(d, ctx) for d in run.warnings],
    }


class JsonReporter:
    name = "json"

    def render(self, ctx: RenderContext) -> str:
        return json.dumps(document(ctx), ensure_ascii=False, indent=2) + "\n"
