"""Checks of a rule set's text that no JSON Schema can make: no control characters in any
text, no line breaks in one-line texts; and the gathering of a file's problems in file order."""

from __future__ import annotations

import re

from planck.errors import InputError, InputErrors, Location, RuleSetError
from planck.i18n import msg
from planck.nodes import Mapping, Node, Sequence

# Characters no text of a rule set may hold: C0 controls but tab and line feed, DEL, C1, and
# the controls that reorder bidirectional text. Ids, names, units, aliases and every other
# one-line text may not hold a tab or line break either; notes and quotes may.
_NEVER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NOT_ONE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_MULTI_LINE_KEYS = frozenset({"notes", "quote"})


def unsafe_text(tree: Node) -> list[InputError]:
    """Every key and text of a rule set that holds a control character (written as an escape
    such as "\\e" in a quoted string: YAML refuses them raw), at that text."""
    problems: list[InputError] = []
    pending: list[tuple[Node, str, bool]] = [(tree, "", False)]
    while pending:
        node, where, multi_line = pending.pop()
        if isinstance(node, Mapping):
            for key, (key_loc, child) in node.items.items():
                path = f"{where}/{key}" if where else key
                _check_text(key, path, key_loc, _NOT_ONE_LINE, problems)
                pending.append((child, path, key in _MULTI_LINE_KEYS))
        elif isinstance(node, Sequence):
            for index, child in enumerate(node.items):
                pending.append((child, f"{where}/{index}", multi_line))
        elif not node.plain or isinstance(node.value, str):
            _check_text(
                node.raw, where, node.loc, _NEVER if multi_line else _NOT_ONE_LINE, problems
            )
    return problems


def _check_text(
    text: str, where: str, loc: Location, forbidden: re.Pattern[str], problems: list[InputError]
) -> None:
    found = forbidden.search(text)
    if found is None:
        return
    code = ord(found.group())
    if code in (0x0A, 0x0D, 0x2028, 0x2029):
        what_zh, what_en = "换行符", "a line break"
    elif code == 0x09:
        what_zh, what_en = "制表符", "a tab"
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        what_zh, what_en = "控制字符", "a control character"
    else:
        what_zh, what_en = "双向文本控制字符", "a bidirectional-text control"
    problems.append(
        RuleSetError(
            msg(
                "规则集格式错误（{w}）：文本含有 U+{code:04X}（{what_zh}），规则集中不允许",
                "rule set does not match the format ({w}): the text holds U+{code:04X} "
                "({what_en}), which a rule set may not hold",
                w=where or "/",
                code=code,
                what_zh=what_zh,
                what_en=what_en,
            ),
            loc,
        )
    )


def all_problems(problems: list[InputError]) -> InputError:
    """One error, or every error of a file at once, in the order of the file."""
    problems = sorted(problems, key=lambda e: _position(e.location))
    unique: list[InputError] = []
    seen: set[tuple[object, str]] = set()
    for problem in problems:
        key = (problem.location, problem.message.en)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique[0] if len(unique) == 1 else InputErrors(unique)


def _position(loc: Location | None) -> tuple[int, int]:
    if loc is None:
        return (0, 0)
    return (loc.line or 0, loc.column or 0)
