"""`planck check --format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

- One reportingDescriptor per planck rule, id `ruleset/rule`, with the plan's wording and the
  quote it encodes as help (plain text and Markdown); `planck/input-error` and
  `planck/input-warning` for diagnostics that are not rule results, when there are any. Every
  descriptor has a shortDescription, a fullDescription and help, which GitHub code scanning
  requires (the SARIF multitool's GH2012).
- A result for everything that needs someone's attention: severity error -> level `error`,
  warning -> `warning`, and `unassessed`/`review` -> `note`. `met` and `on_track` are left
  out: code scanning would show them as open alerts.
- partialFingerprints name the rule, the file, the jurisdiction and the year: a CSV or XLSX
  may hold several jurisdiction-years, and code scanning merges results whose fingerprints match.
- The driver's informationUri is the project's home page from the installed package's metadata
  (Project-URL Homepage, Documentation, Repository or Source; or Home-page), when it has one.
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
from importlib import metadata
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from planck import __version__
from planck.domain.kinds.phrasing import goal_phrase, kind_label
from planck.domain.progress import floor_ratio
from planck.domain.values import fmt
from planck.errors import Location, sheet_ref
from planck.i18n import Lang, label, word
from planck.model import Diagnostic, Kind, Result, Rule, RuleSet, Severity, Status, status_label
from planck.render import RenderContext, common
from planck.render.explain import details
from planck.render.mdtext import esc as md
from planck.textsafe import clean

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
INPUT_ERROR = "planck/input-error"
INPUT_WARNING = "planck/input-warning"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}
FINGERPRINT = "planckFinding/v2"
_URL_LABELS = ("homepage", "documentation", "repository", "source")


def information_uri(meta: metadata.PackageMetadata | None) -> str | None:
    """The project's home page from package metadata: the first absolute http(s) URL among the
    Project-URL entries labelled Homepage, Documentation, Repository or Source (in that order
    of preference), else Home-page; None when there is none."""
    if meta is None:
        return None
    labelled: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        name, _, url = entry.partition(",")
        key = name.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
        labelled.setdefault(key, url.strip())
    candidates = [labelled.get(key, "") for key in _URL_LABELS]
    candidates += [str(url) for url in meta.get_all("Home-page") or []]
    for url in candidates:
        if url.startswith(("https://", "http://")):
            return url
    return None


def _installed_metadata() -> metadata.PackageMetadata | None:
    try:
        return metadata.metadata("planck-check")  # the distribution, not the import name
    except metadata.PackageNotFoundError:
        return None


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
    return [_descriptor(ruleset, rule, lang) for ruleset in rulesets for rule in ruleset.rules]


def _descriptor(ruleset: RuleSet, rule: Rule, lang: Lang) -> dict[str, Any]:
    sep = word("punct.sep", lang)
    target, binding, _ = _rule_facts(rule, lang)
    return {
        "id": _rule_id(ruleset, rule.id),
        "name": rule.id,
        "shortDescription": {"text": _text(rule.display_name(lang))},
        "fullDescription": {"text": _text(f"{rule.display_name(lang)}{sep}{target} · {binding}")},
        "help": {
            "text": _text(_help_text(ruleset, rule, lang)),
            "markdown": _help_markdown(ruleset, rule, lang),
        },
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


def _rule_facts(rule: Rule, lang: Lang) -> tuple[str, str, str]:
    """A rule's target, whether it is binding, and its source document, as help shows them."""
    binding = label("binding" if rule.binding else "anticipatory", lang)
    if rule.kind in (Kind.GROWTH_AT_LEAST, Kind.CUMULATIVE_CHANGE):
        target = f"{goal_phrase(rule, lang)} ({rule.target_year})"
    elif rule.target is not None:
        op = "≤" if rule.kind is Kind.AT_MOST else "≥"
        target = f"{op} {fmt(rule.target)}{rule.unit} ({rule.target_year})"
    else:
        target = kind_label(rule.kind, lang)
    source = rule.source
    document = (
        source.document
        + (f" {source.number}" if source.number else "")
        + f" · {source.issuer} · {source.date}"
    )
    return target, binding, document


def _help_text(ruleset: RuleSet, rule: Rule, lang: Lang) -> str:
    sep = word("punct.sep", lang)
    target, binding, document = _rule_facts(rule, lang)
    source = rule.source
    lines = [
        f"{ruleset.display_title(lang)} · {rule.display_name(lang)}",
        f"{label('target', lang)}{sep}{target} · {binding}",
        f"{label('document', lang)}{sep}{document}",
    ]
    if source.locator:
        lines.append(f"{label('locator', lang)}{sep}{source.locator}")
    if source.quote:
        lines.append(f"{label('quote', lang)}{sep}“{source.quote}”")
    lines += [f"• {note}" for note in rule.notes]
    return "\n".join(lines)


def _help_markdown(ruleset: RuleSet, rule: Rule, lang: Lang) -> str:
    sep = word("punct.sep", lang)
    target, binding, document = _rule_facts(rule, lang)
    source = rule.source
    lines = [
        f"**{md(ruleset.display_title(lang))}** · {md(rule.display_name(lang))}",
        "",
        f"- {md(label('target', lang) + sep)}{md(target)} · {md(binding)}",
        f"- {md(label('document', lang) + sep)}{md(document)}",
    ]
    if source.locator:
        lines.append(f"- {md(label('locator', lang) + sep)}{md(source.locator)}")
    if source.quote:
        lines += ["", f"> {md(source.quote)}"]
    if rule.notes:
        lines += ["", *(f"- {md(note)}" for note in rule.notes)]
    return "\n".join(lines)


def _diagnostic_descriptor(rule_id: str, lang: Lang) -> dict[str, Any]:
    key = "sarif." + rule_id.partition("/")[2].replace("-", "_")
    help_text = word(key + ".help", lang)
    return {
        "id": rule_id,
        "name": rule_id.partition("/")[2],
        "shortDescription": {"text": word(key + ".short", lang)},
        "fullDescription": {"text": word(key + ".full", lang)},
        "help": {"text": help_text, "markdown": md(help_text)},
        "defaultConfiguration": {"level": "error" if rule_id == INPUT_ERROR else "warning"},
        "properties": {"tags": ["planck"]},
    }


def result_message(result: Result, lang: Lang) -> str:
    report = result.report
    place = common.place_name([result.ruleset], report.jurisdiction, lang)
    sep = word("punct.sep", lang)
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
        # A file may hold several jurisdiction-years: the fingerprint names them.
        "partialFingerprints": {FINGERPRINT: fingerprint(result)},
        "properties": properties,
    }


def fingerprint(result: Result) -> str:
    report = result.report
    rule_id = _rule_id(result.ruleset, result.rule.id)
    return f"{rule_id}:{report.file}:{report.jurisdiction}:{report.year}"


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
    driver: dict[str, Any] = {"name": "planck"}
    uri = information_uri(_installed_metadata())
    if uri is not None:
        driver["informationUri"] = uri
    driver.update({"version": __version__, "semanticVersion": __version__, "rules": rules})
    summary = {status.value: 0 for status in Status}
    for result in results:
        summary[result.status.value] += 1
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
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
