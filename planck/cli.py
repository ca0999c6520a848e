"""Command line: parses arguments, calls the engine, picks a renderer, returns an exit code.

Heavy modules (Rich, jsonschema, Textual) are imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planck.errors import PlanckError, UsageError
from planck.exit_codes import ExitCode
from planck.i18n import msg
from planck.parser import argv_lang, build_parser, env_lang
from planck.render import REPORT_RENDERER_BY_NAME
from planck.streams import stdout_may_close, write_utf8

if TYPE_CHECKING:
    from rich.console import Console

    from planck.check import Extras, Found
    from planck.engine.run import Job
    from planck.model import CheckRun
    from planck.render import RenderContext


def _console(stderr: bool = False) -> Console:
    from planck.render.text import terminal_console

    return terminal_console(stderr)


def _inputs(found: Found, rules: Sequence[str]) -> list[Path]:
    """Every file planck reads in this run: planck never writes over one of them."""
    from planck.outputs import input_files

    return input_files(found[0], rules)


def _found(args: argparse.Namespace) -> Found:
    """The report files of this run, found once for every use."""
    from planck.sources.discover import discover

    return discover(args.paths)


def _targets(targets: Sequence[str], inputs: Sequence[Path]) -> dict[str, Path]:
    """Each output target and where it will be written, refused before any work (SPEC §4)."""
    from planck.outputs import check_targets

    return dict(zip(targets, check_targets(targets, inputs), strict=True))


def _write_output(where: dict[str, Path], target: str, text: str | Iterable[str | bytes]) -> None:
    from planck.outputs import write_output

    write_output(where[target], text, shown=target)


def _plain_diagnostics(ctx: RenderContext) -> None:
    """Input errors and warnings on stderr without Rich (for runs whose outputs are files)."""
    _plain_diagnostics_of(ctx.run.errors, ctx.run.warnings, ctx.lang)


def _plain_diagnostics_of(errors: list[Any], warnings: list[Any], lang: str) -> None:
    from planck.textsafe import clean

    for word_zh, word_en, items in (("错误", "error", errors), ("警告", "warning", warnings)):
        word = word_zh if lang == "zh" else word_en
        for d in items:
            sys.stderr.write(f"{word} {clean(d.render(lang), single_line=True)}\n")


def _job(args: argparse.Namespace) -> Job:
    """What a check or report reads, and how many processes it may use (--jobs, else one per
    core)."""
    from planck.engine.run import Job, default_jobs
    from planck.sources.decode import DEFAULT_MAX_BYTES

    jobs = getattr(args, "jobs", None) or default_jobs()
    return Job(args.paths, args.rules, args.max_file_size or DEFAULT_MAX_BYTES, jobs)


def _run(
    args: argparse.Namespace, found: Found, extras: Extras | None = None
) -> tuple[CheckRun, int]:
    from planck.check import Extras, exit_code
    from planck.engine.run import run_check

    run = run_check(_job(args), found, extras or Extras())
    return run, int(exit_code(run, args.strict))


def _stdin_report(args: argparse.Namespace, folder: str) -> dict[Path, str]:
    """`planck check -`: the report on stdin, saved in ``folder`` under the suffix of
    --stdin-name (which gives its format), and the name it goes by in messages."""
    from planck.sources.decode import DEFAULT_MAX_BYTES
    from planck.sources.discover import REPORT_SUFFIXES

    if args.paths.count("-") > 1:
        raise UsageError(
            msg(
                "只能从标准输入读一份报告（- 只能出现一次）",
                "only one report can be read from stdin (- once)",
            )
        )
    shown: str = args.stdin_name
    suffix = Path(shown).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise UsageError(
            msg(
                "--stdin-name 的后缀决定格式，须为 {s} 之一：{n}",
                "--stdin-name gives the format by its suffix, one of {s}: {n}",
                s=" ".join(REPORT_SUFFIXES),
                n=shown,
            )
        )
    limit = args.max_file_size or DEFAULT_MAX_BYTES
    data = sys.stdin.buffer.read(limit + 1) if sys.stdin is not None else b""
    if len(data) > limit:
        raise UsageError(
            msg(
                "标准输入超过大小上限（{n} 字节，见 --max-file-size）",
                "stdin is larger than the size limit ({n} bytes, see --max-file-size)",
                n=limit,
            )
        )
    path = Path(folder) / f"stdin{suffix}"
    path.write_bytes(data)
    args.paths = [str(path) if p == "-" else p for p in args.paths]
    return {path: shown}


def _series_files(found: Found, extra_folders: list[str]) -> tuple[Path, ...]:
    """--with-series: the report files beside each report given (in its folder, not below)."""
    from planck.sources.discover import REPORT_SUFFIXES

    folders = {file.parent for file in found[0]} | {Path(f) for f in extra_folders}
    beside: set[Path] = set()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # the reports given are still checked; their series is what could be read
        for entry in entries:
            name = entry.name
            if not name.startswith(".") and Path(name).suffix.lower() in REPORT_SUFFIXES:
                beside.add(Path(entry.path))
    return tuple(sorted(beside))


def _check_json_parallel(
    args: argparse.Namespace, file: str | None, found: Found, where: dict[str, Path]
) -> int | None:
    """`check --format json` in worker processes when there are enough files to share out;
    None when one process will do (then the caller runs the check itself)."""
    from planck.engine.run import check_json

    done = check_json(_job(args), found, lang=args.lang, strict=args.strict)
    if done is None:
        return None
    if file is not None:
        _write_output(where, file, done.chunks)
        _plain_diagnostics_of(done.errors, done.warnings, args.lang)
    else:
        with stdout_may_close():
            write_utf8(done.chunks)
    return done.exit_code


def cmd_check(args: argparse.Namespace) -> int:
    from planck.render import RenderContext, TerminalReporter, get_reporter, pieces

    formats: list[tuple[str, str | None]] = list(args.format) or [("text", None)]
    printed = [name for name, file in formats if file is None]
    if len(printed) > 1:
        raise UsageError(
            msg(
                "只能有一种格式输出到终端（{names}）；其余请写入文件，如 --format sarif=FILE",
                "only one format can be printed ({names}); write the others to files, "
                "e.g. --format sarif=FILE",
                names=", ".join(printed),
            )
        )
    if args.output:
        if not printed:
            raise UsageError(
                msg(
                    "--output 指定的是不带 =FILE 的那种格式的文件，但每个 --format 都已指定文件",
                    "--output names the file of the format given without =FILE, but every "
                    "--format already has a file",
                )
            )
        formats = [(name, args.output if file is None else file) for name, file in formats]
        printed = []
    files = [(name, file) for name, file in formats if file is not None]
    import contextlib
    import tempfile

    from planck.check import Extras

    from_stdin = "-" in args.paths
    with (
        tempfile.TemporaryDirectory(prefix="planck-stdin-")
        if from_stdin
        else contextlib.nullcontext("")
    ) as scratch:
        names = _stdin_report(args, scratch) if from_stdin else {}
        found = _found(args)
        where = _targets([file for _, file in files], _inputs(found, args.rules) if files else [])
        series: tuple[Path, ...] = ()
        if args.with_series:
            near_stdin = [str(Path(args.stdin_name).parent)] if names else []
            series = _series_files((found[0], found[1]), near_stdin)
        extras = Extras(names=names, series=series)
        plain = not names and not series
        if plain and [name for name, _ in formats] == ["json"] and args.jobs != 1:
            done = _check_json_parallel(args, formats[0][1], found, where)
            if done is not None:
                return done
        run, code = _run(args, found, extras)
    ctx = RenderContext(run=run, exit_code=code, lang=args.lang, strict=args.strict)
    if args.markdown_full:
        ctx = dataclasses.replace(ctx, markdown_limit=None)
    for name, file in files:
        _write_output(where, file, pieces(get_reporter(name), ctx))
    if printed:
        reporter = get_reporter(printed[0])
        with stdout_may_close():
            if isinstance(reporter, TerminalReporter):
                reporter.print(ctx)
            else:
                write_utf8(pieces(reporter, ctx))
    elif any(name == "text" for name, _ in formats):
        from planck.render import text

        text.print_diagnostics(ctx)
    else:
        _plain_diagnostics(ctx)
    return code


def cmd_report(args: argparse.Namespace) -> int:
    from planck.render import RenderContext, get_report_renderer

    files = [(name, getattr(args, name)) for name in REPORT_RENDERER_BY_NAME if getattr(args, name)]
    found = _found(args)
    where = _targets([file for _, file in files], _inputs(found, args.rules) if files else [])
    run, code = _run(args, found)
    ctx = RenderContext(run=run, exit_code=code, lang=args.lang, strict=args.strict)
    for name, file in files:
        _write_output(where, file, get_report_renderer(name).render(ctx))
    if files:
        _plain_diagnostics(ctx)
    else:
        from planck.render.report import TextReport

        with stdout_may_close():
            TextReport().print(ctx)
    return code


def _load_rulesets_or_report(args: argparse.Namespace) -> tuple[list[Any], int]:
    from planck.check import load_all_rulesets

    rulesets, errors = load_all_rulesets(args.rules)
    if errors:
        err = _console(stderr=True)
        from planck.textsafe import clean

        for d in errors:
            line = ("错误 " if args.lang == "zh" else "error ") + d.render(args.lang)
            err.print(clean(line, single_line=True), soft_wrap=True)
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
    from planck.textsafe import clean

    for problem in problems:
        line = ("错误 " if args.lang == "zh" else "error ") + problem
        err.print(clean(line, single_line=True), soft_wrap=True)
    out = _console()
    for rs in rulesets:  # a file name may hold anything a name can
        line = f"✓ {rs.path}: {rs.id} ({len(rs.rules)} rules)"
        out.print(clean(line, single_line=True), soft_wrap=True)
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
    where = _targets([args.output], _inputs(([], []), args.rules)) if args.output else {}
    text = render_template(jurisdiction, args.year, rulesets)
    if args.output:
        _write_output(where, args.output, text)
    else:
        with stdout_may_close():
            sys.stdout.write(text)
    return code


def cmd_review(args: argparse.Namespace) -> int:
    from planck.tui import run

    return run(args.paths, args.rules, args.lang)


def cmd_completion(args: argparse.Namespace) -> int:
    """A completion script generated from the parser itself, so it never falls behind it."""
    import shtab

    script = shtab.complete(build_parser(args.lang), shell=args.shell)
    with stdout_may_close():
        sys.stdout.write(script)
    return ExitCode.OK


COMMANDS = {
    "check": cmd_check,
    "report": cmd_report,
    "review": cmd_review,
    "rules": cmd_rules,
    "template": cmd_template,
    "completion": cmd_completion,
}


def main(argv: Sequence[str] | None = None) -> int:
    lang = argv_lang(argv)
    parser = build_parser(lang)
    try:
        warning = env_lang()[1]
        if warning is not None:
            sys.stderr.write(warning + "\n")
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return ExitCode.INPUT
        return int(COMMANDS[args.command](args))
    except KeyboardInterrupt as stop:
        return _stopped(stop)
    except PlanckError as exc:
        from planck.textsafe import clean

        sys.stderr.write(f"planck: {clean(exc.render(lang), single_line=True)}\n")
        return ExitCode.INPUT
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. `| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the process is, so that it ends as Ctrl-C does: temporary files
    removed, worker processes stopped, a word on stderr (then exit code 143, not 130)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def _stopped(stop: KeyboardInterrupt) -> int:
    """Ctrl-C (130) or SIGTERM (143): a word on stderr, the exit code."""
    try:
        if isinstance(stop, Terminated):
            sys.stderr.write("\nterminated / 已终止\n")
        else:
            sys.stderr.write("\ninterrupted / 已中断\n")
    except (OSError, ValueError):  # stderr closed or gone: the exit code still says it
        pass
    return ExitCode.TERMINATED if isinstance(stop, Terminated) else ExitCode.INTERRUPTED


def run() -> None:
    """The `planck` command (and `python -m planck`): main(), then an ordinary exit, so that
    every clean-up (atexit, open files, worker pools) runs as Python intends."""
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)
        from planck import streams
        from planck.runtime import few_collections

        few_collections()  # from the start: the commands' own imports make many objects too
        streams.prepare()
        code = main()
    except KeyboardInterrupt as stop:  # a signal before main() or after it caught its own
        code = _stopped(stop)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader gone, or a stream closed: nothing to add
        pass
    sys.exit(code)
