"""Build Report objects from parsed report files (SPEC §2)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from planck.errors import InputError, Location
from planck.i18n import Msg, msg
from planck.model import Diagnostic, Observation, Report, RuleSet, Severity
from planck.sources.decode import DEFAULT_MAX_BYTES, decode_text, read_limited
from planck.sources.tree import Mapping, Node, Scalar, describe, parse_json, parse_yaml
from planck.values import normalise_text, parse_number, short, with_declared_unit

TOP_LEVEL_KEYS = ("planck", "jurisdiction", "year", "submitted_by", "submitted_on", "indicators")
VALUE_KEYS = ("value", "unit", "previous", "note")
_YEAR = re.compile(r"^[0-9]{4}$")
# Close-match suggestions compare strings pairwise; past this length none would be close anyway.
SUGGEST_MAX_LEN = 100


@dataclass
class JurisdictionIndex:
    """Jurisdiction ids and names known from the loaded rule sets."""

    rulesets: list[RuleSet]
    by_name: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for ruleset in self.rulesets:
            for j in ruleset.jurisdictions:
                for name in (j.id, j.name, j.name_en, j.name_en.lower()):
                    self.by_name.setdefault(name, j.id)

    def resolve(self, name: str) -> str | None:
        return self.by_name.get(name) or self.by_name.get(name.lower())

    def suggest(self, name: str) -> str | None:
        if len(name) > SUGGEST_MAX_LEN:
            return None
        close = difflib.get_close_matches(name, list(self.by_name), n=1, cutoff=0.6)
        return close[0] if close else None


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
    for key, (key_loc, _) in tree.items.items():
        if key not in TOP_LEVEL_KEYS:
            warnings.append(
                Diagnostic(
                    _unknown(key, TOP_LEVEL_KEYS, "顶层键", "top-level key"),
                    key_loc,
                    Severity.WARNING,
                )
            )
    version = tree.get("planck")
    if version is not None and not (isinstance(version, Scalar) and version.value == 1):
        raise InputError(
            msg(
                "不支持的报告格式版本（planck: 只能是 1）",
                "unsupported report format version (planck: must be 1)",
            ),
            version.loc,
        )
    jurisdiction = _jurisdiction(tree, index)
    year = _year(tree)
    indicators = tree.get("indicators")
    if indicators is None:
        raise InputError(msg("缺少 indicators（指标）", "'indicators' is missing"), tree.loc)
    if isinstance(indicators, Scalar) and indicators.tag.endswith(":null"):
        indicators = Mapping(indicators.loc)
    if not isinstance(indicators, Mapping):
        raise InputError(
            msg(
                "indicators 必须是“指标 id: 数值”的映射",
                "'indicators' must be a mapping of indicator id to value",
            ),
            indicators.loc,
        )
    observations = {
        key: observation(key, key_loc, node, warnings)
        for key, (key_loc, node) in indicators.items.items()
    }
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


def parse_year(node: Node) -> int:
    """A year node to an int: four ASCII digits (after full-width normalisation), not a bool."""
    if isinstance(node, Scalar):
        text = normalise_text(node.raw)
        if _YEAR.match(text) and not (node.plain and node.tag.endswith(":bool")):
            return int(text)
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
    previous = previous_problem = previous_loc = note = None
    declared_unit: str | None = None
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
        prev_node = node.get("previous")
        if prev_node is not None:
            previous, previous_problem = parse_number(prev_node)
            previous_loc = prev_node.loc
        note = _text(node.get("note"))
    number, problem = parse_number(value_node)
    if declared_unit:
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
    )
