"""What the review's screens and widgets share: the app's interface as they see it, the base
screen, and bindings in two languages.

The screens import this module, never planck.tui.app, so that the app can import the screens
without an import cycle; `Host` is what they need of the app.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Literal, Protocol, cast, overload

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen

from planck.errors import Location
from planck.i18n import LANGS, Lang
from planck.model import Result
from planck.tui import view
from planck.tui.strings import tr

Selection = tuple[Literal["report"], view.ReportKey] | tuple[Literal["error"], int]


class NodeKind(Enum):
    """What a node of the reports tree stands for."""

    PLACE = "place"  # a jurisdiction; its value is the jurisdiction's id
    REPORT = "report"  # a report; its value is the report's index in the Review
    ERRORS = "errors"  # the heading of the input errors; no value
    ERROR = "error"  # an input error; its value is its index in Review.errors


NodeData = tuple[NodeKind, object]


class Host(Protocol):
    """The review app as its screens use it (planck.tui.app.ReviewApp)."""

    lang: Lang
    review: view.Review | None
    selected: Selection | None
    rule_key: str | None
    problems_only: bool
    search_text: str
    place_order: view.PlaceOrder

    @overload
    def ink(self, renderable: Text) -> Text: ...
    @overload
    def ink(self, renderable: RenderableType) -> RenderableType: ...
    def ink(self, renderable: RenderableType) -> RenderableType: ...

    def find_result(self, report: view.ReportKey, rule: str | None) -> Result | None: ...

    def open_details(self, rule: str) -> None: ...

    def open_editor(self, where: Location | None) -> None: ...

    def reload_now(self, quiet: bool = False) -> None: ...


def host(node: DOMNode) -> Host:
    """The review app that ``node`` belongs to."""
    return cast(Host, node.app)


def bilingual(binding: Binding) -> list[BindingType]:
    """One binding per language for the same key, from ``binding`` whose description is the
    key of its words (planck.i18n.review).

    The footer shows a binding's description as given, so each language gets its own binding,
    told apart by a last action parameter; `check_action` hides the other language's one.
    """
    key = binding.description
    return [
        dataclasses.replace(
            binding,
            action=f"{binding.action}('{lang}')",
            description=tr(key, lang),
            tooltip=tr(key + ".long", lang),
            id=f"{binding.action}.{lang}",
        )
        for lang in LANGS
    ]


class LanguageBindings:
    """Mixin for screens and the app: only the current language's bindings are active."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if parameters and parameters[-1] in LANGS:
            return bool(parameters[-1] == host(cast(DOMNode, self)).lang)
        return True


class LanguageChanged(Message):
    """Sent by the app to each of its screens when the language has changed."""


class EditRequested(Message):
    """Sent by the app to the screen on top when the user asks for the editor (`e`). A review
    screen answers with what it shows; from any other screen it reaches the app unanswered."""


class ReviewScreen(LanguageBindings, Screen[None]):
    """A full screen of the review."""

    @property
    def review_app(self) -> Host:
        return host(self)

    @overload
    def ink(self, renderable: Text) -> Text: ...
    @overload
    def ink(self, renderable: RenderableType) -> RenderableType: ...
    def ink(self, renderable: RenderableType) -> RenderableType:
        return self.review_app.ink(renderable)

    def refresh_content(self) -> None:
        """Show the app's current review and language (after a reload or a language change)."""

    def edit_location(self) -> Location | None:
        """Where `e` opens the editor: the input behind what this screen shows, if any."""
        return None

    def on_language_changed(self, event: LanguageChanged) -> None:
        self.refresh_content()

    def on_edit_requested(self, event: EditRequested) -> None:
        event.stop()
        self.review_app.open_editor(self.edit_location())
