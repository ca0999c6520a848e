"""The input errors of reading YAML (and JSON through it): duplicate keys, a full-width colon
after a key, syntax errors, characters YAML refuses, nesting too deep; each at its line and
column, with a message that says what to change.
"""

from __future__ import annotations

import functools
import re

import yaml

from planck.errors import InputError, Location
from planck.i18n import msg
from planck.nodes import Mapping, Node, Scalar, Sequence
from planck.sources.yamltags import MAX_DEPTH, too_deep


def mark_location(file: str, mark: yaml.Mark) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def duplicate_key_error(key: str, first: Location, second: Location) -> InputError:
    if first.line == second.line:
        where_zh = f"第 {first.line} 行第 {first.column} 列与第 {second.column} 列"
        where_en = f"at line {first.line}, columns {first.column} and {second.column}"
    else:
        where_zh = f"第 {first.line} 行与第 {second.line} 行"
        where_en = f"on lines {first.line} and {second.line}"
    return InputError(
        msg(
            "重复的键“{key}”（{where_zh}）；请只保留一个",
            "duplicate key '{key}' {where_en}; keep only one",
            key=key,
            where_zh=where_zh,
            where_en=where_en,
        ),
        second,
    )


# A line whose key ends in a full-width colon (输入法 left in Chinese mode): `year： 2023`.
_FULLWIDTH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?[^\s#:'\"{}\[\],：][^:#\n：]*：")
_COLON_LOOKBACK = 2  # libyaml reports such a line when it reads the next one


def fullwidth_colon_error(loc: Location) -> InputError:
    return InputError(
        msg(
            "键后面用了全角冒号：请把全角冒号“：”改为半角冒号“:”（冒号后留一个空格）",
            "a key is followed by a full-width colon: replace the full-width colon '：' with an "
            "ASCII colon ':' (followed by a space)",
        ),
        loc,
    )


def _fullwidth_colon(text: str, file: str, line: int) -> InputError | None:
    """The YAML error at ``line`` explained as a full-width colon after a key on that line or
    just before it, or None."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(line - _COLON_LOOKBACK, 1) - 1, -1):
        found = _FULLWIDTH_KEY.match(lines[number - 1])
        if found:
            return fullwidth_colon_error(Location(file, number, found.end()))
    return None


def colon_in_scalar(node: Node, keys: tuple[str, ...] | None = None) -> InputError | None:
    """A plain scalar where a mapping was expected that reads `key： value`: the full-width
    colon made YAML see text instead of a key. With ``keys``, only when the text before the
    colon is one of them."""
    if not isinstance(node, Scalar) or not node.plain:
        return None
    found = _FULLWIDTH_KEY.match(node.raw)
    if found is None:
        return None
    if keys is not None and node.raw[: found.end() - 1].strip() not in keys:
        return None
    column = None if node.loc.column is None else node.loc.column + found.end() - 1
    return fullwidth_colon_error(Location(node.loc.file, node.loc.line, column))


def syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    loc = mark_location(file, mark) if mark is not None else Location(file)
    if loc.line is not None and "：" in text:
        colon = _fullwidth_colon(text, file, loc.line)
        if colon is not None:
            return colon
    problem = exc.problem or "syntax error"
    if exc.context:
        problem = f"{exc.context}; {problem}"
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if at_tab or "'\\t'" in problem:
        return InputError(
            msg(
                "YAML 语法错误：不能用制表符（Tab）缩进，请改用空格",
                "YAML syntax error: tabs cannot be used for indentation; use spaces",
            ),
            loc,
        )
    return InputError(msg("YAML 语法错误：{p}", "YAML syntax error: {p}", p=problem), loc)


# What a YAML stream may hold (YAML 1.1 §5.1, as libyaml reads it): anything else stops the
# reader with a position in bytes or characters, depending on the parser, and no line.
@functools.cache
def _not_printable() -> re.Pattern[str]:
    return re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def bad_character(text: str, file: str) -> InputError:
    """The YAML reader's refusal of a character, at that character's line and column."""
    found = _not_printable().search(text)
    if found is None:  # pragma: no cover - the reader refused a character this also refuses
        return InputError(
            msg("文件含有 YAML 不允许的字符", "the file holds a character YAML does not allow"),
            Location(file),
        )
    at = found.start()
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    code = ord(found.group())
    if code < 0x20 or 0x7F <= code <= 0x9F:
        what_zh, what_en = "控制字符", "a control character"
    elif 0xD800 <= code <= 0xDFFF:
        what_zh, what_en = "代理码位", "a surrogate code point"
    else:
        what_zh, what_en = "非字符码位", "a non-character"
    return InputError(
        msg(
            "文件含有 YAML 不允许的字符 U+{code:04X}（{w_zh}）；请删除该字符",
            "the file holds U+{code:04X} ({w_en}), which YAML does not allow; remove it",
            code=code,
            w_zh=what_zh,
            w_en=what_en,
        ),
        Location(file, line, column),
    )


def flow_too_deep(text: str, file: str, stack: list[Mapping | Sequence]) -> InputError | None:
    """planck's nesting error at the flow bracket that goes past MAX_DEPTH, if one does.

    Used only once the YAML parser has failed, to tell a too-deep file from a broken one. The
    containers already open before the outermost bracket count toward the depth, as they do in
    the event loop. Quotes are skipped, and so are comments; a bracket inside a plain scalar may
    be counted, which can only turn one error message into another for a file already refused."""
    if "[" not in text and "{" not in text:
        return None
    depth = 0
    base = 0
    line, column = 1, 0
    quote = ""
    previous = "\n"
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        index += 1
        column += 1
        if char == "\n":
            line, column = line + 1, 0
            if quote == "#":
                quote = ""
        elif quote == "#":
            pass
        elif quote == "'":
            if char == "'":
                if index < length and text[index] == "'":
                    index += 1
                    column += 1
                else:
                    quote = ""
        elif quote == '"':
            if char == "\\":
                index += 1
                column += 1
            elif char == '"':
                quote = ""
        elif char in "'\"" and previous in " \t\n[{,:":
            quote = char
        elif char == "#" and previous in " \t\n":
            quote = "#"
        elif char in "[{":
            if depth == 0:
                base = sum(
                    1
                    for node in stack
                    if (node.loc.line or 0, node.loc.column or 0) < (line, column)
                )
            depth += 1
            if base + depth > MAX_DEPTH:
                return too_deep(Location(file, line, column))
        elif char in "]}" and depth:
            depth -= 1
        previous = char
    return None
