"""Output formats. Each module renders a finished CheckRun; none of them judges anything.

Two registries, both lazily resolved so that a format's module (and Rich, for the formats
that use it) is imported only when that format is asked for:

- REPORTER_BY_NAME: the formats of `planck check --format` (text, json, junit, sarif, github,
  markdown). json, junit, sarif, github and markdown never load Rich.
- REPORT_RENDERER_BY_NAME: the formats of `planck report` (text, svg, html, markdown, and the
  binary docx and xlsx, whose render() returns bytes).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from planck.i18n import Lang
from planck.model import CheckRun

# A GitHub pull-request comment holds 65,536 characters: the Markdown of `planck check` stays
# below this by default (see planck.render.markdown), leaving room for a line or two around it.
MARKDOWN_LIMIT = 65_000


@dataclass(frozen=True, slots=True)
class RenderContext:
    run: CheckRun
    exit_code: int
    lang: Lang = "zh"
    strict: bool = False
    # `planck check --format markdown`: the most characters (UTF-16 code units, as GitHub
    # counts) the output may have; None for all of it (a job summary holds 1 MiB).
    markdown_limit: int | None = MARKDOWN_LIMIT


class Reporter(Protocol):
    name: str

    def render(self, ctx: RenderContext) -> str:
        """The whole output as text (written to a file or printed)."""
        ...


class BinaryReporter(Protocol):
    """A report written as a file only (Word, Excel)."""

    name: str

    def render(self, ctx: RenderContext) -> bytes: ...


@runtime_checkable
class TerminalReporter(Protocol):
    """A reporter that prints differently to a live terminal (its width, its colours)."""

    name: str

    def render(self, ctx: RenderContext) -> str: ...

    def print(self, ctx: RenderContext) -> None: ...


# name -> "module:Class"; resolved lazily by get_reporter().
REPORTER_BY_NAME: dict[str, str] = {
    "text": "planck.render.text:TextReporter",
    "json": "planck.render.json:JsonReporter",
    "junit": "planck.render.junit:JunitReporter",
    "sarif": "planck.render.sarif:SarifReporter",
    "github": "planck.render.github:GithubReporter",
    "markdown": "planck.render.markdown:MarkdownReporter",
}

REPORT_RENDERER_BY_NAME: dict[str, str] = {
    "text": "planck.render.report:TextReport",
    "svg": "planck.render.report:SvgReport",
    "html": "planck.render.html:HtmlReport",
    "markdown": "planck.render.markdown:MarkdownReport",
    "docx": "planck.render.docx:DocxReport",
    "xlsx": "planck.render.workbook:WorkbookReport",
}


def _load(spec: str) -> Reporter:
    module_name, _, class_name = spec.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    reporter: Reporter = cls()
    return reporter


def pieces(reporter: Reporter, ctx: RenderContext) -> Iterable[str]:
    """The output in pieces when the format can stream it (JSON), else whole."""
    streaming = getattr(reporter, "chunks", None)
    return streaming(ctx) if streaming is not None else (reporter.render(ctx),)


def get_reporter(name: str) -> Reporter:
    return _load(REPORTER_BY_NAME[name])


def get_report_renderer(name: str) -> Reporter | BinaryReporter:
    return _load(REPORT_RENDERER_BY_NAME[name])
