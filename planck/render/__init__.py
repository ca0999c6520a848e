"""Output formats. Each module renders a finished CheckRun; none of them judges anything.

REPORTER_BY_NAME feeds the CLI's --format choices; a format's module is imported only when
that format is asked for, so `planck check --format json` never loads Rich.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol

from planck.i18n import Lang
from planck.model import CheckRun


@dataclass(frozen=True, slots=True)
class RenderContext:
    run: CheckRun
    exit_code: int
    lang: Lang = "zh"
    strict: bool = False


class Reporter(Protocol):
    name: str

    def render(self, ctx: RenderContext) -> str:
        """The whole output as text (written to a file or printed)."""
        ...


# name -> "module:Class"; resolved lazily by get_reporter().
REPORTER_BY_NAME: dict[str, str] = {
    "text": "planck.render.text:TextReporter",
    "json": "planck.render.json:JsonReporter",
}


def get_reporter(name: str) -> Reporter:
    module_name, _, class_name = REPORTER_BY_NAME[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    reporter: Reporter = cls()
    return reporter
