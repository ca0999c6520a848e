"""`planck template`: a blank report to fill in."""

from __future__ import annotations

import argparse
import sys

from planck.commands import common
from planck.errors import UsageError
from planck.i18n import msg
from planck.streams import stdout_may_close


def run(args: argparse.Namespace) -> int:
    from planck.render.template import render_template
    from planck.sources.reports import JurisdictionIndex

    rulesets, code = common.load_rulesets_or_report(args)
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
    where = (
        common.targets([args.output], common.inputs(([], []), args.rules)) if args.output else {}
    )
    text = render_template(jurisdiction, args.year, rulesets)
    if args.output:
        common.write_output(where, args.output, text)
    else:
        with stdout_may_close():
            sys.stdout.write(text)
    return code
