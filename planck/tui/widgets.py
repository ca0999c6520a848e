"""The overview's own widgets. They tell their screen what happened with messages, and know
nothing of the screen that holds them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text, TextType
from textual import events
from textual.message import Message
from textual.widgets import DataTable, Tree
from textual.widgets.tree import TreeNode

from planck.tui.base import NodeData


class ReportTree(Tree[NodeData]):
    """Jurisdictions, their years, and the input errors."""

    def process_label(self, label: TextType) -> Text:
        # Tree keeps a copy of each label's first line; ours are one line already.
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def get_label_width(self, node: TreeNode[NodeData]) -> int:
        # Tree measures every label to size its scroll area; rendering each of thousands of
        # labels to do so is slow, and a label's own length (plus the expand icon) is enough.
        return node.label.cell_len + 2 if isinstance(node.label, Text) else 0


class RuleTable(DataTable[Text]):
    """The rules of the selected report. Its columns depend on its width, so it says when the
    width has changed (`WidthChanged`) and the screen fills it again."""

    @dataclass
    class WidthChanged(Message):
        """The table has a new width; its columns must be measured again."""

        table: RuleTable
        width: int

    width_seen = 0  # the width the columns were last measured for

    def on_resize(self, event: events.Resize) -> None:
        # Screens send Resize to every widget when they come back; only a new width matters.
        if event.size.width == self.width_seen:
            return
        self.width_seen = event.size.width
        self.post_message(self.WidthChanged(self, event.size.width))
