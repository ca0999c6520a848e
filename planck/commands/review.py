"""`planck review`: the results in a terminal user interface."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from planck.tui import run

    return run(args.paths, args.rules, args.lang)
