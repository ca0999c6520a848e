"""Helpers for the review-screen tests: wait for the app's background work, read the screen."""

from __future__ import annotations

import asyncio
import functools
import html
import re
from collections import defaultdict
from collections.abc import Callable, Coroutine
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.worker import WorkerState

from planck.tui.app import ReviewApp

_SPAN = re.compile(
    r'<text [^>]*?x="([\d.]+)"[^>]*clip-path="url\(#[\w-]*line-(\d+)\)"[^>]*>(.*?)</text>', re.S
)
_CELL_WIDTH = 12.2  # pixels per terminal cell in Rich's SVG export (20px font, aspect 0.61)


async def settle(pilot: Pilot[int]) -> None:
    """Wait until no check or file poll is running and the screen has caught up.

    "Caught up" means: no widget of the screen has a message waiting, the screen has no layout,
    repaint or recompose pending, no table has rows it has not measured yet, and the frame is
    the same twice in a row. (Identical frames alone are not enough on a busy machine: a frame
    taken before a pending layout may repeat itself, and a snapshot taken then differs.)"""
    app = pilot.app
    while True:
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy:
            break
        await app.workers.wait_for_complete(busy)
        await pilot.pause()
    for _ in range(3):
        await pilot.pause()
    frame = app.export_screenshot()
    for _ in range(200):
        await pilot.pause(0.02)
        await pilot.pause()  # (a pause with a delay only sleeps; this one waits for idle)
        again = app.export_screenshot()
        if again == frame and not _pending(app):
            return
        frame = again
    raise AssertionError("the review screen did not settle within 200 frames")


def _pending(app: ReviewApp) -> bool:
    """Work Textual has queued but not yet shown (private attributes, read only, of Textual 8)."""
    screen = app.screen
    if app._batch_count or any(
        getattr(screen, flag, False)
        for flag in ("_layout_required", "_repaint_required", "_recompose_required")
    ):
        return True
    if getattr(screen, "_dirty_widgets", None):
        return True
    for node in (app, *screen.walk_children(with_self=True)):
        queue = getattr(node, "_message_queue", None)
        if queue is not None and not queue.empty():
            return True
        if getattr(node, "_require_update_dimensions", False) or getattr(node, "_new_rows", None):
            return True
    return False


def screen_text(app: ReviewApp) -> str:
    """The characters on screen, line by line, read back from Textual's own screenshot."""
    svg = app.export_screenshot()
    spans: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for x, number, body in _SPAN.findall(svg):
        column = round(float(x) / _CELL_WIDTH)
        spans[int(number)].append((column, html.unescape(body).replace("\xa0", " ")))
    height = app.size.height
    lines = []
    for n in range(height):
        line, cells = "", 0
        for column, text in sorted(spans.get(n, [])):
            if column > cells:
                line += " " * (column - cells)
                cells = column
            line += text
            cells += cell_len(text)
        lines.append(line.rstrip())
    return "\n".join(lines)


def new_app(*paths: str, lang: str = "zh", rules: list[str] | None = None) -> ReviewApp:
    """An app that does not poll by itself: tests ask it to look for changes."""
    return ReviewApp(list(paths), rules, lang, watch_interval=None)  # type: ignore[arg-type]


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test function in its own event loop (no pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper
