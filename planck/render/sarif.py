"""`planck check --format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

- One reportingDescriptor per planck rule, id `ruleset/rule`, with the plan's wording and the
  quote it encodes as help text; `planck/input-error` and `planck/input-warning` for diagnostics
  that are not rule results, when there are any.
- A result for everything that needs someone's attention: severity error -> level `error`,
  warning -> `warning`, and `unassessed`/`review` -> `note`. `met` and `on_track` are left
  out: code scanning would show them as open alerts.
- Locations point at the value in the report file (1-based line and column, counted in code
  points), with URIs relative to the working directory under the `%SRCROOT%` base id, which is
  what code scanning expects when planck runs from the repository root. In a spreadsheet the
  line and column are the cell's row and column, and the sheet and cell (``Sheet!B7``) are
  given as a logical location.

No timestamps or absolute paths, so the same inputs give the same bytes. Valid against
../shared/schemas/sarif-schema-2.1.0.json. Standard library only: never loads Rich.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from planck import __version__
from planck.errors import Location, sheet_ref
from planck.i18n import Lang, kind_label, label
from planck.model import Diagnostic, Kind, Result, RuleSet, Severity, Status, status_label
from planck.progress import floor_ratio
from planck.render import RenderContext, common
from planck.render.explain import details
from planck.textsafe import clean
from planck.values import fmt

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
INPUT_ERROR = "planck/input-error"
INPUT_WARNING = "planck/input-warning"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def level(result: Result) -> str | None:
    """The SARIF level of a result, or None when it needs no one's attention."""
    if result.severity in LEVEL:
        return LEVEL[result.severity]
    if result.status in (Status.UNASSESSED, Status.REVIEW):
        return "note"
    return None


def artifact(file: str) -> dict[str, str]:
    """A report path as SARIF wants it: percent-encoded; relative ones under %SRCROOT%."""
    path = PurePosixPath(file)
    if path.is_absolute():
        return {"uri": "file://" + quote(path.as_posix())}
    return {"uri": quote(path.as_posix()), "uriBaseId": SRCROOT}


def physical(location: Location) -> dict[str, Any]:
    """A SARIF location. In a spreadsheet the region's line and column are the cell's row and
    column numbers, and the worksheet, which a region cannot hold, is named as a logical
    location: its name, and the cell as Excel writes it (``Sheet!B7``)."""
    out: dict[str, Any] = {"artifactLocation": artifact(location.file)}
    if location.line is not None and location.line >= 1:
        region: dict[str, int] = {"startLine": location.line}
        if location.column is not None and location.column >= 1:
            region["startColumn"] = location.column
        out["region"] = region
    found: dict[str, Any] = {"physicalLocation": out}
    if location.sheet is not None:
        found["logicalLocations"] = [
            {
                "name": location.sheet,
                "fullyQualifiedName": location.cell_ref() or sheet_ref(location.sheet),
            }
        ]
    return found


def _text(text: str) -> str:
    return clean(text)


def _rule_id(ruleset: RuleSet, rule_id: str) -> str:
    return f"{ruleset.id}/{rule_id}"


def descriptors(rulesets: list[RuleSet], lang: Lang) -> list[dict[str, Any]]:
    out = []
    sep = "：" if lang == "zh" else ": "
    for ruleset in rulesets:
        for rule in ruleset.rules:
            binding = label("binding" if rule.binding else "anticipatory", lang)
            if rule.target is not None:
                op = "≤" if rule.kind is Kind.AT_MOST else "≥"
                target = f"{op} {fmt(rule.target)}{rule.unit} ({rule.target_year})"
            else:
                target = kind_label(rule.kind, lang)
            source = rule.source
            help_lines = [
                f"{ruleset.display_title(lang)} · {rule.display_name(lang)}",
                f"{label('target', lang)}{sep}{target} · {binding}",
                f"{label('document', lang)}{sep}{source.document}"
                + (f" {source.number}" if source.number else "")
                + f" · {source.issuer} · {source.date}",
            ]
            if source.locator:
                help_lines.append(f"{label('locator', lang)}{sep}{source.locator}")
            if source.quote:
                help_lines.append(f"{label('quote', lang)}{sep}“{source.quote}”")
            help_lines += [f"• {note}" for note in rule.notes]
            out.append(
                {
                    "id": _rule_id(ruleset, rule.id),
                    "name": rule.id,
                    "shortDescription": {"text": _text(rule.display_name(lang))},
                    "fullDescription": {
                        "text": _text(f"{rule.display_name(lang)}{sep}{target} · {binding}")
                    },
                    "help": {"text": _text("\n".join(help_lines))},
                    "defaultConfiguration": {"level": "error" if rule.binding else "warning"},
                    "properties": {
                        "tags": ["planck", ruleset.id],
                        "ruleset": ruleset.id,
                        "kind": rule.kind.value,
                        "binding": rule.binding,
                        "unit": rule.unit,
                        "target": rule.target,
                        "target_year": rule.target_year,
                    },
                }
            )
    return out


def _diagnostic_descriptor(rule_id: str, lang: Lang) -> dict[str, Any]:
    if rule_id == INPUT_ERROR:
        short = ("输入错误：文件无法作为年报读取", "Input error: a file cannot be read as a report")
        level_ = "error"
    else:
        short = (
            "输入警告：不是规则结果的提示（如未知指标）",
            "Input warning: a diagnostic that is not a rule result (e.g. an unknown indicator)",
        )
        level_ = "warning"
    text = short[0] if lang == "zh" else short[1]
    return {
        "id": rule_id,
        "name": rule_id.partition("/")[2],
        "shortDescription": {"text": text},
        "defaultConfiguration": {"level": level_},
        "properties": {"tags": ["planck"]},
    }


def result_message(result: Result, lang: Lang) -> str:
    report = result.report
    place = common.place_name([result.ruleset], report.jurisdiction, lang)
    sep = "：" if lang == "zh" else ": "
    lines = [
        f"{place} {common.year_text(report.year, lang)} · {result.rule.display_name(lang)}"
        f"{sep}{status_label(result.status, lang)} — {result.message.render(lang)}"
    ]
    lines += details(result, lang)
    return _text("\n\n".join(lines))


def _result(result: Result, index: int, level_: str, lang: Lang) -> dict[str, Any]:
    rule_id = _rule_id(result.ruleset, result.rule.id)
    where = result.location or result.report.location
    properties: dict[str, Any] = {
        "status": result.status.value,
        "severity": result.severity.value,
        "jurisdiction": result.report.jurisdiction,
        "year": result.report.year,
        "value": result.value,
    }
    if result.progress is not None and result.progress.ratio is not None:
        properties["ratio"] = floor_ratio(result.progress.ratio)
    if result.note is not None:
        properties["note"] = _text(result.note)
    return {
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": level_,
        "message": {"text": result_message(result, lang)},
        "locations": [physical(where)],
        # Identifies the finding across runs even when lines move, so code scanning updates
        # one alert per indicator and report instead of opening a new one.
        "partialFingerprints": {"planckFinding/v1": f"{rule_id}:{result.report.file}"},
        "properties": properties,
    }


def _diagnostic_result(d: Diagnostic, rule_id: str, index: int, lang: Lang) -> dict[str, Any]:
    return {
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": "error" if rule_id == INPUT_ERROR else "warning",
        "message": {"text": _text(d.message.render(lang))},
        "locations": [physical(d.location)],
    }


def document(ctx: RenderContext) -> dict[str, Any]:
    run = ctx.run
    lang = ctx.lang
    results = run.all_results()
    rulesets = sorted(common.rulesets_of(results), key=lambda rs: rs.id)
    rules = descriptors(rulesets, lang)
    index_of = {rule["id"]: i for i, rule in enumerate(rules)}
    for rule_id, present in ((INPUT_ERROR, run.errors), (INPUT_WARNING, run.warnings)):
        if present:
            index_of[rule_id] = len(rules)
            rules.append(_diagnostic_descriptor(rule_id, lang))

    sarif_results = [
        _diagnostic_result(d, INPUT_ERROR, index_of[INPUT_ERROR], lang) for d in run.errors
    ]
    for result in results:
        level_ = level(result)
        if level_ is not None:
            rule_id = _rule_id(result.ruleset, result.rule.id)
            sarif_results.append(_result(result, index_of[rule_id], level_, lang))
    sarif_results += [
        _diagnostic_result(d, INPUT_WARNING, index_of[INPUT_WARNING], lang) for d in run.warnings
    ]
    summary = {status.value: 0 for status in Status}
    for result in results:
        summary[result.status.value] += 1
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "planck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": True, "exitCode": ctx.exit_code}],
                "language": "zh-CN" if lang == "zh" else "en-US",
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
                "properties": {"summary": summary, "strict": ctx.strict},
            }
        ],
    }


class SarifReporter:
    name = "sarif"

    def render(self, ctx: RenderContext) -> str:
        return json.dumps(document(ctx), ensure_ascii=False, indent=2) + "\n"
