"""The `planck check` engine: rule sets + report paths -> a CheckRun. No printing."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from planck.domain.evaluate import evaluate
from planck.errors import InputError, InputErrors, Location
from planck.exit_codes import ExitCode, exit_code_of
from planck.i18n import Msg, msg
from planck.model import SEVERITY_RANK, CheckRun, Diagnostic, Report, RuleSet, Severity
from planck.rulesets import load_builtin, load_rulesets
from planck.sources.decode import DEFAULT_MAX_BYTES
from planck.sources.discover import discover, display_path
from planck.sources.reports import JurisdictionIndex, load_report_file


def as_diagnostic(error: InputError, fallback: str = "") -> Diagnostic:
    return Diagnostic(error.message, error.location or Location(fallback))


def load_all_rulesets(
    extra: list[str], *, validate: bool = True
) -> tuple[list[RuleSet], list[Diagnostic]]:
    """Built-in rule sets plus those given with --rules; ids must be unique. (``validate``: see
    planck.rulesets.loader.load_ruleset_file.)"""
    rulesets = load_builtin()
    more, errors = load_rulesets([Path(p) for p in extra], validate=validate)
    diagnostics = [as_diagnostic(e) for e in errors]
    by_id = {rs.id: rs for rs in rulesets}
    for ruleset in more:
        if ruleset.id in by_id:
            diagnostics.append(
                Diagnostic(
                    msg(
                        "规则集 id“{id}”已被 {other} 使用；每个规则集的 id 必须唯一",
                        "rule set id '{id}' is already used by {other}; ids must be unique",
                        id=ruleset.id,
                        other=by_id[ruleset.id].path,
                    ),
                    Location(ruleset.path),
                )
            )
            continue
        by_id[ruleset.id] = ruleset
        rulesets.append(ruleset)
    return rulesets, diagnostics


_Read = tuple[list[Report], list[Diagnostic], list[Diagnostic]]


def read_files(
    files: list[Path],
    rulesets: list[RuleSet],
    max_bytes: int,
    names: Mapping[Path, str] | None = None,
) -> _Read:
    """Parse report files in order: (reports, input errors, warnings). ``names`` gives the name
    a file goes by in messages when it is not its path (a report read from stdin)."""
    cwd = os.getcwd()
    index = JurisdictionIndex(rulesets)
    loaded: list[Report] = []
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    for file in files:
        display = names[file] if names and file in names else display_path(file, cwd)
        try:
            loaded.extend(load_report_file(file, display, index, warnings, max_bytes))
        except InputErrors as exc:
            errors.extend(as_diagnostic(e, display) for e in exc.errors)
        except InputError as exc:
            errors.append(as_diagnostic(exc, display))
    return loaded, errors, warnings


Found = tuple[list[Path], list[InputError]]  # what discover() found: files, and paths in error


def load_reports(
    paths: list[str],
    rulesets: list[RuleSet],
    max_bytes: int = DEFAULT_MAX_BYTES,
    found: Found | None = None,
    names: Mapping[Path, str] | None = None,
) -> tuple[list[Report], list[Diagnostic], list[Diagnostic]]:
    """Read every report under ``paths`` (``found``: discover(paths), if done already):
    (reports sorted, input errors, warnings)."""
    files, discover_errors = found if found is not None else discover(paths)
    loaded, errors, warnings = read_files(files, rulesets, max_bytes, names)
    reports, refused = accept_reports(loaded, rulesets)
    return reports, [as_diagnostic(e) for e in discover_errors] + errors + refused, warnings


def accept_reports(
    loaded: list[Report], rulesets: list[RuleSet]
) -> tuple[list[Report], list[Diagnostic]]:
    """Sort loaded reports by (jurisdiction, year, file) and refuse those no rule set's period
    covers and second reports for the same jurisdiction and year. Each jurisdiction is decided
    on its own reports alone, so this may be run separately per group of jurisdictions."""
    errors: list[Diagnostic] = []
    reports: list[Report] = []
    seen: dict[tuple[str, int], Report] = {}
    for report in sorted(loaded, key=lambda r: (r.jurisdiction, r.year, r.file)):
        where = report.year_location or report.location
        applicable = [rs for rs in rulesets if rs.covers_jurisdiction(report.jurisdiction)]
        if not any(rs.covers(report.jurisdiction, report.year) for rs in applicable):
            periods = ", ".join(f"{rs.id} {rs.period[0]}–{rs.period[1]}" for rs in applicable)
            errors.append(
                Diagnostic(
                    msg(
                        "{y} 年不在适用规则集的规划期内（{p}）",
                        "year {y} is outside the period of every rule set for this jurisdiction ({p})",
                        y=report.year,
                        p=periods,
                    ),
                    where,
                )
            )
            continue
        key = (report.jurisdiction, report.year)
        if key in seen:
            errors.append(
                Diagnostic(
                    msg(
                        "同一地区同一年份有两份报告：{j} {y} 年已见于 {other}",
                        "two reports for the same jurisdiction and year: {j} {y} is also in {other}",
                        j=report.jurisdiction,
                        y=report.year,
                        other=seen[key].file,
                    ),
                    where,
                )
            )
            continue
        seen[key] = report
        reports.append(report)
    return reports, errors


@dataclass(frozen=True)
class Extras:
    """What a run may read besides its report paths.

    ``names``: the name a file goes by in messages when it is not its path (a report read from
    stdin goes by ``--stdin-name``). ``series``: report files read only for the time series of
    the reports checked (``--with-series``, as pre-commit passes only the changed files): they
    are not judged themselves, and one that cannot be read is a warning, not an input error."""

    names: Mapping[Path, str] = field(default_factory=dict)
    series: tuple[Path, ...] = ()


def run_check(
    paths: list[str],
    extra_rules: list[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    found: Found | None = None,
    extras: Extras = Extras(),  # noqa: B008 - frozen, so one shared default is safe
) -> CheckRun:
    rulesets, rule_errors = load_all_rulesets(extra_rules or [])
    reports, errors, warnings = load_reports(paths, rulesets, max_bytes, found, extras.names)
    context = _series_context(reports, extras.series, rulesets, max_bytes)
    results, eval_warnings = evaluate(rulesets, reports + context.reports)
    checked = {index: results[index] for index in range(len(reports))}
    shown = {r.file for r in reports}
    run = CheckRun(rulesets=rulesets, reports=reports, results=checked)
    run.errors = sorted(rule_errors + errors, key=diag_key)
    run.warnings = sorted(
        warnings + [w for w in eval_warnings if w.location.file in shown] + context.warnings,
        key=diag_key,
    )
    return run


@dataclass
class _Context:
    reports: list[Report]
    warnings: list[Diagnostic]


def _series_context(
    checked: list[Report], files: tuple[Path, ...], rulesets: list[RuleSet], max_bytes: int
) -> _Context:
    """The reports of ``files`` that add a year to a checked report's series."""
    if not files:
        return _Context([], [])
    own = {os.path.normpath(os.path.abspath(r.file)) for r in checked}
    others = [f for f in files if os.path.normpath(os.path.abspath(f)) not in own]
    loaded, errors, _ = read_files(others, rulesets, max_bytes)
    taken = {(r.jurisdiction, r.year) for r in checked}
    places = {r.jurisdiction for r in checked}
    reports = []
    for report in sorted(loaded, key=lambda r: (r.jurisdiction, r.year, r.file)):
        key = (report.jurisdiction, report.year)
        if report.jurisdiction in places and key not in taken:
            taken.add(key)
            reports.append(report)
    warnings = [
        Diagnostic(
            Msg(
                "无法读取同一序列中的另一份报告，进度可能缺少这一年：" + e.message.zh,
                "another report of the series could not be read, so progress may lack its "
                "year: " + e.message.en,
                e.message.params,
            ),
            e.location,
            Severity.WARNING,
        )
        for e in errors
    ]
    return _Context(reports, warnings)


def diag_key(d: Diagnostic) -> tuple[str, str, int, int, str]:
    loc = d.location
    return (loc.file, loc.sheet or "", loc.line or 0, loc.column or 0, d.message.en)


def exit_code(run: CheckRun, strict: bool = False) -> ExitCode:
    worst = max((SEVERITY_RANK[r.severity] for r in run.all_results()), default=0)
    return exit_code_of(bool(run.errors), worst, strict)
