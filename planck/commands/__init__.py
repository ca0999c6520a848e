"""One module per command, each with ``run(args) -> exit code``: wiring of the parsed arguments
to the engine and the renderers, nothing more. A command's module is imported only when the
command runs, so that `planck check` does not pay for Textual or jsonschema."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

NAMES = ("check", "report", "review", "rules", "template", "completion")


def command(name: str) -> Callable[[argparse.Namespace], int]:
    """The ``run`` function of the command ``name`` (one of NAMES)."""
    module = importlib.import_module(f"planck.commands.{name}")
    run: Callable[[argparse.Namespace], int] = module.run
    return run
