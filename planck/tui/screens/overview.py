"""The review's first screen: the reports and input errors in a tree, and the rules of the one
selected in a table, with its header, filters and warnings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from planck.errors import Location
from planck.i18n import Lang, label
from planck.textsafe import clean
from planck.tui import labels, view
from planck.tui.base import NodeData, NodeKind, ReviewScreen, Selection, bilingual
from planck.tui.strings import tr
from planck.tui.table import Columns, columns_for, row_cells, short_names
from planck.tui.widgets import ReportTree, RuleTable


class OverviewScreen(ReviewScreen):
    # The rule table has the focus from the start, as it has after the first load: a change of
    # focus recomposes the footer, which would cost a frame or two just after the load.
    AUTO_FOCUS = "#rules"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, so that the footer shows it although the table has its own Enter;
        # the action hands Enter back to the tree or the search box when they have the focus.
        *bilingual(Binding("enter", "details", "key.details", key_display="⏎", priority=True)),
        *bilingual(Binding("f", "problems", "key.problems")),
        *bilingual(Binding("slash", "search", "key.search", key_display="/")),
        *bilingual(Binding("t", "sort", "key.sort")),
        Binding("escape", "clear", show=False),
    ]

    def compose(self) -> ComposeResult:
        lang = self.review_app.lang
        # Shown until the first check is done (it runs in a thread, and may finish before this
        # screen is mounted, so nothing here may undo what the first load sets up).
        yield Static(Text(tr("loading", lang)), id="topbar")
        with Horizontal(id="main"):
            tree = ReportTree("reports", id="reports")
            tree.show_root = False
            tree.guide_depth = 2
            # Shown (empty) while loading, so that the rule table has its final width when the
            # first results arrive: filling it at one width and then another costs a frame.
            # Hidden after the load when there is only one report and no input error.
            with Vertical(id="side"):
                yield Static(id="places-line")
                yield tree
            with Vertical(id="body"):
                yield Static(id="head")
                yield Static(id="filters")
                yield RuleTable(id="rules", cursor_type="row", zebra_stripes=False)
                yield Static(id="error-view")
                yield Static(id="warnings")
                yield Input(
                    id="search",
                    select_on_focus=False,
                    compact=True,
                    placeholder=tr("search.placeholder", lang),
                )
        # Ctrl+P (the command palette) is in the help: the footer's room goes to the keys
        yield Footer(compact=True, show_command_palette=False)

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, Text | None] = {}
        self._columns: tuple[Columns, Lang] | None = None

    def on_mount(self) -> None:
        # The report under the tree's cursor is shown in the same frame as the cursor: watching
        # the cursor's reactive runs at once, where Tree.NodeHighlighted comes a frame later.
        self.watch(self.query_one(ReportTree), "cursor_line", self.on_tree_cursor, init=False)
        # The first check starts once this screen's widgets exist, as the results go into them.
        self.review_app.reload_now(quiet=True)

    def on_tree_cursor(self) -> None:
        node = self.query_one(ReportTree).cursor_node
        if node is not None:
            self.select_node(node)

    def refresh_content(self) -> None:
        self.refresh_all(rebuild_tree=False)

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
        self.put("#topbar", labels.topbar_text(review, lang))
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
        app = self.review_app
        review = app.review
        assert review is not None
        tree = self.query_one("#reports", ReportTree)
        # the tree and its line, when there is more than one report or an input error
        tree.display = self.query_one("#side").display = len(review) > 1 or bool(review.errors)
        tree.clear()
        target = self.add_nodes(tree)
        # Node lines are laid out on demand; asking for the last line lays them out now, so
        # that the cursor can be put on the node straight away.
        _ = tree.last_line
        if target is None and app.problems_only:
            # the report shown is filtered out: show the first one left, if any
            target = next((n for n in self.report_nodes(tree)), None)
            if target is not None:
                self.select_node(target)
        if target is not None:
            tree.move_cursor(target)
        self.show_places_line()

    @staticmethod
    def report_nodes(tree: ReportTree) -> list[TreeNode[NodeData]]:
        return [
            leaf
            for node in tree.root.children
            for leaf in node.children
            if leaf.data is not None and leaf.data[0] is NodeKind.REPORT
        ]

    def show_places_line(self) -> None:
        app = self.review_app
        review, lang = app.review, app.lang
        assert review is not None
        shown = sum(1 for place in review.by_place if review.place_has_problems(place))
        line = labels.places_line(
            app.place_order, app.problems_only, shown, len(review.by_place), lang
        )
        if app.problems_only and not shown:
            line.append("\n" + tr("places.none", lang), style="italic")
        self.put("#places-line", line)

    def add_nodes(self, tree: ReportTree) -> TreeNode[NodeData] | None:
        """The tree's nodes, in the app's order of places and with its filter; the one to
        select, if any."""
        app = self.review_app
        review, lang = app.review, app.lang
        assert review is not None
        errors = review.errors
        target = None
        for place in review.place_order(app.place_order):
            indexes = review.by_place[place]
            if app.problems_only:
                indexes = [i for i in indexes if review.has_problems(i)]
                if not indexes:
                    continue
            # expand= rather than .expand(): no NodeExpanded message for each of hundreds of places
            place_node = tree.root.add(
                self.ink(labels.tree_place_label(review, place, lang)),
                data=(NodeKind.PLACE, place),
                expand=True,
            )
            for index in indexes:
                leaf = place_node.add_leaf(
                    self.ink(labels.tree_report_label(review, index)), data=(NodeKind.REPORT, index)
                )
                if app.selected == ("report", review.keys[index]):
                    target = leaf
        if errors:
            errors_node = tree.root.add(
                self.ink(self.errors_heading()), data=(NodeKind.ERRORS, None), expand=True
            )
            for k, diagnostic in enumerate(errors):
                leaf = errors_node.add_leaf(
                    self.ink(labels.tree_error_label(diagnostic)), data=(NodeKind.ERROR, k)
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
            if kind is NodeKind.PLACE:
                label_text = labels.tree_place_label(review, str(value), lang)
            else:
                label_text = self.errors_heading()
            node.set_label(self.ink(label_text))
        self.show_places_line()

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
            self.put("#head", labels.report_head(review, index, lang, width))
            table.display = True
            error_view.display = False
            warn = labels.warnings_text(review.warnings_for(index), lang)
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
            self.put("#error-view", labels.error_detail(review.errors[selection[1]], lang))
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
        columns = columns_for(
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
        names = short_names(
            [clean(r.rule.display_name(lang), single_line=True) for r in rows], columns.indicator
        )
        for result, name in zip(rows, names, strict=True):
            cells = [self.ink(cell) for cell in row_cells(result, lang, columns, name)]
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
        line = labels.filter_line(app.problems_only, app.search_text, len(rows), len(results), lang)
        if line is not None and not rows:
            line.append("\n" + tr("no.rows", lang), style="italic")
        self.query_one("#filters", Static).display = line is not None
        self.put("#filters", line)

    # -- events ----------------------------------------------------------------------------

    @on(RuleTable.WidthChanged)
    def on_rules_width_changed(self) -> None:
        self.show_selection()

    @on(Tree.NodeHighlighted, "#reports")
    def on_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self.select_node(event.node)

    def select_node(self, node: TreeNode[NodeData]) -> None:
        """Show what a node of the tree stands for: a report or an input error."""
        app = self.review_app
        if app.review is None or node.data is None:
            return
        kind, value = node.data
        new: Selection | None = None
        if kind is NodeKind.REPORT:
            assert isinstance(value, int)
            new = ("report", app.review.keys[value])
        elif kind is NodeKind.ERROR:
            assert isinstance(value, int)
            new = ("error", value)
        if new is not None and new != app.selected:
            app.selected = new
            self.show_selection()

    @on(Tree.NodeSelected, "#reports")
    def on_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        if event.node.data is not None and event.node.data[0] is NodeKind.REPORT:
            self.query_one(RuleTable).focus()

    @on(DataTable.RowSelected, "#rules")
    def on_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.review_app.rule_key = str(event.row_key.value)
            self.review_app.open_details(str(event.row_key.value))

    @on(DataTable.RowHighlighted, "#rules")
    def on_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.review_app.rule_key = str(event.row_key.value)

    @on(Input.Changed, "#search")
    def on_search_changed(self, event: Input.Changed) -> None:
        self.review_app.search_text = event.value
        self.fill_table()

    @on(Input.Submitted, "#search")
    def on_search_submitted(self) -> None:
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
        """Problems only (or all again): the places and years in the tree, and the results in
        the table."""
        self.review_app.problems_only = not self.review_app.problems_only
        self.refilter()

    def action_sort(self) -> None:
        """Places by name, or worst first."""
        app = self.review_app
        app.place_order = "worst" if app.place_order == "name" else "name"
        if app.review is not None:
            self.build_tree()

    def refilter(self) -> None:
        if self.review_app.review is None:
            return
        self.build_tree()
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
            filtered, app.problems_only = app.problems_only, False
            if filtered:
                self.refilter()
            else:
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
