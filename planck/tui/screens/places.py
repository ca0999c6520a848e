"""The overview of all places (`o`): one row per place at its latest year, one column per
indicator, worst place first, the counts per status and the early-warning list (预警), as the
reports show them (planck.render.overview.build_overview).

It needs each place's latest report and its results, which the worker processes keep: they are
fetched (once per check, see Review.latest_run) and the overview built in a thread, with
"loading" on the screen meanwhile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from planck.i18n import Lang
from planck.render.overview import Overview, build_overview
from planck.textsafe import clean
from planck.tui import labels, places, view
from planck.tui.base import ReviewScreen, bilingual
from planck.tui.strings import tr


@dataclass(frozen=True, slots=True)
class Shown:
    """The overview laid out for the screen."""

    head: Text
    matrix: places.Grid
    legend: Text
    alerts_head: Text
    alerts: places.Grid


class PlacesScreen(ReviewScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual(Binding("escape", "back", "key.back", key_display="Esc")),
        Binding("o", "back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: tuple[view.Review, Lang] | None = None  # what the tables show

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with VerticalScroll(id="places-scroll"):
            yield Static(id="places-head")
            yield DataTable(id="places-matrix", cursor_type="none", zebra_stripes=True)
            yield Static(id="places-legend")
            yield Static(id="alerts-head")
            yield DataTable(id="places-alerts", cursor_type="none")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.can_focus = False  # the page scrolls as one

    def on_screen_resume(self) -> None:
        # One screen is kept and shown again: it is built again only when the review or the
        # language has changed since (a reload while it was not shown).
        self.query_one("#places-scroll").focus()
        self.refresh_content()

    def refresh_content(self) -> None:
        """Build the overview of the app's current review in its language, in a thread."""
        app = self.review_app
        review, lang = app.review, app.lang
        if review is None or self.shown == (review, lang):
            return
        self.query_one("#topbar", Static).update(self.ink(labels.topbar_text(review, lang)))
        self.show_loading(lang)

        def work() -> None:
            try:
                shown: Shown | BaseException = self.lay_out(
                    build_overview(review.latest_run(), lang), lang
                )
            except Exception as exc:  # a bug must not end the review: say so on the screen
                shown = exc
            try:
                self.app.call_from_thread(self.show_overview, review, lang, shown)
            except RuntimeError:
                pass  # the app is closing

        self.run_worker(work, thread=True, group="places", exclusive=True, exit_on_error=False)

    def lay_out(self, overview: Overview, lang: Lang) -> Shown:
        """What the screen shows of ``overview`` (in the worker thread: thousands of cells)."""
        ink = self.ink

        def inked(grid: places.Grid) -> places.Grid:
            return places.Grid(grid.headings, [[ink(cell) for cell in row] for row in grid.rows])

        return Shown(
            head=ink(places.head_text(overview, lang)),
            matrix=inked(places.matrix(overview, lang)),
            legend=ink(places.legend_text(overview, lang)),
            alerts_head=ink(places.alerts_head(overview, lang)),
            alerts=inked(places.alerts(overview, lang)),
        )

    def show_loading(self, lang: Lang) -> None:
        self.query_one("#places-head", Static).update(
            Text(tr("places.loading", lang), style="italic")
        )
        for selector in ("#places-matrix", "#places-legend", "#alerts-head", "#places-alerts"):
            self.query_one(selector).display = False

    def show_overview(self, review: view.Review, lang: Lang, shown: Shown | BaseException) -> None:
        app = self.review_app
        if (review, lang) != (app.review, app.lang):
            return  # the review or the language changed meanwhile: a newer one is coming
        head = self.query_one("#places-head", Static)
        if isinstance(shown, BaseException):
            message = tr("places.failed", lang, e=clean(str(shown), single_line=True))
            head.update(self.ink(Text(message, style="bold red")))
            return
        self.shown = (review, lang)
        head.update(shown.head)
        self.fill("#places-matrix", shown.matrix)
        for selector, text in (
            ("#places-legend", shown.legend),
            ("#alerts-head", shown.alerts_head),
        ):
            static = self.query_one(selector, Static)
            static.update(text)
            static.display = True
        self.fill("#places-alerts", shown.alerts)

    def fill(self, selector: str, grid: places.Grid) -> None:
        table: DataTable[Text] = self.query_one(selector, DataTable)
        table.clear(columns=True)
        for heading in grid.headings:
            table.add_column(heading)
        table.add_rows(grid.rows)
        table.display = bool(grid.rows)

    def action_back(self) -> None:
        self.app.pop_screen()
