"""The words and cells of the overview of all places (`o`): the same overview as the reports'
(planck.render.overview), laid out for the screen. Rich Text, no Textual; user data is cleaned
(planck.textsafe.clean) and never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from planck.i18n import Lang, word
from planck.render.common import result_tone, symbol
from planck.render.overview import Alert, Overview, Place
from planck.render.text import STATUS_STYLE, TONE_STYLE
from planck.textsafe import clean
from planck.tui.labels import year_label
from planck.tui.strings import tr

NAME_MAX = 16  # a place's name is cut to this many characters in the matrix
INDICATOR_MAX = 24  # an indicator's name, in the early-warning table
# The most entries of the early-warning list the screen shows (the worst); a line says how
# many more there are, which the saved reports list in full. Thousands of rows would take
# seconds to lay out and nobody reads them on a screen.
ALERTS_SHOWN = 200


@dataclass(frozen=True, slots=True)
class Grid:
    """A table for the screen: its headings and its rows of cells."""

    headings: list[Text]
    rows: list[list[Text]]


def head_text(overview: Overview, lang: Lang) -> Text:
    """The title, what the matrix shows and the counts per status."""
    text = Text(word("overview.title", lang), style="bold")
    text.append("\n" + word("overview.lead", lang, n=len(overview.places)), style="dim")
    text.append("\n" + word("overview.counts", lang) + word("punct.sep", lang), style="bold")
    for n, (status, name, count) in enumerate(overview.counts):
        if n:
            text.append(symbol(" · "))
        text.append(f"{name} {count}", style=STATUS_STYLE[status])
    return text


def legend_text(overview: Overview, lang: Lang) -> Text:
    """What the matrix's numbered columns stand for, under the rule set of each."""
    text = Text(tr("places.legend", lang), style="bold")
    ruleset = None
    for n, column in enumerate(overview.columns, 1):
        if column.ruleset_id != ruleset:
            ruleset = column.ruleset_id
            text.append("\n" + clean(ruleset, single_line=True), style="dim")
        text.append(f"\n{n:>3}  ", style="bold")
        text.append(clean(column.name, single_line=True))
    return text


def _cut(text: str, most: int) -> str:
    text = clean(text, single_line=True)
    return text if len(text) <= most else text[: most - 1] + "…"


def matrix(overview: Overview, lang: Lang) -> Grid:
    """One row per place (worst first), one column per indicator: each cell the status mark in
    its tone's colour (the mark alone carries the meaning; the legend says what it stands
    for)."""
    headings = [
        Text(word("overview.place", lang)),
        Text(word("overview.year", lang)),
        Text(word("overview.worst", lang)),
        Text(word("overview.problems", lang), justify="right"),
    ]
    headings += [Text(str(n), justify="center") for n in range(1, len(overview.columns) + 1)]
    return Grid(headings, [_place_row(place, lang) for place in overview.places])


def _place_row(place: Place, lang: Lang) -> list[Text]:
    worst = place.worst
    row = [
        Text(_cut(place.name, NAME_MAX), style="bold"),
        Text(str(place.year)),
        Text(worst.word, style=TONE_STYLE[worst.tone]) if worst is not None else Text("—"),
        Text(str(place.problems), justify="right"),
    ]
    for cell in place.cells:
        if cell is None:
            row.append(Text(symbol("·"), style="dim", justify="center"))
        else:
            row.append(Text(cell.mark, style=TONE_STYLE[cell.tone], justify="center"))
    return row


def alerts_head(overview: Overview, lang: Lang) -> Text:
    text = Text(word("overview.alerts", lang), style="bold")
    if overview.alerts:
        text.append("\n" + word("overview.alerts_lead", lang), style="dim")
        more = len(overview.alerts) - ALERTS_SHOWN
        if more > 0:
            shown = tr("places.alerts_more", lang, n=ALERTS_SHOWN, more=more)
            text.append("\n" + shown, style="bold yellow")
    else:
        text.append("\n" + word("overview.no_alerts", lang), style="green")
    return text


def alerts(overview: Overview, lang: Lang) -> Grid:
    """The early-warning list (预警): binding indicators missed or not on course, the worst
    ALERTS_SHOWN of them."""
    headings = [
        Text(word("overview.place", lang)),
        Text(word("overview.year", lang)),
        Text(word("overview.indicator", lang)),
        Text(word("overview.status", lang)),
        Text(word("overview.value", lang), justify="right"),
        Text(word("overview.target", lang), justify="right"),
        Text(word("overview.projection", lang), justify="right"),
    ]
    shown = overview.alerts[:ALERTS_SHOWN]
    return Grid(headings, [_alert_row(alert, lang) for alert in shown])


def _alert_row(alert: Alert, lang: Lang) -> list[Text]:
    style = TONE_STYLE[result_tone(alert.result)]
    return [
        Text(_cut(alert.place, NAME_MAX), style="bold"),
        Text(year_label(alert.year, lang)),
        Text(_cut(alert.indicator, INDICATOR_MAX)),
        Text(clean(alert.status, single_line=True), style=style),
        Text(clean(alert.value, single_line=True), justify="right"),
        Text(clean(alert.target, single_line=True), justify="right"),
        Text(clean(alert.projection or symbol("—"), single_line=True), justify="right"),
    ]
