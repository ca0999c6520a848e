"""The simple reader (planck.sources.simple.parse_simple) must build exactly the tree libyaml's
events give (nodes, tags, lines and columns), or step aside (None) and leave the text to them.

Documents are generated from the pieces reports are made of, and from pieces chosen to sit just
outside what the simple reader accepts: quotes with escapes, colons, hashes, tabs, sequences,
odd indentation, odd characters. Every generated text is read both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planck.errors import InputError
from planck.nodes import Mapping, Node
from planck.sources.simple import parse_simple as _parse_simple
from planck.sources.tree import parse_events as _parse_events
from planck.sources.tree import parse_yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Scalars: what reports hold, and what is one character away from trouble.
SCALARS = [
    "1",
    "1.35",
    "-2",
    "+3",
    ".5",
    "0.86",
    "2050",
    "1e3",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "2022-03-15",
    "2022-03-15 10:00:00",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "null",
    "Null",
    "~",
    "",
    "独山子区科学技术局",
    "克独政发〔2022〕19号",
    "表1",
    "2635万元",
    "a b",
    "a  b",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "#x",
    "-",
    "- x",
    "?",
    "? x",
    ":",
    "x:",
    "[1, 2]",
    "{a: 1}",
    "{}",
    "[]",
    "*x",
    "&x 1",
    "!!str 1",
    "!x 1",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    ",",
    "a,b",
    '"q"',
    '"a\\nb"',
    '"a\\"b"',
    '"a #b"',
    "'s'",
    "'it''s'",
    "''",
    '""',
    '"{x}"',
    "'a: b'",
    "a\tb",
    "\u3000",
    "a\u3000b",
    "\xa0",
    "a\xa0",
    "\u2028",
    "\ufeff",
    "\x85",
    "x\x7f",
    ".inf",
    "-.inf",
    ".nan",
    "NaN",
    "(1)",
    "1%",
    "a/b",
    "a.b",
    "a-b",
    "-a",
    "+a",
    ".a",
    "é",
    "😀",
    "it's",
    'say "hi"',
    "a;b",
    "a=b",
    "a, b",
    "a ,b",
    "a,",
    "a;",
    "a'",
    'a"',
    "<<",
    "=",
    "a = b",
    "--- x",
    "...",
    "0.",
    "1.",
    "1.2.3",
]
KEYS = [
    "jurisdiction",
    "year",
    "indicators",
    "rd_intensity",
    "value",
    "previous",
    "note",
    "a b",
    "2021",
    "1.5",
    "yes",
    "null",
    "~",
    "",
    "指标",
    "规上企业",
    "a:b",
    "a#b",
    "-a",
    "?",
    '"q"',
    "'s'",
    "a\tb",
    "x" * 1030,
    "[a]",
    "{a}",
    "&a",
    "*a",
    "!a",
]
SPACES = [" ", "  ", "", "\t", "   "]
COMMENTS = ["", " # note", "  #注释", "#x", " #", "\t# t"]


GOOD_SCALARS = [
    "1",
    "1.35",
    "-2",
    "2050",
    "0.86",
    "2022-03-15",
    "独山子区科学技术局",
    "2635万元",
    "a b",
    '"quoted 文本"',
    "'single'",
    "yes",
    "null",
    "含区属企业研发补助, 待核定",
    "1e3",
    ".5",
]


@st.composite
def scalar(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(GOOD_SCALARS if draw(st.integers(0, 9)) else SCALARS))


@st.composite
def flow(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(KEYS[:8]), min_size=1, max_size=3))
    items = [f"{k}: {draw(scalar())}" for k in keys]
    sep = draw(st.sampled_from([", ", ", ", ",", " , "]))
    end = draw(st.sampled_from(["}", "}", " }", ",}", ""]))
    return "{" + draw(st.sampled_from(["", "", " "])) + sep.join(items) + end


@st.composite
def block(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    for n in range(draw(st.integers(1, 5))):
        key = draw(st.sampled_from(KEYS[:9] if draw(st.integers(0, 9)) else KEYS)) + str(n)
        pad = " " * indent
        what = draw(st.sampled_from(["scalar", "scalar", "flow", "nested", "blank", "comment"]))
        if what == "blank":
            lines.append(draw(st.sampled_from(["", "  "])))
        elif what == "comment":
            lines.append(pad + draw(st.sampled_from(["# x", "#", "# 说明：数值为示例"])))
        if what == "nested" and depth < 3:
            lines.append(pad + key + ":" + draw(st.sampled_from(["", "", " # 注释"])))
            step = draw(st.sampled_from([2, 2, 4, 1]))
            lines += draw(block(indent + step, depth + 1))
        else:
            value = draw(flow()) if what == "flow" else draw(scalar())
            comment = draw(st.sampled_from(["", "", "", " # note", "  #注释", " "]))
            lines.append(f"{pad}{key}: {value}{comment}")
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = draw(block(0, 0))
    if not draw(st.integers(0, 3)):  # now and then a line that is not what it seems
        at = draw(st.integers(0, len(lines)))
        indent = " " * draw(st.sampled_from([0, 1, 2, 4]))
        odd = draw(
            st.sampled_from(["- 1", "---", "...", "%YAML 1.1", "? a", "x", "a:", "a :", "a::"])
        )
        lines.insert(at, indent + odd)
    if not draw(st.integers(0, 5)):
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = lines[at].replace(" ", draw(st.sampled_from(SPACES)), 1)
    ending = draw(st.sampled_from(["\n", "", "\n\n", "\r\n"]))
    return "\n".join(lines) + ending


def by_events(text: str) -> Node | str:
    try:
        return _parse_events(text, "r.yaml")
    except InputError as exc:
        return f"error: {exc}"


def assert_same(text: str) -> bool:
    """True if the simple reader took the text (and then built what the events build)."""
    simple = _parse_simple(text, "r.yaml")
    if simple is None:
        return False
    assert simple == by_events(text), text
    return True


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_simple_reader_builds_what_the_events_build_or_steps_aside(text: str) -> None:
    assert_same(text)


def test_it_reads_the_shipped_examples_and_the_usual_report_shapes() -> None:
    shipped = sorted(EXAMPLES.glob("dushanzi/*.yaml")) + sorted(EXAMPLES.glob("karamay/*.yaml"))
    assert shipped
    for path in shipped:
        assert assert_same(path.read_text(encoding="utf-8")), path
    usual = (
        "# 年报\njurisdiction: d00045\nyear: 2021\nindicators:\n  rd_intensity: 1.30 # 估计\n"
        "  fiscal_st_spending: {value: 972, previous: 953}\n"
        "  tech_contract_value: \"2635万元\"\n  note: '初步'\n  key_labs: 8\n"
    )
    assert assert_same(usual)
    tree = _parse_simple(usual, "r.yaml")
    assert isinstance(tree, Mapping)
    indicators = tree.get("indicators")
    assert isinstance(indicators, Mapping)
    assert indicators.loc.line == 5 and indicators.loc.column == 3
    flow_map = indicators.get("fiscal_st_spending")
    assert isinstance(flow_map, Mapping) and flow_map.loc.column == 23


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: the events' error names both lines
        "a:\nb: 1\n",  # a null
        "a: 1\n  b: 2\n",  # bad indentation
        "a:\n    b: 1\n  c: 2\n",  # a dedent to no open mapping
        "a: {b: 1, b: 2}\n",
        "- 1\n",
        "a: 1\r\nb: 2\r\n",
        "a: 1\n---\nb: 2\n",
        "  a: 1\n",
        "",
        "# only a comment\n",
        "a: {}\n",
        'a: "x\\"y"\n',
    ],
)
def test_it_steps_aside_where_yaml_has_more_to_say(text: str) -> None:
    assert _parse_simple(text, "r.yaml") is None
    # and parse_yaml then answers as the events do
    events = by_events(text)
    try:
        answer: Node | str = parse_yaml(text, "r.yaml")
    except InputError as exc:
        answer = f"error: {exc}"
    assert answer == events


@settings(max_examples=800, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"[-+]?[0-9_]{0,4}(\.[0-9_]{0,4})?([eE][-+]?[0-9]{1,2})?", fullmatch=True),
        st.from_regex(r"[-+.0-9:a-fA-FxobnN_]{1,8}", fullmatch=True),
    )
)
def test_numbers_are_tagged_as_the_yaml_resolver_tags_them(text: str) -> None:
    import yaml

    from planck.sources.yamltags import resolve_plain as _resolve_plain

    expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    assert _resolve_plain(text) == expected


# --- JSON: read again for positions without the YAML parser -----------------------------------

JSON_SCALARS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from([0.5, -0.0, 1e-5, 1e21, 2.5e300, 12.39, 1935.0]),
    st.booleans(),
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["2635万元", "1,234", "yes", "12.5", "a: b", "# x", 'say "hi"', "tab\there"]),
)
JSON_KEYS = st.one_of(
    st.sampled_from(["jurisdiction", "year", "indicators", "value", "previous", "note", "年份"]),
    st.text(min_size=0, max_size=8),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(JSON_KEYS, inner, max_size=5)
    ),
    max_leaves=12,
)


@st.composite
def json_documents(draw: st.DrawFn) -> str:
    import json

    value = draw(JSON_VALUES)
    indent = draw(st.sampled_from([None, 0, 1, 2, 4, "\t"]))
    separators = draw(st.sampled_from([None, (",", ":"), (", ", ": "), (" ,", " : ")]))
    text = json.dumps(value, indent=indent, separators=separators, ensure_ascii=draw(st.booleans()))
    return text + draw(st.sampled_from(["", "\n", "\n\n", " "]))


def by_yaml_events(text: str) -> Node | str:
    from planck.sources.jsontree import yaml_safe as _yaml_safe

    try:
        return _parse_events(_yaml_safe(text), "r.json")
    except InputError as exc:
        return f"error: {exc}"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_documents())
def test_json_is_read_as_the_yaml_events_read_it_or_left_to_them(text: str) -> None:
    from planck.sources.jsontree import parse_json_simple as _parse_json_simple
    from planck.sources.jsontree import yaml_safe as _yaml_safe

    if _yaml_safe(text) != text:
        return  # parse_json takes such a text to the YAML parser (see _yaml_safe)
    fast = _parse_json_simple(text, "r.json")
    if fast is not None:
        assert fast == by_yaml_events(text), text


def test_json_reports_of_the_usual_shapes_are_read_without_the_yaml_parser() -> None:
    from planck.sources.jsontree import parse_json
    from planck.sources.jsontree import parse_json_simple as _parse_json_simple

    usual = (
        '{\n  "jurisdiction": "d00045",\n  "year": 2021,\n  "indicators": {\n'
        '    "rd_intensity": 1.34,\n    "fiscal_st_spending": {"value": 1058, "previous": 1029},\n'
        '    "tech_contract_value": "20082万元",\n    "key_labs": 5,\n    "list": [1, "a", null]\n'
        "  }\n}\n"
    )
    fast = _parse_json_simple(usual, "r.json")
    assert fast is not None and fast == by_yaml_events(usual)
    assert parse_json(usual, "r.json") == fast
    assert isinstance(fast, Mapping)
    indicators = fast.get("indicators")
    assert isinstance(indicators, Mapping)
    assert indicators.items["rd_intensity"][0].line == 5
    value = indicators.get("fiscal_st_spending")
    assert isinstance(value, Mapping) and value.loc.column == 27
    # an escape, or a carriage return, is left to the YAML parser
    assert _parse_json_simple('{"a": "x\\"y"}', "r.json") is None
    assert _parse_json_simple('{"a": 1}\r\n', "r.json") is None
