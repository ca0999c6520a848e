"""`planck template`: a blank report to fill in, as YAML or as a clerk's form (.xlsx, .csv).

The format follows the suffix of -o; `--from` reads reports as `planck check` does and
prefills each indicator's value for YEAR - 1 (上年值, `previous`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planck.commands import common
from planck.errors import UsageError
from planck.exit_codes import ExitCode
from planck.i18n import msg
from planck.streams import stdout_may_close

if TYPE_CHECKING:
    from planck.engine.check import Found
    from planck.model import Diagnostic, Report, RuleSet

# -o suffix -> format
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx", ".csv": "csv"}


def output_format(target: str | None) -> str:
    """The format -o asks for by its suffix (YAML on stdout without -o); else a usage error
    that says which suffixes work."""
    if target is None:
        return "yaml"
    found = FORMATS.get(Path(target).suffix.lower())
    if found is None:
        raise UsageError(
            msg(
                "无法按 -o {o} 的后缀确定格式；可用的后缀：{s}",
                "cannot tell the format from the suffix of -o {o}; the suffixes that work: {s}",
                o=target,
                s=" ".join(FORMATS),
            )
        )
    return found


def run(args: argparse.Namespace) -> int:
    from planck.sources.discover import discover

    from_paths: list[str] = list(getattr(args, "from_paths", None) or [])
    found: Found = discover(from_paths) if from_paths else ([], [])
    # the target is refused (an input, a FIFO, a device) before its suffix is looked at
    where = common.targets([args.output], common.inputs(found, args.rules)) if args.output else {}
    kind = output_format(args.output)
    rulesets, code = common.load_rulesets_or_report(args)
    jurisdiction = _jurisdiction(args, rulesets)
    previous, read_code = _previous(found, rulesets, jurisdiction, args)
    content = _render(kind, jurisdiction, args, rulesets, previous)
    if args.output:
        common.write_output(where, args.output, [content])
    else:
        assert isinstance(content, str)
        with stdout_may_close():
            sys.stdout.write(content)
    return max(code, read_code)


def _jurisdiction(args: argparse.Namespace, rulesets: list[RuleSet]) -> str:
    from planck.sources.reports import JurisdictionIndex

    jurisdiction = JurisdictionIndex(rulesets).resolve(args.jurisdiction)
    if jurisdiction is None:
        known = sorted({j.id for rs in rulesets for j in rs.jurisdictions})
        raise UsageError(
            msg(
                "未知地区“{j}”；已知：{k}",
                "unknown jurisdiction '{j}'; known: {k}",
                j=args.jurisdiction,
                k=", ".join(known),
            )
        )
    if not any(rs.covers(jurisdiction, args.year) for rs in rulesets):
        raise UsageError(
            msg(
                "没有规则集覆盖 {j} {y} 年",
                "no rule set covers {j} in {y}",
                j=jurisdiction,
                y=args.year,
            )
        )
    return jurisdiction


def _render(
    kind: str,
    jurisdiction: str,
    args: argparse.Namespace,
    rulesets: list[RuleSet],
    previous: dict[str, float],
) -> str | bytes:
    if kind == "yaml":
        from planck.render.template import render_template

        return render_template(jurisdiction, args.year, rulesets, previous)
    from planck.render import form

    rows = form.form_rows(jurisdiction, args.year, rulesets, previous)
    if kind == "csv":
        return form.form_csv(rows)
    return form.form_xlsx(jurisdiction, args.year, rulesets, rows, args.lang)


def _previous(
    found: Found,
    rulesets: list[RuleSet],
    jurisdiction: str,
    args: argparse.Namespace,
) -> tuple[dict[str, float], int]:
    """The values for YEAR - 1 the reports of --from give, and the exit code their reading
    asks for (2 when any could not be read: the others are still used, and the form written)."""
    files, problems = found
    if not files and not problems:
        return {}, ExitCode.OK
    from planck.engine.check import as_diagnostic, read_files
    from planck.render.form import previous_values
    from planck.sources.decode import DEFAULT_MAX_BYTES

    loaded, errors, warnings = read_files(files, rulesets, DEFAULT_MAX_BYTES)
    errors = [as_diagnostic(p) for p in problems] + errors
    year = args.year
    mine = [r for r in loaded if r.jurisdiction == jurisdiction and r.year in (year - 1, year)]
    usable, twice = _once_a_year(mine)
    common.plain_diagnostics_of(errors + twice, warnings, args.lang)
    code = ExitCode.INPUT if errors or twice else ExitCode.OK
    return previous_values(usable, rulesets, year), code


def _once_a_year(reports: list[Report]) -> tuple[list[Report], list[Diagnostic]]:
    """Reports of a year given once; two for one year are an input error (which one's
    values were meant cannot be guessed) and neither is used."""
    from planck.model import Diagnostic

    by_year: dict[int, list[Report]] = {}
    for report in sorted(reports, key=lambda r: r.file):
        by_year.setdefault(report.year, []).append(report)
    usable: list[Report] = []
    errors: list[Diagnostic] = []
    for year, group in sorted(by_year.items()):
        if len(group) == 1:
            usable.extend(group)
            continue
        errors.append(
            Diagnostic(
                msg(
                    "{j} {y} 年有两份报告（{a} 与 {b}）；未用于预填上年值",
                    "two reports for {j} {y} ({a} and {b}); not used to prefill the "
                    "previous-year values",
                    j=group[0].jurisdiction,
                    y=year,
                    a=group[0].file,
                    b=group[1].file,
                ),
                group[1].year_location or group[1].location,
            )
        )
    return usable, errors
