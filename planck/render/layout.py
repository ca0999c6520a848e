"""Line breaking and the result rows of the Rich-based outputs (`planck check` text, `planck
report` text and SVG), laid out for an 80-column terminal first.

Widths are terminal cells (Rich's cell_len), never len(): a Chinese character takes two. Strings
given to this module are cleaned of control characters here, and reach Rich only as Text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from planck.textsafe import clean

# Chinese may break between any two characters, except before closing punctuation and after
# opening punctuation; Latin words and numbers with their units stay whole, and identifiers
# (rd_intensity) break after an underscore rather than in the middle of a word.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_TOKEN = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}_]*_+|[^\s{_CJK}]+")
_NO_BREAK_BEFORE = set("，。、；：？！）》」』】〕”’%·…,.;:?!)]}")
_NO_BREAK_AFTER = set("（《「『【〔“‘([{")


def wrap(text: str, width: int) -> list[str]:
    """Greedy line breaking by terminal cells that treats Chinese as breakable anywhere, which
    Rich's word wrapping does not (it breaks Chinese text only at spaces)."""
    width = max(width, 2)
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if (
            tokens
            and not token.isspace()
            and not tokens[-1].isspace()
            and (token[0] in _NO_BREAK_BEFORE or tokens[-1][-1] in _NO_BREAK_AFTER)
        ):
            tokens[-1] += token
        else:
            tokens.append(token)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token.isspace():
            if line:
                line += " "
            continue
        if cell_len(line) + cell_len(token) <= width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        while cell_len(token) > width:  # a single token wider than the line: cut it
            cut = 1
            while cell_len(token[: cut + 1]) <= width:
                cut += 1
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines


@dataclass(frozen=True, slots=True)
class Packed:
    """Items side by side, wrapped between two items rather than inside one."""

    items: Sequence[Text]
    gap: str = "  "

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        line = Text()
        for index, item in enumerate(self.items):
            if index and line.cell_len + len(self.gap) + item.cell_len > width:
                yield line
                line = Text()
            elif index:
                line.append(self.gap)
            line.append_text(item)
        yield line


def pad(text: Text, width: int, right: bool = False) -> Text:
    """``text`` filled with spaces to ``width`` cells (on the left when ``right``)."""
    room = max(0, width - text.cell_len)
    if right:
        return Text(" " * room) + text
    return text + Text(" " * room)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A piece of text under a result row (its message, a note), wrapped at the row's indent.
    ``label`` is shown in front of it in the label style (dim)."""

    text: str
    style: str = ""
    label: str = ""


@dataclass(frozen=True, slots=True)
class ResultRow:
    status: Text
    name: str
    sub: str  # the rule id (and a source number), shown dim under the name
    cells: Sequence[Text]  # right-aligned: value, target, ratio …
    body: Sequence[Paragraph] = ()


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Where the columns of a ResultRows table fall at one width."""

    width: int
    gap: str
    status_w: int
    cell_ws: list[int]
    indent: int  # where the name, the id and the message start
    numbers_w: int
    name_w: int
    body_w: int
    wide: bool  # the numbers share the name's first line

    def numbers(self, cells: Sequence[Text]) -> Text:
        out = Text()
        for k, cw in enumerate(self.cell_ws):
            out.append(self.gap)
            out.append_text(pad(cells[k] if k < len(cells) else Text(""), cw, right=True))
        return out


@dataclass(slots=True)
class ResultRows:
    """A table of results that stays readable at 80 columns: status, indicator and the numbers
    on the first line, the rule id under the name, and the message (and notes) on lines of
    their own under it, as wide as the terminal allows. When the numbers leave the name less
    than MIN_NAME cells, the name takes the whole line and the numbers go on the id's line."""

    headings: Sequence[str]  # status, indicator, then one per cell
    rows: Sequence[ResultRow]
    gap: int = 2
    blank_between: bool = True
    cell_widths: list[int] = field(default_factory=list)

    MIN_NAME = 24

    def _widths(self) -> tuple[int, list[int]]:
        status = max(
            [cell_len(self.headings[0])] + [row.status.cell_len for row in self.rows], default=0
        )
        cells = []
        for k, heading in enumerate(self.headings[2:]):
            cells.append(
                max(
                    [cell_len(heading)]
                    + [row.cells[k].cell_len for row in self.rows if k < len(row.cells)]
                )
            )
        return status, cells

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width)

    def lines(self, width: int) -> Iterable[Text]:
        geo = self._geometry(width)
        yield from self._head(geo)
        for number, row in enumerate(self.rows):
            if number and self.blank_between:
                yield Text("")
            yield from self._row(geo, row)

    def _geometry(self, width: int) -> _Geometry:
        status_w, cell_ws = self._widths()
        indent = status_w + self.gap
        numbers_w = sum(cell_ws) + self.gap * len(cell_ws)
        name_w = width - indent - numbers_w
        wide = name_w >= self.MIN_NAME
        if not wide:
            name_w = max(width - indent, 8)
        body_w = max(width - indent, 8)
        # The numbers follow the longest name rather than the far edge of a wide terminal.
        longest = max(
            [cell_len(clean(self.headings[1]))]
            + [cell_len(clean(row.name, single_line=True)) for row in self.rows]
        )
        if wide and longest < name_w:
            name_w = longest
            width = indent + name_w + numbers_w
        return _Geometry(
            width, " " * self.gap, status_w, cell_ws, indent, numbers_w, name_w, body_w, wide
        )

    def _head(self, geo: _Geometry) -> Iterable[Text]:
        width, numbers_w = geo.width, geo.numbers_w
        head = pad(Text(clean(self.headings[0])), geo.status_w) + Text(geo.gap)
        head.append_text(Text(clean(self.headings[1])))
        head_cells = geo.numbers([Text(clean(h)) for h in self.headings[2:]])
        if head.cell_len + self.gap > width - numbers_w:
            # Narrow: the numbers' headings on a line of their own, over their columns.
            head.stylize("bold")
            yield head
            head = Text("")
        head = pad(head, width - numbers_w)
        head.append_text(head_cells)
        head.stylize("bold")
        yield head
        yield Text("─" * width, style="dim")

    def _row(self, geo: _Geometry, row: ResultRow) -> Iterable[Text]:
        width, numbers_w, wide = geo.width, geo.numbers_w, geo.wide
        blank = Text(" " * geo.indent)
        name_lines = wrap(clean(row.name, single_line=True), geo.name_w) or [""]
        sub = Text(clean(row.sub, single_line=True), style="dim")
        sub_fits = sub.cell_len + geo.indent <= width - numbers_w
        row_cells_done = False
        last = len(name_lines) - 1
        for k, piece in enumerate(name_lines):
            line = pad(row.status, geo.status_w) if k == 0 else Text(" " * geo.status_w)
            line.append(geo.gap)
            line.append(piece)
            if (k == 0 and wide) or (
                # narrow, and the id too long to share its line with the numbers: they
                # go on the name's last line when there is room
                not wide
                and k == last
                and row.cells
                and not sub_fits
                and line.cell_len + self.gap <= width - numbers_w
            ):
                line = pad(line, width - numbers_w)
                line.append_text(geo.numbers(row.cells))
                sub_fits = True
                row_cells_done = True
            yield line
        if wide or row_cells_done:
            if sub.plain:
                yield blank + sub
        elif row.cells:
            # The numbers go on the id's line when they fit there, else on a line of
            # their own, right-aligned under their headings.
            if sub.plain and sub.cell_len + geo.indent <= width - numbers_w:
                yield pad(blank + sub, width - numbers_w) + geo.numbers(row.cells)
            else:
                if sub.plain:
                    yield blank + sub
                yield pad(blank, width - numbers_w) + geo.numbers(row.cells)
        elif sub.plain:
            yield blank + sub
        for paragraph in row.body:
            yield from self._paragraph(paragraph, blank, geo.body_w)

    @staticmethod
    def _paragraph(paragraph: Paragraph, blank: Text, width: int) -> Iterable[Text]:
        label = clean(paragraph.label, single_line=True)
        for index, part in enumerate(clean(paragraph.text).split("\n")):
            text = label + part if index == 0 else part
            for k, piece in enumerate(wrap(text, width) or [""]):
                line = blank.copy()
                if index == 0 and k == 0 and label and piece.startswith(label):
                    line.append(label, style="dim")
                    line.append(piece[len(label) :], style=paragraph.style)
                else:
                    line.append(piece, style=paragraph.style)
                yield line


@dataclass(frozen=True, slots=True)
class GridRow:
    name: str  # wrapped in the first column
    cells: Sequence[Text]  # right-aligned under their headings
    sub: str = ""  # shown dim under the name


@dataclass(slots=True)
class Grid:
    """A table of a name and short right-aligned cells (the overview's marks, a years table's
    values) that lines up at any width, widths in terminal cells. When the cells leave the name
    ``min_name`` cells or more, a row is one line (its name wrapped in its column); else the
    name takes a line of its own and the cells go on the lines under it, cut into bands of
    columns that each fit the width, every band under a heading line of its own."""

    headings: Sequence[str]  # the name's, then one per cell
    rows: Sequence[GridRow]
    gap: int = 2
    min_name: int = 16
    indent: int = 2  # of the cell lines when the name has a line of its own

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width)

    def cell_widths(self) -> list[int]:
        widths = [cell_len(clean(h, single_line=True)) for h in self.headings[1:]]
        for row in self.rows:
            for k, cell in enumerate(row.cells[: len(widths)]):
                widths[k] = max(widths[k], cell.cell_len)
        return widths

    def _cells(self, cells: Sequence[Text], band: range, widths: list[int]) -> Text:
        out = Text()
        for k in band:
            out.append(" " * self.gap)
            out.append_text(pad(cells[k] if k < len(cells) else Text(""), widths[k], right=True))
        return out

    def bands(self, width: int, widths: list[int]) -> list[range]:
        """The columns cut into runs that fit ``width`` after the indent."""
        out: list[range] = []
        start, used = 0, self.indent
        for k, w in enumerate(widths):
            if k > start and used + self.gap + w > width:
                out.append(range(start, k))
                start, used = k, self.indent
            used += self.gap + w
        out.append(range(start, len(widths)))
        return out

    def lines(self, width: int) -> Iterable[Text]:
        widths = self.cell_widths()
        cells_w = sum(widths) + self.gap * len(widths)
        longest = max(
            [cell_len(clean(self.headings[0], single_line=True))]
            + [cell_len(clean(row.name, single_line=True)) for row in self.rows]
            + [cell_len(clean(row.sub, single_line=True)) for row in self.rows]
        )
        if width - cells_w >= min(self.min_name, longest):
            yield from self._wide(min(longest, width - cells_w), widths)
        else:
            yield from self._narrow(width, widths)

    def _head(self, name: Text, name_w: int, widths: list[int], band: range) -> Text:
        heads = [Text(clean(h, single_line=True)) for h in self.headings[1:]]
        head = pad(name, name_w)
        head.append_text(self._cells(heads, band, widths))
        head.stylize("bold")
        return head

    def _wide(self, name_w: int, widths: list[int]) -> Iterable[Text]:
        every = range(len(widths))
        head = self._head(Text(clean(self.headings[0], single_line=True)), name_w, widths, every)
        yield head
        yield Text("─" * head.cell_len, style="dim")
        for row in self.rows:
            pieces = wrap(clean(row.name, single_line=True), name_w) or [""]
            for k, piece in enumerate(pieces):
                line = pad(Text(piece), name_w)
                if k == 0:
                    line.append_text(self._cells(row.cells, every, widths))
                yield line
            if row.sub:
                yield Text(clean(row.sub, single_line=True), style="dim")

    def _narrow(self, width: int, widths: list[int]) -> Iterable[Text]:
        bands = self.bands(width, widths)
        blank = Text(" " * self.indent)
        yield Text(clean(self.headings[0], single_line=True), style="bold")
        for band in bands:
            yield self._head(blank.copy(), self.indent, widths, band)
        yield Text("─" * width, style="dim")
        for row in self.rows:
            for piece in wrap(clean(row.name, single_line=True), width) or [""]:
                yield Text(piece)
            if row.sub:
                for piece in wrap(clean(row.sub, single_line=True), width - self.indent):
                    yield blank + Text(piece, style="dim")
            for band in bands:
                yield blank + self._cells(row.cells, band, widths)
