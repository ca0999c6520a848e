"""`planck rules`: list, show, lint the rule sets, print their schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planck.commands import common
from planck.errors import UsageError
from planck.exit_codes import ExitCode
from planck.i18n import msg, word


def run(args: argparse.Namespace) -> int:
    if args.rules_command is None:
        raise UsageError("usage: planck rules {list,show,lint,schema} …")
    if args.rules_command == "schema":
        from planck.rulesets.loader import schema_text

        sys.stdout.write(schema_text())
        return ExitCode.OK
    if args.rules_command == "lint":
        return cmd_rules_lint(args)
    from planck.render.ruleinfo import rule_detail, rulesets_table

    rulesets, code = common.load_rulesets_or_report(args)
    out = common.console()
    if args.rules_command == "list":
        out.print(rulesets_table(rulesets, args.lang))
        return code
    wanted: str = args.rule_id
    set_id, _, rule_id = wanted.rpartition("/") if "/" in wanted else ("", "", wanted)
    matches = [
        (rs, rule)
        for rs in sorted(rulesets, key=lambda r: r.id)
        for rule in rs.rules
        if rule.id == rule_id and (not set_id or rs.id == set_id)
    ]
    if not matches:
        import difflib

        known = sorted(
            {f"{rs.id}/{r.id}" for rs in rulesets for r in rs.rules}
            | {r.id for rs in rulesets for r in rs.rules}
        )
        close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(msg(f"没有规则“{wanted}”{hint}", f"no rule '{wanted}'{hint}"))
    for index, (rs, rule) in enumerate(matches):
        if index:
            out.print()
        out.print(rule_detail(rs, rule, args.lang))
    return code


def cmd_rules_lint(args: argparse.Namespace) -> int:
    from planck.rulesets import load_rulesets

    rulesets, errors = load_rulesets([Path(p) for p in args.paths])
    err = common.console(stderr=True)
    ids: dict[str, str] = {}
    problems = [e.render(args.lang) for e in errors]
    for rs in rulesets:
        if rs.id in ids:
            problems.append(
                msg(
                    "{p}: 规则集 id“{id}”与 {other} 重复",
                    "{p}: rule set id '{id}' is also used by {other}",
                    p=rs.path,
                    id=rs.id,
                    other=ids[rs.id],
                ).render(args.lang)
            )
        ids.setdefault(rs.id, rs.path)
    from planck.textsafe import clean

    for problem in problems:
        line = word("ci.error", args.lang) + " " + problem
        err.print(clean(line, single_line=True), soft_wrap=True)
    out = common.console()
    for rs in rulesets:  # a file name may hold anything a name can
        line = f"✓ {rs.path}: {rs.id} ({len(rs.rules)} rules)"
        out.print(clean(line, single_line=True), soft_wrap=True)
    return ExitCode.INPUT if problems else ExitCode.OK
