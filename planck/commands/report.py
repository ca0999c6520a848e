"""`planck report`: a report for people, on the terminal or in files."""

from __future__ import annotations

import argparse

from planck.commands import common
from planck.render import REPORT_RENDERER_BY_NAME
from planck.streams import stdout_may_close


def run(args: argparse.Namespace) -> int:
    from planck.render import RenderContext, get_report_renderer

    files = [(name, getattr(args, name)) for name in REPORT_RENDERER_BY_NAME if getattr(args, name)]
    found = common.found_files(args)
    where = common.targets(
        [file for _, file in files], common.inputs(found, args.rules) if files else []
    )
    run, code = common.run_check(args, found)
    ctx = RenderContext(run=run, exit_code=code, lang=args.lang, strict=args.strict)
    for name, file in files:
        out = get_report_renderer(name).render(ctx)
        common.write_output(where, file, [out] if isinstance(out, bytes) else out)
    if files:
        common.plain_diagnostics(ctx)
    else:
        from planck.render.report import TextReport

        with stdout_may_close():
            TextReport().print(ctx)
    return code
