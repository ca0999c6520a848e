"""`planck check`: reports against the rule sets, in the formats CI reads."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from planck.commands import common
from planck.errors import UsageError
from planck.i18n import msg
from planck.streams import stdout_may_close, write_utf8

if TYPE_CHECKING:
    from planck.engine.check import Found
    from planck.render import RenderContext


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

    done = check_json(common.job(args), found, lang=args.lang, strict=args.strict)
    if done is None:
        return None
    if file is not None:
        common.write_output(where, file, done.chunks)
        common.plain_diagnostics_of(done.errors, done.warnings, args.lang)
    else:
        with stdout_may_close():
            write_utf8(done.chunks)
    return done.exit_code


Formats = list[tuple[str, str | None]]  # (format, file, or None for the one printed)


def _formats(args: argparse.Namespace) -> Formats:
    """--format and --output as (format, file) pairs; at most one has no file (it is printed)."""
    formats: Formats = list(args.format) or [("text", None)]
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
    return formats


def run(args: argparse.Namespace) -> int:
    from planck.engine.check import Extras
    from planck.render import RenderContext

    formats = _formats(args)
    files = [(name, file) for name, file in formats if file is not None]
    from_stdin = "-" in args.paths
    with (
        tempfile.TemporaryDirectory(prefix="planck-stdin-")
        if from_stdin
        else contextlib.nullcontext("")
    ) as scratch:
        names = _stdin_report(args, scratch) if from_stdin else {}
        found = common.found_files(args)
        where = common.targets(
            [file for _, file in files], common.inputs(found, args.rules) if files else []
        )
        series: tuple[Path, ...] = ()
        if args.with_series:
            near_stdin = [str(Path(args.stdin_name).parent)] if names else []
            series = _series_files((found[0], found[1]), near_stdin)
        plain = not names and not series
        if plain and [name for name, _ in formats] == ["json"] and args.jobs != 1:
            done = _check_json_parallel(args, formats[0][1], found, where)
            if done is not None:
                return done
        checked, code = common.run_check(args, found, Extras(names=names, series=series))
    ctx = RenderContext(run=checked, exit_code=code, lang=args.lang, strict=args.strict)
    if args.markdown_full:
        ctx = dataclasses.replace(ctx, markdown_limit=None)
    _emit(ctx, formats, where)
    return code


def _emit(ctx: RenderContext, formats: Formats, where: dict[str, Path]) -> None:
    """Each format to its file, then the printed one (or, with none printed, the input errors
    and warnings on stderr, where a run whose outputs are all files still says them)."""
    from planck.render import TerminalReporter, get_reporter, pieces

    for name, file in formats:
        if file is not None:
            common.write_output(where, file, pieces(get_reporter(name), ctx))
    printed = [name for name, file in formats if file is None]
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
        common.plain_diagnostics(ctx)
