"""YAML and JSON reports (SPEC §2): one file, one jurisdiction-year, as a positioned tree."""

from __future__ import annotations

from pathlib import Path

from planck.domain.names import IndicatorNames
from planck.domain.values import short
from planck.errors import InputError, InputErrors
from planck.i18n import msg
from planck.model import Diagnostic, Observation, Report, Severity
from planck.nodes import Mapping, Node, Scalar, Tag, describe
from planck.sources.context import ReadingContext
from planck.sources.decode import decode_text, read_limited
from planck.sources.entries import (
    observation,
    parse_year,
    resolve_jurisdiction,
    same_indicator_error,
    text_of,
    unknown_key,
)
from planck.sources.jsontree import parse_json
from planck.sources.tree import parse_yaml
from planck.sources.yamlerrors import colon_in_scalar

TOP_LEVEL_KEYS = ("planck", "jurisdiction", "year", "submitted_by", "submitted_on", "indicators")


def read_yaml(path: Path, ctx: ReadingContext) -> list[Report]:
    text = decode_text(read_limited(path, ctx.display, ctx.max_bytes), ctx.display)
    return [build_report(parse_yaml(text, ctx.display), ctx)]


def read_json(path: Path, ctx: ReadingContext) -> list[Report]:
    text = decode_text(read_limited(path, ctx.display, ctx.max_bytes), ctx.display)
    return [build_report(parse_json(text, ctx.display), ctx)]


def build_report(tree: Node, ctx: ReadingContext) -> Report:
    """The Report a parsed YAML or JSON file holds, or the InputError(s) that say why not."""
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
    _check_version(tree)
    jurisdiction = _jurisdiction(tree, ctx)
    names = ctx.index.indicators(jurisdiction)
    _check_top_level(tree, names, ctx.warnings)
    year = _year(tree)
    observations = _observations(_indicators(tree), names, ctx.warnings)
    return Report(
        file=ctx.display,
        jurisdiction=jurisdiction,
        year=year,
        observations=observations,
        location=tree.loc,
        submitted_by=text_of(tree.get("submitted_by")),
        submitted_on=text_of(tree.get("submitted_on")),
        year_location=(tree.get("year") or tree).loc,
    )


def _check_version(tree: Mapping) -> None:
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


def _check_top_level(tree: Mapping, names: IndicatorNames, warnings: list[Diagnostic]) -> None:
    """Unknown top-level keys are warnings; an indicator written at the top level (not
    indented under indicators:) is an input error, as its value would be lost."""
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
                unknown_key(key, TOP_LEVEL_KEYS, "顶层键", "top-level key"),
                key_loc,
                Severity.WARNING,
            )
        )
    if misplaced:
        raise misplaced[0] if len(misplaced) == 1 else InputErrors(misplaced)


def _jurisdiction(tree: Mapping, ctx: ReadingContext) -> str:
    node = tree.get("jurisdiction")
    if node is None:
        raise InputError(
            msg("缺少 jurisdiction（地区）", "'jurisdiction' is missing"),
            tree.loc,
        )
    return resolve_jurisdiction(node, ctx.index)


def _year(tree: Mapping) -> int:
    node = tree.get("year")
    if node is None:
        raise InputError(msg("缺少 year（年份）", "'year' is missing"), tree.loc)
    return parse_year(node)


def _indicators(tree: Mapping) -> Mapping:
    indicators = tree.get("indicators")
    if indicators is None:
        raise InputError(msg("缺少 indicators（指标）", "'indicators' is missing"), tree.loc)
    if isinstance(indicators, Scalar) and indicators.tag is Tag.NULL:
        return Mapping(indicators.loc)
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
    return indicators


def _observations(
    indicators: Mapping, names: IndicatorNames, warnings: list[Diagnostic]
) -> dict[str, Observation]:
    """Each entry under indicators: by rule id; every bad entry is reported, not the first."""
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
    return observations
