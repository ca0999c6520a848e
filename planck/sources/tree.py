"""Parse YAML into a small tree whose every node knows its line and column.

The tree is built from parser *events*, never by a YAML constructor, so no tag can build a
Python object, aliases are refused outright (an alias bomb has nothing to expand), nesting is
bounded, and a duplicate key is an error that names both lines. Plain `key: value` documents,
most reports, are read without the parser by a narrow reader that builds the same tree
(planck.sources.simple); JSON comes through planck.sources.jsontree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from planck.errors import InputError, Location
from planck.i18n import msg
from planck.nodes import Mapping, Node, Scalar, Sequence, Tag
from planck.sources.simple import parse_simple
from planck.sources.yamlerrors import (
    bad_character,
    duplicate_key_error,
    flow_too_deep,
    mark_location,
    syntax_error,
)
from planck.sources.yamltags import MAX_DEPTH, STANDARD_TAGS, check_tag, resolve_plain, too_deep

try:  # the libyaml parser is several times faster; fall back to pure Python without it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_AliasEvent = yaml.AliasEvent
_StreamEndEvent = yaml.StreamEndEvent
# the explicit tags a scalar may carry, as Tags ("!" is resolved like a plain scalar's)
_EXPLICIT = {tag: Tag(tag) for tag in STANDARD_TAGS if tag != "!"}


def parse_yaml(text: str, file: str, *, positions_only: bool = False) -> Node:
    """Parse one YAML document into a positioned tree; raise InputError on anything unusable.
    (``positions_only``: the JSON reader's pass, whose keys json has already checked.)"""
    if not positions_only:
        simple = parse_simple(text, file)
        if simple is not None:
            return simple
    return parse_events(text, file, positions_only)


@dataclass(slots=True)
class _Build:
    """The tree being built from the events: the open containers, innermost last, each with
    the key waiting for its value (mappings only)."""

    file: str
    positions_only: bool
    stack: list[Mapping | Sequence] = field(default_factory=list)
    pending_key: list[tuple[str, Location] | None] = field(default_factory=list)
    root: Node | None = None
    documents: int = 0


def parse_events(text: str, file: str, positions_only: bool = False) -> Node:
    """parse_yaml with libyaml's events: any YAML.

    This loop runs for every value of a report the simple reader leaves to it, so it is written
    for speed: the event's exact type is compared, and the common case (a scalar in a mapping)
    is handled inline; everything else goes to _structure."""
    build = _Build(file, positions_only)
    stack, pending_key = build.stack, build.pending_key
    loader = _Loader(text)
    try:
        while True:
            event: Any = loader.get_event()
            if type(event) is not _ScalarEvent:
                if _structure(build, event):
                    break
                continue
            mark: Any = event.start_mark
            loc = Location(file, mark.line + 1, mark.column + 1)
            tag = event.tag
            plain = not event.style  # libyaml gives '' for plain, PyYAML None
            if tag is None or tag == "!":
                tag = resolve_plain(event.value) if plain else Tag.STR
            else:
                check_tag(tag, loc)
                tag = _EXPLICIT[tag]
            node: Node = Scalar(event.value, plain, tag, loc)
            if not stack:
                build.root = node
                continue
            parent = stack[-1]
            if type(parent) is Mapping:
                key = pending_key[-1]
                if key is not None:
                    parent.items[key[0]] = (key[1], node)
                    pending_key[-1] = None
                    continue
            _attach(stack, pending_key, node, positions_only)
    except yaml.reader.ReaderError:
        raise bad_character(text, file) from None
    except yaml.MarkedYAMLError as exc:
        # Some libyaml versions stop deep flow nesting themselves, scanning ahead of the
        # events this loop counts: the limit is planck's, whichever layer reached it first.
        deep = flow_too_deep(text, file, stack)
        if deep is not None:
            raise deep from None
        raise syntax_error(exc, text, file) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for all we saw
        raise InputError(msg("YAML 错误：{e}", "YAML error: {e}", e=exc), Location(file)) from None
    finally:
        loader.dispose()
    if build.root is None:
        raise InputError(msg("文件为空", "the file is empty"), Location(file, 1, 1))
    return build.root


def _structure(build: _Build, event: Any) -> bool:
    """Apply an event other than a scalar to the tree; True at the end of the stream."""
    kind = type(event)
    stack = build.stack
    if kind is _MappingStartEvent or kind is _SequenceStartEvent:
        loc = mark_location(build.file, event.start_mark)
        check_tag(event.tag, loc)
        if len(stack) >= MAX_DEPTH:
            raise too_deep(loc)
        container: Mapping | Sequence = (
            Mapping(loc) if kind is _MappingStartEvent else Sequence(loc)
        )
        _attach(stack, build.pending_key, container, build.positions_only)
        stack.append(container)
        build.pending_key.append(None)
    elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
        done = stack.pop()
        build.pending_key.pop()
        if not stack:
            build.root = done
    elif kind is _DocumentStartEvent:
        build.documents += 1
        if build.documents > 1:
            raise InputError(
                msg(
                    "一个文件只能有一个 YAML 文档（发现第二个“---”）",
                    "a file may hold one YAML document only (found a second '---')",
                ),
                mark_location(build.file, event.start_mark),
            )
    elif kind is _AliasEvent:
        raise InputError(
            msg(
                "不允许使用 YAML 别名（*{name}）；请直接写出数值",
                "YAML aliases (*{name}) are not allowed; write the value out",
                name=event.anchor,
            ),
            mark_location(build.file, event.start_mark),
        )
    elif kind is _StreamEndEvent or event is None:
        return True
    return False


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
        key_text = "" if node.tag is Tag.NULL else node.raw
        if key_text in parent.items:
            if positions_only:  # two keys made alike by yaml_safe; json knows them apart
                key_text = f"{key_text}\0{len(parent.items)}"
            else:
                raise duplicate_key_error(key_text, parent.items[key_text][0], node.loc)
        pending_key[-1] = (key_text, node.loc)
        return
    parent.items[key[0]] = (key[1], node)
    pending_key[-1] = None
