"""Command line: parses arguments, calls the engine, picks a renderer, returns an exit code.

Heavy modules (Rich, jsonschema, Textual) are imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planck import __version__
from planck.errors import PlanckError, UsageError
from planck.exit_codes import ExitCode
from planck.i18n import Lang, msg

if TYPE_CHECKING:
    from rich.console import Console


def _lang_default() -> str:
    lang = os.environ.get("PLANCK_LANG", "zh")
    return lang if lang in ("zh", "en") else "zh"


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    text = text.strip().lower().removesuffix("b").removesuffix("i")
    factor = units.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in units else text
    try:
        value = int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 1000000, 16M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the size limit must be positive")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=_lang_default(),
        help="language of labels and messages (default: zh, or $PLANCK_LANG)",
    )
    rules_opt = argparse.ArgumentParser(add_help=False)
    rules_opt.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="another rule set file or folder, besides the built-in ones (repeatable)",
    )

    parser = argparse.ArgumentParser(
        prog="planck",
        description="Check annual reports against the targets of Chinese local five-year plans.",
    )
    parser.add_argument("--version", action="version", version=f"planck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        parents=[common, rules_opt],
        help="check report files and folders; exit 0, 1 (findings) or 2 (input errors)",
        description="Check annual reports (.yaml .yml .json) against every rule set that covers "
        "their jurisdiction and year.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument(
        "--output", "-o", metavar="FILE", help="write the output to FILE (atomically)"
    )
    check.add_argument(
        "--max-file-size",
        type=_size,
        default=None,
        metavar="BYTES",
        help="refuse report files larger than this (default 16M)",
    )

    rules = sub.add_parser("rules", help="list, show and lint rule sets")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="SUBCOMMAND")
    rules_sub.add_parser("list", parents=[common, rules_opt], help="list rule sets and their rules")
    show = rules_sub.add_parser(
        "show", parents=[common, rules_opt], help="show a rule with its provenance and quote"
    )
    show.add_argument("rule_id", metavar="RULE_ID", help="rule id, or RULESET/RULE when ambiguous")
    lint = rules_sub.add_parser("lint", parents=[common], help="check rule set files")
    lint.add_argument("paths", nargs="+", metavar="PATH")
    rules_sub.add_parser("schema", help="print the rule-set JSON Schema")

    review = sub.add_parser(
        "review",
        parents=[common, rules_opt],
        help="browse the results in the terminal, drill into a rule, watch the files change",
        description="Review annual reports interactively: every rule of every report, the "
        "details behind each result, and a live refresh when a file changes.",
    )
    review.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")

    template = sub.add_parser(
        "template", parents=[common, rules_opt], help="print a blank report to fill in"
    )
    template.add_argument("jurisdiction", metavar="JURISDICTION")
    template.add_argument("year", type=int, metavar="YEAR")
    template.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    return parser


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def _write_output(path: str, text: str, inputs: Sequence[Path] = ()) -> None:
    from planck.atomic import write_atomic

    target = Path(path)
    resolved = target.resolve()
    for item in inputs:
        if item.resolve() == resolved:
            raise UsageError(
                msg(
                    "--output 不能覆盖输入文件 {p}",
                    "--output would overwrite the input file {p}",
                    p=path,
                )
            )
    try:
        write_atomic(target, text)
    except OSError as exc:
        raise UsageError(
            msg("无法写入 {p}：{e}", "cannot write {p}: {e}", p=path, e=exc.strerror or exc)
        ) from None


def cmd_check(args: argparse.Namespace) -> int:
    from planck.check import exit_code, run_check
    from planck.render import RenderContext, get_reporter
    from planck.sources.decode import DEFAULT_MAX_BYTES
    from planck.sources.discover import discover

    lang: Lang = args.lang
    run = run_check(args.paths, args.rules, args.max_file_size or DEFAULT_MAX_BYTES)
    code = exit_code(run, args.strict)
    ctx = RenderContext(run=run, exit_code=int(code), lang=lang, strict=args.strict)
    if args.format == "text" and not args.output:
        from planck.render import text

        if run.errors or run.warnings:
            err = _console(stderr=True)
            for line in text.diagnostics(ctx):
                err.print(line, soft_wrap=True)
        out = _console()
        for item in text.renderables(ctx, out.width):
            out.print(item)
        return int(code)
    rendered = get_reporter(args.format).render(ctx)
    if args.output:
        inputs, _ = discover(args.paths)
        _write_output(args.output, rendered, inputs)
        if args.format == "text" and (run.errors or run.warnings):
            from planck.render import text

            err = _console(stderr=True)
            for line in text.diagnostics(ctx):
                err.print(line, soft_wrap=True)
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()
    return int(code)


def _load_rulesets_or_report(args: argparse.Namespace) -> tuple[list[Any], int]:
    from planck.check import load_all_rulesets

    rulesets, errors = load_all_rulesets(args.rules)
    if errors:
        err = _console(stderr=True)
        for d in errors:
            err.print(
                ("错误 " if args.lang == "zh" else "error ") + d.render(args.lang), soft_wrap=True
            )
    return rulesets, (ExitCode.INPUT if errors else ExitCode.OK)


def cmd_rules(args: argparse.Namespace) -> int:
    if args.rules_command is None:
        raise UsageError("usage: planck rules {list,show,lint,schema} …")
    if args.rules_command == "schema":
        from planck.rulesets.loader import schema_text

        sys.stdout.write(schema_text())
        return ExitCode.OK
    if args.rules_command == "lint":
        return cmd_rules_lint(args)
    from planck.render.ruleinfo import rule_detail, rulesets_table

    rulesets, code = _load_rulesets_or_report(args)
    out = _console()
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
    err = _console(stderr=True)
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
    for problem in problems:
        err.print(("错误 " if args.lang == "zh" else "error ") + problem, soft_wrap=True)
    out = _console()
    for rs in rulesets:
        out.print(f"✓ {rs.path}: {rs.id} ({len(rs.rules)} rules)", soft_wrap=True)
    return ExitCode.INPUT if problems else ExitCode.OK


def cmd_template(args: argparse.Namespace) -> int:
    from planck.sources.reports import JurisdictionIndex
    from planck.template import render_template

    rulesets, code = _load_rulesets_or_report(args)
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
    text = render_template(jurisdiction, args.year, rulesets)
    if args.output:
        _write_output(args.output, text)
    else:
        sys.stdout.write(text)
    return code


def cmd_review(args: argparse.Namespace) -> int:
    from planck.tui import run

    return run(args.paths, args.rules, args.lang)


COMMANDS = {
    "check": cmd_check,
    "rules": cmd_rules,
    "template": cmd_template,
    "review": cmd_review,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return ExitCode.INPUT
        return int(COMMANDS[args.command](args))
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted / 已中断\n")
        return ExitCode.INTERRUPTED
    except PlanckError as exc:
        lang = getattr(locals().get("args"), "lang", "zh")
        sys.stderr.write(f"planck: {exc.render(lang)}\n")
        return ExitCode.INPUT
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. `| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
