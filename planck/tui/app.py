"""`planck review`: browse the results of a check, drill into one, and watch the files change.

The app runs the same engine as `planck check` (`run_check`) in a worker thread and only arranges
what it returns. User data reaches the screen as rich.text.Text (never as markup) and cleaned of
control characters (planck.textsafe.clean).
"""

from __future__ import annotations

import gc
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal, cast, overload

from rich.console import RenderableType
from rich.text import Text, TextType
from textual import events, on
from textual.actions import SkipAction
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.dom import DOMNode
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import WorkerState

from planck.check import run_check
from planck.errors import Location
from planck.i18n import LANGS, Lang, label
from planck.model import Report, Result, Status, status_label
from planck.render.common import status_mark
from planck.render.text import STATUS_STYLE
from planck.sources.decode import DEFAULT_MAX_BYTES
from planck.textsafe import clean
from planck.tui import view
from planck.tui.detail import detail_renderable
from planck.tui.loader import ForkedCheck, LoadFailed
from planck.tui.strings import STATUS_HELP, tr
from planck.tui.watch import Snapshot, snapshot

Selection = tuple[Literal["report"], view.ReportKey] | tuple[Literal["error"], int]
NodeData = tuple[str, object]


def bilingual(
    key: str,
    action: str,
    description: str,
    *,
    show: bool = True,
    key_display: str | None = None,
    priority: bool = False,
) -> list[BindingType]:
    """One binding per language for the same key.

    The footer shows a binding's description as given, so each language gets its own binding,
    told apart by a last action parameter; `check_action` hides the other language's one.
    """
    return [
        Binding(
            key,
            f"{action}('{lang}')",
            tr(description, lang),
            show=show,
            key_display=key_display,
            priority=priority,
            tooltip=tr(description + ".long", lang),
            id=f"{action}.{lang}",
        )
        for lang in LANGS
    ]


class LanguageBindings:
    """Mixin for screens and the app: only the current language's bindings are active."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if parameters and parameters[-1] in LANGS:
            app = cast(ReviewApp, cast(DOMNode, self).app)
            return bool(parameters[-1] == app.lang)
        return True


class ReportTree(Tree[NodeData]):
    """Jurisdictions, their years, and the input errors."""

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        # Show the report now, in the same frame as the cursor, rather than when the
        # NodeHighlighted message comes round (a frame later).
        node = self.cursor_node
        if node is None or not self.is_mounted:
            return
        screen = self.screen
        if isinstance(screen, OverviewScreen):
            screen.select_node(node)

    _bulk = False

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Add many nodes at once: Tree refreshes itself after each node added, which costs
        more than the node itself when there are thousands; here it refreshes once, at the end."""
        self._bulk = True
        try:
            yield
        finally:
            self._bulk = False
            self._invalidate()

    def _invalidate(self) -> None:
        if not self._bulk:
            super()._invalidate()

    _scrolled_for: Size | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # ScrollView compares the compositor's virtual size with the tree's own, which never
        # agree, so every layout updated the scrollbar and repainted it a frame after the
        # screen was drawn. Here it is updated when a size it depends on has changed.
        if (
            size == self._size
            and container_size == self.container_size
            and self.virtual_size == self._scrolled_for
        ):
            return False
        self._scrolled_for = self.virtual_size
        return super()._size_updated(size, virtual_size, container_size, layout)

    def settle_scrollbar(self) -> None:
        """Fit the scrollbar to the tree's new length now: done by the layout that follows, it
        would repaint the scrollbar a frame after the one that shows the new tree."""
        self._scrolled_for = self.virtual_size
        self._scroll_update(self.virtual_size)

    def process_label(self, label: TextType) -> Text:
        # Tree keeps a copy of each label's first line; ours are one line already.
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def get_label_width(self, node: TreeNode[NodeData]) -> int:
        # Tree measures every label to size its scroll area; rendering each of thousands of
        # labels to do so is slow, and a label's own length (plus the expand icon) is enough.
        return node.label.cell_len + 2 if isinstance(node.label, Text) else 0


class Pane(Static):
    """A Static of the overview. It never scrolls, so a change of its virtual size (the area a
    scrolling widget scrolls over) needs no layout: Widget asks for one, and after the first
    load, which gives the head its height, that second layout pass redrew the head and the
    tree's scrollbar once more, a frame or two after the screen was complete."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class KeyFooter(Footer):
    """Footer, recomposed only when the keys it shows have changed. Footer recomposes on every
    change of bindings, whether or not it changes the keys; at start-up that was three times
    the same nine keys, each time building and styling them anew, while the first check ran."""

    _shown: object = None
    _queued = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._queued:
            return
        if self.is_attached and screen is self.screen:
            self._queued = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._queued = False
        if not self.is_attached:
            return
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        shown = (
            [
                (binding, enabled, tip)
                for _, binding, enabled, tip in active.values()
                if binding.show
            ],
            palette[1:] if palette is not None else None,
            self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE,
        )
        if shown != self._shown:
            self._shown = shown
            await self.recompose()


class RuleTable(DataTable[Text]):
    """The rules of the selected report; the screen refills it when its size changes."""

    _width = 0

    def on_resize(self, event: events.Resize) -> None:
        # Screens send Resize to every widget when they come back; only a new width matters.
        if event.size.width == self._width:
            return
        self._width = event.size.width
        screen = self.screen
        if isinstance(screen, OverviewScreen):
            screen.show_selection()


class ReviewScreen(LanguageBindings, Screen[None]):
    @property
    def review_app(self) -> ReviewApp:
        return cast(ReviewApp, self.app)

    @overload
    def ink(self, renderable: Text) -> Text: ...
    @overload
    def ink(self, renderable: RenderableType) -> RenderableType: ...
    def ink(self, renderable: RenderableType) -> RenderableType:
        return self.review_app.ink(renderable)


class OverviewScreen(ReviewScreen):
    # The rule table has the focus from the start, as it has after the first load: a change of
    # focus recomposes the footer, which would cost a frame or two just after the load.
    AUTO_FOCUS = "#rules"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, so that the footer shows it although the table has its own Enter;
        # the action hands Enter back to the tree or the search box when they have the focus.
        *bilingual("enter", "details", "key.details", key_display="⏎", priority=True),
        *bilingual("f", "problems", "key.problems"),
        *bilingual("slash", "search", "key.search", key_display="/"),
        Binding("escape", "clear", show=False),
    ]

    def compose(self) -> ComposeResult:
        lang = self.review_app.lang
        # Shown until the first check is done (it runs in a thread, and may finish before this
        # screen is mounted, so nothing here may undo what the first load sets up).
        yield Pane(Text(tr("loading", lang)), id="topbar")
        with Horizontal(id="main"):
            tree = ReportTree("reports", id="reports")
            tree.show_root = False
            tree.guide_depth = 2
            # Shown (empty) while loading, so that the rule table has its final width when the
            # first results arrive: filling it at one width and then another costs a frame.
            # Hidden after the load when there is only one report and no input error.
            yield tree
            with Vertical(id="body"):
                yield Pane(id="head")
                yield Pane(id="filters")
                yield RuleTable(id="rules", cursor_type="row", zebra_stripes=False)
                yield Pane(id="error-view")
                yield Pane(id="warnings")
                yield Input(
                    id="search",
                    select_on_focus=False,
                    compact=True,
                    placeholder=tr("search.placeholder", lang),
                )
        yield KeyFooter(compact=True)

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, Text | None] = {}
        self._columns: tuple[view.Columns, Lang] | None = None

    def on_mount(self) -> None:
        # The first check starts once this screen's widgets exist, as the results go into them.
        self.review_app.reload_now(quiet=True)

    # -- what is selected ------------------------------------------------------------------

    def current_rule_key(self) -> str | None:
        table = self.query_one(RuleTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key
        return str(row_key.value) if row_key.value is not None else None

    # -- filling the screen ----------------------------------------------------------------

    def refresh_all(self, rebuild_tree: bool = True) -> None:
        """After a load (or, without rebuilding the tree, a language change): everything,
        keeping what is selected."""
        app = self.review_app
        review, lang = app.review, app.lang
        if review is None:
            return
        self.query_one("#search", Input).placeholder = tr("search.placeholder", lang)
        self.put("#topbar", view.topbar_text(review, lang))
        self._columns = None  # the language or the widths may have changed
        if rebuild_tree:
            self.build_tree()
        else:
            self.relabel_tree()
        self.show_selection()

    def put(self, selector: str, content: Text | None) -> None:
        """Show ``content`` in a Static, and nothing when it is unchanged: an update reflows
        the screen, which costs more than anything else when moving from report to report."""
        widget = self.query_one(selector, Static)
        content = None if content is None else self.ink(content)
        if selector in self._shown and self._shown[selector] == content:
            return
        before = self._shown.get(selector)
        self._shown[selector] = content
        width = widget.size.width
        console = self.app.console
        same_height = (
            before is not None
            and content is not None
            and width > 0
            and len(before.wrap(console, width)) == len(content.wrap(console, width))
        )
        widget.update(content if content is not None else "", layout=not same_height)

    def build_tree(self) -> None:
        review = self.review_app.review
        assert review is not None
        tree = self.query_one("#reports", ReportTree)
        tree.display = len(review) > 1 or bool(review.errors)
        tree.clear()
        with tree.bulk():
            target = self._add_nodes(tree)
        # Node lines are laid out on demand; asking for the last line lays them out now, so
        # that the cursor can be put on the node straight away and the scrollbar fitted.
        _ = tree.last_line
        if target is not None:
            tree.move_cursor(target)
        tree.settle_scrollbar()

    def _add_nodes(self, tree: ReportTree) -> TreeNode[NodeData] | None:
        """The tree's nodes; the one to select, if any."""
        app = self.review_app
        review, lang = app.review, app.lang
        assert review is not None
        errors = review.errors
        target = None
        for place, indexes in review.by_place.items():
            # expand= rather than .expand(): no NodeExpanded message for each of hundreds of places
            place_node = tree.root.add(
                self.ink(Text(review.place_name(place, lang), style="bold")),
                data=("place", place),
                expand=True,
            )
            for index in indexes:
                leaf = place_node.add_leaf(
                    self.ink(view.tree_report_label(review, index)), data=("report", index)
                )
                if app.selected == ("report", review.keys[index]):
                    target = leaf
        if errors:
            errors_node = tree.root.add(
                self.ink(self.errors_heading()), data=("errors", None), expand=True
            )
            for k, diagnostic in enumerate(errors):
                leaf = errors_node.add_leaf(
                    self.ink(view.tree_error_label(diagnostic)), data=("error", k)
                )
                if app.selected == ("error", k):
                    target = leaf
        return target

    def relabel_tree(self) -> None:
        """Jurisdiction names and the errors heading in the current language."""
        app = self.review_app
        review, lang = app.review, app.lang
        assert review is not None
        tree: Tree[NodeData] = self.query_one("#reports", Tree)
        for node in tree.root.children:
            if node.data is None:
                continue
            kind, value = node.data
            if kind == "place":
                label_text = Text(review.place_name(str(value), lang), style="bold")
            else:
                label_text = self.errors_heading()
            node.set_label(self.ink(label_text))

    def errors_heading(self) -> Text:
        app = self.review_app
        count = len(app.review.errors) if app.review is not None else 0
        return Text(f"{tr('errors.node', app.lang)} ({count})", style="bold red")

    def show_selection(self) -> None:
        app = self.review_app
        review, lang = app.review, app.lang
        if review is None:
            return  # still loading
        head = self.query_one("#head", Static)
        table = self.query_one(RuleTable)
        error_view = self.query_one("#error-view", Static)
        warnings = self.query_one("#warnings", Static)
        selection = app.selected
        if selection is not None and selection[0] == "report":
            index = review.index_of[selection[1]]
            head.display = True
            width = head.size.width or self.size.width
            self.put("#head", view.report_head(review, index, lang, width))
            table.display = True
            error_view.display = False
            warn = view.warnings_text(review.warnings_for(index), lang)
            warnings.display = warn is not None
            self.put("#warnings", warn)
            self.fill_table()
            return
        table.display = False
        warnings.display = False
        self.query_one("#filters", Static).display = False
        error_view.display = True
        head.display = selection is None or not len(review)
        self.put("#head", Text(tr("no.reports", lang), style="bold red"))
        if selection is not None and selection[0] == "error":
            self.put("#error-view", view.error_detail(review.errors[selection[1]], lang))
        else:
            self.put("#error-view", None)

    def fill_table(self) -> None:
        app = self.review_app
        review, lang = app.review, app.lang
        selection = app.selected
        if review is None or selection is None or selection[0] != "report":
            return
        table = self.query_one(RuleTable)
        results = review.results(review.index_of[selection[1]])
        rows = view.visible(results, app.problems_only, app.search_text)
        keep = self.current_rule_key() or app.rule_key
        # Room for a scrollbar only when the rows (and the heading) may not fit in what the
        # other parts of the body leave, with two lines to spare for a header that grows.
        body = self.query_one("#body")
        others = sum(w.outer_size.height for w in body.children if w is not table and w.display)
        scrollbar = len(rows) + 1 > body.size.height - others - 2
        columns = view.columns_for(
            review.measure(lang), lang, table.size.width or 60, scrollbar=scrollbar
        )
        if (columns, lang) == self._columns:
            table.clear()  # the same columns: only the rows change
        else:
            self._columns = (columns, lang)
            table.clear(columns=True)
            for key, width in (
                ("status", columns.status),
                ("indicator", columns.indicator),
                ("value", columns.value),
                ("target", columns.target),
                ("progress", columns.progress),
            ):
                heading = Text(tr("progress", lang) if key == "progress" else label(key, lang))
                if key in ("value", "target", "progress"):
                    heading.justify = "right"
                table.add_column(heading, width=width, key=key)
        # Names cut so that two different indicators never look the same.
        names = view.short_names(
            [clean(r.rule.display_name(lang), single_line=True) for r in rows], columns.indicator
        )
        for result, name in zip(rows, names, strict=True):
            cells = [self.ink(cell) for cell in view.row_cells(result, lang, columns, name)]
            table.add_row(*cells, key=view.rule_key(result))
        # As tall as its heading and rows (one line each), up to what the body leaves (the
        # stylesheet's max-height), so that the empty lines below them are not redrawn at
        # every move. Set here rather than left to `height: auto`, which follows the table's
        # virtual size: that is measured later, when the table is idle, and on a busy machine
        # the first layout could keep the height of the empty table (0) for good.
        table.styles.height = len(rows) + 1
        if keep is not None:
            keys = [view.rule_key(r) for r in rows]
            if keep in keys:
                table.move_cursor(row=keys.index(keep), scroll=True)
        app.rule_key = keep
        line = view.filter_line(app.problems_only, app.search_text, len(rows), len(results), lang)
        if line is not None and not rows:
            line.append("\n" + tr("no.rows", lang), style="italic")
        self.query_one("#filters", Static).display = line is not None
        self.put("#filters", line)

    # -- events ----------------------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#reports")
    def _node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self.select_node(event.node)

    def select_node(self, node: TreeNode[NodeData]) -> None:
        """Show what a node of the tree stands for: a report or an input error."""
        app = self.review_app
        if app.review is None or node.data is None:
            return
        kind, value = node.data
        new: Selection | None = None
        if kind == "report":
            assert isinstance(value, int)
            new = ("report", app.review.keys[value])
        elif kind == "error":
            assert isinstance(value, int)
            new = ("error", value)
        if new is not None and new != app.selected:
            app.selected = new
            self.show_selection()

    @on(Tree.NodeSelected, "#reports")
    def _node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        if event.node.data is not None and event.node.data[0] == "report":
            self.query_one(RuleTable).focus()

    @on(DataTable.RowSelected, "#rules")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.review_app.rule_key = str(event.row_key.value)
            self.review_app.open_details(str(event.row_key.value))

    @on(DataTable.RowHighlighted, "#rules")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.review_app.rule_key = str(event.row_key.value)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.review_app.search_text = event.value
        self.fill_table()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(RuleTable).focus()

    # -- actions ---------------------------------------------------------------------------

    def action_details(self) -> None:
        table = self.query_one(RuleTable)
        if self.focused is not table:
            raise SkipAction()
        key = self.current_rule_key()
        if key is not None and table.display:
            self.review_app.open_details(key)

    def action_problems(self) -> None:
        self.review_app.problems_only = not self.review_app.problems_only
        self.fill_table()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_clear(self) -> None:
        """Esc: drop the search and the problems-only filter."""
        app = self.review_app
        search = self.query_one("#search", Input)
        if search.display or app.search_text or app.problems_only:
            search.value = ""
            search.display = False
            app.search_text = ""
            app.problems_only = False
            self.fill_table()
            self.query_one(RuleTable).focus()

    def edit_location(self) -> Location | None:
        app = self.review_app
        selection = app.selected
        if app.review is None or selection is None:
            return None
        if selection[0] == "error":
            return app.review.errors[selection[1]].location
        result = app.find_result(selection[1], self.current_rule_key())
        if result is not None:
            return result.location or result.report.location
        return app.review.report(app.review.index_of[selection[1]]).location


class DetailScreen(ReviewScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual("escape", "back", "key.back", key_display="Esc"),
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
        yield KeyFooter(compact=True)

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
            self.query_one("#topbar", Static).update(self.ink(view.topbar_text(app.review, lang)))
        result = self.result()
        body = self.query_one("#detail", Static)
        if result is None or app.review is None:
            body.update(self.ink(Text(tr("detail.gone", lang), style="bold yellow")))
            return
        place = app.review.place_name(result.report.jurisdiction, lang)
        body.update(self.ink(detail_renderable(result, place, lang)))

    def action_back(self) -> None:
        self.review_app.pop_screen()

    def edit_location(self) -> Location | None:
        result = self.result()
        if result is None:
            return None
        return result.location or result.report.location


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
            yield Static(cast(ReviewApp, self.app).ink(self.help_text()))

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
            zh, en = STATUS_HELP[status.value]
            text.append("  " + (zh if lang == "zh" else en))
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
            yield Static(Text(tr("save.hint", self.lang)), id="save-hint")
            yield Input(value=self.default, id="save-path")

    def on_mount(self) -> None:
        self.query_one("#save").border_title = tr("save.title", self.lang)

    @on(Input.Submitted, "#save-path")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass
class _Outcome:
    review: view.Review | None
    snapshot: Snapshot
    error: BaseException | None = None


class ReviewApp(LanguageBindings, App[int]):
    """planck review PATH... [--rules PATH] [--lang zh|en]"""

    CSS_PATH = "review.tcss"
    TITLE = "planck review"
    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual("l", "toggle_lang", "key.lang"),
        *bilingual("r", "reload", "key.reload"),
        *bilingual("e", "edit", "key.edit"),
        *bilingual("s", "save", "key.save"),
        *bilingual("question_mark", "help", "key.help", key_display="?"),
        *bilingual("q", "quit", "key.quit"),
        *bilingual("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
    ]

    def __init__(
        self,
        paths: list[str],
        rules: list[str] | None = None,
        lang: Lang = "zh",
        *,
        watch_interval: float | None = 1.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        first_check: ForkedCheck | None = None,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.rules = list(rules or [])
        self.lang: Lang = lang
        self.watch_interval = watch_interval
        self.max_bytes = max_bytes
        self.review: view.Review | None = None
        self.selected: Selection | None = None
        self.rule_key: str | None = None
        self.problems_only = False
        self.search_text = ""
        self._snapshot: Snapshot = {}
        self._generation = 0
        self._forked = first_check
        self.loads = 0  # completed loads, for tests and the benchmark

    @overload
    def ink(self, renderable: Text) -> Text: ...
    @overload
    def ink(self, renderable: RenderableType) -> RenderableType: ...
    def ink(self, renderable: RenderableType) -> RenderableType:
        """What the review draws, without its colours when NO_COLOR is set (see view.decolour)."""
        if not self.no_color:
            return renderable
        if isinstance(renderable, Text):
            return view.decolour(renderable)
        return view.Colourless(renderable)

    def get_default_screen(self) -> Screen[None]:
        return OverviewScreen()

    @property
    def overview(self) -> OverviewScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, OverviewScreen)
        return screen

    def on_mount(self) -> None:
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.poll_files)

    # -- loading ---------------------------------------------------------------------------

    def reload_now(self, quiet: bool = False) -> None:
        """Run the check again in a worker thread; the newest run wins."""
        self._generation += 1
        generation = self._generation

        # The first check may already be running in a child process (see planck.tui.loader).
        forked, self._forked = self._forked, None
        selected = self.selected

        def work() -> None:
            try:
                if forked is not None:
                    summary, state = forked.summary()
                    review = view.Review(summary, self._details_from(forked, summary))
                else:
                    # The snapshot is taken first, so that a change made during the check is
                    # seen by the next poll.
                    state = snapshot(self.paths, self.rules)
                    review = view.Review.build(run_check(self.paths, self.rules, self.max_bytes))
                # The details of the report about to be shown, off the screen's thread.
                wanted = selected[1] if selected is not None and selected[0] == "report" else None
                first = review.index_of.get(wanted, 0) if wanted is not None else 0
                if first < len(review):
                    review.results(first)
                # Thousands of results live as long as the review: left to the cyclic garbage
                # collector, each full collection walks all of them and stalls the screen for
                # a noticeable moment. Freezing them excludes them from those walks (they are
                # still freed by reference counting when a reload replaces them).
                gc.freeze()
                # Drawing a frame allocates tens of thousands of short-lived objects, enough to
                # run the young-generation collections several times per keypress at the
                # default thresholds (700, 10, 10). Fewer, larger collections: with 2,000
                # reports the p95 of a move in the tree fell from ~34 to ~28 ms. Cycles are
                # still collected, only less often.
                gc.set_threshold(20_000, 50, 1000)
                outcome = _Outcome(review, state)
            except Exception as exc:  # a bug in the engine must not end the review
                outcome = _Outcome(None, {}, exc)
            try:
                self.call_from_thread(self._apply, generation, outcome, quiet)
            except RuntimeError:
                pass  # the app is closing

        self.run_worker(work, thread=True, group="check", exit_on_error=False)

    def _details_from(self, forked: ForkedCheck, summary: view.Summary) -> view.DetailLoader:
        """Details as the child process sends them; should it stop before it has sent them all,
        the rest comes from a check run here (once)."""
        fallback: dict[view.ReportKey, view.Detail] = {}

        def load(place: str, indexes: list[int]) -> list[view.Detail]:
            try:
                return forked.details(place, indexes)
            except LoadFailed:
                pass
            if not fallback:
                run = run_check(self.paths, self.rules, self.max_bytes)
                for i, report in enumerate(run.reports):
                    fallback[view.report_key(report)] = (report, run.results.get(i, []))
            out: list[view.Detail] = []
            for i in indexes:
                key, file = summary.keys[i], summary.files[i]
                # A report gone since (its file changed): shown without results until the
                # next poll reloads the review.
                gone = Report(file, key[0], key[1], {}, Location(file))
                out.append(fallback.get(key, (gone, [])))
            return out

        return load

    def poll_files(self) -> None:
        """Look for changed files (in a thread) and reload when something changed."""
        if any(w.group == "check" and w.state is WorkerState.RUNNING for w in self.workers):
            return

        def work() -> None:
            try:
                state = snapshot(self.paths, self.rules)
            except Exception:  # watching must never end the review
                return
            if state != self._snapshot:
                try:
                    self.call_from_thread(self.reload_now, True)
                except RuntimeError:
                    pass

        self.run_worker(work, thread=True, group="poll", exclusive=True, exit_on_error=False)

    def _apply(self, generation: int, outcome: _Outcome, quiet: bool) -> None:
        if generation != self._generation:
            return  # a newer check has been started
        lang = self.lang
        if outcome.review is None:
            message = tr("reload.failed", lang, e=clean(str(outcome.error), single_line=True))
            if self.review is None:  # nothing to show yet: say so where "loading" was
                self.overview.put("#topbar", Text(message, style="bold red"))
            self.notify(message, severity="error", markup=False)
            return
        first = self.review is None
        old_errors = set() if self.review is None else self.review.error_files()
        previous_file = self._selected_file()
        self.review = outcome.review
        self._snapshot = outcome.snapshot
        self.loads += 1
        self._reselect(previous_file)
        self.overview.refresh_all()
        for screen in self.screen_stack:
            if isinstance(screen, DetailScreen):
                screen.refresh_content()
        if first:
            self._focus_start()
            return
        for diagnostic in self.review.errors:
            if diagnostic.location.file not in old_errors:
                self.notify(
                    tr(
                        "reload.newerror",
                        lang,
                        f=clean(diagnostic.location.file, single_line=True),
                        m=clean(diagnostic.message.render(lang), single_line=True),
                    ),
                    severity="error",
                    markup=False,
                )
        if not quiet:
            self.notify(tr("reload.done", lang, n=len(self.review)), markup=False)

    def _focus_start(self) -> None:
        overview = self.overview
        table = overview.query_one(RuleTable)
        if table.display:
            table.focus()
        else:
            overview.query_one("#reports", Tree).focus()

    def _selected_file(self) -> str | None:
        """The file behind the current selection, in the review about to be replaced."""
        review, selected = self.review, self.selected
        if review is None or selected is None:
            return None
        if selected[0] == "error":
            errors = review.errors
            return errors[selected[1]].location.file if selected[1] < len(errors) else None
        index = review.index_of.get(selected[1])
        return None if index is None else review.files[index]

    def _reselect(self, previous_file: str | None) -> None:
        """Keep the selection across a reload: the same jurisdiction and year, else whatever the
        same file became (its input error, or its report), else the first report or error."""
        review = self.review
        assert review is not None
        selected = self.selected
        if selected is not None and selected[0] == "report" and selected[1] in review.index_of:
            return
        self.selected = None
        if previous_file is not None:
            for k, diagnostic in enumerate(review.errors):
                if diagnostic.location.file == previous_file:
                    self.selected = ("error", k)
                    return
            for index, file in enumerate(review.files):
                if file == previous_file:
                    self.selected = ("report", review.keys[index])
                    return
        if len(review):
            self.selected = ("report", review.keys[0])
        elif review.errors:
            self.selected = ("error", 0)

    # -- looking things up -----------------------------------------------------------------

    def find_result(self, report: view.ReportKey, rule: str | None) -> Result | None:
        if self.review is None or rule is None or report not in self.review.index_of:
            return None
        for result in self.review.results(self.review.index_of[report]):
            if view.rule_key(result) == rule:
                return result
        return None

    def open_details(self, rule: str) -> None:
        if self.selected is None or self.selected[0] != "report":
            return
        if not self.is_screen_installed("detail"):
            self.install_screen(DetailScreen(), "detail")
        detail = self.get_screen("detail")
        assert isinstance(detail, DetailScreen)
        detail.show(self.selected[1], rule)
        self.push_screen(detail)

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        self.overview.refresh_all(rebuild_tree=False)
        for screen in self.screen_stack:
            if isinstance(screen, DetailScreen):
                screen.refresh_content()
        self.refresh_bindings()

    def action_reload(self) -> None:
        self.reload_now()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    async def action_quit(self) -> None:
        self.exit(0)

    def action_edit(self) -> None:
        screen = self.screen
        where = (
            screen.edit_location() if isinstance(screen, OverviewScreen | DetailScreen) else None
        )
        lang = self.lang
        if where is None:
            self.notify(tr("edit.nothing", lang), severity="warning", markup=False)
            return
        try:
            argv = view.editor_command(where.file, where.line)
        except LookupError:
            self.notify(tr("edit.noeditor", lang), severity="warning", markup=False)
            return
        except ValueError as exc:  # an unbalanced quote in $EDITOR
            self.notify(
                tr("edit.failed", lang, e=clean(f"$EDITOR: {exc}", single_line=True)),
                severity="error",
                markup=False,
            )
            return
        try:
            if self.is_headless:
                subprocess.run(argv, check=False)
            else:
                with self.suspend():
                    subprocess.run(argv, check=False)
        except Exception as exc:  # a missing editor is a message, not a crash
            self.notify(
                tr("edit.failed", lang, e=clean(str(exc), single_line=True)),
                severity="error",
                markup=False,
            )
            return
        self.poll_files()

    def action_save(self) -> None:
        if self.review is None:
            return
        self.push_screen(SaveScreen(self.lang, "planck-review.html"), self._save)

    def _save(self, path: str | None) -> None:
        """Write the review where the user asked, or say in the app why not: planck writes
        regular files only, never one of its inputs (SPEC §4, planck.outputs)."""
        from planck.errors import PlanckError
        from planck.outputs import check_targets, write_output

        lang = self.lang
        if not path or self.review is None:
            return
        target = str(Path(path).expanduser())
        shown = clean(target, single_line=True)
        try:
            where = check_targets([target], view.input_files(self.paths, self.rules))[0]
            text = view.export_review(self.review, lang, view.format_for(path))
            write_output(where, text, shown=target)
        except PlanckError as exc:
            self.notify(clean(exc.render(lang), single_line=True), severity="error", markup=False)
            return
        except (OSError, ValueError) as exc:  # a name the system refuses (an embedded NUL)
            self.notify(
                tr("save.failed", lang, p=shown, e=clean(str(exc), single_line=True)),
                severity="error",
                markup=False,
            )
            return
        self.notify(tr("save.done", lang, p=shown), markup=False)

    # -- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        lang = self.lang
        commands = [
            ("key.problems", lambda: self._on_overview("problems")),
            ("key.search", lambda: self._on_overview("search")),
            ("key.lang", self.action_toggle_lang),
            ("key.reload", self.action_reload),
            ("key.edit", self.action_edit),
            ("key.save", self.action_save),
            ("key.help", self.action_help),
            ("key.theme", self._toggle_theme),
        ]
        for key, callback in commands:
            yield SystemCommand(tr(key, lang), tr(key + ".long", lang), callback)
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command
        yield SystemCommand(tr("key.quit", lang), tr("key.quit.long", lang), self.exit)

    def _on_overview(self, action: str) -> None:
        while not isinstance(self.screen, OverviewScreen):
            self.pop_screen()
        getattr(self.overview, f"action_{action}")()

    def _toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"
