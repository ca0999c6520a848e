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

from planck.engine.job import Job, default_jobs
from planck.sources.decode import DEFAULT_MAX_BYTES
from planck.tui.app import ReviewApp
from planck.tui.remote import RemoteCheck

_SPAN = re.compile(
    r'<text [^>]*?x="([\d.]+)"[^>]*clip-path="url\(#[\w-]*line-(\d+)\)"[^>]*>(.*?)</text>', re.S
)
_CELL_WIDTH = 12.2  # pixels per terminal cell in Rich's SVG export (20px font, aspect 0.61)


async def settle(pilot: Pilot[int]) -> None:
    """Wait until no check or file poll is running and the screen has caught up.

    "Caught up" means: the pilot has let every widget handle its messages and the screen draw
    what they changed, and the frame is the same three times in a row (one repeat is not
    enough on a busy machine: a frame taken before a layout Textual has queued may repeat once
    before the layout shows). Public API only: workers, the pilot's pauses, screenshots."""
    app = pilot.app
    while True:
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy:
            break
        await app.workers.wait_for_complete(busy)
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    frame, same = app.export_screenshot(), 0
    for _ in range(200):
        await pilot.pause(0.02)
        await pilot.pause()  # (a pause with a delay only sleeps; this one waits for idle)
        again = app.export_screenshot()
        same = same + 1 if again == frame else 0
        if same == 3:
            return
        frame = again
    raise AssertionError("the review screen did not settle within 200 frames")


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


class RecordingApp(ReviewApp):
    """The review, keeping the text of every notification it shows (`notices`) for the tests:
    a toast may be gone from the screen by the time a test looks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[str] = []

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.notices.append(message)
        super().notify(message, *args, **kwargs)


def new_app(*paths: str, lang: str = "zh", rules: list[str] | None = None) -> RecordingApp:
    """An app that does not poll by itself: tests ask it to look for changes."""
    return RecordingApp(checker_for(list(paths), rules or []), lang, watch_interval=None)


def checker_for(paths: list[str], rules: list[str]) -> RemoteCheck:
    """The review's checker for ``paths``, as `planck review` makes it."""
    return RemoteCheck(Job(paths, rules, DEFAULT_MAX_BYTES, default_jobs()))


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test function in its own event loop (no pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper
