"""What YAML, JSON and table reports share: naming the jurisdiction and year, reading one
indicator's entry (a value, or a mapping of value, unit, previous, note, verified) into an
Observation, and the messages about both.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from planck.domain.names import SUGGEST_MAX_LEN
from planck.domain.values import normalise_text, parse_number, short, with_declared_unit
from planck.errors import InputError, Location
from planck.i18n import Msg, msg
from planck.model import Diagnostic, Number, Observation, Severity
from planck.nodes import Mapping, Node, Scalar, Sequence, Tag, describe
from planck.sources.jurisdictions import JurisdictionIndex
from planck.sources.yamlerrors import colon_in_scalar

VALUE_KEYS = ("value", "unit", "previous", "note", "verified")
_YEAR = re.compile(r"[0-9]{4}")
_WHOLE_YEAR = re.compile(r"([0-9]{4})\.0+")
_YEAR_WITH_SUFFIX = re.compile(r"([0-9]{4})\s*年(度)?")


def place(loc: Location, *, rows: bool = False) -> tuple[str, str]:
    """A place named for a message: a spreadsheet cell ("Sheet!C7"), else a line of a YAML
    or JSON file ("第 7 行", "line 7") or a row of a CSV file ("第 7 行", "row 7")."""
    ref = loc.cell_ref()
    if ref is not None:
        return ref, ref
    return f"第 {loc.line} 行", f"{'row' if rows else 'line'} {loc.line}"


def same_indicator_error(
    earlier: Observation, key: str, key_loc: Location, rule_id: str, *, rows: bool = False
) -> InputError:
    """Two entries of one report that name the same indicator (its id and its Chinese name,
    say): which value is meant cannot be guessed, as with a duplicate key. ``rows``: the
    report is a table, whose places are rows."""
    a_zh, a_en = place(earlier.key_location or earlier.location, rows=rows)
    b_zh, b_en = place(key_loc, rows=rows)
    return InputError(
        msg(
            "“{a}”（{a_zh}）与“{b}”（{b_zh}）是同一指标“{id}”；请只保留一个",
            "'{a}' ({a_en}) and '{b}' ({b_en}) name the same indicator '{id}'; keep only one",
            a=short(earlier.indicator),
            b=short(key),
            a_zh=a_zh,
            b_zh=b_zh,
            a_en=a_en,
            b_en=b_en,
            id=rule_id,
        ),
        key_loc,
    )


def unknown_key(key: str, known: tuple[str, ...], zh_what: str, en_what: str) -> Msg:
    close = (
        difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if len(key) <= SUGGEST_MAX_LEN
        else []
    )
    if close:
        return msg(
            "未知的{zh_what}“{key}”（是否应为“{close}”？）",
            "unknown {en_what} '{key}' (did you mean '{close}'?)",
            zh_what=zh_what,
            en_what=en_what,
            key=short(key),
            close=close[0],
        )
    return msg(
        "未知的{zh_what}“{key}”，已忽略",
        "unknown {en_what} '{key}', ignored",
        zh_what=zh_what,
        en_what=en_what,
        key=short(key),
    )


def _not_text(node: Node | None) -> Node | None:
    """The node if it is given but is not text (a mapping or a list), else None."""
    return node if isinstance(node, Mapping | Sequence) else None


def _ignored_text(name: str, node: Node) -> Diagnostic:
    zh, en = describe(node)
    return Diagnostic(
        msg(
            "{name} 应为文本，这里是{zh}；已忽略",
            "'{name}' must be text, not {en}; it is ignored",
            name=name,
            zh=zh,
            en=en,
        ),
        node.loc,
        Severity.WARNING,
    )


def text_of(node: Node | None) -> str | None:
    if isinstance(node, Scalar) and node.tag is not Tag.NULL:
        return node.raw
    return None


def resolve_jurisdiction(node: Node, index: JurisdictionIndex) -> str:
    """A jurisdiction node (id or Chinese/English name) to a known jurisdiction id."""
    if not isinstance(node, Scalar) or node.tag is Tag.NULL or not node.raw.strip():
        raise InputError(
            msg(
                "jurisdiction 必须是地区 id 或名称",
                "'jurisdiction' must be a jurisdiction id or name",
            ),
            node.loc,
        )
    name = normalise_text(node.raw)
    resolved = index.resolve(name)
    if resolved is None:
        known = sorted({j for j in index.by_name.values()})
        hint = index.suggest(name)
        raise InputError(
            msg(
                "未知地区“{name}”{hint_zh}；已知：{known}",
                "unknown jurisdiction '{name}'{hint_en}; known: {known}",
                name=short(node.raw),
                hint_zh=f"（是否应为“{hint}”？）" if hint else "",
                hint_en=f" (did you mean '{hint}'?)" if hint else "",
                known=", ".join(known) or "—",
            ),
            node.loc,
        )
    return resolved


def parse_year(node: Node, *, table: bool = False) -> int:
    """A year node to an int: four ASCII digits (after full-width normalisation), not a bool.
    In a table (``table``), also a whole number with a decimal point, 2023.0: what a float
    column of years gives when pandas or a spreadsheet writes it. A YAML or JSON report,
    written by hand or by a program that knows its types, must write the year as an integer."""
    if isinstance(node, Scalar):
        text = normalise_text(node.raw)
        if _YEAR.fullmatch(text) and not (node.plain and node.tag is Tag.BOOL):
            return int(text)
        whole = _WHOLE_YEAR.fullmatch(text) if table else None
        if whole is not None:  # 2023.0: a spreadsheet's or pandas's float column of years
            return int(whole.group(1))
        suffixed = _YEAR_WITH_SUFFIX.fullmatch(text)
        if suffixed:
            raise InputError(
                msg(
                    "年份请只写数字：把“{raw}”改为 {y}",
                    "write the year as a number only: {y}, not '{raw}'",
                    raw=short(node.raw),
                    y=suffixed.group(1),
                ),
                node.loc,
            )
    zh, en = describe(node)
    raise InputError(
        msg(
            "year 必须是四位整数年份，如 2023；这里是{zh}",
            "'year' must be a four-digit year such as 2023, not {en}",
            zh=zh,
            en=en,
        ),
        node.loc,
    )


@dataclass(slots=True)
class _Entry:
    """The parts of one indicator's entry, before its value is read as a number."""

    value: Node
    unit: str | None = None
    unit_problem: Node | None = None  # a unit that is not text
    previous: Number | None = None
    previous_problem: Msg | None = None
    previous_loc: Location | None = None
    note: str | None = None
    verified: str | None = None


def _entry_mapping(node: Mapping, warnings: list[Diagnostic]) -> _Entry:
    """The parts of an entry written as a mapping (`{value: 1.2, unit: "%"}`)."""
    for sub, (sub_loc, _) in node.items.items():
        if sub not in VALUE_KEYS:
            warnings.append(
                Diagnostic(unknown_key(sub, VALUE_KEYS, "键", "key"), sub_loc, Severity.WARNING)
            )
    value = node.get("value")
    unit_node = node.get("unit")
    entry = _Entry(
        value=value if value is not None else Scalar("", True, Tag.NULL, node.loc),
        unit=text_of(unit_node),
        unit_problem=_not_text(unit_node),
        note=text_of(node.get("note")),
        verified=text_of(node.get("verified")),
    )
    prev_node = node.get("previous")
    if prev_node is not None:
        entry.previous, entry.previous_problem = parse_number(prev_node)
        entry.previous_loc = prev_node.loc
    for name in ("note", "verified"):
        ignored = _not_text(node.get(name))
        if ignored is not None:
            warnings.append(_ignored_text(name, ignored))
    if entry.verified is not None and not entry.verified.strip():
        entry.verified = None
    return entry


def observation(key: str, key_loc: Location, node: Node, warnings: list[Diagnostic]) -> Observation:
    """One indicator's entry, a value or a mapping, read into an Observation."""
    if isinstance(node, Mapping):
        entry = _entry_mapping(node, warnings)
    else:
        colon = colon_in_scalar(node, VALUE_KEYS)
        if colon is not None:
            raise colon
        entry = _Entry(value=node)
    number, problem = parse_number(entry.value)
    previous, previous_problem = entry.previous, entry.previous_problem
    if entry.unit_problem is not None:
        # a unit that is not text cannot be applied, and the number without it may be read
        # in the wrong unit: the value is unusable, never judged as if no unit were given
        zh, en = describe(entry.unit_problem)
        number, problem = (
            None,
            msg("unit（单位）应为文本，这里是{zh}", "'unit' must be text, not {en}", zh=zh, en=en),
        )
        previous = None
    elif entry.unit:
        if number is not None:
            number, problem = with_declared_unit(number, entry.unit)
        if previous is not None:
            previous, previous_problem = with_declared_unit(previous, entry.unit)
    value_node = entry.value
    raw = value_node.raw if isinstance(value_node, Scalar) else describe(value_node)[1]
    return Observation(
        indicator=key,
        number=number,
        problem=problem,
        location=value_node.loc,
        raw=raw,
        previous=previous,
        previous_problem=previous_problem,
        previous_location=entry.previous_loc,
        note=entry.note,
        key_location=key_loc,
        verified=entry.verified,
    )
