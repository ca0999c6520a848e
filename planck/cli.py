"""The `planck` command: parses the arguments, runs the command they name, and turns what may
stop it (bad input, Ctrl-C, SIGTERM, a closed pipe) into a message and an exit code.

The commands themselves are in planck.commands, one module each.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from planck.commands import command
from planck.errors import PlanckError
from planck.exit_codes import ExitCode
from planck.parser import argv_lang, build_parser, env_lang


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
        return int(command(args.command)(args))
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
