"""`planck completion`: a shell completion script."""

from __future__ import annotations

import argparse
import sys

from planck.exit_codes import ExitCode
from planck.parser import build_parser
from planck.streams import stdout_may_close


def run(args: argparse.Namespace) -> int:
    """A completion script generated from the parser itself, so it never falls behind it."""
    import shtab

    script = shtab.complete(build_parser(args.lang), shell=args.shell)
    with stdout_may_close():
        sys.stdout.write(script)
    return ExitCode.OK
