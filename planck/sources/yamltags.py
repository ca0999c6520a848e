"""YAML's implicit typing of plain scalars, and the tags a report may carry, as planck Tags.

Shared by the YAML event reader, the simple reader and the JSON reader, which must all type the
same text the same way.
"""

from __future__ import annotations

import functools
import re

import yaml

from planck.errors import InputError, Location
from planck.i18n import msg
from planck.nodes import Tag

MAX_DEPTH = 64

_RESOLVER = yaml.resolver.Resolver()
# Tags a file may write explicitly (`!!str 010`); "!" is the non-specific tag of a quoted scalar.
STANDARD_TAGS = frozenset({*(tag.value for tag in Tag), "!"}) - {
    Tag.MERGE.value,
    Tag.VALUE.value,
    Tag.YAML.value,
}

# The usual numbers of a report (12.39, -3, 2021), tagged as YAML 1.1's resolver tags them
# (its float pattern wants a dot, and no earlier pattern takes a leading digit or minus), but
# without going through its chain of expressions: most values of a report are new to it.
_USUAL_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
_USUAL_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")


@functools.lru_cache(maxsize=4096)
def resolve_plain(value: str) -> Tag:
    """YAML 1.1's implicit tag of a plain scalar. Keys and many values repeat across reports,
    and the resolver is a chain of regular expressions: remember the answers."""
    if _USUAL_FLOAT.fullmatch(value) is not None:
        return Tag.FLOAT
    if _USUAL_INT.fullmatch(value) is not None:
        return Tag.INT
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return Tag(tag)


def check_tag(tag: str | None, loc: Location) -> None:
    """Refuse an explicit tag that could build something other than plain data."""
    if tag is not None and tag not in STANDARD_TAGS:
        raise InputError(
            msg(
                "不允许使用 YAML 标签 {tag}；报告只能包含普通数据",
                "YAML tag {tag} is not allowed; a report holds plain data only",
                tag=tag,
            ),
            loc,
        )


def too_deep(loc: Location) -> InputError:
    return InputError(
        msg(
            "嵌套层级过深（超过 {n} 层）", "nesting is too deep (more than {n} levels)", n=MAX_DEPTH
        ),
        loc,
    )
