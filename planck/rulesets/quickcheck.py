"""Whether a rule set is valid against its JSON Schema, answered without importing jsonschema.

Importing jsonschema costs about 45–60 ms: half of what `planck check` of one report with a
user rule set takes. Most rule sets are valid, so the loader asks this small interpreter of the
keywords ruleset.schema.json uses first, and imports jsonschema only when the answer is not a
plain yes, to find and describe the problems. It describes nothing, so it need only agree with
jsonschema on valid or not (tests/unit/test_quickcheck.py compares the two on generated rule
sets). A keyword it does not know makes it answer "cannot say" (None), never "valid".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from numbers import Number
from typing import Any

_Schema = dict[str, Any]

# Keywords that only annotate: they never make an instance invalid.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"}
)


class _Unknown(Exception):
    """The schema uses something this interpreter does not implement."""


def _is_number(x: object) -> bool:
    return isinstance(x, Number) and not isinstance(x, bool)


_TYPES: dict[str, Callable[[object], bool]] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": _is_number,
    # JSON Schema's integers are the numbers without a fraction: 3.0 is one.
    "integer": lambda x: (
        (isinstance(x, int) and not isinstance(x, bool))
        or (isinstance(x, float) and x.is_integer())
    ),
}


def _equal(a: object, b: object) -> bool:
    """JSON equality as jsonschema has it: 1 equals 1.0, but true is not 1."""
    if a is b:
        return True
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return len(a) == len(b) and all(k in b and _equal(v, b[k]) for k, v in a.items())
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    return a == b


def _type(x: object, value: Any) -> bool:
    names = [value] if isinstance(value, str) else value
    if any(name not in _TYPES for name in names):
        raise _Unknown(value)
    return any(_TYPES[name](x) for name in names)


# The keywords about one value alone, each as a test of (instance, keyword's value). A keyword
# that does not apply to the instance's type passes, as in JSON Schema.
_LEAF: dict[str, Callable[[Any, Any], bool]] = {
    "type": _type,
    "const": _equal,
    "enum": lambda x, v: any(_equal(x, option) for option in v),
    "minLength": lambda x, v: not isinstance(x, str) or not len(x) < v,
    "maxLength": lambda x, v: not isinstance(x, str) or not len(x) > v,
    "pattern": lambda x, v: not isinstance(x, str) or re.search(v, x) is not None,
    "minimum": lambda x, v: not _is_number(x) or not x < v,
    "maximum": lambda x, v: not _is_number(x) or not x > v,
    "exclusiveMinimum": lambda x, v: not _is_number(x) or x > v,
    "minItems": lambda x, v: not isinstance(x, list) or not len(x) < v,
    "maxItems": lambda x, v: not isinstance(x, list) or not len(x) > v,
    "required": lambda x, v: not isinstance(x, dict) or all(name in x for name in v),
    "minProperties": lambda x, v: not isinstance(x, dict) or not len(x) < v,
}


class _Checker:
    def __init__(self, root: _Schema) -> None:
        self.defs: dict[str, _Schema] = root.get("$defs", {})
        self.root = root

    def valid(self, x: Any, s: _Schema | bool) -> bool:
        if s is True:
            return True
        if s is False:
            return False
        for key, value in s.items():
            if key in _ANNOTATIONS or key == "then" or key == "else":  # then/else: with "if"
                continue
            leaf = _LEAF.get(key)
            ok = leaf(x, value) if leaf is not None else self._nested(key, value, x, s)
            if not ok:
                return False
        return True

    def _nested(self, key: str, value: Any, x: Any, s: _Schema) -> bool:
        """The keywords that apply a schema to the instance or to its parts."""
        if key == "$ref":
            if not value.startswith("#/$defs/") or value[8:] not in self.defs:
                raise _Unknown(value)
            return self.valid(x, self.defs[value[8:]])
        if key == "allOf":
            return all(self.valid(x, sub) for sub in value)
        if key == "not":
            return not self.valid(x, value)
        if key == "if":
            branch = "then" if self.valid(x, value) else "else"
            return branch not in s or self.valid(x, s[branch])
        if key == "prefixItems":
            return not isinstance(x, list) or all(
                self.valid(item, sub) for item, sub in zip(x, value, strict=False)
            )
        if key == "items":
            skip = len(s.get("prefixItems", ()))
            return not isinstance(x, list) or all(self.valid(item, value) for item in x[skip:])
        if key == "properties":
            return not isinstance(x, dict) or all(
                self.valid(x[name], sub) for name, sub in value.items() if name in x
            )
        if key == "additionalProperties":
            if "patternProperties" in s:
                raise _Unknown(key)
            known = s.get("properties", {})
            return not isinstance(x, dict) or all(
                self.valid(x[name], value) for name in x if name not in known
            )
        if key == "propertyNames":
            return not isinstance(x, dict) or all(self.valid(name, value) for name in x)
        raise _Unknown(key)


@cache
def _checker(schema_text: str) -> _Checker:
    import json

    return _Checker(json.loads(schema_text))


def valid(data: Any, schema_text: str) -> bool | None:
    """True if ``data`` is valid against the schema, False if not, None if this module cannot
    tell (the schema uses a keyword it does not implement)."""
    checker = _checker(schema_text)
    try:
        return checker.valid(data, checker.root)
    except _Unknown:
        return None
    except RecursionError:  # a very deeply nested document: let jsonschema say what it makes of it
        return None
