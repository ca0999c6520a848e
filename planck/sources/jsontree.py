"""JSON reports and rule sets, read with positions.

json checks the syntax (for JSON's own error messages) and finds duplicate keys; the positions
come from a second pass: a small token reader for the usual JSON, else the YAML event reader,
for which JSON is valid flow syntax.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from planck.errors import InputError, Location
from planck.i18n import msg
from planck.nodes import MAX_INT_DIGITS, Mapping, Node, Scalar, Sequence, Tag
from planck.sources.simple import SIMPLE_MAX_LINE
from planck.sources.tree import parse_yaml
from planck.sources.yamlerrors import fullwidth_colon_error
from planck.sources.yamltags import MAX_DEPTH, resolve_plain

# JSON escapes that libyaml cannot read, replaced by escapes of the same length (so positions
# hold) before the YAML pass; the JSON pass's strings are then put back into the tree.
_JSON_ESCAPE = re.compile(r"\\(u[dD][89a-fA-F][0-9a-fA-F]{2}|.)", re.DOTALL)


# Characters JSON strings may hold raw but a YAML stream may not (controls, DEL, C1, U+FFFE…),
# or that YAML reads as line breaks (NEL, LS, PS) or a byte-order mark: one for one as "X".
@functools.cache
def _not_yaml() -> re.Pattern[str]:
    # compiled on first use: a large class, and only JSON input needs it
    return re.compile(
        "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]"
    )


_YAML_KEY_LIMIT = 1024  # libyaml refuses longer implicit keys, even in JSON-style flow


def parse_json(text: str, file: str) -> Node:
    """Parse JSON with positions. json checks the syntax (for JSON's own error messages); the
    YAML event parser, for which JSON is valid flow syntax, then supplies lines and columns."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        if text[exc.pos : exc.pos + 1] == "：":  # a key followed by a full-width colon
            raise fullwidth_colon_error(Location(file, exc.lineno, exc.colno)) from None
        raise InputError(
            msg("JSON 语法错误：{p}", "JSON syntax error: {p}", p=exc.msg),
            Location(file, exc.lineno, exc.colno),
        ) from None
    except _DuplicateKey as exc:
        # Re-parse below gives the lines; if that fails, report without them.
        try:
            parse_yaml(yaml_safe(text), file)
        except InputError as located:
            raise located from None
        raise InputError(
            msg("重复的键“{key}”", "duplicate key '{key}'", key=exc.key[:40]), Location(file)
        ) from None
    except RecursionError:
        raise InputError(msg("嵌套层级过深", "nesting is too deep"), Location(file)) from None
    except ValueError as exc:  # pragma: no cover - parse_int keeps json's own ValueErrors out
        raise InputError(msg("JSON 错误：{e}", "JSON error: {e}", e=exc), Location(file)) from None
    safe = yaml_safe(text)
    if safe == text:
        simple = parse_json_simple(text, file)
        if simple is not None:
            return simple
    try:
        tree = parse_yaml(safe, file, positions_only=safe != text)
    except InputError:
        if _longest_key(data) > _YAML_KEY_LIMIT:
            raise InputError(
                msg(
                    "键过长（超过 {n} 个字符）",
                    "a key is longer than {n} characters",
                    n=_YAML_KEY_LIMIT,
                ),
                Location(file),
            ) from None
        raise
    if safe != text:
        _restore_strings(tree, data)
    return tree


# JSON that json.loads has accepted, read again for positions without the YAML parser: a token
# at a time, strings without escapes (any backslash, or a carriage return, which YAML counts as
# a line break of its own, and the text goes to the YAML parser). The tree is the one the YAML
# events give for the same text; test_tree_simple.py compares the two on generated documents.
_JSON_TOKEN = re.compile(r'[ \t\n]*(?:([{}\[\],:])|"([^"\\\n]*)"|([-+.0-9a-zA-Z]+))')


def parse_json_simple(text: str, file: str) -> Node | None:
    """The tree of a valid JSON text, or None to leave it to the YAML parser."""
    if "\\" in text or "\r" in text:
        return None
    match = _JSON_TOKEN.match
    line, line_start = 1, 0
    next_break = text.find("\n")
    stack: list[Mapping | Sequence] = []
    key: tuple[str, Location] | None = None
    root: Node | None = None
    pos, end = 0, len(text)
    while pos < end:
        m = match(text, pos)
        if m is None:
            break  # trailing whitespace, or nothing this reads
        pos = m.end()
        punct, string, literal = m.groups()
        if punct == ":" or punct == ",":
            continue
        if punct == "}" or punct == "]":
            done = stack.pop()
            if not stack:
                root = done
            continue
        at = m.start(1) if punct else (m.start(2) - 1 if string is not None else m.start(3))
        while next_break != -1 and next_break < at:
            line, line_start = line + 1, next_break + 1
            next_break = text.find("\n", line_start)
        loc = Location(file, line, at - line_start + 1)
        node: Node
        if punct is not None:  # { or [
            if len(stack) >= MAX_DEPTH:
                return None
            node = Mapping(loc) if punct == "{" else Sequence(loc)
        elif string is not None:
            if stack and type(stack[-1]) is Mapping and key is None:
                if len(string) > SIMPLE_MAX_LINE:
                    return None
                key = (string, loc)
                continue
            node = Scalar(string, False, Tag.STR, loc)
        else:
            node = Scalar(literal, True, resolve_plain(literal), loc)
        if not stack:
            root = node
        else:
            parent = stack[-1]
            if type(parent) is Mapping:
                assert key is not None
                parent.items[key[0]] = (key[1], node)
                key = None
            else:
                parent.items.append(node)  # type: ignore[union-attr]
        if punct is not None:
            stack.append(node)  # type: ignore[arg-type]
    return None if stack or text[pos:].strip(" \t\n") else root


def _json_int(text: str) -> int | float:
    """json's int() refuses more than 4300 digits with a ValueError; such a number is only
    checked here (its value is read from the text later), so a float stands in."""
    return int(text) if len(text) <= MAX_INT_DIGITS else float("inf")


def yaml_safe(text: str) -> str:
    """JSON text libyaml can read, every line and column where it was: a surrogate escape
    (\\ud83d, half of an emoji) becomes \\u0058, six characters for six, and a character a YAML
    stream may not hold raw becomes X (JSON allows them only inside strings, which are put
    back from the JSON pass)."""

    def swap(match: re.Match[str]) -> str:
        return "\\u0058" if len(match.group(1)) == 5 else match.group(0)

    if "\\u" in text:
        text = _JSON_ESCAPE.sub(swap, text)
    return _not_yaml().sub("X", text)


def _restore_strings(node: Node, value: Any) -> None:
    """Put the strings json decoded into the tree the YAML pass built from the same text."""
    if isinstance(node, Mapping) and isinstance(value, dict):
        items = {}
        for (_, (key_loc, child)), (key, child_value) in zip(
            node.items.items(), value.items(), strict=False
        ):
            _restore_strings(child, child_value)
            items[key] = (key_loc, child)
        node.items = items
    elif isinstance(node, Sequence) and isinstance(value, list):
        for child, child_value in zip(node.items, value, strict=False):
            _restore_strings(child, child_value)
    elif isinstance(node, Scalar) and isinstance(value, str):
        node.raw = value


def _longest_key(value: Any) -> int:
    if isinstance(value, dict):
        return max([len(k) for k in value] + [_longest_key(v) for v in value.values()], default=0)
    if isinstance(value, list):
        return max((_longest_key(v) for v in value), default=0)
    return 0


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result
