"""The review without colour.

With NO_COLOR, Textual turns colours into greys of the same lightness, and red (or magenta) on a
dark background then all but disappears. Statuses carry a symbol and a word, so the review drops
its own colours instead and keeps bold, dim and underline.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text


def _no_colour(style: str | Style) -> Style:
    parsed = Style.parse(style) if isinstance(style, str) else style
    return parsed.without_color


def decolour(text: Text) -> Text:
    out = text.copy()
    out.style = _no_colour(out.style)
    out.spans = [Span(span.start, span.end, _no_colour(span.style)) for span in out.spans]
    return out


class Colourless:
    """Any Rich renderable, drawn without its colours."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            style = segment.style.without_color if segment.style else None
            yield Segment(segment.text, style, segment.control)
