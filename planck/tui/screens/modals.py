"""The review's dialogs: the keys and statuses (`?`), and where to save the review (`s`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from planck.i18n import Lang
from planck.model import Status, status_label
from planck.render.common import status_mark
from planck.render.text import STATUS_STYLE
from planck.tui import export
from planck.tui.base import host
from planck.tui.strings import status_help, tr


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", show=False),
    ]

    KEYS: ClassVar[list[tuple[str, str]]] = [
        ("↑ ↓", "key.move.long"),
        ("Tab", "key.focus.long"),
        ("Enter", "key.details.long"),
        ("Esc", "key.back.long"),
        ("f", "key.problems.long"),
        ("t", "key.sort.long"),
        ("o", "key.overview.long"),
        ("/", "key.search.long"),
        ("l", "key.lang.long"),
        ("r", "key.reload.long"),
        ("e", "key.edit.long"),
        ("s", "key.save.long"),
        ("?", "key.help.long"),
        ("q", "key.quit.long"),
        ("Ctrl+P", "key.palette.long"),
    ]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(host(self).ink(self.help_text()))

    def help_text(self) -> Text:
        lang = self.lang
        text = Text()
        for n, (key, words) in enumerate(self.KEYS):
            if n:
                text.append("\n")
            text.append(f"{key:>7}", style="bold")
            text.append("  " + tr(words, lang))
        text.append("\n\n" + tr("help.statuses", lang), style="bold underline")
        for status in Status:
            text.append("\n")
            text.append(
                f"{status_mark(status)} {status_label(status, lang)}", style=STATUS_STYLE[status]
            )
            text.append("  " + status_help(status.value, lang))
        text.append("\n\n" + tr("help.close", lang), style="dim")
        return text

    def on_mount(self) -> None:
        self.query_one("#help").border_title = tr("help.title", self.lang)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)


class SaveScreen(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: Lang, default: str) -> None:
        super().__init__()
        self.lang = lang
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="save"):
            yield Static(Text(tr("save.hint", self.lang, s=export.suffixes())), id="save-hint")
            yield Input(value=self.default, id="save-path")

    def on_mount(self) -> None:
        self.query_one("#save").border_title = tr("save.title", self.lang)

    @on(Input.Submitted, "#save-path")
    def on_path_submitted(self, event: Input.Submitted) -> None:
        """Save under a name planck can write (by its ending), else say why here and stay."""
        path = event.value.strip()
        hint = self.query_one("#save-hint", Static)
        if not path:
            hint.update(Text(tr("save.empty", self.lang), style="bold red"))
        elif export.format_for(path) is None:
            message = tr("save.suffix", self.lang, s=export.suffixes())
            hint.update(Text(message, style="bold red"))
        else:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
