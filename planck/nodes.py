"""The positioned tree every report and rule-set reader builds: scalars, mappings and lists
that know their line and column, and the type of each scalar.

YAML and JSON files, CSV cells and spreadsheet cells all arrive as these nodes, so one value
parser (planck.domain.values) treats the same figure the same way whatever file it came from. This
module sits low (it needs only Location): the readers in planck.sources build the nodes, and
the value parser reads them, without either importing the other.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planck.errors import Location


class Tag(StrEnum):
    """What a scalar is, as YAML 1.1 types it (a plain `yes` is a boolean, `1.5` a float).

    The members' values are YAML's tag URIs, so a tag read from a file maps to a member by
    value; CSV and spreadsheet cells are tagged as the same figure written in YAML would be."""

    NULL = "tag:yaml.org,2002:null"
    BOOL = "tag:yaml.org,2002:bool"
    INT = "tag:yaml.org,2002:int"
    FLOAT = "tag:yaml.org,2002:float"
    STR = "tag:yaml.org,2002:str"
    TIMESTAMP = "tag:yaml.org,2002:timestamp"
    MAP = "tag:yaml.org,2002:map"
    SEQ = "tag:yaml.org,2002:seq"
    # what YAML's resolver gives the plain scalars `<<`, `=` and `!`/`&`/`*`: text to planck
    MERGE = "tag:yaml.org,2002:merge"
    VALUE = "tag:yaml.org,2002:value"
    YAML = "tag:yaml.org,2002:yaml"


_INT_RE = re.compile(r"[-+]?(0|[1-9][0-9]*)")
MAX_INT_DIGITS = 4000


@dataclass(slots=True)
class Scalar:
    raw: str
    plain: bool  # written without quotes (so YAML's implicit typing applies)
    tag: Tag
    loc: Location

    @property
    def is_null(self) -> bool:
        return self.tag is Tag.NULL

    @property
    def value(self) -> Any:
        """The scalar as YAML 1.1 would type it, for the few tags planck needs."""
        tag = self.tag
        if tag is Tag.NULL:
            return None
        if tag is Tag.BOOL:
            return self.raw.lower() in ("yes", "true", "on", "y")
        if tag is Tag.INT and _INT_RE.fullmatch(self.raw):
            # Python refuses to convert integers of more than 4300 digits (ValueError); such a
            # number stays text, which every check that wants a number then refuses.
            return int(self.raw) if len(self.raw) <= MAX_INT_DIGITS else self.raw
        if tag is Tag.FLOAT:
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
    if node.tag is Tag.NULL:
        return "空值", "null"
    return f"“{node.raw}”", repr(node.raw)
