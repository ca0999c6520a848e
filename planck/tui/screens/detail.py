"""The drill-down screen: one rule of one report, with how its verdict was reached."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from planck.errors import Location
from planck.model import Result
from planck.tui import labels, view
from planck.tui.base import ReviewScreen, bilingual
from planck.tui.detail import detail_renderable
from planck.tui.strings import tr


class DetailScreen(ReviewScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual(Binding("escape", "back", "key.back", key_display="Esc")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: view.ReportKey | None = None
        self.rule: str | None = None

    def show(self, report: view.ReportKey, rule: str) -> None:
        self.report, self.rule = report, rule

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with VerticalScroll(id="detail-scroll"):
            yield Static(id="detail")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        # One drill-down screen is kept and shown again for each rule: mounting a new one
        # (and its footer) every time costs more than drawing it.
        self.refresh_content()
        scroll = self.query_one("#detail-scroll", VerticalScroll)
        scroll.scroll_home(animate=False)
        scroll.focus()

    def result(self) -> Result | None:
        if self.report is None:
            return None
        return self.review_app.find_result(self.report, self.rule)

    def refresh_content(self) -> None:
        app = self.review_app
        lang = app.lang
        if app.review is not None:
            self.query_one("#topbar", Static).update(self.ink(labels.topbar_text(app.review, lang)))
        result = self.result()
        body = self.query_one("#detail", Static)
        if result is None or app.review is None:
            body.update(self.ink(Text(tr("detail.gone", lang), style="bold yellow")))
            return
        place = app.review.place_name(result.report.jurisdiction, lang)
        body.update(self.ink(detail_renderable(result, place, lang)))

    def action_back(self) -> None:
        self.app.pop_screen()

    def edit_location(self) -> Location | None:
        result = self.result()
        if result is None:
            return None
        return result.location or result.report.location
