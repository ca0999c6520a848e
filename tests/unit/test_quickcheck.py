"""planck.rulesets.quickcheck must agree with jsonschema on whether a rule set is valid: the
loader trusts its "valid" without asking jsonschema."""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from planck.nodes import to_python
from planck.rulesets import quickcheck
from planck.rulesets.loader import builtin_rules_dir, schema_text
from planck.sources.tree import parse_yaml
from tests.conftest import run_cli

SCHEMA = schema_text()
REFERENCE = Draft202012Validator(json.loads(SCHEMA))  # the schema as written, $refs and all


def _shipped() -> list[dict[str, Any]]:
    files = sorted(builtin_rules_dir().glob("*.yaml"))
    assert files
    return [to_python(parse_yaml(f.read_text("utf-8"), str(f))) for f in files]


SHIPPED = _shipped()


def _names(node: object) -> set[str]:
    """Every property name the schema mentions."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("properties", "$defs") and isinstance(value, dict):
                found.update(value)
            found |= _names(value)
    elif isinstance(node, list):
        for item in node:
            found |= _names(item)
    return found


KEYS = sorted(_names(json.loads(SCHEMA)))

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 3000)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0, 1, 1.0, 1948, 1949, 2100, 2101, 2025.0, 2025.5, -0.0, math.nan])
    | st.text(max_size=4)
    | st.sampled_from(
        ["", "at_least", "at_most", "non_decreasing", "qualitative", "ok_id-2", "Bad", "a\n"]
        + ["2022-01-01", "2022-1-01", "２０２２-01-01", "x" * 65, "y" * 64]
    )
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: object, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(draw(st.sampled_from(SHIPPED)))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["set", "delete", "add"]))
        if not path:
            if how == "set" and draw(st.booleans()):
                data = draw(_VALUES)
            continue
        parent = _at(data, path[:-1])
        if how == "set":
            parent[path[-1]] = draw(_VALUES)
        elif how == "delete":
            del parent[path[-1]]
        else:
            target = _at(data, path)
            if isinstance(target, dict):
                target[draw(st.sampled_from(KEYS) | st.text(max_size=3))] = draw(_VALUES)
            elif isinstance(target, list):
                target.append(draw(_VALUES))
    return data


def test_the_shipped_rule_sets_are_valid_to_both() -> None:
    for data in SHIPPED:
        assert REFERENCE.is_valid(data)
        assert quickcheck.valid(data, SCHEMA) is True


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_it_agrees_with_jsonschema_on_changed_rule_sets(data: Any) -> None:
    assert quickcheck.valid(data, SCHEMA) is REFERENCE.is_valid(data)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(planck=True), False),  # true is not the version 1
        (lambda d: d.update(planck=1.0), True),  # but 1.0 is
        (lambda d: d["period"].__setitem__(0, 2021.0), True),  # a whole float is an integer
        (lambda d: d["period"].__setitem__(0, math.nan), False),
        (lambda d: d["rules"][0].update(target=math.nan), True),  # a number, by JSON Schema
        (lambda d: d.update(id="dushanzi\n"), False),  # the whole text must match, not up to "\n"
        (lambda d: d["rules"][0].pop("kind"), False),
        (lambda d: d.update(extra=1), False),
    ],
)
def test_edge_cases_agree(change: Any, expected: bool) -> None:
    data = copy.deepcopy(SHIPPED[0])
    change(data)
    assert REFERENCE.is_valid(data) is expected
    assert quickcheck.valid(data, SCHEMA) is expected


def test_a_keyword_it_does_not_know_means_it_cannot_say() -> None:
    schema = json.dumps({"type": "object", "patternProperties": {"^x": {"type": "string"}}})
    assert quickcheck.valid({"x": 1}, schema) is None
    assert quickcheck.valid({}, json.dumps({"dependentRequired": {"a": ["b"]}})) is None


def test_a_rule_set_it_refuses_is_described_by_jsonschema(tmp_path: Path) -> None:
    text = (builtin_rules_dir() / "dushanzi-14th-fyp.yaml").read_text("utf-8")
    (tmp_path / "r.yaml").write_text(text.replace("binding: true", "binding: 1", 1), "utf-8")
    result = run_cli("rules", "lint", str(tmp_path / "r.yaml"), "--lang", "en")
    assert result.code == 2
    assert "rule set does not match the format" in result.err and "binding" in result.err


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("id",), "place\n"),
        (("rules", 0, "id"), "rd_intensity\n"),
        (("source", "date"), "2022-06-01\n"),
        (("source", "date"), "２０２２-06-01"),  # full-width digits: \d in Python, not in ECMA
    ],
)
def test_patterns_match_the_whole_text(where: tuple[Any, ...], value: str) -> None:
    """A schema pattern's `$` matches before a final line break under Python's re.search:
    the patterns must still refuse "place\\n", in jsonschema and in the quick check alike."""
    data = copy.deepcopy(SHIPPED[0])
    node: Any = data
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    assert REFERENCE.is_valid(data) is False
    assert quickcheck.valid(data, SCHEMA) is False
