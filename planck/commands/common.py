"""What the commands share: finding the inputs, refusing output targets that are inputs,
writing outputs, running the engine, saying input errors on stderr.

Heavy modules (Rich, jsonschema) are imported inside the functions that need them, so that a
command pays only for what it uses.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planck.exit_codes import ExitCode
from planck.i18n import Lang, word

if TYPE_CHECKING:
    from rich.console import Console

    from planck.engine.check import Extras, Found
    from planck.engine.job import Job
    from planck.model import CheckRun
    from planck.render import RenderContext


def console(stderr: bool = False) -> Console:
    from planck.render.text import terminal_console

    return terminal_console(stderr)


def inputs(found: Found, rules: Sequence[str]) -> list[Path]:
    """Every file planck reads in this run: planck never writes over one of them."""
    from planck.outputs import input_files

    return input_files(found[0], rules)


def found_files(args: argparse.Namespace) -> Found:
    """The report files of this run, found once for every use."""
    from planck.sources.discover import discover

    return discover(args.paths)


def targets(targets: Sequence[str], inputs: Sequence[Path]) -> dict[str, Path]:
    """Each output target and where it will be written, refused before any work (SPEC §4)."""
    from planck.outputs import check_targets

    return dict(zip(targets, check_targets(targets, inputs), strict=True))


def write_output(where: dict[str, Path], target: str, text: str | Iterable[str | bytes]) -> None:
    from planck.outputs import write_output

    write_output(where[target], text, shown=target)


def plain_diagnostics(ctx: RenderContext) -> None:
    """Input errors and warnings on stderr without Rich (for runs whose outputs are files)."""
    plain_diagnostics_of(ctx.run.errors, ctx.run.warnings, ctx.lang)


def plain_diagnostics_of(errors: list[Any], warnings: list[Any], lang: Lang) -> None:
    from planck.textsafe import clean

    for kind, items in (("error", errors), ("warning", warnings)):
        name = word("ci." + kind, lang)
        for d in items:
            sys.stderr.write(f"{name} {clean(d.render(lang), single_line=True)}\n")


def job(args: argparse.Namespace) -> Job:
    """What a check or report reads, and how many processes it may use (--jobs, else one per
    core)."""
    from planck.engine.job import Job, default_jobs
    from planck.sources.decode import DEFAULT_MAX_BYTES

    jobs = getattr(args, "jobs", None) or default_jobs()
    return Job(args.paths, args.rules, args.max_file_size or DEFAULT_MAX_BYTES, jobs)


def run_check(
    args: argparse.Namespace, found: Found, extras: Extras | None = None
) -> tuple[CheckRun, int]:
    from planck.engine.check import Extras, exit_code
    from planck.engine.run import run_check as run_engine

    run = run_engine(job(args), found, extras or Extras())
    return run, int(exit_code(run, args.strict))


def load_rulesets_or_report(args: argparse.Namespace) -> tuple[list[Any], int]:
    from planck.engine.check import load_all_rulesets

    rulesets, errors = load_all_rulesets(args.rules)
    if errors:
        err = console(stderr=True)
        from planck.textsafe import clean

        for d in errors:
            line = word("ci.error", args.lang) + " " + d.render(args.lang)
            err.print(clean(line, single_line=True), soft_wrap=True)
    return rulesets, (ExitCode.INPUT if errors else ExitCode.OK)
