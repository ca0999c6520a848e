"""Parse YAML and JSON into a small tree whose every node knows its line and column.

The tree is built from parser *events*, never by a YAML constructor, so no tag can build a
Python object, aliases are refused outright (an alias bomb has nothing to expand), nesting is
bounded, and a duplicate key is an error that names both lines. Plain `key: value` documents,
most reports, are read without the parser by a narrow reader that builds the same tree.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from planck.errors import InputError, Location
from planck.i18n import msg

try:  # the libyaml parser is several times faster; fall back to pure Python without it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64

_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_AliasEvent = yaml.AliasEvent
_StreamEndEvent = yaml.StreamEndEvent

_RESOLVER = yaml.resolver.Resolver()
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
    "!",
}
_INT_RE = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_MAX_INT_DIGITS = 4000
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


@dataclass(slots=True)
class Scalar:
    raw: str
    plain: bool  # written without quotes (so YAML's implicit typing applies)
    tag: str  # resolved tag, e.g. tag:yaml.org,2002:int
    loc: Location

    @property
    def value(self) -> Any:
        """The scalar as YAML 1.1 would type it, for the few tags planck needs."""
        if self.tag.endswith(":null"):
            return None
        if self.tag.endswith(":bool"):
            return self.raw.lower() in ("yes", "true", "on", "y")
        if self.tag.endswith(":int") and _INT_RE.fullmatch(self.raw):
            # Python refuses to convert integers of more than 4300 digits (ValueError); such a
            # number stays text, which every check that wants a number then refuses.
            return int(self.raw) if len(self.raw) <= _MAX_INT_DIGITS else self.raw
        if self.tag.endswith(":float"):
            try:
                number = float(self.raw)
            except ValueError:  # .nan, .inf, 1_000.5: not a plain number to planck
                return self.raw
            # 1.0e+400 overflows to inf: kept as text, so a schema asking for a number refuses it
            return number if math.isfinite(number) else self.raw
        return self.raw


@dataclass(slots=True)
class Mapping:
    loc: Location
    items: dict[str, tuple[Location, Node]] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        entry = self.items.get(key)
        return entry[1] if entry else None


@dataclass(slots=True)
class Sequence:
    loc: Location
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


def to_python(node: Node) -> Any:
    """Plain Python data (dicts, lists, typed scalars) for schema validation."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Mapping):
        return {key: to_python(child) for key, (_, child) in node.items.items()}
    return [to_python(child) for child in node.items]


def describe(node: Node) -> tuple[str, str]:
    """Chinese and English words for what a node is, for error messages."""
    if isinstance(node, Mapping):
        return "映射", "a mapping"
    if isinstance(node, Sequence):
        return "列表", "a list"
    if node.tag.endswith(":null"):
        return "空值", "null"
    return f"“{node.raw}”", repr(node.raw)


def _loc(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


_STR = "tag:yaml.org,2002:str"


def parse_yaml(text: str, file: str, *, _positions_only: bool = False) -> Node:
    """Parse one YAML document into a positioned tree; raise InputError on anything unusable.
    (``_positions_only``: the JSON reader's pass, whose keys json has already checked.)"""
    if not _positions_only:
        simple = _parse_simple(text, file)
        if simple is not None:
            return simple
    return _parse_events(text, file, _positions_only)


def _parse_events(text: str, file: str, _positions_only: bool = False) -> Node:
    """parse_yaml with libyaml's events: any YAML.

    This loop runs for every value of a report the simple reader leaves to it, so it is written
    for speed: the event's exact type is compared, and the common case (a scalar in a mapping)
    is handled inline."""
    stack: list[Mapping | Sequence] = []
    pending_key: list[tuple[str, Location] | None] = []
    root: Node | None = None
    documents = 0
    loader = _Loader(text)
    try:
        while True:
            event: Any = loader.get_event()
            kind = type(event)
            if kind is _ScalarEvent:
                mark = event.start_mark
                loc = Location(file, mark.line + 1, mark.column + 1)
                tag = event.tag
                plain = not event.style  # libyaml gives '' for plain, PyYAML None
                if tag is None or tag == "!":
                    tag = _resolve_plain(event.value) if plain else _STR
                elif tag not in _STANDARD_TAGS:
                    _check_tag(tag, loc)
                node: Node = Scalar(event.value, plain, tag, loc)
                if not stack:
                    root = node
                    continue
                parent = stack[-1]
                if type(parent) is Mapping:
                    key = pending_key[-1]
                    if key is not None:
                        parent.items[key[0]] = (key[1], node)
                        pending_key[-1] = None
                        continue
                _attach(stack, pending_key, node, _positions_only)
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                mark = event.start_mark
                loc = Location(file, mark.line + 1, mark.column + 1)
                _check_tag(event.tag, loc)
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(loc)
                container: Mapping | Sequence = (
                    Mapping(loc) if kind is _MappingStartEvent else Sequence(loc)
                )
                _attach(stack, pending_key, container, _positions_only)
                stack.append(container)
                pending_key.append(None)
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                done = stack.pop()
                pending_key.pop()
                if not stack:
                    root = done
            elif kind is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise InputError(
                        msg(
                            "一个文件只能有一个 YAML 文档（发现第二个“---”）",
                            "a file may hold one YAML document only (found a second '---')",
                        ),
                        _loc(file, event.start_mark),
                    )
            elif kind is _AliasEvent:
                raise InputError(
                    msg(
                        "不允许使用 YAML 别名（*{name}）；请直接写出数值",
                        "YAML aliases (*{name}) are not allowed; write the value out",
                        name=event.anchor,
                    ),
                    _loc(file, event.start_mark),
                )
            elif kind is _StreamEndEvent or event is None:
                break
    except yaml.reader.ReaderError:
        raise _bad_character(text, file) from None
    except yaml.MarkedYAMLError as exc:
        # Some libyaml versions stop deep flow nesting themselves, scanning ahead of the
        # events this loop counts: the limit is planck's, whichever layer reached it first.
        too_deep = _flow_too_deep(text, file, stack)
        if too_deep is not None:
            raise too_deep from None
        raise _syntax_error(exc, text, file) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for all we saw
        raise InputError(msg("YAML 错误：{e}", "YAML error: {e}", e=exc), Location(file)) from None
    finally:
        loader.dispose()
    if root is None:
        raise InputError(msg("文件为空", "the file is empty"), Location(file, 1, 1))
    return root


# -- the common case without the YAML parser ---------------------------------------------------
#
# Most reports are a few dozen lines of `key: value`, nested by indentation, with comments, and
# now and then a one-line `{value: 1, previous: 2}` or a quoted text. For those, _parse_simple
# builds the same tree (the same nodes, tags and positions) as the event loop, several times
# faster; for anything else it answers None and the YAML parser reads the file. It is
# deliberately narrow: no block sequences, no nested flow, no multi-line, escaped or special
# scalars, no anchors, tags, directives or document markers, no tabs or carriage returns, and
# plain scalars only of characters that cannot mean anything to YAML. tests/unit/
# test_tree_simple.py compares both readers on generated documents.


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
_SIMPLE_MAX_LINE = 1000  # libyaml refuses implicit keys over 1024 characters


def _parse_simple(text: str, file: str) -> Mapping | None:
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
        if len(line) > _SIMPLE_MAX_LINE:
            return None
        m = line_match(line)
        if m is None:
            if skip(line) is None:
                return None  # not blank, not a comment, not `key: value`
            continue
        indent_s, key, value = m.groups()
        indent = len(indent_s)
        if _resolve_plain(key).endswith(":null"):
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
        if _resolve_plain(key).endswith(":null") or key in mapping.items:
            return None
        node = _simple_scalar(scalar, Location(file, line, start + item.start(2) + 1))
        mapping.items[key] = (Location(file, line, start + item.start(1) + 1), node)
        at = item.end()
        if after == "}":
            return mapping if at == end else None


def _simple_scalar(text: str, loc: Location) -> Scalar:
    if text[0] == '"' or text[0] == "'":  # quoted, without escapes: the text between the quotes
        return Scalar(text[1:-1], False, _STR, loc)
    return Scalar(text, True, _resolve_plain(text), loc)


# The usual numbers of a report (12.39, -3, 2021), tagged as YAML 1.1's resolver tags them
# (its float pattern wants a dot, and no earlier pattern takes a leading digit or minus), but
# without going through its chain of expressions: most values of a report are new to it.
_USUAL_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
_USUAL_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = "tag:yaml.org,2002:float"
_INT = "tag:yaml.org,2002:int"


@functools.lru_cache(maxsize=4096)
def _resolve_plain(value: str) -> str:
    """YAML 1.1's implicit tag of a plain scalar. Keys and many values repeat across reports,
    and the resolver is a chain of regular expressions: remember the answers."""
    if _USUAL_FLOAT.fullmatch(value) is not None:
        return _FLOAT
    if _USUAL_INT.fullmatch(value) is not None:
        return _INT
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


def _check_tag(tag: str | None, loc: Location) -> None:
    if tag is not None and tag not in _STANDARD_TAGS:
        raise InputError(
            msg(
                "不允许使用 YAML 标签 {tag}；报告只能包含普通数据",
                "YAML tag {tag} is not allowed; a report holds plain data only",
                tag=tag,
            ),
            loc,
        )


def _attach(
    stack: list[Mapping | Sequence],
    pending_key: list[tuple[str, Location] | None],
    node: Node,
    positions_only: bool = False,
) -> None:
    if not stack:
        return
    parent = stack[-1]
    if isinstance(parent, Sequence):
        parent.items.append(node)
        return
    key = pending_key[-1]
    if key is None:
        if not isinstance(node, Scalar):
            raise InputError(
                msg("映射的键必须是简单的文本", "a mapping key must be plain text"), node.loc
            )
        if node.plain and node.raw == "<<":
            raise InputError(
                msg(
                    "不允许使用 YAML 合并键（<<）；请直接写出各个键",
                    "YAML merge keys (<<) are not allowed; write the keys out",
                ),
                node.loc,
            )
        key_text = "" if node.tag.endswith(":null") else node.raw
        if key_text in parent.items:
            if positions_only:  # two keys made alike by _yaml_safe; json knows them apart
                key_text = f"{key_text}\0{len(parent.items)}"
            else:
                raise duplicate_key_error(key_text, parent.items[key_text][0], node.loc)
        pending_key[-1] = (key_text, node.loc)
        return
    parent.items[key[0]] = (key[1], node)
    pending_key[-1] = None


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


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    loc = _loc(file, mark) if mark is not None else Location(file)
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


def _bad_character(text: str, file: str) -> InputError:
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


def _too_deep(loc: Location) -> InputError:
    return InputError(
        msg(
            "嵌套层级过深（超过 {n} 层）", "nesting is too deep (more than {n} levels)", n=MAX_DEPTH
        ),
        loc,
    )


def _flow_too_deep(text: str, file: str, stack: list[Mapping | Sequence]) -> InputError | None:
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
                return _too_deep(Location(file, line, column))
        elif char in "]}" and depth:
            depth -= 1
        previous = char
    return None


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
            parse_yaml(_yaml_safe(text), file)
        except InputError as located:
            raise located from None
        raise InputError(
            msg("重复的键“{key}”", "duplicate key '{key}'", key=exc.key[:40]), Location(file)
        ) from None
    except RecursionError:
        raise InputError(msg("嵌套层级过深", "nesting is too deep"), Location(file)) from None
    except ValueError as exc:  # pragma: no cover - parse_int keeps json's own ValueErrors out
        raise InputError(msg("JSON 错误：{e}", "JSON error: {e}", e=exc), Location(file)) from None
    safe = _yaml_safe(text)
    if safe == text:
        simple = _parse_json_simple(text, file)
        if simple is not None:
            return simple
    try:
        tree = parse_yaml(safe, file, _positions_only=safe != text)
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


def _parse_json_simple(text: str, file: str) -> Node | None:
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
                if len(string) > _SIMPLE_MAX_LINE:
                    return None
                key = (string, loc)
                continue
            node = Scalar(string, False, _STR, loc)
        else:
            node = Scalar(literal, True, _resolve_plain(literal), loc)
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
    return int(text) if len(text) <= _MAX_INT_DIGITS else float("inf")


def _yaml_safe(text: str) -> str:
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
