"""Saving the review (`s`): the whole check as `planck check` prints it, as HTML or text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Literal

from rich.console import Console

from planck.i18n import Lang
from planck.render import RenderContext
from planck.render.common import (
    symbols_for,
)
from planck.render.text import diagnostics, renderables
from planck.sources.discover import discover
from planck.tui.view import Review

ExportFormat = Literal["html", "text"]
EXPORT_WIDTH = 120


def format_for(path: str) -> ExportFormat:
    return "html" if path.lower().endswith((".html", ".htm")) else "text"


def export_review(review: Review, lang: Lang, fmt: ExportFormat) -> str:
    """The whole review as `planck check` prints it (input errors and warnings first), exported
    from a recording Rich console."""
    # a UTF-8 file: every symbol as it is, whatever the screen lacks
    with symbols_for(io.StringIO()):
        ctx = RenderContext(run=review.check_run(), exit_code=int(review.code), lang=lang)
        console = Console(
            file=io.StringIO(),
            record=True,
            width=EXPORT_WIDTH,
            force_terminal=True,
            color_system="truecolor",
            highlight=False,
            markup=False,
            emoji=False,
            legacy_windows=False,
        )
        for line in diagnostics(ctx):
            console.print(line, soft_wrap=True)
        if ctx.run.errors or ctx.run.warnings:
            console.print()
        for item in renderables(ctx, EXPORT_WIDTH):
            console.print(item)
        if fmt == "html":
            return console.export_html(inline_styles=True)
        return console.export_text(styles=False)


def input_files(paths: list[str], rules: list[str]) -> list[Path]:
    """Every file the review reads: its reports and its `--rules` files (the save never writes
    over one of them)."""
    from planck.outputs import input_files as files_read

    files, _ = discover(paths)
    return files_read(files, rules)
