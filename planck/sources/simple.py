"""The common case of a YAML report, read without the YAML parser.

Most reports are a few dozen lines of `key: value`, nested by indentation, with comments, and
now and then a one-line `{value: 1, previous: 2}` or a quoted text. For those, parse_simple
builds the same tree (the same nodes, tags and positions) as the event reader in
planck.sources.tree, several times faster; for anything else it answers None and the YAML
parser reads the file. It is deliberately narrow: no block sequences, no nested flow, no
multi-line, escaped or special scalars, no anchors, tags, directives or document markers, no
tabs or carriage returns, and plain scalars only of characters that cannot mean anything to
YAML. tests/unit/test_tree_simple.py compares both readers on generated documents.
"""

from __future__ import annotations

import re

from planck.errors import Location
from planck.nodes import Mapping, Node, Scalar, Tag
from planck.sources.yamltags import MAX_DEPTH, resolve_plain


def _class(ascii_allowed: str) -> str:
    """A character class of these ASCII characters and every non-ASCII one, written as the
    ASCII characters it leaves out: a class of ranges up to U+10FFFF would take the regular
    expression compiler tens of milliseconds at every start. (The non-ASCII characters YAML
    does not allow never get this far: see _NOT_SIMPLE.)"""
    out = "".join(re.escape(chr(c)) for c in range(128) if chr(c) not in ascii_allowed)
    return f"[^{out}]"


_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
_WORD = _class(_ALNUM)  # may start a plain scalar (as may a sign or point before a digit)
_MID = ".+-/()%"  # may follow inside one, as may a space (but no scalar ends with a space)
_MID_BLOCK = _MID + ",;'\"="  # a value in block context may also hold these (not in a flow)
_PLAIN = rf"(?:[+\-.]?[0-9]|{_WORD})(?:{_class(_ALNUM + _MID + ' ')}*{_class(_ALNUM + _MID)})?"
_BLOCK_PLAIN = (
    rf"(?:[+\-.]?[0-9]|{_WORD})"
    rf"(?:{_class(_ALNUM + _MID_BLOCK + ' ')}*{_class(_ALNUM + _MID_BLOCK)})?"
)
_KEY = rf"{_WORD}(?:{_class(_ALNUM + _MID + ' ')}*{_class(_ALNUM + _MID)})?"
_QUOTED = r""""[^"\\\n]*"|'[^'\n]*'"""
_SIMPLE_LINE = re.compile(
    # indent, key, value (plain, quoted or a one-line flow mapping), and perhaps a comment,
    # which YAML starts only after a space
    rf"( *)({_KEY}):(?: +({_BLOCK_PLAIN}|{_QUOTED}|\{{[^{{}}\[\]\n]*\}}))? *(?: #.*)?"
)
_FLOW_ITEM = re.compile(rf" *({_KEY}): +({_PLAIN}|{_QUOTED}) *([,}}])")
_SIMPLE_SKIP = re.compile(r" *(?:#.*)?")  # a blank line or a comment
# Characters YAML reads as line breaks or a byte-order mark, or may not hold at all (controls,
# DEL, C1, surrogates, U+FFFE/F): a text with any of them, or a tab or carriage return, goes to
# the YAML parser.
_NOT_SIMPLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
SIMPLE_MAX_LINE = 1000  # libyaml refuses implicit keys over 1024 characters


def parse_simple(text: str, file: str) -> Mapping | None:
    """The tree of a plain `key: value` document, or None if it is not one."""
    if _NOT_SIMPLE.search(text) is not None:
        return None
    line_match = _SIMPLE_LINE.fullmatch
    skip = _SIMPLE_SKIP.fullmatch
    root: Mapping | None = None
    # The open mappings, innermost last, with their indents; and a `key:` whose nested mapping
    # starts on a later line (the key's indent, text, location and mapping).
    open_: list[tuple[int, Mapping]] = []
    waiting: tuple[int, str, Location, Mapping] | None = None
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > SIMPLE_MAX_LINE:
            return None
        m = line_match(line)
        if m is None:
            if skip(line) is None:
                return None  # not blank, not a comment, not `key: value`
            continue
        indent_s, key, value = m.groups()
        indent = len(indent_s)
        if resolve_plain(key) is Tag.NULL:
            return None
        key_loc = Location(file, number, indent + 1)
        if waiting is not None:
            parent_indent, parent_key, parent_loc, parent = waiting
            if indent <= parent_indent or len(open_) >= MAX_DEPTH:
                return None  # `key:` with nothing under it (a null), or too deep
            mapping = Mapping(key_loc)
            parent.items[parent_key] = (parent_loc, mapping)
            open_.append((indent, mapping))
            waiting = None
        elif root is None:
            if indent:
                return None
            root = Mapping(key_loc)
            open_.append((0, root))
        else:
            while indent < open_[-1][0]:
                open_.pop()
            if indent != open_[-1][0]:
                return None  # not aligned with an open mapping
        current = open_[-1][1]
        if key in current.items:
            return None  # the parser's duplicate-key error names both lines
        if value is None:
            waiting = (indent, key, key_loc, current)
            continue
        node = _simple_value(value, file, number, m.start(3))
        if node is None:
            return None
        current.items[key] = (key_loc, node)
    if waiting is not None:
        return None
    return root


def _simple_value(value: str, file: str, line: int, start: int) -> Node | None:
    """A value _SIMPLE_LINE has matched at 0-based column ``start``: a scalar, or a one-line
    flow mapping of scalars (None for anything else in braces)."""
    if value[0] != "{":
        return _simple_scalar(value, Location(file, line, start + 1))
    mapping = Mapping(Location(file, line, start + 1))
    at, end = 1, len(value)
    while True:
        item = _FLOW_ITEM.match(value, at)
        if item is None:
            return None  # {} or anything but `key: scalar` items
        key, scalar, after = item.groups()
        if resolve_plain(key) is Tag.NULL or key in mapping.items:
            return None
        node = _simple_scalar(scalar, Location(file, line, start + item.start(2) + 1))
        mapping.items[key] = (Location(file, line, start + item.start(1) + 1), node)
        at = item.end()
        if after == "}":
            return mapping if at == end else None


def _simple_scalar(text: str, loc: Location) -> Scalar:
    if text[0] == '"' or text[0] == "'":  # quoted, without escapes: the text between the quotes
        return Scalar(text[1:-1], False, Tag.STR, loc)
    return Scalar(text, True, resolve_plain(text), loc)
