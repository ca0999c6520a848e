"""Saving the review (`s`): the whole check as `planck report` writes it, in the format the
file's name asks for (the same renderers: planck.render.REPORT_RENDERER_BY_NAME)."""

from __future__ import annotations

import io
from pathlib import Path

from planck.i18n import Lang
from planck.render import RenderContext, get_report_renderer
from planck.render.common import symbols_for
from planck.sources.discover import discover
from planck.tui.view import Review

# A file name's ending -> the `planck report` format written for it.
FORMAT_BY_SUFFIX: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".svg": "svg",
    ".txt": "text",
}


def format_for(path: str) -> str | None:
    """The report format for a file name (by its ending, in any case); None for an ending
    planck cannot write."""
    return FORMAT_BY_SUFFIX.get(Path(path).suffix.lower())


def suffixes() -> str:
    """The endings the save accepts, for its messages: '.html .htm .md …'."""
    return " ".join(FORMAT_BY_SUFFIX)


def export_review(review: Review, lang: Lang, fmt: str) -> str | bytes:
    """The whole review as `planck report --<fmt>` writes it: text, or bytes for Word and
    Excel."""
    # a UTF-8 file (or a binary one): every symbol as it is, whatever the screen lacks
    with symbols_for(io.StringIO()):
        ctx = RenderContext(run=review.check_run(), exit_code=int(review.code), lang=lang)
        return get_report_renderer(fmt).render(ctx)


def input_files(paths: list[str], rules: list[str]) -> list[Path]:
    """Every file the review reads: its reports and its `--rules` files (the save never writes
    over one of them)."""
    from planck.outputs import input_files as files_read

    files, _ = discover(paths)
    return files_read(files, rules)
