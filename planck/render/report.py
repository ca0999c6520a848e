"""`planck report` laid out with Rich: on the terminal, as a text file (--text) and as an SVG
image (--svg, from Rich's SVG export).

User data reaches Rich only as rich.text.Text made from cleaned strings, never as markup.
"""

from __future__ import annotations

import html
import io
import math
import re
import sys

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.rule import Rule
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from rich.text import Text

from planck.i18n import Lang, label, word
from planck.model import SEVERITY_RANK, Status
from planck.render import RenderContext, common
from planck.render.document import Document, Finding, Section, SourceEntry, build
from planck.render.layout import Grid, GridRow, Packed, ResultRow, ResultRows, wrap
from planck.render.overview import Overview, YearsTable
from planck.render.text import TONE_STYLE
from planck.textsafe import clean

VERDICT_STYLE: dict[common.Tone, str] = {
    "ok": "bold green",
    "info": "bold blue",
    "warn": "bold yellow",
    "fail": "bold red",
}
FILE_WIDTH = 100
# The height a file is laid out for: nothing in a report depends on it, but Rich would else
# take it from the terminal or $LINES.
FILE_HEIGHT = 25
BAR_WIDTH = 10


# Kept under its old name for the callers and tests that use it.
wrap_cjk = wrap


class Paragraph:
    """Cleaned, single-style text wrapped with :func:`wrap_cjk`."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = clean(text)
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 2)
        for part in self.text.split("\n"):
            for line in wrap_cjk(part, width) or [""]:
                yield Text(line, style=self.style, no_wrap=True, overflow="ignore")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(x) for x in self.text.split("\n")), default=0)
        return Measurement(min(2, longest), longest)


def _t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _heading(text: str) -> RenderableType:
    return Rule(Text(clean(text), style="bold"), align="left", style="dim")


def _bar(share: float | None, tone: common.Tone, share_text: str) -> Text:
    if share is None:
        return Text("—", style="dim")
    bar = common.bar_text(share, BAR_WIDTH)
    done = bar.rstrip("░")
    # Three differently styled spans, so that the SVG export keeps the block characters in
    # runs of their own (see fix_wide_text).
    text = Text()
    text.append(done, style=TONE_STYLE[tone])
    text.append(bar[len(done) :], style="dim")
    text.append(f" {share_text:>4}", style="default")
    return text


def _fields(pairs: list[tuple[str, str]], sep: str) -> Text:
    text = Text()
    for index, (key, value) in enumerate(pairs):
        if index:
            text.append(" · ", style="dim")
        text.append(clean(key) + sep, style="dim")
        text.append(clean(value))
    return text


def _title_block(doc: Document) -> list[RenderableType]:
    sep = word("punct.sep", doc.lang)
    out: list[RenderableType] = [
        Text(clean(doc.title), style="bold"),
        Text(f"{doc.word('generated')}{sep}planck {doc.version}", style="dim"),
    ]
    if doc.plans:
        out.append(Text(""))
    for plan in doc.plans:
        out.append(Text(clean(plan.title), style="bold"))
        about_document, about_check = doc.plan_facts(plan)
        ruleset = (label("ruleset", doc.lang), f"{plan.ruleset.id} · {plan.binding}")
        out.append(Padding(_fields(about_document, sep), (0, 0, 0, 2)))
        out.append(Padding(_fields([*about_check, ruleset], sep), (0, 0, 0, 2)))
    return out


def _verdict_block(doc: Document) -> list[RenderableType]:
    counts = Packed(
        [Text(f"{name} {count}", style=TONE_STYLE[tone]) for _s, name, count, tone in doc.counts]
    )
    out: list[RenderableType] = [
        _heading(doc.word("verdict")),
        Text(clean(doc.verdict.render(doc.lang)), style=VERDICT_STYLE[doc.verdict.tone]),
        Text(clean(doc.totals)),
    ]
    if doc.counts:
        out.append(counts)
    return out


def _results_table(doc: Document, section: Section) -> ResultRows:
    lang = doc.lang
    rows = [
        ResultRow(
            status=Text(clean(row.status), style=TONE_STYLE[row.tone]),
            name=row.indicator,
            sub=f"{row.rule_id} [{row.source_no}]",
            cells=[
                _t(row.value),
                _t(row.target),
                _bar(row.share, row.tone, row.share_text),
                _t(row.ratio),
            ],
        )
        for row in section.rows
    ]
    headings = [
        label("status", lang),
        label("indicator", lang),
        label("value", lang),
        label("target", lang),
        doc.word("progress"),
        label("ratio", lang),
    ]
    return ResultRows(headings, rows, blank_between=False)


def _finding(doc: Document, finding: Finding) -> RenderableType:
    head = Text(clean(finding.status), style=TONE_STYLE[finding.tone])
    head.append(" · ")
    head.append(clean(finding.indicator), style="bold")
    # a finding for several indicators names them in its text, with no id or source of its own
    if finding.rule_id:
        head.append(word("punct.paren", doc.lang, x=clean(finding.rule_id)))
    if finding.source_no:
        head.append(f" [{finding.source_no}]", style="dim")
    parts: list[RenderableType] = [head, Padding(Paragraph(finding.text), (0, 0, 0, 2))]
    sep = word("punct.sep", doc.lang)
    for name, text in finding.notes:
        parts.append(Padding(Paragraph(name + sep + text, "dim"), (0, 0, 0, 2)))
    return Group(*parts)


def _section(doc: Document, section: Section) -> list[RenderableType]:
    sep = word("punct.sep", doc.lang)
    head = Text(clean(section.heading), style="bold")
    head.append("  ")
    head.append(clean(section.file), style="dim")
    out: list[RenderableType] = [Text(""), head]
    for plan in section.plans:
        out.append(Padding(_t(plan, "dim"), (0, 0, 0, 2)))
    if section.submitted:
        out.append(
            Padding(_fields([(doc.word("submitted"), section.submitted)], sep), (0, 0, 0, 2))
        )
    out.append(_results_table(doc, section))
    counts = Text("  ")
    if section.not_assessed:
        counts.append(section.not_assessed + sep, style="bold " + TONE_STYLE["info"])
    counts.append(clean(section.counts))
    out.append(counts)
    if section.findings:
        out.append(Text(""))
        out.append(Text(clean(doc.word("findings")), style="bold underline"))
        for finding in section.findings:
            out.append(_finding(doc, finding))
    return out


def _source_lines(pairs: list[tuple[str, str]], quote: str, sep: str) -> list[RenderableType]:
    out: list[RenderableType] = []
    if pairs:
        out.append(_fields(pairs, sep))
    if quote:
        out.append(Paragraph(f"“{quote}”", "italic"))
    return out


def _appendix_entry(doc: Document, entry: SourceEntry) -> RenderableType:
    sep = word("punct.sep", doc.lang)
    head = Text(f"[{entry.number}] ", style="bold")
    head.append(clean(f"{entry.ruleset_id}/{entry.rule_id}"), style="bold")
    head.append("  " + clean(entry.indicator))
    body: list[RenderableType] = _source_lines(entry.source, entry.quote, sep)
    if entry.baseline is not None:
        body.append(Text(doc.word("baseline_source") + sep, style="dim"))
        body.extend(Padding(x, (0, 0, 0, 2)) for x in _source_lines(*entry.baseline, sep))
    for pairs, quote in entry.see_also:
        body.append(Text(doc.word("see_also") + sep, style="dim"))
        body.extend(Padding(x, (0, 0, 0, 2)) for x in _source_lines(pairs, quote, sep))
    for note in entry.notes:
        body.append(Paragraph("• " + note, "dim"))
    return Group(head, Padding(Group(*body), (0, 0, 0, 4)))


def _appendix(doc: Document) -> list[RenderableType]:
    if not doc.appendix:
        return []
    sep = word("punct.sep", doc.lang)
    out: list[RenderableType] = [Text(""), _heading(doc.word("appendix"))]
    for part in doc.appendix:
        out.append(Text(clean(part.title), style="bold"))
        if part.source:
            out.append(Padding(_fields(part.source, sep), (0, 0, 0, 2)))
        for note in part.notes:
            out.append(Padding(Paragraph("• " + note, "dim"), (0, 0, 0, 2)))
        for entry in part.entries:
            out.append(_appendix_entry(doc, entry))
    return out


def _diagnostics(doc: Document) -> list[RenderableType]:
    out: list[RenderableType] = []
    for key, lines, style in (
        ("errors", doc.errors, "red"),
        ("warnings", doc.warnings, "yellow"),
    ):
        if lines:
            out.append(Text(""))
            out.append(_heading(doc.word(key)))
            out.extend(Paragraph("• " + clean(line, single_line=True), style) for line in lines)
    return out


def _ov(key: str, lang: Lang, **params: object) -> str:
    return word("overview." + key, lang, **params)


def overview_grid(overview: Overview, lang: Lang) -> Grid:
    """One row per place, worst first: its latest year, its problems and a status mark per
    indicator under the indicator's number (named in the legend)."""
    not_judged = Text(common.symbol("·"), style="dim")
    rows = [
        GridRow(
            name=place.name,
            cells=[
                Text(str(place.year)),
                Text(str(place.problems)),
                *(
                    Text(c.mark, style=TONE_STYLE[c.tone]) if c is not None else not_judged
                    for c in place.cells
                ),
            ],
        )
        for place in overview.places
    ]
    headings = [
        _ov("place", lang),
        _ov("year", lang),
        _ov("problems", lang),
        *(str(k) for k in range(1, len(overview.columns) + 1)),
    ]
    return Grid(headings, rows, gap=1, min_name=8)


class Legend:
    """The indicators' names by column number, each wrapped under its own start; the rule set
    is named where two columns share a name."""

    def __init__(self, overview: Overview, lang: Lang) -> None:
        names = [c.name for c in overview.columns]
        self.items = [
            (str(k), c.name, c.ruleset_id if names.count(c.name) > 1 else "")
            for k, c in enumerate(overview.columns, 1)
        ]
        self.items.append((common.symbol("·"), _ov("not_judged", lang), ""))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        number_w = max(cell_len(n) for n, _name, _rs in self.items)
        indent = number_w + 1
        for number, name, ruleset in self.items:
            text = clean(name, single_line=True)
            if ruleset:
                text += " · " + clean(ruleset, single_line=True)
            lines = wrap(text, max(options.max_width - indent, 8)) or [""]
            for k, piece in enumerate(lines):
                head = number.rjust(number_w) if k == 0 else " " * number_w
                yield Text(head + " ", style="bold") + Text(piece)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)


def _count_tones(overview: Overview) -> dict[Status, common.Tone]:
    """Each status in the tone of its most severe cell."""
    worst: dict[Status, int] = {}
    tones: dict[Status, common.Tone] = {}
    for place in overview.places:
        for c in place.cells:
            if c is None:
                continue
            rank = SEVERITY_RANK[c.result.severity]
            if rank >= worst.get(c.result.status, -1):
                worst[c.result.status] = rank
                tones[c.result.status] = c.tone
    return tones


def _alerts(overview: Overview, lang: Lang) -> list[RenderableType]:
    out: list[RenderableType] = [Text(""), Text(clean(_ov("alerts", lang)), style="bold")]
    if not overview.alerts:
        out.append(Paragraph(_ov("no_alerts", lang), TONE_STYLE["ok"]))
        return out
    out.append(Paragraph(_ov("alerts_lead", lang), "dim"))
    rows = [
        ResultRow(
            status=Text(clean(a.status), style=TONE_STYLE[common.result_tone(a.result)]),
            name=a.indicator,
            sub=f"{a.place} {common.year_text(a.year, lang)}",
            cells=[_t(a.value), _t(a.target), _t(a.projection or common.symbol("—"))],
        )
        for a in overview.alerts
    ]
    headings = [
        _ov("status", lang),
        _ov("indicator", lang),
        _ov("value", lang),
        _ov("target", lang),
        _ov("projection", lang),
    ]
    out.append(ResultRows(headings, rows, blank_between=False))
    return out


def overview_block(overview: Overview, lang: Lang) -> list[RenderableType]:
    """The overview of many places: the table, its legend, the counts and the 预警 list."""
    tones = _count_tones(overview)
    counts = Packed(
        [
            Text(f"{name} {n}", style=TONE_STYLE[tones.get(status, "info")])
            for status, name, n in overview.counts
        ]
    )
    return [
        Text(""),
        _heading(_ov("title", lang)),
        Paragraph(_ov("lead", lang, n=len(overview.places)), "dim"),
        overview_grid(overview, lang),
        Text(""),
        Text(clean(_ov("legend", lang)), style="bold"),
        Legend(overview, lang),
        Text(""),
        Text(clean(_ov("counts", lang)), style="bold"),
        counts,
        *_alerts(overview, lang),
    ]


def years_grid(table: YearsTable, lang: Lang) -> Grid:
    """A place's indicators by year: unit, base, target, then value and mark per year."""
    rows = []
    for row in table.rows:
        cells = [_t(row.unit or common.symbol("—")), _t(row.base), _t(row.target)]
        for c in row.cells:
            if c is None:
                cells.append(Text(common.symbol("—"), style="dim"))
                continue
            cell = _t(c.value)
            cell.append(" ")
            cell.append(c.mark, style=TONE_STYLE[c.tone])
            cells.append(cell)
        rows.append(GridRow(name=row.indicator, cells=cells))
    headings = [
        _ov("indicator", lang),
        _ov("unit", lang),
        _ov("base", lang),
        _ov("target", lang),
        *(str(year) for year in table.years),
    ]
    return Grid(headings, rows, gap=2, min_name=16)


def years_block(doc: Document) -> list[RenderableType]:
    if not doc.years:
        return []
    out: list[RenderableType] = [Text(""), _heading(_ov("years_title", doc.lang))]
    for index, table in enumerate(doc.years):
        if index:
            out.append(Text(""))
        out.append(Text(clean(_ov("years_place", doc.lang, place=table.name)), style="bold"))
        out.append(years_grid(table, doc.lang))
    return out


def renderables(doc: Document) -> list[RenderableType]:
    out = _title_block(doc)
    out.append(Text(""))
    out.extend(_verdict_block(doc))
    out.extend(_diagnostics(doc))
    if doc.overview is not None:
        out.extend(overview_block(doc.overview, doc.lang))
    if doc.sections:
        out.extend(years_block(doc))
        out.append(Text(""))
        out.append(_heading(doc.word("reports")))
        out.append(Paragraph(doc.word("progress_note"), "dim"))
        for section in doc.sections:
            out.extend(_section(doc, section))
    out.extend(_appendix(doc))
    return out


def file_console(file: io.StringIO | None = None, record: bool = False) -> Console:
    """A console with a fixed size and no terminal, so that files are the same everywhere.
    Every setting Rich would otherwise take from the environment (COLUMNS, LINES, NO_COLOR,
    FORCE_COLOR, TTY_COMPATIBLE, TTY_INTERACTIVE, TERM) or from a terminal is given here."""
    return Console(
        file=file or io.StringIO(),
        width=FILE_WIDTH,
        height=FILE_HEIGHT,
        no_color=False,
        record=record,
        color_system="truecolor" if record else None,
        force_terminal=record,
        force_jupyter=False,
        force_interactive=False,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        soft_wrap=False,
    )


class TextReport:
    name = "text"

    def render(self, ctx: RenderContext) -> str:
        buffer = io.StringIO()
        console = file_console(buffer)
        for item in renderables(build(ctx)):
            console.print(item)
        # Rich pads lines to the full width; a text file has no use for trailing blanks.
        return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())

    def print(self, ctx: RenderContext) -> None:
        from planck.render.text import terminal_console

        console = terminal_console()
        with common.symbols_for(sys.stdout):
            for item in renderables(build(ctx)):
                console.print(item)


# Our own SVG template (Rich fills the placeholders): a plain page without the window chrome,
# and a font stack with CJK monospace fonts instead of a web font fetched from a CDN, so that
# the file is standalone.
SVG_TEMPLATE = """\
<svg class="planck-report" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">
<style>
.{unique_id}-matrix {{
  font-family: "Noto Sans Mono CJK SC", "Sarasa Mono SC", "Source Han Mono SC",
    "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: {char_height}px;
  line-height: {line_height}px;
}}
{styles}
</style>
<defs>
<clipPath id="{unique_id}-clip-terminal">
  <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />
</clipPath>
{lines}
</defs>
<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff" />
<g transform="translate(16, 16)" clip-path="url(#{unique_id}-clip-terminal)">
{backgrounds}
<g class="{unique_id}-matrix">
{matrix}
</g>
</g>
</svg>
"""

_SVG_TEXT = re.compile(r'(<text [^>]*?textLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')
# Rich's char_height is 20 px. The CJK monospace fonts of the stack draw Latin at half an em and
# Chinese at a full em: a cell is 10 px and a Chinese character exactly two cells.
FONT_ASPECT_RATIO = 0.5
CHAR_WIDTH = 20 * FONT_ASPECT_RATIO


def fix_wide_text(svg: str) -> str:
    """Rich sizes each text run by its number of characters, not of terminal cells, so that
    Chinese text is squeezed into half its width (Rich issue #2742). Give every run the width
    of the cells it occupies, and let glyphs that a font draws wider than their cells (block
    elements in CJK fonts) be scaled into them rather than overlap the next run."""

    def widen(match: re.Match[str]) -> str:
        content = html.unescape(match.group(4))
        width = format(CHAR_WIDTH * cell_len(content), "g")
        head = match.group(1).replace("<text ", '<text lengthAdjust="spacingAndGlyphs" ', 1)
        return f"{head}{width}{match.group(3)}{match.group(4)}{match.group(5)}"

    return _SVG_TEXT.sub(widen, svg)


class SvgReport:
    name = "svg"

    def render(self, ctx: RenderContext) -> str:
        doc = build(ctx)
        console = file_console(record=True)
        for item in renderables(doc):
            console.print(item)
        svg = console.export_svg(
            title=doc.title,
            theme=DEFAULT_TERMINAL_THEME,
            code_format=SVG_TEMPLATE,
            font_aspect_ratio=FONT_ASPECT_RATIO,
            unique_id="planck",
        )
        return whole_size(fix_wide_text(svg))


_ROOT_SIZE = re.compile(r'width="([0-9.]+)" height="([0-9.]+)" viewBox="0 0 [0-9.]+ [0-9.]+"')


def whole_size(svg: str) -> str:
    """The root's size in whole pixels (Rich adds up line heights as floats: 7223.599999999999),
    rounded up so that nothing is cut off; the viewBox stays the same size."""

    def whole(match: re.Match[str]) -> str:
        width, height = (math.ceil(float(match.group(k))) for k in (1, 2))
        return f'width="{width}" height="{height}" viewBox="0 0 {width} {height}"'

    return _ROOT_SIZE.sub(whole, svg, count=1)
