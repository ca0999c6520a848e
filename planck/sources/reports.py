"""Build Report objects from parsed report files (SPEC §2)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from planck.errors import InputError, InputErrors, Location
from planck.i18n import Msg, msg
from planck.model import Diagnostic, Observation, Report, RuleSet, Severity
from planck.sources.decode import DEFAULT_MAX_BYTES, decode_text, read_limited
from planck.sources.names import SUGGEST_MAX_LEN, IndicatorNames, Suggester, name_key
from planck.sources.tree import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    colon_in_scalar,
    describe,
    parse_json,
    parse_yaml,
)
from planck.values import normalise_text, parse_number, short, with_declared_unit

TOP_LEVEL_KEYS = ("planck", "jurisdiction", "year", "submitted_by", "submitted_on", "indicators")
VALUE_KEYS = ("value", "unit", "previous", "note", "verified")
_YEAR = re.compile(r"[0-9]{4}")
_WHOLE_YEAR = re.compile(r"([0-9]{4})\.0+")
_YEAR_WITH_SUFFIX = re.compile(r"([0-9]{4})\s*年(度)?")


@dataclass
class JurisdictionIndex:
    """Jurisdiction ids and names known from the loaded rule sets, and the indicator names of
    the rule sets that cover each jurisdiction."""

    rulesets: list[RuleSet]
    by_name: dict[str, str] = field(default_factory=dict)  # name key -> jurisdiction id
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, shown) for suggestions
    _indicators: dict[str, IndicatorNames] = field(default_factory=dict)
    _suggester: Suggester | None = None

    def __post_init__(self) -> None:
        for ruleset in self.rulesets:
            for j in ruleset.jurisdictions:
                for name in (j.id, j.name, j.name_en, *j.aliases):
                    self.by_name.setdefault(name_key(name), j.id)
                # an alias is suggested by the name people know the place by
                self.names.extend(
                    [(j.id, j.id), (j.name, j.name), (j.name_en, j.name_en)]
                    + [(alias, j.name) for alias in j.aliases]
                )

    def resolve(self, name: str) -> str | None:
        return self.by_name.get(name_key(name))

    def suggest(self, name: str) -> str | None:
        if self._suggester is None:  # built once: a file may name many unknown places
            self._suggester = Suggester(self.names)
        return self._suggester.suggest(name)

    def indicators(self, jurisdiction: str) -> IndicatorNames:
        """How reports may name the indicators of the rule sets covering ``jurisdiction``."""
        found = self._indicators.get(jurisdiction)
        if found is None:
            found = self._indicators[jurisdiction] = IndicatorNames(
                rs for rs in self.rulesets if rs.covers_jurisdiction(jurisdiction)
            )
        return found


def load_report_file(
    path: Path,
    display: str,
    index: JurisdictionIndex,
    warnings: list[Diagnostic],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Report]:
    """Read one report file (YAML, JSON, CSV or XLSX; a CSV or XLSX file may hold several
    reports). Raises InputError (or InputErrors) for anything that cannot be read as a report;
    appends non-fatal diagnostics (unknown keys) to ``warnings``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from planck.sources.csvsrc import load_csv

        return load_csv(path, display, index, warnings, max_bytes)
    if suffix == ".xlsx":
        from planck.sources.xlsxsrc import load_xlsx

        return load_xlsx(path, display, index, warnings, max_bytes)
    text = decode_text(read_limited(path, display, max_bytes), display)
    tree = parse_json(text, display) if suffix == ".json" else parse_yaml(text, display)
    return [build_report(tree, display, index, warnings)]


def build_report(
    tree: Node, display: str, index: JurisdictionIndex, warnings: list[Diagnostic]
) -> Report:
    if not isinstance(tree, Mapping):
        colon = colon_in_scalar(tree)
        if colon is not None:
            raise colon
        zh, en = describe(tree)
        raise InputError(
            msg(
                "报告必须是一个映射（键: 值），这里是{zh}",
                "a report must be a mapping (key: value), not {en}",
                zh=zh,
                en=en,
            ),
            tree.loc,
        )
    version = tree.get("planck")
    if version is not None and not (
        isinstance(version, Scalar) and type(version.value) is int and version.value == 1
    ):
        raise InputError(
            msg(
                "不支持的报告格式版本（planck: 只能是 1）",
                "unsupported report format version (planck: must be 1)",
            ),
            version.loc,
        )
    jurisdiction = _jurisdiction(tree, index)
    names = index.indicators(jurisdiction)
    misplaced: list[InputError] = []
    for key, (key_loc, _) in tree.items.items():
        if key in TOP_LEVEL_KEYS:
            continue
        if names.resolve(key) is not None:
            misplaced.append(
                InputError(
                    msg(
                        "指标“{key}”必须缩进写在 indicators: 之下（在行首加两个空格）",
                        "the indicator '{key}' must be indented under 'indicators:' (start its "
                        "line with two spaces)",
                        key=short(key),
                    ),
                    key_loc,
                )
            )
            continue
        warnings.append(
            Diagnostic(
                _unknown(key, TOP_LEVEL_KEYS, "顶层键", "top-level key"),
                key_loc,
                Severity.WARNING,
            )
        )
    if misplaced:
        raise misplaced[0] if len(misplaced) == 1 else InputErrors(misplaced)
    year = _year(tree)
    indicators = tree.get("indicators")
    if indicators is None:
        raise InputError(msg("缺少 indicators（指标）", "'indicators' is missing"), tree.loc)
    if isinstance(indicators, Scalar) and indicators.tag.endswith(":null"):
        indicators = Mapping(indicators.loc)
    if not isinstance(indicators, Mapping):
        colon = colon_in_scalar(indicators)
        if colon is not None:
            raise colon
        raise InputError(
            msg(
                "indicators 必须是“指标 id: 数值”的映射",
                "'indicators' must be a mapping of indicator id to value",
            ),
            indicators.loc,
        )
    observations: dict[str, Observation] = {}
    problems: list[InputError] = []
    for key, (key_loc, node) in indicators.items.items():
        rule_id = names.resolve(key) or key
        earlier = observations.get(rule_id)
        if earlier is not None:
            problems.append(same_indicator_error(earlier, key, key_loc, rule_id))
            continue
        try:
            observations[rule_id] = observation(key, key_loc, node, warnings)
        except InputError as exc:
            problems.append(exc)
    if problems:
        raise problems[0] if len(problems) == 1 else InputErrors(problems)
    return Report(
        file=display,
        jurisdiction=jurisdiction,
        year=year,
        observations=observations,
        location=tree.loc,
        submitted_by=_text(tree.get("submitted_by")),
        submitted_on=_text(tree.get("submitted_on")),
        year_location=(tree.get("year") or tree).loc,
    )


def _where(loc: Location) -> tuple[str, str]:
    ref = loc.cell_ref()
    if ref is not None:
        return ref, ref
    return f"第 {loc.line} 行", f"line {loc.line}"


def same_indicator_error(
    earlier: Observation,
    key: str,
    key_loc: Location,
    rule_id: str,
    first_loc: Location | None = None,
    where: Callable[[Location], tuple[str, str]] | None = None,
) -> InputError:
    """Two entries of one report that name the same indicator (its id and its Chinese name,
    say): which value is meant cannot be guessed, as with a duplicate key."""
    where = where or _where
    first_loc = first_loc or earlier.key_location or earlier.location
    a_zh, a_en = where(first_loc)
    b_zh, b_en = where(key_loc)
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


def _unknown(key: str, known: tuple[str, ...], zh_what: str, en_what: str) -> Msg:
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


def _text(node: Node | None) -> str | None:
    if isinstance(node, Scalar) and not node.tag.endswith(":null"):
        return node.raw
    return None


def _jurisdiction(tree: Mapping, index: JurisdictionIndex) -> str:
    node = tree.get("jurisdiction")
    if node is None:
        raise InputError(
            msg("缺少 jurisdiction（地区）", "'jurisdiction' is missing"),
            tree.loc,
        )
    return resolve_jurisdiction(node, index)


def resolve_jurisdiction(node: Node, index: JurisdictionIndex) -> str:
    """A jurisdiction node (id or Chinese/English name) to a known jurisdiction id."""
    if not isinstance(node, Scalar) or node.tag.endswith(":null") or not node.raw.strip():
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


def _year(tree: Mapping) -> int:
    node = tree.get("year")
    if node is None:
        raise InputError(msg("缺少 year（年份）", "'year' is missing"), tree.loc)
    return parse_year(node)


def parse_year(node: Node, *, table: bool = False) -> int:
    """A year node to an int: four ASCII digits (after full-width normalisation), not a bool.
    In a table (``table``), also a whole number with a decimal point, 2023.0: what a float
    column of years gives when pandas or a spreadsheet writes it. A YAML or JSON report,
    written by hand or by a program that knows its types, must write the year as an integer."""
    if isinstance(node, Scalar):
        text = normalise_text(node.raw)
        if _YEAR.fullmatch(text) and not (node.plain and node.tag.endswith(":bool")):
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


def observation(key: str, key_loc: Location, node: Node, warnings: list[Diagnostic]) -> Observation:
    previous = previous_problem = previous_loc = note = verified = None
    declared_unit: str | None = None
    unit_problem: Node | None = None
    value_node: Node = node
    if isinstance(node, Mapping):
        for sub, (sub_loc, _) in node.items.items():
            if sub not in VALUE_KEYS:
                warnings.append(
                    Diagnostic(_unknown(sub, VALUE_KEYS, "键", "key"), sub_loc, Severity.WARNING)
                )
        value = node.get("value")
        if value is None:
            value = Scalar("", True, "tag:yaml.org,2002:null", node.loc)
        value_node = value
        unit_node = node.get("unit")
        declared_unit = _text(unit_node)
        unit_problem = _not_text(unit_node)
        prev_node = node.get("previous")
        if prev_node is not None:
            previous, previous_problem = parse_number(prev_node)
            previous_loc = prev_node.loc
        note = _text(node.get("note"))
        verified = _text(node.get("verified"))
        for name in ("note", "verified"):
            ignored = _not_text(node.get(name))
            if ignored is not None:
                warnings.append(_ignored_text(name, ignored))
        if verified is not None and not verified.strip():
            verified = None
    else:
        colon = colon_in_scalar(node, VALUE_KEYS)
        if colon is not None:
            raise colon
    number, problem = parse_number(value_node)
    if unit_problem is not None:
        # a unit that is not text cannot be applied, and the number without it may be read
        # in the wrong unit: the value is unusable, never judged as if no unit were given
        number, problem = (
            None,
            msg(
                "unit（单位）应为文本，这里是{zh}",
                "'unit' must be text, not {en}",
                zh=describe(unit_problem)[0],
                en=describe(unit_problem)[1],
            ),
        )
        previous = None
    elif declared_unit:
        if number is not None:
            number, problem = with_declared_unit(number, declared_unit)
        if previous is not None:
            previous, previous_problem = with_declared_unit(previous, declared_unit)
    raw = value_node.raw if isinstance(value_node, Scalar) else describe(value_node)[1]
    return Observation(
        indicator=key,
        number=number,
        problem=problem,
        location=value_node.loc,
        raw=raw,
        previous=previous,
        previous_problem=previous_problem,
        previous_location=previous_loc,
        note=note,
        key_location=key_loc,
        verified=verified,
    )
