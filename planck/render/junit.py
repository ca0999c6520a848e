"""`planck check --format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure…).

One testsuite per report: a CSV or XLSX file may hold several jurisdiction-years, so the suite is
named after the file, the jurisdiction and the year (``data.csv [dushanzi 2023]``), and every
testcase's classname is ``<rule set>.<jurisdiction>-<year>`` with the rule id as its name. Suite
names, and classname/name pairs, are unique across the document: CI servers that key test cases
by them (GitLab keys by suite, classname and name) would otherwise merge the results of
different years and under-count the failures.
A result with severity `error` is a <failure> (with --strict, a `warning` too); a warning
without --strict passes and says why in <system-out>; `unassessed` and `review`, which no
number can decide, are <skipped>. An input error is an <error> testcase (classname
``planck.input-error``, named after its file) in a testsuite named after the file it is in. Valid against the JUnit XSD in ../shared/schemas/junit-10.xsd.

Standard library only (xml.etree), so the format never loads Rich.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from planck.i18n import Lang, word
from planck.model import Diagnostic, Result, Severity, Status, status_label
from planck.render import RenderContext, common
from planck.render.explain import details
from planck.textsafe import clean

# XML 1.0 cannot carry most control characters at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str, single_line: bool = False) -> str:
    return _NOT_XML.sub("\ufffd", clean(text, single_line=single_line))


def _detail(result: Result, lang: Lang) -> str:
    """The body of a failure or of system-out: where, what, why, and the reviewer's note."""
    report = result.report
    place = common.place_name([result.ruleset], report.jurisdiction, lang)
    where = result.location or report.location
    sep = word("punct.sep", lang)
    lines = [
        f"{place} {common.year_text(report.year, lang)} · {result.rule.display_name(lang)}",
        str(where),
        f"{common.status_word(result, lang)}{sep}{result.message.render(lang)}",
    ]
    lines += details(result, lang)
    return "\n".join(lines)


def suite_name(file: str, jurisdiction: str, year: int) -> str:
    """A report's testsuite name: its file, jurisdiction and year (one file may hold several)."""
    return f"{file} [{jurisdiction} {year}]"


def classname(result: Result) -> str:
    """``<rule set>.<jurisdiction>-<year>``: ids are ``[a-z0-9_-]``, so the dot splits it the way
    Jenkins splits a package from a class, and no two reports share one."""
    report = result.report
    return f"{result.ruleset.id}.{report.jurisdiction}-{report.year}"


def _unique(name: str, used: set[str]) -> str:
    """``name``, or ``name #2``, ``name #3``… when an earlier suite already has it."""
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name} #{number}"
    used.add(candidate)
    return candidate


def _testcase(suite: ET.Element, result: Result, ctx: RenderContext) -> str:
    """Add one testcase; returns its outcome: 'failure', 'skipped' or 'passed'."""
    lang = ctx.lang
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": xml_text(classname(result)), "name": xml_text(result.rule.id)},
    )
    message = xml_text(
        f"{status_label(result.status, lang)}{word('punct.sep', lang)}{result.message.render(lang)}",
        single_line=True,
    )
    fails = result.severity is Severity.ERROR or (
        ctx.strict and result.severity is Severity.WARNING
    )
    detail = xml_text(_detail(result, lang))
    if fails:
        failure = ET.SubElement(case, "failure", {"type": result.status.value, "message": message})
        failure.text = detail
        return "failure"
    if result.status in (Status.UNASSESSED, Status.REVIEW):
        ET.SubElement(case, "skipped", {"type": result.status.value, "message": message})
        ET.SubElement(case, "system-out").text = detail
        return "skipped"
    if result.severity is Severity.WARNING:
        ET.SubElement(case, "system-out").text = detail
    return "passed"


def _system_err(suite: ET.Element, warnings: list[Diagnostic], lang: Lang) -> None:
    if warnings:
        text = "\n".join(word("ci.warning", lang) + " " + d.render(lang) for d in warnings)
        ET.SubElement(suite, "system-err").text = xml_text(text)


def document(ctx: RenderContext) -> ET.Element:
    suites = _Suites(ctx)
    counted = [suites.report(index) for index in range(len(ctx.run.reports))]
    # then a suite for each file with input errors or warnings not taken by a report above
    for file in sorted(set(suites.errors_by_file) | set(suites.warnings_by_file)):
        counted.append(suites.file(file))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for counts in counted:
        for key in totals:
            totals[key] += counts[key]
    for key, total in totals.items():
        suites.root.set(key, str(total))
    return suites.root


class _Suites:
    """The testsuites element being built, with unique suite names and each file's
    diagnostics."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self.root = ET.Element("testsuites", {"name": "planck"})
        self.used: set[str] = set()
        self.warnings_by_file: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in ctx.run.warnings:
            self.warnings_by_file[d.location.file].append(d)
        self.errors_by_file: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in ctx.run.errors:
            self.errors_by_file[d.location.file].append(d)

    def _suite(self, name: str) -> ET.Element:
        return ET.SubElement(
            self.root, "testsuite", {"name": _unique(xml_text(name, True), self.used)}
        )

    def report(self, index: int) -> dict[str, int]:
        """The suite of one report, which takes the warnings of its file; its counts."""
        ctx = self.ctx
        report = ctx.run.reports[index]
        results = ctx.run.results.get(index, [])
        lang = ctx.lang
        suite = self._suite(suite_name(report.file, report.jurisdiction, report.year))
        props = ET.SubElement(suite, "properties")
        place = common.place_name(common.rulesets_of(results), report.jurisdiction, lang)
        for key, value in (
            ("jurisdiction", report.jurisdiction),
            ("jurisdiction_name", place),
            ("year", str(report.year)),
            ("rulesets", ",".join(sorted({r.ruleset.id for r in results}))),
        ):
            ET.SubElement(props, "property", {"name": key, "value": xml_text(value, True)})
        outcomes = [_testcase(suite, result, ctx) for result in results]
        _system_err(suite, self.warnings_by_file.pop(report.file, []), lang)
        counts = {
            "tests": len(outcomes),
            "failures": outcomes.count("failure"),
            "errors": 0,
            "skipped": outcomes.count("skipped"),
        }
        _set_counts(suite, counts, report.file)
        return counts

    def file(self, file: str) -> dict[str, int]:
        """The suite of a file's input errors (one error case each) and other warnings."""
        lang = self.ctx.lang
        suite = self._suite(file)
        errors = self.errors_by_file.get(file, [])
        for number, d in enumerate(errors, start=1):
            name = file if len(errors) == 1 else f"{file} #{number}"
            case = ET.SubElement(
                suite,
                "testcase",
                {"classname": "planck.input-error", "name": xml_text(name, True)},
            )
            element = ET.SubElement(
                case,
                "error",
                {"type": "input-error", "message": xml_text(d.message.render(lang), True)},
            )
            element.text = xml_text(d.render(lang))
        _system_err(suite, self.warnings_by_file.get(file, []), lang)
        counts = {"tests": len(errors), "failures": 0, "errors": len(errors), "skipped": 0}
        _set_counts(suite, counts, file)
        return counts


def _set_counts(suite: ET.Element, counts: dict[str, int], file: str) -> None:
    # Attributes after the children exist, in a fixed order after the name.
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, str(counts[key]))
    suite.set("file", xml_text(file, True))


class JunitReporter:
    name = "junit"

    def render(self, ctx: RenderContext) -> str:
        root = document(ctx)
        ET.indent(root, space="  ")
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
